import type { PointerEvent as ReactPointerEvent } from 'react';
import type { NeedleMetrics } from '../../core/geometry/index';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import type { NeedlePath, Point } from '../../core/plan/schema';
import { HIT_RADIUS_PX } from './hitTest';

/**
 * A needle path on the image (screen px): shaft from the entry (square) to the target (circle and
 * cross), its extension beyond the target (dashed), and — with `metrics` — the closest-approach
 * line to each at-risk structure. Red when a warning is a danger.
 */
export function NeedleShape({
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
  /** Where the extension ends, image px; null for none. */
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
