import { useEffect, useMemo, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import { isSpatialRegion } from '../../core/dicom/calibration';
import type { NeedleMetrics } from '../../core/geometry/index';
import type { Annotation, NeedlePath, Point } from '../../core/plan/schema';
import { useCase } from '../state/case';
import { Icon } from '../ui/Icon';
import { commitShape } from './actions';
import { clipFacts, type ClipFacts } from './clips';
import { hitTest, HIT_RADIUS_PX, type Hit } from './hitTest';
import { fmt, needleMetricsFor } from './measure';
import { arrowHead, labelAnchor, layoutCaptions, screenShape, svgPoints, type CaptionRequest, type PlacedCaption } from './screenGeometry';
import { useTool } from './toolStore';
import { DRAG_THRESHOLD_PX, stepTool, type Draft } from './tools';
import { snapIntoRegion } from './snap';
import { screenScale, toImage, toScreen, type ViewTransform } from './transform';
import { useViewerLink } from './viewerLink';
import '../ui/plan/plan.css';
import { ClipTrajectoryOverlay } from '../ui/scene3d/ClipTrajectoryOverlay'; // the 3D needle on a clip tied to the probe (issue 6)

/**
 * The plan's overlay on the 2D viewer: annotations and needle paths of the shown clip and frame,
 * drawn in an SVG above the image in screen space (constant stroke and handle sizes at any zoom),
 * and the pointer handling of the drawing and editing tools.
 *
 * The viewer renders it inside its viewport element and passes the image → overlay transform
 * (renderer/plan/transform.ts). In the select tool, the overlay only catches pointers on marks and
 * handles, so panning and zooming the image keep working everywhere else; a drawing tool takes every
 * left-button press on the viewer (wheel zoom and right-drag still reach it).
 */
export interface AnnotationLayerProps {
  /** The displayed file (renderer/state/files.ts entry). */
  file: { id: string; name: string; path: string; bytes: Uint8Array };
  /** The frame shown, 0-based. */
  frameIndex: number;
  frameCount: number;
  /** Image px → overlay CSS px. */
  transform: ViewTransform;
  /** Overlay size, CSS px. */
  width: number;
  height: number;
  /** Show a frame (plan panel: jump to an annotation's frame). */
  onSeek?: (frameIndex: number) => void;
  /** Show another open file (plan panel: an annotation on another clip). */
  onShowFile?: (fileId: string) => void;
}

type Drag =
  | { kind: 'handle'; id: string; index: number; startScreen: Point; moved: boolean }
  | { kind: 'move'; id: string; startScreen: Point; last: Point; moved: boolean }
  | { kind: 'needle-point'; id: string; which: 'entry' | 'target'; startScreen: Point; moved: boolean };

export function AnnotationLayer({ file, frameIndex, frameCount, transform, width, height, onSeek, onShowFile }: AnnotationLayerProps) {
  const svgRef = useRef<SVGSVGElement>(null);
  const [facts, setFacts] = useState<ClipFacts | null>(null);
  // Hash and parse the header off the first paint (a long clip takes a moment to hash).
  useEffect(() => {
    let live = true;
    const t = setTimeout(() => {
      const r = clipFacts(file.bytes, file.name);
      if (live) setFacts(r.ok ? r.value : null);
    }, 0);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [file.bytes, file.name]);

  const plan = useCase((s) => s.history.present);
  const selection = useCase((s) => s.selection);
  const runtimes = useCase((s) => s.clips);
  const tool = useTool((s) => s.tool);
  const draft = useTool((s) => s.draft);
  const textFor = useTool((s) => s.textFor);
  const scope = useTool((s) => s.scope);
  const needleMode = useTool((s) => s.needleMode);

  const clip = facts ? plan.clips.find((c) => c.sha256 === facts.sha256) : undefined;
  const clipId = clip?.id ?? null;

  // Remember where this clip's bytes are (first time a case clip is shown).
  useEffect(() => {
    if (clipId && facts && !useCase.getState().clips[clipId]) {
      useCase.getState().setClipRuntime(clipId, { location: file.path || file.name, onDisk: true, bytes: file.bytes, calibration: facts.calibration });
    }
  }, [clipId, facts, file.path, file.name, file.bytes]);

  // Publish what the plan panel needs from the viewer.
  useEffect(() => {
    useViewerLink.getState().set({ fileId: file.id, fileName: file.name, filePath: file.path, fileBytes: file.bytes, facts, clipId, frameIndex, frameCount, transform, seek: onSeek ?? null, showFile: onShowFile ?? null });
  }, [file.id, file.name, file.path, file.bytes, facts, clipId, frameIndex, frameCount, transform, onSeek, onShowFile]);
  useEffect(
    () => () => {
      if (useViewerLink.getState().fileId === file.id) useViewerLink.getState().set({ fileId: null, facts: null, clipId: null, transform: null, seek: null, showFile: null, fileBytes: null });
    },
    [file.id],
  );

  const annotations = useMemo(() => (clipId ? plan.annotations.filter((a) => a.clipId === clipId && (a.frameIndex === null || a.frameIndex === frameIndex)) : []), [plan.annotations, clipId, frameIndex]);
  const needles = useMemo(() => (clipId ? plan.needlePaths.filter((n) => n.clipId === clipId && (n.frameIndex === null || n.frameIndex === frameIndex)) : []), [plan.needlePaths, clipId, frameIndex]);
  const calibration = (clipId && runtimes[clipId]?.calibration) || facts?.calibration;
  const image = useMemo(() => (facts ? { columns: facts.columns, rows: facts.rows } : { columns: 1, rows: 1 }), [facts]);
  const scale = screenScale(transform);

  // The needle being edited (selected) or drawn, with its live numbers.
  const selectedNeedle = selection?.kind === 'needle' ? needles.find((n) => n.id === selection.id) : undefined;
  const draftNeedle: Pick<NeedlePath, 'entry' | 'target'> | null = useMemo(() => (draft && draft.tool === 'needle' && draft.cursor ? { entry: draft.points[0]!, target: draft.cursor } : null), [draft]);
  const liveNeedle = draftNeedle ?? selectedNeedle ?? null;
  const liveMetrics: NeedleMetrics | null = useMemo(() => {
    if (!liveNeedle || !facts) return null;
    const frame = selectedNeedle && !draftNeedle ? selectedNeedle.frameIndex : scope === 'all' ? null : frameIndex;
    return needleMetricsFor(plan, { clipId: clipId ?? '', frameIndex: frame, entry: liveNeedle.entry, target: liveNeedle.target, mode: selectedNeedle && !draftNeedle ? selectedNeedle.mode : needleMode }, calibration, image);
  }, [liveNeedle, facts, selectedNeedle, draftNeedle, scope, frameIndex, plan, clipId, needleMode, calibration, image]);

  // Extensions of every shown needle (to the image / region edge), from core/geometry.
  const extensions = useMemo(() => {
    const out = new Map<string, Point | null>();
    if (!facts) return out;
    for (const n of needles) out.set(n.id, needleMetricsFor(plan, n, calibration, image).extension?.toPx ?? null);
    return out;
  }, [needles, facts, plan, calibration, image]);

  const local = (e: { clientX: number; clientY: number }): Point => {
    const r = svgRef.current?.getBoundingClientRect();
    return { x: e.clientX - (r?.left ?? 0), y: e.clientY - (r?.top ?? 0) };
  };

  // ---- drawing tools: native listeners on the viewer's stage (the layer's parent), so wheel zoom and
  // right-drag still reach the viewer while a left press draws.
  const rootRef = useRef<HTMLDivElement>(null);
  const onDrawEvent = (type: 'down' | 'move' | 'up' | 'dblclick', e: PointerEvent | MouseEvent, host: HTMLElement) => {
    const t = useTool.getState().tool;
    if (t === 'select') return;
    if ((e.target as Element | null)?.closest?.('input, button, select, textarea, a')) return;
    if ((type === 'down' || type === 'up') && e.button !== 0) return;
    const p = snapIntoRegion(toImage(transform, local(e)), calibration, scale);
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
    const host = rootRef.current?.parentElement;
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
  const onMarkPointerDown = (e: ReactPointerEvent) => {
    if (tool !== 'select' || e.button !== 0) return;
    const p = local(e);
    const hit: Hit | null = hitTest(p, annotations, needles, transform, { selectedId: selection?.id ?? null });
    if (!hit) return;
    e.preventDefault();
    e.stopPropagation();
    const st = useCase.getState();
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

  const drawing = tool !== 'select';
  // Captions stay left of the ultrasound's right edge (the calibrated region, else the image): the
  // viewer's depth scale lives beyond it.
  const spatial = (calibration?.regions ?? []).filter(isSpatialRegion);
  const edge = spatial.length ? Math.max(...spatial.map((r) => r.x1 + 1)) : image.columns;
  const corners = [{ x: edge, y: 0 }, { x: edge, y: image.rows }, { x: 0, y: 0 }, { x: 0, y: image.rows }];
  const rightLimit = Math.min(width, Math.max(...corners.map((p) => toScreen(transform, p).x)));
  const captions = useMemo(() => {
    const reqs: (CaptionRequest & { full: string })[] = [];
    for (const a of annotations) {
      if (!a.visible) continue;
      const full = captionOf(a);
      if (!full) continue;
      const text = full.length > CAPTION_CHARS && a.id !== selection?.id ? `${full.slice(0, CAPTION_CHARS - 1).trimEnd()}…` : full;
      reqs.push({ id: a.id, anchor: labelAnchor(a, screenShape(a, transform)), text, full });
    }
    const placed = new Map(layoutCaptions(reqs, rightLimit).map((p) => [p.id, p]));
    return new Map(reqs.map((r) => [r.id, { ...placed.get(r.id)!, text: r.text, full: r.full }]));
  }, [annotations, selection, transform, rightLimit]);
  const selId = selection?.id ?? null;

  return (
    <div ref={rootRef} className="plan-layer" data-testid="plan-layer" data-tool={tool} data-transform={`${transform.a} ${transform.b} ${transform.c} ${transform.d} ${transform.e} ${transform.f}`}>
      <svg
        ref={svgRef}
        className={`plan-svg${drawing ? ' drawing' : ''}`}
        width={width}
        height={height}
        role="img"
        aria-label={`Plan marks on frame ${frameIndex + 1}: ${annotations.filter((a) => a.visible).length} annotation(s), ${needles.length} needle path(s)`}
      >
        {annotations.map((a) => a.visible && <AnnotationShape key={a.id} a={a} t={transform} selected={a.id === selId} onPointerDown={onMarkPointerDown} interactive={!drawing} caption={captions.get(a.id)} />)}
        {needles.map((n) => (
          <NeedleShape key={n.id} n={n} t={transform} extension={extensions.get(n.id) ?? null} selected={n.id === selId} onPointerDown={onMarkPointerDown} interactive={!drawing} metrics={n.id === selId && !draftNeedle ? liveMetrics : null} />
        ))}
        <ClipTrajectoryOverlay clipId={clipId} frameIndex={frameIndex} toScreen={(p) => toScreen(transform, p)} />
        {draft && <DraftShape d={draft} t={transform} />}
        {draftNeedle && liveMetrics && <NeedleShape n={{ id: 'draft', ...draftNeedle }} t={transform} extension={liveMetrics.extension?.toPx ?? null} selected={false} interactive={false} metrics={liveMetrics} />}
      </svg>
      {liveMetrics && liveNeedle && (
        <NeedleHud m={liveMetrics} anchor={toScreen(transform, liveNeedle.target)} entry={toScreen(transform, liveNeedle.entry)} width={width} height={height} />
      )}
      {textFor && <ArrowTextInput id={textFor} t={transform} />}
    </div>
  );
}

/** Longest caption drawn on the image before it is shortened with an ellipsis (characters). */
const CAPTION_CHARS = 30;

/** The caption drawn for an annotation: its label, and an arrow's text. */
function captionOf(a: Annotation): string {
  return [a.label, a.kind === 'arrow' ? a.text : ''].filter(Boolean).join(': ');
}

type Caption = PlacedCaption & { text: string; full: string };

function AnnotationShape({ a, t, selected, onPointerDown, interactive, caption }: { a: Annotation; t: ViewTransform; selected: boolean; onPointerDown(e: ReactPointerEvent): void; interactive: boolean; caption: Caption | undefined }) {
  const s = screenShape(a, t);
  const cls = `ann role-${a.role}${selected ? ' selected' : ''}${a.locked ? ' locked' : ''}`;
  const outline =
    a.kind === 'point' ? null : s.closed ? (
      <polygon points={svgPoints(s.points)} />
    ) : (
      <polyline points={svgPoints(s.points)} />
    );
  const head = a.kind === 'arrow' && s.handles.length >= 2 ? arrowHead(s.handles[0]!, s.handles[1]!) : [];
  return (
    <g className={cls} data-annotation-id={a.id} data-kind={a.kind}>
      {a.kind === 'point' ? (
        <>
          <circle className="halo" cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={6} />
          <circle className="dot" cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={4.5} />
        </>
      ) : (
        <>
          <g className="halo">{outline}</g>
          <g className={`stroke${s.filled ? ' filled' : ''}`}>{outline}</g>
          {head.length > 0 && <polygon className="arrow-head" points={svgPoints(head)} />}
        </>
      )}
      {caption && (
        <text className="ann-label" x={caption.x} y={caption.y} textAnchor={caption.textAnchor}>
          {caption.full !== caption.text && <title>{caption.full}</title>}
          {caption.text}
        </text>
      )}
      {interactive && (
        <g className={`hit${a.locked ? ' locked' : ''}`} onPointerDown={onPointerDown}>
          {a.kind === 'point' ? (
            <circle cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={HIT_RADIUS_PX} />
          ) : s.closed ? (
            <polygon points={svgPoints(s.points)} className={s.filled ? 'hit-fill' : ''} />
          ) : (
            <polyline points={svgPoints(s.points)} />
          )}
          {selected && a.kind !== 'point' && s.handles.map((h, i) => <circle key={i} className="hit-handle" cx={h.x} cy={h.y} r={HIT_RADIUS_PX} />)}
        </g>
      )}
      {selected && a.kind !== 'point' && s.handles.map((h, i) => <circle key={i} className="handle" cx={h.x} cy={h.y} r={5} pointerEvents="none" />)}
    </g>
  );
}

function NeedleShape({
  n,
  t,
  extension,
  selected,
  onPointerDown,
  interactive,
  metrics,
}: {
  n: Pick<NeedlePath, 'id' | 'entry' | 'target'>;
  t: ViewTransform;
  extension: Point | null;
  selected: boolean;
  onPointerDown?(e: ReactPointerEvent): void;
  interactive: boolean;
  metrics: NeedleMetrics | null;
}) {
  const e = toScreen(t, n.entry);
  const g = toScreen(t, n.target);
  const x = extension ? toScreen(t, extension) : null;
  const danger = metrics?.warnings.some((w) => w.severity === 'danger');
  return (
    <g className={`needle${selected ? ' selected' : ''}${danger ? ' danger' : ''}`} data-needle-id={n.id}>
      {x && <line className="needle-ext" x1={g.x} y1={g.y} x2={x.x} y2={x.y} />}
      <line className="halo" x1={e.x} y1={e.y} x2={g.x} y2={g.y} />
      <line className="needle-shaft" x1={e.x} y1={e.y} x2={g.x} y2={g.y} />
      {metrics?.clearances.map((c) => {
        const p = toScreen(t, c.path.nearestOnPathPx);
        const q = toScreen(t, c.path.nearestOnStructurePx);
        return <line key={c.annotationId} className={`clearance-line${c.path.crosses ? ' crosses' : ''}`} x1={p.x} y1={p.y} x2={q.x} y2={q.y} />;
      })}
      <rect className="needle-entry" x={e.x - 5} y={e.y - 5} width={10} height={10} />
      <circle className="needle-target" cx={g.x} cy={g.y} r={6} />
      <path className="needle-target-cross" d={`M${g.x - 10} ${g.y}h20M${g.x} ${g.y - 10}v20`} />
      {interactive && onPointerDown && (
        <g className="hit" onPointerDown={onPointerDown}>
          <line x1={e.x} y1={e.y} x2={g.x} y2={g.y} />
          <circle className="hit-handle" cx={e.x} cy={e.y} r={HIT_RADIUS_PX} />
          <circle className="hit-handle" cx={g.x} cy={g.y} r={HIT_RADIUS_PX} />
        </g>
      )}
    </g>
  );
}

function DraftShape({ d, t }: { d: Draft; t: ViewTransform }) {
  if (d.tool === 'needle') return null; // drawn as a live needle with its numbers
  const pts = [...d.points, ...(d.cursor && !d.freehand ? [d.cursor] : [])];
  const kind = d.tool === 'contour' ? 'contour' : d.tool === 'polyline' ? 'polyline' : d.tool;
  if (kind === 'point') return null;
  const a = { kind, points: pts.length === 1 ? [pts[0]!, pts[0]!] : pts, closed: false } as Pick<Annotation, 'kind' | 'points' | 'closed'>;
  const s = screenShape(kind === 'ellipse' ? { ...a, points: pts.slice(0, 2) } : a, t);
  const role = useTool.getState().next.role;
  return (
    <g className={`ann draft role-${role}`} data-testid="plan-draft">
      {s.closed ? <polygon className="stroke" points={svgPoints(s.points)} /> : <polyline className="stroke" points={svgPoints(s.points)} />}
      {d.points.map((p, i) => {
        const q = toScreen(t, p);
        return <circle key={i} className="handle" cx={q.x} cy={q.y} r={4} />;
      })}
    </g>
  );
}

function NeedleHud({ m, anchor, entry, width, height }: { m: NeedleMetrics; anchor: Point; entry: Point; width: number; height: number }) {
  const W = 270;
  const rows = 2 + m.clearances.length + hudWarnings(m).length;
  const H = 22 + rows * 19;
  // Beside the target, on the side away from the entry, so the path stays visible.
  const leftSide = entry.x > anchor.x;
  let left = leftSide ? anchor.x - 28 - W : anchor.x + 28;
  if (left < 8 || left + W > width - 8) left = leftSide ? anchor.x + 28 : anchor.x - 28 - W;
  left = Math.min(Math.max(8, left), Math.max(8, width - W - 8));
  const top = Math.min(Math.max(8, anchor.y - H / 2), Math.max(8, height - H - 8));
  return (
    <div className="needle-hud" style={{ left, top, width: W }} role="status" aria-label="Needle path numbers" data-testid="needle-hud">
      <NeedleSummary m={m} />
    </div>
  );
}

/** Warnings the on-image summary repeats (the clearance rows already say what is crossed). */
const HUD_WARNINGS = new Set(['steep-angle', 'uncalibrated', 'margin-unchecked', 'degenerate-path', 'implausible-depth', 'needle-too-short', 'implausible-calibration']);

/** The warnings the on-image summary shows, once per code. */
const hudWarnings = (m: NeedleMetrics) => m.warnings.filter((w, i, all) => HUD_WARNINGS.has(w.code) && all.findIndex((x) => x.code === w.code) === i);

/** The needle's key numbers in a few lines, for the image (the plan panel has them all, with reasons). */
function NeedleSummary({ m }: { m: NeedleMetrics }) {
  const short: Record<string, string> = {
    'steep-angle': `Steep: ${fmt(m.angleToProbeFace)} to the probe face`,
    uncalibrated: 'Numbers in px: see the plan panel for why',
    'margin-unchecked': 'Margin not checked for px distances',
    'degenerate-path': 'Entry and target are the same point',
    'implausible-depth': 'Implausible for this block: check the calibration',
    'needle-too-short': 'Needle in the note is shorter than the path',
    'implausible-calibration': 'Image deeper than 30 cm: check the scale',
  };
  return (
    <div className="needle-summary">
      <div className="hud-line">
        <span data-testid="hud-length">{fmt(m.pathLength)}</span> long · <span data-testid="hud-depth">{fmt(m.targetDepth)}</span> deep
      </div>
      <div className="hud-line">
        {fmt(m.angleToSkin)} to skin · {fmt(m.angleToBeam)} to beam
      </div>
      {m.clearances.map((c) => {
        const bad = c.path.crosses || c.path.withinMargin;
        const over = c.extension?.crosses ? 'overshoot crosses' : c.extension?.withinMargin ? `overshoot ${fmt(c.extension.distance)}` : null;
        return (
          <div key={c.annotationId} className={`hud-line wrap ${c.path.crosses ? 'danger' : bad || over ? 'warn' : ''}`}>
            {(bad || over) && <Icon name="warn" size={13} />}
            <span>
              {c.label || 'At risk'}: {c.path.crosses ? 'crossed' : fmt(c.path.distance)}
              {over && ` · ${over}`}
            </span>
          </div>
        );
      })}
      {hudWarnings(m).map((w) => (
        <div key={w.code} className="hud-line warn" data-code={w.code}>
          <Icon name="warn" size={13} />
          <span>{short[w.code]}</span>
        </div>
      ))}
    </div>
  );
}

function ArrowTextInput({ id, t }: { id: string; t: ViewTransform }) {
  const a = useCase((s) => s.history.present.annotations.find((x) => x.id === id));
  const [text, setText] = useState(a?.text ?? '');
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => ref.current?.focus(), []);
  if (!a) return null;
  const at = toScreen(t, a.points[0]!);
  const done = (save: boolean) => {
    if (save && text !== a.text) useCase.getState().apply({ type: 'edit-annotation', id, changes: { text } });
    useTool.getState().setTextFor(null);
  };
  return (
    <input
      ref={ref}
      className="arrow-text-input"
      style={{ left: at.x + 8, top: at.y + 8 }}
      aria-label="Arrow text"
      placeholder="Arrow text, then Enter"
      value={text}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') done(true);
        else if (e.key === 'Escape') {
          e.stopPropagation();
          done(false);
        }
      }}
      onBlur={() => done(true)}
    />
  );
}
