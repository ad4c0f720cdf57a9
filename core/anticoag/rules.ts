/**
 * Drug × block-risk rules as cited data: the interval from the last dose to the block, from the block
 * (or catheter removal) to the next dose, renal bands and laboratory criteria — each rule from ONE
 * guideline table, its row transcribed in docs/reference/anticoagulation.md (`ref`, and the column the
 * figure sits in), which the tests read.
 *
 * A drug a guideline covers but whose figures BlockPlan could not confirm has no rule here: the
 * advice then says "not confirmed" for that guideline. Never fill one in from memory.
 */
import type { RiskClass } from './blocks';
import type { DrugId, Regimen } from './drugs';
import { ASRA_THROMBOLYTIC, CLOPIDOGREL_LABEL_NEURAXIAL, CLOPIDOGREL_LABEL_RESTART, ESAIC_TABLE, PAIN_DRUG_TABLE, type GuidelineId } from './sources';

/** A time figure as the table gives it. */
export interface TimeFigure {
  /**
   * - `value`: `hours` is the figure (days × 24); `maxHours` when the table gives a range (the
   *   calculator uses `hours`, the lower bound, as the earliest time and shows the range).
   * - `no-stop`: the guideline does not ask for the drug to be stopped ("No").
   * - `not-numeric`: a statement without a time (shared assessment; until a laboratory target).
   * - `not-confirmed`: the guideline's figure could not be confirmed; left empty.
   */
  status: 'value' | 'no-stop' | 'not-numeric' | 'not-confirmed';
  hours: number | null;
  maxHours?: number;
  /** The cell as transcribed (what the UI shows beside the number). */
  text: string;
}

export interface IntervalRule {
  id: string;
  guideline: GuidelineId;
  /** Table or section the figures come from. */
  place: string;
  /** Where `after` comes from, when it is another section of the same source (one source per value). */
  afterPlace?: string;
  /** Row key in docs/reference/anticoagulation.md. */
  ref: string;
  /** Column (1-based, after `ref`) of that row holding `before`, and of `after`. */
  beforeCol: number;
  afterCol: number;
  drug: DrugId;
  regimens: readonly Regimen[];
  classes: readonly RiskClass[];
  /** Creatinine clearance band, mL/min: `below` exclusive, `atLeast` inclusive. */
  crcl?: { below?: number; atLeast?: number };
  before: TimeFigure;
  after: TimeFigure;
  /** Laboratory criterion at the block, as the table states it. */
  lab?: string;
  note?: string;
}

const h = (hours: number, text: string, maxHours?: number): TimeFigure => ({ status: 'value', hours, text, ...(maxHours !== undefined ? { maxHours } : {}) });
const days = (n: number, text: string): TimeFigure => h(n * 24, text);
const noStop = (text = 'No'): TimeFigure => ({ status: 'no-stop', hours: 0, text });
const words = (text: string): TimeFigure => ({ status: 'not-numeric', hours: null, text });
const notConfirmed = (): TimeFigure => ({ status: 'not-confirmed', hours: null, text: 'not confirmed' });

// ---------------------------------------------------------------------------------------------
// ESAIC/ESRA 2022: neuraxial and deep (high-bleeding-risk) blocks. Columns: 1 drug, 2 before, 3 lab, 4 after.

const HIGH_RISK_BLOCKS: readonly RiskClass[] = ['neuraxial', 'deep'];
const esaic = (r: Omit<IntervalRule, 'guideline' | 'place' | 'classes' | 'beforeCol' | 'afterCol'>): IntervalRule => ({
  guideline: 'esaic-esra-2022',
  place: ESAIC_TABLE,
  classes: HIGH_RISK_BLOCKS,
  beforeCol: 2,
  afterCol: 4,
  ...r,
});
const LOW_DOAC_AFTER = h(6, 'low doses: per postoperative VTE-prophylaxis guidance (about 6 h postoperatively)');
const HIGH_DOAC_AFTER = h(24, 'high doses: per therapeutic-anticoagulation guidance (about 24 h postoperatively)');
const DXA_LAB = 'DXA level <30 ng/mL (alternative: ≤0.1 anti-Xa IU/mL)';
const CATHETER = 'Not to be given with a catheter in situ.';

