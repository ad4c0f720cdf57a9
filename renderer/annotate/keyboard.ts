import { useEffect } from 'react';
import { invert, type ViewTransform } from '../../core/geometry/view-transform';
import type { Point } from '../../core/plan/schema';
import { useCase } from '../state/case';
import { useLayout } from '../state/layout';
import { usePlanDialog } from '../state/planDialogs';
import { useTool, type HandleRef } from '../state/tool';
import { useViewerLink } from '../state/viewerLink';
import { commitShape } from './actions';

/**
 * The plan's keyboard editing on the image (issue 20 item 4):
 * - with a handle taken (pressed with the select tool, or a point just placed by keyboard), the arrow
 *   keys move it 1 image px along the screen direction (Shift: 10 px), one undo step per press;
 *   Escape releases it. Without a handle the arrows keep stepping frames.
 * - with the Point tool, Enter places a point at the last pointer position over the image (else the
 *   image centre) and takes its handle, so the arrows then put it in place.
 */

/** 1 image px for a plain arrow, 10 with Shift. */
export const NUDGE_PX = 1;
export const NUDGE_SHIFT_PX = 10;

const ARROWS: Record<string, Point> = { ArrowLeft: { x: -1, y: 0 }, ArrowRight: { x: 1, y: 0 }, ArrowUp: { x: 0, y: -1 }, ArrowDown: { x: 0, y: 1 } };

/** Where the pointer last was over the image, image px (the drawing tools report it). */
let lastPointer: Point | null = null;
export function notePointer(p: Point | null): void {
  lastPointer = p;
}

/**
 * The image-px step for an arrow key on screen: the screen direction through the inverse of the view
 * (rotation, flip, zoom), `px` image pixels long. Exact for the viewer's 90° rotations and flips.
 */
export function nudgeStep(t: ViewTransform, screenDir: Point, px: number): Point {
  const inv = invert(t);
  const x = inv.a * screenDir.x + inv.c * screenDir.y;
  const y = inv.b * screenDir.x + inv.d * screenDir.y;
  const len = Math.hypot(x, y) || 1;
  const round = (v: number) => Math.round(v * 1e9) / 1e9;
  return { x: round((x / len) * px), y: round((y / len) * px) };
}

/** Move the taken handle by d (image px): one undoable edit. False when there is nothing to move. */
export function nudgeHandle(h: HandleRef, d: Point): boolean {
  const st = useCase.getState();
  const plan = st.history.present;
  if (h.kind === 'annotation') {
    const p = plan.annotations.find((a) => a.id === h.id)?.points[h.index];
    return !!p && st.apply({ type: 'move-handle', id: h.id, index: h.index, to: { x: p.x + d.x, y: p.y + d.y } });
  }
  const n = plan.needlePaths.find((x) => x.id === h.id);
  if (!n) return false;
  const p = n[h.which];
  return st.apply({ type: 'move-needle-point', id: h.id, which: h.which, to: { x: p.x + d.x, y: p.y + d.y } });
}

/** The handle still belongs to the selection (a new selection releases it). */
function liveHandle(): HandleRef | null {
  const h = useTool.getState().handle;
  const sel = useCase.getState().selection;
  if (!h) return null;
  if (!sel || sel.id !== h.id) {
    useTool.getState().setHandle(null);
    return null;
  }
  return h;
}

/** Enter with the Point tool: a point at the pointer (or the image centre), its handle taken. */
export function placePointByKeyboard(): boolean {
  const link = useViewerLink.getState();
  if (!link.facts) return false;
  const at = lastPointer ?? { x: link.facts.columns / 2, y: link.facts.rows / 2 };
  const id = commitShape({ tool: 'point', points: [{ x: Math.round(at.x), y: Math.round(at.y) }] });
  if (!id) return false;
  useTool.getState().setHandle({ kind: 'annotation', id, index: 0 });
  return true;
}

function typing(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  return !!el?.tagName && (/^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName) || el.isContentEditable);
}

/** Install the keys (once, by the plan host); they run before the command shortcuts. */
export function useAnnotationKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typing(e.target) || e.ctrlKey || e.metaKey || e.altKey) return;
      if (useLayout.getState().dialog || usePlanDialog.getState().dialog) return;
      const dir = ARROWS[e.key];
      let done = false;
      if (dir || e.key === 'Escape') {
        const h = liveHandle();
        const t = useViewerLink.getState().transform;
        if (h && e.key === 'Escape') {
          useTool.getState().setHandle(null);
          done = true;
        } else if (h && dir && t) {
          nudgeHandle(h, nudgeStep(t, dir, e.shiftKey ? NUDGE_SHIFT_PX : NUDGE_PX));
          done = true;
        }
      } else if (e.key === 'Enter' && !e.shiftKey) {
        const ts = useTool.getState();
        if (ts.tool === 'point' && !ts.draft) done = placePointByKeyboard();
      }
      if (done) {
        e.preventDefault();
        e.stopPropagation();
      }
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, []);
}
