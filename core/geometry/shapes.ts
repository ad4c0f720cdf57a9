/**
 * Unit-free 2D geometry: distances, intersection tests and areas on points in ONE coordinate system.
 *
 * These functions know nothing about pixels or millimetres. Calibrated measurements (./measure.ts)
 * first map image-pixel points into millimetre coordinates (x·mmPerPxX, y·mmPerPxY) and then call
 * these, so anisotropic pixels are handled by the caller and every result here is in the units of
 * its inputs.
 */
import type { Point2 } from './point';

export type { Point2 };

export const sub = (a: Point2, b: Point2): Point2 => ({ x: a.x - b.x, y: a.y - b.y });
export const add = (a: Point2, b: Point2): Point2 => ({ x: a.x + b.x, y: a.y + b.y });
export const scale = (a: Point2, k: number): Point2 => ({ x: a.x * k, y: a.y * k });
export const dot = (a: Point2, b: Point2): number => a.x * b.x + a.y * b.y;
export const cross = (a: Point2, b: Point2): number => a.x * b.y - a.y * b.x;
export const norm = (a: Point2): number => Math.hypot(a.x, a.y);
export const dist = (a: Point2, b: Point2): number => Math.hypot(a.x - b.x, a.y - b.y);

/** The point of segment ab closest to p (a degenerate segment a = b is the point a). */
export function closestPointOnSegment(p: Point2, a: Point2, b: Point2): Point2 {
  const ab = sub(b, a);
  const len2 = dot(ab, ab);
  if (len2 === 0) return { x: a.x, y: a.y };
  const t = Math.max(0, Math.min(1, dot(sub(p, a), ab) / len2));
  return { x: a.x + ab.x * t, y: a.y + ab.y * t };
}

/** Euclidean distance from p to segment ab. */
export function pointSegmentDistance(p: Point2, a: Point2, b: Point2): number {
  return dist(p, closestPointOnSegment(p, a, b));
}

/** Sign of the turn a→b→c: 1 counter-clockwise (in x-right, y-up terms), -1 clockwise, 0 collinear. */
function orient(a: Point2, b: Point2, c: Point2): number {
  const v = cross(sub(b, a), sub(c, a));
  // Relative tolerance so that collinear points built from non-integer coordinates count as collinear.
  // It depends only on the triangle (its longest edge), not on the order of its vertices, so every
  // query about the same three points agrees and distances stay symmetric.
  const l1 = (p: Point2, q: Point2) => Math.abs(q.x - p.x) + Math.abs(q.y - p.y);
  const longest = Math.max(l1(a, b), l1(a, c), l1(b, c));
  const tol = 1e-12 * longest * longest;
  return v > tol ? 1 : v < -tol ? -1 : 0;
}

function onSegmentCollinear(p: Point2, a: Point2, b: Point2): boolean {
  return Math.min(a.x, b.x) <= p.x && p.x <= Math.max(a.x, b.x) && Math.min(a.y, b.y) <= p.y && p.y <= Math.max(a.y, b.y);
}

/** True when segments ab and cd share at least one point (touching and collinear overlap included). */
export function segmentsIntersect(a: Point2, b: Point2, c: Point2, d: Point2): boolean {
  const o1 = orient(a, b, c);
  const o2 = orient(a, b, d);
  const o3 = orient(c, d, a);
  const o4 = orient(c, d, b);
  if (o1 !== o2 && o3 !== o4 && o1 * o2 <= 0 && o3 * o4 <= 0) {
    // Proper crossing, or one endpoint on the other segment.
    if (o1 !== 0 || o2 !== 0) return true;
  }
  if (o1 === 0 && onSegmentCollinear(c, a, b)) return true;
  if (o2 === 0 && onSegmentCollinear(d, a, b)) return true;
  if (o3 === 0 && onSegmentCollinear(a, c, d)) return true;
  if (o4 === 0 && onSegmentCollinear(b, c, d)) return true;
  return false;
}

/** Result of a closest-approach query between a segment and a shape. */
export interface Closest {
  /** Smallest distance; 0 when they intersect (or the segment is inside a filled shape). */
  distance: number;
  /** The point on the segment nearest the shape (on an intersection: a shared point). */
  onSegment: Point2;
  /** The point on the shape nearest the segment. */
  onShape: Point2;
  intersects: boolean;
}

