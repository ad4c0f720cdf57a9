import type { Point2 } from './point';

/**
 * The image ↔ screen mapping of the 2D viewer, as a 2D affine matrix (the form of SVG `matrix()` and
 * canvas `setTransform`):
 *
 *   screen.x = a·x + c·y + e
 *   screen.y = b·x + d·y + f
 *
 * `x, y` are image px (core/geometry/point.ts Point2: origin at the top-left corner of the top-left pixel);
 * screen coordinates are CSS px relative to the overlay's top-left corner. Zoom, pan, 90° rotations
 * and flips are all affine, so one matrix carries the viewer's whole view state.
 */
export interface ViewTransform {
  a: number;
  b: number;
  c: number;
  d: number;
  e: number;
  f: number;
}

/**
 * The same mapping as a tuple `[a, b, c, d, e, f]` (cornerstone's `transform.m`), as the 2D viewer
 * publishes it (renderer/state/viewportGeometry.ts).
 */
export type Affine = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

/** A tuple transform as a `ViewTransform`. */
export function fromAffine(m: Affine): ViewTransform {
  return { a: m[0], b: m[1], c: m[2], d: m[3], e: m[4], f: m[5] };
}

export const IDENTITY: ViewTransform = { a: 1, b: 0, c: 0, d: 1, e: 0, f: 0 };

/** Image px → screen px. */
export function toScreen(t: ViewTransform, p: Point2): Point2 {
  return { x: t.a * p.x + t.c * p.y + t.e, y: t.b * p.x + t.d * p.y + t.f };
}

/** The inverse mapping; throws on a degenerate (zero-area) transform, which the viewer never produces. */
export function invert(t: ViewTransform): ViewTransform {
  const det = t.a * t.d - t.b * t.c;
  if (!Number.isFinite(det) || det === 0) throw new RangeError('The view transform cannot be inverted.');
  return {
    a: t.d / det,
    b: -t.b / det,
    c: -t.c / det,
    d: t.a / det,
    e: (t.c * t.f - t.d * t.e) / det,
    f: (t.b * t.e - t.a * t.f) / det,
  };
}

/** Screen px → image px. */
export function toImage(t: ViewTransform, p: Point2): Point2 {
  return toScreen(invert(t), p);
}

/** Screen px per image px (geometric mean of the two axes; exact for zoom + rotation + flip). */
export function screenScale(t: ViewTransform): number {
  return Math.sqrt(Math.abs(t.a * t.d - t.b * t.c));
}

/**
 * The transform of an image drawn to fit a box (centred, aspect kept), optionally zoomed about the
 * box centre, panned (screen px), rotated by a multiple of 90° clockwise and flipped. A fallback for
 * hosts without their own transform and the reference the tests use.
 */
export function fitTransform(
  image: { columns: number; rows: number },
  box: { width: number; height: number },
  opts: { zoom?: number; panX?: number; panY?: number; rotationDeg?: number; flipH?: boolean; flipV?: boolean } = {},
): ViewTransform {
  const rot = (((opts.rotationDeg ?? 0) % 360) + 360) % 360;
  const quarter = Math.round(rot / 90) % 4;
  const [w, h] = quarter % 2 === 0 ? [image.columns, image.rows] : [image.rows, image.columns];
  const s = Math.min(box.width / w, box.height / h) * (opts.zoom ?? 1);
  // Image centre to origin, flip, rotate, scale, then to the box centre plus pan.
  const cx = image.columns / 2;
  const cy = image.rows / 2;
  const fx = opts.flipH ? -1 : 1;
  const fy = opts.flipV ? -1 : 1;
  const cos = [1, 0, -1, 0][quarter]!;
  const sin = [0, 1, 0, -1][quarter]!;
  // M = S · R · F, applied to (p − c).
  const a = s * cos * fx;
  const b = s * sin * fx;
  const c = -s * sin * fy;
  const d = s * cos * fy;
  const e = box.width / 2 + (opts.panX ?? 0) - (a * cx + c * cy);
  const f = box.height / 2 + (opts.panY ?? 0) - (b * cx + d * cy);
  return { a, b, c, d, e, f };
}

/** The transform as an SVG/CSS `matrix(...)` string. */
export function matrixString(t: ViewTransform): string {
  return `matrix(${t.a} ${t.b} ${t.c} ${t.d} ${t.e} ${t.f})`;
}
