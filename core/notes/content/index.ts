/**
 * The note laid out once as sections of fields, tables, lists and images. Markdown, HTML and PDF all
 * render this (and the editor's live preview), so they say the same thing in the same order. Empty
 * fields read "not recorded". One section per function, grouped by file.
 */
import type { NoteDocument } from '../document';
import { anticoagSections } from './anticoag';
import { asepsisSection, guidanceSection, monitoringSection, preChecksSection } from './clinical';
import { doseSection } from './dose';
import { DISCLAIMER, statusText, type ContentSection, type NoteContent } from './format';
import { eventsSection, outcomeSection, painSection } from './outcome';
import { identitySection, procedureSection } from './people';
import { commentsSection, imagesSection, plannedSection, referencesSection } from './planned';
import { consentSection, safetySection } from './safety';

export * from './format';
export { EXPORT_CHECK_NOTE, sideRecordSentences } from './safety';
export { anticoagSentences } from './anticoag';

export const NOTE_TITLE = 'Regional anaesthesia procedure note';
export const PAIN_NOTE_TITLE = 'Pain procedure note';

/** The first line of every export of a synthetic (sample) case. */
export const SYNTHETIC_BANNER = 'SYNTHETIC TEACHING CASE — not a patient record.';

/** The block's full name, level and side: "Thoracic paravertebral block, T5, right". */
export function noteTitle(doc: Pick<NoteDocument, 'note'>): string {
  const p = doc.note.procedure;
  const side = p.side === undefined ? undefined : p.side === 'n/a' ? 'midline' : p.side;
  return [p.blockName ?? 'Block not recorded', p.level, side].filter(Boolean).join(', ');
}

/**
 * Lays the document out as sections. The side check at export is printed when the document has one
 * (every export does); the editor's preview shows it as still to come.
 */
export function noteContent(doc: NoteDocument): NoteContent {
  const n = doc.note;
  const sections = [
    identitySection(doc),
    procedureSection(doc),
    safetySection(doc),
    consentSection(doc),
    preChecksSection(doc),
    monitoringSection(doc),
    asepsisSection(doc),
    guidanceSection(doc),
    doseSection(doc),
    eventsSection(doc),
    painSection(doc),
    outcomeSection(doc),
    ...anticoagSections(doc.note),
    plannedSection(doc),
    imagesSection(doc),
    commentsSection(doc),
    referencesSection(doc),
  ].filter((s): s is ContentSection => s !== null);
  const subtitle = [statusText(n), n.performedAt?.replace('T', ' ')].filter(Boolean).join(' · ');
  return {
    ...(doc.synthetic ? { banner: SYNTHETIC_BANNER } : {}),
    title: `${doc.kind === 'pain-procedure' ? PAIN_NOTE_TITLE : NOTE_TITLE}: ${noteTitle(doc)}`,
    subtitle,
    disclaimer: DISCLAIMER,
    sections,
  };
}
