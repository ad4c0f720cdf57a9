/**
 * Geometry primitives for the atlas generator: lofts through rings, sweeps along smooth paths,
 * ellipsoids and superellipse cross-sections. Everything is deterministic (no randomness) and in
 * millimetres, LPS (+X left, +Y posterior, +Z superior).
 *
 * Every shape is a closed surface (watertight once coincident cap vertices are welded), so plane
 * sections give closed contours and inside/outside tests are meaningful.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';

export interface MeshData {
  positions: number[];
  indices: number[];
}

export type Cap = 'fan' | 'none' | 'strip' | { apex: Vec3 };

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const addv = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const mul = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s];
const dotv = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const crossv = (a: Vec3, b: Vec3): Vec3 => [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
const norm = (a: Vec3): Vec3 => {
  const l = Math.hypot(a[0], a[1], a[2]);
  return l > 0 ? [a[0] / l, a[1] / l, a[2] / l] : [0, 0, 1];
};
export const v3 = { sub, add: addv, mul, dot: dotv, cross: crossv, norm };

/**
 * Surface through closed rings of equal size (ring i, vertex j), with caps at both ends.
 * 'fan' caps to the ring centroid (star-shaped rings), {apex} to a given point (domes, poles),
 * 'strip' pairs vertex j with M−1−j (thin bands whose first half is one side and second half the
 * other). Cap vertices are separate copies so caps shade flat.
 */
export function loft(rings: Vec3[][], capStart: Cap = 'fan', capEnd: Cap = 'fan'): MeshData {
  const R = rings.length;
  const M = rings[0]!.length;
  const positions: number[] = [];
  const indices: number[] = [];
  for (const ring of rings) {
    if (ring.length !== M) throw new Error('loft: rings differ in size');
    for (const p of ring) positions.push(p[0], p[1], p[2]);
  }
  for (let i = 0; i + 1 < R; i++) {
    for (let j = 0; j < M; j++) {
      const a = i * M + j, b = i * M + ((j + 1) % M), c = (i + 1) * M + ((j + 1) % M), d = (i + 1) * M + j;
      indices.push(a, b, c, a, c, d);
    }
  }
  const cap = (ring: Vec3[], kind: Cap, flip: boolean) => {
    if (kind === 'none') return;
    const base = positions.length / 3;
    if (typeof kind === 'object') {
      // Apex caps share the ring vertices (smooth domes).
      const ringBase = rings.indexOf(ring) * M;
      const apex = positions.length / 3;
      positions.push(kind.apex[0], kind.apex[1], kind.apex[2]);
      for (let j = 0; j < M; j++) {
        const a = ringBase + j, b = ringBase + ((j + 1) % M);
        if (flip) indices.push(apex, b, a);
        else indices.push(apex, a, b);
      }
      return;
    }
    for (const p of ring) positions.push(p[0], p[1], p[2]);
    if (kind === 'fan') {
      const c = ring.reduce<Vec3>((s, p) => addv(s, p), [0, 0, 0]);
      const centre = mul(c, 1 / M);
      const ci = positions.length / 3;
      positions.push(centre[0], centre[1], centre[2]);
      for (let j = 0; j < M; j++) {
        const a = base + j, b = base + ((j + 1) % M);
        if (flip) indices.push(ci, b, a);
        else indices.push(ci, a, b);
      }
    } else {
      const h = M / 2;
      for (let j = 0; j + 1 < h; j++) {
        const a = base + j, b = base + j + 1, c = base + (M - 2 - j), d = base + (M - 1 - j);
        if (flip) indices.push(a, c, b, a, d, c);
        else indices.push(a, b, c, a, c, d);
      }
    }
  };
  cap(rings[0]!, capStart, true);
  cap(rings[R - 1]!, capEnd, false);
  return orientOutward({ positions, indices });
}