/** Closest approach of segments ab and cd. */
export function segmentSegmentClosest(a: Point2, b: Point2, c: Point2, d: Point2): Closest {
  if (segmentsIntersect(a, b, c, d)) {
    const p = segmentIntersectionPoint(a, b, c, d);
    return { distance: 0, onSegment: p, onShape: p, intersects: true };
  }
  // Apart: the closest pair always involves an endpoint of one segment (4 candidates).
  let best = Infinity;
  let onSegment = a;
  let onShape = c;
  const consider = (p: Point2, q: Point2) => {
    const d = Math.hypot(p.x - q.x, p.y - q.y);
    if (d < best) {
      best = d;
      onSegment = p;
      onShape = q;
    }
  };
  consider(a, closestPointOnSegment(a, c, d));
  consider(b, closestPointOnSegment(b, c, d));
  consider(closestPointOnSegment(c, a, b), c);
  consider(closestPointOnSegment(d, a, b), d);
  return { distance: best, onSegment: { x: onSegment.x, y: onSegment.y }, onShape: { x: onShape.x, y: onShape.y }, intersects: false };
}

/** A shared point of two intersecting segments (for collinear overlap, an endpoint inside the other). */
function segmentIntersectionPoint(a: Point2, b: Point2, c: Point2, d: Point2): Point2 {
  const r = sub(b, a);
  const s = sub(d, c);
  const den = cross(r, s);
  if (den !== 0) {
    const t = Math.max(0, Math.min(1, cross(sub(c, a), s) / den));
    return { x: a.x + r.x * t, y: a.y + r.y * t };
  }
  for (const p of [c, d]) if (pointSegmentDistance(p, a, b) === 0) return { ...p };
  for (const p of [a, b]) if (pointSegmentDistance(p, c, d) === 0) return { ...p };
  return { ...a };
}

/** Distance between segments ab and cd (0 when they intersect). */
export function segmentSegmentDistance(a: Point2, b: Point2, c: Point2, d: Point2): number {
  return segmentSegmentClosest(a, b, c, d).distance;
}

/** Length of an open polyline. */
export function polylineLength(pts: readonly Point2[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += dist(pts[i - 1]!, pts[i]!);
  return s;
}

/** Perimeter of a closed polygon (last vertex joins the first). */
export function polygonPerimeter(pts: readonly Point2[]): number {
  return pts.length < 2 ? 0 : polylineLength(pts) + dist(pts[pts.length - 1]!, pts[0]!);
}

/** Area of a simple polygon (shoelace formula, absolute value); 0 for fewer than 3 vertices. */
export function polygonArea(pts: readonly Point2[]): number {
  if (pts.length < 3) return 0;
  let s = 0;
  for (let i = 0; i < pts.length; i++) {
    const p = pts[i]!;
    const q = pts[(i + 1) % pts.length]!;
    s += p.x * q.y - q.x * p.y;
  }
  return Math.abs(s) / 2;
}

/** Closest approach of segment ab and an open polyline (a single vertex is a point). */
export function segmentPolylineClosest(a: Point2, b: Point2, pts: readonly Point2[]): Closest {
  if (pts.length === 0) throw new RangeError('segmentPolylineClosest: empty polyline');
  if (pts.length === 1) {
    const q = pts[0]!;
    const p = closestPointOnSegment(q, a, b);
    const d = dist(p, q);
    return { distance: d, onSegment: p, onShape: { ...q }, intersects: d === 0 };
  }
  let best: Closest | undefined;
  for (let i = 1; i < pts.length; i++) {
    const c = segmentSegmentClosest(a, b, pts[i - 1]!, pts[i]!);
    if (!best || c.distance < best.distance) best = c;
    if (best.distance === 0) break;
  }
  return best!;
}

/** Distance from segment ab to an open polyline (0 when they cross or touch). */
export function segmentPolylineDistance(a: Point2, b: Point2, pts: readonly Point2[]): number {
  return segmentPolylineClosest(a, b, pts).distance;
}

/** True when p is inside polygon `pts` or on its boundary (even-odd rule). */
export function pointInPolygon(p: Point2, pts: readonly Point2[]): boolean {
  const n = pts.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) if (pointSegmentDistance(p, pts[i]!, pts[(i + 1) % n]!) === 0) return true;
  if (n < 3) return false;
  let inside = false;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const pi = pts[i]!;
    const pj = pts[j]!;
    if (pi.y > p.y !== pj.y > p.y) {
      const xCross = pj.x + ((p.y - pj.y) * (pi.x - pj.x)) / (pi.y - pj.y);
      if (p.x < xCross) inside = !inside;
    }
  }
  return inside;
}

