import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../../../core/dicom/write/byte-writer';
import { DicomWriteError, encodeDataset, formatDS, formatIS, isValidUid, type DataElement } from '../../../../../core/dicom/write/element';

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join(' ');

describe('encodeDataset (Explicit VR Little Endian, PS3.5 §7.1.2)', () => {
  it('writes a short-VR element as tag(LE) VR len16 value', () => {
    // (0028,0010) US 480 → 28 00 10 00 'U' 'S' 02 00 e0 01
    expect(hex(encodeDataset([{ tag: 0x00280010, vr: 'US', value: 480 }]))).toBe('28 00 10 00 55 53 02 00 e0 01');
  });

  it('writes long VRs (OB, SQ, UT) with two reserved bytes and a 32-bit length', () => {
    const b = encodeDataset([{ tag: 0x00020001, vr: 'OB', value: new Uint8Array([0, 1]) }]);
    expect(hex(b)).toBe('02 00 01 00 4f 42 00 00 02 00 00 00 00 01');
  });

  it('pads odd-length values to even: UI with NUL, text with a space, OB with 0x00', () => {
    const ui = encodeDataset([{ tag: 0x00080016, vr: 'UI', value: '1.2.3' }]);
    expect(ui.length % 2).toBe(0);
    expect(ui[ui.length - 1]).toBe(0x00);
    expect(new DataView(ui.buffer).getUint16(6, true)).toBe(6);
    const cs = encodeDataset([{ tag: 0x00080060, vr: 'CS', value: 'OT' }, { tag: 0x00080064, vr: 'CS', value: 'WSD' }]);
    // second element: header 8 bytes at offset 10, value "WSD " (padded)
    expect(String.fromCharCode(...cs.subarray(18, 22))).toBe('WSD ');
    const ob = encodeDataset([{ tag: 0x00091010, vr: 'OB', value: new Uint8Array([7, 7, 7]) }]);
    expect(new DataView(ob.buffer).getUint32(8, true)).toBe(4);
    expect(ob[ob.length - 1]).toBe(0);
  });

  it('joins multiple string values with a backslash and encodes numbers little endian', () => {
    const b = encodeDataset([
      { tag: 0x00080008, vr: 'CS', value: ['DERIVED', 'PRIMARY'] },
      { tag: 0x0018602c, vr: 'FD', value: 0.015 },
      { tag: 0x00186020, vr: 'SL', value: -5 },
      { tag: 0x00280009, vr: 'AT', value: 0x00181063 },
    ]);
    const v = new DataView(b.buffer);
    expect(String.fromCharCode(...b.subarray(8, 24))).toBe('DERIVED\\PRIMARY ');
    // elements are sorted by tag: (0008,0008), (0018,6020), (0018,602C), (0028,0009)
    let off = 24;
    expect(v.getUint16(off, true)).toBe(0x0018);
    expect(v.getUint16(off + 2, true)).toBe(0x6020);
    expect(v.getInt32(off + 8, true)).toBe(-5);
    off += 12;
    expect(v.getUint16(off + 2, true)).toBe(0x602c);
    expect(v.getFloat64(off + 8, true)).toBe(0.015);
    off += 16;
    // AT: group then element, each 16-bit little endian
    expect(hex(b.subarray(off + 8, off + 12))).toBe('18 00 63 10');
  });

  it('sorts elements by tag and rejects duplicates', () => {
    const b = encodeDataset([
      { tag: 0x00280011, vr: 'US', value: 2 },
      { tag: 0x00080060, vr: 'CS', value: 'US' },
    ]);
    expect(new DataView(b.buffer).getUint16(0, true)).toBe(0x0008);
    expect(() =>
      encodeDataset([
        { tag: 0x00280011, vr: 'US', value: 2 },
        { tag: 0x00280011, vr: 'US', value: 3 },
      ]),
    ).toThrow(DicomWriteError);
  });

  it('writes sequences with defined lengths: SQ length = Σ (8 + item length)', () => {
    const item: DataElement[] = [{ tag: 0x00186012, vr: 'US', value: 1 }];
    const b = encodeDataset([{ tag: 0x00186011, vr: 'SQ', items: [item, item] }]);
    const v = new DataView(b.buffer);
    expect(String.fromCharCode(b[4]!, b[5]!)).toBe('SQ');
    const sqLen = v.getUint32(8, true);
    expect(sqLen).toBe(2 * (8 + 10));
    expect(b.length).toBe(12 + sqLen);
    // first item tag FFFE,E000 and its length
    expect(v.getUint16(12, true)).toBe(0xfffe);
    expect(v.getUint16(14, true)).toBe(0xe000);
    expect(v.getUint32(16, true)).toBe(10);
  });

  it('rejects values that break VR rules', () => {
    const bad: DataElement[] = [
      { tag: 0x00080060, vr: 'CS', value: 'us' },
      { tag: 0x00080018, vr: 'UI', value: '1.2.03' },
      { tag: 0x00080018, vr: 'UI', value: '1.2.a' },
      { tag: 0x00080020, vr: 'DA', value: '2025-01-01' },
      { tag: 0x00200011, vr: 'IS', value: '1.5' },
      { tag: 0x00081030, vr: 'LO', value: 'x'.repeat(65) },
      { tag: 0x00081030, vr: 'LO', value: 'a\\b' },
      { tag: 0x00081030, vr: 'LO', value: 'caf\u00e9' },
      { tag: 0x00280010, vr: 'US', value: 70000 },
      { tag: 0x00280010, vr: 'US', value: 1.5 },
    ];
    for (const el of bad) expect(() => encodeDataset([el]), JSON.stringify(el)).toThrow(DicomWriteError);
  });
});

describe('formatDS / formatIS / isValidUid', () => {
  it('fits any finite number in 16 characters and keeps precision', () => {
    for (const n of [1000 / 30, 1000 / 60, 0.015, 1e-9, 123456789.123456, -2 / 3, 50]) {
      const s = formatDS(n);
      expect(s.length).toBeLessThanOrEqual(16);
      expect(/^[0-9+\-Ee.]+$/.test(s)).toBe(true);
      expect(Math.abs(Number(s) - n)).toBeLessThanOrEqual(Math.abs(n) * 1e-9 + 1e-15);
    }
    expect(formatDS(50)).toBe('50');
    expect(() => formatDS(Number.NaN)).toThrow();
  });

  it('IS takes 32-bit integers only', () => {
    expect(formatIS(60)).toBe('60');
    expect(() => formatIS(2 ** 31)).toThrow();
    expect(() => formatIS(0.5)).toThrow();
  });

  it('UIDs: digits and dots, no leading zeros, ≤ 64 chars', () => {
    expect(isValidUid('1.2.840.10008.5.1.4.1.1.3.1')).toBe(true);
    expect(isValidUid('1.0.2')).toBe(true);
    expect(isValidUid('1.02')).toBe(false);
    expect(isValidUid('1..2')).toBe(false);
    expect(isValidUid('1.' + '2'.repeat(63))).toBe(false);
  });
});

describe('ByteWriter', () => {
  it('grows and patches little-endian values', () => {
    const w = new ByteWriter(16);
    for (let i = 0; i < 100; i++) w.u32(i);
    w.patchU32(4, 0xdeadbeef);
    const b = w.toBytes();
    expect(b.length).toBe(400);
    expect(new DataView(b.buffer).getUint32(4, true)).toBe(0xdeadbeef);
    expect(new DataView(b.buffer).getUint32(396, true)).toBe(99);
  });
});
