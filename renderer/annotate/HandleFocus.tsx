import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation, NeedlePath } from '../../core/plan/schema';
import { useTool } from '../state/tool';

/**
 * The handle the arrow keys move (./keyboard.ts), as a ring with a crosshair, on the marks shown.
 * Nothing when no handle is taken or its mark is not on this frame.
 */
export function HandleFocus({ t, annotations, needles }: { t: ViewTransform; annotations: readonly Annotation[]; needles: readonly NeedlePath[] }) {
  const h = useTool((s) => s.handle);
  if (!h) return null;
  const p = h.kind === 'annotation' ? annotations.find((a) => a.id === h.id)?.points[h.index] : needles.find((n) => n.id === h.id)?.[h.which];
  if (!p) return null;
  const q = toScreen(t, p);
  return (
    <g className="handle-focus" data-testid="handle-focus" pointerEvents="none">
      <title>Handle taken: arrow keys move it 1 px (Shift: 10 px); Escape releases it</title>
      <circle cx={q.x} cy={q.y} r={10} />
      <path d={`M${q.x - 15} ${q.y}h9M${q.x + 6} ${q.y}h9M${q.x} ${q.y - 15}v9M${q.x} ${q.y + 6}v9`} />
    </g>
  );
}
