/**
 * Point tests and distances for the sample anatomy, in image px (see ../types for the convention).
 */
import type { Point2 } from '../types';

export interface Box {
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

export function boxOf(points: readonly Point2[], pad = 0): Box {
  let xMin = Infinity,
    yMin = Infinity,
    xMax = -Infinity,
    yMax = -Infinity;
  for (const p of points) {
    if (p.x < xMin) xMin = p.x;
    if (p.x > xMax) xMax = p.x;
    if (p.y < yMin) yMin = p.y;
    if (p.y > yMax) yMax = p.y;
  }
  return { xMin: xMin - pad, yMin: yMin - pad, xMax: xMax + pad, yMax: yMax + pad };
}

/** Distance from (x, y) to segment a–b, px. */
export function distToSegment(x: number, y: number, a: Point2, b: Point2): number {
  const dx = b.x - a.x,
    dy = b.y - a.y;
  const len2 = dx * dx + dy * dy;
  let t = len2 > 0 ? ((x - a.x) * dx + (y - a.y) * dy) / len2 : 0;
  if (t < 0) t = 0;
  else if (t > 1) t = 1;
  const px = a.x + t * dx - x,
    py = a.y + t * dy - y;
  return Math.sqrt(px * px + py * py);
}

/** Distance from (x, y) to an open polyline, px. */
export function distToPolyline(x: number, y: number, pts: readonly Point2[]): number {
  let d = Infinity;
  for (let i = 0; i + 1 < pts.length; i++) {
    const di = distToSegment(x, y, pts[i]!, pts[i + 1]!);
    if (di < d) d = di;
  }
  return d;
}

/** Even–odd point-in-polygon test (closed contour). */
export function inPolygon(x: number, y: number, pts: readonly Point2[]): boolean {
  let inside = false;
  for (let i = 0, j = pts.length - 1; i < pts.length; j = i++) {
    const a = pts[i]!,
      b = pts[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

/**
 * y of a polyline at x, for polylines whose x increases along the points (layer boundaries);
 * clamped to the end values outside their x range.
 */
export function yAt(pts: readonly Point2[], x: number): number {
  if (x <= pts[0]!.x) return pts[0]!.y;
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!,
      b = pts[i + 1]!;
    if (x <= b.x) return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x || 1);
  }
  return pts[pts.length - 1]!.y;
}

/** Ellipse implicit value: < 1 inside, 1 on the outline. rotationDeg clockwise on screen. */
export function ellipseValue(x: number, y: number, cx: number, cy: number, rx: number, ry: number, rotationDeg: number): number {
  const t = (rotationDeg * Math.PI) / 180;
  const c = Math.cos(t),
    s = Math.sin(t);
  const dx = x - cx,
    dy = y - cy;
  const u = dx * c + dy * s;
  const v = -dx * s + dy * c;
  return (u * u) / (rx * rx) + (v * v) / (ry * ry);
}

/** Points of an ellipse outline (n vertices), for exporting as a contour. */
export function ellipsePoints(cx: number, cy: number, rx: number, ry: number, rotationDeg: number, n = 48): Point2[] {
  const t = (rotationDeg * Math.PI) / 180;
  const c = Math.cos(t),
    s = Math.sin(t);
  const out: Point2[] = [];
  for (let i = 0; i < n; i++) {
    const a = (2 * Math.PI * i) / n;
    const u = rx * Math.cos(a),
      v = ry * Math.sin(a);
    out.push({ x: cx + u * c - v * s, y: cy + u * s + v * c });
  }
  return out;
}

/** Evenly resample a polyline by arc length into n points (n ≥ 2). */
export function resample(pts: readonly Point2[], n: number): Point2[] {
  const cum = [0];
  for (let i = 1; i < pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i]!.x - pts[i - 1]!.x, pts[i]!.y - pts[i - 1]!.y));
  const total = cum[cum.length - 1]!;
  const out: Point2[] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const d = (total * k) / (n - 1);
    while (j + 1 < cum.length - 1 && cum[j + 1]! < d) j++;
    const seg = cum[j + 1]! - cum[j]! || 1;
    const t = Math.min(1, Math.max(0, (d - cum[j]!) / seg));
    out.push({ x: pts[j]!.x + t * (pts[j + 1]!.x - pts[j]!.x), y: pts[j]!.y + t * (pts[j + 1]!.y - pts[j]!.y) });
  }
  return out;
}
