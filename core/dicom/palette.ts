/**
 * Palette Color Lookup Tables (PS3.3 C.7.9, C.7.6.3.1.5-6): the descriptors and data (normal or
 * segmented) of a PALETTE COLOR image, expanded to one array per channel.
 */
import type { Reader } from './reader';
import { Tag } from './tags';
import type { PaletteLut } from './types';

/** Palette Color LUTs, normal or segmented (PS3.3 C.7.6.3.1.5-6, C.7.9.2). A string is an error. */
export function readPalette(r: Reader, bigEndian: boolean, warnings: string[]): PaletteLut | string {
  const descTags = [Tag.RedPaletteDescriptor, Tag.GreenPaletteDescriptor, Tag.BluePaletteDescriptor];
  const dataTags = [Tag.RedPaletteData, Tag.GreenPaletteData, Tag.BluePaletteData];
  const segTags = [Tag.SegmentedRedPaletteData, Tag.SegmentedGreenPaletteData, Tag.SegmentedBluePaletteData];
  const luts: Uint16Array[] = [];
  let first = 0;
  let bits = 16;
  for (let c = 0; c < 3; c++) {
    const n0 = r.u16(descTags[c]!, 0);
    const firstU = r.u16(descTags[c]!, 1);
    const b = r.u16(descTags[c]!, 2);
    if (n0 === undefined || firstU === undefined || b === undefined) return 'PALETTE COLOR image without a complete Palette Color LUT Descriptor.';
    const n = n0 === 0 ? 65536 : n0;
    // First mapped value is US or SS depending on Pixel Representation; read the bits as stored.
    first = r.i16(descTags[c]!, 1) !== undefined && (r.u16(Tag.PixelRepresentation) ?? 0) === 1 ? r.i16(descTags[c]!, 1)! : firstU;
    bits = b;
    const raw = r.bytes(segTags[c]!) ?? r.bytes(dataTags[c]!);
    if (!raw) return 'PALETTE COLOR image without Palette Color LUT Data.';
    const segmented = r.bytes(segTags[c]!) !== undefined;
    const words = wordsOf(raw, bigEndian);
    let lut: Uint16Array | string;
    if (segmented) {
      lut = expandSegmentedLut(words, n);
    } else if (b === 8 && raw.length === n + (n % 2)) {
      // 8-bit entries packed two per OW word (byte order follows the data set).
      const bytes = bigEndian ? swapPairs(raw) : raw;
      lut = new Uint16Array(n);
      for (let i = 0; i < n; i++) lut[i] = bytes[i]!;
    } else {
      if (words.length < n) return `Palette Color LUT Data has ${words.length} entries; the descriptor declares ${n}.`;
      lut = words.subarray(0, n);
      if (b === 8) {
        // 8-bit entries stored one per 16-bit word: use the byte that carries the values.
        let hi = false;
        for (let i = 0; i < n; i++) if ((lut as Uint16Array)[i]! > 255) hi = true;
        if (hi) lut = lut.map((v) => v >> 8);
      }
    }
    if (typeof lut === 'string') return lut;
    if (lut.length !== n) warnings.push(`Palette LUT ${'RGB'[c]} has ${lut.length} entries; ${n} declared.`);
    luts.push(lut);
  }
  if (bits !== 8 && bits !== 16) warnings.push(`Palette LUT entries of ${bits} bits; read as 16-bit.`);
  return { firstMapped: first, bits: bits === 8 ? 8 : 16, red: luts[0]!, green: luts[1]!, blue: luts[2]! };
}

function swapPairs(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
}

function wordsOf(raw: Uint8Array, bigEndian: boolean): Uint16Array {
  const n = raw.length >> 1;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = bigEndian ? (raw[2 * i]! << 8) | raw[2 * i + 1]! : raw[2 * i]! | (raw[2 * i + 1]! << 8);
  return out;
}

/**
 * Expand a Segmented Palette Color LUT (PS3.3 C.7.9.2): opcode 0 discrete (n values), 1 linear
 * (ramp over n entries from the previous value to y), 2 indirect (copy n segments starting at a
 * 32-bit word offset). Returns an error string on malformed data; output is capped at `entries`.
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array | string {
  const out = new Uint16Array(entries);
  let o = 0;
  const run = (start: number, end: number, depth: number): string | undefined => {
    if (depth > 2) return 'Segmented palette LUT: indirect segments nest too deeply.';
    let i = start;
    let guard = 0;
    while (i < end) {
      if (++guard > 1_000_000) return 'Segmented palette LUT: too many segments.';
      const op = words[i]!;
      const len = words[i + 1];
      if (len === undefined) return 'Segmented palette LUT: segment header cut short.';
      if (op === 0) {
        if (i + 2 + len > end) return 'Segmented palette LUT: discrete segment runs past the data.';
        for (let k = 0; k < len && o < entries; k++) out[o++] = words[i + 2 + k]!;
        i += 2 + len;
      } else if (op === 1) {
        const y1 = words[i + 2];
        if (y1 === undefined) return 'Segmented palette LUT: linear segment cut short.';
        if (o === 0) return 'Segmented palette LUT: linear segment with no previous value.';
        const y0 = out[o - 1]!;
        for (let k = 1; k <= len && o < entries; k++) out[o++] = Math.round(y0 + ((y1 - y0) * k) / len);
        i += 3;
      } else if (op === 2) {
        const lo = words[i + 2];
        const hi = words[i + 3];
        if (lo === undefined || hi === undefined) return 'Segmented palette LUT: indirect segment cut short.';
        let p = lo + hi * 65536;
        for (let s = 0; s < len; s++) {
          if (p >= words.length) return 'Segmented palette LUT: indirect offset outside the data.';
          const sop = words[p]!;
          const slen = words[p + 1] ?? 0;
          const size = sop === 0 ? 2 + slen : sop === 1 ? 3 : 4;
          if (sop === 2) return 'Segmented palette LUT: indirect segment points to an indirect segment.';
          const e = run(p, Math.min(p + size, words.length), depth + 1);
          if (e) return e;
          p += size;
        }
        i += 4;
      } else {
        return `Segmented palette LUT: unknown segment type ${op}.`;
      }
    }
    return undefined;
  };
  const e = run(0, words.length, 0);
  if (e) return e;
  if (o < entries) return out.subarray(0, o).length === 0 ? 'Segmented palette LUT is empty.' : out.subarray(0, o);
  return out;
}
