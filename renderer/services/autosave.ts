import {
  AUTOSAVE_INTERVAL_MS,
  AUTOSAVE_SETTLE_MS,
  parseCaseObject,
  serializeCase,
} from '../../core/plan/index';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import type { Bridge } from '../bridge/types';
import { hasContent, isCaseDirty, NEW_FILE, useCase, type CaseFileInfo, type CaseState, type Recovery } from '../state/case';
import { reportError } from '../state/messages';

/**
 * Autosave and recovery of the open case (renderer/state/case.ts): `startAutosave` writes the case
 * to the platform's recovery slot (bridge.writeAutosave) every 30 s while there are unsaved changes,
 * shortly after the last edit, and when the page is hidden or unloaded; a clean case clears the slot.
 * `readRecovery` finds an unsaved case on start so the app can offer it back.
 */

const nowIso = () => new Date().toISOString();

/** Autosave interval and delay after an edit, ms (30 s, issue 5; 2 s; one value for the app in core/plan/autosave). */
export { AUTOSAVE_INTERVAL_MS, AUTOSAVE_SETTLE_MS };

/** Marks the recovery slot's JSON as ours (the slot is a plain string). */
export const AUTOSAVE_FORMAT = 'blockplan-autosave';

/** What the recovery slot holds: the case plus where it was saved and where its clips were. */
export interface AutosaveEnvelope {
  format: typeof AUTOSAVE_FORMAT;
  version: 1;
  /** ISO 8601. */
  savedAt: string;
  file: CaseFileInfo;
  clipLocations: Record<string, string>;
  case: unknown;
}

/** The JSON written to the recovery slot for a state. */
export function autosaveJson(s: Pick<CaseState, 'history' | 'file' | 'clips'>, savedAt: string = nowIso()): string {
  const env: AutosaveEnvelope = {
    format: AUTOSAVE_FORMAT,
    version: 1,
    savedAt,
    file: s.file,
    clipLocations: Object.fromEntries(Object.entries(s.clips).map(([id, c]) => [id, c.location])),
    case: JSON.parse(serializeCase(s.history.present)) as unknown,
  };
  return JSON.stringify(env);
}

/**
 * Write the recovery slot now if the case has unsaved changes not yet written; clear it when the
 * case is clean. Returns what happened (for tests and the status line).
 */
export function autosaveNow(b: Pick<Bridge, 'writeAutosave' | 'clearAutosave'>): Promise<'written' | 'cleared' | 'unchanged' | 'failed'> {
  return serialize(async () => {
    const s = useCase.getState();
    if (!isCaseDirty(s)) {
      if (s.autosavedRevision === null) return 'unchanged';
      await b.clearAutosave();
      useCase.setState({ autosavedRevision: null });
      return 'cleared';
    }
    if (s.autosavedRevision === s.history.revision) return 'unchanged';
    const revision = s.history.revision;
    let r: Result<null>;
    try {
      r = await b.writeAutosave(autosaveJson(s));
    } catch (e) {
      r = err(appError('autosave/failed', 'Autosave failed: the case could not be written.', { action: 'Save the case to a file to keep your work.', detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) }));
    }
    if (!r.ok) {
      // Shown once per edit, not at every 30-second tick while the cause lasts.
      if (lastAutosaveFailure !== revision) reportError(r.error, 'warning');
      lastAutosaveFailure = revision;
      return 'failed';
    }
    lastAutosaveFailure = null;
    useCase.setState({ autosavedRevision: revision });
    return 'written';
  });
}

/** The revision whose autosave failure was last shown (null after a success). */
let lastAutosaveFailure: number | null = null;

/** Writes and clears of the recovery slot run one at a time, in order (a clear never races a write). */
let slotQueue: Promise<unknown> = Promise.resolve();
function serialize<T>(op: () => Promise<T>): Promise<T> {
  const next = slotQueue.then(op, op);
  slotQueue = next.catch(() => undefined);
  return next;
}

/**
 * Clear the recovery slot when the case became clean (saved, opened, discarded). Called by the
 * case-file code after it marks a case saved or loads one.
 */
export function clearAutosaveIfClean(b: Pick<Bridge, 'clearAutosave'>): Promise<void> {
  return serialize(async () => {
    if (isCaseDirty()) return;
    await b.clearAutosave();
    useCase.setState({ autosavedRevision: null });
  });
}

/**
 * Autosave every `intervalMs`, `settleMs` after the last edit, and when the page is hidden or about
 * to unload. Returns a function that stops it. The interval keeps running even when nothing changes
 * (each tick is a cheap check).
 */
export function startAutosave(
  b: Pick<Bridge, 'writeAutosave' | 'clearAutosave'>,
  opts: { intervalMs?: number; settleMs?: number; target?: Window } = {},
): () => void {
  const target = opts.target ?? window;
  const tick = () => void autosaveNow(b);
  const timer = setInterval(tick, opts.intervalMs ?? AUTOSAVE_INTERVAL_MS);
  // Also shortly after the last edit (0 turns this off).
  const settleMs = opts.settleMs ?? AUTOSAVE_SETTLE_MS;
  let settle: ReturnType<typeof setTimeout> | null = null;
  const unsubscribe =
    settleMs > 0
      ? useCase.subscribe((s, prev) => {
          if (s.history.revision === prev.history.revision) return;
          if (settle) clearTimeout(settle);
          settle = setTimeout(() => {
            settle = null;
            tick();
          }, settleMs);
        })
      : () => undefined;
  const onHidden = () => {
    if (document.visibilityState === 'hidden') tick();
  };
  target.addEventListener('beforeunload', tick);
  target.addEventListener('pagehide', tick);
  document.addEventListener('visibilitychange', onHidden);
  return () => {
    unsubscribe();
    if (settle) clearTimeout(settle);
    clearInterval(timer);
    target.removeEventListener('beforeunload', tick);
    target.removeEventListener('pagehide', tick);
    document.removeEventListener('visibilitychange', onHidden);
  };
}

/**
 * Read the recovery slot. `ok(null)` when it is empty or holds nothing worth offering; an error when
 * it is damaged (the caller says so and offers to discard it).
 */
export async function readRecovery(b: Pick<Bridge, 'readAutosave'>): Promise<Result<Recovery | null>> {
  const slot = await b.readAutosave();
  if (!slot) return ok(null);
  let env: Partial<AutosaveEnvelope>;
  try {
    env = JSON.parse(slot.json) as Partial<AutosaveEnvelope>;
  } catch (e) {
    return err(damaged('it is not valid JSON', e));
  }
  if (!env || env.format !== AUTOSAVE_FORMAT || env.version !== 1) return err(damaged('it was not written by this version of BlockPlan'));
  const parsed = parseCaseObject(env.case, 'recovered case');
  if (!parsed.ok) return err({ ...parsed.error, title: `The unsaved case could not be recovered: ${parsed.error.title}` });
  if (!hasContent(parsed.value.plan)) return ok(null);
  return ok({
    plan: parsed.value.plan,
    savedAt: env.savedAt ?? slot.savedAt,
    file: { ...NEW_FILE, ...(env.file ?? {}) },
    clipLocations: env.clipLocations ?? {},
  });
}

function damaged(why: string, e?: unknown): AppError {
  return appError('autosave/damaged', `The unsaved case from the last session could not be recovered: ${why}.`, {
    action: 'Discard it. Cases saved to files are not affected.',
    ...(e ? { detail: e instanceof Error ? e.message : String(e) } : {}),
  });
}
