import { create } from 'zustand';

/** Transient UI state of the viewer (not part of the case or the view). */
export interface ViewerUi {
  /** The key-frame tag menu is open (K, or the bookmark button). */
  keyFrameMenu: boolean;
  /** The clip on screen is grayscale (window/level applies). */
  grayscale: boolean;
  openKeyFrameMenu(): void;
  closeKeyFrameMenu(): void;
  setGrayscale(g: boolean): void;
}

export const useViewerUi = create<ViewerUi>((set) => ({
  keyFrameMenu: false,
  grayscale: false,
  openKeyFrameMenu: () => set({ keyFrameMenu: true }),
  closeKeyFrameMenu: () => set({ keyFrameMenu: false }),
  setGrayscale: (grayscale) => set({ grayscale }),
}));
