/**
 * Safe readers over a dicom-parser DataSet: every value is checked against the element's length and
 * the bytes that exist, so a damaged header gives `undefined`, never an exception or garbage.
 */
import type { DataSet, Element } from 'dicom-parser';
import { decodeText, parseCharset, type CharsetSpec } from './charset';

/** Longest text value decoded, bytes (LT/UT may legally be larger; BlockPlan reads only short ones). */
const MAX_TEXT_BYTES = 1 << 20;

export class Reader {
  private charset: CharsetSpec | undefined;

  /** `charset`: the Specific Character Set for text values (see `text`); the default repertoire when absent. */
  constructor(
    readonly ds: DataSet,
    charset?: CharsetSpec,
  ) {
    this.charset = charset;
  }

  private el(tag: string, bytes: number, index = 0): Element | undefined {
    const e = this.ds.elements[tag];
    if (!e || e.length === undefined || e.length < bytes * (index + 1) || e.length === 0xffffffff) return undefined;
    if (e.dataOffset + bytes * (index + 1) > this.ds.byteArray.length) return undefined;
    return e;
  }
  has(tag: string): boolean {
    return this.ds.elements[tag] !== undefined;
  }
  u16(tag: string, index = 0): number | undefined {
    return this.el(tag, 2, index) ? this.ds.uint16(tag, index) : undefined;
  }
  i16(tag: string, index = 0): number | undefined {
    return this.el(tag, 2, index) ? this.ds.int16(tag, index) : undefined;
  }
  u32(tag: string, index = 0): number | undefined {
    return this.el(tag, 4, index) ? this.ds.uint32(tag, index) : undefined;
  }
  i32(tag: string, index = 0): number | undefined {
    return this.el(tag, 4, index) ? this.ds.int32(tag, index) : undefined;
  }
  f64(tag: string, index = 0): number | undefined {
    return this.el(tag, 8, index) ? this.ds.double(tag, index) : undefined;
  }
  /** An ASCII value (CS, UI, DA, DS, IS …): trimmed, trailing NULs removed; undefined when empty. */
  str(tag: string): string | undefined {
    const e = this.el(tag, 1);
    if (!e || e.length > MAX_TEXT_BYTES) return undefined;
    const s = this.ds.string(tag);
    return s === undefined || s === '' ? undefined : s.replace(/\0+$/, '');
  }
  /**
   * A text value (SH, LO, ST, LT, PN, UC, UT) decoded with the Specific Character Set (see ./charset),
   * padding removed; undefined when absent or empty. `personName`: PN rules ("=" separates groups).
   */
  text(tag: string, personName = false): string | undefined {
    const b = this.bytes(tag);
    if (!b || b.length === 0 || b.length > MAX_TEXT_BYTES) return undefined;
    const nul = b.indexOf(0);
    const s = decodeText(nul >= 0 ? b.subarray(0, nul) : b, this.charset ?? parseCharset(undefined), personName).trim();
    return s === '' ? undefined : s;
  }
  /** All backslash-separated numbers of a DS/IS element (undefined when absent or not numeric). */
  numbers(tag: string, max = MAX_TEXT_BYTES): number[] | undefined {
    const e = this.el(tag, 1);
    if (!e || e.length > max) return undefined;
    const s = this.ds.string(tag);
    if (s === undefined || s.trim() === '') return undefined;
    const v = s.split('\\').map((x) => Number(x.trim()));
    return v.every((x) => Number.isFinite(x)) ? v : undefined;
  }
  num(tag: string): number | undefined {
    return this.numbers(tag, 1024)?.[0];
  }
  /** Raw bytes of an element, clipped to the bytes that exist. */
  bytes(tag: string): Uint8Array | undefined {
    const e = this.ds.elements[tag];
    if (!e || e.length === undefined || e.length === 0xffffffff) return undefined;
    const end = Math.min(e.dataOffset + e.length, this.ds.byteArray.length);
    if (e.dataOffset > end) return undefined;
    return (this.ds.byteArray as Uint8Array).subarray(e.dataOffset, end);
  }
  attributeTags(tag: string): string[] | undefined {
    const e = this.el(tag, 4);
    if (!e) return undefined;
    const out: string[] = [];
    for (let i = 0; i * 4 + 4 <= e.length && i < 64; i++) {
      const g = this.ds.uint16(tag, i * 2)!;
      const el = this.ds.uint16(tag, i * 2 + 1)!;
      out.push(`x${g.toString(16).padStart(4, '0')}${el.toString(16).padStart(4, '0')}`);
    }
    return out;
  }
}
