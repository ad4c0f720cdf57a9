import { z } from 'zod';

/**
 * The note's record of the pre-block anticoagulation decision and of the follow-up checks (issue 17).
 * Both are optional parts of the note: a note without them is unchanged. Like ./schema.ts this file
 * imports nothing from the rest of BlockPlan (the case schema imports the note schema).
 *
 * `anticoagulation.shown` is what the plan panel showed when the clinician decided — a copy, so the
 * note still says what was shown after the guideline data changes. The decision, its reason and who
 * decided are what the clinician entered.
 */

const line = () => z.string().max(2000);
const short = () => z.string().max(200);
const iso = () => z.string().max(40);

export const AnticoagDecisionSchema = z.object({
  /** Drug as chosen in the panel (core/anticoag drug id) and its display name. */
  drugId: short(),
  drugName: short(),
  regimen: short(),
  /** Last dose and planned time as entered, ISO 8601. */
  lastDose: iso().optional(),
  plannedAt: iso().optional(),
  /** Creatinine clearance entered, mL/min. */
  crclMlMin: z.number().finite().nonnegative().max(400).optional(),
  shown: z.object({
    /** Per-guideline risk class, one line. */
    riskClass: line(),
    /** Earliest time the block may be done (ISO 8601, UTC), when a number was shown. */
    earliestBlockAt: iso().optional(),
    intervalHours: z.number().finite().nonnegative().optional(),
    /** Where the interval came from ("ESAIC/ESRA 2022, table …"), as shown beside it. */
    intervalSource: line().optional(),
    restartAfterHours: z.number().finite().nonnegative().optional(),
    /** The restart line as shown, with its source ("not before 24 h … (ESAIC/ESRA 2022, …)"). */
    restart: line().optional(),
    /** Whether the planned time met the earliest time, when both were known. */
    plannedMeets: z.boolean().optional(),
    /** Each guideline's sentence with its source, as shown. */
    lines: z.array(line()).max(20),
    sources: z.array(line()).max(10),
  }),
  decision: z.enum(['proceed', 'delay', 'alternative-block']),
  reason: z.string().max(4000).optional(),
  /** The other block, when the decision is an alternative block. */
  alternativeBlock: short().optional(),
  decidedAt: iso(),
  decidedBy: short().optional(),
});
export type AnticoagDecision = z.infer<typeof AnticoagDecisionSchema>;

/** One follow-up check the user added to the note, and its outcome once recorded. */
export const FollowUpCheckSchema = z.object({
  id: short(),
  check: line(),
  /** When, as the source states it. */
  when: short(),
  /** Due time (ISO 8601) when the source gives a time and the block time is known. */
  dueAt: iso().optional(),
  source: line(),
  outcome: z.enum(['as-expected', 'abnormal', 'not-done']).optional(),
  findings: z.string().max(4000).optional(),
  /** When the outcome was recorded (the case reopened for follow-up). */
  recordedAt: iso().optional(),
});
export type FollowUpCheck = z.infer<typeof FollowUpCheckSchema>;

export const FOLLOW_UP_OUTCOME_TEXT: Record<NonNullable<FollowUpCheck['outcome']>, string> = {
  'as-expected': 'as expected / no problem found',
  abnormal: 'abnormal',
  'not-done': 'not done',
};

export const DECISION_TEXT: Record<AnticoagDecision['decision'], string> = {
  proceed: 'proceed',
  delay: 'delay the block',
  'alternative-block': 'alternative block',
};
