/**
 * openDicom: file forms, typed errors, truncation, encapsulation (offset tables), timing precedence
 * and ultrasound region calibration — on data sets built here and on real fixtures.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  decodeFrame,
  dicomErrorToAppError,
  frameTiming,
  measurementSpace,
  openDicom,
  Tag,
  toRgba,
  withManualCalibration,
  type DicomImage,
} from '../../../../core/dicom/index';
import { scanFragments } from '../../../../core/dicom/fragments';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { buildDicom, imageElements, type El } from './build';
import { fixturesDir } from './reference';

const codecs = createNodeCodecs();
const PIXEL = 0x7fe00010;
const fixture = (p: string) => new Uint8Array(readFileSync(join(fixturesDir, p)));

function open(bytes: Uint8Array): DicomImage {
  const o = openDicom(bytes, { fileName: 'x.dcm' });
  if (!o.ok) throw new Error(`${o.error.code}: ${o.error.message}`);
  return o.value;
}

const gray8 = (rows: number, cols: number, frames: number, extra: El[] = []) =>
  buildDicom([
    ...imageElements({ rows, columns: cols, pi: 'MONOCHROME2', frames }),
    ...extra,
    { tag: PIXEL, vr: 'OB', bytes: Uint8Array.from({ length: rows * cols * frames }, (_, i) => i % 251) },
  ]);

describe('file forms', () => {
  it('reads a raw implicit-VR data set without preamble or File Meta (real fixture)', () => {
    const img = open(fixture('pydicom-data/OT-PAL-8-face.dcm'));
    expect(img.meta.noFileMeta).toBe(true);
    expect(img.meta.transferSyntaxUid).toBe('1.2.840.10008.1.2');
    expect([img.meta.rows, img.meta.columns]).toEqual([480, 640]);
  });

  it('reads a built raw explicit-VR data set and a Part 10 file without the 128-byte preamble', async () => {
    const els = [...imageElements({ rows: 2, columns: 2, pi: 'MONOCHROME2' }), { tag: PIXEL, vr: 'OB' as const, bytes: Uint8Array.from([1, 2, 3, 4]) }];
    const raw = open(buildDicom(els, { raw: true }));
    expect(raw.meta.transferSyntaxUid).toBe('1.2.840.10008.1.2.1');
    const noPreamble = buildDicom(els).subarray(132);
    const img = open(noPreamble);
    const d = await decodeFrame(img, 0, codecs);
    expect(d.ok && d.value.kind === 'gray' && Array.from(d.value.pixels)).toEqual([1, 2, 3, 4]);
  });

  it('reads deflated explicit VR little endian', async () => {
    const els = [...imageElements({ rows: 2, columns: 3, pi: 'MONOCHROME2' }), { tag: PIXEL, vr: 'OB' as const, bytes: Uint8Array.from([9, 8, 7, 6, 5, 4]) }];
    const plain = buildDicom(els, { transferSyntax: '1.2.840.10008.1.2.1.99' });
    // Deflate everything after the File Meta (group 0002 ends where the first 0008 tag starts).
    let metaEnd = 132;
    while (plain[metaEnd] === 0x02 && plain[metaEnd + 1] === 0x00) {
      const vr = String.fromCharCode(plain[metaEnd + 4]!, plain[metaEnd + 5]!);
      const long = vr === 'OB' || vr === 'OW' || vr === 'UN' || vr === 'SQ';
      const len = long ? new DataView(plain.buffer).getUint32(metaEnd + 8, true) : new DataView(plain.buffer).getUint16(metaEnd + 6, true);
      metaEnd += (long ? 12 : 8) + len;
    }
    const deflated = deflateSync(plain.subarray(metaEnd));
    const file = new Uint8Array(metaEnd + deflated.length);
    file.set(plain.subarray(0, metaEnd));
    file.set(deflated, metaEnd);
    const img = open(file);
    const d = await decodeFrame(img, 0, codecs);
    expect(d.ok && d.value.kind === 'gray' && Array.from(d.value.pixels)).toEqual([9, 8, 7, 6, 5, 4]);
  });
});

describe('typed errors', () => {
  it('not DICOM', () => {
    const o = openDicom(new TextEncoder().encode('{"hello": "this is json, not dicom"}'), { fileName: 'notes.json' });
    expect(!o.ok && o.error.code).toBe('not-dicom');
    if (!o.ok) {
      expect(o.error.message).toMatch(/^notes\.json: /);
      const app = dicomErrorToAppError(o.error);
      expect(app.code).toBe('dicom/not-dicom');
      expect(app.file).toBe('notes.json');
      expect(app.action).toBeTruthy();
    }
  });

  it('unsupported transfer syntax is named', () => {
    const file = buildDicom([...imageElements({ rows: 2, columns: 2, pi: 'YBR_PARTIAL_420', spp: 3 }), { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: [Uint8Array.from([0, 0, 1, 0xb3])] }], {
      transferSyntax: '1.2.840.10008.1.2.4.102',
    });
    const o = openDicom(file);
    expect(!o.ok && o.error.code).toBe('unsupported-transfer-syntax');
    if (!o.ok) {
      expect(o.error.message).toContain('MPEG-4 AVC/H.264');
      expect(o.error.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.102');
    }
  });

  it('no pixel data', () => {
    const o = openDicom(buildDicom([{ tag: 0x00080060, vr: 'CS', value: 'SR' }]));
    expect(!o.ok && o.error.code).toBe('no-pixel-data');
  });

  it('inconsistent sizes: pixel data too short for one frame; absurd frame size', () => {
    const short = buildDicom([...imageElements({ rows: 100, columns: 100, pi: 'MONOCHROME2' }), { tag: PIXEL, vr: 'OB', bytes: new Uint8Array(50) }]);
    expect((openDicom(short) as { error: { code: string } }).error.code).toBe('inconsistent-sizes');
    const huge = buildDicom([...imageElements({ rows: 65535, columns: 65535, spp: 3, pi: 'RGB', bits: 16 }), { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: [new Uint8Array(10)] }], {
      transferSyntax: '1.2.840.10008.1.2.4.90',
    });
    const o = openDicom(huge);
    expect(!o.ok && o.error.code).toBe('inconsistent-sizes');
    const frames = gray8(2, 2, 1, []).slice();
    expect(openDicom(frames).ok).toBe(true);
    const bad = buildDicom([...imageElements({ rows: 2, columns: 2, pi: 'MONOCHROME2', frames: 999999999 }), { tag: PIXEL, vr: 'OB', bytes: new Uint8Array(4) }]);
    expect((openDicom(bad) as { error: { code: string } }).error.code).toBe('inconsistent-sizes');
  });

  it('truncated native pixel data keeps the complete frames and counts the missing ones', async () => {
    const full = gray8(4, 4, 5);
    const cut = full.subarray(0, full.length - 16 * 2 - 3); // lose 2 frames and a bit
    const img = open(cut);
    expect(img.frameCount).toBe(5);
    expect(img.availableFrames).toBe(2);
    expect(img.warnings.join(' ')).toMatch(/3 of 5 frames are missing/);
    const ok = await decodeFrame(img, 1, codecs);
    expect(ok.ok).toBe(true);
    const missing = await decodeFrame(img, 3, codecs);
    expect(!missing.ok && missing.error.code).toBe('truncated');
    if (!missing.ok) expect(missing.error.missingFrames).toBe(3);
    const out = await decodeFrame(img, 7, codecs);
    expect(!out.ok && out.error.code).toBe('frame-out-of-range');
  });

  it('a file cut inside its header is truncated, never a crash', () => {
    const full = fixture('pydicom-data/SC_rgb_2frame.dcm');
    for (const n of [140, 300, 700, 1000]) {
      const o = openDicom(full.subarray(0, n));
      expect(o.ok).toBe(false);
      if (!o.ok) expect(['truncated', 'no-pixel-data', 'not-dicom']).toContain(o.error.code);
    }
  });

  it('truncated encapsulated data (real JPEG clip) keeps the complete frames', async () => {
    const full = fixture('fo-dicom/multiframe.dcm');
    const img = open(full.subarray(0, Math.floor(full.length * 0.5)));
    expect(img.frameCount).toBe(140);
    expect(img.availableFrames).toBeGreaterThan(40);
    expect(img.availableFrames).toBeLessThan(100);
    const last = await decodeFrame(img, img.availableFrames - 1, codecs);
    expect(last.ok || (!last.ok && last.error.code === 'inconsistent-sizes')).toBe(true);
  });
});

describe('encapsulation: offset tables', () => {
  it('Extended Offset Table, empty Basic Offset Table, and frames split by JPEG markers all give the same frames', async () => {
    // Take the JPEG frames of a real clip and re-wrap them three ways.
    const src = open(fixture('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm'));
    if (src.pixel.kind !== 'encapsulated') throw new Error('encapsulated expected');
    const frames = src.pixel.frames.map((f) => {
      const t = f.fragments.reduce((s, x) => s + x.length, 0);
      const b = new Uint8Array(t);
      let o = 0;
      for (const x of f.fragments) {
        b.set(x, o);
        o += x.length;
      }
      return b.length % 2 ? Uint8Array.from([...b, 0]) : b;
    });
    const base = [...imageElements({ rows: 240, columns: 320, spp: 3, pi: 'YBR_FULL', planar: 0, frames: frames.length })];
    const offsets: number[] = [];
    let off = 0;
    for (const f of frames) {
      offsets.push(off);
      off += 8 + f.length;
    }
    const u64 = (v: number[]) => {
      const b = new Uint8Array(v.length * 8);
      v.forEach((x, i) => new DataView(b.buffer).setUint32(i * 8, x, true));
      return b;
    };
    const ts = { transferSyntax: '1.2.840.10008.1.2.4.50' };
    const eot = buildDicom(
      [...base, { tag: 0x7fe00001, vr: 'OB', bytes: u64(offsets) }, { tag: 0x7fe00002, vr: 'OB', bytes: u64(frames.map((f) => f.length)) }, { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: frames }],
      ts,
    );
    const bot = buildDicom([...base, { tag: PIXEL, vr: 'ENCAP', bot: offsets, fragments: frames }], ts);
    // Split every frame into 3 fragments, no offset table: frames must be found by the SOI markers.
    const split = frames.flatMap((f) => {
      const a = Math.floor(f.length / 3) & ~1;
      return [f.subarray(0, a), f.subarray(a, 2 * a), f.subarray(2 * a)];
    });
    const markers = buildDicom([...base, { tag: PIXEL, vr: 'ENCAP', bot: [], fragments: split }], ts);
    const imgs = [eot, bot, markers].map(open);
    for (const im of imgs) expect(im.availableFrames).toBe(frames.length);
    if (imgs[2]!.pixel.kind === 'encapsulated') expect(imgs[2]!.pixel.frames[0]!.fragments.length).toBe(3);
    for (let f = 0; f < frames.length; f += 3) {
      const ref = await decodeFrame(src, f, codecs);
      if (!ref.ok) throw new Error(ref.error.message);
      for (const im of imgs) {
        const d = await decodeFrame(im, f, codecs);
        if (!d.ok) throw new Error(d.error.message);
        // Byte comparison (toEqual on 300k-element typed arrays is very slow).
        expect(Buffer.compare(Buffer.from(toRgba(d.value)), Buffer.from(toRgba(ref.value)))).toBe(0);
      }
    }
  });

  it('scanFragments stops at data that is not an item and reports it', () => {
    const b = new Uint8Array(24);
    const dv = new DataView(b.buffer);
    dv.setUint16(0, 0xfffe, true);
    dv.setUint16(2, 0xe000, true);
    dv.setUint32(4, 0, true);
    dv.setUint16(8, 0x0008, true);
    const s = scanFragments(b, 0);
    expect(s.fragments.length).toBe(0);
    expect(s.warning).toMatch(/Unexpected element/);
  });
});

describe('frame timing (PS3.3 C.7.6.5, C.7.6.6)', () => {
  it('precedence: pointer → Frame Time → Frame Time Vector → Cine Rate → Recommended Display Frame Rate → assumed 30', () => {
    expect(frameTiming({ frames: 3, frameTimeMs: 40, cineRate: 10 })).toMatchObject({ source: 'frame-time', fps: 25, frameTimesMs: [40, 40, 40] });
    const v = frameTiming({ frames: 3, frameTimeMs: 40, frameTimeVectorMs: [0, 20, 60], frameIncrementPointer: [Tag.FrameTimeVector] });
    expect(v).toMatchObject({ source: 'frame-time-vector', frameTimesMs: [20, 60, 40], assumed: false });
    expect(v.fps).toBeCloseTo(25, 10);
    expect(frameTiming({ frames: 3, frameTimeVectorMs: [0, 50, 50] })).toMatchObject({ source: 'frame-time-vector', fps: 20 });
    expect(frameTiming({ frames: 2, cineRate: 25, recommendedDisplayFrameRate: 50 })).toMatchObject({ source: 'cine-rate', fps: 25, frameTimesMs: [40, 40] });
    expect(frameTiming({ frames: 2, recommendedDisplayFrameRate: 50 })).toMatchObject({ source: 'recommended-display-frame-rate', frameTimesMs: [20, 20] });
    const warnings: string[] = [];
    expect(frameTiming({ frames: 4 }, warnings)).toMatchObject({ source: 'assumed', assumed: true, fps: 30 });
    expect(warnings.join()).toMatch(/30 frames\/s is assumed/);
  });

  it('invalid values are skipped with a warning', () => {
    const w: string[] = [];
    const t = frameTiming({ frames: 3, frameTimeMs: 0, frameTimeVectorMs: [0, 10], cineRate: -5, recommendedDisplayFrameRate: 24 }, w);
    expect(t.source).toBe('recommended-display-frame-rate');
    expect(w.length).toBe(3);
  });

  it('reads Frame Time from a real clip (dcmdump: 62.727272 ms)', () => {
    const img = open(fixture('dbdicom/US-PAL-8-11x-echo_0020.dcm'));
    expect(img.timing.source).toBe('frame-time');
    expect(img.timing.frameTimesMs).toHaveLength(11);
    expect(img.timing.fps).toBeCloseTo(1000 / 62.727272, 6);
  });
});

describe('ultrasound regions and calibration (PS3.3 C.8.5.5)', () => {
  const region = (o: { x0: number; y0: number; x1: number; y1: number; type: number; fmt: number; ux: number; uy: number; dx: number; dy: number }): El[] => [
    { tag: 0x00186018, vr: 'UL', value: [o.x0] },
    { tag: 0x0018601a, vr: 'UL', value: [o.y0] },
    { tag: 0x0018601c, vr: 'UL', value: [o.x1] },
    { tag: 0x0018601e, vr: 'UL', value: [o.y1] },
    { tag: 0x00186012, vr: 'US', value: [o.fmt] },
    { tag: 0x00186014, vr: 'US', value: [o.type] },
    { tag: 0x00186024, vr: 'US', value: [o.ux] },
    { tag: 0x00186026, vr: 'US', value: [o.uy] },
    { tag: 0x0018602c, vr: 'FD', value: [o.dx] },
    { tag: 0x0018602e, vr: 'FD', value: [o.dy] },
    { tag: 0x00186020, vr: 'SL', value: [-5] },
  ];
  const file = gray8(100, 200, 1, [
    {
      tag: 0x00186011,
      vr: 'SQ',
      items: [
        region({ x0: 0, y0: 0, x1: 99, y1: 79, fmt: 1, type: 1, ux: 3, uy: 3, dx: -0.02, dy: 0.025 }), // B-mode, negative delta
        region({ x0: 100, y0: 0, x1: 199, y1: 79, fmt: 3, type: 3, ux: 4, uy: 7, dx: 0.01, dy: 2 }), // PW Doppler: s, cm/s
      ],
    },
  ]);

  it('parses every region with bounds, format, data type, units and stored deltas', () => {
    const img = open(file);
    expect(img.calibration.regions).toHaveLength(2);
    expect(img.calibration.regions[0]).toMatchObject({ x0: 0, y0: 0, x1: 99, y1: 79, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: -0.02, deltaY: 0.025, referencePixelX0: -5 });
    expect(img.meta.regions[1]).toMatchObject({ dataType: 3, unitsX: 4, unitsY: 7 });
  });

  it('a distance inside the tissue region is in mm (|Δ| cm × 10); across regions or in Doppler it is px with a reason', () => {
    const cal = open(file).calibration;
    const inside = measurementSpace([{ x: 10, y: 10 }, { x: 50, y: 60 }], cal);
    expect(inside).toMatchObject({ unit: 'mm', mmPerPxX: 0.2, mmPerPxY: 0.25, source: 'us-region' });
    const across = measurementSpace([{ x: 10, y: 10 }, { x: 150, y: 10 }], cal);
    expect(across.unit).toBe('px');
    if (across.unit === 'px') expect(across.reason).toMatch(/different ultrasound regions/);
    const doppler = measurementSpace([{ x: 120, y: 10 }, { x: 150, y: 20 }], cal);
    expect(doppler.unit).toBe('px');
    const outside = measurementSpace([{ x: 10, y: 90 }, { x: 20, y: 95 }], cal);
    expect(outside.unit).toBe('px');
  });

  it('falls back to Pixel Spacing for non-ultrasound images', () => {
    const img = open(gray8(4, 4, 1, [{ tag: 0x00280030, vr: 'DS', value: '0.5\\0.25' }]));
    expect(measurementSpace([{ x: 0, y: 0 }, { x: 1, y: 1 }], img.calibration)).toMatchObject({ unit: 'mm', mmPerPxY: 0.5, mmPerPxX: 0.25, source: 'pixel-spacing' });
  });

  it('manual calibration applies only without regions', () => {
    const plain = open(gray8(4, 4, 1)).calibration;
    expect(measurementSpace([{ x: 0, y: 0 }, { x: 3, y: 4 }], plain).unit).toBe('px');
    const m = withManualCalibration(plain, { x: 0, y: 0 }, { x: 30, y: 40 }, 10); // 50 px = 10 mm
    if (!m.ok) throw new Error(m.error);
    expect(measurementSpace([{ x: 0, y: 0 }, { x: 3, y: 4 }], m.value)).toMatchObject({ unit: 'mm', mmPerPxX: 0.2, mmPerPxY: 0.2, source: 'manual' });
    expect(withManualCalibration(plain, { x: 1, y: 1 }, { x: 1, y: 1 }, 10).ok).toBe(false);
    const withRegions = withManualCalibration(open(file).calibration, { x: 0, y: 0 }, { x: 30, y: 40 }, 10);
    if (!withRegions.ok) throw new Error(withRegions.error);
    expect(measurementSpace([{ x: 10, y: 10 }, { x: 20, y: 20 }], withRegions.value)).toMatchObject({ unit: 'mm', source: 'us-region' });
  });

  it('regions of a real clip match the manifest (OBXXXX1A: PhysicalDeltaX 0.02622878766197 cm)', () => {
    const img = open(fixture('pydicom-data/OBXXXX1A.dcm'));
    expect(img.calibration.regions[0]!.deltaX).toBeCloseTo(0.02622878766197, 14);
    expect(img.calibration.regions[0]!.unitsX).toBe(3);
  });
});
