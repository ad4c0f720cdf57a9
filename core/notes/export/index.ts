import { err, ok, type AppError, type Result } from '../../result';
import type { ConfirmedNoteDocument } from '../document';
import { noteToDicomSr } from './dicomSr';
import { noteToFhirBundle } from './fhir';
import { noteToHtml } from './html';
import { noteToMarkdown, type MarkdownOptions } from './markdown';
import { MissingGlyphError, noteToPdf, type PdfFontLoader } from './pdf';

/**
 * One entry point for every format, used by the app (desktop and browser) and the CLI alike.
 * Takes only a `ConfirmedNoteDocument` (see document.ts `confirmForExport`): Stop Before You Block has
 * already passed. Returns text or bytes; writing or downloading is the caller's job.
 */

export type NoteFormat = 'pdf' | 'md' | 'html' | 'sr' | 'fhir';

export const NOTE_FORMATS: Record<NoteFormat, { label: string; extension: string; mimeType: string }> = {
  pdf: { label: 'PDF', extension: '.pdf', mimeType: 'application/pdf' },
  md: { label: 'Markdown', extension: '.md', mimeType: 'text/markdown; charset=utf-8' },
  html: { label: 'HTML (self-contained)', extension: '.html', mimeType: 'text/html; charset=utf-8' },
  sr: { label: 'DICOM Structured Report', extension: '.dcm', mimeType: 'application/dicom' },
  fhir: { label: 'FHIR R4 Bundle (JSON)', extension: '.json', mimeType: 'application/fhir+json' },
};

export function isNoteFormat(s: string): s is NoteFormat {
  return Object.hasOwn(NOTE_FORMATS, s);
}

export type ExportedNote = { format: NoteFormat; mimeType: string; extension: string } & ({ kind: 'text'; text: string } | { kind: 'binary'; bytes: Uint8Array });

export interface ExportOptions {
  markdown?: MarkdownOptions;
  /** UTC offset of the note's local times for FHIR (e.g. "+01:00"). */
  localUtcOffset?: string;
  /** Font bytes for the PDF (default: the loader registered with setDefaultPdfFontLoader). */
  fonts?: PdfFontLoader;
}

/** Exports a confirmed note in one format. */
export async function renderNote(doc: ConfirmedNoteDocument, format: NoteFormat, opts: ExportOptions = {}): Promise<Result<ExportedNote, AppError>> {
  const info = NOTE_FORMATS[format];
  const base = { format, mimeType: info.mimeType, extension: info.extension };
  try {
    switch (format) {
      case 'md':
        return ok({ ...base, kind: 'text', text: noteToMarkdown(doc, opts.markdown) });
      case 'html':
        return ok({ ...base, kind: 'text', text: noteToHtml(doc) });
      case 'pdf':
        return ok({ ...base, kind: 'binary', bytes: await noteToPdf(doc, { fonts: opts.fonts }) });
      case 'sr': {
        const r = noteToDicomSr(doc);
        return r.ok ? ok({ ...base, kind: 'binary', bytes: r.value }) : r;
      }
      case 'fhir':
        return ok({ ...base, kind: 'text', text: noteToFhirBundle(doc, { pdf: await noteToPdf(doc, { fonts: opts.fonts }), localUtcOffset: opts.localUtcOffset }) });
    }
  } catch (e) {
    if (e instanceof MissingGlyphError) {
      return err({ code: 'note/pdf-missing-glyph', title: 'The PDF cannot show some characters of the note.', action: 'Replace them in the note, or export Markdown or HTML.', detail: e.message });
    }
    return err({
      code: 'note/export-failed',
      title: `The ${info.label} export failed.`,
      action: 'Try another format and report this problem.',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}
