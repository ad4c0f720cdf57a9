/**
 * The case's key images: each requested frame (./overlays keyImageRequests) decoded through the
 * platform's frame decoder and drawn with its annotations, needle path and numbers by core/notes —
 * the same pixels in the CLI, the export dialog and the note preview.
 */
import { toRgba } from '../../dicom/pixels';
import { renderKeyImage, type KeyImage } from '../../notes/keyimages';
import type { Case, ClipMeasurements } from '../../plan/index';
import type { AppError } from '../../result';
import type { FrameDecoder } from '../ports';
import { keyImageRequests, type KeyImageRequest } from './overlays';

export interface KeyImagesResult {
  images: KeyImage[];
  /** One per frame that could not be drawn (the clip is not open, the frame does not decode). */
  errors: AppError[];
}

export interface KeyImageOptions {
  /** Images drawn before, by what they show (`keyImageKey`): only changed ones are drawn again. */
  cache?: Map<string, KeyImage>;
  /** Most images kept in `cache` (oldest dropped first). */
  cacheMax?: number;
  onProgress?(done: number, total: number): void;
  /** Called between images (the app lets the UI breathe). */
  yieldBetween?(): Promise<void>;
}

/** What makes a key image: the clip's bytes (SHA-256) and the request (frame, shapes, caption). */
export function keyImageKey(sha256: string, r: KeyImageRequest): string {
  return `${sha256}|${JSON.stringify(r)}`;
}

/** Draws every key image of the case; frames that fail are reported in `errors`, not thrown. */
export async function renderKeyImages(plan: Case, measurements: readonly ClipMeasurements[], frames: FrameDecoder, opts: KeyImageOptions = {}): Promise<KeyImagesResult> {
  const reqs = keyImageRequests(plan, measurements);
  const images: KeyImage[] = [];
  const errors: AppError[] = [];
  const failedClips = new Set<string>();
  let done = 0;
  opts.onProgress?.(0, reqs.length);
  for (const r of reqs) {
    const clip = plan.clips.find((c) => c.id === r.clipId);
    if (!clip) continue;
    const key = keyImageKey(clip.sha256, r);
    const hit = opts.cache?.get(key);
    if (hit) images.push(hit);
    else if (!failedClips.has(clip.id)) {
      const f = await frames.decode(clip, r.frameIndex);
      if (!f.ok) {
        // One message per clip that is not open; one per frame that does not decode.
        if (f.error.code === 'note/clip-missing') failedClips.add(clip.id);
        errors.push({ ...f.error, title: f.error.code === 'note/clip-missing' ? f.error.title : `${clip.displayName}, frame ${r.frameIndex + 1}: ${f.error.title}`, file: f.error.file ?? clip.displayName });
      } else {
        const img = renderKeyImage({ width: f.value.width, height: f.value.height, data: toRgba(f.value) }, r.shapes, r.caption, { clipId: r.clipId, frameIndex: r.frameIndex });
        if (opts.cache) {
          opts.cache.set(key, img);
          if (opts.cache.size > (opts.cacheMax ?? 48)) opts.cache.delete(opts.cache.keys().next().value!);
        }
        images.push(img);
      }
    }
    opts.onProgress?.(++done, reqs.length);
    await opts.yieldBetween?.();
  }
  return { images, errors };
}
