import { beforeEach, describe, expect, it } from 'vitest';
import type { Scene3dPlan } from '../../../../core/anatomy/plan3d';
import { computeClearance, surfaceQueries } from '../../../../renderer/scene3d/analysis';
import { useScene3d } from '../../../../renderer/state/scene3d';
import { composeTrs } from '../../../../renderer/ui/scene3d/transform';
import { addModel, boxMesh, resetStores, structureInfo } from './fixtures';

beforeEach(() => resetStores());

/** A scene with one model holding a box [−10, 10]³ mm, with a transform. */
function boxScene(transform = composeTrs({ translateMm: [0, 0, 0], rotateDeg: [0, 0, 0], scale: 1 }), skin = false): Scene3dPlan {
  addModel('m', [boxMesh('box', [-10, -10, -10], [10, 10, 10])], [structureInfo('m', 'box', { label: 'Box', category: skin ? 'skin' : null })]);
  return { models: [{ id: 'm', label: 'M', source: { kind: 'file', path: 'm.stl', format: 'stl' }, mmPerUnit: 1, unitsOverridden: false, transform, structures: [] }], atRisk: ['m/box'], clipLinks: [] };
}

describe('needle clearance with the BVH (analytic box)', () => {
  it('measures a needle running parallel to a face 10 mm away', () => {
    const scene = { ...boxScene(), trajectory: { entry: [20, -30, 0] as [number, number, number], target: [20, 30, 0] as [number, number, number] } };
    const c = computeClearance(scene, useScene3d.getState().models)!;
    expect(c.entries).toHaveLength(1);
    expect(c.entries[0]!.distanceMm).toBeCloseTo(10, 9);
    expect(c.entries[0]!.pointOnStructure[0]).toBeCloseTo(10, 9);
    expect(c.firstPierced).toBeNull();
  });

  it('warns at the first structure pierced and says how deep', () => {
    const scene = { ...boxScene(), trajectory: { entry: [0, -30, 0] as [number, number, number], target: [0, 0, 0] as [number, number, number] } };
    const c = computeClearance(scene, useScene3d.getState().models)!;
    expect(c.entries[0]!.distanceMm).toBe(0);
    expect(c.firstPierced?.label).toBe('Box');
    expect(c.firstPierced!.depthMm).toBeCloseTo(20, 9); // face y = −10 is 20 mm from the entry
    expect(c.entries[0]!.tipInside).toBe(true);
  });

  it('works on a moved and scaled model (distances in patient mm)', () => {
    // Box scaled ×2 and moved to x = 100: faces at x = 80 and 120.
    const scene = { ...boxScene(composeTrs({ translateMm: [100, 0, 0], rotateDeg: [0, 30, 0], scale: 2 })), trajectory: { entry: [100, -60, 50] as [number, number, number], target: [100, 60, 50] as [number, number, number] } };
    const c = computeClearance(scene, useScene3d.getState().models)!;
    // Scaled box [−20, 20]³ rotated 30° about Y (x' = x cos + z sin, z' = −x sin + z cos). The foot of the
    // needle (x' = 0, z' = 50) on the tilted top face falls outside it, so the closest point is the edge
    // at local (−20, ·, 20): x' = −20 cos30 + 20 sin30 = −7.32, z' = 20 sin30 + 20 cos30 = 27.32.
    const s = Math.sin(Math.PI / 6), k = Math.cos(Math.PI / 6);
    expect(c.entries[0]!.distanceMm).toBeCloseTo(Math.hypot(-20 * k + 20 * s, 50 - (20 * s + 20 * k)), 6);
    expect(c.entries[0]!.pointOnStructure[0]).toBeCloseTo(100 - 20 * k + 20 * s, 5);
  });
});

describe('skin queries', () => {
  it('finds the skin along a ray with the outward normal, and the nearest skin normal', () => {
    const q = surfaceQueries(boxScene(undefined, true), useScene3d.getState().models);
    const hit = q.skinAlongRay([0, -50, 0], [0, 1, 0], 100)!;
    expect(hit.point[1]).toBeCloseTo(-10, 9);
    [0, -1, 0].forEach((v, i) => expect(hit.normal[i]).toBeCloseTo(v, 9));
    expect(q.skinAlongRay([0, -50, 0], [0, 1, 0], 20)).toBeNull(); // out of reach
    const near = q.skinNormalNear([3, 4, 11.5], 5)!;
    expect(near.point[2]).toBeCloseTo(10, 6);
    expect(near.normal[2]).toBeCloseTo(1, 9);
    expect(q.skinNormalNear([0, 0, 30], 5)).toBeNull();
  });
});
