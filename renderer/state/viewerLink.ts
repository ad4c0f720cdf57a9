import { create } from 'zustand';
import type { ClipFacts } from '../../core/plan/clip-facts';
import type { ViewTransform } from '../../core/geometry/view-transform';

/**
 * What the plan panel needs from the 2D viewer, published by the annotation layer the viewer renders:
 * which file and frame are shown, which case clip that file is, and how to jump to a frame.
 */
export interface ViewerLinkState {
  /** The displayed file (renderer/state/files.ts id), or null when no clip is shown. */
  fileId: string | null;
  fileName: string;
  filePath: string;
  fileBytes: Uint8Array | null;
  facts: ClipFacts | null;
  /** The case clip showing in the viewer (matched by SHA-256), or null when the file is not in the case yet. */
  clipId: string | null;
  frameIndex: number;
  frameCount: number;
  transform: ViewTransform | null;
  /** Ask the viewer to show a frame (0-based). */
  seek: ((frameIndex: number) => void) | null;
  /** Ask the viewer to show one of the open files (by files-store id). */
  showFile: ((fileId: string) => void) | null;
  set(patch: Partial<Omit<ViewerLinkState, 'set'>>): void;
}

export const useViewerLink = create<ViewerLinkState>((set) => ({
  fileId: null,
  fileName: '',
  filePath: '',
  fileBytes: null,
  facts: null,
  clipId: null,
  frameIndex: 0,
  frameCount: 1,
  transform: null,
  seek: null,
  showFile: null,
  set: (patch) => set(patch),
}));
