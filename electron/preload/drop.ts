/**
 * What the preload tells the main process about a drop (DropClaim): the path Electron knows for
 * each dropped `File`, and for a file the SHA-256 of its sampled bytes read from that `File`.
 * Pure (Electron's webUtils and WebCrypto are passed in) so tests can run it in Node.
 */
import { dropSampleRanges, toHex } from '../drop-proof';
import type { DropClaim } from '../ipc-contract';

/** The slice of WebCrypto's SubtleCrypto used here. */
export interface Digester {
  digest(algorithm: 'SHA-256', data: Uint8Array<ArrayBuffer>): Promise<ArrayBuffer>;
}

/** Most items one drop passes on (the main process refuses more). */
export const MAX_DROP_ITEMS = 1000;

/** SHA-256 (hex) of the sampled ranges of a dropped file, or null when it cannot be read as a file (a folder). */
export async function sampleDigest(file: Blob, subtle: Digester): Promise<string | null> {
  try {
    const ranges = dropSampleRanges(file.size);
    const parts = await Promise.all(ranges.map(([a, b]) => file.slice(a, b).arrayBuffer()));
    const expected = ranges.reduce((n, [a, b]) => n + (b - a), 0);
    const all = new Uint8Array(expected);
    let at = 0;
    for (const p of parts) {
      if (at + p.byteLength > expected) return null;
      all.set(new Uint8Array(p), at);
      at += p.byteLength;
    }
    if (at !== expected) return null;
    return toHex(await subtle.digest('SHA-256', all));
  } catch {
    return null; // a folder (or a file that cannot be read): the main process decides by what is on disk
  }
}

function isBlobLike(f: unknown): f is Blob {
  return typeof f === 'object' && f !== null && typeof (f as Blob).slice === 'function' && typeof (f as Blob).size === 'number' && Number.isSafeInteger((f as Blob).size);
}

/**
 * Claims for the dropped `files` (DataTransfer.files, as the renderer passes them). Anything that
 * is not a Blob, or has no path (a File the page made itself), is left out.
 */
export async function dropClaims(files: readonly unknown[], pathFor: (f: Blob) => string, subtle: Digester): Promise<DropClaim[]> {
  const out: DropClaim[] = [];
  for (const f of Array.from(files).slice(0, MAX_DROP_ITEMS)) {
    // Duck-typed: objects crossing the context bridge need not be `instanceof` this world's Blob.
    if (!isBlobLike(f)) continue;
    let p = '';
    try {
      p = pathFor(f);
    } catch {
      p = '';
    }
    if (!p) continue;
    const sample = await sampleDigest(f, subtle);
    out.push(sample === null ? { path: p } : { path: p, size: f.size, sampleSha256: sample });
  }
  return out;
}
