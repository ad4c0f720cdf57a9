/**
 * Sections: side and safety checks; consent.
 *
 * Three things are printed apart and never inferred from one another (issue 11): (a) the side in the
 * plan; (b) the side check at export — the side the user stated when exporting, who and when, checked
 * against the plan, the note and the images; (c) the Stop moment before needle insertion (RA-UK
 * Prep-Stop-Block: a spoken two-person check of the mark and the consent), only as the user recorded it.
 */
import type { NoteDocument } from '../document';
import { list, sideText, v, when, yn, type ContentSection } from './format';

/** What the export check is, in one sentence, printed under it. */
export const EXPORT_CHECK_NOTE =
  'The side check at export compares the side stated when the note was exported with the plan, the note, annotation labels and the images; it is not the Stop moment before needle insertion, which is printed only as recorded.';

export function safetySection(doc: NoteDocument): ContentSection {
  const n = doc.note;
  const pc = n.preChecks;
  const sc = n.sideConfirmation;
  return {
    id: 'sbyb',
    title: 'Side and safety checks',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Planned side (in the plan)', sideText(doc.plannedSide)],
          ['Side recorded in the note', sideText(n.procedure.side)],
          ['Side stated at export (export check)', sc ? sideText(sc.confirmedSide) : 'not yet: stated at export'],
          ['Export check: checked against', sc ? list(sc.checkedAgainst) : '—'],
          ['Export check: when', sc ? sc.confirmedAt : '—'],
          ['Export check: by', sc ? v(sc.confirmedBy) : '—'],
          ['Stop moment before needle insertion (two-person check of mark and consent)', yn(pc.stopMomentDone)],
          ['Stop moment: by', v(pc.stopMomentBy)],
          ['Stop moment: time', when(pc.stopMomentAt)],
          ['Site mark checked', yn(pc.siteMarkChecked)],
          ['WHO sign-in / time-out', yn(pc.whoChecklist)],
        ],
      },
      { kind: 'paragraph', text: EXPORT_CHECK_NOTE },
    ],
  };
}

export function consentSection(doc: NoteDocument): ContentSection {
  const c = doc.note.consent;
  return {
    id: 'consent',
    title: 'Consent',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Consent', v(c.type === 'not-possible-best-interests' ? 'not possible (best interests)' : c.type)],
          ['Risks discussed', list(c.risksDiscussed)],
          ['Notes', v(c.notes)],
        ],
      },
    ],
  };
}

/**
 * The side record in sentences for the SR and FHIR: the planned side, the export check and the Stop
 * moment, each on its own and labelled (nothing of one is implied by another).
 */
export function sideRecordSentences(doc: NoteDocument): string[] {
  const n = doc.note;
  const pc = n.preChecks;
  const sc = n.sideConfirmation;
  const stop =
    pc.stopMomentDone === undefined
      ? 'not recorded'
      : `${pc.stopMomentDone}${pc.stopMomentBy ? `, by ${pc.stopMomentBy}` : ''}${pc.stopMomentAt ? `, at ${pc.stopMomentAt.replace('T', ' ')}` : ''}`;
  return [
    `Planned side (in the plan): ${sideText(doc.plannedSide)}.`,
    sc
      ? `Side stated at export (export check, not the Stop moment): ${sideText(sc.confirmedSide)}${sc.confirmedBy ? `, by ${sc.confirmedBy}` : ''}, at ${sc.confirmedAt}; checked against ${sc.checkedAgainst.join('; ') || 'nothing'}.`
      : 'Side stated at export: not yet.',
    `Stop moment before needle insertion (two-person check of mark and consent): ${stop}.`,
  ];
}
