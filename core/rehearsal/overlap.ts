/**
 * How well one outline matches another: Dice overlap of two filled shapes and the Hausdorff distance
 * between two outlines, on core/geometry shapes in one coordinate system (callers scale px → mm first,
 * as core/geometry/measure.ts does, so anisotropic pixels are exact). Unit-free like core/geometry/shapes.
 */
import { dist, ellipsePoint, pointInEllipse, pointInPolygon, type Point2, type Shape } from '../geometry/index';

/** Vertices an ellipse outline is drawn with for distances (the chord error is ≤ 0.03 % of its radius). */
const ELLIPSE_VERTICES = 256;

/** True for shapes that enclose an area (a polygon or an ellipse). */
export function isFilled(s: Shape): s is Extract<Shape, { kind: 'polygon' | 'ellipse' }> {
  return s.kind === 'polygon' || s.kind === 'ellipse';
}

/** True when p lies inside a filled shape or on its boundary. */
export function shapeContains(s: Shape, p: Point2): boolean {
  if (s.kind === 'polygon') return pointInPolygon(p, s.points);
  if (s.kind === 'ellipse') return pointInEllipse(p, s.ellipse);
  return false;
}

/** The outline of a shape as a polyline (closed shapes repeat their first vertex at the end). */
export function outlineOf(s: Shape): Point2[] {
  switch (s.kind) {
    case 'point':
      return [s.p];
    case 'polyline':
      return s.points;
    case 'polygon':
      return [...s.points, s.points[0]!];
    case 'ellipse': {
      const pts = Array.from({ length: ELLIPSE_VERTICES }, (_, k) => ellipsePoint(s.ellipse, (2 * Math.PI * k) / ELLIPSE_VERTICES));
      return [...pts, pts[0]!];
    }
  }
}

/** Points along a polyline no further apart than `step` (its vertices included). */
function sampleOutline(pts: readonly Point2[], step: number): Point2[] {
  if (pts.length <= 1) return pts.map((p) => ({ ...p }));
  const out: Point2[] = [{ ...pts[0]! }];
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const n = Math.max(1, Math.ceil(dist(a, b) / step));
    for (let k = 1; k <= n; k++) out.push({ x: a.x + ((b.x - a.x) * k) / n, y: a.y + ((b.y - a.y) * k) / n });
  }
  return out;
}

function polylineLength(pts: readonly Point2[]): number {
  let s = 0;
  for (let i = 1; i < pts.length; i++) s += dist(pts[i - 1]!, pts[i]!);
  return s;
}

/** Distance from p to a polyline (a single vertex is a point); allocation-free, it runs per sample. */
function pointPolylineDistance(p: Point2, pts: readonly Point2[]): number {
  if (pts.length === 1) return dist(p, pts[0]!);
  let best2 = Infinity;
  for (let i = 1; i < pts.length; i++) {
    const ax = pts[i - 1]!.x;
    const ay = pts[i - 1]!.y;
    const dx = pts[i]!.x - ax;
    const dy = pts[i]!.y - ay;
    const len2 = dx * dx + dy * dy;
    let t = len2 === 0 ? 0 : ((p.x - ax) * dx + (p.y - ay) * dy) / len2;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = ax + dx * t - p.x;
    const ey = ay + dy * t - p.y;
    const d2 = ex * ex + ey * ey;
    if (d2 < best2) best2 = d2;
  }
  return Math.sqrt(best2);
}

/** Largest distance from a sample of `from` to the polyline `to`. */
function directedHausdorff(from: readonly Point2[], to: readonly Point2[]): number {
  let worst = 0;
  for (const p of from) worst = Math.max(worst, pointPolylineDistance(p, to));
  return worst;
}

/**
 * Hausdorff distance between the outlines of two shapes (in their units): the largest distance from
 * any point of one outline to the other outline. Outlines are sampled at most `maxSamples` points
 * each (and no coarser than 1/1000 of their length); distances to the other outline are exact.
 */
export function hausdorffDistance(a: Shape, b: Shape, maxSamples = 1000): number {
  const oa = outlineOf(a);
  const ob = outlineOf(b);
  const step = (o: Point2[]) => Math.max(polylineLength(o) / maxSamples, 1e-9);
  return Math.max(directedHausdorff(sampleOutline(oa, step(oa)), ob), directedHausdorff(sampleOutline(ob, step(ob)), oa));
}

function bounds(pts: readonly Point2[]): { x0: number; y0: number; x1: number; y1: number } {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const p of pts) {
    x0 = Math.min(x0, p.x);
    y0 = Math.min(y0, p.y);
    x1 = Math.max(x1, p.x);
    y1 = Math.max(y1, p.y);
  }
  return { x0, y0, x1, y1 };
}

/**
 * Cells of a grid whose centres lie inside a closed outline (even-odd rule), row by row: for each
 * row the outline's crossings are found once, so the cost is rows × vertices + cells.
 */
function rasterize(outline: readonly Point2[], grid: { x0: number; y0: number; cell: number; nx: number; ny: number }): Uint8Array {
  const mask = new Uint8Array(grid.nx * grid.ny);
  const xs: number[] = [];
  for (let j = 0; j < grid.ny; j++) {
    const y = grid.y0 + (j + 0.5) * grid.cell;
    xs.length = 0;
    for (let i = 1; i < outline.length; i++) {
      const a = outline[i - 1]!;
      const b = outline[i]!;
      if (a.y > y !== b.y > y) xs.push(a.x + ((y - a.y) * (b.x - a.x)) / (b.y - a.y));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      // Cell centres x0 + (i + 0.5)·cell within [xs[k], xs[k+1]].
      const i0 = Math.max(0, Math.ceil((xs[k]! - grid.x0) / grid.cell - 0.5));
      const i1 = Math.min(grid.nx - 1, Math.floor((xs[k + 1]! - grid.x0) / grid.cell - 0.5));
      for (let i = i0; i <= i1; i++) mask[j * grid.nx + i] = 1;
    }
  }
  return mask;
}

/**
 * Dice similarity of two filled shapes, 2|A ∩ B| / (|A| + |B|), from 0 (disjoint) to 1 (identical),
 * counted on a grid of `gridCells` cells across the longer side of both shapes' bounding box (exact
 * for identical shapes; otherwise within about one cell of boundary per outline; ellipses as
 * 256-gons). 0 when neither shape covers a cell.
 */
export function diceCoefficient(a: Extract<Shape, { kind: 'polygon' | 'ellipse' }>, b: Extract<Shape, { kind: 'polygon' | 'ellipse' }>, gridCells = 400): number {
  const oa = outlineOf(a);
  const ob = outlineOf(b);
  const box = bounds([...oa, ...ob]);
  const w = box.x1 - box.x0;
  const h = box.y1 - box.y0;
  if (!(w > 0 && h > 0)) return 0;
  const cell = Math.max(w, h) / gridCells;
  const grid = { x0: box.x0, y0: box.y0, cell, nx: Math.ceil(w / cell), ny: Math.ceil(h / cell) };
  const ma = rasterize(oa, grid);
  const mb = rasterize(ob, grid);
  let inA = 0;
  let inB = 0;
  let inBoth = 0;
  for (let k = 0; k < ma.length; k++) {
    inA += ma[k]!;
    inB += mb[k]!;
    inBoth += ma[k]! & mb[k]!;
  }
  return inA + inB === 0 ? 0 : (2 * inBoth) / (inA + inB);
}
