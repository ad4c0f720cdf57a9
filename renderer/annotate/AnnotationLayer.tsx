import { useMemo, type ReactNode } from 'react';
import { NO_CALIBRATION } from '../../core/dicom/calibration';
import type { NeedleMetrics } from '../../core/geometry/index';
import { toScreen } from '../../core/geometry/view-transform';
import { clipCalibration, measureNeedlePath } from '../../core/plan/case';
import type { Case, NeedlePath, Point } from '../../core/plan/schema';
import { useCase } from '../state/case';
import { useTool } from '../state/tool';
import type { ViewerOverlayProps } from '../state/viewerLink';
import { AnnotationShape } from './AnnotationShape';
import { ArrowTextInput } from './ArrowTextInput';
import { useCaptions, type Caption } from './captions';
import type { CaptionRequest } from './screenGeometry';
import { DraftShape } from './DraftShape';
import { HandleFocus } from './HandleFocus';
import { NeedleHud } from './NeedleHud';
import { NeedleShape } from './NeedleShape';
import { useAnnotationPointer } from './useAnnotationPointer';
import { useShownClip } from './useShownClip';
import './annotate.css';

/** Marks another room draws on the clip, laid out with the plan's captions (AnnotationLayerProps.extraMarks). */
export interface ExtraMarks {
  layout(plan: Case, clipId: string | null): { lines: { a: Point; b: Point }[]; captions: CaptionRequest[] };
  render(at: { clipId: string | null; toScreen(p: Point): Point; caption(id: string): Caption | undefined }): ReactNode;
}

/**
 * The plan's overlay on the 2D viewer (what the shell puts in the viewer's overlay slot): annotations
 * and needle paths of the shown clip and frame, drawn in an SVG above the image in screen space
 * (constant stroke and handle sizes at any zoom), and the pointer handling of the drawing and editing
 * tools (./useAnnotationPointer.ts).
 *
 * The viewer renders it inside its viewport element and passes the image → overlay transform
 * (core/geometry/view-transform.ts). In the select tool, the overlay only catches pointers on marks
 * and handles, so panning and zooming the image keep working everywhere else; a drawing tool takes
 * every left-button press on the viewer (wheel zoom and right-drag still reach it).
 */
export interface AnnotationLayerProps extends Omit<ViewerOverlayProps, 'onSeek' | 'onShowFile'>, Partial<Pick<ViewerOverlayProps, 'onSeek' | 'onShowFile'>> {
  /**
   * More marks to draw in the layer's SVG, below the drafts (the 3D needle on a clip tied to the probe):
   * `layout` gives their lines (kept clear by every caption) and their captions (placed with the
   * annotations' by the same label layout), image px; `render` draws them, with their placed captions.
   */
  extraMarks?: ExtraMarks;
  /** Draw nothing (rehearsal feedback draws the marks itself) while still publishing the clip shown. */
  hidden?: boolean;
}