const ESAIC_RULES: IntervalRule[] = [
  esaic({ id: 'esaic-warfarin', ref: 'esaic-vka', drug: 'warfarin', regimens: ['any'], before: days(5, 'about 5 days warfarin'), after: notConfirmed(), lab: 'INR normal', note: `The INR decides, not the days. ${CATHETER}` }),
  esaic({ id: 'esaic-acenocoumarol', ref: 'esaic-vka', drug: 'acenocoumarol', regimens: ['any'], before: days(3, 'about 3 days acenocoumarol'), after: notConfirmed(), lab: 'INR normal', note: `The INR decides, not the days. ${CATHETER}` }),
  ...(['rivaroxaban', 'edoxaban'] as const).flatMap((drug) => [
    esaic({ id: `esaic-${drug}-low`, ref: 'esaic-dxa-low-riva-edox', drug, regimens: ['prophylactic'], crcl: { atLeast: 30 }, before: h(24, '24 h'), after: LOW_DOAC_AFTER, lab: 'no testing' }),
    esaic({ id: `esaic-${drug}-low-crcl30`, ref: 'esaic-dxa-low-riva-edox', drug, regimens: ['prophylactic'], crcl: { below: 30 }, before: h(30, '30 h if CrCl <30'), after: LOW_DOAC_AFTER, lab: 'no testing' }),
  ]),
  esaic({ id: 'esaic-apixaban-low', ref: 'esaic-dxa-low-apix', drug: 'apixaban', regimens: ['prophylactic'], before: h(36, '36 h'), after: LOW_DOAC_AFTER, lab: 'no testing' }),
  ...(['rivaroxaban', 'apixaban', 'edoxaban'] as const).flatMap((drug) => [
    esaic({ id: `esaic-${drug}-high`, ref: 'esaic-dxa-high', drug, regimens: ['treatment'], crcl: { atLeast: 30 }, before: h(72, '72 h or until target laboratory value'), after: HIGH_DOAC_AFTER, lab: DXA_LAB, note: CATHETER }),
    esaic({ id: `esaic-${drug}-high-crcl30`, ref: 'esaic-dxa-high', drug, regimens: ['treatment'], crcl: { below: 30 }, before: words('until target laboratory value if CrCl <30'), after: HIGH_DOAC_AFTER, lab: DXA_LAB, note: CATHETER }),
  ]),
  esaic({ id: 'esaic-dabigatran-low', ref: 'esaic-dabi-low', drug: 'dabigatran', regimens: ['prophylactic'], before: h(48, '48 h'), after: LOW_DOAC_AFTER, lab: 'no testing' }),
  esaic({ id: 'esaic-dabigatran-high', ref: 'esaic-dabi-high', drug: 'dabigatran', regimens: ['treatment'], crcl: { atLeast: 50 }, before: h(72, '72 h or until target laboratory value'), after: HIGH_DOAC_AFTER, lab: 'DTI level <30 ng/mL (alternative: thrombin time in the local normal range)', note: CATHETER }),
  esaic({ id: 'esaic-dabigatran-high-crcl50', ref: 'esaic-dabi-high', drug: 'dabigatran', regimens: ['treatment'], crcl: { below: 50 }, before: words('until target laboratory value if CrCl <50'), after: HIGH_DOAC_AFTER, lab: 'DTI level <30 ng/mL (alternative: thrombin time in the local normal range)', note: CATHETER }),
  ...(['enoxaparin', 'dalteparin'] as const).flatMap((drug) => [
    esaic({ id: `esaic-${drug}-low`, ref: 'esaic-lmwh-low', drug, regimens: ['prophylactic'], crcl: { atLeast: 30 }, before: h(12, '12 h'), after: notConfirmed(), lab: 'no testing' }),
    esaic({ id: `esaic-${drug}-low-crcl30`, ref: 'esaic-lmwh-low', drug, regimens: ['prophylactic'], crcl: { below: 30 }, before: h(24, '24 h if CrCl <30'), after: notConfirmed(), lab: 'no testing' }),
    esaic({ id: `esaic-${drug}-high`, ref: 'esaic-lmwh-high', drug, regimens: ['treatment'], crcl: { atLeast: 30 }, before: h(24, '24 h'), after: notConfirmed(), lab: '≤0.1 anti-Xa IU/mL', note: CATHETER }),
    esaic({ id: `esaic-${drug}-high-crcl30`, ref: 'esaic-lmwh-high', drug, regimens: ['treatment'], crcl: { below: 30 }, before: h(48, '48 h if CrCl <30'), after: notConfirmed(), lab: '≤0.1 anti-Xa IU/mL', note: CATHETER }),
  ]),
  esaic({ id: 'esaic-ufh-sc-low', ref: 'esaic-ufh-low', drug: 'ufh-sc', regimens: ['prophylactic'], before: h(4, '4 h'), after: h(1, '1 h'), lab: 'no testing' }),
  esaic({ id: 'esaic-ufh-iv-low', ref: 'esaic-ufh-low', drug: 'ufh-iv', regimens: ['prophylactic'], before: h(4, '4 h'), after: h(1, '1 h'), lab: 'no testing' }),
];

