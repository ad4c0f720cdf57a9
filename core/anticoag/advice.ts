/**
 * From the block, the drug, its regimen, the last dose (and creatinine clearance where it matters):
 * what each guideline says, the earliest time the block may be done, whether the planned time meets
 * it and when the drug may restart. Guidance with its source, never a gate: nothing here refuses a
 * plan, and nothing is written into the note.
 *
 * Where the guidelines differ, every guideline's figure is returned and `sourcesDiffer` says so; the
 * summary figures (`intervalHours`, `earliestBlockAt`, `restartAfterHours`) are those of the longest
 * confirmed interval, with the guideline that gives it.
 */
import { blockRisk, riskClassText, type BlockClassification } from './blocks';
import { drugInfo, type DrugId, type Regimen } from './drugs';
import { INTERVAL_RULES, type IntervalRule, type TimeFigure } from './rules';
import { GUIDELINES, LABEL_IDS, placeText, type GuidelineId, type LabelId } from './sources';

export interface AdviceInput {
  templateId: string;
  drug: DrugId;
  /** Required when the drug has more than one regimen; `any` otherwise. */
  regimen?: Regimen;
  /** Last dose, as an epoch time in ms (the app layer parses ISO text). */
  lastDoseMs?: number;
  /** Creatinine clearance, mL/min. */
  crclMlMin?: number;
  /** Planned block time, epoch ms. */
  plannedMs?: number;
}

export type AdviceKind =
  | 'interval' // a number of hours before the block
  | 'no-stop' // the guideline does not ask for the drug to be stopped
  | 'not-numeric' // a statement (shared assessment; until a laboratory target)
  | 'not-confirmed' // the guideline's figure could not be confirmed
  | 'superficial' // ESAIC/ESRA: a superficial, compressible block: the intervals do not apply
  | 'no-classification' // the guideline does not classify this block
  | 'not-applicable' // classified, but this guideline has no rule for that class (e.g. ASRA pain for a deep PNB)
  | 'regimen-needed'; // the drug has two regimens and none was chosen

export interface GuidelineAdvice {
  guideline: GuidelineId;
  classification: BlockClassification;
  kind: AdviceKind;
  rule?: IntervalRule;
  intervalHours: number | null;
  /** The table's words for the interval, e.g. "72 h or until target laboratory value". */
  intervalText: string;
  earliestBlockMs: number | null;
  restartAfterHours: number | null;
  restartText: string;
  /** Where the restart figure comes from (may differ from `source`, e.g. another section of a label). */
  restartSource: string;
  lab?: string;
  /** A sentence that says it all, with the source. */
  message: string;
  /** "ESAIC/ESRA 2022, table of …". */
  source: string;
}

export interface Advice {
  input: AdviceInput;
  drugName: string;
  regimen: Regimen;
  classifications: readonly BlockClassification[];
  riskClassText: string;
  rows: GuidelineAdvice[];
  /** The row with the longest confirmed interval (null when no row gives a number). */
  governing: GuidelineAdvice | null;
  intervalHours: number | null;
  earliestBlockMs: number | null;
  /** null when there is no planned time, or no number to compare with. */
  plannedMeets: boolean | null;
  restartAfterHours: number | null;
  /** Where `restartAfterHours` comes from ("ESAIC/ESRA 2022, table …"), or null with it. */
  restartSource: string | null;
  sourcesDiffer: boolean;
  /** Sentences the UI, the CLI and the note show. */
  notes: string[];
}

const HOUR_MS = 3_600_000;

function crclFits(rule: IntervalRule, crcl: number | undefined): boolean | 'unknown' {
  if (!rule.crcl) return true;
  if (crcl === undefined) return 'unknown';
  if (rule.crcl.below !== undefined && !(crcl < rule.crcl.below)) return false;
  if (rule.crcl.atLeast !== undefined && !(crcl >= rule.crcl.atLeast)) return false;
  return true;
}

/** Longest figure first; a statement without hours (e.g. "until the laboratory target") ranks below the numbers. */
const rank = (f: TimeFigure): number => (f.status === 'value' ? (f.hours ?? 0) : -1);