/**
 * Closest approach of segment ab and a FILLED polygon: 0 when the segment crosses the boundary or
 * lies inside (a needle inside an at-risk structure is a hit, not a distance to its edge).
 */
export function segmentPolygonClosest(a: Point2, b: Point2, pts: readonly Point2[]): Closest {
  if (pts.length < 3) return segmentPolylineClosest(a, b, pts);
  if (pointInPolygon(a, pts)) return { distance: 0, onSegment: { ...a }, onShape: { ...a }, intersects: true };
  return segmentPolylineClosest(a, b, [...pts, pts[0]!]);
}

/** Distance from segment ab to a filled polygon (0 when crossing or inside). */
export function segmentPolygonDistance(a: Point2, b: Point2, pts: readonly Point2[]): number {
  return segmentPolygonClosest(a, b, pts).distance;
}

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

/** A measurable shape; `polygon` and `ellipse` are filled regions, `polyline` is a line. */
export type Shape =
  | { kind: 'point'; p: Point2 }
  | { kind: 'polyline'; points: Point2[] }
  | { kind: 'polygon'; points: Point2[] }
  | { kind: 'ellipse'; ellipse: Ellipse2 };

/** Closest approach of segment ab and any shape. */
export function segmentShapeClosest(a: Point2, b: Point2, s: Shape): Closest {
  switch (s.kind) {
    case 'point':
      return segmentPolylineClosest(a, b, [s.p]);
    case 'polyline':
      return segmentPolylineClosest(a, b, s.points);
    case 'polygon':
      return segmentPolygonClosest(a, b, s.points);
    case 'ellipse':
      return segmentEllipseClosest(a, b, s.ellipse);
  }
}

/** Apply x/y scale factors to a shape (e.g. px → mm with mmPerPxX, mmPerPxY). */
export function scaleShape(s: Shape, sx: number, sy: number): Shape {
  const f = (p: Point2): Point2 => ({ x: p.x * sx, y: p.y * sy });
  switch (s.kind) {
    case 'point':
      return { kind: 'point', p: f(s.p) };
    case 'polyline':
      return { kind: 'polyline', points: s.points.map(f) };
    case 'polygon':
      return { kind: 'polygon', points: s.points.map(f) };
    case 'ellipse':
      return { kind: 'ellipse', ellipse: { center: f(s.ellipse.center), u: f(s.ellipse.u), v: f(s.ellipse.v) } };
  }
}

/** Acute angle in degrees (0–90) between the lines along d1 and d2; NaN when either is zero. */
export function lineAngleDeg(d1: Point2, d2: Point2): number {
  const n = norm(d1) * norm(d2);
  if (n === 0) return NaN;
  const c = Math.min(1, Math.abs(dot(d1, d2)) / n);
  return (Math.acos(c) * 180) / Math.PI;
}

/**
 * Where the ray from `from` along `dir` leaves the axis-aligned box [x0, x1] × [y0, y1], or
 * undefined when `from` is outside the box or `dir` is zero.
 */
export function rayExitFromBox(from: Point2, dir: Point2, box: { x0: number; y0: number; x1: number; y1: number }): Point2 | undefined {
  if (from.x < box.x0 || from.x > box.x1 || from.y < box.y0 || from.y > box.y1) return undefined;
  if (dir.x === 0 && dir.y === 0) return undefined;
  let t = Infinity;
  if (dir.x > 0) t = Math.min(t, (box.x1 - from.x) / dir.x);
  if (dir.x < 0) t = Math.min(t, (box.x0 - from.x) / dir.x);
  if (dir.y > 0) t = Math.min(t, (box.y1 - from.y) / dir.y);
  if (dir.y < 0) t = Math.min(t, (box.y0 - from.y) / dir.y);
  // Clamp so rounding never puts the exit point a hair outside the box.
  return {
    x: Math.min(box.x1, Math.max(box.x0, from.x + dir.x * t)),
    y: Math.min(box.y1, Math.max(box.y0, from.y + dir.y * t)),
  };
}
