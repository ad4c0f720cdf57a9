/**
 * Reading a ZIP archive without trusting it: the central directory is listed first (names, sizes,
 * offsets; nothing inflated), then only the entries the caller asks for are inflated, one at a time,
 * through fflate's streaming Inflate in small input chunks, so that an entry producing more than it
 * declared or than the caller allows is stopped within a few megabytes (a zip bomb ends in an error,
 * not in gigabytes of memory). APPNOTE.TXT 6.3.10 (PKWARE) is the format reference.
 */
import { Inflate } from 'fflate';

/** One entry of the central directory. Sizes as declared (bytes). */
export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflated (the only methods read). */
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  /** Offset of the local file header. */
  localOffset: number;
}

/** Why an archive or entry could not be read (a sentence, no stack). */
export class ZipError extends Error {}

const u16 = (b: Uint8Array, o: number) => b[o]! | (b[o + 1]! << 8);
const u32 = (b: Uint8Array, o: number) => (b[o]! | (b[o + 1]! << 8) | (b[o + 2]! << 16)) + b[o + 3]! * 0x1000000;
const u64 = (b: Uint8Array, o: number) => u32(b, o) + u32(b, o + 4) * 0x100000000;
const latin1 = (b: Uint8Array) => String.fromCharCode(...b);
const utf8 = new TextDecoder('utf-8');

/**
 * List the central directory (zip64 included). Throws ZipError when the bytes are not a ZIP archive
 * or its directory runs outside them; at most `maxEntries` entries.
 */
export function listZip(b: Uint8Array, maxEntries: number): ZipEntry[] {
  let e = -1;
  for (let i = b.length - 22; i >= 0 && i >= b.length - 22 - 0xffff; i--) {
    if (u32(b, i) === 0x06054b50) {
      e = i;
      break;
    }
  }
  if (e < 0) throw new ZipError('no ZIP end-of-directory record');
  let count = u16(b, e + 10);
  let cdOffset = u32(b, e + 16);
  if ((count === 0xffff || cdOffset === 0xffffffff) && e >= 20 && u32(b, e - 20) === 0x07064b50) {
    const z = u64(b, e - 12);
    if (z + 56 > b.length || u32(b, z) !== 0x06064b50) throw new ZipError('damaged zip64 end-of-directory record');
    count = u64(b, z + 32);
    cdOffset = u64(b, z + 48);
  }
  if (count > maxEntries) throw new ZipError(`${count} entries (at most ${maxEntries} are read)`);
  const out: ZipEntry[] = [];
  let p = cdOffset;
  for (let k = 0; k < count; k++) {
    if (p + 46 > b.length || u32(b, p) !== 0x02014b50) throw new ZipError('damaged central directory');
    const flags = u16(b, p + 8);
    const nameLen = u16(b, p + 28);
    const extraLen = u16(b, p + 30);
    const commentLen = u16(b, p + 32);
    if (p + 46 + nameLen + extraLen > b.length) throw new ZipError('central directory runs past the end of the file');
    const rawName = b.subarray(p + 46, p + 46 + nameLen);
    const entry: ZipEntry = {
      name: flags & 0x800 ? utf8.decode(rawName) : latin1(rawName),
      method: u16(b, p + 10),
      compressedSize: u32(b, p + 20),
      uncompressedSize: u32(b, p + 24),
      localOffset: u32(b, p + 42),
    };
    zip64Sizes(entry, b.subarray(p + 46 + nameLen, p + 46 + nameLen + extraLen));
    out.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return out;
}

/** Zip64 extended information (extra field 0x0001): 64-bit values for the fields stored as 0xFFFFFFFF, in order. */
function zip64Sizes(e: ZipEntry, extra: Uint8Array): void {
  for (let i = 0; i + 4 <= extra.length; ) {
    const id = u16(extra, i);
    const len = u16(extra, i + 2);
    if (id === 0x0001) {
      let q = i + 4;
      const next = () => {
        if (q + 8 > i + 4 + len || q + 8 > extra.length) throw new ZipError('damaged zip64 extra field');
        const v = u64(extra, q);
        q += 8;
        return v;
      };
      if (e.uncompressedSize === 0xffffffff) e.uncompressedSize = next();
      if (e.compressedSize === 0xffffffff) e.compressedSize = next();
      if (e.localOffset === 0xffffffff) e.localOffset = next();
      return;
    }
    i += 4 + len;
  }
}

/** Input fed to the inflater per step: at deflate's ~1,032:1 limit, at most ~16.5 MB of output per step. */
const INFLATE_STEP = 16 * 1024;

/**
 * Inflate (or copy) one entry into a new array of exactly its declared size. Throws ZipError when
 * the entry's data lie outside the archive, its method is not stored/deflate, or it produces more
 * or fewer bytes than declared (checked while inflating: the output never exceeds the declaration).
 */
export function readZipEntry(b: Uint8Array, e: ZipEntry): Uint8Array {
  const h = e.localOffset;
  if (h + 30 > b.length || u32(b, h) !== 0x04034b50) throw new ZipError(`no local header for ${e.name}`);
  const start = h + 30 + u16(b, h + 26) + u16(b, h + 28);
  const end = start + e.compressedSize;
  if (end > b.length) throw new ZipError(`${e.name} runs past the end of the file`);
  const data = b.subarray(start, end);
  if (e.method === 0) {
    if (e.compressedSize !== e.uncompressedSize) throw new ZipError(`${e.name} is stored with two different sizes`);
    return data.slice();
  }
  if (e.method !== 8) throw new ZipError(`${e.name} uses compression method ${e.method} (only stored and deflate are read)`);
  const out = new Uint8Array(e.uncompressedSize);
  let n = 0;
  let done = false;
  const inflater = new Inflate((chunk, final) => {
    if (n + chunk.length > out.length) throw new ZipError(`${e.name} inflates to more than the ${e.uncompressedSize} bytes it declares`);
    out.set(chunk, n);
    n += chunk.length;
    if (final) done = true;
  });
  try {
    for (let i = 0; i < data.length; i += INFLATE_STEP) inflater.push(data.subarray(i, Math.min(data.length, i + INFLATE_STEP)), i + INFLATE_STEP >= data.length);
    if (data.length === 0) inflater.push(new Uint8Array(0), true);
  } catch (x) {
    if (x instanceof ZipError) throw x;
    throw new ZipError(`${e.name}: ${x instanceof Error ? x.message : String(x)}`);
  }
  if (!done || n !== out.length) throw new ZipError(`${e.name} inflates to ${n} bytes, not the ${e.uncompressedSize} it declares`);
  return out;
}
