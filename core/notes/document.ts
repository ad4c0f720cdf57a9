import { err, ok, type Result } from '../result';
import { noteDose, type DoseSummary } from './doseCalc';
import type { KeyImage } from './keyimages';
import { checkSide, type ConfirmSide, type LateralityContext, type SideCheckError } from './sbyb';
import { NoteSchema, type Note, type NoteSide, type SideConfirmation } from './schema';

/**
 * The note as the exporters see it: the note itself plus everything they need that is not typed into
 * it — the computed dose summary, the rendered key images, the DICOM identity of the source clips
 * (for the SR's references and patient/study linkage) and the template's sources.
 *
 * Built by `buildNoteDocument` (prefill.ts builds it from a case). Exporters accept only a
 * `ConfirmedNoteDocument`, which only `confirmForExport` makes: there is no way to export a note
 * that has not passed Stop Before You Block.
 */

/** DICOM identity of one source clip, read from its header (never typed). */
export interface SourceInstance {
  clipId: string;
  /** Display label of the clip, e.g. file name or "Clip 1". */
  label: string;
  sopClassUid?: string;
  sopInstanceUid?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  /** DICOM DA, YYYYMMDD. */
  studyDate?: string;
  /** DICOM TM as in the clip. */
  studyTime?: string;
  /** The study's identity as the clip carries it (PS3.3 C.7.2.1), so the SR files into the same study. */
  studyId?: string;
  accessionNumber?: string;
  /** PN, `^`-separated components as stored. */
  referringPhysicianName?: string;
  studyDescription?: string;
  /** Patient attributes from the clip's header: used only to link the SR to the same patient. */
  patient?: { name?: string; id?: string; birthDate?: string; sex?: string };
  /** Number of frames in the clip. */
  frames?: number;
}

/** A cited source shown at the end of the note. */
export interface NoteSourceRef {
  id: string;
  citation: string;
  urls: readonly string[];
}

/** Which note this is: a regional-anaesthesia block, or a pain procedure (sympathetic, chronic pain, neuromodulation). */
export type NoteKind = 'regional-anaesthesia' | 'pain-procedure';

export interface NoteDocument {
  note: Note;
  kind: NoteKind;
  /** The block template's category (core/blocks), e.g. `neuromodulation`; picks the procedure code. */
  templateCategory?: string;
  /** The block side in the plan (`midline` as `n/a`), printed apart from the side stated at export. */
  plannedSide?: NoteSide;
  /** A synthetic teaching case (a sample): every export says so on its first line. */
  synthetic?: boolean;
  dose: DoseSummary;
  keyImages: KeyImage[];
  sources: SourceInstance[];
  /** Sources of the block template and of the dose table, for the references section. */
  references: NoteSourceRef[];
  /** Case identity for file names and the SR's Content Description; never patient data. */
  caseId?: string;
  caseTitle?: string;
  /** When the export was made, ISO 8601 with offset or Z. */
  generatedAt: string;
  /** Application name and version (written to the SR's equipment and the FHIR device). */
  app: { name: string; version: string };
}

declare const confirmed: unique symbol;
/** A NoteDocument whose side has been confirmed and checked (Stop Before You Block). */
export type ConfirmedNoteDocument = NoteDocument & {
  readonly [confirmed]: true;
  note: Note & { sideConfirmation: SideConfirmation };
};

/** Field names as the editor labels them, for messages that name the field. */
const FIELD_LABELS: Record<string, string> = {
  'identity.patientName': 'Patient name',
  'identity.patientId': 'Patient ID / record number',
  'identity.birthDate': 'Date of birth',
  performedAt: 'Date and time of the block',
  'staff.operator': 'Operator',
  'staff.supervisor': 'Supervisor',
  'staff.assistant': 'Assistant',
  'preChecks.stopMomentAt': 'Stop moment time',
  'preChecks.anticoagulants.lastDose': 'Last dose (date and time)',
  'preChecks.weightKg': 'Weight (kg)',
  'preChecks.heightCm': 'Height (cm)',
};

/** The editor's name of a note field, else its path. */
export function fieldLabel(path: readonly PropertyKey[]): string {
  const key = path.map(String).join('.');
  return FIELD_LABELS[key] ?? key;
}

/** Assembles a document; the dose summary is computed from the note here so it can never be stale. */
export function buildNoteDocument(parts: Omit<NoteDocument, 'dose' | 'note' | 'kind'> & { note: unknown; kind?: NoteKind }): Result<NoteDocument> {
  const parsed = NoteSchema.safeParse(parts.note);
  if (!parsed.success) {
    const first = parsed.error.issues[0]!;
    return err({
      code: 'note/invalid',
      title: `The note's field “${fieldLabel(first.path)}” is not valid: ${first.message}`,
      action: 'Correct the field in the note editor (it is marked there), then export again.',
      detail: parsed.error.issues.map((i) => `${fieldLabel(i.path)} (${i.path.join('.')}): ${i.message}`).join('\n'),
    });
  }
  const note = parsed.data;
  return ok({ ...parts, kind: parts.kind ?? 'regional-anaesthesia', note, dose: noteDose(note) });
}

/**
 * Stop Before You Block for export: checks the user's explicit side against the case and, on a match,
 * returns the document with the confirmation recorded in the note. A mismatch (or no confirmation)
 * returns the typed error and nothing can be exported.
 */
export function confirmForExport(
  doc: NoteDocument,
  side: ConfirmSide | undefined,
  laterality: LateralityContext,
  meta: { confirmedAt: string; confirmedBy?: string },
): Result<ConfirmedNoteDocument, SideCheckError> {
  const r = checkSide(side, laterality, meta);
  if (!r.ok) return r;
  const note = { ...doc.note, sideConfirmation: r.value };
  return ok({ ...doc, note } as ConfirmedNoteDocument);
}
