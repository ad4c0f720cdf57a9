/**
 * The proof that a drop really handed the renderer a file (see DropClaim in ./ipc-contract.ts).
 *
 * The preload reads these byte ranges from the dropped `File` and hashes them; the main process
 * reads the same ranges from the path and compares. Knowing the SHA-256 of a file's first and last
 * 64 KiB (the whole file up to 128 KiB) means already holding its contents, so granting the path
 * reveals nothing a renderer did not have. Imports nothing: shared by the preload and main.
 */

/** Bytes sampled from each end of a dropped file. */
export const DROP_SAMPLE_BYTES = 64 * 1024;

/** The [start, end) byte ranges sampled from a file of `size` bytes: the head, then the tail (if any left). */
export function dropSampleRanges(size: number): [number, number][] {
  const head: [number, number] = [0, Math.min(size, DROP_SAMPLE_BYTES)];
  if (size <= DROP_SAMPLE_BYTES) return [head];
  return [head, [Math.max(DROP_SAMPLE_BYTES, size - DROP_SAMPLE_BYTES), size]];
}

/** Lower-case hex of a digest. */
export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  let s = '';
  for (const b of u8) s += b.toString(16).padStart(2, '0');
  return s;
}
