/**
 * Hash worker: the SHA-256 of one file's bytes, by WebCrypto, off the renderer's main thread
 * (Chromium runs `crypto.subtle.digest` on the calling thread: 1.4–2.3 s for a 100 MB clip on the
 * main thread at load 17, docs/BENCHMARKS.md). Started for one job and terminated after it (hash.ts).
 */
import { sha256HexAsync } from '../../core/plan/hash';

self.onmessage = (e: MessageEvent<Uint8Array>) => {
  void sha256HexAsync(e.data).then(
    (hex) => self.postMessage({ hex }),
    (err: unknown) => self.postMessage({ error: String(err) }),
  );
};
