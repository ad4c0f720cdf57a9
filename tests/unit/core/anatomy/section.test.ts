import { describe, it, expect } from 'vitest';
import { contourArea, contourLength, prepareSectionMesh, sectionForProbe, sectionMesh, pointInPolygon } from '../../../../core/anatomy/section';
import { planeToWorld, type ProbePlane, type ProbePose } from '../../../../core/anatomy/plan3d';
import { cross, normalize, type Vec3 } from '../../../../core/anatomy/vec3';
import { boxMesh, sphereMesh, unweld } from './helpers';

function frame(origin: Vec3, normal: Vec3): ProbePlane {
  const n = normalize(normal)!;
  const helper: Vec3 = Math.abs(n[0]) < 0.9 ? [1, 0, 0] : [0, 1, 0];
  const lateral = normalize(cross(helper, n))!;
  const beam = cross(n, lateral);
  return { origin, lateral, beam, normal: n };
}

describe('sectionMesh on a box (exact answers)', () => {
  const box = prepareSectionMesh(boxMesh([-30, -20, -10], [30, 20, 10]))!;

  it('an axial cut is the 60 × 40 mm rectangle', () => {
    const cs = sectionMesh(box, frame([0, 0, 3.7], [0, 0, 1]));
    expect(cs).toHaveLength(1);
    expect(cs[0]!.closed).toBe(true);
    expect(Math.abs(contourArea(cs[0]!.points))).toBeCloseTo(2400, 3);
    expect(contourLength(cs[0]!)).toBeCloseTo(200, 3);
  });

  it('a cube cut through its centre perpendicular to a diagonal is a regular hexagon of area 3√3·a²/2·…', () => {
    const cube = prepareSectionMesh(boxMesh([-1, -1, -1], [1, 1, 1]))!;
    const cs = sectionMesh(cube, frame([0, 0, 0], [1, 1, 1]));
    expect(cs).toHaveLength(1);
    // Vertices at the midpoints of six edges; side √2, area (3√3/2)·(√2)² = 3√3.
    expect(Math.abs(contourArea(cs[0]!.points))).toBeCloseTo(3 * Math.sqrt(3), 5);
    expect(contourLength(cs[0]!)).toBeCloseTo(6 * Math.sqrt(2), 5);
  });

  it('a plane through vertices and along faces still gives one closed contour', () => {
    const cs = sectionMesh(box, frame([0, 0, 10], [0, 0, 1])); // exactly the top face plane
    // The top face is on the plane (positive side by convention): the cut runs along its edge loop.
    expect(cs.every((c) => c.closed)).toBe(true);
    expect(Math.abs(contourArea(cs[0]!.points))).toBeCloseTo(2400, 3);
    const diag = sectionMesh(box, frame([30, 20, 0], [1, -1.5, 0])); // through two box edges
    expect(diag).toHaveLength(1);
    expect(diag[0]!.closed).toBe(true);
  });

  it('misses return nothing', () => {
    expect(sectionMesh(box, frame([0, 0, 10.001], [0, 0, 1]))).toHaveLength(0);
  });

  it('works on unwelded (STL-style) triangles', () => {
    const raw = prepareSectionMesh(unweld(boxMesh([-30, -20, -10], [30, 20, 10])))!;
    const cs = sectionMesh(raw, frame([0, 0, 1], [0, 0, 1]));
    expect(cs).toHaveLength(1);
    expect(cs[0]!.closed).toBe(true);
  });
});

