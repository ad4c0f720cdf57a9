/** Sections: injection events; pain procedure; complications, assessment and follow-up. */
import { formatNumber } from '../doseCalc';
import type { NoteDocument } from '../document';
import { NotePainProcedureSchema } from '../schema';
import { NOT_RECORDED, list, v, yn, type ContentSection } from './format';

export function eventsSection(doc: NoteDocument): ContentSection {
  const e = doc.note.events;
  return {
    id: 'events',
    title: 'Injection events',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Negative aspiration', yn(e.aspirationNegative)],
          ['Paraesthesia', yn(e.paraesthesia)],
          ['Pain on injection', yn(e.painOnInjection)],
          ['High injection pressure', yn(e.highInjectionPressure)],
          ['Blood aspirated', yn(e.bloodAspirated)],
          ['Vascular puncture', yn(e.vascularPuncture)],
          ['Pleural puncture', yn(e.pleuralPuncture)],
          ['Twitch disappeared on injection', yn(e.twitchDisappeared)],
          ['Notes', v(e.notes)],
        ],
      },
    ],
  };
}

/**
 * The pain-procedure section (blocks.md §4 pain items; shown for every pain procedure, and for any
 * note where the user recorded them): fluoroscopy, contrast and spread, neurolytic agent, pain scores
 * before and after, and the % relief a diagnostic block is judged by.
 */
export function painSection(doc: NoteDocument): ContentSection | null {
  if (!doc.note.painProcedure && doc.kind !== 'pain-procedure') return null;
  const pp = NotePainProcedureSchema.parse(doc.note.painProcedure ?? {});
  return {
    id: 'pain',
    title: 'Pain procedure',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Fluoroscopy time', v(pp.fluoroscopyTimeS, 's')],
          ['Fluoroscopy dose', v(pp.fluoroscopyDose)],
          ['Contrast', pp.contrast ? `${pp.contrast}${pp.contrastVolumeMl !== undefined ? `, ${formatNumber(pp.contrastVolumeMl)} mL` : ''}` : NOT_RECORDED],
          ['Spread pattern', v(pp.spreadPattern)],
          ['Neurolytic agent', pp.neurolyticAgent ? `${pp.neurolyticAgent}${pp.neurolyticConcentration ? `, ${pp.neurolyticConcentration}` : ''}` : NOT_RECORDED],
          ['Diagnostic block', yn(pp.diagnostic)],
          ['Pain score before (0–10)', v(pp.painScoreBefore)],
          ['Pain score after (0–10)', v(pp.painScoreAfter)],
          ['Relief', pp.reliefPercent !== undefined ? `${formatNumber(pp.reliefPercent)} %${pp.reliefAssessedAfter ? ` at ${pp.reliefAssessedAfter}` : ''}` : NOT_RECORDED],
        ],
      },
    ],
  };
}

export function outcomeSection(doc: NoteDocument): ContentSection {
  const n = doc.note;
  return {
    id: 'outcome',
    title: 'Complications, assessment and follow-up',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Complications', n.complications.occurred === 'no' ? 'none' : n.complications.occurred === 'yes' ? list(n.complications.items) : NOT_RECORDED],
          ['Complication details', v(n.complications.details)],
          ['Block checked after', v(n.assessment.checkedAfterMin, 'min')],
          ['Sensory', v(n.assessment.sensory)],
          ['Motor', v(n.assessment.motor)],
          ['Block result', v(n.assessment.result)],
          ['Vital signs', v(n.assessment.vitalSigns)],
          // Limb protection and falls advice follow a limb block, not a pain procedure.
          ...(doc.kind === 'pain-procedure'
            ? []
            : ([
                ['Limb-protection advice', yn(n.followUp.limbProtectionAdvice)],
                ['Falls advice', yn(n.followUp.fallsAdvice)],
              ] as [string, string][])),
          ['Follow-up plan', v(n.followUp.plan)],
        ],
      },
    ],
  };
}
