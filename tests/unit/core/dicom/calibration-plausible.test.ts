/**
 * Implausible calibration (issue 12 item 5): Physical Delta X = 5e-324 gave "depth 0.0 mm" and
 * 1.7e308 "Infinity mm/px" and "NaN mm". A scale outside PLAUSIBLE_MM_PER_PX is not a calibration:
 * the clip is measured in px with the reason, and no number is NaN or Infinity.
 */
import { describe, expect, it } from 'vitest';
import {
  measurementSpace,
  openDicom,
  PLAUSIBLE_MM_PER_PX,
  regionContaining,
  withManualCalibration,
  type Calibration,
  type UltrasoundRegion,
} from '../../../../core/dicom/index';
import { measureClip } from '../../../../core/plan/index';
import { sampleCase } from '../plan/fixtures';
import { buildDicom, imageElements, type El } from './build';

const region = (deltaCm: number, o: Partial<UltrasoundRegion> = {}): UltrasoundRegion => ({
  index: 0, x0: 0, y0: 50, x1: 799, y1: 599, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: deltaCm, deltaY: deltaCm, ...o,
});

/** Every number anywhere in a value (measurements, clearances, warnings' data). */
function numbers(v: unknown, out: number[] = []): number[] {
  if (typeof v === 'number') out.push(v);
  else if (Array.isArray(v)) v.forEach((x) => numbers(x, out));
  else if (v && typeof v === 'object') Object.values(v).forEach((x) => numbers(x, out));
  return out;
}

/** A 600 × 800 clip whose one tissue region (cm) has the given Physical Delta X/Y. */
function clipWithDelta(delta: number): Uint8Array {
  const item: El[] = [
    { tag: 0x00186018, vr: 'UL', value: [0] },
    { tag: 0x0018601a, vr: 'UL', value: [50] },
    { tag: 0x0018601c, vr: 'UL', value: [799] },
    { tag: 0x0018601e, vr: 'UL', value: [599] },
    { tag: 0x00186012, vr: 'US', value: [1] },
    { tag: 0x00186014, vr: 'US', value: [1] },
    { tag: 0x00186024, vr: 'US', value: [3] },
    { tag: 0x00186026, vr: 'US', value: [3] },
    { tag: 0x0018602c, vr: 'FD', value: [delta] },
    { tag: 0x0018602e, vr: 'FD', value: [delta] },
  ];
  return buildDicom([
    ...imageElements({ rows: 600, columns: 800, pi: 'MONOCHROME2' }),
    { tag: 0x00186011, vr: 'SQ', items: [item] },
    { tag: 0x7fe00010, vr: 'OB', bytes: new Uint8Array(600 * 800) },
  ]);
}

describe('implausible ultrasound region scale', () => {
  for (const delta of [5e-324, 1.7e308, -1.7e308, 0, 1e-6, 2]) {
    it(`Physical Delta ${delta} cm: not calibrated, says why, and every measurement of the sample case is finite px`, () => {
      const o = openDicom(clipWithDelta(delta), { fileName: 'bad-scale.dcm' });
      if (!o.ok) throw new Error(o.error.message);
      const cal = o.value.calibration;
      expect(cal.regions[0]!.deltaX).toBe(delta); // kept as stored (inspect prints it)
      expect(o.value.warnings.some((w) => /^Ultrasound region 1 gives a scale of .* outside the plausible range for ultrasound/.test(w))).toBe(true);
      const s = measurementSpace([{ x: 100, y: 100 }, { x: 400, y: 300 }], cal);
      expect(s).toEqual({ unit: 'px', reason: expect.stringMatching(/outside the plausible range for ultrasound \(0\.001–10 mm per pixel\)/) });
      expect(regionContaining([{ x: 100, y: 100 }], cal.regions)).toBeUndefined();
      const m = measureClip(sampleCase(), 'c1', cal);
      const all = numbers(m);
      expect(all.length).toBeGreaterThan(10);
      expect(all.filter((n) => !Number.isFinite(n))).toEqual([]);
      expect(m.needlePaths[0]!.pathLength.unit).toBe('px');
      expect(m.needlePaths[0]!.targetDepth.unit).toBe('px');
    });
  }

  it('the bounds themselves calibrate; a fixture-like 0.026 cm/px region measures in mm', () => {
    for (const mm of [PLAUSIBLE_MM_PER_PX.min, PLAUSIBLE_MM_PER_PX.max, 0.26]) {
      expect(measurementSpace([{ x: 10, y: 60 }], { regions: [region(mm / 10)] })).toMatchObject({ unit: 'mm', mmPerPxX: mm, mmPerPxY: mm });
    }
  });

  it('a region that is implausible on one axis only is not used either', () => {
    expect(measurementSpace([{ x: 10, y: 60 }], { regions: [region(0.01, { deltaY: 1e-30 })] })).toMatchObject({ unit: 'px', reason: expect.stringMatching(/1\.00e-30 cm per pixel/) });
  });

  it('a plausible region nested in an implausible one is the one used', () => {
    const cal: Calibration = { regions: [region(1e300), region(0.02, { index: 1, x0: 100, x1: 300, y0: 100, y1: 300, dataType: 2 })] };
    expect(measurementSpace([{ x: 150, y: 150 }], cal)).toMatchObject({ unit: 'mm', mmPerPxX: 0.2, region: { index: 1 } });
    expect(measurementSpace([{ x: 50, y: 60 }], cal)).toMatchObject({ unit: 'px', reason: expect.stringMatching(/^Ultrasound region 1 gives a scale of 1\.00e\+300 cm/) });
  });
});

describe('implausible pixel spacing and manual calibration', () => {
  it('Pixel Spacing of 1e-300 mm or 1e300 mm is not used, with the reason', () => {
    for (const v of [1e-300, 1e300]) {
      const s = measurementSpace([{ x: 0, y: 0 }, { x: 3, y: 4 }], { regions: [], pixelSpacingMm: { rowMm: v, colMm: 0.1, source: 'pixel-spacing' } });
      expect(s).toEqual({ unit: 'px', reason: expect.stringMatching(/^Pixel Spacing .* mm is outside the plausible range for ultrasound/) });
    }
  });

  it('a manual calibration giving an implausible scale is refused with the range', () => {
    const r = withManualCalibration({ regions: [] }, { x: 0, y: 0 }, { x: 100, y: 0 }, 1e-200);
    expect(r).toEqual({ ok: false, error: expect.stringMatching(/between 0\.001 and 10 mm per pixel/) });
    const m = measureClip({ ...sampleCase(), manualCalibrations: { c1: { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, knownDistanceMm: 1e300 } } }, 'c1', { regions: [] });
    expect(m.needlePaths[0]!.pathLength.unit).toBe('px');
    expect(numbers(m).filter((n) => !Number.isFinite(n))).toEqual([]);
  });
});

describe('the reason reads well', () => {
  it('names one value when both axes are equal, both when they differ', () => {
    const same = measurementSpace([{ x: 10, y: 60 }], { regions: [region(1.7e308)] });
    expect(same).toMatchObject({ reason: expect.stringMatching(/^Ultrasound region 1 gives a scale of 1\.70e\+308 cm per pixel, outside/) });
    const both = measurementSpace([{ x: 10, y: 60 }], { regions: [region(5e-324, { deltaY: 1.7e308 })] });
    expect(both).toMatchObject({ reason: expect.stringMatching(/^Ultrasound region 1 gives a scale of 4\.94e-324 cm and 1\.70e\+308 cm per pixel/) });
  });
});
