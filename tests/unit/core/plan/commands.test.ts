import { describe, expect, it } from 'vitest';
import {
  applyCommand,
  canRedo,
  canUndo,
  createHistory,
  executeCommand,
  isDirty,
  markSaved,
  redo,
  redoLabel,
  undo,
  undoLabel,
  CaseSchema,
  type History,
  type PlanCommand,
} from '../../../../core/plan/index';
import { sampleCase } from './fixtures';

function apply(h: History, cmd: PlanCommand, coalesce = false): History {
  const r = applyCommand(h, cmd, { coalesce });
  if (!r.ok) throw new Error(`${cmd.type}: ${r.error.title}`);
  // Every state a command produces is a valid case.
  expect(CaseSchema.safeParse(r.value.present).success).toBe(true);
  return r.value;
}

const addVessel: PlanCommand = {
  type: 'add-annotation',
  annotation: { id: 'v', clipId: 'c1', kind: 'ellipse', points: [{ x: 300, y: 200 }, { x: 340, y: 230 }], label: 'Intercostal vessels', structureId: 'intercostal-vessels', role: 'at-risk', frameIndex: null },
};

describe('commands and undo/redo', () => {
  it('a sequence of edits undoes and redoes step by step with labels', () => {
    const start = sampleCase();
    let h = createHistory(start);
    h = apply(h, addVessel);
    h = apply(h, { type: 'move-handle', id: 'v', index: 1, to: { x: 350, y: 240 } });
    h = apply(h, { type: 'edit-annotation', id: 'v', changes: { label: 'Vessel' } });
    h = apply(h, { type: 'move-needle-point', id: 'n1', which: 'target', to: { x: 410, y: 360 } });
    expect(h.past.map((e) => e.label)).toEqual(['Add annotation', 'Move handle', 'Rename annotation', 'Move needle target']);
    const end = h.present;
    expect(end.annotations.find((a) => a.id === 'v')!.points[1]).toEqual({ x: 350, y: 240 });

    h = undo(h);
    expect(h.present.needlePaths[0]!.target).toEqual({ x: 400, y: 350 });
    expect(undoLabel(h)).toBe('Rename annotation');
    expect(redoLabel(h)).toBe('Move needle target');
    h = undo(undo(undo(h)));
    expect(h.present).toBe(start); // back to the very same object
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h); // no-op
    h = redo(redo(redo(redo(h))));
    expect(h.present).toBe(end);
    expect(canRedo(h)).toBe(false);
    expect(redo(h)).toBe(h);
  });

  it('a new edit after undo invalidates redo', () => {
    let h = createHistory(sampleCase());
    h = apply(h, addVessel);
    h = apply(h, { type: 'move-annotation', id: 'v', dx: 5, dy: 0 });
    h = undo(h);
    expect(canRedo(h)).toBe(true);
    h = apply(h, { type: 'edit-annotation', id: 'v', changes: { visible: false } });
    expect(canRedo(h)).toBe(false);
    expect(h.past.map((e) => e.label)).toEqual(['Add annotation', 'Hide annotation']);
    expect(h.present.annotations.find((a) => a.id === 'v')!.points[0]).toEqual({ x: 300, y: 200 });
  });

  it('coalescing merges a drag into one undo step, but not different handles', () => {
    let h = createHistory(sampleCase());
    h = apply(h, addVessel);
    for (let i = 1; i <= 5; i++) h = apply(h, { type: 'move-handle', id: 'v', index: 0, to: { x: 300 + i, y: 200 } }, true);
    expect(h.past.length).toBe(2);
    h = apply(h, { type: 'move-handle', id: 'v', index: 1, to: { x: 345, y: 235 } }, true);
    expect(h.past.length).toBe(3);
    h = undo(h);
    h = undo(h);
    expect(h.present.annotations.find((a) => a.id === 'v')!.points[0]).toEqual({ x: 300, y: 200 });
    // without coalesce every move is its own step
    let h2 = createHistory(sampleCase());
    h2 = apply(h2, addVessel);
    h2 = apply(h2, { type: 'move-handle', id: 'v', index: 0, to: { x: 301, y: 200 } });
    h2 = apply(h2, { type: 'move-handle', id: 'v', index: 0, to: { x: 302, y: 200 } });
    expect(h2.past.length).toBe(3);
  });

  it('locked annotations cannot be moved, reshaped or deleted, but can be unlocked', () => {
    let h = createHistory(sampleCase());
    h = apply(h, { type: 'edit-annotation', id: 'a1', changes: { locked: true } });
    for (const cmd of [
      { type: 'move-annotation', id: 'a1', dx: 1, dy: 1 },
      { type: 'move-handle', id: 'a1', index: 0, to: { x: 1, y: 1 } },
      { type: 'delete-annotation', id: 'a1' },
    ] as PlanCommand[]) {
      const r = applyCommand(h, cmd);
      expect(!r.ok && r.error.code, cmd.type).toBe('plan/locked');
    }
    h = apply(h, { type: 'edit-annotation', id: 'a1', changes: { locked: false } });
    h = apply(h, { type: 'delete-annotation', id: 'a1' });
    expect(h.present.annotations.map((a) => a.id)).toEqual(['a2']);
    expect(h.past.map((e) => e.label)).toEqual(['Lock annotation', 'Unlock annotation', 'Delete annotation']);
  });

  it('rejects invalid edits without recording them', () => {
    const h = createHistory(sampleCase());
    const bad: [PlanCommand, string][] = [
      [{ type: 'move-handle', id: 'zz', index: 0, to: { x: 0, y: 0 } }, 'plan/not-found'],
      [{ type: 'move-handle', id: 'a1', index: 7, to: { x: 0, y: 0 } }, 'plan/invalid-edit'],
      [{ ...addVessel, annotation: { ...(addVessel as { annotation: object }).annotation, id: 'a1' } } as PlanCommand, 'plan/duplicate-id'],
      [{ type: 'add-annotation', annotation: { id: 'q', clipId: 'c1', kind: 'line', points: [{ x: 0, y: 0 }], role: 'landmark', frameIndex: null } }, 'plan/invalid-edit'],
      [{ type: 'edit-annotation', id: 'a1', changes: { frameIndex: 10 } }, 'plan/invalid-edit'],
      [{ type: 'add-key-frame', keyFrame: { id: 'k2', clipId: 'nope', frameIndex: 0, tag: 'scout' } }, 'plan/not-found'],
      [{ type: 'set-settings', changes: { marginMm: -1 } }, 'plan/invalid-edit'],
      [{ type: 'set-settings', changes: { steepAngleDeg: 95 } }, 'plan/invalid-edit'],
    ];
    for (const [cmd, code] of bad) {
      const r = applyCommand(h, cmd);
      expect(!r.ok && r.error.code, cmd.type).toBe(code);
    }
  });

  it('copy to frames makes independent, unlocked copies on each frame', () => {
    let h = createHistory(sampleCase());
    h = apply(h, { type: 'copy-annotation-to-frames', id: 'a2', frames: [4, 5], newIds: ['a2-4', 'a2-5'] });
    const copies = h.present.annotations.filter((a) => a.id.startsWith('a2-'));
    expect(copies.map((a) => a.frameIndex)).toEqual([4, 5]);
    h = apply(h, { type: 'move-annotation', id: 'a2-4', dx: 10, dy: 0 });
    expect(h.present.annotations.find((a) => a.id === 'a2')!.points[0]).toEqual({ x: 400, y: 350 });
    expect(undoLabel(undo(h))).toBe('Copy to frames');
    expect(applyCommand(h, { type: 'copy-annotation-to-frames', id: 'a2', frames: [20], newIds: ['x'] }).ok).toBe(false);
  });

  it('needle paths, key frames, block choice and settings are commands too', () => {
    let h = createHistory(sampleCase());
    h = apply(h, { type: 'add-needle-path', path: { id: 'n2', clipId: 'c1', frameIndex: 2, entry: { x: 10, y: 60 }, target: { x: 200, y: 300 }, mode: 'out-of-plane' } });
    h = apply(h, { type: 'edit-needle-path', id: 'n2', changes: { mode: 'in-plane' } });
    h = apply(h, { type: 'add-key-frame', keyFrame: { id: 'k2', clipId: 'c1', frameIndex: 0, tag: 'scout' } });
    h = apply(h, { type: 'edit-key-frame', id: 'k2', changes: { text: 'scout view' } });
    h = apply(h, { type: 'set-block', block: { templateId: 'erector-spinae-plane', side: 'left', level: 'T5', approach: null } });
    h = apply(h, { type: 'set-settings', changes: { marginMm: 3 } });
    h = apply(h, { type: 'delete-key-frame', id: 'k1' });
    h = apply(h, { type: 'delete-needle-path', id: 'n1' });
    expect(h.past.map((e) => e.label)).toEqual([
      'Add needle path',
      'Edit needle path',
      'Add key frame',
      'Edit key frame',
      'Choose block',
      'Change settings',
      'Delete key frame',
      'Delete needle path',
    ]);
    expect(h.present.settings).toEqual({ marginMm: 3, steepAngleDeg: 30 });
    while (canUndo(h)) h = undo(h);
    expect(h.present).toEqual(sampleCase());
  });

  it('removing a clip removes what was drawn on it, and undo brings it all back', () => {
    let h = createHistory(sampleCase());
    h = apply(h, { type: 'set-manual-calibration', clipId: 'c1', calibration: { a: { x: 0, y: 0 }, b: { x: 0, y: 100 }, knownDistanceMm: 10 } });
    h = apply(h, { type: 'remove-clip', id: 'c1' });
    expect([h.present.clips.length, h.present.annotations.length, h.present.needlePaths.length, h.present.keyFrames.length]).toEqual([0, 0, 0, 0]);
    expect(h.present.manualCalibrations).toEqual({});
    h = undo(h);
    expect(h.present.annotations.length).toBe(2);
    expect(h.present.manualCalibrations.c1?.knownDistanceMm).toBe(10);
  });

  it('a batch is one step; a failing batch changes nothing', () => {
    let h = createHistory(sampleCase());
    h = apply(h, { type: 'batch', label: 'Add pleura and vessel', commands: [addVessel, { type: 'move-annotation', id: 'v', dx: 1, dy: 1 }] });
    expect(h.past.map((e) => e.label)).toEqual(['Add pleura and vessel']);
    const r = applyCommand(h, { type: 'batch', label: 'x', commands: [{ type: 'delete-annotation', id: 'v' }, { type: 'delete-annotation', id: 'v' }] });
    expect(r.ok).toBe(false);
    expect(h.present.annotations.some((a) => a.id === 'v')).toBe(true);
  });

  it('dirty tracking: saved, edited, undone back to saved', () => {
    let h = createHistory(sampleCase());
    expect(isDirty(h)).toBe(false);
    h = apply(h, addVessel);
    expect(isDirty(h)).toBe(true);
    h = markSaved(h);
    expect(isDirty(h)).toBe(false);
    h = apply(h, { type: 'move-annotation', id: 'v', dx: 1, dy: 0 });
    expect(isDirty(h)).toBe(true);
    h = undo(h);
    expect(isDirty(h)).toBe(false);
    h = undo(h);
    expect(isDirty(h)).toBe(true);
    expect(isDirty(createHistory(sampleCase(), { saved: false }))).toBe(true);
  });

  it('keeps at most `limit` undo steps', () => {
    let h = createHistory(sampleCase(), { limit: 3 });
    for (let i = 0; i < 5; i++) h = apply(h, { type: 'set-title', title: `t${i}` });
    expect(h.past.length).toBe(3);
    while (canUndo(h)) h = undo(h);
    expect(h.present.title).toBe('t1');
  });

  it('executeCommand never mutates its input', () => {
    const c = sampleCase();
    const frozen = structuredClone(c);
    executeCommand(c, { type: 'move-annotation', id: 'a1', dx: 5, dy: 5 });
    executeCommand(c, { type: 'remove-clip', id: 'c1' });
    expect(c).toEqual(frozen);
  });
});

