/**
 * Bleeding-risk class of each block template, per guideline — cited, never invented.
 *
 * `basis` says how the class was reached:
 * - `named`: the guideline names the block or the group it belongs to (e.g. "sympathetic block (e.g.
 *   celiac plexus…)", "paravertebral" among ASRA's deep blocks).
 * - `criterion`: the guideline states a criterion but no per-block list BlockPlan could confirm
 *   (ESAIC/ESRA: deep/noncompressible vs superficial/compressible); BlockPlan applied it to the
 *   block's anatomy and says so ("BlockPlan's reading") wherever it is shown.
 * - `none`: no guideline classification.
 */
import { ASRA_PERIPHERAL, ESAIC_TABLE, GUIDELINES, PAIN_CLASS_TABLE, type GuidelineId } from './sources';

/**
 * - `neuraxial`: a neuraxial procedure, or a block the guideline puts under the neuraxial rules.
 * - `deep` / `superficial`: ESAIC/ESRA 2022's high- and low-bleeding-risk peripheral blocks.
 * - `high` / `intermediate` / `low`: the pain-procedure guideline's classes.
 */
export type RiskClass = 'neuraxial' | 'deep' | 'superficial' | 'high' | 'intermediate' | 'low';

export interface BlockClassification {
  guideline: GuidelineId;
  riskClass: RiskClass | null;
  basis: 'named' | 'criterion' | 'none';
  /** What the guideline says, in words, for this block. */
  statement: string;
  place: string;
  /** Row key in docs/reference/anticoagulation.md, when the class comes from a table row. */
  ref?: string;
  /** A few words for the one-line summary when there is no class (default "no guideline classification"). */
  summary?: string;
}

export const RISK_CLASS_TEXT: Record<RiskClass, string> = {
  neuraxial: 'neuraxial rules apply',
  deep: 'high bleeding risk (deep, noncompressible)',
  superficial: 'low bleeding risk (superficial, compressible)',
  high: 'high-risk procedure',
  intermediate: 'intermediate-risk procedure',
  low: 'low-risk procedure',
};

const ASRA_DEEP = 'ASRA applies the neuraxial recommendations to deep plexus and deep peripheral blocks (named: paravertebral, psoas compartment, sciatic, possibly infraclavicular)';
const ESAIC_RULE = 'ESAIC/ESRA apply the time intervals to neuraxial and deep, noncompressible blocks, not to superficial, compressible ones';
const PAIN_FOOTNOTE = 'blocks where pressure cannot control bleeding (paravertebral, deep plexus, deep peripheral) may be considered higher risk';

const asraNone = (): BlockClassification => ({
  guideline: 'asra-2018',
  riskClass: null,
  basis: 'none',
  statement: `No guideline classification: this block is not among ASRA's named deep blocks. ${ASRA_DEEP}; judge whether this block is deep.`,
  place: ASRA_PERIPHERAL,
});
const asraNeuraxial = (statement: string): BlockClassification => ({ guideline: 'asra-2018', riskClass: 'neuraxial', basis: 'named', statement, place: ASRA_PERIPHERAL });
const esaicNone = (): BlockClassification => ({
  guideline: 'esaic-esra-2022',
  riskClass: null,
  basis: 'none',
  statement: `No guideline classification confirmed for this block. ${ESAIC_RULE}; judge its depth and compressibility.`,
  place: ESAIC_TABLE,
});
const esaicReading = (riskClass: 'deep' | 'superficial', why: string): BlockClassification => ({
  guideline: 'esaic-esra-2022',
  riskClass,
  basis: 'criterion',
  statement: `BlockPlan's reading of the guideline's criterion (its per-block list was not confirmed): ${why}. ${ESAIC_RULE}.`,
  place: ESAIC_TABLE,
});
const esaicNeuraxial = (): BlockClassification => ({ guideline: 'esaic-esra-2022', riskClass: 'neuraxial', basis: 'named', statement: 'A neuraxial (epidural) procedure: the neuraxial time intervals apply.', place: ESAIC_TABLE });
const pain = (riskClass: 'high' | 'intermediate' | 'low', listed: string): BlockClassification => ({
  guideline: 'asra-pain-2018',
  riskClass,
  basis: 'named',
  statement: `Listed as "${listed}" (${RISK_CLASS_TEXT[riskClass]}).${riskClass === 'low' ? ` The guideline adds: ${PAIN_FOOTNOTE}.` : ''}`,
  place: PAIN_CLASS_TABLE,
  ref: `pain-class-${riskClass}`,
});
const painDeep = (): BlockClassification => ({
  guideline: 'asra-pain-2018',
  riskClass: null,
  basis: 'named',
  statement: `Not a class of its own: the guideline lists peripheral nerve blocks as low risk but adds that ${PAIN_FOOTNOTE}. No interval is computed from it for this block.`,
  place: PAIN_CLASS_TABLE,
  ref: 'pain-class-low',
  summary: 'a deep block may be considered higher risk (no class of its own)',
});

