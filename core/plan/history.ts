/**
 * Undo/redo history of a case: each step keeps the case before and after a command (cases are
 * immutable, so unchanged parts are shared, not copied). Commands are ./commands (and ./commands-3d).
 */
import { ok, type Result } from '../result';
import { commandLabel, executeCommand, type PlanCommand } from './commands';
import { isScene3dCommand, scene3dCoalesceKey } from './commands-3d';
import type { Case } from './schema';

/** One undoable step. */
export interface HistoryEntry {
  label: string;
  before: Case;
  after: Case;
  /** Commands with the same key merge while coalescing (one drag = one undo step). */
  coalesceKey?: string;
  beforeRevision: number;
  afterRevision: number;
}

/**
 * Undo/redo history. Immutable: every operation returns a new History. `revision` identifies the
 * present state (for dirty tracking: `isDirty`, `markSaved`).
 */
export interface History {
  readonly present: Case;
  readonly past: readonly HistoryEntry[];
  readonly future: readonly HistoryEntry[];
  readonly revision: number;
  /** Next revision number to hand out (monotonic, so an undone-then-redone state keeps its number). */
  readonly nextRevision: number;
  /** Revision last saved, or null when never saved. */
  readonly savedRevision: number | null;
  /** Maximum number of undo steps kept. */
  readonly limit: number;
}

/** Start a history at a loaded or new case. `saved`: the case came from a file (not dirty). */
export function createHistory(plan: Case, opts: { limit?: number; saved?: boolean } = {}): History {
  return { present: plan, past: [], future: [], revision: 0, nextRevision: 1, savedRevision: opts.saved === false ? null : 0, limit: opts.limit ?? 500 };
}

function coalesceKeyOf(cmd: PlanCommand): string | undefined {
  if (isScene3dCommand(cmd)) return scene3dCoalesceKey(cmd);
  switch (cmd.type) {
    case 'move-handle':
      return `handle:${cmd.id}:${cmd.index}`;
    case 'move-annotation':
      return `move:${cmd.id}`;
    case 'move-needle-point':
      return `needle:${cmd.id}:${cmd.which}`;
    case 'set-annotation-points':
      return `points:${cmd.id}`;
    case 'set-note':
      return cmd.coalesceKey ? `note:${cmd.coalesceKey}` : undefined;
    case 'set-teaching':
      return cmd.coalesceKey ? `teaching:${cmd.coalesceKey}` : undefined;
    case 'set-block-details':
      return cmd.coalesceKey ? `details:${cmd.coalesceKey}` : undefined;
    case 'batch':
      return cmd.coalesceKey;
    default:
      return undefined;
  }
}

/**
 * Execute a command and record it. Clears the redo stack (a new edit invalidates redo).
 * With `coalesce: true` (during a drag), a command with the same target as the previous step is
 * merged into it, so the whole drag undoes in one step.
 */
export function applyCommand(h: History, cmd: PlanCommand, opts: { coalesce?: boolean } = {}): Result<History> {
  const r = executeCommand(h.present, cmd);
  if (!r.ok) return r;
  const key = coalesceKeyOf(cmd);
  const last = h.past[h.past.length - 1];
  const revision = h.nextRevision;
  if (opts.coalesce && key && last && last.coalesceKey === key && h.future.length === 0 && last.afterRevision === h.revision && h.savedRevision !== h.revision) {
    const merged: HistoryEntry = { ...last, after: r.value, afterRevision: revision };
    return ok({ ...h, present: r.value, past: [...h.past.slice(0, -1), merged], revision, nextRevision: revision + 1 });
  }
  const entry: HistoryEntry = { label: commandLabel(cmd), before: h.present, after: r.value, coalesceKey: key, beforeRevision: h.revision, afterRevision: revision };
  const past = [...h.past, entry];
  return ok({ ...h, present: r.value, past: past.length > h.limit ? past.slice(past.length - h.limit) : past, future: [], revision, nextRevision: revision + 1 });
}

export const canUndo = (h: History): boolean => h.past.length > 0;
export const canRedo = (h: History): boolean => h.future.length > 0;
/** "Move handle" for the step Undo would revert, or undefined. */
export const undoLabel = (h: History): string | undefined => h.past[h.past.length - 1]?.label;
export const redoLabel = (h: History): string | undefined => h.future[0]?.label;

/** Revert the last step (no-op when there is none). */
export function undo(h: History): History {
  const last = h.past[h.past.length - 1];
  if (!last) return h;
  return { ...h, present: last.before, revision: last.beforeRevision, past: h.past.slice(0, -1), future: [last, ...h.future] };
}

/** Re-apply the last undone step (no-op when there is none). */
export function redo(h: History): History {
  const next = h.future[0];
  if (!next) return h;
  return { ...h, present: next.after, revision: next.afterRevision, past: [...h.past, next], future: h.future.slice(1) };
}

/** Record that the present state was saved. */
export function markSaved(h: History): History {
  return { ...h, savedRevision: h.revision };
}

/** True when the present state differs from the last saved one (undoing back to it clears this). */
export function isDirty(h: History): boolean {
  return h.savedRevision !== h.revision;
}

/** Replace the present without an undo step (e.g. updatedAt set on save, or an external reload). */
export function replacePresent(h: History, plan: Case): History {
  return { ...h, present: plan };
}
