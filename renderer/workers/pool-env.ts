/**
 * What the decode pool takes from its environment: how many workers, how to start one, and
 * whether the browser can decode images in a worker (pool.ts).
 */
import type { WorkerLike } from './pool-types';

/** Default pool size: one worker per logical core, at least 1, at most 4. */
export function defaultPoolSize(): number {
  const hc = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, hc));
}

/** The browser can decode and draw images off the main thread (createImageBitmap, OffscreenCanvas). */
export const browserImagingAvailable = (): boolean => typeof createImageBitmap === 'function' && typeof OffscreenCanvas !== 'undefined';

/** A real decode worker (decode.worker.ts, bundled by Vite). */
export function createBrowserWorker(): WorkerLike {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-decode' }) as unknown as WorkerLike;
}
