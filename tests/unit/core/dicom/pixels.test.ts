/**
 * Unit tests of the pixel pipeline on data sets built in the test: RLE, palette (8/16-bit and
 * segmented), YBR conversions, planar configuration, MONOCHROME1/2 with rescale and VOI.
 */
import { describe, expect, it } from 'vitest';
import { decodeFrame, openDicom, toRgba, type DecodedFrame } from '../../../../core/dicom/index';
import { expandSegmentedLut } from '../../../../core/dicom/palette';
import { decodePackBits, decodeRle } from '../../../../core/dicom/rle';
import { colourToRgba, paletteToRgba, ybrFullToRgb8, voiLinear } from '../../../../core/dicom/pixels';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { buildDicom, imageElements, packBits, rleFrame, type El } from './build';

const codecs = createNodeCodecs();
const PIXEL = 0x7fe00010;

async function decodeOnly(bytes: Uint8Array, frame = 0): Promise<DecodedFrame> {
  const o = openDicom(bytes, { fileName: 'test.dcm' });
  if (!o.ok) throw new Error(o.error.message);
  const d = await decodeFrame(o.value, frame, codecs);
  if (!d.ok) throw new Error(d.error.message);
  return d.value;
}

const rgbOf = (rgba: Uint8ClampedArray, p: number) => [rgba[p * 4], rgba[p * 4 + 1], rgba[p * 4 + 2]];

describe('RLE (PS3.5 Annex G)', () => {
  it('decodes the PackBits reference vector of Apple TN1023', () => {
    const src = Uint8Array.from([0xfe, 0xaa, 0x02, 0x80, 0x00, 0x2a, 0xfd, 0xaa, 0x03, 0x80, 0x00, 0x2a, 0x22, 0xf7, 0xaa]);
    const out = new Uint8Array(24);
    expect(decodePackBits(src, 0, src.length, out)).toBeUndefined();
    expect(Array.from(out)).toEqual([
      0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0xaa, 0xaa, 0xaa, 0xaa, 0x80, 0x00, 0x2a, 0x22, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa, 0xaa,
    ]);
  });

  it('reports a segment that runs out instead of reading past it', () => {
    const out = new Uint8Array(10);
    expect(decodePackBits(Uint8Array.from([0x02, 1, 2, 3]), 0, 4, out)).toMatch(/ends after 3 of 10/);
    expect(decodePackBits(Uint8Array.from([0x05, 1, 2]), 0, 3, out)).toMatch(/literal run/);
  });

  it('16-bit gray: segment 1 is the high byte, segment 2 the low byte', async () => {
    const values = [0x0102, 0xfffe, 0x8000, 0x00ff, 0x1234, 0x1234];
    const hi = Uint8Array.from(values.map((v) => v >> 8));
    const lo = Uint8Array.from(values.map((v) => v & 0xff));
    const file = buildDicom(
      [...imageElements({ rows: 2, columns: 3, pi: 'MONOCHROME2', bits: 16 }), { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: [rleFrame([hi, lo])] }],
      { transferSyntax: '1.2.840.10008.1.2.5' },
    );
    const f = await decodeOnly(file);
    expect(f.kind).toBe('gray');
    if (f.kind === 'gray') expect(Array.from(f.pixels)).toEqual(values);
  });

  it('8-bit RGB: three segments R, G, B become colour-by-pixel', async () => {
    const r = Uint8Array.from([255, 0, 0, 10]);
    const g = Uint8Array.from([0, 255, 0, 20]);
    const b = Uint8Array.from([0, 0, 255, 30]);
    const file = buildDicom(
      [...imageElements({ rows: 2, columns: 2, spp: 3, pi: 'RGB', planar: 0, frames: 2 }), { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: [rleFrame([r, g, b]), rleFrame([b, r, g])] }],
      { transferSyntax: '1.2.840.10008.1.2.5' },
    );
    const f0 = await decodeOnly(file, 0);
    const f1 = await decodeOnly(file, 1);
    if (f0.kind !== 'rgb' || f1.kind !== 'rgb') throw new Error('expected rgb');
    expect([0, 1, 2, 3].map((p) => rgbOf(f0.rgba, p))).toEqual([[255, 0, 0], [0, 255, 0], [0, 0, 255], [10, 20, 30]]);
    expect(rgbOf(f1.rgba, 3)).toEqual([30, 10, 20]);
  });

  it('rejects a segment count that does not match the image', () => {
    const frame = rleFrame([Uint8Array.from([1, 2, 3, 4])]);
    expect(decodeRle(frame, 2, 2, 3, 1)).toMatch(/1 segments; 3 expected/);
  });

  it('a damaged RLE frame gives decode-failed naming the file and frame', async () => {
    const frame = rleFrame([Uint8Array.from([1, 2, 3, 4])]);
    new DataView(frame.buffer).setUint32(4, 9999, true);
    const file = buildDicom([...imageElements({ rows: 2, columns: 2, pi: 'MONOCHROME2' }), { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: [frame] }], {
      transferSyntax: '1.2.840.10008.1.2.5',
    });
    const o = openDicom(file, { fileName: 'clip.dcm' });
    if (!o.ok) throw new Error(o.error.message);
    const d = await decodeFrame(o.value, 0, codecs);
    expect(d.ok).toBe(false);
    if (!d.ok) {
      expect(d.error.code).toBe('decode-failed');
      expect(d.error.message).toMatch(/^clip\.dcm: Frame 1 of 1/);
    }
  });

  it('round-trips random data through the test PackBits encoder', () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) >>> 0) >>> 16) & 0xff;
    const src = Uint8Array.from({ length: 5000 }, (_, i) => (i % 97 < 40 ? 7 : rnd()));
    const enc = packBits(src);
    const out = new Uint8Array(src.length);
    expect(decodePackBits(enc, 0, enc.length, out)).toBeUndefined();
    expect(out).toEqual(src);
  });
});

