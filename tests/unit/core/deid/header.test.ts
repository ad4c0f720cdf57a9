/**
 * Header de-identification checked attribute by attribute against PS3.15 Table E.1-1 (the shared
 * reference copy, read independently of core's copy): a data set holding every attribute of the table
 * that has a fixed tag (plus repeating-group and private examples), de-identified with each option
 * set, written to a Part 10 file and read back by DCMTK's dcmdump.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { asciiValue, dictionaryVr, readRawDataset, textOf, writeRawElements, type RawElement } from '../../../../core/deid/dataset';
import { deidentifyHeader } from '../../../../core/deid/header';
import { collectIdentifiers } from '../../../../core/deid/identifiers';
import { mapUid } from '../../../../core/deid/keyed';
import { DEFAULT_DEID_OPTIONS, PROFILE_ROWS, resolveCombined, type DeidOptions } from '../../../../core/deid/profile';
import { ByteWriter } from '../../../../core/dicom/write/byte-writer';
import { writeFileMeta } from '../../../../core/dicom/write/part10';
import { sharedDir } from '../../../support/shared';

interface Row {
  tag: string;
  name: string;
  basicProfile: string;
  rtnLongModifDatesOpt?: string;
  cleanDescOpt?: string;
  rtnDevIdOpt?: string;
}
const reference: Row[] = JSON.parse(readFileSync(join(sharedDir(), 'reference/ps3.15/confidentiality-profile-attributes.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'bp-deid-header-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const KEY = new Uint8Array(32).fill(7);
const NAME = 'TESTPERSON^ZELDA';

/** A sample value for a VR (identifying where the VR allows). */
function sample(vr: string, i: number): Uint8Array | undefined {
  switch (vr) {
    case 'PN':
      return asciiValue(NAME);
    case 'DA':
      return asciiValue('20210615');
    case 'DT':
      return asciiValue('20210615103000');
    case 'TM':
      return asciiValue('103000');
    case 'UI':
      return asciiValue(`1.2.826.0.1.3680043.10.99.${i}`);
    case 'AS':
      return asciiValue('047Y');
    case 'DS':
    case 'IS':
      return asciiValue('12');
    case 'CS':
      return asciiValue('SAMPLE');
    case 'SH':
    case 'LO':
    case 'LT':
    case 'ST':
    case 'UT':
    case 'UC':
    case 'AE':
      return asciiValue(`ZELDA ROW ${i}`);
    case 'US':
    case 'SS':
      return new Uint8Array([1, 0]);
    case 'UL':
    case 'SL':
    case 'FL':
      return new Uint8Array([1, 0, 0, 0]);
    case 'FD':
      return new Uint8Array(8);
    case 'OB':
    case 'OW':
    case 'UN':
      return new Uint8Array([1, 2]);
    default:
      return undefined;
  }
}

/** Every fixed-tag attribute of the table with a sample value; sequences hold one item with a name. */
function buildInput(): { elements: RawElement[]; rows: Map<number, Row> } {
  const rows = new Map<number, Row>();
  const elements: RawElement[] = [
    { tag: 0x00080016, vr: 'UI', value: asciiValue('1.2.840.10008.5.1.4.1.1.3.1') },
    { tag: 0x00080060, vr: 'CS', value: asciiValue('US') },
  ];
  reference.forEach((r, i) => {
    const m = /^\(([0-9A-F]{4}),([0-9A-F]{4})\)$/i.exec(r.tag);
    if (!m) return;
    const tag = parseInt(m[1]! + m[2]!, 16) >>> 0;
    if (tag >>> 16 === 0x0002 || tag === 0x00080016) return;
    const vr = dictionaryVr(tag);
    if (vr === 'SQ') {
      rows.set(tag, r);
      elements.push({ tag, vr, items: [[{ tag: 0x00100010, vr: 'PN', value: asciiValue(NAME) }, { tag: 0x00080100, vr: 'SH', value: asciiValue('T-1') }]] });
      return;
    }
    const v = sample(vr, i);
    if (!v) return;
    rows.set(tag, r);
    elements.push({ tag, vr, value: v });
  });
  // A repeating-group row (Overlay Data 60xx,3000) with its overlay, and a private block.
  elements.push({ tag: 0x60020010, vr: 'US', value: new Uint8Array([8, 0]) }, { tag: 0x60023000, vr: 'OW', value: new Uint8Array(8) });
  elements.push({ tag: 0x00290010, vr: 'LO', value: asciiValue('SOME VENDOR') }, { tag: 0x00291001, vr: 'LO', value: asciiValue(NAME) });
  return { elements: elements.sort((a, b) => a.tag - b.tag), rows };
}

