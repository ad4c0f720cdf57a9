import { distanceToOutline, pointSegmentDistance } from '../../core/geometry/shapes';
import type { Annotation, NeedlePath, Point } from '../../core/plan/schema';
import { screenShape } from './screenGeometry';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';

/**
 * Hit radius around handles and outlines, screen px. Large enough to grab a handle precisely with a
 * mouse or trackpad (WCAG 2.5.8 asks for 24 × 24 px targets; a 10 px radius gives a 20 px disc plus
 * the drawn handle), small enough that neighbouring structures on a zoomed-out clip stay separable.
 */
export const HIT_RADIUS_PX = 10;

/** What is under the pointer. Handles and needle end points win over outlines. */
export type Hit =
  | { kind: 'handle'; id: string; index: number }
  | { kind: 'annotation'; id: string }
  | { kind: 'needle-point'; id: string; which: 'entry' | 'target' }
  | { kind: 'needle'; id: string };

export interface HitOptions {
  radiusPx?: number;
  /** The selected item: its handles are tested first. */
  selectedId?: string | null;
}

/**
 * Find what lies under screen point `p` (screen px). Only visible annotations are hit; locked ones
 * can be selected (the caller refuses to move them). Among several candidates at the same level,
 * the nearest wins, and on a tie the one drawn last (on top).
 *
 * Order: the selected annotation's handles, then needle end points, then any handle of another
 * annotation, then outlines (needle lines included). Filled shapes count as hit anywhere inside, but
 * an outline within the radius beats an interior hit, so a small structure inside a large contour
 * stays selectable.
 */
export function hitTest(p: Point, annotations: readonly Annotation[], needles: readonly NeedlePath[], t: ViewTransform, opts: HitOptions = {}): Hit | null {
  const r = opts.radiusPx ?? HIT_RADIUS_PX;
  const visible = annotations.filter((a) => a.visible);
  const shapes = visible.map((a) => ({ a, s: screenShape(a, t) }));

  const nearestHandle = (items: typeof shapes): Hit | null => {
    let best: { hit: Hit; d: number } | null = null;
    for (const { a, s } of items) {
      if (a.kind === 'point') continue; // a point's handle is its body
      s.handles.forEach((h, index) => {
        const d = Math.hypot(p.x - h.x, p.y - h.y);
        if (d <= r && (!best || d <= best.d)) best = { hit: { kind: 'handle', id: a.id, index }, d };
      });
    }
    return best ? (best as { hit: Hit }).hit : null;
  };

  if (opts.selectedId) {
    const sel = shapes.filter((x) => x.a.id === opts.selectedId);
    const h = nearestHandle(sel);
    if (h) return h;
  }

  let bestNeedle: { hit: Hit; d: number } | null = null;
  for (const n of needles) {
    for (const which of ['entry', 'target'] as const) {
      const q = toScreen(t, n[which]);
      const d = Math.hypot(p.x - q.x, p.y - q.y);
      if (d <= r && (!bestNeedle || d <= bestNeedle.d)) bestNeedle = { hit: { kind: 'needle-point', id: n.id, which }, d };
    }
  }
  if (bestNeedle) return bestNeedle.hit;

  const h = nearestHandle(shapes);
  if (h) return h;

  let best: { hit: Hit; d: number; interior: boolean } | null = null;
  const consider = (hit: Hit, d: number, interior: boolean) => {
    if (d > r) return;
    if (!best) best = { hit, d, interior };
    else if (best.interior && !interior) best = { hit, d, interior };
    else if (best.interior === interior && d <= best.d) best = { hit, d, interior };
  };
  for (const { a, s } of shapes) {
    const outline = distanceToOutline(p, s.points, s.closed, false);
    if (outline <= r) consider({ kind: 'annotation', id: a.id }, outline, false);
    else if (s.filled && distanceToOutline(p, s.points, s.closed, true) === 0) consider({ kind: 'annotation', id: a.id }, 0, true);
  }
  for (const n of needles) {
    const d = pointSegmentDistance(p, toScreen(t, n.entry), toScreen(t, n.target));
    consider({ kind: 'needle', id: n.id }, d, false);
  }
  return best ? (best as { hit: Hit }).hit : null;
}