function paletteFile(o: { bits: 8 | 16; entries: number; first: number; lut: (i: number) => [number, number, number]; pixels: number[]; packed8?: boolean }): Uint8Array {
  const n = o.entries;
  const chan = (c: number) => {
    if (o.bits === 8 && o.packed8 !== false) return Uint8Array.from({ length: n }, (_, i) => o.lut(i)[c]!);
    const b = new Uint8Array(n * 2);
    const dv = new DataView(b.buffer);
    for (let i = 0; i < n; i++) dv.setUint16(i * 2, o.lut(i)[c]!, true);
    return b;
  };
  const desc = (t: number): El => ({ tag: t, vr: 'US', value: [n === 65536 ? 0 : n, o.first, o.bits] });
  return buildDicom([
    ...imageElements({ rows: 1, columns: o.pixels.length, pi: 'PALETTE COLOR' }),
    desc(0x00281101),
    desc(0x00281102),
    desc(0x00281103),
    { tag: 0x00281201, vr: 'OW', bytes: chan(0) },
    { tag: 0x00281202, vr: 'OW', bytes: chan(1) },
    { tag: 0x00281203, vr: 'OW', bytes: chan(2) },
    { tag: PIXEL, vr: 'OB', bytes: Uint8Array.from(o.pixels) },
  ]);
}

