import { create } from 'zustand';
import type { Calibration } from '../../core/dicom/calibration';
import {
  AUTOSAVE_INTERVAL_MS,
  AUTOSAVE_SETTLE_MS,
  applyCommand,
  canRedo,
  canUndo,
  createCase,
  createHistory,
  isDirty,
  markSaved,
  parseCaseObject,
  redo,
  redoLabel,
  replacePresent,
  serializeCase,
  undo,
  undoLabel,
  type Case,
  type History,
  type PlanCommand,
} from '../../core/plan/index';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import type { Bridge } from '../bridge/types';
import { reportError } from './messages';

/**
 * The open case: core/plan's undo/redo history of the case, where it is saved, and what the app
 * knows about its clips at run time (where each clip's bytes came from, its calibration). Every edit
 * goes through `apply(command)` so it can be undone; selection is UI state and is not undoable.
 *
 * Autosave: `startAutosave` writes the case to the platform's recovery slot (bridge.writeAutosave)
 * every 30 s while there are unsaved changes, and when the page is hidden or unloaded; a clean case
 * clears the slot. `readRecovery` finds an unsaved case on start so the app can offer it back.
 */

/** What is selected on the image and in the plan panel. */
export type Selection = { kind: 'annotation'; id: string } | { kind: 'needle'; id: string };

/** What the app knows about one clip of the case at run time (never saved). */
export interface ClipRuntime {
  /**
   * Where the bytes came from: an absolute path (desktop) or the name / relative path the browser
   * gave; for clips without a file of their own (samples, bundles) the name shown to the user.
   */
  location: string;
  /** True when `location` is a file the platform can read again (bridge.readFile). */
  onDisk: boolean;
  /** The clip's bytes, when in memory (needed to bundle the case). */
  bytes: Uint8Array | null;
  /** The calibration read from the DICOM file (core/dicom). */
  calibration: Calibration;
}

export interface CaseFileInfo {
  /** Desktop: absolute path. Browser: the file name (downloads have no path). null until saved or opened. */
  path: string | null;
  /** For display and as the suggested name when saving. */
  name: string | null;
  /** Saved as a bundle (.bpcasez) with its clips. */
  bundled: boolean;
  /** Where the case came from. */
  origin: 'new' | 'file' | 'sample' | 'recovery';
}

export interface CaseState {
  history: History;
  file: CaseFileInfo;
  clips: Record<string, ClipRuntime>;
  selection: Selection | null;
  /** Revision last written to the recovery slot (null: nothing written for this case). */
  autosavedRevision: number | null;
  /** Apply one edit; on failure the reason is shown and false returned. `coalesce` merges a drag into one undo step. */
  apply(cmd: PlanCommand, opts?: { coalesce?: boolean; quiet?: boolean }): boolean;
  undo(): void;
  redo(): void;
  select(sel: Selection | null): void;
  /** Start an empty case (the caller has dealt with unsaved changes). */
  reset(): void;
  /** Replace the open case with a loaded one. `saved`: it matches a file on disk (not dirty). */
  load(plan: Case, file: CaseFileInfo, clips: Record<string, ClipRuntime>, opts?: { saved?: boolean }): void;
  /** Record that the present case was saved (optionally with the exact case written, e.g. new clip paths). */
  saved(file: CaseFileInfo, written?: Case): void;
  setClipRuntime(clipId: string, rt: ClipRuntime | null): void;
}

const nowIso = () => new Date().toISOString();

function freshHistory(): History {
  return createHistory(createCase({ now: nowIso() }));
}

const NEW_FILE: CaseFileInfo = { path: null, name: null, bundled: false, origin: 'new' };

export const useCase = create<CaseState>((set, get) => ({
  history: freshHistory(),
  file: NEW_FILE,
  clips: {},
  selection: null,
  autosavedRevision: null,
  apply(cmd, opts = {}) {
    const r = applyCommand(get().history, cmd, { coalesce: opts.coalesce ?? false });
    if (!r.ok) {
      if (!opts.quiet) reportError(r.error, r.error.code === 'plan/locked' ? 'info' : 'error');
      return false;
    }
    set({ history: r.value, selection: keepSelection(get().selection, r.value.present) });
    return true;
  },
  undo() {
    const h = get().history;
    if (!canUndo(h)) return;
    const next = undo(h);
    set({ history: next, selection: keepSelection(get().selection, next.present) });
  },
  redo() {
    const h = get().history;
    if (!canRedo(h)) return;
    const next = redo(h);
    set({ history: next, selection: keepSelection(get().selection, next.present) });
  },
  select(selection) {
    set({ selection });
  },
  reset() {
    set({ history: freshHistory(), file: NEW_FILE, clips: {}, selection: null, autosavedRevision: null });
  },
  load(plan, file, clips, opts = {}) {
    set({ history: createHistory(plan, { saved: opts.saved ?? true }), file, clips, selection: null, autosavedRevision: null });
  },
  saved(file, written) {
    let h = get().history;
    if (written) h = replacePresent(h, written);
    set({ history: markSaved(h), file });
  },
  setClipRuntime(clipId, rt) {
    const clips = { ...get().clips };
    if (rt) clips[clipId] = rt;
    else delete clips[clipId];
    set({ clips });
  },
}));

/** Drop the selection when its item no longer exists (deleted, or undone away). */
function keepSelection(sel: Selection | null, plan: Case): Selection | null {
  if (!sel) return null;
  if (sel.kind === 'annotation') return plan.annotations.some((a) => a.id === sel.id) ? sel : null;
  return plan.needlePaths.some((n) => n.id === sel.id) ? sel : null;
}

/** The case as it is now. */
export const currentCase = (): Case => useCase.getState().history.present;

/** True when the open case has changes that are not saved to a file. */
export function isCaseDirty(s: Pick<CaseState, 'history'> = useCase.getState()): boolean {
  return isDirty(s.history);
}

/** True when the case holds anything worth keeping (a block, clips, or marks). */
export function hasContent(plan: Case): boolean {
  return plan.block.templateId !== null || plan.clips.length > 0 || plan.annotations.length > 0 || plan.needlePaths.length > 0 || plan.keyFrames.length > 0;
}

/** Undo/redo availability and labels for menus and buttons. */
export function undoState(h: History): { canUndo: boolean; canRedo: boolean; undoLabel?: string; redoLabel?: string } {
  return { canUndo: canUndo(h), canRedo: canRedo(h), undoLabel: undoLabel(h), redoLabel: redoLabel(h) };
}

// ---------------------------------------------------------------------------------------------
// Autosave and recovery

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

/** A case found in the recovery slot. */
export interface Recovery {
  plan: Case;
  savedAt: string;
  file: CaseFileInfo;
  clipLocations: Record<string, string>;
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