/** The rule of a guideline for this drug, regimen, class and CrCl (CrCl unknown: the longest of the bands). */
function findRule(g: GuidelineId, drug: DrugId, regimen: Regimen, c: BlockClassification, crcl: number | undefined): { rule?: IntervalRule; otherBands: IntervalRule[] } {
  const cands = INTERVAL_RULES.filter((r) => r.guideline === g && r.drug === drug && (r.regimens.includes(regimen) || r.regimens.includes('any')) && c.riskClass !== null && r.classes.includes(c.riskClass));
  const fitting = cands.filter((r) => crclFits(r, crcl) !== false);
  if (!fitting.length) return { otherBands: [] };
  const rule = [...fitting].sort((a, b) => rank(b.before) - rank(a.before))[0]!;
  return { rule, otherBands: fitting.filter((r) => r !== rule && crclFits(r, crcl) === 'unknown') };
}

const bandText = (r: IntervalRule) => (r.crcl?.below !== undefined ? `CrCl <${r.crcl.below} mL/min` : `CrCl ≥${r.crcl?.atLeast} mL/min`);

const hoursText = (n: number) => (n % 24 === 0 && n >= 48 ? `${n} h (${n / 24} days)` : `${n} h`);

function rowFor(input: AdviceInput, regimen: Regimen, c: BlockClassification): GuidelineAdvice {
  const g = GUIDELINES[c.guideline];
  const drug = drugInfo(input.drug);
  const base = { guideline: c.guideline, classification: c, intervalHours: null, intervalText: '', earliestBlockMs: null, restartAfterHours: null, restartText: '', source: placeText(c), restartSource: placeText(c) };
  if (c.riskClass === null) {
    return { ...base, kind: c.basis === 'none' ? 'no-classification' : 'not-applicable', message: `${g.short}: ${c.statement}` };
  }
  if (c.riskClass === 'superficial') {
    return {
      ...base,
      kind: 'superficial',
      message: `${g.short}: ${c.statement} No interval before the block is required by this guideline for a superficial, compressible block; weigh the bleeding risk of this patient and site.`,
    };
  }
  if (drug.regimens.length > 1 && regimen === 'any') {
    return { ...base, kind: 'regimen-needed', message: `${g.short}: choose the regimen (${drug.regimens.join(' or ')}): the intervals differ.` };
  }
  const { rule, otherBands } = findRule(c.guideline, input.drug, regimen, c, input.crclMlMin);
  if (!rule) {
    return {
      ...base,
      kind: 'not-confirmed',
      intervalText: 'not confirmed',
      restartText: 'not confirmed',
      message: `${g.short}: no confirmed figure for ${drug.name.toLowerCase()} before a block in this class — BlockPlan could not confirm one from the guideline. Check the guideline.`,
    };
  }
  const b = rule.before;
  const source = placeText(rule);
  const restart = rule.after.status === 'value' ? rule.after.hours : null;
  const restartSource = placeText({ guideline: rule.guideline, place: rule.afterPlace ?? rule.place });
  const common = { ...base, rule, source, restartSource, intervalText: b.text, restartAfterHours: restart, restartText: rule.after.text, ...(rule.lab ? { lab: rule.lab } : {}) };
  const crclNote = otherBands.length
    ? ` CrCl not given: shown for ${bandText(rule)}; with ${otherBands.map((o) => `${bandText(o)}: ${o.before.text}`).join('; ')}.`
    : '';
  if (b.status === 'no-stop') {
    return { ...common, kind: 'no-stop', intervalHours: 0, earliestBlockMs: input.lastDoseMs ?? null, message: `${g.short}: no need to stop ${drug.name.toLowerCase()} ("${b.text}") — ${source}.` };
  }
  if (b.status !== 'value' || b.hours === null) {
    return { ...common, kind: b.status === 'not-confirmed' ? 'not-confirmed' : 'not-numeric', message: `${g.short}: ${b.text}${rule.lab ? `; laboratory: ${rule.lab}` : ''} — ${source}.${crclNote}` };
  }
  const earliest = input.lastDoseMs === undefined ? null : input.lastDoseMs + b.hours * HOUR_MS;
  return {
    ...common,
    kind: 'interval',
    intervalHours: b.hours,
    earliestBlockMs: earliest,
    message: `${g.short}: at least ${hoursText(b.hours)} after the last dose ("${b.text}")${rule.lab && rule.lab !== 'no testing' ? `; laboratory: ${rule.lab}` : ''} — ${source}.${crclNote}`,
  };
}

