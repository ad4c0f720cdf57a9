import { create } from 'zustand';
import type { Affine } from '../../core/geometry/view-transform';

/**
 * Where the image is on screen (published by the player after each render that changed it), for
 * the overlay layer: the image → canvas transform and the canvas size, CSS px.
 */
export interface ViewportGeometry {
  m: Affine | null;
  canvasW: number;
  canvasH: number;
  set(m: Affine, w: number, h: number): void;
  clear(): void;
}

export const useViewportGeometry = create<ViewportGeometry>((set, get) => ({
  m: null,
  canvasW: 0,
  canvasH: 0,
  set(m, w, h) {
    const s = get();
    if (s.canvasW === w && s.canvasH === h && s.m && s.m.every((v, i) => Math.abs(v - m[i]!) < 1e-6)) return;
    set({ m, canvasW: w, canvasH: h });
  },
  clear() {
    set({ m: null });
  },
}));
