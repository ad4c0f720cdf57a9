/**
 * Autosave scheduling, framework-free: every `intervalMs` (default 30 s) and on `flush()` (quit,
 * window close), call `save` when the case is dirty since the last autosave. Timers are injected so
 * the same code runs in Electron's main process, the renderer and tests.
 */

/** Default autosave interval, ms (issue 5: every 30 s). */
export const AUTOSAVE_INTERVAL_MS = 30_000;

/**
 * The renderer also autosaves this long after the last edit, ms, so a crash, a closed tab or a reload
 * loses at most a couple of seconds of work rather than up to the 30 s interval.
 */
export const AUTOSAVE_SETTLE_MS = 2_000;

export interface AutosaveDeps {
  /** A token that changes whenever the case changes (e.g. History.revision). */
  currentRevision: () => number;
  /** Writes the recovery file; rejections are reported through `onError` and retried next tick. */
  save: () => Promise<void>;
  onError?: (e: unknown) => void;
  intervalMs?: number;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export interface Autosaver {
  start(): void;
  stop(): void;
  /** Save now if anything changed since the last autosave (call on quit). Resolves when written. */
  flush(): Promise<void>;
  /** Tell the autosaver the case was saved normally at this revision (nothing to autosave). */
  markSaved(revision: number): void;
}

export function createAutosaver(deps: AutosaveDeps): Autosaver {
  let handle: unknown;
  let lastSaved = deps.currentRevision();
  let running: Promise<void> | undefined;
  const tick = async (): Promise<void> => {
    if (running) return running;
    const rev = deps.currentRevision();
    if (rev === lastSaved) return;
    running = deps
      .save()
      .then(() => {
        lastSaved = rev;
      })
      .catch((e) => deps.onError?.(e))
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  return {
    start() {
      if (handle === undefined) handle = deps.setInterval(() => void tick(), deps.intervalMs ?? AUTOSAVE_INTERVAL_MS);
    },
    stop() {
      if (handle !== undefined) deps.clearInterval(handle);
      handle = undefined;
    },
    async flush() {
      if (running) await running;
      await tick();
    },
    markSaved(revision: number) {
      lastSaved = revision;
    },
  };
}
