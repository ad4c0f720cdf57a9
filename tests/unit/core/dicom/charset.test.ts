/**
 * Specific Character Set (0008,0005) when reading header text (issue 12 item 3, reading half).
 * Data sets are built here with the byte sequences of the standard's own examples (PS3.5 Annex H
 * Japanese, Annex I Korean) and hand-encoded Latin-1, UTF-8 and Greek; DCMTK's `dcmdump +U8`
 * (its own converter) is the independent reference for what each name reads as.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDicom } from '../../../../core/dicom/index';
import { buildDicom, imageElements, type El } from './build';
import { requireTools } from './reference';

const ESC = 0x1b;
const bytes = (...parts: (string | number | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'number' ? [p] : Array.isArray(p) ? p : [...p].map((c) => c.charCodeAt(0)))));

function file(charset: string | undefined, name: Uint8Array, extra: El[] = []): Uint8Array {
  return buildDicom([
    ...imageElements({ rows: 1, columns: 2, pi: 'MONOCHROME2' }),
    ...(charset !== undefined ? [{ tag: 0x00080005, vr: 'CS' as const, value: charset }] : []),
    { tag: 0x00100010, vr: 'TEXT', as: 'PN', raw: name },
    ...extra,
    { tag: 0x7fe00010, vr: 'OB', bytes: Uint8Array.from([1, 2]) },
  ]);
}

function read(b: Uint8Array) {
  const o = openDicom(b, { fileName: 'charset.dcm' });
  if (!o.ok) throw new Error(o.error.message);
  return o.value;
}

const tmp = mkdtempSync(join(tmpdir(), 'bp-charset-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Patient's Name as DCMTK converts it to UTF-8 (`dcmdump +U8`), the independent reference. */
function dcmtkName(b: Uint8Array): string {
  const p = join(tmp, `f${Math.random().toString(36).slice(2)}.dcm`);
  writeFileSync(p, b);
  const out = execFileSync('dcmdump', ['+U8', '+P', '0010,0010', p], { encoding: 'utf8' });
  const m = /\[(.*)\]/.exec(out);
  if (!m) throw new Error(`dcmdump printed no name: ${out}`);
  return m[1]!;
}

/**
 * `dcmtk: false`: DCMTK 3.6.7 on glibc iconv refuses ISO 2022 IR 87 ("not supported by the utilized
 * character set conversion library") and a lone `ISO 2022 IR 100` ("not supported"); the Japanese
 * names are the standard's own examples with the characters PS3.5 prints for them.
 */
