/**
 * The follow-up plan: per block, the checks the sources recommend after it, each with its source and,
 * where the source gives one, its time. A check whose timing the source does not give says so and has
 * no due time (the clinician sets it); BlockPlan does not make one up.
 *
 * These are suggestions: a check enters the note only when the user adds it (core/notes anticoag
 * schema), and its outcome only when the user records it.
 */
import { SOURCES } from '../blocks/sources';
import { LAST_SOURCE } from '../notes/last';
import type { Advice } from './advice';
import { GUIDELINES } from './sources';

export interface FollowUpSuggestion {
  /** Stable id within a block, e.g. `ptx-signs`. */
  id: string;
  /** What to check, in words, with the figures the source gives. */
  check: string;
  /** When, as the source states it, or "timing not given by the source". */
  when: string;
  /** Hours after the block when the check is due, where the source gives a time; null otherwise. */
  dueAfterHours: number | null;
  /** The publication the check comes from. */
  source: string;
}

const NO_TIME = 'timing not given by the source: set it';
const cite = (id: keyof typeof SOURCES) => SOURCES[id].citation;
const NOTE_FIELDS = 'Procedure-note fields (RA-UK/SALG Stop Before You Block, Gerancher standard form, NYSORA monitoring and documentation): block check, pain scores before and after, catheter details, follow-up plan';

const s = (id: string, check: string, source: string, when = NO_TIME, dueAfterHours: number | null = null): FollowUpSuggestion => ({ id, check, when, dueAfterHours, source });

const COMMON: FollowUpSuggestion[] = [
  s('sensory-motor', 'Sensory and motor block: record what is blocked and the time it was checked.', NOTE_FIELDS),
  s(
    'last-signs',
    'Signs of local anaesthetic systemic toxicity (perioral numbness, metallic taste, tinnitus, agitation, seizures; hypertension and tachycardia, then bradycardia, hypotension, arrhythmia). If any occurred: monitor for at least 2 h after a limited CNS event, at least 4–6 h after a cardiovascular event.',
    LAST_SOURCE.citation,
    'after injection; the observation window applies if signs occurred',
  ),
];

const PAIN_RELIEF = (src: string) => s('relief', 'Pain score after the block and % relief (diagnostic or prognostic block: the relief is the result).', `${src}; ${NOTE_FIELDS}`);