export function AnnotationLayer(props: AnnotationLayerProps) {
  const { frameIndex, transform, width, height, extraMarks } = props;
  const { facts, clipId } = useShownClip(props);

  const plan = useCase((s) => s.history.present);
  const selection = useCase((s) => s.selection);
  const runtimes = useCase((s) => s.clips);
  const tool = useTool((s) => s.tool);
  const draft = useTool((s) => s.draft);
  const textFor = useTool((s) => s.textFor);
  const scope = useTool((s) => s.scope);
  const needleMode = useTool((s) => s.needleMode);

  const annotations = useMemo(() => (clipId ? plan.annotations.filter((a) => a.clipId === clipId && (a.frameIndex === null || a.frameIndex === frameIndex)) : []), [plan.annotations, clipId, frameIndex]);
  const needles = useMemo(() => (clipId ? plan.needlePaths.filter((n) => n.clipId === clipId && (n.frameIndex === null || n.frameIndex === frameIndex)) : []), [plan.needlePaths, clipId, frameIndex]);
  const calibration = (clipId && runtimes[clipId]?.calibration) || facts?.calibration;
  const image = useMemo(() => (facts ? { columns: facts.columns, rows: facts.rows } : { columns: 1, rows: 1 }), [facts]);
  const selId = selection?.id ?? null;

  // The needle being edited (selected) or drawn, with its live numbers.
  const selectedNeedle = selection?.kind === 'needle' ? needles.find((n) => n.id === selection.id) : undefined;
  const draftNeedle: Pick<NeedlePath, 'entry' | 'target'> | null = useMemo(() => (draft && draft.tool === 'needle' && draft.cursor ? { entry: draft.points[0]!, target: draft.cursor } : null), [draft]);
  const liveNeedle = draftNeedle ?? selectedNeedle ?? null;
  const liveMetrics: NeedleMetrics | null = useMemo(() => {
    if (!liveNeedle || !facts) return null;
    const frame = selectedNeedle && !draftNeedle ? selectedNeedle.frameIndex : scope === 'all' ? null : frameIndex;
    const mode = selectedNeedle && !draftNeedle ? selectedNeedle.mode : needleMode;
    return measureNeedlePath(plan, { clipId: clipId ?? '', frameIndex: frame, entry: liveNeedle.entry, target: liveNeedle.target, mode }, calibration ?? NO_CALIBRATION, image);
  }, [liveNeedle, facts, selectedNeedle, draftNeedle, scope, frameIndex, plan, clipId, needleMode, calibration, image]);

  // Extensions of every shown needle (to the image / region edge), from core/geometry.
  const extensions = useMemo(() => {
    const out = new Map<string, Point | null>();
    if (!facts) return out;
    for (const n of needles) out.set(n.id, measureNeedlePath(plan, n, calibration ?? NO_CALIBRATION, image).extension?.toPx ?? null);
    return out;
  }, [needles, facts, plan, calibration, image]);

  const { rootRef, svgRef, onMarkPointerDown } = useAnnotationPointer({ transform, calibration, annotations, needles, selectedId: selId });
  // Captions keep off the needle paths drawn (shaft and extension, screen px).
  const needleSegments = useMemo(
    () =>
      needles.flatMap((n) => {
        const e = toScreen(transform, n.entry);
        const g = toScreen(transform, n.target);
        const x = extensions.get(n.id);
        return x ? [{ a: e, b: g }, { a: g, b: toScreen(transform, x) }] : [{ a: e, b: g }];
      }),
    [needles, extensions, transform],
  );
  // Another room's marks (the 3D needle): their lines are obstacles too, their captions join the layout
  // (screen px). They derive from the case, so they change with the plan, the clip or the marks given.
  const extraLayout = useMemo(() => {
    const extra = extraMarks?.layout(plan, clipId);
    if (!extra) return { obstacles: needleSegments, captions: undefined };
    const lines = extra.lines.map((l) => ({ a: toScreen(transform, l.a), b: toScreen(transform, l.b) }));
    return { obstacles: [...needleSegments, ...lines], captions: extra.captions.map((c) => ({ ...c, anchor: toScreen(transform, c.anchor) })) };
  }, [extraMarks, clipId, plan, needleSegments, transform]);
  const caseCalibration = useMemo(() => (clipId && calibration ? clipCalibration(plan, clipId, calibration) : calibration), [plan, clipId, calibration]);
  const captions = useCaptions({ annotations, selectedId: selId, transform, calibration: caseCalibration, image, width, height, obstacles: extraLayout.obstacles, extra: extraLayout.captions });
  const drawing = tool !== 'select';

  if (props.hidden) return <div ref={rootRef} className="plan-layer" data-testid="plan-layer" data-hidden="true" />;
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
        {extraMarks?.render({ clipId, toScreen: (p) => toScreen(transform, p), caption: (id) => captions.get(id) })}
        <HandleFocus t={transform} annotations={annotations} needles={needles} />
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