describe('PALETTE COLOR (PS3.3 C.7.6.3.1.5-6, C.7.9.2)', () => {
  it('8-bit entries packed two per word; indices below the first mapped value clamp to entry 0', async () => {
    const file = paletteFile({ bits: 8, entries: 4, first: 10, lut: (i) => [i * 10, 100 + i, 255 - i], pixels: [10, 11, 13, 5, 200] });
    const f = await decodeOnly(file);
    if (f.kind !== 'rgb') throw new Error('rgb expected');
    expect([0, 1, 2, 3, 4].map((p) => rgbOf(f.rgba, p))).toEqual([
      [0, 100, 255],
      [10, 101, 254],
      [30, 103, 252],
      [0, 100, 255], // below first mapped
      [30, 103, 252], // past the table
    ]);
  });

  it('8-bit entries stored one per 16-bit word', async () => {
    const file = paletteFile({ bits: 8, entries: 3, first: 0, packed8: false, lut: (i) => [i * 100, 7, 9], pixels: [0, 1, 2] });
    const f = await decodeOnly(file);
    if (f.kind !== 'rgb') throw new Error('rgb expected');
    expect([0, 1, 2].map((p) => rgbOf(f.rgba, p))).toEqual([[0, 7, 9], [100, 7, 9], [200, 7, 9]]);
  });

  it('16-bit entries are scaled to 8 bits (×255/65535)', async () => {
    const file = paletteFile({ bits: 16, entries: 3, first: 0, lut: (i) => [[0, 32896, 65535][i]!, 257 * 3, 65535 - 257 * i], pixels: [0, 1, 2] });
    const f = await decodeOnly(file);
    if (f.kind !== 'rgb') throw new Error('rgb expected');
    expect([0, 1, 2].map((p) => rgbOf(f.rgba, p))).toEqual([[0, 3, 255], [128, 3, 254], [255, 3, 253]]);
  });

  it('expands segmented LUTs: discrete, linear and indirect segments', () => {
    // discrete [0, 10]; linear 4 steps to 50 → 20, 30, 40, 50; indirect: repeat the first (discrete) segment.
    const words = Uint16Array.from([0, 2, 0, 10, 1, 4, 50, 2, 1, 0, 0]);
    const lut = expandSegmentedLut(words, 8);
    expect(lut instanceof Uint16Array && Array.from(lut)).toEqual([0, 10, 20, 30, 40, 50, 0, 10]);
  });

  it('rejects malformed segmented LUTs', () => {
    expect(expandSegmentedLut(Uint16Array.from([1, 4, 50]), 4)).toMatch(/no previous value/);
    expect(expandSegmentedLut(Uint16Array.from([7, 1, 0]), 4)).toMatch(/unknown segment type 7/);
    expect(expandSegmentedLut(Uint16Array.from([0, 9, 1]), 4)).toMatch(/runs past/);
    expect(expandSegmentedLut(Uint16Array.from([2, 1, 500, 0]), 4)).toMatch(/outside the data/);
  });

  it('a file with a segmented palette decodes through it', async () => {
    const seg = (y1: number) => {
      const w = Uint16Array.from([0, 1, 0, 1, 3, y1]); // 0, then ramp to y1 over 3 entries
      return new Uint8Array(w.buffer);
    };
    const desc = (t: number): El => ({ tag: t, vr: 'US', value: [4, 0, 16] });
    const file = buildDicom([
      ...imageElements({ rows: 1, columns: 4, pi: 'PALETTE COLOR' }),
      desc(0x00281101),
      desc(0x00281102),
      desc(0x00281103),
      { tag: 0x00281221, vr: 'OW', bytes: seg(65535) },
      { tag: 0x00281222, vr: 'OW', bytes: seg(0) },
      { tag: 0x00281223, vr: 'OW', bytes: seg(30000) },
      { tag: PIXEL, vr: 'OB', bytes: Uint8Array.from([0, 1, 2, 3]) },
    ]);
    const f = await decodeOnly(file);
    if (f.kind !== 'rgb') throw new Error('rgb expected');
    // red ramp 0, 21845, 43690, 65535 → 0, 85, 170, 255 in 8 bits
    expect([0, 1, 2, 3].map((p) => rgbOf(f.rgba, p)[0])).toEqual([0, 85, 170, 255]);
    expect([0, 1, 2, 3].map((p) => rgbOf(f.rgba, p)[2])).toEqual([0, 39, 78, 117]);
  });
});

