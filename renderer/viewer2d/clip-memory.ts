/**
 * How the memory setting ("Memory for open clips") is shared. It covers the open clips as a whole:
 * the DICOM files' own bytes (held to decode from), the frames on their way between the cache and
 * the decoders (in flight, and dropped frames' buffers waiting to be decoded into), a fixed reserve
 * for the decoders' and the display's own memory, and decoded frames in the cache get the rest.
 */
import { MB } from './frame-cache';

/** Decoded frames always get at least this much, whatever the open files take, bytes. */
export const MIN_FRAME_BUDGET = 64 * MB;
/**
 * Memory the viewer needs besides files and frames, reserved out of the memory setting, bytes: each
 * decode worker's WebAssembly heap and JavaScript heap (measured 7–45 MB per worker while playing,
 * docs/BENCHMARKS.md, Viewer) and the display's canvases and compositor buffers (≈ 15–30 MB at
 * 1440 × 900).
 */
export const RESERVE_PER_WORKER = 32 * MB;
export const DISPLAY_RESERVE = 16 * MB;

/** The frame cache's budget, bytes: the setting less files, frames in transit and the reserve (≥ MIN_FRAME_BUDGET). */
export function frameBudgetBytes(o: { settingMb: number; fileBytes: number; transitBytes: number; reserveBytes: number }): number {
  return Math.max(MIN_FRAME_BUDGET, o.settingMb * MB - o.fileBytes - o.transitBytes - o.reserveBytes);
}

/** The decode workers' and the display's working memory for a pool of `workers`, bytes. */
export const reserveBytes = (workers: number): number => workers * RESERVE_PER_WORKER + DISPLAY_RESERVE;
