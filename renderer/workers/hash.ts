/**
 * SHA-256 of a file's bytes without holding the main thread (the case recognises clips by it,
 * core/plan/clip-facts.ts): a worker started for the one job (hash.worker.ts) gets a copy of the
 * bytes and hashes them with WebCrypto, then is terminated, so its copy is freed at once. Where
 * there are no workers (tests in jsdom) or the worker fails, core's sha256HexAsync on this thread.
 * Same digest either way (tests/unit/core/plan/hash.test.ts; the e2e plan tests match clips by it).
 */
import { sha256HexAsync } from '../../core/plan/hash';

export function sha256HexOffThread(bytes: Uint8Array): Promise<string> {
  if (typeof Worker === 'undefined') return sha256HexAsync(bytes);
  return new Promise<string>((resolve) => {
    let w: Worker;
    const fallback = () => {
      w?.terminate();
      resolve(sha256HexAsync(bytes));
    };
    try {
      w = new Worker(new URL('./hash.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-hash' });
    } catch {
      fallback();
      return;
    }
    w.onmessage = (e: MessageEvent<{ hex?: string; error?: string }>) => {
      if (typeof e.data.hex !== 'string') return fallback();
      w.terminate();
      resolve(e.data.hex);
    };
    w.onerror = fallback;
    w.postMessage(bytes);
  });
}