describe('sectionMesh on a sphere', () => {
  const R = 40;
  const c: Vec3 = [5, -7, 12];
  const sphere = prepareSectionMesh(sphereMesh(c, R, 96, 192))!;

  for (const h of [0, 13, 31.5, -25]) {
    it(`a plane at ${h} mm from the centre cuts a circle of radius √(R² − h²)`, () => {
      const n = normalize([0.3, -0.5, 0.8])!;
      const origin: Vec3 = [c[0] + n[0] * h, c[1] + n[1] * h, c[2] + n[2] * h];
      const pl = frame(origin, n);
      const cs = sectionMesh(sphere, pl);
      expect(cs).toHaveLength(1);
      expect(cs[0]!.closed).toBe(true);
      const r = Math.sqrt(R * R - h * h);
      // Contour points lie on the inscribed polyhedron: within the sphere, and close to it.
      const pts = cs[0]!.points;
      for (let i = 0; i < pts.length; i += 2) {
        const w = planeToWorld(pl, { u: pts[i]!, v: pts[i + 1]! });
        const d = Math.hypot(w[0] - c[0], w[1] - c[1], w[2] - c[2]);
        expect(d).toBeLessThanOrEqual(R + 1e-3);
        expect(d).toBeGreaterThan(R * Math.cos(Math.PI / 96) - 1e-3);
      }
      expect(Math.abs(contourArea(pts)) / (Math.PI * r * r)).toBeCloseTo(1, 2);
    });
  }

  it('two disjoint spheres give two contours; the point-in-polygon test finds their inside', () => {
    const two = prepareSectionMesh({ name: 'two', ...mergeMeshes(sphereMesh([-50, 0, 0], 20), sphereMesh([50, 0, 0], 20)) })!;
    const pl: ProbePlane = { origin: [0, 0, 0], lateral: [1, 0, 0], beam: [0, 1, 0], normal: [0, 0, 1] };
    const cs = sectionMesh(two, pl);
    expect(cs).toHaveLength(2);
    const inside = cs.filter((k) => pointInPolygon({ u: 50, v: 0 }, k.points));
    expect(inside).toHaveLength(1);
  });

  it('an open surface gives an open polyline', () => {
    const sq = prepareSectionMesh({ name: 'sheet', positions: new Float32Array([0, 0, 0, 10, 0, 0, 10, 10, 0, 0, 10, 0]), indices: new Uint32Array([0, 1, 2, 0, 2, 3]) })!;
    const cs = sectionMesh(sq, { origin: [3, 0, 0], lateral: [0, 1, 0], beam: [0, 0, 1], normal: [1, 0, 0] });
    expect(cs).toHaveLength(1);
    expect(cs[0]!.closed).toBe(false);
    expect(contourLength(cs[0]!)).toBeCloseTo(10, 5);
  });
});

describe('section index', () => {
  it('gives the same contours whatever the input triangle order (spatial chunking is exact)', () => {
    const m = sphereMesh([3, 4, 5], 30, 64, 128);
    const nT = m.indices.length / 3;
    // Deterministic shuffle of the triangles.
    const order = Array.from({ length: nT }, (_, i) => (i * 7919) % nT);
    const shuffled = new Uint32Array(m.indices.length);
    order.forEach((t, k) => shuffled.set(m.indices.subarray(t * 3, t * 3 + 3), k * 3));
    const a = prepareSectionMesh(m)!;
    const b = prepareSectionMesh({ ...m, indices: shuffled })!;
    for (const h of [-29, -10, 0, 7.5, 22]) {
      const pl = frame([3, 4, 5 + h], [0.2, -0.1, 1]);
      const ca = sectionMesh(a, pl), cb = sectionMesh(b, pl);
      expect(cb.length).toBe(ca.length);
      expect(Math.abs(contourArea(cb[0]!.points))).toBeCloseTo(Math.abs(contourArea(ca[0]!.points)), 6);
      expect(contourLength(cb[0]!)).toBeCloseTo(contourLength(ca[0]!), 6);
    }
  });
});

describe('sectionForProbe', () => {
  it('reports structures in the image with a label inside the image, and skips the rest', () => {
    const near = prepareSectionMesh(sphereMesh([0, -30, 0], 10, 24, 48, 'near'))!; // 30 mm deep
    const far = prepareSectionMesh(sphereMesh([0, -30, 200], 10, 24, 48, 'far'))!; // out of plane
    const beside = prepareSectionMesh(sphereMesh([100, -30, 0], 10, 24, 48, 'beside'))!; // in plane, outside the image
    const pose: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 60, widthMm: 40 };
    const out = sectionForProbe(pose, [near, far, beside]);
    const byName = new Map(out.map((s) => [s.name, s]));
    expect(byName.has('far')).toBe(false);
    expect(byName.get('near')!.inImage).toBe(true);
    const label = byName.get('near')!.labelAt!;
    expect(Math.abs(label.u)).toBeLessThanOrEqual(20);
    expect(label.v).toBeGreaterThan(19);
    expect(label.v).toBeLessThan(41);
    expect(byName.get('beside')?.inImage ?? false).toBe(false);
  });
});

function mergeMeshes(a: { positions: Float32Array; indices: Uint32Array }, b: { positions: Float32Array; indices: Uint32Array }) {
  const positions = new Float32Array(a.positions.length + b.positions.length);
  positions.set(a.positions);
  positions.set(b.positions, a.positions.length);
  const off = a.positions.length / 3;
  const indices = new Uint32Array(a.indices.length + b.indices.length);
  indices.set(a.indices);
  for (let i = 0; i < b.indices.length; i++) indices[a.indices.length + i] = b.indices[i]! + off;
  return { positions, indices };
}
