import { create } from 'zustand';
import { prefillNote } from '../../core/app/note/prefill';
import { NoteSchema, type Note, type NoteInput, type NoteSide } from '../../core/notes/schema';
import { measureClips, type Case, type ClipMeasurements } from '../../core/plan/index';
import { useCase, type ClipRuntime } from './case';

/**
 * The procedure note of the open case, as the note editor sees it.
 *
 * Where the note lives: in the case (`case.note`, core/plan's case schema), edited only through the
 * undoable `set-note` plan command, so it is saved, autosaved and undone with the rest of the plan.
 * The case stores only what the user typed; what the editor shows is `prefillNote(case)` — the stored
 * note with its empty fields filled from the plan (block, side, level, approach, template probe and
 * needle, structures from the annotations) and the plan's numbers as "planned". Prefill therefore
 * never overwrites a typed value, and a later change to the plan flows into the fields the user left
 * alone.
 *
 * Invalid input (a weight of 900 kg, a malformed date) is never written to the case: the field keeps
 * the typed text, shows the reason beside it, and `invalidFields` blocks export until it is fixed.
 *
 * UI state of the note (which dialog is open, progress of long work) is here too; nothing in this
 * store is saved.
 */

/** A path into the note, e.g. ['preChecks', 'weightKg'] or ['injectate', 0, 'volumeMl']. */
export type NotePath = readonly (string | number)[];

export const pathKey = (p: NotePath): string => p.join('.');

/** The value at a path (undefined when any step is missing). */
export function getAt(obj: unknown, path: NotePath): unknown {
  let cur: unknown = obj;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/**
 * A copy of `obj` with `value` at `path` (objects and arrays on the way are copied, missing ones
 * created). `undefined` removes the key, so "not recorded" is an absent field as the schema wants.
 */
export function setAt<T>(obj: T, path: NotePath, value: unknown): T {
  if (path.length === 0) return value as T;
  const [k, ...rest] = path as [string | number, ...(string | number)[]];
  const base: unknown = obj ?? (typeof k === 'number' ? [] : {});
  const copy = (Array.isArray(base) ? [...(base as unknown[])] : { ...(base as Record<string, unknown>) }) as Record<string | number, unknown>;
  const next = setAt(copy[k], rest, value);
  if (next === undefined && !Array.isArray(base)) delete copy[k];
  else copy[k] = next;
  return copy as T;
}

const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);

/** The note as stored in the case (what the user typed), parsed so every section is present. */
export function storedNote(plan: Case): Note {
  return NoteSchema.parse(plan.note ?? {});
}

/** True when the field shows a value the user did not type (it came from the plan or its template). */
export function isPrefilled(plan: Case, shown: Note, path: NotePath): boolean {
  return isEmpty(getAt(plan.note ?? {}, path)) && !isEmpty(getAt(shown, path));
}

/** The measurements of every clip whose file (and so calibration) is known: what `planned` is built from. */
export function caseMeasurements(plan: Case, runtimes: Record<string, ClipRuntime>): ClipMeasurements[] {
  return measureClips(plan, runtimes);
}

/** The note the editor shows: stored values, empty ones prefilled from the plan. */
export function shownNote(plan: Case, runtimes: Record<string, ClipRuntime>): Note {
  return prefillNote(plan, caseMeasurements(plan, runtimes));
}

// ---------------------------------------------------------------------------------------------
// Validation messages

/** Units named in messages, by the field's last path segment. */
function unitOf(key: string): string {
  if (/Kg$/.test(key)) return ' kg';
  if (/Cm$/.test(key)) return ' cm';
  if (/Mm$/.test(key)) return ' mm';
  if (/Ml$/.test(key)) return ' mL';
  if (/MHz$/.test(key)) return ' MHz';
  if (/Percent$/.test(key)) return ' %';
  if (/Min$/.test(key)) return ' min';
  if (/G$/.test(key)) return ' G';
  if (/Ma$/.test(key)) return ' mA';
  if (/S$/.test(key)) return ' s';
  return '';
}

export interface SchemaIssue {
  code: string;
  message: string;
  path: readonly PropertyKey[];
  [k: string]: unknown;
}

/** A clinician-readable message for a schema issue on a field (zod's wording is for developers). */
export function issueMessage(issue: SchemaIssue): string {
  const key = String(issue.path[issue.path.length - 1] ?? '');
  const unit = unitOf(key);
  switch (issue.code) {
    case 'too_big':
      return `Must be ${issue.inclusive === false ? 'less than' : 'at most'} ${String(issue.maximum)}${unit}.`;
    case 'too_small':
      if (issue.origin === 'string') return 'Required.';
      return `Must be ${issue.inclusive === false ? 'more than' : 'at least'} ${String(issue.minimum)}${unit}.`;
    case 'invalid_type':
      if (issue.expected === 'int' || issue.format === 'safeint') return `Enter a whole number${unit ? ` in${unit}` : ''}.`;
      return issue.expected === 'number' ? `Enter a number${unit ? ` in${unit}` : ''}.` : issue.expected === 'string' ? 'Required.' : 'Not a valid value.';
    case 'not_multiple_of':
      return 'Enter a whole number.';
    default:
      // Regex messages carry their own wording ("Use date and time as YYYY-MM-DDTHH:MM ...").
      return /^(Invalid|Too)/.test(issue.message) ? 'Not a valid value.' : issue.message;
  }
}

