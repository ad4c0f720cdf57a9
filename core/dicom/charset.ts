/**
 * Specific Character Set (0008,0005): decode the text of SH, LO, ST, LT, PN, UC and UT values
 * (PS3.5 §6.1, PS3.3 C.12.1.1.2, Tables C.12-2 to C.12-5).
 *
 * Single-byte sets without code extensions (`ISO_IR 100` …), UTF-8 (`ISO_IR 192`), GB18030/GBK, and
 * ISO 2022 code extensions (`ISO 2022 IR 6`, `ISO 2022 IR 100`, `ISO 2022 IR 87`, `ISO 2022 IR 149`
 * …): the value is split at escape sequences and each run decoded with the set it designates (G0
 * for bytes below 0x80, G1 for bytes from 0x80). TextDecoder (WHATWG encodings) does the tables;
 * JIS X 0208/0212 are decoded as EUC-JP, KS X 1001 as EUC-KR, GB 2312 as GBK — the same code points
 * with the high bit set. Unknown terms fall back to the default repertoire read as ISO 8859-1 (what
 * DCMTK and pydicom also do) and say so once through `warnings`.
 */

/** How bytes of one G0 or G1 set become characters. */
type CodeSet =
  | { kind: 'ascii' }
  | { kind: 'latin1' }
  /** JIS X 0201 romaji in G0 (0x5C yen sign, 0x7E overline) or katakana in G1 (PS3.3 C.12.1.1.2, IR 13). */
  | { kind: 'jisx0201' }
  /** Single-byte table for bytes ≥ 0x80 (ISO 8859-n), decoded by TextDecoder. */
  | { kind: 'single'; label: string }
  /** Two bytes per character, decoded by TextDecoder after adding the high bit (EUC form). `prefix`: JIS X 0212's 0x8F. */
  | { kind: 'double'; label: string; prefix?: number };

interface Term {
  g0?: CodeSet;
  g1?: CodeSet;
  /** Whole-value encodings without code extensions (UTF-8, GB18030, GBK). */
  whole?: string;
}

const ASCII: CodeSet = { kind: 'ascii' };
const single = (label: string): CodeSet => ({ kind: 'single', label });

/** Defined Terms of PS3.3 Tables C.12-2 (no extensions), C.12-3/C.12-4 (with extensions) and C.12-5. */
const TERMS: Record<string, Term> = {
  '': { g0: ASCII },
  ISO_IR_6: { g0: ASCII },
  ISO_IR_100: { g0: ASCII, g1: { kind: 'latin1' } },
  ISO_IR_101: { g0: ASCII, g1: single('iso-8859-2') },
  ISO_IR_109: { g0: ASCII, g1: single('iso-8859-3') },
  ISO_IR_110: { g0: ASCII, g1: single('iso-8859-4') },
  ISO_IR_144: { g0: ASCII, g1: single('iso-8859-5') },
  ISO_IR_127: { g0: ASCII, g1: single('iso-8859-6') },
  ISO_IR_126: { g0: ASCII, g1: single('iso-8859-7') },
  ISO_IR_138: { g0: ASCII, g1: single('iso-8859-8') },
  ISO_IR_148: { g0: ASCII, g1: single('windows-1254') },
  ISO_IR_203: { g0: ASCII, g1: single('iso-8859-15') },
  ISO_IR_166: { g0: ASCII, g1: single('windows-874') },
  ISO_IR_13: { g0: { kind: 'jisx0201' }, g1: { kind: 'jisx0201' } },
  ISO_IR_192: { whole: 'utf-8' },
  GB18030: { whole: 'gb18030' },
  GBK: { whole: 'gbk' },
};
for (const [k, v] of Object.entries({ ...TERMS })) {
  if (k.startsWith('ISO_IR_') && !v.whole) TERMS[k.replace('ISO_IR_', 'ISO_2022_IR_')] = v;
}
Object.assign(TERMS, {
  ISO_2022_IR_87: { g0: { kind: 'double', label: 'euc-jp' } },
  ISO_2022_IR_159: { g0: { kind: 'double', label: 'euc-jp', prefix: 0x8f } },
  ISO_2022_IR_149: { g1: { kind: 'double', label: 'euc-kr' } },
  ISO_2022_IR_58: { g1: { kind: 'double', label: 'gbk' } },
} satisfies Record<string, Term>);

/**
 * Escape sequences of PS3.3 Tables C.12-3 and C.12-4 → the set they designate into G0 or G1.
 * Keys are the bytes after ESC as a string.
 */
const ESCAPES: Record<string, { g0?: CodeSet; g1?: CodeSet }> = {
  '(B': { g0: ASCII },
  '(J': { g0: { kind: 'jisx0201' } },
  ')I': { g1: { kind: 'jisx0201' } },
  '-A': { g1: { kind: 'latin1' } },
  '-B': { g1: single('iso-8859-2') },
  '-C': { g1: single('iso-8859-3') },
  '-D': { g1: single('iso-8859-4') },
  '-L': { g1: single('iso-8859-5') },
  '-G': { g1: single('iso-8859-6') },
  '-F': { g1: single('iso-8859-7') },
  '-H': { g1: single('iso-8859-8') },
  '-M': { g1: single('windows-1254') },
  '-b': { g1: single('iso-8859-15') },
  '-T': { g1: single('windows-874') },
  $B: { g0: { kind: 'double', label: 'euc-jp' } },
  '$(D': { g0: { kind: 'double', label: 'euc-jp', prefix: 0x8f } },
  '$)C': { g1: { kind: 'double', label: 'euc-kr' } },
  '$)A': { g1: { kind: 'double', label: 'gbk' } },
};

