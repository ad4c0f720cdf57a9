import { describe, expect, it } from 'vitest';
import { AUTOSAVE_INTERVAL_MS, createAutosaver } from '../../../../core/plan/index';

/** A manual clock: tick() fires the interval callback. */
function manualTimer() {
  let fn: (() => void) | undefined;
  let ms = 0;
  return {
    setInterval: (f: () => void, m: number) => {
      fn = f;
      ms = m;
      return 1;
    },
    clearInterval: () => {
      fn = undefined;
    },
    tick: () => fn?.(),
    get ms() {
      return ms;
    },
    get active() {
      return fn !== undefined;
    },
  };
}

const flushMicrotasks = () => new Promise((r) => setTimeout(r, 0));

describe('createAutosaver', () => {
  it('saves every interval only when the case changed, and on flush', async () => {
    let revision = 0;
    const saves: number[] = [];
    const t = manualTimer();
    const a = createAutosaver({ currentRevision: () => revision, save: async () => void saves.push(revision), setInterval: t.setInterval, clearInterval: t.clearInterval });
    a.start();
    expect(t.ms).toBe(AUTOSAVE_INTERVAL_MS);
    t.tick();
    await flushMicrotasks();
    expect(saves).toEqual([]); // nothing changed
    revision = 1;
    t.tick();
    await flushMicrotasks();
    expect(saves).toEqual([1]);
    t.tick();
    await flushMicrotasks();
    expect(saves).toEqual([1]);
    revision = 2;
    await a.flush(); // on quit
    expect(saves).toEqual([1, 2]);
    a.markSaved(3);
    revision = 3;
    await a.flush(); // saved normally at 3: nothing to autosave
    expect(saves).toEqual([1, 2]);
    a.stop();
    expect(t.active).toBe(false);
  });

  it('a failed autosave is reported and retried at the next tick', async () => {
    let fail = true;
    const errors: unknown[] = [];
    let saved = 0;
    let revision = 0;
    const t = manualTimer();
    const a = createAutosaver({
      currentRevision: () => revision,
      save: async () => {
        if (fail) throw new Error('disk full');
        saved++;
      },
      onError: (e) => errors.push(e),
      setInterval: t.setInterval,
      clearInterval: t.clearInterval,
    });
    a.start();
    revision = 1;
    t.tick();
    await flushMicrotasks();
    expect(errors.length).toBe(1);
    fail = false;
    t.tick();
    await flushMicrotasks();
    expect(saved).toBe(1);
  });
});