/**
 * How a label (which speaks of neuraxial blockade, not of blocks) applies to this block: only where a
 * guideline classes the block neuraxial or deep — ASRA 2018 and ESAIC/ESRA 2022 put deep blocks under
 * the neuraxial rules — and then as BlockPlan's reading, naming the guideline that classed it.
 */
function labelClassification(label: LabelId, cs: readonly BlockClassification[]): BlockClassification {
  const g = GUIDELINES[label];
  const by = cs.find((c) => c.riskClass === 'neuraxial') ?? cs.find((c) => c.riskClass === 'deep');
  const place = INTERVAL_RULES.find((r) => r.guideline === label)?.place ?? '';
  if (!by) {
    return {
      guideline: label,
      riskClass: null,
      basis: 'none',
      statement: `No guideline classification of this block as neuraxial or deep, so the label's figure for neuraxial blockade (${g.short}) is not applied to it.`,
      place,
    };
  }
  return {
    guideline: label,
    riskClass: by.riskClass,
    basis: 'criterion',
    statement: `BlockPlan's reading: the label gives its figure for neuraxial blockade; ${GUIDELINES[by.guideline].short} classes this block ${by.riskClass === 'deep' ? 'deep (noncompressible), and deep blocks follow the neuraxial rules' : 'under the neuraxial rules'}.`,
    place,
  };
}

/** The advice for one block and one drug. Pure: the same input gives the same output. */
export function anticoagAdvice(input: AdviceInput): Advice {
  const info = drugInfo(input.drug);
  const regimen: Regimen = input.regimen ?? (info.regimens.length === 1 ? info.regimens[0]! : 'any');
  const classifications = blockRisk(input.templateId);
  const labels = LABEL_IDS.filter((l) => INTERVAL_RULES.some((r) => r.guideline === l && r.drug === input.drug));
  const rows = [...classifications, ...labels.map((l) => labelClassification(l, classifications))].map((c) => rowFor(input, regimen, c));
  const numeric = rows.filter((r) => r.kind === 'interval' || r.kind === 'no-stop');
  const governing = numeric.length ? [...numeric].sort((a, b) => (b.intervalHours ?? 0) - (a.intervalHours ?? 0))[0]! : null;
  const distinct = new Set(numeric.map((r) => r.intervalHours));
  const restartRow = rows.filter((r) => r.restartAfterHours !== null).sort((a, b) => b.restartAfterHours! - a.restartAfterHours!)[0];
  const notes: string[] = [];
  if (distinct.size > 1) notes.push(`The guidelines differ: ${numeric.map((r) => `${GUIDELINES[r.guideline].short} ${r.intervalHours} h`).join(', ')}. The longest is shown as the earliest time; each is listed with its source.`);
  if (rows.some((r) => r.kind === 'not-confirmed')) notes.push('Some figures could not be confirmed from the guidelines and are left empty: check the guideline before relying on the others.');
  if (rows.every((r) => r.kind === 'no-classification' || r.kind === 'not-applicable')) notes.push('No guideline classification for this block: no interval is computed.');
  if (input.lastDoseMs === undefined && governing && governing.intervalHours) notes.push('Enter the last dose to compute the earliest time.');
  notes.push('Guidance with its source, not a rule: the decision is the clinician’s.');
  const plannedMeets = governing && governing.earliestBlockMs !== null && input.plannedMs !== undefined ? input.plannedMs >= governing.earliestBlockMs : null;
  return {
    input,
    drugName: info.name,
    regimen,
    classifications,
    riskClassText: riskClassText(classifications),
    rows,
    governing,
    intervalHours: governing?.intervalHours ?? null,
    earliestBlockMs: governing?.earliestBlockMs ?? null,
    plannedMeets,
    restartAfterHours: restartRow ? restartRow.restartAfterHours : null,
    restartSource: restartRow ? restartRow.restartSource : null,
    sourcesDiffer: distinct.size > 1,
    notes,
  };
}
