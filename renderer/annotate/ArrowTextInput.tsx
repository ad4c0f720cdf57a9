import { useEffect, useRef, useState } from 'react';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import { useCase } from '../state/case';
import { useTool } from '../state/tool';

/**
 * The text of an arrow just drawn, typed on the image beside its tail: Enter or leaving the field
 * saves it (one undoable edit), Escape drops it.
 */
export function ArrowTextInput({ id, t }: { id: string; t: ViewTransform }) {
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