describe('teaching commands (issue 14)', () => {
  it('set-teaching makes a teaching case, coalesces typing into one undo step, and null removes it', () => {
    const start = sampleCase();
    let h = createHistory(start);
    h = apply(h, { type: 'set-teaching', teaching: { learningObjectives: [], rehearsal: { passPercent: 80 } }, coalesceKey: 'pass' }, true);
    h = apply(h, { type: 'set-teaching', teaching: { learningObjectives: [], rehearsal: { passPercent: 85 } }, coalesceKey: 'pass' }, true);
    expect(h.present.teaching?.rehearsal?.passPercent).toBe(85);
    expect(undoLabel(h)).toBe('Edit teaching settings');
    expect(undo(h).present.teaching).toEqual(start.teaching); // both keystrokes were one step
    expect(start.teaching?.rehearsal).toBeUndefined();
    h = apply(h, { type: 'set-teaching', teaching: null });
    expect(h.present.teaching).toBeUndefined();
    expect('teaching' in h.present).toBe(false);
  });

  it('set-teaching refuses settings outside the schema, naming them', () => {
    const r = executeCommand(sampleCase(), { type: 'set-teaching', teaching: { rehearsal: { passPercent: 140 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.title).toMatch(/teaching settings/);
  });

  it('set-block-details stores the expert needle and volume, keeps recorded attempts, and refuses a gauge out of range', () => {
    const start = { ...sampleCase(), rehearsal: { attempts: [{ id: 'a1', at: '2026-01-01T00:00:00Z', clipId: null, score: 1, maxScore: 2, details: {} }] } };
    const r = executeCommand(start, { type: 'set-block-details', details: { needleGaugeG: 22, needleLengthMm: 80, volumeMl: 20 } });
    expect(r.ok && r.value.rehearsal).toEqual({ attempts: start.rehearsal.attempts, blockDetails: { needleGaugeG: 22, needleLengthMm: 80, volumeMl: 20 } });
    const bad = executeCommand(start, { type: 'set-block-details', details: { needleGaugeG: 40 } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.title).toMatch(/needle and volume/);
  });
});