describe('YBR and RGB colour models (PS3.3 C.7.6.3.1.2)', () => {
  it('YBR_FULL → RGB matches the inverse of the standard forward equations', () => {
    // Forward transform of known RGB colours, per PS3.3: Y = .299R + .587G + .114B, etc.
    const fwd = (r: number, g: number, b: number) => [
      0.299 * r + 0.587 * g + 0.114 * b,
      -0.1687 * r - 0.3313 * g + 0.5 * b + 128,
      0.5 * r - 0.4187 * g - 0.0813 * b + 128,
    ];
    for (const rgb of [[255, 0, 0], [0, 255, 0], [0, 0, 255], [128, 128, 128], [12, 200, 90], [255, 255, 255]]) {
      const [y, cb, cr] = fwd(rgb[0]!, rgb[1]!, rgb[2]!).map((v) => Math.round(v));
      const back = ybrFullToRgb8(y!, cb!, cr!);
      back.forEach((v, i) => expect(Math.abs(v - rgb[i]!)).toBeLessThanOrEqual(2));
    }
    expect(ybrFullToRgb8(128, 128, 128)).toEqual([128, 128, 128]);
  });

  it('native YBR_FULL_422 holds Y0 Y1 Cb Cr per pixel pair', async () => {
    // Two pixel pairs: gray 100/200 (neutral chroma), then a reddish pair.
    const bytes = Uint8Array.from([100, 200, 128, 128, 76, 76, 85, 255]);
    const file = buildDicom([...imageElements({ rows: 1, columns: 4, spp: 3, pi: 'YBR_FULL_422', planar: 0 }), { tag: PIXEL, vr: 'OB', bytes }]);
    const f = await decodeOnly(file);
    if (f.kind !== 'rgb') throw new Error('rgb expected');
    expect(rgbOf(f.rgba, 0)).toEqual([100, 100, 100]);
    expect(rgbOf(f.rgba, 1)).toEqual([200, 200, 200]);
    const red = rgbOf(f.rgba, 2);
    expect(red[0]).toBeGreaterThanOrEqual(253);
    expect(red[1]).toBeLessThanOrEqual(2);
    expect(red[2]).toBeLessThanOrEqual(2);
    expect(rgbOf(f.rgba, 3)).toEqual(red);
  });

  it('RGB planar configuration 1 (colour-by-plane) equals configuration 0', async () => {
    const px = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const byPixel = Uint8Array.from(px.flat());
    const byPlane = Uint8Array.from([0, 1, 2].flatMap((c) => px.map((p) => p[c]!)));
    const a = await decodeOnly(buildDicom([...imageElements({ rows: 1, columns: 3, spp: 3, pi: 'RGB', planar: 0 }), { tag: PIXEL, vr: 'OB', bytes: byPixel }]));
    const b = await decodeOnly(buildDicom([...imageElements({ rows: 1, columns: 3, spp: 3, pi: 'RGB', planar: 1 }), { tag: PIXEL, vr: 'OB', bytes: byPlane }]));
    if (a.kind !== 'rgb' || b.kind !== 'rgb') throw new Error('rgb expected');
    expect([0, 1, 2].map((p) => rgbOf(a.rgba, p))).toEqual(px);
    expect(b.rgba).toEqual(a.rgba);
  });
});

describe('grayscale: masking, sign, modality LUT, VOI, MONOCHROME1', () => {
  const gray16 = (values: number[], extra: El[] = [], o: { stored?: number; signed?: boolean; pi?: string } = {}) => {
    const b = new Uint8Array(values.length * 2);
    const dv = new DataView(b.buffer);
    values.forEach((v, i) => dv.setUint16(i * 2, v & 0xffff, true));
    return buildDicom([
      ...imageElements({ rows: 1, columns: values.length, pi: o.pi ?? 'MONOCHROME2', bits: 16, stored: o.stored ?? 16, signed: o.signed }),
      ...extra,
      { tag: PIXEL, vr: 'OW', bytes: b },
    ]);
  };

  it('keeps the low Bits Stored bits and sign-extends signed values', async () => {
    const f = await decodeOnly(gray16([0xa7ff, 0x0800, 0x0001, 0xf000], [], { stored: 12, signed: true }));
    if (f.kind !== 'gray') throw new Error('gray expected');
    expect(Array.from(f.pixels)).toEqual([2047, -2048, 1, 0]);
  });

  it('applies rescale to min/max and the file window by default; MONOCHROME1 inverts', async () => {
    const extra: El[] = [
      { tag: 0x00281053, vr: 'DS', value: '2' },
      { tag: 0x00281052, vr: 'DS', value: '-100' },
      { tag: 0x00281050, vr: 'DS', value: '100\\50' },
      { tag: 0x00281051, vr: 'DS', value: '201\\10' },
    ];
    const f = await decodeOnly(gray16([0, 50, 100, 150], extra));
    if (f.kind !== 'gray') throw new Error('gray expected');
    expect([f.minValue, f.maxValue]).toEqual([-100, 200]);
    expect([f.windowCenter, f.windowWidth]).toEqual([100, 201]);
    // modality values -100, 0, 100, 200 through window c=100 w=201 (bounds −0.5 … 199.5):
    // −100 → 0; 0 → (99.5/200 … ) ((0 − 99.5)/200 + 0.5)·255 = 0.64 → 1; 100 → 128.1 → 128; 200 → 255
    const rgba = toRgba(f);
    const expected = [-100, 0, 100, 200].map((x) => Math.round(voiLinear(x, 100, 201)));
    expect([0, 1, 2, 3].map((p) => rgba[p * 4])).toEqual(expected);
    expect(expected).toEqual([0, 1, 128, 255]);
    const m1 = await decodeOnly(gray16([0, 50, 100, 150], extra, { pi: 'MONOCHROME1' }));
    const inv = toRgba(m1);
    expect([0, 1, 2, 3].map((p) => inv[p * 4])).toEqual(expected.map((v) => 255 - v));
  });

  it('without a window the frame range maps to 0…255; an explicit VOI overrides', async () => {
    const f = await decodeOnly(gray16([1000, 1500, 2000]));
    const rgba = toRgba(f);
    expect([rgba[0], rgba[4], rgba[8]]).toEqual([0, 128, 255]);
    const narrow = toRgba(f, { windowCenter: 1500, windowWidth: 2 });
    expect([narrow[0], narrow[8]]).toEqual([0, 255]);
  });
});

