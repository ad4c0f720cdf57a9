import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../../core/dicom/calibration';
import { annotationsForPath, measureClip, type Case } from '../../../../core/plan/index';
import { sampleCase } from './fixtures';

const cal: Calibration = {
  regions: [{ index: 0, x0: 0, y0: 50, x1: 799, y1: 599, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01 }],
};

describe('measureClip', () => {
  it('measures the needle with the case settings and the clip beam', () => {
    const m = measureClip(sampleCase(), 'c1', cal);
    const n = m.needlePaths[0]!;
    // (100,60) → (400,350): hypot(300, 290) px × 0.1 mm
    expect(n.pathLength.value).toBeCloseTo(Math.hypot(30, 29), 10);
    expect(n.beam).toBe('linear');
    expect(n.targetDepth.value).toBeCloseTo(30, 10); // 350 − 50 px
    // Pleura from (0,400) to (800,420); its clearance is from the path, measured in mm
    expect(n.clearances.map((c) => c.annotationId)).toEqual(['a1']);
    expect(n.clearances[0]!.path.distance.unit).toBe('mm');
    const pleura = m.annotations.find((a) => a.id === 'a1')!;
    expect(pleura.length!.value).toBeCloseTo(Math.hypot(80, 2), 10);
    expect(pleura.depth!.value).toBeCloseTo(35, 10); // shallowest at x=0, y=400
  });

  it('a case margin of 12 mm turns the pleura clearance into a warning', () => {
    const c: Case = { ...sampleCase(), settings: { marginMm: 12, steepAngleDeg: 30 } };
    const n = measureClip(c, 'c1', cal).needlePaths[0]!;
    const d = n.clearances[0]!.path.distance.value;
    expect(d).toBeLessThan(12);
    expect(n.clearances[0]!.path.withinMargin).toBe(true);
    expect(n.warnings.some((w) => w.code === 'within-margin')).toBe(true);
    // Issue 11 item 3f: wherever the margin is shown it is labelled a BlockPlan setting, not a clinical figure.
    expect(n.warnings.find((w) => w.code === 'within-margin')!.message).toMatch(/margin 12 mm, a BlockPlan setting/);
  });

  it('a manual calibration in the case applies when the file has no regions', () => {
    const c: Case = { ...sampleCase(), manualCalibrations: { c1: { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, knownDistanceMm: 10 } } };
    expect(measureClip(c, 'c1', { regions: [] }).needlePaths[0]!.pathLength.unit).toBe('mm');
    expect(measureClip(sampleCase(), 'c1', { regions: [] }).needlePaths[0]!.pathLength.unit).toBe('px');
  });

  it('a path on every frame is checked against structures of any frame; a frame path only its frame', () => {
    const c = sampleCase();
    expect(annotationsForPath(c, { clipId: 'c1', frameIndex: null }).map((a) => a.id)).toEqual(['a1', 'a2']);
    expect(annotationsForPath(c, { clipId: 'c1', frameIndex: 2 }).map((a) => a.id)).toEqual(['a1']);
    expect(annotationsForPath(c, { clipId: 'c1', frameIndex: 3 }).map((a) => a.id)).toEqual(['a1', 'a2']);
  });
});
