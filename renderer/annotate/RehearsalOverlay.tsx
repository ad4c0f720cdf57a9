import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import { useMemo } from 'react';
import type { RehearsalResult } from '../../core/app/rehearse';
import type { Annotation, Case, NeedlePath, Point } from '../../core/plan/schema';
import type { ResolvedRehearsal } from '../../core/rehearsal/index';
import { useCase } from '../state/case';
import { useRehearsal } from '../state/rehearsal';
import { useViewerLink } from '../state/viewerLink';
import { CaptionText } from './AnnotationShape';
import { useCaptions, type Caption } from './captions';
import { screenShape, svgPoints } from './screenGeometry';
import './rehearsal-overlay.css';

/**
 * Rehearsal's layer on the 2D viewer (issue 14), above the plan's marks. While rehearsing: the
 * keyboard marking cursor and a needle entry waiting for its target. After submission: the trainee's
 * marks and the expert's side by side — solid orange and dashed blue — with each difference's number
 * where it lies, and a legend. Nothing of the expert answer is drawn before submission.
 */
export interface RehearsalOverlayProps {
  /** Image px → overlay CSS px. */
  transform: ViewTransform;
  width: number;
  height: number;
  frameIndex: number;
}

const onFrame = (f: number) => (x: { frameIndex: number | null }) => x.frameIndex === null || x.frameIndex === f;

export function RehearsalOverlay({ transform, width, height, frameIndex }: RehearsalOverlayProps) {
  const phase = useRehearsal((s) => s.phase);
  const cursor = useRehearsal((s) => s.cursor);
  const pendingEntry = useRehearsal((s) => s.pendingEntry);
  const expert = useRehearsal((s) => s.expert);
  const result = useRehearsal((s) => s.result);
  const rehearsal = useRehearsal((s) => s.rehearsal);
  const shownClip = useViewerLink((s) => s.clipId);
  const trainee = useCase((s) => s.history.present);
  if (phase === 'off' || !rehearsal || shownClip !== rehearsal.clipId) return null;
  const T = (p: Point) => toScreen(transform, p);

  if (phase === 'rehearsing') {
    if (!cursor && !pendingEntry) return null;
    return (
      <svg className="rehearsal-layer" width={width} height={height} aria-hidden="true" data-testid="rehearsal-cursor-layer">
        {pendingEntry && cursor && <line className="cursor-path" x1={T(pendingEntry).x} y1={T(pendingEntry).y} x2={T(cursor).x} y2={T(cursor).y} />}
        {pendingEntry && <circle className="cursor-entry" cx={T(pendingEntry).x} cy={T(pendingEntry).y} r={5} />}
        {cursor && <Crosshair at={T(cursor)} />}
      </svg>
    );
  }

  if (!expert || !result) return null;
  return <Feedback transform={transform} width={width} height={height} frameIndex={frameIndex} expert={expert} result={result} rehearsal={rehearsal} trainee={trainee} />;
}

