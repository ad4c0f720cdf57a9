/**
 * Data elements and their Explicit VR Little Endian encoding (PS3.5 §7.1.2).
 *
 * Values are validated against the VR rules of PS3.5 Table 6.2-1 (length, character repertoire),
 * and padded to an even length: UI with NUL (0x00), OB with 0x00, other text with a space (PS3.5 §6.2).
 * Sequences and items are written with defined lengths (PS3.5 §7.5.1).
 */
import { ByteWriter } from './byte-writer';
import { TAG, tagString } from './tags';

/** Text VRs (values are strings; several values are joined with `\`). */
export type StringVR = 'AE' | 'AS' | 'CS' | 'DA' | 'DS' | 'DT' | 'IS' | 'LO' | 'LT' | 'PN' | 'SH' | 'ST' | 'TM' | 'UC' | 'UI' | 'UR' | 'UT';
/** Binary numeric VRs; AT values are tags (0xGGGGEEEE). */
export type NumberVR = 'US' | 'UL' | 'SS' | 'SL' | 'FL' | 'FD' | 'AT';
/** Byte-stream VRs. */
export type BytesVR = 'OB' | 'OW' | 'UN';

export type DataElement =
  | { tag: number; vr: StringVR; value: string | readonly string[] }
  | { tag: number; vr: NumberVR; value: number | readonly number[] }
  | { tag: number; vr: BytesVR; value: Uint8Array }
  | { tag: number; vr: 'SQ'; items: readonly (readonly DataElement[])[] };

/** A value that breaks a VR rule, or a dataset that cannot be encoded. Programmer error: the spec is wrong. */
export class DicomWriteError extends Error {
  constructor(
    message: string,
    readonly tag?: number,
  ) {
    super(tag === undefined ? message : `${tagString(tag)}: ${message}`);
    this.name = 'DicomWriteError';
  }
}

/** VRs whose explicit-VR header has 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

/** Maximum length in characters of one value (PS3.5 Table 6.2-1); PN is per component group. */
const MAX_CHARS: Partial<Record<StringVR, number>> = {
  AE: 16,
  AS: 4,
  CS: 16,
  DA: 8,
  DS: 16,
  DT: 26,
  IS: 12,
  LO: 64,
  LT: 10240,
  PN: 64,
  SH: 16,
  ST: 1024,
  TM: 14,
  UI: 64,
};

/** Allowed characters per VR (PS3.5 Table 6.2-1); text VRs not listed accept printable ASCII. */
const CHARSET: Partial<Record<StringVR, RegExp>> = {
  AS: /^\d{3}[DWMY]$/,
  CS: /^[A-Z0-9 _]*$/,
  DA: /^(\d{8})?$/,
  DS: /^[0-9+\-Ee. ]*$/,
  IS: /^[0-9+\- ]*$/,
  TM: /^(\d{2}(\d{2}(\d{2}(\.\d{1,6})?)?)?)?$/,
  UI: /^[0-9.]*$/,
};

/** Single-valued text VRs: the backslash is an ordinary character and cannot separate values. */
const SINGLE_VALUED = new Set<StringVR>(['LT', 'ST', 'UT', 'UR']);

/** Check that `uid` is a valid UID (PS3.5 §9.1): ≤ 64 chars, digits and dots, no leading zeros in a component. */
export function isValidUid(uid: string): boolean {
  if (uid.length === 0 || uid.length > 64) return false;
  return uid.split('.').every((c) => /^(0|[1-9]\d*)$/.test(c));
}

function validateString(tag: number, vr: StringVR, v: string): void {
  // Default character repertoire only (ISO-IR 6): printable ASCII; LT/ST/UT also allow CR, LF, FF, TAB.
  const ctrlOk = vr === 'LT' || vr === 'ST' || vr === 'UT';
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    const printable = c >= 0x20 && c < 0x7f;
    const allowedCtrl = ctrlOk && (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d);
    if (!printable && !allowedCtrl) throw new DicomWriteError(`character code ${c} is outside the default repertoire`, tag);
  }
  if (!SINGLE_VALUED.has(vr) && v.includes('\\')) throw new DicomWriteError('a value contains a backslash; pass several values as an array', tag);
  const max = MAX_CHARS[vr];
  if (vr === 'PN') {
    for (const group of v.split('=')) {
      if (group.length > 64) throw new DicomWriteError(`PN component group longer than 64 characters`, tag);
    }
  } else if (max !== undefined && v.length > max) {
    throw new DicomWriteError(`${vr} value "${v}" is longer than ${max} characters`, tag);
  }
  const re = CHARSET[vr];
  if (re && !re.test(v)) throw new DicomWriteError(`"${v}" is not a valid ${vr} value`, tag);
  if (vr === 'UI' && v.length > 0 && !isValidUid(v)) throw new DicomWriteError(`"${v}" is not a valid UID`, tag);
}

/**
 * Format a number as a Decimal String (DS, ≤ 16 characters, PS3.5 Table 6.2-1) with as much
 * precision as fits. Throws for non-finite numbers.
 */
