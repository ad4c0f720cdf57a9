/**
 * The note laid out once as sections of fields, tables, lists and images. Markdown, HTML and PDF all
 * render this (and the editor's live preview), so they say the same thing in the same order. Empty
 * fields read "not recorded". One section per function, grouped by file.
 */
import type { NoteDocument } from '../document';
import { asepsisSection, guidanceSection, monitoringSection, preChecksSection } from './clinical';
import { doseSection } from './dose';
import { DISCLAIMER, sideText, type ContentSection, type NoteContent } from './format';
import { eventsSection, outcomeSection, painSection } from './outcome';
import { identitySection, procedureSection } from './people';
import { commentsSection, imagesSection, plannedSection, referencesSection } from './planned';
import { consentSection, safetySection } from './safety';

export * from './format';
export { EXPORT_CHECK_NOTE, sideRecordSentences } from './safety';

export const NOTE_TITLE = 'Regional anaesthesia procedure note';

/**
 * Lays the document out as sections. The side check at export is printed when the document has one
 * (every export does); the editor's preview shows it as still to come.
 */
export function noteContent(doc: NoteDocument): NoteContent {
  const n = doc.note;
  const p = n.procedure;
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
    plannedSection(doc),
    imagesSection(doc),
    commentsSection(doc),
    referencesSection(doc),
  ].filter((s): s is ContentSection => s !== null);
  const subtitle = [p.blockName ?? 'Block not recorded', sideText(p.side), n.performedAt?.replace('T', ' ')].filter(Boolean).join(' · ');
  return { title: NOTE_TITLE, subtitle, disclaimer: DISCLAIMER, sections };
}
