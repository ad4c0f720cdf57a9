/**
 * The note-export workflow — the one function `blockplan note` and the app's Export dialog both call.
 *
 * Steps, in order; the first that fails stops the export and nothing is written:
 *  1. every clip of the case opened (its laterality and identity must be read, its frames drawn);
 *  2. the note is valid (each invalid field named);
 *  3. the side check at export against every source of laterality (plan, note, annotation labels, clip
 *     names, clip headers) — core/notes/sbyb;
 *  4. the SR's identity: an SR joins its source study, so it carries the clips' patient; when the
 *     identity typed in the note differs, the export stops until the user chooses (`srIdentity`);
 *  5. key images drawn through the platform's frame decoder;
 *  6. the note document built and each format rendered (core/notes/export).
 * Writing the files is the adapter's job (the CLI writes atomically; the app saves through the bridge).
 */
import { confirmForExport, type ConfirmedNoteDocument } from '../notes/document';
import { NOTE_FORMATS, renderNote, type NoteFormat } from '../notes/export/index';
import type { KeyImage } from '../notes/keyimages';
import type { PdfFontLoader } from '../notes/export/pdf';
import { checkSide, type ConfirmSide, type SideCheckError } from '../notes/sbyb';
import type { SideConfirmation } from '../notes/schema';
import { measureClip, type ClipMeasurements } from '../plan/index';
import { appError, err, ok, type AppError, type Result } from '../result';
import { caseNoteDocument } from './note/document';
import { renderKeyImages } from './note/keyImages';
import { lateralityOf } from './note/laterality';
import { srIdentityDifference } from './note/identity';
import type { OpenedCase } from './openCase';
import type { Clock, FrameDecoder } from './ports';

export interface NoteExportRequest {
  formats: readonly NoteFormat[];
  /** The side the user states at export (the export side check). */
  confirmSide?: ConfirmSide;
  /** Who stated it. */
  confirmedBy?: string;
  /**
   * The user's choice when the identity typed in the note differs from the clips' patient: `clips`
   * writes the SR with the clips' patient and study (where it belongs). Without a choice the export stops.
   */
  srIdentity?: 'clips';
}

export interface NoteExportPorts {
  frames: FrameDecoder;
  clock: Clock;
  /** Written into the SR's equipment and the FHIR bundle. */
  app: { name: string; version: string };
  onProgress?(label: string, done: number, total: number): void;
  /** Font bytes for the PDF (the CLI reads them from disk; the app bundles them). */
  pdfFonts?: PdfFontLoader;
  /** Key images drawn before (the app's preview); see note/keyImages. */
  keyImageCache?: Map<string, KeyImage>;
  yieldBetween?(): Promise<void>;
}

/** One rendered format, ready to be written. */
export type NoteExportFile = { format: NoteFormat; extension: string; mimeType: string; bytes: Uint8Array } | { format: NoteFormat; error: AppError };

export interface NoteExportResult {
  files: NoteExportFile[];
  /** The export side check, to keep in the case's note. */
  confirmation: SideConfirmation;
  document: ConfirmedNoteDocument;
  /** Dose cautions and overdoses, for the adapter to show. */
  warnings: string[];
}

/** Why nothing was exported: the side check (with its conflicts) or another AppError. */
export type NoteExportRefusal = SideCheckError | AppError;

/** True when a refusal came from the side check (it lists conflicts). */
export function isSideCheckError(e: NoteExportRefusal): e is SideCheckError {
  return Array.isArray((e as SideCheckError).conflicts);
}

/** ISO 8601 in UTC to the second ("2025-03-01T15:00:00Z"). */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The refusal when clips could not be used: their laterality cannot be checked, their frames not drawn. */
function clipsRefusal(opened: OpenedCase): AppError {
  const list = opened.problems.map((p) => `“${p.clip.displayName}”: ${p.error.title}`);
  const n = opened.problems.length;
  return appError('note/clips-unavailable', `${n === 1 ? 'A clip of the case' : `${n} clips of the case`} could not be used (${list.join('; ')}), so ${n === 1 ? 'its' : 'their'} laterality cannot be checked and ${n === 1 ? 'its' : 'their'} frames not drawn.`, {
    action: opened.problems[0]!.error.action ?? 'Locate the clip, or remove it from the case, then export again.',
    file: opened.problems[0]!.location,
    detail: opened.problems.map((p) => `${p.location}: ${p.error.title}${p.error.detail ? ` (${p.error.detail})` : ''}`).join('\n'),
  });
}