/** After submission: both answers on the clip, the numbered differences and the legend. */
function Feedback({ transform, width, height, frameIndex, expert, result, rehearsal, trainee }: RehearsalOverlayProps & { expert: Case; result: RehearsalResult; rehearsal: ResolvedRehearsal; trainee: Case }) {
  const T = (p: Point) => toScreen(transform, p);
  const clipId = rehearsal.clipId;
  const asked = new Set(rehearsal.structures.map((s) => s.annotationId));
  // The structures asked, and every at-risk structure (the path is judged against them all).
  const expertMarks = expert.annotations.filter((a) => a.clipId === clipId && (asked.has(a.id) || a.role === 'at-risk')).filter(onFrame(frameIndex));
  const expertPaths = expert.needlePaths.filter((n) => n.id === rehearsal.needlePathId);
  // The trainee's answers count for the clip whatever frame they were drawn on.
  const traineeMarks = trainee.annotations.filter((a) => a.clipId === clipId && a.role !== 'skin');
  const traineePaths = trainee.needlePaths.filter((n) => n.clipId === clipId);
  const numbered = result.differences.filter((d) => d.atPx);
  // The expert's labels, placed apart as the plan layer's captions are.
  const calibration = useCase((s) => (clipId ? s.clips[clipId]?.calibration : undefined));
  const clip = expert.clips.find((c) => c.id === clipId);
  const image = useMemo(() => ({ columns: clip?.columns ?? 1, rows: clip?.rows ?? 1 }), [clip]);
  // Clear of both needle paths (screen px).
  const pathId = rehearsal.needlePathId;
  const obstacles = useMemo(
    () =>
      [...expert.needlePaths.filter((n) => n.id === pathId), ...trainee.needlePaths.filter((n) => n.clipId === clipId)].map((n) => ({ a: toScreen(transform, n.entry), b: toScreen(transform, n.target) })),
    [expert.needlePaths, trainee.needlePaths, pathId, clipId, transform],
  );
  const captions = useCaptions({ annotations: expertMarks, selectedId: null, transform, calibration, image, width, height, obstacles });
  return (
    <div className="rehearsal-layer-wrap" data-testid="rehearsal-feedback-layer">
      <svg
        className="rehearsal-layer"
        width={width}
        height={height}
        role="img"
        aria-label={`Feedback on frame ${frameIndex + 1}: your marks in solid orange, the expert's in dashed blue, ${numbered.length} numbered difference(s)`}
      >
        {expertMarks.map((a) => (
          <Mark key={`e-${a.id}`} a={a} t={transform} who="expert" caption={captions.get(a.id)} />
        ))}
        {expertPaths.map((n) => (
          <Path key={`e-${n.id}`} n={n} T={T} who="expert" />
        ))}
        {traineeMarks.map((a) => (
          <Mark key={`t-${a.id}`} a={a} t={transform} who="trainee" />
        ))}
        {traineePaths.map((n) => (
          <Path key={`t-${n.id}`} n={n} T={T} who="trainee" />
        ))}
        {numbered.map((d) => {
          const p = T(d.atPx!);
          return (
            <g key={d.number} className={`diff-marker${d.critical ? ' critical' : ''}`} data-difference={d.number}>
              <circle cx={p.x} cy={p.y} r={11} />
              <text x={p.x} y={p.y + 4} textAnchor="middle">
                {d.number}
              </text>
            </g>
          );
        })}
      </svg>
      <div className="rehearsal-legend" role="note" aria-label="Legend">
        <div>
          <span className="legend-swatch trainee" aria-hidden="true" /> Your marks (solid orange)
        </div>
        <div>
          <span className="legend-swatch expert" aria-hidden="true" /> Expert answer (dashed blue)
        </div>
        <div>
          <span className="legend-number" aria-hidden="true">
            1
          </span>{' '}
          Difference, numbered as in the feedback (red: critical)
        </div>
      </div>
    </div>
  );
}

function Crosshair({ at }: { at: Point }) {
  return (
    <g className="cursor-cross">
      <circle cx={at.x} cy={at.y} r={9} />
      <line x1={at.x - 16} y1={at.y} x2={at.x - 4} y2={at.y} />
      <line x1={at.x + 4} y1={at.y} x2={at.x + 16} y2={at.y} />
      <line x1={at.x} y1={at.y - 16} x2={at.x} y2={at.y - 4} />
      <line x1={at.x} y1={at.y + 4} x2={at.x} y2={at.y + 16} />
    </g>
  );
}

function Mark({ a, t, who, caption }: { a: Annotation; t: ViewTransform; who: 'expert' | 'trainee'; caption?: Caption }) {
  const s = screenShape(a, t);
  return (
    <g className={`fb-mark ${who}`} data-annotation-id={a.id}>
      {a.kind === 'point' ? <circle cx={s.handles[0]!.x} cy={s.handles[0]!.y} r={5} /> : s.closed ? <polygon points={svgPoints(s.points)} /> : <polyline points={svgPoints(s.points)} />}
      {caption && <CaptionText c={caption} className="fb-label" />}
    </g>
  );
}

function Path({ n, T, who }: { n: NeedlePath; T: (p: Point) => Point; who: 'expert' | 'trainee' }) {
  const e = T(n.entry);
  const g = T(n.target);
  return (
    <g className={`fb-path ${who}`} data-needle-id={n.id}>
      <line x1={e.x} y1={e.y} x2={g.x} y2={g.y} />
      <circle cx={e.x} cy={e.y} r={4} />
      <circle cx={g.x} cy={g.y} r={5} />
    </g>
  );
}
