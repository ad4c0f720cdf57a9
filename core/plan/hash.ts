import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

/** SHA-256 of bytes as 64 lower-case hex digits (the form stored in `clips[].sha256`). */
export function sha256Hex(bytes: Uint8Array): string {
  return bytesToHex(sha256(bytes));
}

/** The platform's WebCrypto digest, where there is one (browsers, Electron, Node ≥ 19). */
type Digest = (algorithm: 'SHA-256', data: Uint8Array) => Promise<ArrayBuffer>;
const platformDigest = (): Digest | undefined => {
  const subtle = (globalThis as { crypto?: { subtle?: { digest?: unknown } } }).crypto?.subtle;
  return typeof subtle?.digest === 'function' ? (subtle.digest.bind(subtle) as Digest) : undefined;
};

/**
 * The same digest as sha256Hex by WebCrypto (the CPU's SHA instructions): 3–5× faster than the
 * JavaScript hash in Chromium (docs/BENCHMARKS.md). Chromium computes it on the calling thread, so
 * the renderer calls it in a worker (renderer/workers/hash.ts). Falls back to sha256Hex where there
 * is no WebCrypto (or `digest` is null: tests).
 */
export async function sha256HexAsync(bytes: Uint8Array, digest: Digest | null = platformDigest() ?? null): Promise<string> {
  if (!digest) return sha256Hex(bytes);
  return bytesToHex(new Uint8Array(await digest('SHA-256', bytes)));
}
