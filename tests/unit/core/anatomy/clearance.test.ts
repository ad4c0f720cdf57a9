import { describe, it, expect } from 'vitest';
import {
  pointInMeshBrute,
  pointTriangleDistanceSq,
  segmentBoxDistanceSq,
  segmentFirstHitBrute,
  segmentMeshDistanceBrute,
  segmentTriangleDistanceSq,
} from '../../../../core/anatomy/clearance';
import type { Vec3 } from '../../../../core/anatomy/vec3';
import { boxMesh, rng, sphereMesh } from './helpers';

/** Independent numeric reference: minimise a convex function of t ∈ [0, 1] by dense sampling + golden section. */
function minimise01(f: (t: number) => number): number {
  let bestT = 0, best = Infinity;
  const N = 400;
  for (let i = 0; i <= N; i++) {
    const v = f(i / N);
    if (v < best) { best = v; bestT = i / N; }
  }
  let a = Math.max(0, bestT - 1 / N), b = Math.min(1, bestT + 1 / N);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 80; k++) {
    const c = b - g * (b - a), d = a + g * (b - a);
    if (f(c) < f(d)) b = d; else a = c;
  }
  return Math.min(best, f((a + b) / 2));
}

const pointBoxDist = (p: Vec3, lo: Vec3, hi: Vec3) =>
  Math.hypot(Math.max(lo[0] - p[0], 0, p[0] - hi[0]), Math.max(lo[1] - p[1], 0, p[1] - hi[1]), Math.max(lo[2] - p[2], 0, p[2] - hi[2]));

describe('clearance on a box (exact answers)', () => {
  const lo: Vec3 = [-30, -20, -10];
  const hi: Vec3 = [30, 20, 10];
  const box = boxMesh(lo, hi);

  it('a needle parallel to the top face, 7 mm above it, has 7 mm clearance', () => {
    const d = segmentMeshDistanceBrute({ start: [-100, 3, 17], end: [100, -5, 17] }, box)!;
    expect(d.distanceMm).toBeCloseTo(7, 5);
    expect(d.pointOnMesh[2]).toBeCloseTo(10, 5);
  });

  it('a needle passing an edge diagonally: distance to the edge line', () => {
    // Parallel to the x-edge at (y = 20, z = 10), offset by (3, 4) → distance 5.
    const d = segmentMeshDistanceBrute({ start: [-10, 23, 14], end: [10, 23, 14] }, box)!;
    expect(d.distanceMm).toBeCloseTo(5, 5);
  });

  it('a needle ending short of a corner: end point to corner', () => {
    const d = segmentMeshDistanceBrute({ start: [80, 60, 40], end: [31, 22, 12] }, box)!;
    expect(d.distanceMm).toBeCloseTo(Math.hypot(1, 2, 2), 5);
    expect(d.t).toBeCloseTo(1, 9);
  });

  it('a needle that enters the box: clearance 0, first hit at the face', () => {
    const seg = { start: [0, 0, 60] as Vec3, end: [0, 0, -5] as Vec3 };
    expect(segmentMeshDistanceBrute(seg, box)!.distanceMm).toBe(0);
    const hit = segmentFirstHitBrute(seg, box)!;
    expect(hit.distanceMm).toBeCloseTo(50, 6);
    expect(hit.point[2]).toBeCloseTo(10, 6);
    expect(segmentFirstHitBrute({ start: [0, 0, 60], end: [0, 0, 11] }, box)).toBeNull();
  });

  it('segmentBoxDistanceSq is exact against an independent numeric minimum (random segments)', () => {
    const r = rng(5);
    for (let k = 0; k < 300; k++) {
      const p: Vec3 = [(r() - 0.5) * 200, (r() - 0.5) * 200, (r() - 0.5) * 200];
      const q: Vec3 = [p[0] + (r() - 0.5) * 120, p[1] + (r() - 0.5) * 120, p[2] + (r() - 0.5) * 120];
      const ref = minimise01((t) => pointBoxDist([p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t, p[2] + (q[2] - p[2]) * t], lo, hi));
      const got = Math.sqrt(segmentBoxDistanceSq(...p, ...q, ...lo, ...hi));
      expect(Math.abs(got - ref)).toBeLessThan(1e-6);
      // The box distance never exceeds the distance to the box's surface mesh when outside.
      if (ref > 0) expect(Math.abs(segmentMeshDistanceBrute({ start: p, end: q }, box)!.distanceMm - ref)).toBeLessThan(1e-4);
    }
  });
});

describe('segment–triangle distance against an independent reference', () => {
  it('matches the minimum over the segment of the point–triangle distance (random cases)', () => {
    const r = rng(9);
    for (let k = 0; k < 300; k++) {
      const tri = Array.from({ length: 9 }, () => (r() - 0.5) * 100) as [number, number, number, number, number, number, number, number, number];
      const p: Vec3 = [(r() - 0.5) * 150, (r() - 0.5) * 150, (r() - 0.5) * 150];
      const q: Vec3 = [(r() - 0.5) * 150, (r() - 0.5) * 150, (r() - 0.5) * 150];
      const ref = minimise01((t) => Math.sqrt(pointTriangleDistanceSq(p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t, p[2] + (q[2] - p[2]) * t, ...tri)));
      const got = Math.sqrt(segmentTriangleDistanceSq(...p, ...q, ...tri));
      expect(got).toBeLessThanOrEqual(ref + 1e-6);
      expect(Math.abs(got - ref)).toBeLessThan(1e-5);
    }
  });
});

describe('clearance on a sphere', () => {
  const R = 25;
  const sphere = sphereMesh([10, 20, 30], R, 64, 128);
  const maxSag = R * (1 - Math.cos(Math.PI / 64)); // deepest gap between the polyhedron and the sphere

  it('a needle passing at d mm from the sphere has clearance d (within the tessellation sag)', () => {
    for (const d of [0.5, 3, 12]) {
      const y = 20 + R + d;
      const got = segmentMeshDistanceBrute({ start: [-60, y, 30], end: [80, y, 30] }, sphere)!.distanceMm;
      expect(got).toBeGreaterThanOrEqual(d - 1e-4);
      expect(got).toBeLessThanOrEqual(d + maxSag + 1e-4);
    }
  });

  it('a needle aimed at the centre first hits the surface at distance − R; the centre is inside', () => {
    const start: Vec3 = [10, 20, 130];
    const hit = segmentFirstHitBrute({ start, end: [10, 20, 30] }, sphere)!;
    expect(hit.distanceMm).toBeGreaterThanOrEqual(100 - R - 1e-4);
    expect(hit.distanceMm).toBeLessThanOrEqual(100 - R + maxSag + 1e-4);
    expect(pointInMeshBrute([10, 20, 30], sphere)).toBe(true);
    expect(pointInMeshBrute([10, 20 + R - 1, 30], sphere)).toBe(true);
    expect(pointInMeshBrute([10, 20 + R + 1, 30], sphere)).toBe(false);
  });
});