/** Flip the winding if the enclosed signed volume is negative (so normals point outward). */
export function orientOutward(m: MeshData): MeshData {
  const p = m.positions;
  let v = 0;
  for (let t = 0; t < m.indices.length; t += 3) {
    const a = m.indices[t]! * 3, b = m.indices[t + 1]! * 3, c = m.indices[t + 2]! * 3;
    v += p[a]! * (p[b + 1]! * p[c + 2]! - p[b + 2]! * p[c + 1]!) - p[a + 1]! * (p[b]! * p[c + 2]! - p[b + 2]! * p[c]!) + p[a + 2]! * (p[b]! * p[c + 1]! - p[b + 1]! * p[c]!);
  }
  if (v < 0) for (let t = 0; t < m.indices.length; t += 3) [m.indices[t + 1], m.indices[t + 2]] = [m.indices[t + 2]!, m.indices[t + 1]!];
  return m;
}

/** Centripetal-free (uniform) Catmull–Rom through control points, `per` samples per span. */
export function catmullRom(ctrl: Vec3[], per = 8): Vec3[] {
  if (ctrl.length < 2) return ctrl.slice();
  const pts = [sub(mul(ctrl[0]!, 2), ctrl[1]!), ...ctrl, sub(mul(ctrl[ctrl.length - 1]!, 2), ctrl[ctrl.length - 2]!)];
  const out: Vec3[] = [];
  for (let i = 1; i + 2 < pts.length; i++) {
    const p0 = pts[i - 1]!, p1 = pts[i]!, p2 = pts[i + 1]!, p3 = pts[i + 2]!;
    for (let k = 0; k < per; k++) {
      const t = k / per, t2 = t * t, t3 = t2 * t;
      out.push([0, 1, 2].map((c) => 0.5 * (2 * p1[c]! + (-p0[c]! + p2[c]!) * t + (2 * p0[c]! - 5 * p1[c]! + 4 * p2[c]! - p3[c]!) * t2 + (-p0[c]! + 3 * p1[c]! - 3 * p2[c]! + p3[c]!) * t3)) as Vec3);
    }
  }
  out.push(ctrl[ctrl.length - 1]!);
  return out;
}

/** Cumulative arc length along a polyline, normalised to [0, 1]. */
export function arcParams(path: Vec3[]): number[] {
  const s = [0];
  for (let i = 1; i < path.length; i++) s.push(s[i - 1]! + Math.hypot(...sub(path[i]!, path[i - 1]!)));
  const L = s[s.length - 1]! || 1;
  return s.map((v) => v / L);
}

export interface Profile {
  /** Half-size along the frame's first (normal) axis, mm. */
  rx: number;
  /** Half-size along the second (binormal) axis, mm. */
  ry: number;
  /** Superellipse exponent (2 = ellipse, larger = boxier). */
  exp?: number;
}

/**
 * Sweep a superellipse cross-section along a path with parallel-transported frames. The first
 * frame's normal axis is `up` made perpendicular to the initial tangent. Fan caps at both ends.
 */
export function sweep(path: Vec3[], profile: (s: number, i: number) => Profile, opts: { segments?: number; up?: Vec3; caps?: [Cap, Cap] } = {}): MeshData {
  const M = opts.segments ?? 16;
  const ts = path.map((_, i) => norm(sub(path[Math.min(i + 1, path.length - 1)]!, path[Math.max(i - 1, 0)]!)));
  let n = norm(sub(opts.up ?? [0, 0, 1], mul(ts[0]!, dotv(opts.up ?? [0, 0, 1], ts[0]!))));
  if (Math.abs(dotv(n, ts[0]!)) > 0.99 || !Number.isFinite(n[0])) n = norm(crossv(ts[0]!, [1, 0, 0]));
  const s = arcParams(path);
  const rings: Vec3[][] = [];
  for (let i = 0; i < path.length; i++) {
    const t = ts[i]!;
    if (i > 0) {
      // parallel transport: remove the tangential component, renormalise
      n = norm(sub(n, mul(t, dotv(n, t))));
    }
    const b = crossv(t, n);
    const pr = profile(s[i]!, i);
    rings.push(superellipse2d(pr.rx, pr.ry, pr.exp ?? 2, M).map(([x, y]) => addv(path[i]!, addv(mul(n, x), mul(b, y)))));
  }
  const [c0, c1] = opts.caps ?? ['fan', 'fan'];
  return loft(rings, c0, c1);
}

