/**
 * The US multi-frame writer against independent readers: dciodvfy (IOD conformance), dcmdump
 * (attributes), dcmdjpeg + dcm2pnm (pixels), dicom-parser (Basic Offset Table vs fragments).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dicomParser from 'dicom-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JpegBaselineEncoder } from '../../../../../core/dicom/write/jpeg-encoder';
import { sampleUids, writeUsMultiframe, type UsMultiframeSpec } from '../../../../../core/dicom/write/us-multiframe';
import { loadNodeJpegEncoder } from '../../../../../build/scripts/lib/jpeg-encoder-node';
import { dciodvfy, dcmdump, decodeAllFrames, dumpValue, requireTools } from './dcmtk';

const W = 160,
  H = 120;

/** Frame i: horizontal ramp shifted by 20·i plus a bright square at column 20 + 30·i (easy to find after JPEG). */
function grey(i: number): Uint8Array {
  const a = new Uint8Array(W * H);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const inSquare = x >= 20 + 30 * i && x < 44 + 30 * i && y >= 40 && y < 64;
      a[y * W + x] = inSquare ? 240 : 30 + ((x + 20 * i) % 100);
    }
  return a;
}

function rgb(i: number): Uint8Array {
  const a = new Uint8Array(W * H * 3);
  for (let y = 0; y < H; y++)
    for (let x = 0; x < W; x++) {
      const k = (y * W + x) * 3;
      // left half red, right half blue; frame index brightens green
      a[k] = x < W / 2 ? 200 : 20;
      a[k + 1] = 40 * i;
      a[k + 2] = x < W / 2 ? 20 : 200;
    }
  return a;
}

function spec(over: Partial<UsMultiframeSpec> = {}): UsMultiframeSpec {
  return {
    rows: H,
    columns: W,
    frameCount: 3,
    frame: grey,
    frameTimeMs: 1000 / 30,
    photometric: 'MONOCHROME2',
    regions: [{ x0: 10, y0: 5, x1: 149, y1: 114, mmPerPxX: 0.1, mmPerPxY: 0.125, referencePixel: { xPx: 80, yPx: 5, physicalXMm: 0, physicalYMm: 0 }, transducerFrequencyKHz: 10000 }],
    uidSeed: 'test/us-multiframe',
    date: '20250101',
    time: '120000',
    transducerType: 'LINEAR',
    ...over,
  };
}

let enc: JpegBaselineEncoder;
let dir: string;

