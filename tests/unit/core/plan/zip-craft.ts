/**
 * A ZIP writer for tests that writes whatever it is told: entry data as given (already deflated or
 * stored), sizes as declared (true or not), names as given. For hostile bundles (bombs, lying
 * sizes, unsafe names) that no honest zipper produces. APPNOTE.TXT 4.3.7, 4.3.12, 4.3.16.
 */
import { deflateRawSync, constants } from 'node:zlib';

export interface CraftedEntry {
  name: string;
  /** The bytes stored in the archive (deflated when method is 8). */
  data: Uint8Array;
  method: 0 | 8;
  /** Uncompressed size written in both headers (default: the truth for stored data). */
  declaredSize?: number;
}

export function craftZip(entries: CraftedEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = new TextEncoder().encode(e.name);
    const size = e.declaredSize ?? e.data.length;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x800, true); // UTF-8 names
    lv.setUint16(8, e.method, true);
    lv.setUint32(18, e.data.length, true);
    lv.setUint32(22, size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x800, true);
    cv.setUint16(10, e.method, true);
    cv.setUint32(20, e.data.length, true);
    cv.setUint32(24, size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, e.data);
    central.push(cd);
    offset += local.length + e.data.length;
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const eocd = new Uint8Array(22);
  const ev = new DataView(eocd.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const all = [...parts, ...central, eocd];
  const out = new Uint8Array(all.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of all) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** Raw deflate of `mib` MiB of zeros, made from one full-flushed 1 MiB segment repeated (cheap to build: 1 GiB ≈ 1 MB). */
export function zerosDeflated(mib: number): Uint8Array {
  const segment = deflateRawSync(new Uint8Array(1 << 20), { level: 9, finishFlush: constants.Z_FULL_FLUSH });
  const out = new Uint8Array(segment.length * mib + 2);
  for (let i = 0; i < mib; i++) out.set(segment, i * segment.length);
  out.set([0x03, 0x00], segment.length * mib); // a final, empty fixed-Huffman block
  return out;
}

/** Raw deflate of some bytes (a normal entry). */
export function deflated(b: Uint8Array): Uint8Array {
  return new Uint8Array(deflateRawSync(b));
}
