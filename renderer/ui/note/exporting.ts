/**
 * Exporting the note from the app: Stop Before You Block, then PDF / Markdown / HTML / DICOM SR /
 * FHIR through core/notes `exportNote` (the same code as `blockplan note`), each written by the
 * bridge (desktop: atomic save; browser: a download). Progress goes to the note UI store and every
 * failure to the messages store.
 */
import { confirmForExport, type ConfirmedNoteDocument } from '../../../core/notes/document';
import type { NoteFormat } from '../../../core/notes/export/index';
import { caseNoteDocument, lateralityOf } from '../../../core/notes/prefill';
import { checkSide, type ConfirmSide, type SideCheckError, type SideConflict } from '../../../core/notes/sbyb';
import { NoteSchema } from '../../../core/notes/schema';
import type { Case } from '../../../core/plan/index';
import { appError, type AppError } from '../../../core/result';
import type { SaveKind } from '../../bridge/types';
import { bridge } from '../../bridge';
import { dirname, joinPath } from '../../../core/plan/paths';
import { useCase, type CaseFileInfo, type ClipRuntime } from '../../state/case';
import { notify, reportError } from '../../state/messages';
import { caseMeasurements, SIDE_WORD, useNoteUi } from '../../state/note';
import { clipSources, renderKeyImages } from './frames';

export const FORMAT_INFO: Record<NoteFormat, { label: string; short: string; ext: string; kind: SaveKind }> = {
  pdf: { label: 'PDF', short: 'PDF', ext: '.pdf', kind: 'note-pdf' },
  md: { label: 'Markdown', short: 'Markdown', ext: '.md', kind: 'note-md' },
  html: { label: 'HTML (self-contained)', short: 'HTML', ext: '.html', kind: 'note-html' },
  sr: { label: 'DICOM Structured Report', short: 'DICOM SR', ext: '.dcm', kind: 'note-sr' },
  fhir: { label: 'FHIR R4 Bundle (JSON)', short: 'FHIR', ext: '.json', kind: 'note-fhir' },
};

/** A file-name stem for the case's exports: the case file's name, else block-side-level. */
export function exportStem(plan: Case, file: Pick<CaseFileInfo, 'name'>): string {
  const base = file.name
    ? file.name.replace(/\.bpcasez?$/i, '')
    : plan.block.templateId
      ? [plan.block.templateId, plan.block.side, plan.block.level].filter(Boolean).join('-')
      : plan.title || 'case';
  return base.replace(/[^A-Za-z0-9._ -]+/g, '-').replace(/^[.\s-]+|[\s-]+$/g, '') || 'case';
}

/** "+01:00": this computer's UTC offset at a moment (FHIR needs offsets on date-times). */
export function utcOffset(at: Date): string {
  const m = -at.getTimezoneOffset();
  const a = Math.abs(m);
  return `${m >= 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/**
 * Stop Before You Block against the case, plus one check the case alone cannot make: the side typed
 * in the note (Procedure) must agree too. Returns null when the confirmed side matches everything.
 */
export function sideCheck(plan: Case, side: ConfirmSide | undefined, laterality: ReadonlyMap<string, string | undefined>, confirmedAt: string): SideCheckError | null {
  const r = checkSide(side, lateralityOf(plan, laterality), { confirmedAt });
  const typed = NoteSchema.parse(plan.note ?? {}).procedure.side;
  const noteConflict: SideConflict | null =
    side !== undefined && typed !== undefined && typed !== side ? { what: 'annotation', id: 'note-procedure-side', label: 'side typed in the note (Procedure)', caseSide: typed } : null;
  if (r.ok && !noteConflict) return null;
  if (!r.ok && !noteConflict) return r.error;
  const conflicts = [...(r.ok ? [] : r.error.conflicts), noteConflict!];
  return {
    code: 'note/side-mismatch',
    title: r.ok ? `Stop Before You Block: you confirmed ${side}, but the side typed in the note is ${typed}.` : `${r.error.title.replace(/\.$/, '')}; the side typed in the note is ${typed}.`,
    action: 'Check the consent and the site mark. Correct the plan, the side in the note (Procedure), or your confirmation, then export again.',
    conflicts,
  };
}

/** A conflict in words for the dialog: what disagrees and what it says. */
export function conflictText(c: SideConflict): string {
  const s = c.caseSide === undefined ? '' : c.caseSide === 'midline' || c.caseSide === 'n/a' ? 'midline (n/a)' : SIDE_WORD[c.caseSide];
  switch (c.what) {
    case 'block-side-missing':
      return 'The plan has no block side.';
    case 'block':
      return `The plan's block side is ${s}.`;
    case 'clip':
      return `The clip “${c.label}” records ${s} laterality in its DICOM header.`;
    case 'annotation':
      return c.id === 'note-procedure-side' ? `The side typed in the note (Procedure) is ${s}.` : `The annotation “${c.label}” names the ${s.toLowerCase()} side.`;
  }
}