const PNB = (): BlockClassification[] => [asraNone(), esaicNone(), pain('low', 'peripheral nerve block')];

/** Per block template id: one classification per guideline, in the order ASRA, ESAIC/ESRA, pain. */
export const BLOCK_RISK: Readonly<Record<string, readonly BlockClassification[]>> = {
  'thoracic-paravertebral': [
    asraNeuraxial(`Named among the deep blocks: ${ASRA_DEEP}.`),
    esaicReading('deep', 'the paravertebral space lies deep, beside the pleura, where bleeding cannot be compressed'),
    painDeep(),
  ],
  'celiac-plexus': [
    { ...asraNone(), statement: 'No guideline classification: a pain procedure, not addressed by the regional-anaesthesia recommendations BlockPlan could confirm.' },
    esaicReading('deep', 'a retroperitoneal, pre-aortic target where bleeding cannot be compressed'),
    pain('intermediate', 'sympathetic block (e.g. celiac plexus, superior hypogastric plexus, ganglion impar)'),
  ],
  'ganglion-impar': [
    { ...asraNone(), statement: 'No guideline classification: a pain procedure, not addressed by the regional-anaesthesia recommendations BlockPlan could confirm.' },
    esaicReading('deep', 'a retroperitoneal target in front of the sacrococcygeal junction where bleeding cannot be compressed'),
    pain('intermediate', 'sympathetic block (e.g. celiac plexus, superior hypogastric plexus, ganglion impar)'),
  ],
  'stellate-ganglion': [asraNone(), esaicNone(), pain('intermediate', 'sympathetic block')],
  'erector-spinae-plane': PNB(),
  'transversus-abdominis-plane': [asraNone(), esaicReading('superficial', 'an abdominal-wall plane that can be compressed'), pain('low', 'peripheral nerve block')],
  'quadratus-lumborum-anterior': [asraNone(), esaicReading('deep', 'the plane between quadratus lumborum and psoas, beside the lumbar plexus, cannot be compressed'), painDeep()],
  'quadratus-lumborum-lateral': PNB(),
  'quadratus-lumborum-posterior': PNB(),
  interscalene: PNB(),
  supraclavicular: PNB(),
  femoral: [asraNone(), esaicReading('superficial', 'the femoral nerve lies beside the femoral artery at the groin, a compressible site'), pain('low', 'peripheral nerve block')],
  peng: PNB(),
  genicular: [asraNone(), esaicReading('superficial', 'bone-surface targets beside the genicular arteries at the knee, compressible'), pain('low', 'peripheral nerve block')],
  'suprascapular-anterior': PNB(),
  'suprascapular-posterior': PNB(),
  'spinal-cord-stimulator-trial': [
    asraNeuraxial('A neuraxial (epidural) procedure: the neuraxial recommendations apply.'),
    esaicNeuraxial(),
    pain('high', 'spinal cord stimulator placement'),
  ],
};

/** The classifications for a template; every guideline says "no guideline classification" for an unknown one. */
export function blockRisk(templateId: string): readonly BlockClassification[] {
  return (
    BLOCK_RISK[templateId] ?? [
      asraNone(),
      esaicNone(),
      { guideline: 'asra-pain-2018', riskClass: null, basis: 'none', statement: 'No guideline classification for this block.', place: PAIN_CLASS_TABLE },
    ]
  );
}

/** "ASRA 2018: neuraxial rules apply · ESAIC/ESRA 2022: high bleeding risk (deep, noncompressible; BlockPlan's reading) · …". */
export function riskClassText(cs: readonly BlockClassification[]): string {
  return cs
    .map((c) => `${GUIDELINES[c.guideline].short}: ${c.riskClass ? `${RISK_CLASS_TEXT[c.riskClass]}${c.basis === 'criterion' ? " (BlockPlan's reading)" : ''}` : (c.summary ?? 'no guideline classification')}`)
    .join(' · ');
}
