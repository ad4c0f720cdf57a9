import { useEffect, useRef, type PointerEvent as ReactPointerEvent, type RefObject } from 'react';
import type { Calibration } from '../../core/dicom/calibration';
import { snapIntoRegion } from '../../core/geometry/snap';
import { screenScale, toImage, type ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation, NeedlePath, Point } from '../../core/plan/schema';
import { useCase } from '../state/case';
import { useTool } from '../state/tool';
import { commitShape } from './actions';
import { hitTest } from './hitTest';
import { DRAG_THRESHOLD_PX, stepTool } from './tools';
import { notePointer } from './keyboard';

/** A drag of the select tool: a handle, a whole mark, or a needle's entry or target. */
type Drag =
  | { kind: 'handle'; id: string; index: number; startScreen: Point; moved: boolean }
  | { kind: 'move'; id: string; startScreen: Point; last: Point; moved: boolean }
  | { kind: 'needle-point'; id: string; which: 'entry' | 'target'; startScreen: Point; moved: boolean };

export interface AnnotationPointer {
  /** On the layer's root element: its parent (the viewer's stage) receives the drawing listeners. */
  rootRef: RefObject<HTMLDivElement | null>;
  /** On the layer's SVG: pointer positions are taken relative to it (screen px). */
  svgRef: RefObject<SVGSVGElement | null>;
  /** On the hit areas of marks and handles (select tool). */
  onMarkPointerDown(e: ReactPointerEvent): void;
}

/**
 * The pointer handling of the annotation layer.
 *
 * - Drawing tools: native listeners (capture phase) on the viewer's stage, the layer's parent, so a
 *   left press draws while wheel zoom and right-drag still reach the viewer. Events go through the
 *   tools' state machines (./tools.ts); a finished shape becomes a case edit (./actions.ts). Points
 *   just outside a calibrated region are snapped onto its edge (core/geometry/snap.ts).
 * - Select tool: a press on a mark or handle selects it and starts a drag; the whole drag is one
 *   undo step (coalesced); a locked mark is reported once and not moved.
 *
 * `annotations` and `needles` are the marks shown (image px); `transform` maps image px to the layer.
 */
