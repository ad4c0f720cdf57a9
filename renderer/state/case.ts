import { create } from 'zustand';
import type { Calibration } from '../../core/dicom/calibration';
import {
  applyCommand,
  canRedo,
  canUndo,
  createCase,
  createHistory,
  isDirty,
  markSaved,
  redo,
  redoLabel,
  replacePresent,
  undo,
  undoLabel,
  type Case,
  type History,
  type PlanCommand,
} from '../../core/plan/index';
import { appError } from '../../core/result';
import { reportError } from './messages';

/**
 * The open case: core/plan's undo/redo history of the case, where it is saved, and what the app
 * knows about its clips at run time (where each clip's bytes came from, its calibration). Every edit
 * goes through `apply(command)` so it can be undone; selection is UI state and is not undoable.
 *
 * Autosave and recovery (writing the case to the platform's recovery slot) are a service on this
 * store: renderer/services/autosave.ts.
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

/** Why the open case is read-only: a teaching case, published (teach.html) or opened in the app. */
export interface ReadOnlyTeaching {
  published: boolean;
  /** The trainee chose "Review the expert plan": the answer is drawn on the clip (hidden until then). */
  reviewing?: boolean;
}

/** Why a read-only teaching case's plan cannot be changed (said by every control that would change it). */
export const READ_ONLY_REASON = 'This teaching case is read-only: the plan is the expert’s answer.';

export interface CaseState {
  history: History;
  file: CaseFileInfo;
  clips: Record<string, ClipRuntime>;
  selection: Selection | null;
  /** Revision last written to the recovery slot (null: nothing written for this case). */
  autosavedRevision: number | null;
  /**
   * Read-only teaching mode (issue 15): a teaching bundle opened to rehearse or review. Edits are
   * refused; `published` (a case opened from a published folder, teach.html) also refuses saving.
   * Cleared by loading another case; rehearsal lifts it while the trainee works and restores it.
   */
  readOnly: ReadOnlyTeaching | null;
  /** Enter or leave read-only teaching mode (see `readOnly`). */
  setReadOnly(r: ReadOnlyTeaching | null): void;
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

/** Where a new, never saved case is. */
export const NEW_FILE: CaseFileInfo = { path: null, name: null, bundled: false, origin: 'new' };

export const useCase = create<CaseState>((set, get) => ({
  history: freshHistory(),
  file: NEW_FILE,
  clips: {},
  selection: null,
  autosavedRevision: null,
  readOnly: null,
  setReadOnly: (readOnly) => set({ readOnly }),
  apply(cmd, opts = {}) {
    if (get().readOnly) {
      if (!opts.quiet) reportError(appError('plan/read-only', 'This teaching case is read-only.', { action: 'Choose “Rehearse” to practise on it, or “Review the expert plan” to look at the answer.' }), 'info');
      return false;
    }
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
    set({ history: freshHistory(), file: NEW_FILE, clips: {}, selection: null, autosavedRevision: null, readOnly: null });
  },
  load(plan, file, clips, opts = {}) {
    set({ history: createHistory(plan, { saved: opts.saved ?? true }), file, clips, selection: null, autosavedRevision: null, readOnly: null });
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

/** A case found in the recovery slot. */
export interface Recovery {
  plan: Case;
  savedAt: string;
  file: CaseFileInfo;
  clipLocations: Record<string, string>;
}
