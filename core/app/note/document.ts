/**
 * The note document of a case: the prefilled note with everything the exporters need that is not
 * typed into it (dose summary, key images, the clips' DICOM identity, references).
 */
import { getBlockTemplate, type BlockTemplate } from '../../blocks/index';
import { buildNoteDocument, type NoteDocument, type NoteKind, type SourceInstance } from '../../notes/document';
import type { KeyImage } from '../../notes/keyimages';
import type { Case, ClipMeasurements } from '../../plan/index';
import type { Result } from '../../result';
import { noteSideOf, prefillNote } from './prefill';

/**
 * Pain procedures get the pain-procedure note: the template categories whose blocks are done for
 * pain (sympathetic: celiac plexus, ganglion impar, stellate ganglion; chronic pain: genicular;
 * neuromodulation: SCS trial) rather than for surgical anaesthesia or analgesia.
 */
export const PAIN_PROCEDURE_CATEGORIES: readonly BlockTemplate['category'][] = ['sympathetic', 'chronic-pain', 'neuromodulation'];

export function noteKindOf(t: BlockTemplate | undefined): NoteKind {
  return t && PAIN_PROCEDURE_CATEGORIES.includes(t.category) ? 'pain-procedure' : 'regional-anaesthesia';
}

/**
 * A sample (synthetic teaching) case: generated data, not a patient record. The sample generator
 * marks it in the case's teaching metadata (`deidentificationFlags['synthetic-data']`).
 */
export function isSyntheticCase(plan: Case): boolean {
  return plan.teaching?.deidentificationFlags['synthetic-data'] === true;
}

/** Inputs to `caseNoteDocument`: what the caller read or decoded (Node CLI or browser). */
export interface CaseNoteInputs {
  plan: Case;
  /** `measureClip` per clip (needs each clip's file calibration). */
  measurements: readonly ClipMeasurements[];
  /** Key images already rendered (`renderKeyImage` on the decoded frames of `keyImageRequests`). */
  keyImages: KeyImage[];
  /** DICOM identity of the clips, read from their headers. */
  sources: SourceInstance[];
  generatedAt: string;
  app: { name: string; version: string };
}

/** The note document of a case: prefilled note, dose summary, key images, sources and references. */
export function caseNoteDocument(input: CaseNoteInputs): Result<NoteDocument> {
  const t = input.plan.block.templateId ? getBlockTemplate(input.plan.block.templateId) : undefined;
  return buildNoteDocument({
    note: prefillNote(input.plan, input.measurements),
    keyImages: input.keyImages,
    sources: input.sources,
    references: [...(t?.sources ?? []).map((s) => ({ id: s.id, citation: s.citation, urls: s.urls }))],
    plannedSide: noteSideOf(input.plan.block.side),
    kind: noteKindOf(t),
    ...(t ? { templateCategory: t.category } : {}),
    synthetic: isSyntheticCase(input.plan),
    caseId: input.plan.id,
    caseTitle: input.plan.title,
    generatedAt: input.generatedAt,
    app: input.app,
  });
}
