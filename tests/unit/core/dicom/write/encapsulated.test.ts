import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../../../../core/dicom/write/byte-writer';
import { writeEncapsulatedPixelData } from '../../../../../core/dicom/write/encapsulated';

/** Walk the encapsulated element independently: returns BOT offsets and fragments with their positions. */
function walk(b: Uint8Array) {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  expect(v.getUint16(0, true)).toBe(0x7fe0);
  expect(v.getUint16(2, true)).toBe(0x0010);
  expect(String.fromCharCode(b[4]!, b[5]!)).toBe('OB');
  expect(v.getUint32(8, true)).toBe(0xffffffff);
  let p = 12;
  expect(v.getUint16(p, true)).toBe(0xfffe);
  expect(v.getUint16(p + 2, true)).toBe(0xe000);
  const botLen = v.getUint32(p + 4, true);
  const bot: number[] = [];
  for (let k = 0; k < botLen / 4; k++) bot.push(v.getUint32(p + 8 + 4 * k, true));
  p += 8 + botLen;
  const firstItem = p;
  const frags: { at: number; data: Uint8Array }[] = [];
  for (;;) {
    const g = v.getUint16(p, true),
      e = v.getUint16(p + 2, true),
      len = v.getUint32(p + 4, true);
    if (g === 0xfffe && e === 0xe0dd) {
      expect(len).toBe(0);
      p += 8;
      break;
    }
    expect([g, e]).toEqual([0xfffe, 0xe000]);
    expect(len % 2).toBe(0);
    frags.push({ at: p - firstItem, data: b.subarray(p + 8, p + 8 + len) });
    p += 8 + len;
  }
  expect(p).toBe(b.length);
  return { bot, frags };
}

describe('writeEncapsulatedPixelData (PS3.5 A.4)', () => {
  it('writes one even-length fragment per frame and a Basic Offset Table pointing at each', () => {
    const frames = [new Uint8Array([1, 2, 3, 4, 5]), new Uint8Array([6, 7, 8, 9, 10, 11]), new Uint8Array([12, 13, 14, 15, 16, 17, 18])];
    const w = new ByteWriter();
    const layout = writeEncapsulatedPixelData(w, frames);
    const { bot, frags } = walk(w.toBytes());
    // Hand-computed: fragment lengths 6, 6, 8 → offsets 0, 8+6 = 14, 14+8+6 = 28.
    expect(bot).toEqual([0, 14, 28]);
    expect(layout.offsets).toEqual([0, 14, 28]);
    expect(layout.fragmentLengths).toEqual([6, 6, 8]);
    expect(frags.map((f) => f.at)).toEqual(bot);
    frags.forEach((f, i) => {
      expect(Array.from(f.data.subarray(0, frames[i]!.length))).toEqual(Array.from(frames[i]!));
      if (frames[i]!.length % 2) expect(f.data[f.data.length - 1]).toBe(0);
    });
  });

  it('rejects an empty frame list or an empty frame', () => {
    expect(() => writeEncapsulatedPixelData(new ByteWriter(), [])).toThrow();
    expect(() => writeEncapsulatedPixelData(new ByteWriter(), [new Uint8Array(0)])).toThrow();
  });
});