/**
 * Validate the stored note with `value` at `path`. Returns the note to store, or the message for that
 * field when the value is not valid (other fields' problems are not this field's message).
 */
export function validateEdit(plan: Case, path: NotePath, value: unknown): { ok: true; note: Note } | { ok: false; message: string } {
  const candidate = setAt(NoteSchema.parse(plan.note ?? {}) as unknown, path, value);
  const r = NoteSchema.safeParse(candidate);
  if (r.success) return { ok: true, note: r.data };
  const key = pathKey(path);
  const mine = r.error.issues.find((i) => pathKey(i.path as (string | number)[]).startsWith(key)) ?? r.error.issues[0]!;
  return { ok: false, message: issueMessage(mine as unknown as SchemaIssue) };
}

/** Parse a typed number: '', spaces → undefined; a decimal comma is accepted; anything else → NaN. */
export function parseNumber(text: string): number | undefined {
  const t = text.trim().replace(/\s/g, '');
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) && /^[-+]?(\d+([.,]\d*)?|[.,]\d+)(e[-+]?\d+)?$/i.test(t) ? n : Number.NaN;
}

// ---------------------------------------------------------------------------------------------
// Store

export interface ExportRequest {
  /** Formats ticked when the dialog opens. */
  formats: ('pdf' | 'md' | 'html' | 'sr' | 'fhir')[];
}

export interface Progress {
  label: string;
  done: number;
  total: number;
}

interface NoteUiState {
  editorOpen: boolean;
  /** The export dialog (Stop Before You Block + formats), when open. */
  exportDialog: ExportRequest | null;
  lastOpen: boolean;
  /** Fields whose typed text is not valid (path key → message); export waits for them. */
  invalidFields: Record<string, string>;
  progress: Progress | null;
  openEditor(): void;
  closeEditor(): void;
  openExport(req?: ExportRequest): void;
  closeExport(): void;
  setLastOpen(open: boolean): void;
  setInvalid(path: NotePath, message: string | null): void;
  setProgress(p: Progress | null): void;
}

export const ALL_FORMATS: ExportRequest['formats'] = ['pdf', 'md', 'html', 'sr', 'fhir'];

export const useNoteUi = create<NoteUiState>((set, get) => ({
  editorOpen: false,
  exportDialog: null,
  lastOpen: false,
  invalidFields: {},
  progress: null,
  openEditor: () => set({ editorOpen: true }),
  closeEditor: () => set({ editorOpen: false }),
  openExport: (req) => set({ exportDialog: req ?? { formats: ALL_FORMATS } }),
  closeExport: () => set({ exportDialog: null }),
  setLastOpen: (lastOpen) => set({ lastOpen }),
  setInvalid(path, message) {
    const key = pathKey(path);
    const cur = get().invalidFields;
    if ((cur[key] ?? null) === message) return;
    const next = { ...cur };
    if (message === null) delete next[key];
    else next[key] = message;
    set({ invalidFields: next });
  },
  setProgress: (progress) => set({ progress }),
}));

/** Invalid fields are about the open case; a different case starts clean. */
useCase.subscribe((s, prev) => {
  if (s.history.present.id !== prev.history.present.id) useNoteUi.setState({ invalidFields: {} });
});

/**
 * Write one field of the note into the case (an undoable "Edit note"; typing in one field is one
 * undo step). Returns null when stored, else the reason it was not (shown beside the field).
 */
export function setNoteField(path: NotePath, value: unknown): string | null {
  const st = useCase.getState();
  const r = validateEdit(st.history.present, path, value);
  if (!r.ok) {
    useNoteUi.getState().setInvalid(path, r.message);
    return r.message;
  }
  useNoteUi.getState().setInvalid(path, null);
  const applied = st.apply({ type: 'set-note', note: r.note, coalesceKey: pathKey(path) }, { coalesce: true });
  return applied ? null : 'The note could not be saved in the case.';
}

/** Write several fields at once (one undo step), e.g. "all standard monitoring: yes". */
export function setNoteFields(entries: readonly [NotePath, unknown][], label = 'note'): string | null {
  const st = useCase.getState();
  let note: unknown = NoteSchema.parse(st.history.present.note ?? {});
  for (const [p, v] of entries) note = setAt(note, p, v);
  const r = NoteSchema.safeParse(note);
  if (!r.success) return issueMessage(r.error.issues[0] as unknown as SchemaIssue);
  for (const [p] of entries) useNoteUi.getState().setInvalid(p, null);
  return st.apply({ type: 'set-note', note: r.data, coalesceKey: `group:${label}` }) ? null : 'The note could not be saved in the case.';
}

/** Display word for a side, e.g. for the Stop Before You Block dialog. */
export const SIDE_WORD: Record<NoteSide, string> = { left: 'Left', right: 'Right', bilateral: 'Bilateral', 'n/a': 'n/a (midline)' };

export type { NoteInput };
