import { describe, it, expect } from 'vitest';
import { trajectoryMetrics } from '../../../../core/anatomy/trajectory';

describe('trajectoryMetrics (hand-computed, LPS: +X left, +Y posterior, +Z superior)', () => {
  it('a needle straight in from the back', () => {
    const m = trajectoryMetrics({ entry: [-30, 80, 100], target: [-30, 20, 100], entryNormal: [0, 1, 0] })!;
    expect(m.lengthMm).toBeCloseTo(60, 12);
    expect(m.angleToSkinNormalDeg).toBeCloseTo(0, 9);
    expect(m.angleToSkinDeg).toBeCloseTo(90, 9);
    expect(m.craniocaudalDeg).toBeCloseTo(0, 12);
    expect(m.mediolateralDeg).toBeCloseTo(0, 12);
    expect(m.apDirection).toBe('anterior');
    expect(m.targetDepthMm).toBeCloseTo(60, 12);
    expect(m.depthMarks.map((d) => d.depthMm)).toEqual([10, 20, 30, 40, 50]);
    expect(m.depthMarks[2]!.position).toEqual([-30, 50, 100]);
  });

  it('an oblique needle from the right side of the back, aimed medially and cranially', () => {
    // Right side = −X. Direction (30, −60, 20)/70: medial (toward +X), anterior, cranial.
    const m = trajectoryMetrics({ entry: [-60, 80, 0], target: [-30, 20, 20], entryNormal: [0, 1, 0] })!;
    expect(m.lengthMm).toBeCloseTo(70, 12);
    expect(m.craniocaudalDeg).toBeCloseTo((Math.asin(20 / 70) * 180) / Math.PI, 9);
    expect(m.mediolateralDeg).toBeCloseTo((Math.atan2(30, 60) * 180) / Math.PI, 9); // +26.57° medial
    expect(m.leftwardDeg).toBeCloseTo((Math.atan2(30, 60) * 180) / Math.PI, 9);
    expect(m.angleToSkinNormalDeg).toBeCloseTo((Math.acos(60 / 70) * 180) / Math.PI, 9);
    expect(m.targetDepthMm).toBeCloseTo(60, 12);
    expect(m.depthMarks).toHaveLength(6);
  });

  it('the same needle mirrored to the left side is still medial; midline entries have no medio-lateral sign', () => {
    const m = trajectoryMetrics({ entry: [60, 80, 0], target: [30, 20, 20] })!;
    expect(m.mediolateralDeg).toBeCloseTo((Math.atan2(30, 60) * 180) / Math.PI, 9);
    expect(m.leftwardDeg).toBeLessThan(0);
    expect(m.angleToSkinNormalDeg).toBeNull();
    expect(m.targetDepthMm).toBeNull();
    const mid = trajectoryMetrics({ entry: [0, -120, 0], target: [10, -40, -15] })!;
    expect(mid.mediolateralDeg).toBeNull();
    expect(mid.apDirection).toBe('posterior');
    expect(mid.craniocaudalDeg).toBeLessThan(0);
  });

  it('no metrics for a zero-length needle', () => {
    expect(trajectoryMetrics({ entry: [1, 2, 3], target: [1, 2, 3] })).toBeUndefined();
  });
});