/** Block-specific checks, by template id. */
export const BLOCK_FOLLOW_UP: Readonly<Record<string, readonly FollowUpSuggestion[]>> = {
  'thoracic-paravertebral': [
    s('ptx-signs', 'Pneumothorax signs: dyspnoea, pleuritic chest pain, falling SpO₂, reduced breath sounds (pleural puncture 0.8 %, pneumothorax 0.5 % in a landmark series; about eightfold with bilateral blocks).', cite('S4'), 'before discharge and whenever symptoms appear later (timing not given by the source)'),
    s('hypotension', 'Hypotension (4.0 %) and, at high levels, Horner syndrome; epidural or intrathecal spread (1.0 %).', cite('S4')),
    s('haematoma', 'Haematoma or bleeding at the site (vascular puncture 6.8 %, haematoma 2.4 %).', cite('S4')),
  ],
  'celiac-plexus': [
    s('orthostatic', 'Orthostatic hypotension (the most common effect): lying and standing blood pressure before mobilising.', cite('S7')),
    s('diarrhoea', 'Diarrhoea.', cite('S7')),
    s('back-pain', 'Back pain; signs of retroperitoneal haemorrhage or of injury to the organs on the path.', cite('S7')),
    PAIN_RELIEF(cite('S7')),
  ],
  'ganglion-impar': [s('rectal', 'Rectal puncture or infection signs; bleeding; pain flare or neuritis.', cite('S8')), PAIN_RELIEF(cite('S8'))],
  'stellate-ganglion': [s('horner', 'Horner syndrome (the expected sign of success); hoarseness; dysphagia; neck swelling or haematoma (retropharyngeal haematoma can be catastrophic).', cite('S16')), PAIN_RELIEF(cite('S16'))],
  'erector-spinae-plane': [s('esp', 'Pneumothorax signs (rare), hypotension, haematoma; motor weakness after lumbar injections; levels covered.', cite('S9'))],
  'transversus-abdominis-plane': [s('quads', 'Quadriceps weakness (local anaesthetic tracking to the femoral nerve): before the patient walks.', cite('S10'))],
  'quadratus-lumborum-anterior': [s('ql-motor', 'Hip-flexor and quadriceps weakness before mobilising (one case lasted 18 h after a lateral QL with 20 mL); hypotension.', cite('S11'))],
  'quadratus-lumborum-lateral': [s('ql-motor', 'Hip-flexor and quadriceps weakness before mobilising (one case lasted 18 h after a lateral QL with 20 mL); hypotension.', cite('S11'))],
  'quadratus-lumborum-posterior': [s('ql-motor', 'Hip-flexor and quadriceps weakness before mobilising (one case lasted 18 h after a lateral QL with 20 mL); hypotension.', cite('S11'))],
  interscalene: [s('hdp', 'Dyspnoea from hemidiaphragmatic paresis (about 100 % in classic high-volume series); hoarseness; Horner syndrome.', cite('S12'))],
  supraclavicular: [s('ptx-hdp', 'Pneumothorax signs; dyspnoea from hemidiaphragmatic paresis; Horner syndrome; hoarseness.', cite('S13'))],
  femoral: [s('quads', 'Quadriceps weakness: falls precautions before the patient walks.', cite('S14'))],
  peng: [s('quads', 'Quadriceps weakness (femoral nerve nearby): before the patient walks.', cite('S15'))],
  genicular: [PAIN_RELIEF(cite('S17'))],
  'suprascapular-anterior': [s('hdp', 'Dyspnoea from hemidiaphragmatic paresis (plexus and phrenic spread with the anterior approach).', cite('S18'))],
  'suprascapular-posterior': [s('ptx', 'Pneumothorax signs (about 1 %, not confirmed by the sources).', cite('S18'))],
  'spinal-cord-stimulator-trial': [
    s('scs-neuro', 'Headache (dural puncture, CSF leak); new weakness or numbness (epidural haematoma); wound infection.', cite('S19')),
    s('scs-review', 'Trial review: coverage and relief; lead migration (the most common complication); remove the lead.', cite('S19'), 'at the end of the trial (~1 week)', 168),
    s('scs-anticoag', 'The anticoagulant stays on hold until the lead is removed.', cite('S19'), 'until the lead is removed'),
  ],
};

/**
 * The suggested checks for a block: its own, the common ones, a catheter review when the note records
 * a catheter, and the restart of the drug when an anticoagulation advice with a restart time exists.
 */
export function followUpSuggestions(templateId: string | undefined, opts: { catheter?: boolean; advice?: Advice } = {}): FollowUpSuggestion[] {
  const out = [...(templateId ? (BLOCK_FOLLOW_UP[templateId] ?? []) : []), ...COMMON];
  if (opts.catheter) {
    out.push(s('catheter', 'Catheter review: site, depth at skin, securing, infusion plan. Remove it before the next dose of a VKA, DOAC, high-dose LMWH or high-dose UFH (these should not be given with a catheter in situ).', `${NOTE_FIELDS}; ${GUIDELINES['esaic-esra-2022'].citation}`));
  }
  const a = opts.advice;
  const restartRow = a?.rows.filter((r) => r.restartAfterHours !== null).sort((x, y) => (y.restartAfterHours ?? 0) - (x.restartAfterHours ?? 0))[0];
  if (a && restartRow && restartRow.restartAfterHours !== null) {
    out.push(s('restart', `Restart ${a.drugName.toLowerCase()} not before ${restartRow.restartAfterHours} h after the block or catheter removal ("${restartRow.restartText}").`, restartRow.restartSource, `${restartRow.restartAfterHours} h after the block`, restartRow.restartAfterHours));
  }
  return out;
}