/** Measurements of every opened clip with its file's calibration (the numbers the viewer shows). */
export function caseMeasurements(opened: OpenedCase): ClipMeasurements[] {
  return opened.clips.map((c) => measureClip(opened.plan, c.clip.id, c.image.calibration));
}

/**
 * Steps 1–5 of the export: the confirmed note document, or why not. `blockplan note`, the Export dialog
 * and sending the results to a PACS all go through here, so none of them skips a check.
 */
export async function confirmedNoteDocument(opened: OpenedCase, req: NoteExportRequest, ports: NoteExportPorts): Promise<Result<ConfirmedNoteDocument, NoteExportRefusal>> {
  const { plan } = opened;
  const total = req.formats.length + 2;
  const step = (label: string, done: number) => ports.onProgress?.(label, done, total);
  if (opened.problems.length) return err(clipsRefusal(opened));

  const generatedAt = isoSeconds(ports.clock.now());
  const measurements = caseMeasurements(opened);
  const sources = opened.clips.map((c) => c.source);
  // The note as it will be exported; invalid fields stop here, each named.
  const draft = caseNoteDocument({ plan, measurements, keyImages: [], sources, generatedAt, app: ports.app });
  if (!draft.ok) return draft;

  step('Checking the side…', 0);
  const laterality = lateralityOf(plan, new Map(opened.clips.map((c) => [c.clip.id, c.laterality])));
  const meta = { confirmedAt: generatedAt, confirmedBy: req.confirmedBy?.trim() || undefined };
  const side = checkSide(req.confirmSide, laterality, meta);
  if (!side.ok) return side;

  if (req.formats.includes('sr') && req.srIdentity !== 'clips') {
    const differs = srIdentityDifference(draft.value.note.identity, sources);
    if (differs) return err(differs);
  }

  const keyImages = await renderKeyImages(plan, measurements, ports.frames, {
    cache: ports.keyImageCache,
    yieldBetween: ports.yieldBetween,
    onProgress: (d, t) => step(`Drawing key images (${d} of ${t})…`, 1),
  });
  if (keyImages.errors.length) {
    const e = keyImages.errors[0]!;
    return err({ ...e, code: 'note/key-image-failed', title: `A key image could not be drawn: ${e.title}`, action: e.action ?? 'Check the clip in the viewer, then export again.' });
  }
  const built = caseNoteDocument({ plan, measurements, keyImages: keyImages.images, sources, generatedAt, app: ports.app });
  if (!built.ok) return built;
  return confirmForExport(built.value, req.confirmSide, laterality, meta);
}

/** Export the case's note in each requested format (see the module comment for the steps). */
export async function exportNote(opened: OpenedCase, req: NoteExportRequest, ports: NoteExportPorts): Promise<Result<NoteExportResult, NoteExportRefusal>> {
  const confirmed = await confirmedNoteDocument(opened, req, ports);
  if (!confirmed.ok) return confirmed;
  const doc = confirmed.value;
  const now = new Date(doc.generatedAt);
  const performed = doc.note.performedAt ? new Date(doc.note.performedAt) : now;
  const localUtcOffset = ports.clock.utcOffset(Number.isNaN(performed.getTime()) ? now : performed);
  const files: NoteExportFile[] = [];
  for (const [k, format] of req.formats.entries()) {
    ports.onProgress?.(`Writing ${NOTE_FORMATS[format].label} (${k + 1} of ${req.formats.length})…`, k + 2, req.formats.length + 2);
    const out = await renderNote(doc, format, { localUtcOffset, ...(ports.pdfFonts ? { fonts: ports.pdfFonts } : {}) });
    if (!out.ok) files.push({ format, error: out.error });
    else files.push({ format, extension: out.value.extension, mimeType: out.value.mimeType, bytes: out.value.kind === 'text' ? new TextEncoder().encode(out.value.text) : out.value.bytes });
  }
  const warnings = doc.dose.messages.filter((m) => m.level === 'over' || m.level === 'caution' || m.level === 'error').map((m) => `dose: ${m.text}`);
  return ok({ files, confirmation: doc.note.sideConfirmation, document: doc, warnings });
}
