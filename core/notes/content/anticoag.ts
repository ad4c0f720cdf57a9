/**
 * Note sections for the anticoagulation decision and the follow-up checks (issue 17): what the plan
 * panel showed, what the clinician decided and why, and each check with its source, due time and the
 * outcome recorded (or "not recorded yet"). Markdown, HTML and PDF render these sections; the SR's
 * comment and the FHIR notes carry `anticoagSentences`.
 */
import { DECISION_TEXT, FOLLOW_UP_OUTCOME_TEXT, type AnticoagDecision, type FollowUpCheck } from '../anticoagSchema';
import type { ContentSection } from './format';

const NOT_YET = 'not recorded yet';
/** "2026-12-11 22:08 UTC" for a time with a zone; a time stored without one is shown as stored. */
const when = (iso: string | undefined): string => {
  if (!iso) return '—';
  const ms = /(Z|[+-]\d{2}:\d{2})$/.test(iso) ? Date.parse(iso) : Number.NaN;
  return Number.isNaN(ms) ? iso.replace('T', ' ') : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
};

function decisionRows(a: AnticoagDecision): [string, string][] {
  const s = a.shown;
  return [
    ['Drug', `${a.drugName}${a.regimen && a.regimen !== 'any' ? ` (${a.regimen})` : ''}`],
    ['Last dose', when(a.lastDose)],
    ...(a.crclMlMin !== undefined ? [['Creatinine clearance', `${a.crclMlMin} mL/min`] as [string, string]] : []),
    ['Bleeding-risk class of the block', s.riskClass],
    ['Earliest time for the block (as shown)', s.earliestBlockAt ? `${when(s.earliestBlockAt)}${s.intervalHours !== undefined ? ` (${s.intervalHours} h after the last dose${s.intervalSource ? `; ${s.intervalSource}` : ''})` : ''}` : 'no number shown'],
    ['Planned time', a.plannedAt ? `${when(a.plannedAt)}${s.plannedMeets === undefined ? '' : s.plannedMeets ? ' — meets the earliest time' : ' — BEFORE the earliest time'}` : 'not recorded'],
    ['Restart (as shown)', s.restart ?? (s.restartAfterHours !== undefined ? `not before ${s.restartAfterHours} h after the block or catheter removal` : 'no number shown')],
    ['Decision', `${DECISION_TEXT[a.decision]}${a.alternativeBlock ? `: ${a.alternativeBlock}` : ''}`],
    ['Reason', a.reason?.trim() || 'not recorded'],
    ['Decided', `${when(a.decidedAt)}${a.decidedBy ? ` by ${a.decidedBy}` : ''}`],
  ];
}

/** The two sections, or none when the note records neither. */
export function anticoagSections(note: { anticoagulation?: AnticoagDecision; followUpChecks?: FollowUpCheck[] }): ContentSection[] {
  const out: ContentSection[] = [];
  const a = note.anticoagulation;
  if (a) {
    out.push({
      id: 'anticoagulation',
      title: 'Antithrombotic drug and timing of the block',
      blocks: [
        { kind: 'fields', rows: decisionRows(a) },
        { kind: 'list', items: a.shown.lines },
        { kind: 'paragraph', text: `Guidance shown in BlockPlan with its sources (${a.shown.sources.join('; ')}); the decision is the clinician's.` },
      ],
    });
  }
  const checks = note.followUpChecks ?? [];
  if (checks.length) {
    out.push({
      id: 'follow-up-checks',
      title: 'Follow-up checks',
      blocks: [
        {
          kind: 'table',
          head: ['Check', 'When', 'Outcome', 'Source'],
          rows: checks.map((c) => [
            c.check,
            `${c.when}${c.dueAt ? ` (due ${when(c.dueAt)})` : ''}`,
            c.outcome ? `${FOLLOW_UP_OUTCOME_TEXT[c.outcome]}${c.findings ? `: ${c.findings}` : ''}${c.recordedAt ? ` (recorded ${when(c.recordedAt)})` : ''}` : NOT_YET,
            c.source,
          ]),
        },
      ],
    });
  }
  return out;
}

/** Sentences for the DICOM SR comment and the FHIR notes. */
export function anticoagSentences(note: { anticoagulation?: AnticoagDecision; followUpChecks?: FollowUpCheck[] }): string[] {
  const out: string[] = [];
  const a = note.anticoagulation;
  if (a) {
    out.push(
      `Antithrombotic drug: ${a.drugName}, last dose ${when(a.lastDose)}; ${a.shown.earliestBlockAt ? `earliest time shown ${when(a.shown.earliestBlockAt)}` : 'no earliest time shown'} (${a.shown.sources.join('; ')}); decision: ${DECISION_TEXT[a.decision]}${a.alternativeBlock ? ` (${a.alternativeBlock})` : ''}${a.reason ? `, reason: ${a.reason}` : ''}.`,
    );
  }
  const checks = note.followUpChecks ?? [];
  if (checks.length) out.push(`Follow-up checks: ${checks.map((c) => `${c.check.split(/[.:]/)[0]} — ${c.outcome ? FOLLOW_UP_OUTCOME_TEXT[c.outcome] : NOT_YET}`).join('; ')}.`);
  return out;
}