describe('colour to RGBA8 into a caller\'s buffer', () => {
  /** RGBA of interleaved 8-bit RGB, pixel by pixel: the reference for the 4-pixels-at-a-time path. */
  const slowRgba = (rgb: Uint8Array, n: number) => {
    const out = new Uint8ClampedArray(n * 4);
    for (let p = 0; p < n; p++) out.set([rgb[p * 3]!, rgb[p * 3 + 1]!, rgb[p * 3 + 2]!, 255], p * 4);
    return out;
  };

  it('interleaved RGB: every pixel for any pixel count, aligned or not', () => {
    for (const n of [1, 2, 3, 4, 5, 7, 8, 13, 640 * 3 + 1]) {
      for (const offset of [0, 1, 4]) {
        const buf = new Uint8Array(n * 3 + offset);
        for (let i = 0; i < buf.length; i++) buf[i] = (i * 37 + 11) & 255;
        const rgb = buf.subarray(offset);
        expect(Array.from(colourToRgba(rgb, n, 1, 'RGB', false, 8)), `n=${n} offset=${offset}`).toEqual(Array.from(slowRgba(rgb, n)));
      }
    }
  });

  it('short interleaved RGB data: the missing pixels are black, no exception', () => {
    const rgb = Uint8Array.from([10, 20, 30, 40, 50, 60, 70]); // 2 whole pixels and a stray byte, for 4 pixels
    expect(Array.from(colourToRgba(rgb, 4, 1, 'RGB', false, 8))).toEqual([10, 20, 30, 255, 40, 50, 60, 255, 70, 0, 0, 255, 0, 0, 0, 255]);
  });

  it('writes into `into` when it has the frame\'s size, overwriting every byte, and ignores any other size', () => {
    const w = 5;
    const h = 3;
    const rgb = Uint8Array.from({ length: w * h * 3 }, (_, i) => (i * 53) & 255);
    const into = new Uint8ClampedArray(w * h * 4).fill(7);
    const got = colourToRgba(rgb, w, h, 'RGB', false, 8, into);
    expect(got).toBe(into);
    expect(Array.from(got)).toEqual(Array.from(slowRgba(rgb, w * h)));
    const small = new Uint8ClampedArray(8);
    const other = colourToRgba(rgb, w, h, 'RGB', false, 8, small);
    expect(other).not.toBe(small);
    expect(Array.from(small)).toEqual(new Array(8).fill(0));

    // YBR_FULL_422 with too few samples: the pixels without data are black, not the old contents.
    const ybr = Uint8Array.from([128, 128, 128, 128]); // one pixel pair of mid grey, then nothing
    const stale = new Uint8ClampedArray(4 * 4).fill(200);
    const y = colourToRgba(ybr, 4, 1, 'YBR_FULL_422', false, 8, stale);
    expect(Array.from(y)).toEqual([128, 128, 128, 255, 128, 128, 128, 255, 0, 0, 0, 0, 0, 0, 0, 0]);

    // Palette colour too.
    const lut = { red: Uint16Array.from([0, 255]), green: Uint16Array.from([10, 20]), blue: Uint16Array.from([30, 40]), firstMapped: 0, bits: 8 };
    const pal = new Uint8ClampedArray(8).fill(99);
    expect(paletteToRgba(Uint8Array.from([1, 0]), lut, pal)).toBe(pal);
    expect(Array.from(pal)).toEqual([255, 20, 40, 255, 0, 10, 30, 255]);
  });
});
