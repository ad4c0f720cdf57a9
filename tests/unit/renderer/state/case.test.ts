import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isCaseDirty, useCase } from '../../../../renderer/state/case';
import { useMessages } from '../../../../renderer/state/messages';
import { addClip, addLine } from './caseEdits';

beforeEach(() => {
  useCase.getState().reset();
  useMessages.getState().clear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('case store: edits, undo/redo, dirty', () => {
  it('a new case is clean; an edit makes it dirty; undoing back to the start makes it clean again', () => {
    const s = useCase.getState;
    expect(isCaseDirty()).toBe(false);
    expect(s().apply(addClip)).toBe(true);
    expect(s().apply(addLine('a1'))).toBe(true);
    expect(isCaseDirty()).toBe(true);
    expect(s().history.present.annotations.map((a) => a.id)).toEqual(['a1']);
    s().undo();
    expect(s().history.present.annotations).toEqual([]);
    s().undo();
    expect(isCaseDirty()).toBe(false);
    s().redo();
    s().redo();
    expect(s().history.present.annotations.map((a) => a.id)).toEqual(['a1']);
    expect(isCaseDirty()).toBe(true);
  });

  it('a whole drag is one undo step (coalesced), a second drag another', () => {
    const s = useCase.getState;
    s().apply(addClip);
    s().apply(addLine('a1'));
    s().apply({ type: 'move-handle', id: 'a1', index: 1, to: { x: 20, y: 0 } }, { coalesce: false });
    s().apply({ type: 'move-handle', id: 'a1', index: 1, to: { x: 30, y: 5 } }, { coalesce: true });
    s().apply({ type: 'move-handle', id: 'a1', index: 1, to: { x: 40, y: 5 } }, { coalesce: true });
    s().apply({ type: 'move-handle', id: 'a1', index: 1, to: { x: 50, y: 5 } }, { coalesce: false }); // next drag
    s().undo();
    expect(s().history.present.annotations[0]!.points[1]).toEqual({ x: 40, y: 5 });
    s().undo();
    expect(s().history.present.annotations[0]!.points[1]).toEqual({ x: 10, y: 0 });
  });

  it('shows why an edit is refused and changes nothing', () => {
    const s = useCase.getState;
    s().apply(addClip);
    s().apply(addLine('a1'));
    s().apply({ type: 'edit-annotation', id: 'a1', changes: { locked: true } });
    const before = s().history;
    expect(s().apply({ type: 'move-annotation', id: 'a1', dx: 5, dy: 5 })).toBe(false);
    expect(s().history).toBe(before);
    expect(useMessages.getState().messages.at(-1)?.title).toMatch(/locked/);
  });

  it('drops the selection when its annotation is deleted or undone away', () => {
    const s = useCase.getState;
    s().apply(addClip);
    s().apply(addLine('a1'));
    s().select({ kind: 'annotation', id: 'a1' });
    s().undo();
    expect(s().selection).toBeNull();
    s().redo();
    s().select({ kind: 'annotation', id: 'a1' });
    s().apply({ type: 'delete-annotation', id: 'a1' });
    expect(s().selection).toBeNull();
  });

  it('saving marks the case clean and keeps the case written (e.g. relative clip paths)', () => {
    const s = useCase.getState;
    s().apply(addClip);
    const written = { ...s().history.present, clips: s().history.present.clips.map((c) => ({ ...c, path: 'clips/clip.dcm' })) };
    s().saved({ path: '/cases/a.bpcase', name: 'a.bpcase', bundled: false, origin: 'file' }, written);
    expect(isCaseDirty()).toBe(false);
    expect(s().history.present.clips[0]!.path).toBe('clips/clip.dcm');
    expect(s().file.name).toBe('a.bpcase');
    s().apply(addLine('a1'));
    expect(isCaseDirty()).toBe(true);
    s().undo();
    expect(isCaseDirty()).toBe(false);
  });
});
