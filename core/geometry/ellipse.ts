/**
 * Ellipses for measurement (unit-free, like ./shapes.ts): the conjugate semi-diameter form, area,
 * perimeter, containment, and the closest approach of a segment to a filled ellipse.
 */
import type { Point2 } from './point';
import { add, closestPointOnSegment, cross, dot, norm, segmentPolylineClosest, sub, type Closest } from './shapes';

/**
 * An ellipse as centre plus two conjugate semi-diameters: E(t) = center + u·cos t + v·sin t.
 * This form survives any linear map (e.g. scaling px → mm with different x/y spacing), unlike
 * (rx, ry, rotation). For an axis-aligned ellipse u = (rx, 0), v = (0, ry).
 */
export interface Ellipse2 {
  center: Point2;
  u: Point2;
  v: Point2;
}

/** Ellipse from semi-axes (same units as center) and a rotation in radians. */
export function ellipseFromAxes(center: Point2, rx: number, ry: number, rotationRad = 0): Ellipse2 {
  const c = Math.cos(rotationRad);
  const s = Math.sin(rotationRad);
  return { center, u: { x: rx * c, y: rx * s }, v: { x: -ry * s, y: ry * c } };
}

export function ellipsePoint(e: Ellipse2, t: number): Point2 {
  return { x: e.center.x + e.u.x * Math.cos(t) + e.v.x * Math.sin(t), y: e.center.y + e.u.y * Math.cos(t) + e.v.y * Math.sin(t) };
}

/** Map a point into the ellipse's unit-circle frame; undefined when the ellipse is degenerate. */
function toUnitFrame(e: Ellipse2, p: Point2): Point2 | undefined {
  const det = cross(e.u, e.v);
  if (det === 0 || !Number.isFinite(det)) return undefined;
  const d = sub(p, e.center);
  return { x: cross(d, e.v) / det, y: cross(e.u, d) / det };
}

/** True when p is inside the filled ellipse or on its boundary. */
export function pointInEllipse(p: Point2, e: Ellipse2): boolean {
  const q = toUnitFrame(e, p);
  return q !== undefined && q.x * q.x + q.y * q.y <= 1 + 1e-12;
}

/** Area of the ellipse, π·|u × v|. */
export function ellipseArea(e: Ellipse2): number {
  return Math.PI * Math.abs(cross(e.u, e.v));
}

/** Principal semi-axes (a ≥ b) of an ellipse given by conjugate semi-diameters (singular values of [u v]). */
export function ellipseSemiAxes(e: Ellipse2): { a: number; b: number } {
  const p = dot(e.u, e.u) + dot(e.v, e.v);
  const q = Math.abs(cross(e.u, e.v));
  const disc = Math.sqrt(Math.max(0, p * p - 4 * q * q));
  return { a: Math.sqrt((p + disc) / 2), b: Math.sqrt(Math.max(0, (p - disc) / 2)) };
}

/** Perimeter (Ramanujan's second approximation; relative error < 1e-9 for b/a ≥ 0.1). */
export function ellipsePerimeter(e: Ellipse2): number {
  const { a, b } = ellipseSemiAxes(e);
  if (a + b === 0) return 0;
  const h = ((a - b) * (a - b)) / ((a + b) * (a + b));
  return Math.PI * (a + b) * (1 + (3 * h) / (10 + Math.sqrt(4 - 3 * h)));
}

/**
 * Closest approach of segment ab and a FILLED ellipse (0 when the segment crosses or lies inside).
 *
 * Intersection is exact (the segment is mapped into the unit-circle frame; linear maps preserve
 * incidence). The distance when apart is found by sampling the boundary at 720 points and refining
 * each local minimum with golden-section search, to ~1e-9 of the ellipse size: the boundary-to-
 * segment distance can have two local minima on an eccentric ellipse, so one descent is not enough.
 */
export function segmentEllipseClosest(a: Point2, b: Point2, e: Ellipse2): Closest {
  const ua = toUnitFrame(e, a);
  const ub = toUnitFrame(e, b);
  if (ua === undefined || ub === undefined) {
    // Degenerate (zero-area) ellipse: treat as the segment from center-u to center+u (or v).
    const axis = norm(e.u) >= norm(e.v) ? e.u : e.v;
    return segmentPolylineClosest(a, b, [sub(e.center, axis), add(e.center, axis)]);
  }
  const origin = { x: 0, y: 0 };
  const cUnit = closestPointOnSegment(origin, ua, ub);
  if (norm(cUnit) <= 1) {
    // Report a boundary crossing point if there is one, else (segment fully inside) the end a.
    const p = norm(ua) <= 1 ? a : fromUnitFrame(e, cUnit);
    return { distance: 0, onSegment: { ...p }, onShape: { ...p }, intersects: true };
  }
  const N = 720;
  // Distance from E(t) to segment ab, without allocating (this is the hot loop).
  const abx = b.x - a.x;
  const aby = b.y - a.y;
  const len2 = abx * abx + aby * aby;
  const f = (t: number): number => {
    const ct = Math.cos(t);
    const st = Math.sin(t);
    const px = e.center.x + e.u.x * ct + e.v.x * st;
    const py = e.center.y + e.u.y * ct + e.v.y * st;
    const k = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - a.x) * abx + (py - a.y) * aby) / len2));
    return Math.hypot(px - a.x - abx * k, py - a.y - aby * k);
  };
  const samples = new Float64Array(N);
  for (let i = 0; i < N; i++) samples[i] = f((2 * Math.PI * i) / N);
  let bestT = 0;
  let best = Infinity;
  for (let i = 0; i < N; i++) {
    const prev = samples[(i - 1 + N) % N]!;
    const next = samples[(i + 1) % N]!;
    const cur = samples[i]!;
    if (cur <= prev && cur <= next) {
      const t = goldenMin(f, (2 * Math.PI * (i - 1)) / N, (2 * Math.PI * (i + 1)) / N);
      const v = f(t);
      if (v < best) {
        best = v;
        bestT = t;
      }
    }
  }
  const onShape = ellipsePoint(e, bestT);
  return { distance: best, onSegment: closestPointOnSegment(onShape, a, b), onShape, intersects: false };
}

function fromUnitFrame(e: Ellipse2, q: Point2): Point2 {
  return { x: e.center.x + e.u.x * q.x + e.v.x * q.y, y: e.center.y + e.u.y * q.x + e.v.y * q.y };
}

function goldenMin(f: (t: number) => number, lo: number, hi: number): number {
  const g = (Math.sqrt(5) - 1) / 2;
  let a = lo;
  let b = hi;
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let i = 0; i < 80 && b - a > 1e-13; i++) {
    if (fc < fd) {
      b = d;
      d = c;
      fd = fc;
      c = b - g * (b - a);
      fc = f(c);
    } else {
      a = c;
      c = d;
      fc = fd;
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  return (a + b) / 2;
}

/** Distance from segment ab to a filled ellipse (0 when crossing or inside). */
export function segmentEllipseDistance(a: Point2, b: Point2, e: Ellipse2): number {
  return segmentEllipseClosest(a, b, e).distance;
}
