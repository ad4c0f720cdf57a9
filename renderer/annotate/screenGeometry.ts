import { annotationEllipse, ellipsePoint } from '../../core/geometry/index';
import type { Annotation, NeedlePath, Point } from '../../core/plan/schema';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';

/**
 * Annotations mapped to screen px, ready to draw and to hit-test. Drawing happens in screen space so
 * strokes, handles and labels keep a constant, legible size at any zoom.
 */
export interface ScreenShape {
  /** Outline in screen px: one point, an open polyline, or a closed polygon. */
  points: Point[];
  closed: boolean;
  /** Filled shapes (contours, closed polylines, ellipses) are hit anywhere inside. */
  filled: boolean;
  /** Handles (editable points) in screen px, index-aligned with the annotation's points. */
  handles: Point[];
}

/** Segments used to draw an ellipse (screen px): smooth at any zoom. */
const ELLIPSE_SEGMENTS = 72;

/** An annotation's outline and handles in screen px. */
export function screenShape(a: Pick<Annotation, 'kind' | 'points' | 'closed'>, t: ViewTransform): ScreenShape {
  const handles = a.points.map((p) => toScreen(t, p));
  switch (a.kind) {
    case 'point':
      return { points: handles.slice(0, 1), closed: false, filled: false, handles };
    case 'line':
    case 'arrow':
      return { points: handles.slice(0, 2), closed: false, filled: false, handles };
    case 'polyline':
      return { points: handles, closed: a.closed && handles.length >= 3, filled: a.closed && handles.length >= 3, handles };
    case 'contour':
      return { points: handles, closed: handles.length >= 3, filled: handles.length >= 3, handles };
    case 'ellipse': {
      const e = annotationEllipse(a.points);
      if (!e) return { points: handles, closed: false, filled: false, handles };
      const pts: Point[] = [];
      for (let k = 0; k < ELLIPSE_SEGMENTS; k++) pts.push(toScreen(t, ellipsePoint(e, (2 * Math.PI * k) / ELLIPSE_SEGMENTS)));
      return { points: pts, closed: true, filled: true, handles };
    }
  }
}

/** SVG `points` attribute for a list of points. */
export function svgPoints(pts: readonly Point[]): string {
  return pts.map((p) => `${round(p.x)},${round(p.y)}`).join(' ');
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * The arrowhead triangle at `head` for an arrow from `tail` (screen px), `size` px long. Empty when
 * the arrow has no length.
 */
export function arrowHead(tail: Point, head: Point, size = 14): Point[] {
  const dx = head.x - tail.x;
  const dy = head.y - tail.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return [];
  const ux = dx / len;
  const uy = dy / len;
  const w = size * 0.45;
  const bx = head.x - ux * size;
  const by = head.y - uy * size;
  return [head, { x: bx - uy * w, y: by + ux * w }, { x: bx + uy * w, y: by - ux * w }];
}

/** Where to put an annotation's label (screen px): beside its top-most point, or the arrow's tail. */
export function labelAnchor(a: Pick<Annotation, 'kind'>, s: ScreenShape): Point {
  if (a.kind === 'arrow' && s.handles[0]) return s.handles[0];
  const pts = s.points.length ? s.points : s.handles;
  let top = pts[0] ?? { x: 0, y: 0 };
  for (const p of pts) if (p.y < top.y) top = p;
  return top;
}

/** A needle path in screen px, with its extension (when known) from the target onwards. */
export function screenNeedle(n: Pick<NeedlePath, 'entry' | 'target'>, t: ViewTransform, extensionTo?: Point | null): { entry: Point; target: Point; extension: Point | null } {
  return { entry: toScreen(t, n.entry), target: toScreen(t, n.target), extension: extensionTo ? toScreen(t, extensionTo) : null };
}

/** A caption to place on the image: its anchor point (screen px) and text. */
export interface CaptionRequest {
  id: string;
  anchor: Point;
  text: string;
}

export interface PlacedCaption {
  id: string;
  /** Text position (baseline), screen px. */
  x: number;
  y: number;
  textAnchor: 'start' | 'end';
}

/** Approximate caption box size (13 px semibold sans): width per character and line height, px. */
const CHAR_W = 7.4;
const LINE_H = 16;

/**
 * Place captions beside their anchors without overlapping each other: each goes up and to the right
 * of its anchor (to the left when it would cross `rightLimit`), and one that would cover an earlier
 * caption is moved up or down by a line at a time (a few tries), so crowded targets stay readable.
 */
export function layoutCaptions(reqs: readonly CaptionRequest[], rightLimit: number): PlacedCaption[] {
  const placed: { x0: number; x1: number; y0: number; y1: number }[] = [];
  const out: PlacedCaption[] = [];
  const order = [...reqs].sort((a, b) => a.anchor.y - b.anchor.y || a.anchor.x - b.anchor.x);
  for (const r of order) {
    const w = r.text.length * CHAR_W;
    const flip = r.anchor.x + 8 + w > rightLimit - 4;
    const x = flip ? r.anchor.x - 8 : r.anchor.x + 8;
    const x0 = flip ? x - w : x;
    const box = (y: number) => ({ x0, x1: x0 + w, y0: y - LINE_H + 3, y1: y + 3 });
    const free = (b: { x0: number; x1: number; y0: number; y1: number }) => !placed.some((p) => b.x0 < p.x1 && p.x0 < b.x1 && b.y0 < p.y1 && p.y0 < b.y1);
    const base = r.anchor.y - 8;
    let y = base;
    for (const dy of [0, -LINE_H, LINE_H, -2 * LINE_H, 2 * LINE_H, -3 * LINE_H, 3 * LINE_H]) {
      if (free(box(base + dy))) {
        y = base + dy;
        break;
      }
    }
    placed.push(box(y));
    out.push({ id: r.id, x, y, textAnchor: flip ? 'end' : 'start' });
  }
  return out;
}
