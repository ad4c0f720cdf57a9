import { useId, useState, type KeyboardEvent } from 'react';
import type { AskedStructure } from '../../../core/rehearsal/index';
import { useRehearsal } from '../../state/rehearsal';
import { enterAtCursor } from './marking';

/** Cursor steps, image px: arrow keys, and with Shift. */
const STEP_PX = 2;
const BIG_STEP_PX = 20;

/**
 * Keyboard marking on the clip: a cross on the image moved with the arrow keys (Shift: ten times
 * further), Enter places what was chosen (a structure's point, or the needle's entry then target),
 * Escape stops. The keys stay here while it has focus (they do not step the cine).
 */
export function MarkingCursor({ structures, clipId, size }: { structures: readonly AskedStructure[]; clipId: string; size: { columns: number; rows: number } }) {
  const cursor = useRehearsal((s) => s.cursor);
  const action = useRehearsal((s) => s.cursorAction);
  const [said, setSaid] = useState('');
  const helpId = useId();
  const what =
    action?.kind === 'structure' ? `Enter marks ${structures.find((s) => s.annotationId === action.annotationId)?.name ?? 'the structure'}` : action?.kind === 'entry' ? 'Enter places the needle entry' : action?.kind === 'target' ? 'Enter places the needle target' : 'Choose a structure or the needle first';

  const onFocus = () => {
    if (!useRehearsal.getState().cursor) useRehearsal.getState().setCursor({ x: Math.round(size.columns / 2), y: Math.round(size.rows / 2) });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // Shortcuts with Ctrl/⌘/Alt (Ctrl+Enter submits) go on to the command registry.
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const s = useRehearsal.getState();
    const c = s.cursor ?? { x: size.columns / 2, y: size.rows / 2 };
    const k = e.shiftKey ? BIG_STEP_PX : STEP_PX;
    const move: Record<string, [number, number]> = { ArrowLeft: [-k, 0], ArrowRight: [k, 0], ArrowUp: [0, -k], ArrowDown: [0, k] };
    const d = move[e.key];
    if (d) {
      e.preventDefault();
      e.stopPropagation();
      const next = { x: Math.min(size.columns - 1, Math.max(0, c.x + d[0])), y: Math.min(size.rows - 1, Math.max(0, c.y + d[1])) };
      s.setCursor(next);
      setSaid(`${Math.round(next.x)}, ${Math.round(next.y)}`);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      e.stopPropagation();
      setSaid(enterAtCursor(structures, clipId));
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      s.setCursorAction(null);
      setSaid('Stopped placing.');
    }
  };
  return (
    <div className="marking-cursor">
      <div
        role="application"
        tabIndex={0}
        className="cursor-pad"
        aria-label="Marking cursor on the clip"
        aria-describedby={helpId}
        onFocus={onFocus}
        onKeyDown={onKeyDown}
        data-testid="marking-cursor"
      >
        <span className="cursor-pos">{cursor ? `x ${Math.round(cursor.x)}, y ${Math.round(cursor.y)} px` : 'Focus here to show the cross'}</span>
        <span className="cursor-what">{what}</span>
      </div>
      <p id={helpId} className="empty-hint small">
        Keyboard: <kbd>←</kbd> <kbd>→</kbd> <kbd>↑</kbd> <kbd>↓</kbd> move the cross ({STEP_PX} px; with <kbd>Shift</kbd> {BIG_STEP_PX} px), <kbd>Enter</kbd> places, <kbd>Esc</kbd> stops.
      </p>
      <div className="visually-hidden" aria-live="polite">
        {said}
      </div>
    </div>
  );
}