export function useAnnotationPointer(opts: { transform: ViewTransform; calibration: Calibration | undefined; annotations: readonly Annotation[]; needles: readonly NeedlePath[]; selectedId: string | null }): AnnotationPointer {
  const { transform, calibration, annotations, needles, selectedId } = opts;
  const tool = useTool((s) => s.tool);
  const rootRef = useRef<HTMLDivElement>(null);
  const svgRef = useRef<SVGSVGElement>(null);
  const scale = screenScale(transform);

  const local = (e: { clientX: number; clientY: number }): Point => {
    const r = svgRef.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  };

  // ---- drawing tools
  const onDrawEvent = (type: 'down' | 'move' | 'up' | 'dblclick', e: PointerEvent | MouseEvent, host: HTMLElement) => {
    const t = useTool.getState().tool;
    if (t === 'select') return;
    if ((e.target as Element | null)?.closest?.('input, button, select, textarea, a')) return;
    if ((type === 'down' || type === 'up') && e.button !== 0) return;
    const p = snapIntoRegion(toImage(transform, local(e)), calibration, scale);
    notePointer(p); // where Enter places a point (./keyboard.ts)
    const step = stepTool(t, useTool.getState().draft, { type, p, scale });
    if (step.handled || type === 'down' || type === 'dblclick') {
      e.preventDefault();
      e.stopPropagation();
    }
    if (type === 'down' && 'pointerId' in e) host.setPointerCapture?.(e.pointerId);
    useTool.getState().setDraft(step.draft);
    if (step.finished) commitShape(step.finished);
  };
  const drawRef = useRef(onDrawEvent);
  useEffect(() => {
    drawRef.current = onDrawEvent;
  });
  useEffect(() => {
    // The viewer's stage (it holds the image and the slot; the slot itself is a wrapper that sees no
    // pointer events on the image), else the layer's parent.
    const host = rootRef.current?.closest<HTMLElement>('[data-overlay-host]') ?? rootRef.current?.parentElement;
    if (!host || tool === 'select') return;
    host.classList.add('plan-drawing');
    const on = (type: 'down' | 'move' | 'up' | 'dblclick') => (e: Event) => drawRef.current(type, e as PointerEvent, host);
    const handlers: [string, (e: Event) => void][] = [
      ['pointerdown', on('down')],
      ['pointermove', on('move')],
      ['pointerup', on('up')],
      ['dblclick', on('dblclick')],
    ];
    for (const [name, h] of handlers) host.addEventListener(name, h, { capture: true });
    return () => {
      host.classList.remove('plan-drawing');
      for (const [name, h] of handlers) host.removeEventListener(name, h, { capture: true });
    };
  }, [tool]);

  // ---- select tool: drag handles and marks
  const dragRef = useRef<Drag | null>(null);
  const onDragMove = (ev: PointerEvent) => {
    const d = dragRef.current;
    if (!d) return;
    const p = local(ev);
    if (!d.moved && Math.hypot(p.x - d.startScreen.x, p.y - d.startScreen.y) < DRAG_THRESHOLD_PX) return;
    const st = useCase.getState();
    const q = d.kind === 'move' ? toImage(transform, p) : snapIntoRegion(toImage(transform, p), calibration, scale);
    const coalesce = d.moved;
    if (!d.moved) {
      const a = d.kind !== 'needle-point' ? st.history.present.annotations.find((x) => x.id === d.id) : undefined;
      if (a?.locked) {
        dragRef.current = null;
        st.apply({ type: 'move-annotation', id: d.id, dx: 0, dy: 0 }); // reports "locked" once
        return;
      }
    }
    d.moved = true;
    if (d.kind === 'handle') st.apply({ type: 'move-handle', id: d.id, index: d.index, to: q }, { coalesce, quiet: true });
    else if (d.kind === 'needle-point') st.apply({ type: 'move-needle-point', id: d.id, which: d.which, to: q }, { coalesce, quiet: true });
    else {
      st.apply({ type: 'move-annotation', id: d.id, dx: q.x - d.last.x, dy: q.y - d.last.y }, { coalesce, quiet: true });
      d.last = q;
    }
  };
  const onMarkPointerDown = (e: ReactPointerEvent) => {
    if (tool !== 'select' || e.button !== 0) return;
    const p = local(e);
    const hit = hitTest(p, annotations, needles, transform, { selectedId });
    if (!hit) return;
    e.preventDefault();
    e.stopPropagation();
    const st = useCase.getState();
    // The handle the arrow keys then move (./keyboard.ts): a vertex, a needle end, or a point mark.
    const pointMark = hit.kind === 'annotation' && annotations.find((a) => a.id === hit.id)?.kind === 'point';
    useTool.getState().setHandle(hit.kind === 'handle' ? { kind: 'annotation', id: hit.id, index: hit.index } : hit.kind === 'needle-point' ? { kind: 'needle', id: hit.id, which: hit.which } : pointMark ? { kind: 'annotation', id: hit.id, index: 0 } : null);
    if (hit.kind === 'handle') {
      st.select({ kind: 'annotation', id: hit.id });
      dragRef.current = { kind: 'handle', id: hit.id, index: hit.index, startScreen: p, moved: false };
    } else if (hit.kind === 'annotation') {
      st.select({ kind: 'annotation', id: hit.id });
      dragRef.current = { kind: 'move', id: hit.id, startScreen: p, last: toImage(transform, p), moved: false };
    } else if (hit.kind === 'needle-point') {
      st.select({ kind: 'needle', id: hit.id });
      dragRef.current = { kind: 'needle-point', id: hit.id, which: hit.which, startScreen: p, moved: false };
    } else {
      st.select({ kind: 'needle', id: hit.id });
      dragRef.current = null;
    }
    if (dragRef.current) {
      const move = (ev: PointerEvent) => onDragMove(ev);
      const up = () => {
        dragRef.current = null;
        window.removeEventListener('pointermove', move);
        window.removeEventListener('pointerup', up);
        window.removeEventListener('pointercancel', up);
      };
      window.addEventListener('pointermove', move);
      window.addEventListener('pointerup', up);
      window.addEventListener('pointercancel', up);
    }
  };

  return { rootRef, svgRef, onMarkPointerDown };
}