/** How to resolve each kind of conflict. */
export function resolutionSteps(conflicts: readonly SideConflict[]): string[] {
  const steps = new Set<string>();
  steps.add('Check the consent form and the site mark on the patient.');
  for (const c of conflicts) {
    if (c.what === 'block-side-missing' || c.what === 'block') steps.add('If the plan is wrong: set the block side in the Plan tab (Choose block…), then export again.');
    if (c.what === 'annotation' && c.id === 'note-procedure-side') steps.add('If the note is wrong: correct the side under Procedure in the note editor.');
    else if (c.what === 'annotation') steps.add(`If a label is wrong: rename the annotation (“${c.label}”) in the Annotations tab.`);
    if (c.what === 'clip') steps.add(`If the clip belongs to another side or patient: remove “${c.label}” from the case.`);
  }
  steps.add('If your answer was wrong: choose the side again.');
  return [...steps];
}

export type ExportOutcome =
  | { kind: 'refused'; error: SideCheckError | AppError }
  | { kind: 'done'; results: { format: NoteFormat; path?: string; error?: AppError; cancelled?: boolean }[] };

const nowSeconds = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * Confirm the side and export the note in each format. Nothing is written when the side does not
 * match (the outcome says what disagrees), or when fields of the note are invalid.
 */
export async function exportNoteFormats(formats: readonly NoteFormat[], side: ConfirmSide | undefined, confirmedBy?: string): Promise<ExportOutcome> {
  const ui = useNoteUi.getState();
  const invalid = Object.keys(ui.invalidFields);
  if (invalid.length) {
    return {
      kind: 'refused',
      error: appError('note/invalid', `The note has ${invalid.length} field${invalid.length === 1 ? '' : 's'} to correct before export.`, {
        action: 'Open the note editor: the fields to correct are marked, with the reason beside each.',
      }),
    };
  }
  const { history, clips: runtimes, file } = useCase.getState();
  const plan = history.present;
  const generatedAt = nowSeconds();
  const step = (label: string, done: number, total: number) => ui.setProgress({ label, done, total });
  try {
    step('Checking the side…', 0, formats.length + 2);
    const { sources, laterality } = await clipSources(plan, runtimes);
    const measurements = caseMeasurements(plan, runtimes);
    const bad = sideCheck(plan, side, laterality, generatedAt);
    if (bad) return { kind: 'refused', error: bad };

    const keyImages = await renderKeyImages(plan, measurements, runtimes, (d, t) => step(`Drawing key images (${d} of ${t})…`, 1, formats.length + 2));
    for (const e of keyImages.errors) reportError(e, 'warning');
    const app = { name: 'BlockPlan', version: (await bridge().appInfo()).version };
    const built = caseNoteDocument({ plan, measurements, keyImages: keyImages.images, sources, generatedAt, app });
    if (!built.ok) return { kind: 'refused', error: built.error };
    const confirmed = confirmForExport(built.value, side, lateralityOf(plan, laterality), { confirmedAt: generatedAt, confirmedBy: confirmedBy?.trim() || undefined });
    if (!confirmed.ok) return { kind: 'refused', error: confirmed.error };
    recordConfirmation(confirmed.value);

    const { exportNote } = await import('../../../core/notes/export/index');
    await import('./pdfFonts'); // registers the bundled PDF fonts (unless a loader is set already)
    const stem = exportStem(plan, file);
    const results: Extract<ExportOutcome, { kind: 'done' }>['results'] = [];
    const desktop = bridge().mode === 'electron';
    /** Desktop: the folder chosen for the first file; the others are written beside it (one dialog, not five). */
    let folder: string | null = null;
    for (const [k, format] of formats.entries()) {
      const info = FORMAT_INFO[format];
      step(`Writing ${info.label} (${k + 1} of ${formats.length})…`, k + 2, formats.length + 2);
      const out = await exportNote(confirmed.value, format, { localUtcOffset: utcOffset(new Date()) });
      if (!out.ok) {
        reportError(out.error);
        results.push({ format, error: out.error });
        continue;
      }
      const bytes = out.value.kind === 'text' ? new TextEncoder().encode(out.value.text) : out.value.bytes;
      const name = `${stem}-note${format === 'fhir' ? '.fhir' : ''}${info.ext}`;
      const saved = await bridge().saveFile({ kind: info.kind, suggestedName: name, bytes, ...(desktop && folder !== null ? { path: joinPath(folder, name), saveAs: false } : { saveAs: true }) });
      if (desktop && saved.ok && saved.value && folder === null) folder = dirname(saved.value.path);
      if (!saved.ok) {
        reportError(saved.error);
        results.push({ format, error: saved.error });
      } else if (!saved.value) results.push({ format, cancelled: true });
      else results.push({ format, path: saved.value.path });
    }
    const written = results.filter((r) => r.path);
    if (written.length) notify(`Note exported: ${written.map((r) => FORMAT_INFO[r.format].short).join(', ')}`, 'success');
    return { kind: 'done', results };
  } catch (e) {
    const error = appError('note/export-failed', 'The note could not be exported.', { action: 'Try again; if it fails again, export one format at a time and report the problem.', detail: e instanceof Error ? e.message : String(e) });
    reportError(error);
    return { kind: 'refused', error };
  } finally {
    ui.setProgress(null);
  }
}

/** Keep the successful Stop Before You Block record in the case's note (saved with the case). */
function recordConfirmation(doc: ConfirmedNoteDocument): void {
  const st = useCase.getState();
  const stored = NoteSchema.parse(st.history.present.note ?? {});
  st.apply({ type: 'set-note', note: { ...stored, sideConfirmation: doc.note.sideConfirmation } }, { quiet: true });
}

export type { ClipRuntime };