const decoders = new Map<string, TextDecoder | null>();
function decoder(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = null; // an engine without this encoding (small-ICU builds): the caller falls back
    }
    decoders.set(label, d);
  }
  return d;
}

/** The character sets a Specific Character Set value names, and any terms not understood. */
export interface CharsetSpec {
  /** Value 1: the sets in force at the start of each value (and again after each delimiter). */
  initial: Term;
  /** The Defined Terms as stored, normalised (`ISO 2022 IR 87` → `ISO_2022_IR_87`). */
  terms: string[];
  /** Terms BlockPlan does not know (their escape sequences are still honoured when recognised). */
  unknown: string[];
}

/** Parse Specific Character Set (0008,0005) as stored (backslash-separated; value 1 may be empty). */
export function parseCharset(value: string | undefined): CharsetSpec {
  const terms = (value ?? '').split('\\').map((t) => t.trim().toUpperCase().replace(/[\s-]+/g, '_'));
  const unknown = terms.filter((t) => !Object.hasOwn(TERMS, t));
  const first = TERMS[terms[0] ?? ''] ?? TERMS['']!;
  return { initial: first, terms, unknown };
}

/** Byte values after which PS3.5 §6.1.2.5.3 makes value 1's sets active again: CR, LF, FF, TAB, "\\" (and "=" in PN). */
const RESETS = new Set([0x0d, 0x0a, 0x0c, 0x09, 0x5c]);
const PN_GROUP = 0x3d;

/**
 * Decode the bytes of a text value under `spec`. Never throws: bytes a set cannot map become
 * U+FFFD (TextDecoder's replacement), and a multi-byte set missing from the engine reads as ISO 8859-1.
 */
export function decodeText(bytes: Uint8Array, spec: CharsetSpec, personName = false): string {
  const init = spec.initial;
  if (init.whole) {
    const d = decoder(init.whole);
    if (d) return d.decode(bytes);
  }
  let g0: CodeSet = init.g0 ?? ASCII;
  let g1: CodeSet | undefined = init.g1;
  let out = '';
  // Runs of bytes for the same multi-byte or table set are decoded together.
  let run: number[] = [];
  let runSet: CodeSet | undefined;
  const flush = () => {
    if (runSet && run.length) out += decodeRun(Uint8Array.from(run), runSet);
    run = [];
    runSet = undefined;
  };
  const push = (set: CodeSet, ...b: number[]) => {
    if (runSet !== set) flush();
    runSet = set;
    run.push(...b);
  };
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === 0x1b) {
      const esc = escapeAt(bytes, i + 1);
      if (esc) {
        flush();
        if (esc.set.g0) g0 = esc.set.g0;
        if (esc.set.g1) g1 = esc.set.g1;
        i += esc.length;
        continue;
      }
    }
    const set = b < 0x80 ? g0 : (g1 ?? { kind: 'latin1' });
    if (set.kind === 'double' && (b & 0x7f) > 0x20 && (b & 0x7f) < 0x7f && i + 1 < bytes.length) {
      const b2 = bytes[++i]!;
      push(set, ...(set.prefix ? [set.prefix] : []), b | 0x80, b2 | 0x80);
      continue;
    }
    if (b < 0x80 || set.kind === 'double') {
      // Controls, spaces and delimiters inside a two-byte set, and every G0 single byte.
      flush();
      out += g0.kind === 'jisx0201' && b < 0x80 ? jisRomaji(b) : String.fromCharCode(b);
    } else push(set, b);
    if ((RESETS.has(b) || (personName && b === PN_GROUP)) && g0.kind !== 'double') {
      flush();
      g0 = init.g0 ?? ASCII;
      g1 = init.g1;
    }
  }
  flush();
  return out;
}

function escapeAt(bytes: Uint8Array, at: number): { set: { g0?: CodeSet; g1?: CodeSet }; length: number } | undefined {
  for (const len of [2, 3]) {
    if (at + len > bytes.length) break;
    const key = String.fromCharCode(...bytes.subarray(at, at + len));
    const set = ESCAPES[key];
    if (set) return { set, length: len };
  }
  return undefined;
}

function jisRomaji(b: number): string {
  return b === 0x5c ? '\u00a5' : b === 0x7e ? '\u203e' : String.fromCharCode(b);
}

function decodeRun(run: Uint8Array, set: CodeSet): string {
  if (set.kind === 'jisx0201') {
    // Katakana 0xA1–0xDF → U+FF61–U+FF9F (JIS X 0201 right half); anything else is unmapped.
    let s = '';
    for (const b of run) s += b >= 0xa1 && b <= 0xdf ? String.fromCharCode(0xff61 + b - 0xa1) : '\ufffd';
    return s;
  }
  if (set.kind === 'single' || set.kind === 'double') {
    const d = decoder(set.label);
    if (d) return d.decode(run);
  }
  return String.fromCharCode(...run);
}
