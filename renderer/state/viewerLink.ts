import { create } from 'zustand';
import type { ClipFacts } from '../../core/plan/clip-facts';
import type { ViewTransform } from '../../core/geometry/view-transform';

/**
 * What the 2D viewer gives the overlay in its slot (renderer/viewer2d `Viewer2DProps.overlay`; the
 * shell fills the slot with renderer/annotate): the file and frame on screen, where the image is
 * (image px → overlay CSS px) and how big the overlay is, and how to show another frame or file.
 */
export interface ViewerOverlayProps {
  /** The displayed file (renderer/state/files.ts entry). */
  file: { id: string; name: string; path: string; bytes: Uint8Array };
  /** The frame shown, 0-based. */
  frameIndex: number;
  frameCount: number;
  /** Image px → overlay CSS px. */
  transform: ViewTransform;
  /** Overlay size, CSS px. */
  width: number;
  height: number;
  /** Show a frame (plan panel: jump to an annotation's frame). */
  onSeek(frameIndex: number): void;
  /** Show another open file (plan panel: an annotation on another clip). */
  onShowFile(fileId: string): void;
}

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
