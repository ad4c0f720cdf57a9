/**
 * A DICOM data set as a tree of raw elements, for de-identification: every value kept as the bytes
 * the file held (Little Endian), so a retained attribute leaves exactly as it came in whatever its
 * character set, and only the attributes the profile touches change. Read with dicom-parser (VRs of
 * implicit-VR files from dcmjs's data dictionary); written as Explicit VR Little Endian (PS3.5 §7.1.2)
 * with undefined-length sequences and items (§7.5.2).
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import dcmjs from 'dcmjs';
import { inflateSync } from 'fflate';
import { type ByteWriter } from '../dicom/write/byte-writer';

/** One element: a value, a sequence (items) or encapsulated pixel data (offset table + fragments). */
export interface RawElement {
  /** 0xGGGGEEEE. */
  tag: number;
  /** Two-letter VR (PS3.5 Table 6.2-1). */
  vr: string;
  /** The value bytes, little endian, without padding changes. */
  value?: Uint8Array;
  /** Items of an SQ. */
  items?: RawElement[][];
  /** Encapsulated Pixel Data (PS3.5 A.4): Basic Offset Table bytes and each fragment. */
  encapsulated?: { offsetTable: Uint8Array; fragments: Uint8Array[] };
}

/** A parsed file: the File Meta transfer syntax and the data set (group 0002 excluded). */
export interface RawDataset {
  transferSyntaxUid: string;
  elements: RawElement[];
}

const EXPLICIT_LE = '1.2.840.10008.1.2.1';
const IMPLICIT_LE = '1.2.840.10008.1.2';
const DEFLATED = '1.2.840.10008.1.2.1.99';
const BIG_ENDIAN = '1.2.840.10008.1.2.2';

/** VRs whose explicit header has 2 reserved bytes and a 32-bit length (PS3.5 Table 7.1-1). */
const LONG_VRS = new Set(['OB', 'OD', 'OF', 'OL', 'OV', 'OW', 'SQ', 'SV', 'UC', 'UN', 'UR', 'UT', 'UV']);

type DictEntry = { vr?: string } | undefined;
const dictionary = (dcmjs as unknown as { data: { DicomMetaDictionary: { dictionary: Record<string, DictEntry> } } }).data.DicomMetaDictionary.dictionary;

/** `(GGGG,EEEE)` key of dcmjs's dictionary. */
function dictKey(tag: number): string {
  const h = (tag >>> 0).toString(16).toUpperCase().padStart(8, '0');
  return `(${h.slice(0, 4)},${h.slice(4)})`;
}

/** The VR of a standard tag from dcmjs's dictionary (ambiguous VRs resolved to their usual form); UN when unknown. */
export function dictionaryVr(tag: number): string {
  if ((tag & 0xffff) === 0) return 'UL'; // group length
  const g = tag >>> 16;
  if (g % 2 === 1) return 'UN';
  const vr = dictionary[dictKey(tag)]?.vr;
  if (!vr) return 'UN';
  if (vr === 'ox' || vr === 'OB|OW' || vr === 'OW|OB') return 'OW';
  if (vr === 'xs' || vr === 'US|SS' || vr === 'US|SS|OW') return 'US';
  return /^[A-Z]{2}$/.test(vr) ? vr : 'UN';
}

/** Parse error: not DICOM, damaged, or a syntax this module does not rewrite. */
export class DatasetError extends Error {}

function parseTag(t: string): number {
  return parseInt(t.slice(1), 16) >>> 0;
}

function toElements(ds: DataSet, bytes: Uint8Array, implicit: boolean): RawElement[] {
  const out: RawElement[] = [];
  for (const [key, e] of Object.entries(ds.elements)) {
    const tag = parseTag(key);
    if (tag >>> 16 === 0x0002) continue;
    out.push(toElement(tag, e, bytes, implicit));
  }
  out.sort((a, b) => a.tag - b.tag);
  return out;
}

function toElement(tag: number, e: Element, bytes: Uint8Array, implicit: boolean): RawElement {
  let vr = e.vr ?? dictionaryVr(tag);
  if (vr === 'UN' && !implicit && !e.items) {
    const known = dictionaryVr(tag);
    if (known !== 'UN' && known !== 'SQ') vr = known;
  }
  if (e.items) {
    return { tag, vr: 'SQ', items: e.items.map((it) => (it.dataSet ? toElements(it.dataSet, bytes, implicit) : [])) };
  }
  if (tag === 0x7fe00010 && e.encapsulatedPixelData) {
    const frags = e.fragments ?? [];
    const bot = e.basicOffsetTable ?? [];
    const table = new Uint8Array(bot.length * 4);
    const dv = new DataView(table.buffer);
    bot.forEach((o, i) => dv.setUint32(i * 4, o, true));
    return {
      tag,
      vr: vr === 'OW' ? 'OW' : 'OB',
      encapsulated: { offsetTable: table, fragments: frags.map((f) => bytes.slice(f.position, f.position + f.length)) },
    };
  }
  const len = e.length === 0xffffffff ? 0 : e.length;
  if (e.dataOffset + len > bytes.length) throw new DatasetError(`element ${dictKey(tag)} runs past the end of the file`);
  return { tag, vr, value: bytes.slice(e.dataOffset, e.dataOffset + len) };
}

/**
 * Parse a Part 10 file (with or without preamble) or a raw Little Endian data set into a tree.
 * Throws DatasetError with a plain message for files it cannot rewrite.
 */