/** Points of a superellipse |x/rx|^p + |y/ry|^p = 1, counter-clockwise from +x. */
export function superellipse2d(rx: number, ry: number, p: number, M: number, phase = 0): [number, number][] {
  const out: [number, number][] = [];
  for (let j = 0; j < M; j++) {
    const th = phase + (2 * Math.PI * j) / M;
    const c = Math.cos(th), s = Math.sin(th);
    out.push([rx * Math.sign(c) * Math.abs(c) ** (2 / p), ry * Math.sign(s) * Math.abs(s) ** (2 / p)]);
  }
  return out;
}

/** Row-major 3×3 rotation from Euler angles (degrees) applied X, then Y, then Z. */
export function rotationXYZ(ax: number, ay: number, az: number): number[][] {
  const [a, b, c] = [ax, ay, az].map((d) => (d * Math.PI) / 180) as [number, number, number];
  const Rx = [[1, 0, 0], [0, Math.cos(a), -Math.sin(a)], [0, Math.sin(a), Math.cos(a)]];
  const Ry = [[Math.cos(b), 0, Math.sin(b)], [0, 1, 0], [-Math.sin(b), 0, Math.cos(b)]];
  const Rz = [[Math.cos(c), -Math.sin(c), 0], [Math.sin(c), Math.cos(c), 0], [0, 0, 1]];
  const m = (A: number[][], B: number[][]) => A.map((row, i) => [0, 1, 2].map((j) => row.reduce((s, _, k) => s + A[i]![k]! * B[k]![j]!, 0)));
  return m(Rz, m(Ry, Rx));
}

export const applyR = (R: number[][], p: Vec3): Vec3 => [
  R[0]![0]! * p[0] + R[0]![1]! * p[1] + R[0]![2]! * p[2],
  R[1]![0]! * p[0] + R[1]![1]! * p[1] + R[1]![2]! * p[2],
  R[2]![0]! * p[0] + R[2]![1]! * p[1] + R[2]![2]! * p[2],
];

/** Ellipsoid (optionally superellipsoid in its cross-sections) with pole apex caps. */
export function ellipsoid(center: Vec3, radii: Vec3, opts: { rotation?: number[][]; rings?: number; segments?: number; exp?: number } = {}): MeshData {
  const N = opts.rings ?? 16;
  const M = opts.segments ?? 24;
  const R = opts.rotation ?? [[1, 0, 0], [0, 1, 0], [0, 0, 1]];
  const place = (p: Vec3) => addv(center, applyR(R, [p[0] * radii[0], p[1] * radii[1], p[2] * radii[2]]));
  const rings: Vec3[][] = [];
  for (let i = 1; i < N; i++) {
    const th = Math.PI * (1 - i / N); // from near the south pole up
    const z = Math.cos(th), r = Math.sin(th);
    rings.push(superellipse2d(r, r, opts.exp ?? 2, M).map(([x, y]) => place([x, y, z])));
  }
  return loft(rings, { apex: place([0, 0, -1]) }, { apex: place([0, 0, 1]) });
}

/** Concatenate meshes into one (for a structure made of several closed parts). */
export function merge(parts: MeshData[]): MeshData {
  const positions: number[] = [];
  const indices: number[] = [];
  for (const p of parts) {
    const base = positions.length / 3;
    positions.push(...p.positions);
    for (const i of p.indices) indices.push(i + base);
  }
  return { positions, indices };
}

/** Triangle count. */
export const tris = (m: MeshData) => m.indices.length / 3;