// ---------------------------------------------------------------------------------------------
// Pain procedures (Narouze 2018). Columns: 1 drug, 2 high, 3 intermediate, 4 low, 5 restart.

const PAIN_COL: Record<'high' | 'intermediate' | 'low', number> = { high: 2, intermediate: 3, low: 4 };
/** One row of the pain table → one rule per procedure class. `after` may differ by class. */
function painRow(
  ref: string,
  drug: DrugId,
  regimens: readonly Regimen[],
  byClass: Record<'high' | 'intermediate' | 'low', TimeFigure>,
  after: TimeFigure | Record<'high' | 'intermediate' | 'low', TimeFigure>,
  lab?: string,
): IntervalRule[] {
  return (['high', 'intermediate', 'low'] as const).map((c) => ({
    id: `${ref}-${c}`,
    guideline: 'asra-pain-2018' as const,
    place: PAIN_DRUG_TABLE,
    ref,
    beforeCol: PAIN_COL[c],
    afterCol: 5,
    drug,
    regimens,
    classes: [c],
    before: byClass[c],
    after: 'status' in after ? after : after[c],
    ...(lab ? { lab } : {}),
  }));
}
const shared = () => words('shared assessment');
const H24 = h(24, '24 h');
const nsaid = (drug: DrugId, n: number) => painRow(`pain-nsaid-${drug}`, drug, ['any'], { high: days(n, `${n} day${n > 1 ? 's' : ''}`), intermediate: noStop(), low: noStop() }, H24);
const LMWH_AFTER = { high: h(12, '12 to 24 h', 24), intermediate: h(12, '12 to 24 h', 24), low: h(4, '4 h') };

