import { describe, expect, it } from 'vitest';
import { manualCalibrationFrom, measurementSpace, PHYSICAL_UNITS_CM, type UltrasoundRegion } from '../../../../core/dicom/calibration';
import { formatMeasurement, measureDistance } from '../../../../core/geometry/measure';
import { applyCommand, createHistory, measureClip, parseCase, serializeCase, undo } from '../../../../core/plan/index';
import { plannedFromPath } from '../../../../core/app/note/prefill';
import { plannedValue } from '../../../../core/notes/content/format';
import { sampleCase } from '../plan/fixtures';

/** A 3-4-5 triangle: the line from (10, 20) to (40, 60) is exactly 50 px long. */
const A = { x: 10, y: 20 };
const B = { x: 40, y: 60 };

const doppler: UltrasoundRegion = { index: 0, x0: 0, y0: 0, x1: 99, y1: 99, spatialFormat: 3, dataType: 3, unitsX: 4, unitsY: 7, deltaX: 0.01, deltaY: 0.5 };
const tissue: UltrasoundRegion = { index: 1, x0: 0, y0: 0, x1: 799, y1: 599, spatialFormat: 1, dataType: 1, unitsX: PHYSICAL_UNITS_CM, unitsY: PHYSICAL_UNITS_CM, deltaX: 0.02, deltaY: 0.02 };

describe('two-point manual calibration (issue 20 item 2)', () => {
  it('gives known length ÷ line length in mm per px, from mm or cm', () => {
    // 20 mm over 50 px = 0.4 mm/px; 2 cm is the same 20 mm.
    const mm = manualCalibrationFrom(A, B, 20, 'mm');
    const cm = manualCalibrationFrom(A, B, 2, 'cm');
    expect(mm.ok && mm.mmPerPx).toBeCloseTo(0.4, 12);
    expect(cm.ok && cm.mmPerPx).toBeCloseTo(0.4, 12);
    expect(cm.ok && cm.value).toEqual({ a: A, b: B, knownDistanceMm: 20 });
  });

  it('refuses a zero-length line, a length that is not a positive number, and an implausible scale', () => {
    const zero = manualCalibrationFrom(A, A, 20, 'mm');
    expect(zero.ok).toBe(false);
    expect(!zero.ok && zero.error).toMatch(/shorter than one pixel/);
    for (const bad of [0, -5, NaN, Infinity]) expect(manualCalibrationFrom(A, B, bad, 'mm').ok).toBe(false);
    // 1000 cm over 50 px = 200 mm/px (the max is 10): a unit slip, refused with the range.
    const huge = manualCalibrationFrom(A, B, 1000, 'cm');
    expect(!huge.ok && huge.error).toMatch(/200 mm per pixel.*between 0\.001 and 10 mm per pixel/);
    // 0.01 mm over 50 px = 0.0002 mm/px, below 0.001.
    expect(manualCalibrationFrom(A, B, 0.01, 'mm').ok).toBe(false);
  });

  it('measures an uncalibrated image in mm with the manual scale, and says so', () => {
    const manual = { a: A, b: B, knownDistanceMm: 20 };
    // A vertical 100 px line at 0.4 mm/px is 40 mm.
    const before = measureDistance({ x: 5, y: 5 }, { x: 5, y: 105 }, { regions: [] });
    expect(formatMeasurement(before)).toBe('100 px');
    const after = measureDistance({ x: 5, y: 5 }, { x: 5, y: 105 }, { regions: [], manual });
    expect(after.value).toBeCloseTo(40, 10);
    expect(formatMeasurement(after)).toBe('40.0 mm (manual)');
  });

  it('applies when the clip has no usable ultrasound region (Doppler only), never over a calibrated one', () => {
    const manual = { a: A, b: B, knownDistanceMm: 20 };
    const onDoppler = measurementSpace([{ x: 5, y: 5 }], { regions: [doppler], manual });
    expect(onDoppler).toEqual({ unit: 'mm', mmPerPxX: 0.4, mmPerPxY: 0.4, source: 'manual' });
    const onTissue = measurementSpace([{ x: 5, y: 5 }], { regions: [tissue], manual });
    expect(onTissue.unit === 'mm' && onTissue.source).toBe('us-region');
    expect(onTissue.unit === 'mm' && onTissue.mmPerPxX).toBeCloseTo(0.2, 12);
  });

  it('measures depth from the transducer face when the line starts there, else from the top of the image', () => {
    const face = manualCalibrationFrom(A, B, 20, 'mm', { faceAtStart: true });
    expect(face.ok && face.value.faceY).toBe(20);
    // The sample's target point a2 is at (400, 350): (350 − 20) px × 0.4 = 132 mm below the face; 350 × 0.4 = 140 mm below the top.
    const depthOf = (manual: object) => measureClip({ ...sampleCase(), manualCalibrations: { c1: manual as never } }, 'c1', { regions: [] }).annotations.find((a) => a.id === 'a2')!.depth!;
    expect(depthOf(face.ok ? face.value : {}).value).toBeCloseTo(132, 9);
    expect(formatMeasurement(depthOf(face.ok ? face.value : {}))).toBe('132.0 mm (manual)');
    expect(depthOf({ a: A, b: B, knownDistanceMm: 20 }).value).toBeCloseTo(140, 9);
    const n = measureClip({ ...sampleCase(), manualCalibrations: { c1: face.ok ? face.value : (undefined as never) } }, 'c1', { regions: [] }).needlePaths[0]!;
    expect(n.skin.source).toBe('transducer-face');
    const saved = parseCase(serializeCase({ ...sampleCase(), manualCalibrations: { c1: face.ok ? face.value : (undefined as never) } }), 'face.bpcase');
    expect(saved.ok && saved.value.plan.manualCalibrations.c1).toEqual({ a: A, b: B, knownDistanceMm: 20, faceY: 20 });
  });

  it('is a case command on the undo stack that refuses an implausible line, and round-trips through save and load', () => {
    let h = createHistory(sampleCase());
    const bad = applyCommand(h, { type: 'set-manual-calibration', clipId: 'c1', calibration: { a: A, b: A, knownDistanceMm: 20 } });
    expect(bad.ok).toBe(false);
    const set = applyCommand(h, { type: 'set-manual-calibration', clipId: 'c1', calibration: { a: A, b: B, knownDistanceMm: 20 } });
    if (!set.ok) throw new Error(set.error.title);
    h = set.value;
    // The sample's needle runs (100, 60) → (400, 350): hypot(300, 290) = 417.25 px × 0.4 = 166.90 mm.
    const path = measureClip(h.present, 'c1', { regions: [] }).needlePaths[0]!.pathLength;
    expect(path.unit).toBe('mm');
    expect(path.value).toBeCloseTo(Math.hypot(300, 290) * 0.4, 9);
    expect(formatMeasurement(path)).toBe('166.9 mm (manual)');
    const loaded = parseCase(serializeCase(h.present), 'case.bpcase');
    if (!loaded.ok) throw new Error(loaded.error.title);
    expect(loaded.value.plan.manualCalibrations).toEqual({ c1: { a: A, b: B, knownDistanceMm: 20 } });
    expect(undo(h).present.manualCalibrations).toEqual({});
    // The note says so beside the number.
    const planned = plannedFromPath(measureClip(h.present, 'c1', { regions: [] }).needlePaths[0]!, 'c1', false);
    const length = planned.find((p) => p.kind === 'path-length')!;
    expect(length.manualCalibration).toBe(true);
    expect(plannedValue(length)).toBe('166.9 mm (manual calibration)');
  });
});