/** Types in the US IODs for combined codes, as the test's own statement of PS3.3 (Patient ID Type 2 etc.). */
const TYPE2 = new Set([0x00100020, 0x00080023, 0x00080033, 0x00180010, 0x00700084]);

function expectedAction(tag: number, vr: string, r: Row, o: DeidOptions): string {
  if (o.retainLongitudinalModifiedDates && r.rtnLongModifDatesOpt === 'C' && ['DA', 'DT', 'TM'].includes(vr)) return 'C';
  if (o.retainDeviceIdentity && r.rtnDevIdOpt === 'K') return 'K';
  if (o.retainDeviceIdentity && r.rtnDevIdOpt === 'C' && ['LO', 'SH', 'PN', 'LT', 'ST', 'UT', 'CS', 'AE', 'UC'].includes(vr)) return 'C';
  if (o.cleanDescriptors && r.cleanDescOpt === 'C' && ['LO', 'SH', 'PN', 'LT', 'ST', 'UT', 'CS', 'AE', 'UC', 'SQ'].includes(vr)) return 'C';
  const parts = r.basicProfile.replace('*', '').split('/');
  if (parts.length === 1) return parts[0]!;
  if (TYPE2.has(tag)) return parts.includes('Z') ? 'Z' : 'D';
  return parts.includes('X') ? 'X' : parts.includes('Z') ? 'Z' : 'D';
}

/** dcmdump the file: tag → the printed value text, top level only (for a check independent of our reader). */
function dcmdump(file: string): Map<number, string> {
  const out = execFileSync('dcmdump', ['+L', '-q', file], { encoding: 'latin1' });
  const m = new Map<number, string>();
  for (const line of out.split('\n')) {
    const r = /^\(([0-9a-f]{4}),([0-9a-f]{4})\) (\w\w) (.*?)\s+#/.exec(line);
    if (r) m.set(parseInt(r[1]! + r[2]!, 16) >>> 0, r[4]!);
  }
  return m;
}

const optionSets: [string, DeidOptions][] = [
  ['basic profile', DEFAULT_DEID_OPTIONS],
  ['modified dates', { ...DEFAULT_DEID_OPTIONS, retainLongitudinalModifiedDates: true }],
  ['clean descriptors', { ...DEFAULT_DEID_OPTIONS, cleanDescriptors: true }],
  ['device identity', { ...DEFAULT_DEID_OPTIONS, retainDeviceIdentity: true }],
];

