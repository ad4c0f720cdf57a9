import { describe, expect, it } from 'vitest';
import { DEFAULT_VIEW_DIRECTION, fitBoxDistance, fitDistance, presetPose, probeViewDirection } from '../../../../renderer/scene3d/camera';
import { dot, length, normalize, sub } from '../../../../core/anatomy/vec3';

const ctx = { center: [0, 0, 100] as [number, number, number], radiusMm: 100, fovDeg: 40 };

describe('camera presets (LPS: +X left, +Y posterior, +Z superior)', () => {
  it('fits a sphere in the narrower field of view', () => {
    // fov 90°, r = 10, no margin: 10 / sin 45° = 14.142 mm.
    expect(fitDistance(10, 90, 1)).toBeCloseTo(10 / Math.SQRT1_2, 9);
    // A view half as wide as tall fits by its horizontal half-angle atan(tan 45° · 0.5).
    expect(fitDistance(10, 90, 1, 0.5)).toBeCloseTo(10 / Math.sin(Math.atan(0.5)), 9);
  });

  it('fits a long box by its projected corners (tighter than its bounding sphere)', () => {
    // Box ±10 × ±10 × ±100 mm seen from the front (camera at −Y), fov 90°, margin 1.1: the top corners
    // nearest the camera (depth offset −10) need 110 / tan 45° + 10 = 120 mm.
    const box = { min: [-10, -10, -100] as [number, number, number], max: [10, 10, 100] as [number, number, number] };
    expect(fitBoxDistance(box, [0, 0, 0], [0, -1, 0], 90, 1, 1.1)).toBeCloseTo(120, 9);
    // Half as wide a view: the width (11 mm) now needs 11 / 0.5 + 10 = 32 mm < 120, so height still decides.
    expect(fitBoxDistance(box, [0, 0, 0], [0, -1, 0], 90, 0.5, 1.1)).toBeCloseTo(120, 9);
    expect(fitBoxDistance(box, [0, 0, 0], [0, -1, 0], 90, 1, 1.1)).toBeLessThan(fitDistance(Math.hypot(10, 10, 100), 90, 1.1));
    const pose = presetPose('fit', { center: [0, 0, 0], radiusMm: 1000, fovDeg: 90, box }, [0, -1, 0]);
    expect(pose.position[1]).toBeCloseTo(-120, 9);
  });

  it('puts the camera in front for the anterior view, behind for the posterior, on each side for left and right', () => {
    const d = fitDistance(100, 40);
    expect(presetPose('anterior', ctx).position).toEqual([0, -d, 100]);
    expect(presetPose('posterior', ctx).position).toEqual([0, d, 100]);
    expect(presetPose('left', ctx).position).toEqual([d, 0, 100]);
    expect(presetPose('right', ctx).position).toEqual([-d, 0, 100]);
    for (const p of ['anterior', 'posterior', 'left', 'right'] as const) {
      expect(presetPose(p, ctx).up).toEqual([0, 0, 1]);
      expect(presetPose(p, ctx).target).toEqual(ctx.center);
    }
  });

  it('looks along the needle from behind the entry toward the target', () => {
    const trajectory = { entry: [-30, 74, 467] as [number, number, number], target: [-30, 18, 478] as [number, number, number] };
    const pose = presetPose('needle', { ...ctx, trajectory });
    const view = normalize(sub(pose.target, pose.position))!;
    const needle = normalize(sub(trajectory.target, trajectory.entry))!;
    expect(dot(view, needle)).toBeCloseTo(1, 9);
    expect(pose.target).toEqual(trajectory.target);
    // Without a needle it frames the region like "fit".
    expect(presetPose('needle', ctx)).toEqual(presetPose('fit', ctx));
    expect(length(sub(presetPose('fit', ctx).position, ctx.center))).toBeCloseTo(fitDistance(100, 40), 6);
    expect(normalize(sub(presetPose('fit', ctx).position, ctx.center))![1]).toBeCloseTo(DEFAULT_VIEW_DIRECTION[1], 9);
  });

  it('shows a parasagittal probe plane from outside the skin and from the probe’s side, not edge-on', () => {
    // Right paramedian probe on the back: beam anterior (−Y), image +x cranial: plane normal ±X.
    const dir = probeViewDirection({ position: [-30, 74, 488], beamDir: [0, -1, 0], lateralDir: [0, 0, 1] });
    expect(dir[1]).toBeGreaterThan(0.5); // behind the patient
    expect(dir[0]).toBeLessThan(-0.3); // from the patient's right, where the probe is
    const planeNormal = [1, 0, 0] as const;
    expect(Math.abs(dot(dir, [...planeNormal]))).toBeGreaterThan(0.3);
  });
});