export function formatDS(n: number): string {
  if (!Number.isFinite(n)) throw new DicomWriteError(`DS value ${n} is not finite`);
  const plain = String(n);
  if (plain.length <= 16 && !plain.includes('e')) return plain;
  for (let p = 15; p >= 1; p--) {
    let s = n.toPrecision(p);
    if (s.includes('e')) {
      // Exponent form is valid DS; keep it when it fits.
      if (s.length <= 16) return s;
      continue;
    }
    if (s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
    if (s.length <= 16) return s;
  }
  throw new DicomWriteError(`DS value ${n} cannot be written in 16 characters`);
}

/** Format an integer as an Integer String (IS, ≤ 12 characters, range ±2^31). */
export function formatIS(n: number): string {
  if (!Number.isInteger(n) || n < -(2 ** 31) || n > 2 ** 31 - 1) throw new DicomWriteError(`IS value ${n} is not a 32-bit integer`);
  return String(n);
}

function stringBytes(el: Extract<DataElement, { vr: StringVR }>): string {
  const values = typeof el.value === 'string' ? [el.value] : [...el.value];
  if (SINGLE_VALUED.has(el.vr) && values.length > 1) throw new DicomWriteError(`${el.vr} is single-valued`, el.tag);
  for (const v of values) validateString(el.tag, el.vr, v);
  let s = values.join('\\');
  if (s.length % 2 === 1) s += el.vr === 'UI' ? '\0' : ' ';
  return s;
}

function writeHeader(w: ByteWriter, tag: number, vr: string, length: number): void {
  w.u16((tag >>> 16) & 0xffff).u16(tag & 0xffff);
  w.ascii(vr);
  if (LONG_VRS.has(vr)) {
    w.u16(0).u32(length);
  } else {
    if (length > 0xfffe) throw new DicomWriteError(`${vr} value of ${length} bytes exceeds the 16-bit length field`, tag);
    w.u16(length);
  }
}

function numberValues(el: Extract<DataElement, { vr: NumberVR }>): number[] {
  const values = typeof el.value === 'number' ? [el.value] : [...el.value];
  const range: Record<NumberVR, [number, number] | null> = {
    US: [0, 0xffff],
    SS: [-0x8000, 0x7fff],
    UL: [0, 0xffffffff],
    SL: [-0x80000000, 0x7fffffff],
    AT: [0, 0xffffffff],
    FL: null,
    FD: null,
  };
  const r = range[el.vr];
  for (const v of values) {
    if (!Number.isFinite(v)) throw new DicomWriteError(`${el.vr} value ${v} is not finite`, el.tag);
    if (r && (!Number.isInteger(v) || v < r[0] || v > r[1])) throw new DicomWriteError(`${el.vr} value ${v} is out of range`, el.tag);
  }
  return values;
}

/** Encode one element (and, for SQ, its items) in Explicit VR Little Endian. */
export function writeElement(w: ByteWriter, el: DataElement): void {
  switch (el.vr) {
    case 'SQ': {
      const body = new ByteWriter();
      for (const item of el.items) {
        const itemBytes = encodeDataset(item);
        body.u16(0xfffe).u16(0xe000).u32(itemBytes.length).bytes(itemBytes);
      }
      const bytes = body.toBytes();
      writeHeader(w, el.tag, 'SQ', bytes.length);
      w.bytes(bytes);
      return;
    }
    case 'OB':
    case 'OW':
    case 'UN': {
      if (el.vr === 'OW' && el.value.length % 2 === 1) throw new DicomWriteError('OW value has an odd number of bytes', el.tag);
      const pad = el.value.length % 2;
      writeHeader(w, el.tag, el.vr, el.value.length + pad);
      w.bytes(el.value);
      if (pad) w.u8(0);
      return;
    }
    case 'US':
    case 'SS':
    case 'UL':
    case 'SL':
    case 'FL':
    case 'FD':
    case 'AT': {
      const values = numberValues(el);
      const size = el.vr === 'US' || el.vr === 'SS' ? 2 : el.vr === 'FD' ? 8 : 4;
      writeHeader(w, el.tag, el.vr, values.length * size);
      for (const v of values) {
        if (el.vr === 'US') w.u16(v);
        else if (el.vr === 'SS') w.i16(v);
        else if (el.vr === 'UL') w.u32(v);
        else if (el.vr === 'SL') w.i32(v);
        else if (el.vr === 'FL') w.f32(v);
        else if (el.vr === 'FD') w.f64(v);
        else w.u16((v >>> 16) & 0xffff).u16(v & 0xffff); // AT: group then element, each 16-bit LE
      }
      return;
    }
    default: {
      const s = stringBytes(el);
      writeHeader(w, el.tag, el.vr, s.length);
      w.ascii(s);
    }
  }
}

/**
 * Encode a dataset (elements sorted by tag, PS3.5 §7.1) in Explicit VR Little Endian.
 * Duplicate tags and item/delimiter tags are rejected.
 */
export function encodeDataset(elements: readonly DataElement[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => (a.tag >>> 0) - (b.tag >>> 0));
  const w = new ByteWriter();
  for (let i = 0; i < sorted.length; i++) {
    const el = sorted[i]!;
    if (i > 0 && sorted[i - 1]!.tag === el.tag) throw new DicomWriteError('the tag appears twice in one dataset', el.tag);
    if (el.tag === TAG.Item || el.tag === TAG.ItemDelimitationItem || el.tag === TAG.SequenceDelimitationItem) {
      throw new DicomWriteError('item and delimiter tags are not data elements', el.tag);
    }
    writeElement(w, el);
  }
  return w.toBytes();
}