const CASES: { what: string; charset: string | undefined; name: Uint8Array; expected: string; dcmtk?: false }[] = [
  { what: 'ISO_IR 100 (Latin-1)', charset: 'ISO_IR 100', name: bytes('M', 0xfc, 'ller^J', 0xfc, 'rgen'), expected: 'Müller^Jürgen' },
  { what: 'ISO_IR 192 (UTF-8)', charset: 'ISO_IR 192', name: new TextEncoder().encode('Müller^Jürgen'), expected: 'Müller^Jürgen' },
  {
    what: 'ISO_IR 126 (Greek, ISO 8859-7)',
    charset: 'ISO_IR 126',
    name: bytes([0xc4, 0xe9, 0xef, 0xed, 0xf5, 0xf3, 0xe9, 0xef, 0xf2]),
    expected: 'Διονυσιος',
  },
  {
    // PS3.5 H.3.1: Yamada^Tarou=山田^太郎=やまだ^たろう, JIS X 0208 in G0 after ESC $ B.
    what: 'ISO 2022 IR 87 (Japanese, PS3.5 H.3.1)',
    charset: '\\ISO 2022 IR 87',
    name: bytes(
      'Yamada^Tarou=',
      ESC, '$B;3ED', ESC, '(B^', ESC, '$BB@O:', ESC, '(B=',
      ESC, '$B$d$^$@', ESC, '(B^', ESC, '$B$?$m$&', ESC, '(B',
    ),
    expected: 'Yamada^Tarou=山田^太郎=やまだ^たろう',
    dcmtk: false,
  },
  {
    // PS3.5 I.2: Hong^Gildong=洪^吉洞=홍^길동, KS X 1001 in G1 after ESC $ ) C.
    what: 'ISO 2022 IR 149 (Korean, PS3.5 I.2)',
    charset: '\\ISO 2022 IR 149',
    name: bytes(
      'Hong^Gildong=',
      ESC, '$)C', [0xfb, 0xf3], '^', ESC, '$)C', [0xd1, 0xce, 0xd4, 0xd7], '=',
      ESC, '$)C', [0xc8, 0xab], '^', ESC, '$)C', [0xb1, 0xe6, 0xb5, 0xbf],
    ),
    expected: 'Hong^Gildong=洪^吉洞=홍^길동',
  },
  {
    what: 'ISO 2022 IR 100 (Latin-1 in G1 from the start)',
    charset: 'ISO 2022 IR 100',
    name: bytes('M', 0xfc, 'ller^J', 0xfc, 'rgen'),
    expected: 'Müller^Jürgen',
    dcmtk: false,
  },
  {
    // Value 1 is ASCII; each component designates Latin-1 into G1 again (PS3.5 6.1.2.5.3).
    what: 'ISO 2022 IR 6 \\ ISO 2022 IR 100 (Latin-1 through escapes)',
    charset: 'ISO 2022 IR 6\\ISO 2022 IR 100',
    name: bytes('M', ESC, '-A', 0xfc, 'ller^', ESC, '-A', 'J', 0xfc, 'rgen'),
    expected: 'Müller^Jürgen',
  },
  {
    // JIS X 0201: half-width katakana in G1 (ISO 2022 IR 13), PS3.5 H.3.2's ﾔﾏﾀﾞ^ﾀﾛｳ.
    what: 'ISO 2022 IR 13 (JIS X 0201 katakana)',
    charset: 'ISO 2022 IR 13\\ISO 2022 IR 87',
    name: bytes([0xd4, 0xcf, 0xc0, 0xde], '^', [0xc0, 0xdb, 0xb3]),
    expected: 'ﾔﾏﾀﾞ^ﾀﾛｳ',
    dcmtk: false,
  },
];

describe('Specific Character Set: header text reads as written', () => {
  for (const c of CASES) {
    it(c.what, () => {
      const img = read(file(c.charset, c.name));
      expect(img.meta.patient.name).toBe(c.expected);
      expect(img.warnings.filter((w) => /Character Set/.test(w))).toEqual([]);
    });
  }

  it('agrees with DCMTK (dcmdump +U8) on every case', () => {
    requireTools(['dcmdump']);
    const compared = CASES.filter((c) => c.dcmtk !== false);
    expect(compared.length).toBeGreaterThanOrEqual(5);
    for (const c of compared) expect(`${c.what}: ${dcmtkName(file(c.charset, c.name))}`).toBe(`${c.what}: ${read(file(c.charset, c.name)).meta.patient.name}`);
  });

  it('decodes other text values too (Study Description, Manufacturer) but never UIDs or codes', () => {
    const img = read(
      file('ISO_IR 192', new TextEncoder().encode('山田^太郎'), [
        { tag: 0x00081030, vr: 'TEXT', as: 'LO', raw: new TextEncoder().encode('Bloc interscalénique') },
        { tag: 0x00080070, vr: 'TEXT', as: 'LO', raw: new TextEncoder().encode('Ärztehaus GmbH') },
      ]),
    );
    expect(img.meta.patient.name).toBe('山田^太郎');
    expect(img.meta.studyDescription).toBe('Bloc interscalénique');
    expect(img.meta.manufacturer).toBe('Ärztehaus GmbH');
    expect(img.meta.sopClassUid).toBe('1.2.840.10008.5.1.4.1.1.6.1');
  });

  it('no Specific Character Set: the default repertoire, bytes above 0x7F read as Latin-1 (as DCMTK and pydicom do)', () => {
    expect(read(file(undefined, bytes('M', 0xfc, 'ller'))).meta.patient.name).toBe('Müller');
  });

  it('an unknown character set is named in a warning and the text is still read', () => {
    const img = read(file('ISO_IR 999', bytes('Smith^Anne')));
    expect(img.meta.patient.name).toBe('Smith^Anne');
    expect(img.warnings).toContain('Specific Character Set ISO_IR_999 is not known; text is read as ISO 8859-1 (Latin-1).');
  });
});
