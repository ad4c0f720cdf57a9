import type { AnnotationKind, Point } from '../../core/plan/schema';
import { simplifyPolyline } from '../../core/geometry/shapes';
import type { Draft, DrawToolId } from '../state/tool';

export type { Draft, DrawToolId, ToolId } from '../state/tool';

/**
 * The drawing tools as pure state machines: pointer and key events in, a draft and (when a shape is
 * complete) its points out. The annotation layer feeds them events and turns finished shapes into
 * core/plan commands, so every tool can be tested without a DOM.
 *
 * Points are image px. `scale` (screen px per image px) converts the few screen-space thresholds
 * (click vs drag, closing a contour on its first vertex, freehand sampling).
 */

/** A pointer press that moves less than this (screen px) is a click, not a drag. */
export const DRAG_THRESHOLD_PX = 4;
/** Freehand contours keep a sample every this many screen px. */
export const FREEHAND_STEP_PX = 3;
/** Clicking this close (screen px) to a contour's first vertex closes it. */
export const CLOSE_RADIUS_PX = 10;

export type ToolEvent =
  | { type: 'down'; p: Point; scale: number }
  | { type: 'move'; p: Point; scale: number }
  | { type: 'up'; p: Point; scale: number }
  | { type: 'dblclick'; p: Point; scale: number }
  | { type: 'key'; key: 'Escape' | 'Enter' | 'Backspace' };

export interface ToolStep {
  draft: Draft | null;
  /** Set when a shape is complete: its points (image px). */
  finished?: { tool: DrawToolId; points: Point[] };
  /** True when the event was used (the caller stops it reaching the viewer). */
  handled: boolean;
}

/** The annotation kind a drawing tool makes (the needle tool makes a needle path instead). */
export function kindOfTool(tool: DrawToolId): AnnotationKind | null {
  return tool === 'needle' ? null : tool;
}

const dist = (a: Point, b: Point) => Math.hypot(a.x - b.x, a.y - b.y);
const TWO_POINT: readonly DrawToolId[] = ['line', 'arrow', 'ellipse', 'needle'];

function start(tool: DrawToolId, p: Point): Draft {
  return { tool, points: [{ ...p }], cursor: { ...p }, pressed: true, pressAt: { ...p }, freehand: false };
}

const done = (tool: DrawToolId, points: Point[]): ToolStep => ({ draft: null, finished: { tool, points: points.map((q) => ({ x: q.x, y: q.y })) }, handled: true });

/** Minimum vertices to finish a shape of this tool. */
export function minPoints(tool: DrawToolId): number {
  return tool === 'point' ? 1 : tool === 'contour' ? 3 : 2;
}

/**
 * Advance a tool by one event. `draft` is null when nothing is being drawn.
 *
 * - point: a click places it.
 * - line, arrow, ellipse (corner to corner), needle (entry then target): press–drag–release, or
 *   click then click.
 * - polyline: click each vertex; double-click or Enter finishes (≥ 2 vertices); Backspace removes the
 *   last vertex.
 * - contour: click each vertex and finish with Enter, double-click or a click on the first vertex
 *   (≥ 3 vertices); or press and drag to draw it freehand, closing on release.
 * - Escape cancels any drawing.
 */
export function stepTool(tool: DrawToolId, draft: Draft | null, ev: ToolEvent): ToolStep {
  if (ev.type === 'key') {
    if (!draft) return { draft: null, handled: false };
    if (ev.key === 'Escape') return { draft: null, handled: true };
    if (ev.key === 'Enter') {
      if ((draft.tool === 'polyline' || draft.tool === 'contour') && draft.points.length >= minPoints(draft.tool)) return done(draft.tool, draft.points);
      return { draft, handled: true };
    }
    // Backspace: remove the last vertex of a click-drawn polyline or contour.
    if (draft.tool === 'polyline' || draft.tool === 'contour') {
      const points = draft.points.slice(0, -1);
      return { draft: points.length ? { ...draft, points } : null, handled: true };
    }
    return { draft, handled: true };
  }

  const p = ev.p;
  const scale = ev.scale > 0 ? ev.scale : 1;
  const screenDist = (a: Point, b: Point) => dist(a, b) * scale;

  if (tool === 'point') {
    if (ev.type === 'down') return done('point', [p]);
    return { draft: null, handled: ev.type !== 'move' };
  }

  if (TWO_POINT.includes(tool)) {
    switch (ev.type) {
      case 'down':
        if (!draft) return { draft: start(tool, p), handled: true };
        // Second click of click–click drawing.
        if (screenDist(draft.points[0]!, p) < DRAG_THRESHOLD_PX) return { draft: { ...draft, pressed: true, pressAt: p, cursor: p }, handled: true };
        return done(tool, [draft.points[0]!, p]);
      case 'move':
        return { draft: draft ? { ...draft, cursor: { ...p } } : null, handled: !!draft };
      case 'up':
        if (!draft) return { draft: null, handled: false };
        if (draft.pressed && screenDist(draft.points[0]!, p) >= DRAG_THRESHOLD_PX) return done(tool, [draft.points[0]!, p]);
        return { draft: { ...draft, pressed: false, cursor: { ...p } }, handled: true };
      case 'dblclick':
        return { draft, handled: true };
    }
  }

  // polyline and contour
  switch (ev.type) {
    case 'down': {
      if (!draft) return { draft: { ...start(tool, p) }, handled: true };
      if (tool === 'contour' && draft.points.length >= 3 && screenDist(draft.points[0]!, p) <= CLOSE_RADIUS_PX) return done('contour', draft.points);
      const last = draft.points[draft.points.length - 1]!;
      // A second press on the same spot (the second click of a double-click) adds nothing.
      if (screenDist(last, p) < DRAG_THRESHOLD_PX) return { draft: { ...draft, pressed: true, pressAt: p }, handled: true };
      return { draft: { ...draft, points: [...draft.points, { ...p }], pressed: true, pressAt: { ...p }, cursor: { ...p } }, handled: true };
    }
    case 'move': {
      if (!draft) return { draft: null, handled: false };
      if (tool === 'contour' && draft.pressed && draft.points.length === 1 && !draft.freehand && draft.pressAt && screenDist(draft.pressAt, p) >= DRAG_THRESHOLD_PX) {
        return { draft: { ...draft, freehand: true, points: [...draft.points, { ...p }], cursor: { ...p } }, handled: true };
      }
      if (draft.freehand && draft.pressed) {
        const last = draft.points[draft.points.length - 1]!;
        if (screenDist(last, p) >= FREEHAND_STEP_PX) return { draft: { ...draft, points: [...draft.points, { ...p }], cursor: { ...p } }, handled: true };
        return { draft: { ...draft, cursor: { ...p } }, handled: true };
      }
      return { draft: { ...draft, cursor: { ...p } }, handled: true };
    }
    case 'up': {
      if (!draft) return { draft: null, handled: false };
      if (draft.freehand) {
        const pts = simplifyPolyline(draft.points, 0.75 / scale);
        if (pts.length >= 3) return done('contour', pts);
        return { draft: null, handled: true }; // too small to be a contour
      }
      return { draft: { ...draft, pressed: false }, handled: true };
    }
    case 'dblclick':
      if (draft && draft.points.length >= minPoints(tool)) return done(tool, draft.points);
      return { draft, handled: true };
  }
}
