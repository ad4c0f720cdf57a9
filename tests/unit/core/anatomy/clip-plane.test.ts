import { describe, it, expect } from 'vitest';
import { clipGeometryFromCalibration, clipPathToTrajectory, clipPxToWorld, trajectoryToClip, worldToClipPx } from '../../../../core/anatomy/clip-plane';
import type { ClipImageGeometry, ProbePose } from '../../../../core/anatomy/plan3d';
import { measurementSpace, type UltrasoundRegion } from '../../../../core/dicom/calibration';

const pose: ProbePose = { kind: 'linear', position: [-30, 75, 100], beamDir: [0, -1, 0], lateralDir: [0, 0, 1], depthMm: 60, widthMm: 38 };
const g: ClipImageGeometry = { originPx: { x: 400, y: 50 }, mmPerPxX: 0.1, mmPerPxY: 0.12 };

describe('clip px ↔ probe plane ↔ patient mm', () => {
  it('maps a pixel to the patient frame by hand-computed numbers', () => {
    // 100 px right → 10 mm along lateral (+Z); 250 px down → 30 mm along the beam (−Y).
    expect(clipPxToWorld(pose, g, { x: 500, y: 300 })).toEqual([-30, 45, 110]);
  });

  it('round-trips and reports the distance from the plane', () => {
    const w = worldToClipPx(pose, g, [-28, 45, 110])!;
    expect(w.px.x).toBeCloseTo(500, 9);
    expect(w.px.y).toBeCloseTo(300, 9);
    expect(Math.abs(w.offPlaneMm)).toBeCloseTo(2, 12);
  });

  it('a 2D needle path becomes a 3D trajectory in the plane, and projects back onto the clip', () => {
    const t = clipPathToTrajectory(pose, g, { x: 250, y: 50 }, { x: 420, y: 450 })!;
    expect(t.entry).toEqual([-30, 75, 85]);
    expect(t.entryNormal).toEqual([-0, 1, -0]);
    const back = trajectoryToClip(pose, g, t)!;
    expect(back.inPlane).toBe(true);
    expect(back.targetPx.x).toBeCloseTo(420, 9);
    expect(back.targetPx.y).toBeCloseTo(450, 9);
    const off = trajectoryToClip(pose, g, { entry: t.entry, target: [-25, 40, 102] })!;
    expect(off.inPlane).toBe(false);
    expect(Math.abs(off.targetOffPlaneMm)).toBeCloseTo(5, 9);
  });

  it('derives the image geometry from an ultrasound region (reference pixel relative to the region)', () => {
    const region: UltrasoundRegion = { index: 0, x0: 100, y0: 60, x1: 699, y1: 559, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01, referencePixelX0: 300, referencePixelY0: 0 };
    const space = measurementSpace([{ x: 300, y: 300 }], { regions: [region] });
    const geo = clipGeometryFromCalibration(space)!;
    expect(geo).toEqual({ originPx: { x: 400, y: 60 }, mmPerPxX: 0.1, mmPerPxY: 0.1 });
    expect(clipGeometryFromCalibration({ unit: 'px', reason: 'x' })).toBeUndefined();
  });
});
