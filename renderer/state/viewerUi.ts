import { create } from 'zustand';

/** Transient UI state of the viewer (not part of the case or the view). */
export interface ViewerUi {
  /** The key-frame tag menu is open (K, or the bookmark button). */
  keyFrameMenu: boolean;
  /** The clip on screen is grayscale (window/level applies). */
  grayscale: boolean;
  /** What a drag on the image is doing now ("Brightness +5 % · contrast 110 %"), shown while it lasts; null otherwise. */
  dragStatus: string | null;
  openKeyFrameMenu(): void;
  closeKeyFrameMenu(): void;
  setGrayscale(g: boolean): void;
  setDragStatus(s: string | null): void;
}

export const useViewerUi = create<ViewerUi>((set) => ({
  keyFrameMenu: false,
  grayscale: false,
  dragStatus: null,
  openKeyFrameMenu: () => set({ keyFrameMenu: true }),
  closeKeyFrameMenu: () => set({ keyFrameMenu: false }),
  setGrayscale: (grayscale) => set({ grayscale }),
  setDragStatus: (dragStatus) => set({ dragStatus }),
}));
