import { create } from 'zustand';

export type ViewMode = '2d' | '3d' | 'split';
export type Dialog = 'shortcuts' | 'about' | null;

interface LayoutState {
  view: ViewMode;
  dialog: Dialog;
  leftOpen: boolean;
  rightOpen: boolean;
  setView(v: ViewMode): void;
  openDialog(d: Dialog): void;
  toggleLeft(): void;
  toggleRight(): void;
}

export const useLayout = create<LayoutState>((set) => ({
  view: '2d',
  dialog: null,
  leftOpen: true,
  rightOpen: true,
  setView: (view) => set({ view }),
  openDialog: (dialog) => set({ dialog }),
  toggleLeft: () => set((s) => ({ leftOpen: !s.leftOpen })),
  toggleRight: () => set((s) => ({ rightOpen: !s.rightOpen })),
}));