export function readRawDataset(input: Uint8Array): RawDataset {
  const isDicm = (o: number) => input.length >= o + 4 && input[o] === 0x44 && input[o + 1] === 0x49 && input[o + 2] === 0x43 && input[o + 3] === 0x4d;
  let bytes = input;
  let forced: string | undefined;
  if (!isDicm(128)) {
    const from = isDicm(0) ? 4 : 0;
    const b = new Uint8Array(132 + input.length - from);
    b.set([0x44, 0x49, 0x43, 0x4d], 128);
    b.set(input.subarray(from), 132);
    bytes = b;
    const g = input[from]! | (input[from + 1]! << 8);
    if (g !== 0x0002) {
      const vr = String.fromCharCode(input[from + 4] ?? 0, input[from + 5] ?? 0);
      forced = /^[A-Z]{2}$/.test(vr) ? EXPLICIT_LE : IMPLICIT_LE;
    }
  }
  let ds: DataSet;
  try {
    ds = dicomParser.parseDicom(bytes, {
      ...(forced ? { TransferSyntaxUID: forced } : {}),
      vrCallback: (t: string) => dictionaryVr(parseTag(t)),
      inflater: (arr: Uint8Array, pos: number) => {
        const body = inflateSync(arr.subarray(pos));
        const out = new Uint8Array(pos + body.length);
        out.set(arr.subarray(0, pos));
        out.set(body, pos);
        return out;
      },
    } as dicomParser.ParseDicomOptions);
  } catch (e) {
    throw new DatasetError(`the DICOM data set could not be read (${e instanceof Error ? e.message : String(e)})`);
  }
  const ts = (forced ?? ds.string('x00020010') ?? IMPLICIT_LE).replace(/\0/g, '').trim();
  if (ts === BIG_ENDIAN) throw new DatasetError('Explicit VR Big Endian (retired) is not rewritten; convert the file to little endian first (e.g. dcmconv +te)');
  return { transferSyntaxUid: ts === DEFLATED ? EXPLICIT_LE : ts, elements: toElements(ds, ds.byteArray, ts === IMPLICIT_LE) };
}

function writeHeader(w: ByteWriter, tag: number, vr: string, length: number): void {
  w.u16(tag >>> 16).u16(tag & 0xffff).ascii(vr);
  if (LONG_VRS.has(vr)) w.u16(0).u32(length);
  else {
    if (length > 0xfffe) throw new DatasetError(`element ${dictKey(tag)} (${vr}) is ${length} bytes, too long for its VR`);
    w.u16(length);
  }
}

/** Pad byte for odd-length values (PS3.5 §6.2): NUL for UI and binary VRs, space for text. */
function padByte(vr: string): number {
  return vr === 'UI' || vr === 'OB' || vr === 'UN' || vr === 'OW' ? 0 : 0x20;
}

/** Write one element in Explicit VR Little Endian. */
export function writeRawElement(w: ByteWriter, el: RawElement): void {
  if (el.items) {
    writeHeader(w, el.tag, 'SQ', 0xffffffff);
    for (const item of el.items) {
      w.u16(0xfffe).u16(0xe000).u32(0xffffffff);
      writeRawElements(w, item);
      w.u16(0xfffe).u16(0xe00d).u32(0);
    }
    w.u16(0xfffe).u16(0xe0dd).u32(0);
    return;
  }
  if (el.encapsulated) {
    w.u16(el.tag >>> 16).u16(el.tag & 0xffff).ascii('OB').u16(0).u32(0xffffffff);
    w.u16(0xfffe).u16(0xe000).u32(el.encapsulated.offsetTable.length).bytes(el.encapsulated.offsetTable);
    for (const f of el.encapsulated.fragments) {
      w.u16(0xfffe).u16(0xe000).u32(f.length + (f.length % 2)).bytes(f);
      if (f.length % 2) w.u8(0);
    }
    w.u16(0xfffe).u16(0xe0dd).u32(0);
    return;
  }
  const v = el.value ?? new Uint8Array(0);
  const odd = v.length % 2;
  writeHeader(w, el.tag, el.vr, v.length + odd);
  w.bytes(v);
  if (odd) w.u8(padByte(el.vr));
}

/** Write elements sorted by tag (PS3.5 §7.1); group-length elements (gggg,0000) are dropped. */
export function writeRawElements(w: ByteWriter, elements: readonly RawElement[]): void {
  const sorted = [...elements].filter((e) => (e.tag & 0xffff) !== 0).sort((a, b) => a.tag - b.tag);
  for (const el of sorted) writeRawElement(w, el);
}

/** Latin-1 view of a text value without trailing padding (spaces, NULs). */
export function textOf(el: RawElement | undefined): string | undefined {
  if (!el?.value) return undefined;
  let s = '';
  for (const b of el.value) s += String.fromCharCode(b);
  return s.replace(/[\0 ]+$/, '');
}

/** ASCII bytes of a text value (callers keep to the default repertoire). */
export function asciiValue(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0x7f;
  return out;
}

/** Find an element at the top level. */
export function findElement(elements: readonly RawElement[], tag: number): RawElement | undefined {
  return elements.find((e) => e.tag === tag);
}

/** Unsigned 16-bit value of an element (US), if present. */
export function u16Of(el: RawElement | undefined): number | undefined {
  if (!el?.value || el.value.length < 2) return undefined;
  return el.value[0]! | (el.value[1]! << 8);
}

export { EXPLICIT_LE, IMPLICIT_LE };
