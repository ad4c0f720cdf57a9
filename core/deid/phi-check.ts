/**
 * The PHI check: the one function every export that claims de-identification calls before it
 * writes anything (core/app/deidentify.ts, the teaching bundle and publish). The identifying values
 * of the original headers (./identifiers.ts) must not occur anywhere in the output bytes, nor in the
 * text OCR reads on the output frames. A hit stops the export and names what was found where
 * (never the value itself).
 *
 * Bytes are searched for every text form of every value (./identifiers.ts `textVariants`) in
 * Latin-1/ASCII, UTF-8, UTF-16LE and UTF-16BE, ASCII case folded, bounded by non-alphanumerics (so a
 * three-letter surname inside an ordinary word is not a hit), plus the stored bytes of the value.
 * Inside DICOM pixel data (compressed frames look like random bytes) only forms of six or more
 * characters are searched, where a chance match is below one in 10^6 per 300 MB.
 * OCR words are compared after removing everything but letters and digits, allowing one wrong
 * character in forms of 5–8 characters and two from 9 (OCR confuses 9/3, 0/O, N/M).
 */
import { textVariants, type Identifier, type IdentifierKind } from './identifiers';

/** An output to check. `dicom` marks files whose pixel data gets the long-forms-only rule. */
export interface PhiArtefact {
  name: string;
  kind: 'dicom' | 'text' | 'bytes';
  bytes: Uint8Array;
}

/** Words read by OCR on an output frame. */
export interface PhiOcrText {
  artefact: string;
  frame: number;
  words: readonly { text: string }[];
}

/** One finding. `where` says where (header bytes, pixel data, frame N); the value is not repeated. */
export interface PhiHit {
  artefact: string;
  kind: IdentifierKind;
  attribute: string;
  where: string;
}

/** Shortest form searched inside DICOM pixel data. */
export const MIN_PIXEL_DATA_CHARS = 6;

function utf8Latin1(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (c < 0x80) out += String.fromCharCode(c);
    else if (c < 0x800) out += String.fromCharCode(0xc0 | (c >> 6), 0x80 | (c & 0x3f));
    else if (c < 0x10000) out += String.fromCharCode(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
    else out += String.fromCharCode(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 0x3f), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f));
  }
  return out;
}

function utf16(s: string, le: boolean): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += le ? String.fromCharCode(c & 0xff, c >> 8) : String.fromCharCode(c >> 8, c & 0xff);
  }
  return out;
}

interface Needle {
  /** Lower-cased byte string (one char per byte). */
  pattern: string;
  /** Characters in the form (before encoding). */
  chars: number;
  /** Code unit width for boundary checks (1 or 2, and 2-byte order). */
  unit: 1 | 2;
  le: boolean;
  id: Identifier;
}

/** Lower-case ASCII letters only (the byte search folds ASCII case only). */
const asciiLower = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

function needlesOf(ids: readonly Identifier[]): Needle[] {
  const out: Needle[] = [];
  const seen = new Set<string>();
  const push = (n: Needle) => {
    const k = `${n.pattern}|${n.unit}|${n.le}`;
    if (!seen.has(k) && n.pattern.length > 0) {
      seen.add(k);
      out.push(n);
    }
  };
  for (const id of ids) {
    for (const form of textVariants(id)) {
      const chars = form.length;
      if ([...form].every((c) => c.charCodeAt(0) < 256)) push({ pattern: asciiLower(form), chars, unit: 1, le: true, id });
      push({ pattern: asciiLower(utf8Latin1(form)), chars, unit: 1, le: true, id });
      push({ pattern: asciiLower(utf16(form, true)), chars, unit: 2, le: true, id });
      push({ pattern: asciiLower(utf16(form, false)), chars, unit: 2, le: false, id });
    }
    if (id.raw && id.raw.length >= 3) {
      let s = '';
      for (const b of id.raw) s += String.fromCharCode(b);
      s = s.replace(/[\0 ]+$/, '');
      if (s.length >= 3) push({ pattern: asciiLower(s), chars: s.length, unit: 1, le: true, id });
    }
  }
  return out;
}

const isAlnumCode = (c: number) => (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a);

/** ASCII upper-case letters folded to lower case (other bytes unchanged). */
const fold = (b: number) => (b >= 0x41 && b <= 0x5a ? b | 0x20 : b);

/** Is the match at `at` (length `len` bytes) bounded by non-alphanumerics (for UTF-16, the neighbouring code units)? */
function bounded(bytes: Uint8Array, at: number, len: number, n: Needle, from: number, to: number): boolean {
  const unitCode = (pos: number): number => {
    if (pos < from || pos + n.unit > to) return 0;
    if (n.unit === 1) return bytes[pos]!;
    const a = bytes[pos]!;
    const b = bytes[pos + 1]!;
    return n.le ? (b === 0 ? a : 0x100) : a === 0 ? b : 0x100;
  };
  return !isAlnumCode(unitCode(at - n.unit)) && !isAlnumCode(unitCode(at + len));
}

interface Compiled {
  needle: Needle;
  bytes: Uint8Array;
}

/**
 * One pass over bytes[from, to): a 64 K filter on the first two (case-folded) bytes of every needle,
 * then a full comparison of the candidates. Linear in the bytes, whatever the number of needles.
 */
