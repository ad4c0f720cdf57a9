/**
 * RLE encoder (round trip through core's decoder and DCMTK's dcmdrle for 8-bit RGB and 16-bit grey)
 * and the PHI check's byte search (encodings, boundaries, the pixel-data rule) and OCR tolerance.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeRle } from '../../../../core/dicom/rle';
import { encodeRleFrame, RLE_LOSSLESS } from '../../../../core/dicom/write/rle-encoder';
import { ByteWriter } from '../../../../core/dicom/write/byte-writer';
import { writeFileMeta } from '../../../../core/dicom/write/part10';
import { asciiValue, writeRawElements, type RawElement } from '../../../../core/deid/dataset';
import { checkPhi, ocrMatches } from '../../../../core/deid/phi-check';
import type { Identifier } from '../../../../core/deid/identifiers';

const tmp = mkdtempSync(join(tmpdir(), 'bp-rle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function testData(n: number, seed: number): Uint8Array {
  const d = new Uint8Array(n);
  let s = seed;
  for (let i = 0; i < n; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    // Runs (flat areas) mixed with noise, as in a masked ultrasound frame.
    d[i] = (i >> 7) % 3 === 0 ? 0 : (i >> 5) % 5 === 0 ? 200 : s >>> 24;
  }
  return d;
}

function rleFile(frames: Uint8Array[], rows: number, cols: number, samples: number, bits: number): Uint8Array {
  const us = (tag: number, v: number): RawElement => ({ tag, vr: 'US', value: new Uint8Array([v & 0xff, v >> 8]) });
  const els: RawElement[] = [
    { tag: 0x00080016, vr: 'UI', value: asciiValue('1.2.840.10008.5.1.4.1.1.7') },
    { tag: 0x00080018, vr: 'UI', value: asciiValue('1.2.3.4') },
    us(0x00280002, samples),
    { tag: 0x00280004, vr: 'CS', value: asciiValue(samples === 3 ? 'RGB ' : 'MONOCHROME2 ') },
    { tag: 0x00280008, vr: 'IS', value: asciiValue(String(frames.length)) },
    us(0x00280010, rows),
    us(0x00280011, cols),
    us(0x00280100, bits),
    us(0x00280101, bits),
    us(0x00280102, bits - 1),
    us(0x00280103, 0),
    ...(samples === 3 ? [us(0x00280006, 0)] : []),
    { tag: 0x7fe00010, vr: 'OB', encapsulated: { offsetTable: new Uint8Array(0), fragments: frames.map((f) => encodeRleFrame(f, rows, cols, samples, bits / 8)) } },
  ];
  const w = new ByteWriter();
  writeFileMeta(w, { sopClassUid: '1.2.840.10008.5.1.4.1.1.7', sopInstanceUid: '1.2.3.4', transferSyntaxUid: RLE_LOSSLESS });
  writeRawElements(w, els);
  return w.toBytes();
}

describe('RLE encoder', () => {
  for (const [samples, bits] of [
    [3, 8],
    [1, 16],
    [1, 8],
  ] as const) {
    it(`round-trips ${samples} sample(s) of ${bits} bits through core and DCMTK dcmdrle`, () => {
      const rows = 37;
      const cols = 301; // odd width, rows longer than one 128-byte literal
      const frame = testData(rows * cols * samples * (bits / 8), samples * bits);
      const enc = encodeRleFrame(frame, rows, cols, samples, bits / 8);
      const back = decodeRle(enc, rows, cols, samples, bits / 8);
      if (typeof back === 'string') throw new Error(back);
      expect(back.data).toEqual(frame);
      const file = join(tmp, `rle-${samples}-${bits}.dcm`);
      writeFileSync(file, rleFile([frame, frame.slice().reverse()], rows, cols, samples, bits));
      execFileSync('dcmdrle', [file, `${file}.raw.dcm`]);
      const raw = readFileSync(`${file}.raw.dcm`);
      const px = raw.subarray(raw.length - 2 * frame.length);
      expect(new Uint8Array(px.subarray(0, frame.length))).toEqual(frame);
      expect(new Uint8Array(px.subarray(frame.length))).toEqual(frame.slice().reverse());
    });
  }
});

const enc = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));
const ids: Identifier[] = [
  { kind: 'name', attribute: 'PatientName', value: 'DOE^JOHN' },
  { kind: 'date', attribute: 'PatientBirthDate', value: '19750314' },
  { kind: 'name', attribute: 'OperatorsName', value: 'MÜLLER^ANNA' },
];

describe('PHI check', () => {
  it('finds values in Latin-1, UTF-8, UTF-16LE and UTF-16BE, any case, bounded by non-letters', () => {
    const utf16le = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0) & 0xff, c.charCodeAt(0) >> 8]));
    const utf16be = (s: string) => new Uint8Array([...s].flatMap((c) => [c.charCodeAt(0) >> 8, c.charCodeAt(0) & 0xff]));
    const hitsFor = (bytes: Uint8Array) => checkPhi(ids, [{ name: 'x', kind: 'bytes', bytes }]).map((h) => h.attribute);
    expect(hitsFor(enc('note: john doe was here'))).toEqual(['PatientName']);
    expect(hitsFor(enc('{"dob":"14/03/1975"}'))).toEqual(['PatientBirthDate']);
    expect(hitsFor(new Uint8Array([...enc('x '), 0x4d, 0xc3, 0x9c, 0x4c, 0x4c, 0x45, 0x52, ...enc(' y')]))).toEqual(['OperatorsName']); // UTF-8 MÜLLER
    expect(hitsFor(new Uint8Array([...enc('x '), 0x4d, 0xdc, 0x4c, 0x4c, 0x45, 0x52]))).toEqual(['OperatorsName']); // Latin-1 MÜLLER
    expect(hitsFor(utf16le('by Doe, John'))).toEqual(['PatientName']);
    expect(hitsFor(utf16be('1975-03-14'))).toEqual(['PatientBirthDate']);
    // Inside a longer word it is not a hit ("DOE" in "DOES"), nor a different date.
    expect(hitsFor(enc('it does not; 1975-03-15'))).toEqual([]);
  });

  it('searches DICOM pixel data for long forms only', () => {
    const head = new Uint8Array(140);
    head.set(enc('DICM'), 128);
    const pd = [0xe0, 0x7f, 0x10, 0x00, ...enc('OB'), 0, 0, 8, 0, 0, 0];
    const file = (payload: string) => new Uint8Array([...head, ...pd, ...enc(payload)]);
    expect(checkPhi(ids, [{ name: 'f', kind: 'dicom', bytes: file('..DOE..') }])).toEqual([]);
    expect(checkPhi(ids, [{ name: 'f', kind: 'dicom', bytes: file('..19750314..') }]).map((h) => h.where)).toEqual(['pixel data bytes']);
  });

  it('matches OCR words with one or two wrong characters, not unrelated text', () => {
    expect(ocrMatches(['DOB', '14/03/1375'], '14/03/1975')).toBe(true);
    expect(ocrMatches(['PID48213579'], 'PID48213578')).toBe(true);
    expect(ocrMatches(['KOWALSK1'], 'KOWALSKI')).toBe(true);
    expect(ocrMatches(['14', '03', '1975'], '14/03/1975')).toBe(true);
    expect(ocrMatches(['DEPTH', '12', 'CM'], 'KOWALSKI')).toBe(false);
    expect(ocrMatches(['DOF'], 'DOE')).toBe(false);
  });
});

describe('identifiers', () => {
  it('a station name equal to the model name (kept by the profile) is not an identifier; a distinct one is', async () => {
    const { collectIdentifiers } = await import('../../../../core/deid/identifiers');
    const el = (tag: number, vr: string, v: string): RawElement => ({ tag, vr, value: asciiValue(v) });
    const base = [el(0x00081090, 'LO', 'LOGIQBook'), el(0x00100010, 'PN', 'DOE^JOHN')];
    const same = collectIdentifiers([...base, el(0x00081010, 'SH', 'LOGIQBOOK')], { retainDeviceIdentity: false });
    expect(same.map((i) => i.attribute)).toEqual(['PatientName']);
    const other = collectIdentifiers([...base, el(0x00081010, 'SH', 'USROOM3')], { retainDeviceIdentity: false });
    expect(other.map((i) => i.attribute)).toEqual(['PatientName', 'StationName']);
  });

  it('a name made only of words of the kept device is not searched word by word; the whole name still is', async () => {
    const { collectIdentifiers } = await import('../../../../core/deid/identifiers');
    const el = (tag: number, vr: string, v: string): RawElement => ({ tag, vr, value: asciiValue(v) });
    const ids = collectIdentifiers([el(0x00080070, 'LO', 'BlockPlan synthetic'), el(0x00081090, 'LO', 'BlockPlan sample generator'), el(0x00100010, 'PN', 'SYNTHETIC^SAMPLE')], { retainDeviceIdentity: false });
    const text = (t: string) => [{ name: 'case.json', kind: 'text' as const, bytes: asciiValue(t) }];
    expect(checkPhi(ids, text('made by BlockPlan synthetic, a sample generator'))).toEqual([]);
    expect(checkPhi(ids, text('patient Synthetic Sample')).length).toBeGreaterThan(0);
    expect(checkPhi(ids, text('SYNTHETIC^SAMPLE')).length).toBeGreaterThan(0);
    // A real name sharing one word with the device: every word is still searched.
    const real = collectIdentifiers([el(0x00080070, 'LO', 'KOWALSKI MEDICAL'), el(0x00100010, 'PN', 'KOWALSKI^ANNA')], { retainDeviceIdentity: false });
    expect(checkPhi(real, text('made by KOWALSKI MEDICAL')).length).toBeGreaterThan(0);
  });
});
