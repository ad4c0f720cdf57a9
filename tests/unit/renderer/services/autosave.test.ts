import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCase, serializeCase } from '../../../../core/plan/index';
import type { Autosave } from '../../../../renderer/bridge/types';
import { AUTOSAVE_INTERVAL_MS, AUTOSAVE_SETTLE_MS, autosaveJson, autosaveNow, readRecovery, startAutosave } from '../../../../renderer/services/autosave';
import { useCase } from '../../../../renderer/state/case';
import { useMessages } from '../../../../renderer/state/messages';
import { addClip, addLine } from '../state/caseEdits';

/** An in-memory recovery slot with the Bridge's autosave methods. */
function fakeSlot() {
  let slot: Autosave | null = null;
  const writes: string[] = [];
  return {
    writes,
    get slot() {
      return slot;
    },
    set slot(v: Autosave | null) {
      slot = v;
    },
    async writeAutosave(json: string) {
      writes.push(json);
      slot = { json, savedAt: new Date().toISOString() };
      return { ok: true as const, value: null };
    },
    async readAutosave() {
      return slot;
    },
    async clearAutosave() {
      slot = null;
    },
  };
}

beforeEach(() => {
  useCase.getState().reset();
  useMessages.getState().clear();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('autosave and recovery of the open case', () => {
  it('writes the recovery slot only when there are unsaved changes, and clears it once clean', async () => {
    const b = fakeSlot();
    expect(await autosaveNow(b)).toBe('unchanged');
    useCase.getState().apply(addClip);
    expect(await autosaveNow(b)).toBe('written');
    expect(await autosaveNow(b)).toBe('unchanged'); // nothing new since
    useCase.getState().apply(addLine('a1'));
    expect(await autosaveNow(b)).toBe('written');
    expect(b.writes).toHaveLength(2);
    useCase.getState().saved({ path: 'x.bpcase', name: 'x.bpcase', bundled: false, origin: 'file' });
    expect(await autosaveNow(b)).toBe('cleared');
    expect(b.slot).toBeNull();
  });

  it('autosaves 2 s after the last edit (edits in between restart the wait), and not when nothing changed', async () => {
    vi.useFakeTimers();
    const b = fakeSlot();
    const stop = startAutosave(b);
    useCase.getState().apply(addClip);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_SETTLE_MS - 500);
    useCase.getState().apply(addLine('a1'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_SETTLE_MS - 1);
    expect(b.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.writes).toHaveLength(1);
    expect(b.writes[0]).toContain('"a1"');
    // Selecting or other non-edits do not write; the 30 s tick finds nothing new.
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS);
    expect(b.writes).toHaveLength(1);
    stop();
    useCase.getState().apply(addLine('a2'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_SETTLE_MS * 2);
    expect(b.writes).toHaveLength(1); // stopped
  });

  it('autosaves every 30 s and on beforeunload', async () => {
    vi.useFakeTimers();
    const b = fakeSlot();
    const stop = startAutosave(b, { settleMs: 0 });
    useCase.getState().apply(addClip);
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS - 1);
    expect(b.writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(b.writes).toHaveLength(1);
    useCase.getState().apply(addLine('a1'));
    window.dispatchEvent(new Event('beforeunload'));
    await vi.advanceTimersByTimeAsync(0);
    expect(b.writes).toHaveLength(2);
    stop();
    useCase.getState().apply(addLine('a2'));
    await vi.advanceTimersByTimeAsync(AUTOSAVE_INTERVAL_MS * 2);
    window.dispatchEvent(new Event('beforeunload'));
    expect(b.writes).toHaveLength(2); // stopped
  });

  it('offers back exactly the unsaved case, with where it was saved and where its clips were', async () => {
    const b = fakeSlot();
    const s = useCase.getState;
    s().apply(addClip);
    s().apply(addLine('a1'));
    s().apply({ type: 'set-block', block: { templateId: 'thoracic-paravertebral', side: 'right', level: 'T4', approach: null } });
    s().setClipRuntime('c1', { location: '/clips/clip.dcm', onDisk: true, bytes: null, calibration: { regions: [] } });
    useCase.setState({ file: { path: '/cases/t4.bpcase', name: 't4.bpcase', bundled: false, origin: 'file' } });
    await autosaveNow(b);
    const before = s().history.present;
    s().reset();
    const r = await readRecovery(b);
    expect(r.ok).toBe(true);
    if (!r.ok || !r.value) throw new Error('no recovery');
    expect(serializeCase(r.value.plan)).toBe(serializeCase(before));
    expect(r.value.file.path).toBe('/cases/t4.bpcase');
    expect(r.value.clipLocations).toEqual({ c1: '/clips/clip.dcm' });
  });

  it('offers nothing for an empty slot or an empty case', async () => {
    const b = fakeSlot();
    expect(await readRecovery(b)).toEqual({ ok: true, value: null });
    b.slot = { json: autosaveJson({ history: { ...useCase.getState().history, present: createCase({ now: '2026-01-01T00:00:00.000Z' }) }, file: useCase.getState().file, clips: {} }), savedAt: 'x' };
    expect(await readRecovery(b)).toEqual({ ok: true, value: null });
  });

  it('says clearly when the slot is damaged', async () => {
    const b = fakeSlot();
    b.slot = { json: '{"format":"blockplan-autosave","version":1,"case":{"schemaVersion":2,"id":', savedAt: 'x' };
    const r = await readRecovery(b);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.title).toMatch(/could not be recovered: it is not valid JSON/);
      expect(r.error.action).toMatch(/Discard/);
    }
    b.slot = { json: JSON.stringify({ format: 'blockplan-autosave', version: 1, case: { schemaVersion: 2, id: 'x' } }), savedAt: 'x' };
    const r2 = await readRecovery(b);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.error.title).toMatch(/could not be recovered: The case file is invalid at/);
  });
});
