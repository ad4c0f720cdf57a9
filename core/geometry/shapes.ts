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
 * Distance from p to the outline through `pts` (closed: the last point joins the first); 0 inside
 * when the outline is `filled` (and closed, with at least 3 points). Infinity for no points.
 */
export function distanceToOutline(p: Point2, pts: readonly Point2[], closed: boolean, filled: boolean): number {
  if (pts.length === 0) return Infinity;
  if (pts.length === 1) return dist(p, pts[0]!);
  if (filled && pts.length >= 3 && pointInPolygon(p, pts)) return 0;
  let best = Infinity;
  const n = closed ? pts.length : pts.length - 1;
  for (let i = 0; i < n; i++) best = Math.min(best, pointSegmentDistance(p, pts[i]!, pts[(i + 1) % pts.length]!));
  return best;
}

/**
 * Douglas–Peucker simplification of a freehand outline: drops points closer than `tolerance` (units
 * of the points) to the line through their neighbours, keeping the shape to within the tolerance.
 */
export function simplifyPolyline(points: readonly Point2[], tolerance: number): Point2[] {
  if (points.length <= 3) return points.map((p) => ({ ...p }));
  const keep = new Uint8Array(points.length);
  keep[0] = 1;
  keep[points.length - 1] = 1;
  const stack: [number, number][] = [[0, points.length - 1]];
  while (stack.length) {
    const [i, j] = stack.pop()!;
    const a = points[i]!;
    const b = points[j]!;
    let maxD = -1;
    let idx = -1;
    for (let k = i + 1; k < j; k++) {
      const d = distanceToLine(points[k]!, a, b);
      if (d > maxD) {
        maxD = d;
        idx = k;
      }
    }
    if (idx >= 0 && maxD > tolerance) {
      keep[idx] = 1;
      stack.push([i, idx], [idx, j]);
    }
  }
  return points.filter((_, k) => keep[k]).map((p) => ({ ...p }));
}

function distanceToLine(p: Point2, a: Point2, b: Point2): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return dist(p, a);
  return Math.abs(dy * (p.x - a.x) - dx * (p.y - a.y)) / len;
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
