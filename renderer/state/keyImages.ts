import { create } from 'zustand';
import type { KeyImage } from '../../core/notes/keyimages';
import type { AppError } from '../../core/result';

/**
 * The open case's key images for the note (rendered once per change of what they show, shared by the
 * note panel and the editor; renderer/ui/note/model.ts keeps them up to date).
 */
export interface KeyImageState {
  /** What the images show (see `keyOf` in ui/note/model.ts); null before the first render. */
  key: string | null;
  images: KeyImage[];
  errors: AppError[];
  busy: boolean;
  /** Blob URLs of the images' PNGs, for <img> (revoked when replaced). */
  urls: Map<KeyImage, string>;
}

export const useKeyImages = create<KeyImageState>(() => ({ key: null, images: [], errors: [], busy: false, urls: new Map() }));
