import { describe, it, expect } from 'vitest';
import {
  ClipFrameLinkSchema,
  Scene3dPlanSchema,
  isInProbeFan,
  planeToWorld,
  probeFanOutline,
  probePlane,
  probePoseOnSkin,
  rotateProbe,
  worldToPlane,
  type ProbePose,
} from '../../../../core/anatomy/plan3d';
import { dot, length } from '../../../../core/anatomy/vec3';

const linear: ProbePose = { kind: 'linear', position: [-30, 75, 100], beamDir: [0, -1, 0], lateralDir: [0, 0, 1], depthMm: 60, widthMm: 38 };

describe('probe plane', () => {
  it('is an orthonormal right-handed frame even from a slightly skewed stored pose', () => {
    const skew: ProbePose = { ...linear, beamDir: [0.01, -2, 0.02], lateralDir: [0.1, 0.05, 1] };
    const p = probePlane(skew)!;
    expect(length(p.beam)).toBeCloseTo(1, 12);
    expect(length(p.lateral)).toBeCloseTo(1, 12);
    expect(dot(p.beam, p.lateral)).toBeCloseTo(0, 12);
    expect(dot(p.normal, p.beam)).toBeCloseTo(0, 12);
    expect(length(p.normal)).toBeCloseTo(1, 12);
    expect(probePlane({ ...linear, lateralDir: [0, 2, 0] })).toBeUndefined();
  });

  it('maps plane coordinates to the patient frame and back', () => {
    const p = probePlane(linear)!;
    // u along +Z (cranial), v along −Y (anterior).
    expect(planeToWorld(p, { u: 10, v: 20 })).toEqual([-30, 55, 110]);
    const back = worldToPlane(p, [-27, 55, 110]);
    expect(back.u).toBeCloseTo(10, 12);
    expect(back.v).toBeCloseTo(20, 12);
    expect(Math.abs(back.offPlaneMm)).toBeCloseTo(3, 12);
  });

  it('linear image = rectangle; curvilinear = annular sector whose face chord is the width', () => {
    expect(isInProbeFan(linear, { u: 18.9, v: 59 })).toBe(true);
    expect(isInProbeFan(linear, { u: 19.1, v: 10 })).toBe(false);
    expect(isInProbeFan(linear, { u: 0, v: -0.1 })).toBe(false);
    const curved: ProbePose = { ...linear, kind: 'curvilinear', widthMm: 60, radiusMm: 50, depthMm: 150 };
    const outline = probeFanOutline(curved, 16);
    // First and last face points are the chord ends: |u| = 30, both at the same v.
    expect(outline[0]!.u).toBeCloseTo(-30, 9);
    expect(outline[16]!.u).toBeCloseTo(30, 9);
    expect(outline[0]!.v).toBeCloseTo(outline[16]!.v, 9);
    expect(outline[8]!.v).toBeCloseTo(0, 9); // face centre
    // Deep corner of the sector: radius R + depth along the edge ray.
    const half = Math.asin(30 / 50);
    expect(isInProbeFan(curved, { u: 199 * Math.sin(half) * 0.999, v: 199 * Math.cos(half) - 50 })).toBe(true);
    expect(isInProbeFan(curved, { u: 0, v: 150.5 })).toBe(false);
    expect(isInProbeFan(curved, { u: 50, v: 10 })).toBe(false); // 39.8° from the axis > 36.9° half-angle
    expect(isInProbeFan(curved, { u: 40, v: 20 })).toBe(true); // 29.7°
  });

  it('places a probe on the skin and rotates it about its own axes', () => {
    const pose = probePoseOnSkin([0, -120, 250], [0, -1, 0], [1, 0, 0.2], { kind: 'curvilinear', depthMm: 160, widthMm: 60, radiusMm: 50 })!;
    expect(pose.beamDir).toEqual([-0, 1, -0]);
    expect(dot(pose.lateralDir, pose.beamDir)).toBeCloseTo(0, 12);
    const turned = rotateProbe(pose, 'beam', 90);
    const p = probePlane(turned)!;
    expect(Math.abs(p.lateral[2])).toBeGreaterThan(0.97); // transverse → longitudinal
    expect(p.beam[1]).toBeCloseTo(1, 12);
  });
});

describe('schema compatibility', () => {
  it('links and scenes saved before image geometry existed still parse', () => {
    const oldLink = { clipId: 'c1', frameIndex: 3, probe: linear };
    expect(ClipFrameLinkSchema.parse(oldLink).image).toBeUndefined();
    const scene = Scene3dPlanSchema.parse({ clipLinks: [oldLink], atRisk: ['atlas-thorax/pleura-right'] });
    expect(scene.clipLinks[0]!.probe.depthMm).toBe(60);
    const withImage = ClipFrameLinkSchema.parse({ ...oldLink, image: { originPx: { x: 320, y: 40 }, mmPerPxX: 0.1, mmPerPxY: 0.1 } });
    expect(withImage.image!.originPx.x).toBe(320);
  });
});
