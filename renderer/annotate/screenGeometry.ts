import { annotationEllipse, ellipsePoint } from '../../core/geometry/index';
import type { Annotation, NeedlePath, Point } from '../../core/plan/schema';
import { placeLabels, type Rect, type Segment } from '../../core/geometry/labelLayout';
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

/** A caption to place on the image: its anchor point (screen px), the text to show and shorter text for a crowded spot. */
export interface CaptionRequest {
  id: string;
  anchor: Point;
  text: string;
  /** Shortened text, used only when the full text fits nowhere. */
  short?: string;
}

export interface PlacedCaption {
  id: string;
  /** Text position (left end of the baseline), screen px. */
  x: number;
  y: number;
  textAnchor: 'start';
  /** The text drawn (the full text, or the short one in a crowded spot). */
  text: string;
  /** The caption's box, screen px. */
  box: Rect;
  /** Leader line from the anchor to the box, when the caption sits away from its anchor. */
  leader: Segment | null;
}

/**
 * Caption box (13 px semibold sans): height, the baseline's offset from the box top, and the margin
 * beside the text, px — with room for the glyphs' ascent, descent and side bearings, so the drawn
 * text stays inside the box the layout kept clear.
 */
const LINE_H = 18;
const BASELINE = 13;
const SIDE = 2;

/**
 * Place captions with the shared label layout (core/geometry/labelLayout: the key images use the same
 * function): beside their anchors, inside `viewport`, clear of each other and of `obstacles` (needle
 * paths, measured lines), with a leader line when moved away; the short text only where the full one
 * fits nowhere. `textWidth` measures a string in px.
 */
export function placeCaptions(reqs: readonly CaptionRequest[], viewport: Rect, obstacles: readonly Segment[], textWidth: (text: string) => number): PlacedCaption[] {
  const texts = reqs.map((r) => (r.short && r.short !== r.text ? [r.text, r.short] : [r.text]));
  const placed = placeLabels(
    reqs.map((r, i) => ({ id: r.id, anchor: r.anchor, sizes: texts[i]!.map((t) => ({ width: Math.ceil(textWidth(t)) + 2 * SIDE, height: LINE_H })) })),
    { viewport, obstacles, gap: 6, pad: 2, rings: 16 },
  );
  return placed.map((p, i) => ({ id: p.id, x: p.box.x0 + SIDE, y: p.box.y0 + BASELINE, textAnchor: 'start', text: texts[i]![p.variant]!, box: p.box, leader: p.leader }));
}