const PAIN_RULES: IntervalRule[] = [
  ...painRow('pain-aspirin-primary', 'aspirin', ['primary'], { high: days(6, '6 days'), intermediate: shared(), low: noStop() }, H24),
  ...painRow('pain-aspirin-secondary', 'aspirin', ['secondary'], { high: shared(), intermediate: shared(), low: noStop() }, H24),
  ...nsaid('ibuprofen', 1),
  ...nsaid('diclofenac', 1),
  ...nsaid('ketorolac', 1),
  ...nsaid('etodolac', 2),
  ...nsaid('indomethacin', 2),
  ...nsaid('naproxen', 4),
  ...nsaid('meloxicam', 4),
  ...nsaid('nabumetone', 6),
  ...nsaid('oxaprozin', 10),
  ...nsaid('piroxicam', 10),
  ...painRow('pain-cilostazol', 'cilostazol', ['any'], { high: days(2, '2 days'), intermediate: noStop(), low: noStop() }, H24),
  ...painRow('pain-dipyridamole', 'dipyridamole', ['any'], { high: days(2, '2 days'), intermediate: noStop(), low: noStop() }, notConfirmed()),
  ...painRow('pain-warfarin', 'warfarin', ['any'], { high: days(5, '5 days, normal INR'), intermediate: days(5, '5 days, normal INR'), low: words('No; shared assessment') }, h(6, '6 h'), 'INR normal'),
  ...painRow('pain-acenocoumarol', 'acenocoumarol', ['any'], { high: days(3, '3 days, normal INR'), intermediate: days(3, '3 days, normal INR'), low: words('No; shared assessment') }, H24, 'INR normal'),
  ...painRow('pain-ufh-iv', 'ufh-iv', ['prophylactic', 'treatment'], { high: h(6, '6 h'), intermediate: h(6, '6 h'), low: h(6, '6 h') }, h(2, '2 h')),
  ...painRow('pain-ufh-sc', 'ufh-sc', ['prophylactic', 'treatment'], { high: h(24, '24 h'), intermediate: h(6, '6 h'), low: h(6, '6 h') }, { high: h(6, '6 h (high-risk)'), intermediate: h(2, '2 h (low- and intermediate-risk)'), low: h(2, '2 h (low- and intermediate-risk)') }),
  ...painRow('pain-enoxaparin-prophylactic', 'enoxaparin', ['prophylactic'], { high: h(12, '12 h'), intermediate: h(12, '12 h'), low: h(12, '12 h') }, LMWH_AFTER),
  ...painRow('pain-enoxaparin-therapeutic', 'enoxaparin', ['treatment'], { high: H24, intermediate: H24, low: H24 }, LMWH_AFTER),
  ...painRow('pain-dalteparin', 'dalteparin', ['prophylactic', 'treatment'], { high: H24, intermediate: H24, low: H24 }, LMWH_AFTER),
];

// ---------------------------------------------------------------------------------------------
// ASRA 2018. Columns: 1 drug, 2 before, 3 after.

const ASRA_RULES: IntervalRule[] = [
  {
    id: 'asra-thrombolytic',
    guideline: 'asra-2018',
    place: ASRA_THROMBOLYTIC,
    ref: 'asra-thrombolytic',
    beforeCol: 2,
    afterCol: 3,
    drug: 'thrombolytic',
    regimens: ['any'],
    classes: ['neuraxial'],
    before: h(48, '48 h and normal clotting studies (including fibrinogen) suggested'),
    after: notConfirmed(),
    lab: 'normal clotting studies, including fibrinogen',
    note: 'Neuraxial blocks are recommended against after fibrinolytic or thrombolytic drugs except in highly unusual circumstances (1A).',
  },
];

// ---------------------------------------------------------------------------------------------
// Drug labels, where no guideline figure could be confirmed. Columns: 1 drug, 2 before neuraxial
// blockade, 3 before surgery with a major risk of bleeding, 4 restart. A label speaks of neuraxial
// blockade, not of blocks: ./advice.ts applies it to a block only where a guideline classes the block
// neuraxial or deep (ASRA and ESAIC/ESRA put deep blocks under the neuraxial rules), and says so.

const LABEL_RULES: IntervalRule[] = [
  {
    id: 'label-clopidogrel',
    guideline: 'clopidogrel-label-us',
    place: CLOPIDOGREL_LABEL_NEURAXIAL,
    afterPlace: CLOPIDOGREL_LABEL_RESTART,
    ref: 'label-clopidogrel',
    beforeCol: 2,
    afterCol: 4,
    drug: 'clopidogrel',
    regimens: ['any'],
    classes: ['neuraxial', 'deep'],
    before: h(120, '5 to 7 days prior to labor, delivery, or neuraxial blockade', 168),
    after: words('as soon as hemostasis is achieved'),
    note: 'The label also asks to avoid neuraxial blockade during clopidogrel use (risk of spinal hematoma).',
  },
];

/** Every rule. */
export const INTERVAL_RULES: readonly IntervalRule[] = [...ESAIC_RULES, ...PAIN_RULES, ...ASRA_RULES, ...LABEL_RULES];
