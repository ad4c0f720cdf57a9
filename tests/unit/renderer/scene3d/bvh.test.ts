// @vitest-environment node
import { describe, it, expect } from 'vitest';
import { buildMeshIndex, bvhIndex, segmentDistance, segmentFirstHit } from '../../../../renderer/scene3d/bvh';
import { needleClearance, pointInside } from '../../../../core/anatomy/clearance-report';
import { pointInMeshBrute, segmentFirstHitBrute, segmentMeshDistanceBrute } from '../../../../core/anatomy/clearance';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import type { Vec3 } from '../../../../core/anatomy/vec3';
import { boxMesh, rng, sphereMesh } from '../../core/anatomy/helpers';

/** A lumpy closed surface (sphere with radial bumps), so answers are not symmetric. */
function lumpy(): TriMesh {
  const m = sphereMesh([0, 0, 0], 50, 80, 160, 'lumpy');
  const p = m.positions;
  for (let i = 0; i < p.length; i += 3) {
    const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
    const r = Math.hypot(x, y, z);
    const s = 1 + 0.15 * Math.sin(3 * Math.atan2(y, x)) * Math.cos(4 * Math.acos(z / r));
    p[i] = x * s; p[i + 1] = y * s; p[i + 2] = z * s;
  }
  return m;
}

describe('BVH clearance equals brute force', () => {
  const mesh = lumpy();
  const mi = buildMeshIndex(mesh);
  const r = rng(42);
  const randomSegment = (): { start: Vec3; end: Vec3 } => {
    const start: Vec3 = [(r() - 0.5) * 240, (r() - 0.5) * 240, (r() - 0.5) * 240];
    const dir: Vec3 = [r() - 0.5, r() - 0.5, r() - 0.5];
    const len = 10 + r() * 120;
    const n = Math.hypot(...dir);
    if (r() < 0.5) {
      // Aim every other needle near the centre so that both hits and misses are well represented.
      return { start, end: [(r() - 0.5) * 60, (r() - 0.5) * 60, (r() - 0.5) * 60] };
    }
    return { start, end: [start[0] + (dir[0] / n) * len, start[1] + (dir[1] / n) * len, start[2] + (dir[2] / n) * len] };
  };

  it(`has ${mesh.indices.length / 3} triangles and leaves the mesh's own index untouched`, () => {
    expect(mi.triangleCount).toBe(mesh.indices.length / 3);
    expect(mesh.indices[0]).toBe(0);
  });

  it('smallest distance: identical to the brute-force reference on 200 random segments', () => {
    let touching = 0;
    for (let k = 0; k < 200; k++) {
      const seg = randomSegment();
      const a = segmentDistance(mi, seg)!;
      const b = segmentMeshDistanceBrute(seg, mesh)!;
      expect(Math.abs(a.distanceMm - b.distanceMm)).toBeLessThan(1e-9);
      if (b.distanceMm === 0) touching++;
    }
    expect(touching).toBeGreaterThan(10); // the sample covers both crossing and clear needles
  });

  it('first hit: identical to the brute-force reference on 200 random segments', () => {
    let hits = 0;
    for (let k = 0; k < 200; k++) {
      const seg = randomSegment();
      const a = segmentFirstHit(mi, seg);
      const b = segmentFirstHitBrute(seg, mesh);
      expect(a === null).toBe(b === null);
      if (a && b) {
        hits++;
        expect(Math.abs(a.distanceMm - b.distanceMm)).toBeLessThan(1e-9);
      }
    }
    expect(hits).toBeGreaterThan(10);
  });

  it('inside test agrees with brute force', () => {
    for (let k = 0; k < 60; k++) {
      const p: Vec3 = [(r() - 0.5) * 130, (r() - 0.5) * 130, (r() - 0.5) * 130];
      expect(pointInside(bvhIndex(mi), p)).toBe(pointInMeshBrute(p, mesh));
    }
  });
});

describe('needleClearance', () => {
  it('reports per-structure clearance and the first structure pierced along the needle', () => {
    // Needle from z = 100 down to z = −5 along x = y = 0: passes 'vessel' at 4 mm, enters 'pleura' at z = 20.
    const pleura = buildMeshIndex(boxMesh([-50, -50, -40], [50, 50, 20], 'pleura'));
    const vessel = buildMeshIndex(sphereMesh([0, 14, 60], 10, 48, 96, 'vessel'));
    const farBone = buildMeshIndex(boxMesh([200, 200, 0], [220, 220, 20], 'bone'));
    const rep = needleClearance([pleura, vessel, farBone].map(bvhIndex), { start: [0, 0, 100], end: [0, 0, -5] });
    const by = new Map(rep.structures.map((s) => [s.name, s]));
    expect(by.get('pleura')!.distanceMm).toBe(0);
    expect(by.get('pleura')!.firstHit!.depthMm).toBeCloseTo(80, 6);
    expect(by.get('pleura')!.tipInside).toBe(true);
    expect(by.get('vessel')!.distanceMm).toBeGreaterThan(4 - 1e-6);
    expect(by.get('vessel')!.distanceMm).toBeLessThan(4 + 10 * (1 - Math.cos(Math.PI / 48)) + 1e-6);
    expect(by.get('vessel')!.depthAlongNeedleMm).toBeCloseTo(40, 0);
    expect(by.get('vessel')!.firstHit).toBeNull();
    expect(rep.firstPierced!.name).toBe('pleura');
    expect(rep.closest!.name).toBe('pleura');
  });
});