function searchRange(bytes: Uint8Array, from: number, to: number, needles: readonly Needle[], minChars: number, report: (n: Needle) => void): void {
  const byPair = new Map<number, Compiled[]>();
  const filter = new Uint8Array(65536);
  for (const n of needles) {
    if (n.chars < minChars || n.pattern.length < 2) continue;
    const b = new Uint8Array(n.pattern.length);
    for (let i = 0; i < b.length; i++) b[i] = n.pattern.charCodeAt(i) & 0xff;
    const key = (b[0]! << 8) | b[1]!;
    filter[key] = 1;
    byPair.set(key, [...(byPair.get(key) ?? []), { needle: n, bytes: b }]);
  }
  if (byPair.size === 0) return;
  const found = new Set<Needle>();
  let prev = from < to ? fold(bytes[from]!) : 0;
  for (let i = from + 1; i < to; i++) {
    const cur = fold(bytes[i]!);
    const key = (prev << 8) | cur;
    prev = cur;
    if (!filter[key]) continue;
    const at = i - 1;
    for (const c of byPair.get(key)!) {
      if (found.has(c.needle) || at + c.bytes.length > to) continue;
      let k = 2;
      while (k < c.bytes.length && fold(bytes[at + k]!) === c.bytes[k]) k++;
      if (k === c.bytes.length && bounded(bytes, at, c.bytes.length, c.needle, from, to)) {
        found.add(c.needle);
        report(c.needle);
      }
    }
  }
}

/** Byte range of the top-level Pixel Data value of a DICOM file (the last (7FE0,0010) tag), if found. */
function pixelDataRange(bytes: Uint8Array): [number, number] | undefined {
  for (let i = bytes.length - 12; i >= 132; i--) {
    if (bytes[i] === 0xe0 && bytes[i + 1] === 0x7f && bytes[i + 2] === 0x10 && bytes[i + 3] === 0x00) {
      const vr = String.fromCharCode(bytes[i + 4]!, bytes[i + 5]!);
      if (vr === 'OB' || vr === 'OW') return [i + 12, bytes.length];
    }
  }
  return undefined;
}

function alnum(s: string): string {
  return s.toUpperCase().replace(/[^0-9A-Z\u00c0-\uffff]/g, '');
}

/** Levenshtein distance, stopping early above `max`. */
function within(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
      cur.push(v);
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > max) return false;
    prev = cur;
  }
  return prev[b.length]! <= max;
}

/** Does an OCR token sequence contain an identifier form (with OCR-error tolerance)? */
export function ocrMatches(tokens: readonly string[], form: string): boolean {
  const target = alnum(form);
  if (target.length < 3) return false;
  const tol = target.length >= 9 ? 2 : target.length >= 5 ? 1 : 0;
  const toks = tokens.map(alnum).filter(Boolean);
  for (let i = 0; i < toks.length; i++) {
    let joined = '';
    for (let k = i; k < Math.min(toks.length, i + 4); k++) {
      joined += toks[k];
      if (joined.length > target.length + tol) break;
      if (within(joined, target, tol)) return true;
    }
  }
  return false;
}

/**
 * Check outputs for the identifying values. Returns every hit (empty: clean). Pure and synchronous;
 * OCR of output frames is done by the caller and passed as `ocr`.
 */
export function checkPhi(identifiers: readonly Identifier[], artefacts: readonly PhiArtefact[], ocr: readonly PhiOcrText[] = []): PhiHit[] {
  const needles = needlesOf(identifiers);
  const hits: PhiHit[] = [];
  const key = new Set<string>();
  const hit = (artefact: string, id: Identifier, where: string) => {
    const k = `${artefact}|${id.attribute}|${where}`;
    if (key.has(k)) return;
    key.add(k);
    hits.push({ artefact, kind: id.kind, attribute: id.attribute, where });
  };
  for (const a of artefacts) {
    const pd = a.kind === 'dicom' ? pixelDataRange(a.bytes) : undefined;
    const headEnd = pd ? pd[0] : a.bytes.length;
    searchRange(a.bytes, 0, headEnd, needles, 0, (n) => hit(a.name, n.id, a.kind === 'dicom' ? 'header' : 'content'));
    if (pd) searchRange(a.bytes, pd[0], pd[1], needles, MIN_PIXEL_DATA_CHARS, (n) => hit(a.name, n.id, 'pixel data bytes'));
  }
  // OCR: one hit per artefact and value, naming the frames (1-based) it was read on.
  const frames = new Map<string, { artefact: string; id: Identifier; frames: number[] }>();
  for (const o of ocr) {
    const tokens = o.words.map((w) => w.text);
    for (const id of identifiers) {
      if (id.kind === 'uid') continue;
      if (textVariants(id).some((form) => ocrMatches(tokens, form))) {
        const k = `${o.artefact}|${id.attribute}|${id.value}`;
        const e = frames.get(k) ?? { artefact: o.artefact, id, frames: [] };
        e.frames.push(o.frame + 1);
        frames.set(k, e);
      }
    }
  }
  for (const e of frames.values()) {
    const f = [...new Set(e.frames)].sort((a, b) => a - b);
    hit(e.artefact, e.id, `burned-in text on frame${f.length > 1 ? 's' : ''} ${f.length > 6 ? `${f.slice(0, 6).join(', ')} …` : f.join(', ')}`);
  }
  return hits;
}

/** One line naming a hit, for messages and the CLI (never the value). */
export function describeHit(h: PhiHit): string {
  return `${h.artefact}: the original ${h.attribute} (${h.kind}) was found in the ${h.where}`;
}
