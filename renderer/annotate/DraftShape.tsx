import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation } from '../../core/plan/schema';
import { useTool, type Draft } from '../state/tool';
import { screenShape, svgPoints } from './screenGeometry';

/** The shape being drawn (dashed, with its vertices), up to the pointer. Needles are drawn with their numbers instead. */
export function DraftShape({ d, t }: { d: Draft; t: ViewTransform }) {
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