beforeAll(async () => {
  requireTools(['dciodvfy', 'dcmdump', 'dcmdjpeg', 'dcm2pnm']);
  enc = await loadNodeJpegEncoder();
  dir = mkdtempSync(join(tmpdir(), 'bp-uswrite-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, s: UsMultiframeSpec): { file: string; bytes: Uint8Array } {
  const r = writeUsMultiframe(s, enc);
  if (!r.ok) throw new Error(`${r.error.title} ${r.error.detail ?? ''}`);
  const file = join(dir, name);
  writeFileSync(file, r.value.bytes);
  return { file, bytes: r.value.bytes };
}

describe('writeUsMultiframe', () => {
  it('MONOCHROME2: dciodvfy finds no errors and no warnings', () => {
    const { file } = write('mono.dcm', spec());
    const v = dciodvfy(file);
    expect(v.errors, v.output).toEqual([]);
    expect(v.warnings, v.output).toEqual([]);
    expect(v.output).toContain('USMultiFrameImage');
  });

  it('dcmdump shows the stated frames, timing, transfer syntax and region calibration', () => {
    const { file } = write('mono2.dcm', spec());
    const d = dcmdump(file);
    expect(dumpValue(d, '(0002,0010)')).toBe('=JPEGBaseline');
    expect(dumpValue(d, '(0008,0016)')).toBe('=UltrasoundMultiframeImageStorage');
    expect(dumpValue(d, '(0028,0008)')).toBe('3');
    expect(Number(dumpValue(d, '(0018,1063)'))).toBeCloseTo(33.3333, 3);
    expect(dumpValue(d, '(0028,0009)')).toBe('(0018,1063)');
    expect(dumpValue(d, '(0018,0040)')).toBe('30');
    expect(dumpValue(d, '(0028,2110)')).toBe('01');
    expect(Number(dumpValue(d, '(0018,602c)'))).toBe(0.01); // 0.1 mm = 0.01 cm
    expect(Number(dumpValue(d, '(0018,602e)'))).toBe(0.0125);
    expect(dumpValue(d, '(0018,6024)')).toBe('3');
    expect(dumpValue(d, '(0018,6012)')).toBe('1');
    expect(dumpValue(d, '(0018,6014)')).toBe('1');
    expect([dumpValue(d, '(0018,6018)'), dumpValue(d, '(0018,601a)'), dumpValue(d, '(0018,601c)'), dumpValue(d, '(0018,601e)')]).toEqual(['10', '5', '149', '114']);
    // reference pixel is stored relative to the region origin
    expect([dumpValue(d, '(0018,6020)'), dumpValue(d, '(0018,6022)')]).toEqual(['70', '0']);
    expect(dumpValue(d, '(0010,0010)')).toBe('SYNTHETIC^SAMPLE');
    expect(dumpValue(d, '(0008,0070)')).toBe('BlockPlan synthetic');
    expect(dumpValue(d, '(0020,000d)')).toBe(sampleUids('test/us-multiframe').study);
  });

  it('DCMTK decodes every frame close to the input (JPEG q85)', () => {
    const { file } = write('mono3.dcm', spec());
    const sub = mkdtempSync(join(dir, 'dec-'));
    const dec = decodeAllFrames(file, sub);
    expect(dec.count).toBe(3);
    for (let i = 0; i < 3; i++) {
      const img = dec.frame(i);
      expect([img.width, img.height, img.channels]).toEqual([W, H, 1]);
      const src = grey(i);
      let sum = 0;
      for (let k = 0; k < src.length; k++) sum += Math.abs(img.data[k]! - src[k]!);
      expect(sum / src.length).toBeLessThan(3);
      // the bright square is where frame i put it, so frames are in order
      expect(img.data[52 * W + 32 + 30 * i]).toBeGreaterThan(220);
    }
  });

  it('YBR_FULL_422 colour: valid IOD, decodes to the input colours', () => {
    const { file } = write('colour.dcm', spec({ photometric: 'YBR_FULL_422', frame: rgb }));
    const v = dciodvfy(file);
    expect(v.errors, v.output).toEqual([]);
    const d = dcmdump(file);
    expect(dumpValue(d, '(0028,0004)')).toBe('YBR_FULL_422');
    expect(dumpValue(d, '(0028,0002)')).toBe('3');
    expect(dumpValue(d, '(0028,0006)')).toBe('0');
    const dec = decodeAllFrames(file, mkdtempSync(join(dir, 'decc-')));
    const img = dec.frame(2);
    expect(img.channels).toBe(3);
    const at = (x: number, y: number) => Array.from(img.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3));
    const [r1, g1, b1] = at(30, 60);
    const [r2, , b2] = at(130, 60);
    expect(Math.abs(r1! - 200)).toBeLessThan(8);
    expect(Math.abs(g1! - 80)).toBeLessThan(8);
    expect(Math.abs(b1! - 20)).toBeLessThan(8);
    expect(Math.abs(r2! - 20)).toBeLessThan(8);
    expect(Math.abs(b2! - 200)).toBeLessThan(8);
  });

  it('Basic Offset Table entries point at each frame fragment (checked with dicom-parser)', () => {
    const { bytes } = write('bot.dcm', spec({ frameCount: 4, frame: (i) => grey(i % 3) }));
    const ds = dicomParser.parseDicom(bytes);
    const px = ds.elements.x7fe00010!;
    expect(px.encapsulatedPixelData).toBe(true);
    expect(px.basicOffsetTable).toHaveLength(4);
    expect(px.fragments).toHaveLength(4);
    expect(px.fragments!.map((f) => f.offset)).toEqual(px.basicOffsetTable);
    for (let i = 0; i < 4; i++) {
      const f = dicomParser.readEncapsulatedImageFrame(ds, px, i);
      expect([f[0], f[1]]).toEqual([0xff, 0xd8]);
      expect(f.length % 2).toBe(0);
    }
    expect(ds.string('x00280008')).toBe('4');
  });

  it('is deterministic: same spec, same bytes', () => {
    const a = writeUsMultiframe(spec(), enc);
    const b = writeUsMultiframe(spec(), enc);
    expect(a.ok && b.ok).toBe(true);
    if (a.ok && b.ok) expect(Buffer.from(a.value.bytes).equals(Buffer.from(b.value.bytes))).toBe(true);
  });

  it('returns errors for inconsistent specs and non-baseline encoders', () => {
    const wrongSize = writeUsMultiframe(spec({ frame: () => new Uint8Array(10) }), enc);
    expect(wrongSize.ok).toBe(false);
    if (!wrongSize.ok) expect(wrongSize.error.code).toBe('dicom-write/invalid-spec');
    const outside = writeUsMultiframe(spec({ regions: [{ x0: 0, y0: 0, x1: W, y1: 10, mmPerPxX: 0.1, mmPerPxY: 0.1 }] }), enc);
    expect(outside.ok).toBe(false);
    const badTime = writeUsMultiframe(spec({ frameTimeMs: 0 }), enc);
    expect(badTime.ok).toBe(false);
    // A stub "encoder" that returns a progressive (SOF2) header must be refused.
    const progressive: JpegBaselineEncoder = {
      encode: (_p, w, h) => new Uint8Array([0xff, 0xd8, 0xff, 0xc2, 0x00, 0x0b, 0x08, h >> 8, h & 255, w >> 8, w & 255, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9]),
    };
    const prog = writeUsMultiframe(spec(), progressive);
    expect(prog.ok).toBe(false);
    if (!prog.ok) expect(prog.error.detail).toMatch(/SOF 0xc2/);
    const throwing: JpegBaselineEncoder = {
      encode: () => {
        throw new Error('wasm not loaded');
      },
    };
    const thrown = writeUsMultiframe(spec(), throwing);
    expect(thrown.ok).toBe(false);
    if (!thrown.ok) expect(thrown.error.code).toBe('dicom-write/jpeg-encode-failed');
  });

  it('scales to benchmark-sized clips (800×600, 30 frames) with a valid IOD', () => {
    const w = 800,
      h = 600;
    const frame = (i: number) => {
      const a = new Uint8Array(w * h);
      for (let k = 0; k < a.length; k++) a[k] = ((k % w) + i * 7) & 0xff;
      return a;
    };
    const { file } = write('big.dcm', spec({ rows: h, columns: w, frameCount: 30, frame, regions: [{ x0: 0, y0: 0, x1: w - 1, y1: h - 1, mmPerPxX: 0.2, mmPerPxY: 0.2 }] }));
    expect(dciodvfy(file).errors).toEqual([]);
    expect(dumpValue(dcmdump(file), '(0028,0008)')).toBe('30');
  });
});
