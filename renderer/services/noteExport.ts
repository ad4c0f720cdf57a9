/**
 * The app's adapter onto core/app `exportNote` — the workflow `blockplan note` calls too. This file
 * supplies the ports (the open case's clips, the viewer's frame decoder, the clock, the app version),
 * saves each file through the bridge (desktop: one save dialog, the other formats beside the first;
 * browser: downloads), keeps the export side check in the case's note, and reports progress to the
 * note UI store and every failure to the messages store. It checks nothing itself beyond the editor's
 * unsaved invalid fields: every check is the workflow's.
 */
import { confirmedNoteDocument, exportNote, systemClock, type NoteExportRefusal } from '../../core/app/index';
import type { ConfirmedNoteDocument } from '../../core/notes/document';
import { conflictPhrase, type ConfirmSide, type SideConflict } from '../../core/notes/sbyb';
import type { NoteFormat } from '../../core/notes/export/index';
import { NoteSchema, type SideConfirmation } from '../../core/notes/schema';
import type { Case } from '../../core/plan/index';
import { appError, type AppError, type Result } from '../../core/result';
import type { SaveKind } from '../bridge/types';
import { bridge } from '../bridge';
import { dirname, joinPath } from '../../core/plan/paths';
import { useCase, type CaseFileInfo } from '../state/case';
import { notify, reportError } from '../state/messages';
import { useNoteUi } from '../state/note';
import { breathe, keyImageCache, openedCase, viewerFrameDecoder } from './frames';

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

/** A conflict in words for the dialog (the same phrase the workflow's message uses). */
export function conflictText(c: SideConflict): string {
  const p = conflictPhrase(c);
  return `${p.charAt(0).toUpperCase()}${p.slice(1)}.`;
}

/** How to resolve each kind of conflict. */
export function resolutionSteps(conflicts: readonly SideConflict[]): string[] {
  const steps = new Set<string>();
  steps.add('Check the consent form and the site mark on the patient.');
  for (const c of conflicts) {
    if (c.what === 'block-side-missing' || c.what === 'block') steps.add('If the plan is wrong: set the block side in the Plan tab (Choose block…), then export again.');
    if (c.what === 'note') steps.add('If the note is wrong: correct the side under Procedure in the note editor.');
    if (c.what === 'annotation') steps.add(`If a label is wrong: rename the annotation (“${c.label}”) in the Annotations tab.`);
    if (c.what === 'clip' || c.what === 'clip-name') steps.add(`If the clip belongs to another side or patient: remove “${c.label}” from the case.`);
  }
  steps.add('If your answer was wrong: choose the side again.');
  return [...steps];
}

export type ExportOutcome =
  | { kind: 'refused'; error: NoteExportRefusal }
  | { kind: 'done'; results: { format: NoteFormat; path?: string; error?: AppError; cancelled?: boolean }[] };

/** Name and version written into the SR and FHIR (the desktop app's version; the CLI reads the same package.json). */
async function appInfo(): Promise<{ name: string; version: string }> {
  return { name: 'BlockPlan', version: (await bridge().appInfo()).version };
}

/**
 * Export the note in each format through core/app `exportNote`. Nothing is written when the workflow
 * refuses (the outcome says why), or when fields of the editor hold text that was not accepted.
 */
export async function exportNoteFormats(formats: readonly NoteFormat[], side: ConfirmSide | undefined, confirmedBy?: string, opts: { srIdentity?: 'clips' } = {}): Promise<ExportOutcome> {
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
  try {
    ui.setProgress({ label: 'Opening the clips…', done: 0, total: formats.length + 2 });
    await import('./pdfFonts'); // registers the bundled PDF fonts (unless a loader is set already)
    const opened = await openedCase(plan, runtimes, file);
    const r = await exportNote(
      opened,
      { formats, confirmSide: side, confirmedBy, srIdentity: opts.srIdentity },
      { frames: viewerFrameDecoder(runtimes), clock: systemClock, app: await appInfo(), keyImageCache, yieldBetween: breathe, onProgress: (label, done, total) => ui.setProgress({ label, done, total }) },
    );
    if (!r.ok) return { kind: 'refused', error: r.error };
    recordConfirmation(r.value.confirmation);

    const stem = exportStem(plan, file);
    const results: Extract<ExportOutcome, { kind: 'done' }>['results'] = [];
    const desktop = bridge().mode === 'electron';
    /** Desktop: the folder chosen for the first file; the others are written beside it (one dialog, not five). */
    let folder: string | null = null;
    for (const out of r.value.files) {
      const info = FORMAT_INFO[out.format];
      if ('error' in out) {
        reportError(out.error);
        results.push({ format: out.format, error: out.error });
        continue;
      }
      const name = `${stem}-note${out.format === 'fhir' ? '.fhir' : ''}${info.ext}`;
      const saved = await bridge().saveFile({ kind: info.kind, suggestedName: name, bytes: out.bytes, ...(desktop && folder !== null ? { path: joinPath(folder, name), saveAs: false } : { saveAs: true }) });
      if (desktop && saved.ok && saved.value && folder === null) folder = dirname(saved.value.path);
      if (!saved.ok) {
        reportError(saved.error);
        results.push({ format: out.format, error: saved.error });
      } else if (!saved.value) results.push({ format: out.format, cancelled: true });
      else results.push({ format: out.format, path: saved.value.path });
    }
    const written = results.filter((x) => x.path);
    if (written.length) notify(`Note exported: ${written.map((x) => FORMAT_INFO[x.format].short).join(', ')}`, 'success');
    return { kind: 'done', results };
  } catch (e) {
    const error = appError('note/export-failed', 'The note could not be exported.', { action: 'Try again; if it fails again, export one format at a time and report the problem.', detail: e instanceof Error ? e.message : String(e) });
    reportError(error);
    return { kind: 'refused', error };
  } finally {
    ui.setProgress(null);
  }
}

/** Keep the export side check in the case's note (saved with the case). */
function recordConfirmation(confirmation: SideConfirmation): void {
  const st = useCase.getState();
  const stored = NoteSchema.parse(st.history.present.note ?? {});
  st.apply({ type: 'set-note', note: { ...stored, sideConfirmation: confirmation } }, { quiet: true });
}

/**
 * The confirmed note document for sending the results to a PACS: the same workflow and checks as the
 * export (core/app `confirmedNoteDocument`: clips, note, side, SR identity, key images), so sending
 * cannot skip one.
 */
export async function confirmedNoteForSend(side: ConfirmSide | undefined, opts: { srIdentity?: 'clips' } = {}): Promise<Result<ConfirmedNoteDocument, NoteExportRefusal>> {
  const { history, clips: runtimes, file } = useCase.getState();
  await import('./pdfFonts');
  const opened = await openedCase(history.present, runtimes, file);
  return confirmedNoteDocument(opened, { formats: ['sr', 'pdf'], confirmSide: side, srIdentity: opts.srIdentity }, { frames: viewerFrameDecoder(runtimes), clock: systemClock, app: await appInfo(), keyImageCache, yieldBetween: breathe });
}