describe('PS3.15 Table E.1-1', () => {
  it('core reads the same 621 rows as the shared reference', () => {
    expect(PROFILE_ROWS.length).toBe(reference.length);
    expect(PROFILE_ROWS.length).toBe(621);
    expect(PROFILE_ROWS.map((r) => [r.tag, r.basicProfile])).toEqual(reference.map((r) => [r.tag, r.basicProfile]));
  });

  it('resolves combined codes per E.3.1 by the attribute type', () => {
    expect(resolveCombined('X/Z/D', 3)).toBe('X');
    expect(resolveCombined('X/Z/D', 2)).toBe('Z');
    expect(resolveCombined('X/Z/D', 1)).toBe('D');
    expect(resolveCombined('Z/D', undefined)).toBe('Z');
    expect(resolveCombined('Z/D', 1)).toBe('D');
    expect(resolveCombined('X/Z/U*', 1)).toBe('U');
    expect(resolveCombined('X/D', 2)).toBe('D');
  });

  for (const [label, options] of optionSets) {
    it(`every attribute follows its action (${label}), read back by dcmdump`, () => {
      const { elements, rows } = buildInput();
      const identifiers = collectIdentifiers(elements, options);
      const res = deidentifyHeader(elements, { options, key: KEY, identifiers });
      const w = new ByteWriter();
      writeFileMeta(w, { sopClassUid: '1.2.840.10008.5.1.4.1.1.3.1', sopInstanceUid: textOf(res.elements.find((e) => e.tag === 0x00080018))!, transferSyntaxUid: '1.2.840.10008.1.2.1' });
      writeRawElements(w, res.elements);
      const file = join(tmp, `${label.replace(/ /g, '-')}.dcm`);
      writeFileSync(file, w.toBytes());
      const dumped = dcmdump(file);
      const back = readRawDataset(w.toBytes()).elements;
      const byTag = new Map(back.map((e) => [e.tag, e]));
      let checked = 0;
      for (const [tag, r] of rows) {
        const orig = elements.find((e) => e.tag === tag)!;
        const out = byTag.get(tag);
        const expected = expectedAction(tag, orig.vr, r, options);
        const where = `${r.tag} ${r.name} (${r.basicProfile}, expected ${expected})`;
        checked++;
        if (expected === 'X') {
          expect(out, where).toBeUndefined();
          expect(dumped.has(tag), where).toBe(false);
        } else if (expected === 'Z') {
          expect(out, where).toBeDefined();
          if (orig.items) expect(out!.items, where).toEqual([]);
          else expect(out!.value!.length, where).toBe(0);
        } else if (expected === 'D') {
          expect(out, where).toBeDefined();
          if (!orig.items) {
            expect(out!.value!.length, where).toBeGreaterThan(0);
            if (orig.vr === 'PN' || orig.vr === 'LO' || orig.vr === 'SH') expect(textOf(out), where).not.toContain('ZELDA');
          }
        } else if (expected === 'U') {
          expect(out, where).toBeDefined();
          if (!orig.items) {
            expect(textOf(out), where).toBe(mapUid(KEY, textOf(orig)!));
            expect(dumped.get(tag), where).toContain(mapUid(KEY, textOf(orig)!));
          }
        } else if (expected === 'K') {
          expect(out, where).toBeDefined();
          // Kept: the same bytes (an odd length gets its pad byte, PS3.5 §6.2).
          if (!orig.items) expect(out!.value!.subarray(0, orig.value!.length), where).toEqual(orig.value);
        } else if (expected === 'C') {
          expect(out, where).toBeDefined();
          if (['DA', 'DT'].includes(orig.vr)) expect(textOf(out), where).not.toBe(textOf(orig));
          if (orig.vr === 'TM') expect(textOf(out), where).toBe(textOf(orig));
          if (['LO', 'SH', 'LT', 'ST', 'UT', 'UC'].includes(orig.vr)) expect(textOf(out), where).toBe(`XXX ROW ${textOf(orig)!.split(' ').pop()}`);
        }
      }
      expect(checked).toBeGreaterThan(450);
      // Names inside kept sequences are handled by the rules too (PatientName is Z at any depth).
      for (const e of back) for (const it of e.items ?? []) {
        const pn = it.find((x) => x.tag === 0x00100010);
        if (pn) expect(pn.value!.length).toBe(0);
      }
      // Private attributes and overlay groups whose data was removed are gone.
      expect(back.some((e) => e.tag >>> 16 === 0x0029)).toBe(false);
      expect(back.some((e) => e.tag >>> 16 === 0x6002)).toBe(false);
      expect([...dumped.keys()].some((t) => t >>> 16 === 0x0029)).toBe(false);
    });
  }

  it('the Modified Dates option shifts every date by the same keyed number of days', () => {
    const { elements } = buildInput();
    const options = { ...DEFAULT_DEID_OPTIONS, retainLongitudinalModifiedDates: true };
    const res = deidentifyHeader(elements, { options, key: KEY, identifiers: [] });
    expect(res.dateShiftDays).toBeLessThanOrEqual(-365);
    const study = textOf(res.elements.find((e) => e.tag === 0x00080020));
    const series = textOf(res.elements.find((e) => e.tag === 0x00080021));
    const acq = textOf(res.elements.find((e) => e.tag === 0x0008002a));
    const expected = new Date(Date.UTC(2021, 5, 15) + res.dateShiftDays! * 86400000).toISOString().slice(0, 10).replace(/-/g, '');
    expect(study).toBe(expected);
    expect(series).toBe(expected);
    expect(acq).toBe(`${expected}103000`);
  });
});
