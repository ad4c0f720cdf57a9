import { AGENT_NAMES, DOSE_CAVEATS, doseLimitFor, regionalLimits, type DoseLimit, type DoseRegion } from './doses';
import type { Injectate, LocalAnaestheticId, Note } from './schema';

/**
 * Local-anaesthetic dose calculator.
 *
 * - mg = concentration (% w/v) × 10 × volume (mL): 1% = 10 mg/mL, so 0.5% = 5 mg/mL.
 * - The maximum for an agent is the LOWER of (mg/kg × weight) and the absolute ceiling (doses.ts).
 * - Weight is the actual body weight or the ideal body weight (Devine 1974, below), as the note says.
 *   With "ideal", the lower of ideal and actual is used when both are known [derived: conservative].
 * - Amides are summed as fractions of their own maxima (blocks.md §2); esters (chloroprocaine) are
 *   reported separately and in an all-agents sum.
 * - Levels: `caution` at ≥ 80% of a maximum, `over` above 100%.
 * - Liposomal bupivacaine follows blocks.md §2 exactly: 266 mg ceiling, 133 mg for interscalene, no
 *   mg/kg in adults, not convertible mg-for-mg with other bupivacaine (it is its own agent with its
 *   own maximum), plain:liposomal mg ratio ≤ 1:2, other LAs ≥ 20 min before [?].
 *
 * Pure and synchronous; the editor recomputes on every keystroke.
 */

/** Fraction of a maximum at which the calculator cautions (80%). */
export const CAUTION_FRACTION = 0.8;
/** Fraction above which the dose is over the maximum (100%). */
export const OVER_FRACTION = 1;
/** Tolerance for floating-point sums at the thresholds (0.8 must count as 80%). */
const EPS = 1e-9;

export type DoseLevel = 'ok' | 'caution' | 'over' | 'unknown';

/** One message for the clinician. `uncertain` marks statements the reference flags [?]. */
export interface DoseMessage {
  level: 'info' | 'caution' | 'over' | 'error';
  code: string;
  text: string;
  uncertain?: boolean;
}

export type Sex = 'male' | 'female' | 'other' | 'unknown';

/** Citation for the ideal-body-weight formula. */
export const DEVINE_1974 = 'Devine BJ. Gentamicin therapy. Drug Intell Clin Pharm 1974;8:650–655';
/** Centimetres per inch (exact, by definition). */
const CM_PER_INCH = 2.54;
/** Five feet in inches. */
const FIVE_FEET_IN = 60;

/**
 * Ideal body weight, kg, by Devine (1974): men 50 kg + 2.3 kg per inch over 5 ft; women 45.5 kg +
 * 2.3 kg per inch over 5 ft. Returns null when sex is not male/female (the formula has no other form)
 * or the height is not usable. Below 5 ft the formula extrapolates (it is not validated there): the
 * caller gets `belowFiveFeet` to warn.
 */
export function idealBodyWeightKg(heightCm: number | undefined, sex: Sex | undefined): { kg: number; belowFiveFeet: boolean } | null {
  if (heightCm === undefined || !Number.isFinite(heightCm) || heightCm <= 0) return null;
  if (sex !== 'male' && sex !== 'female') return null;
  const inchesOver5ft = heightCm / CM_PER_INCH - FIVE_FEET_IN;
  const base = sex === 'male' ? 50 : 45.5;
  const kg = base + 2.3 * inchesOver5ft;
  if (kg <= 0) return null;
  return { kg, belowFiveFeet: inchesOver5ft < 0 };
}

/** mg in a volume of solution: concentration % w/v × 10 mg/mL per % × volume mL. */
export function mgFromConcentration(concentrationPercent: number, volumeMl: number): number {
  return concentrationPercent * 10 * volumeMl;
}

export interface DoseInput {
  injectate: readonly Injectate[];
  /** Actual body weight, kg. */
  weightKg?: number;
  heightCm?: number;
  sex?: Sex;
  weightBasis: 'actual' | 'ideal';
  region: DoseRegion;
  /** The block is interscalene (liposomal bupivacaine ceiling 133 mg). */
  interscalene: boolean;
}

export interface InjectionDose {
  /** Index in the note's injectate list. */
  index: number;
  site?: string;
  agent: Injectate['agent'];
  /** Agent display name (the typed name for `other`). */
  agentName: string;
  adrenaline: boolean;
  concentrationPercent?: number;
  volumeMl?: number;
  /** mg in this injection; null when concentration or volume is missing or the agent is not a local anaesthetic. */
  mg: number | null;
}

export interface AgentDose {
  agent: LocalAnaestheticId;
  adrenaline: boolean;
  /** The dose-table row applied. */
  limit: DoseLimit;
  label: string;
  class: 'amide' | 'ester';
  /** Sum over the injections of this agent (plain or with adrenaline), mg. */
  totalMg: number;
  /** totalMg per kg of the weight used, mg/kg (null when no weight is usable). */
  mgPerKgGiven: number | null;
  /** mg/kg maximum applied (null: none in adults). */
  mgPerKgLimit: number | null;
  /** mg/kg maximum × weight used, mg. */
  maxByWeightMg: number | null;
  /** Absolute ceiling applied, mg (site ceiling for liposomal interscalene). */
  ceilingMg: number | null;
  /** The maximum: the lower of maxByWeightMg and ceilingMg, mg. */
  maxMg: number | null;
  /** Which one set the maximum. */
  maxBasis: 'weight' | 'ceiling' | null;
  /** totalMg / maxMg. */
  fraction: number | null;
  level: DoseLevel;
  /** The reference marks part of this row [?]. */
  uncertain: boolean;
  /** Some injections of this agent had no concentration or volume. */
  incomplete: boolean;
}

export interface DoseWeight {
  actualKg?: number;
  idealKg?: number;
  /** The weight the mg/kg maxima were applied to, kg. */
  usedKg?: number;
  basis: 'actual' | 'ideal';
  /** What `usedKg` is. */
  usedIs?: 'actual' | 'ideal';
  idealFormula: string;
  bmiKgM2?: number;
}

export interface DoseSummary {
  injections: InjectionDose[];
  agents: AgentDose[];
  /** Sum of the amide agents' fractions of their own maxima. */
  amideFraction: number;
  /** Sum over all agents (amides and esters). */
  allAgentsFraction: number;
  /** Worst level over the amide sum and each agent. */
  level: DoseLevel;
  weight: DoseWeight;
  region: DoseRegion;
  messages: DoseMessage[];
  /** blocks.md §2 general caveats. */
  caveats: readonly string[];
}

function levelOf(fraction: number | null): DoseLevel {
  if (fraction === null) return 'unknown';
  if (fraction > OVER_FRACTION + EPS) return 'over';
  if (fraction >= CAUTION_FRACTION - EPS) return 'caution';
  return 'ok';
}

const LEVEL_RANK: Record<DoseLevel, number> = { ok: 0, unknown: 1, caution: 2, over: 3 };
function worst(a: DoseLevel, b: DoseLevel): DoseLevel {
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

const pct = (f: number) => `${Math.round(f * 100)}%`;
const mgText = (mg: number) => `${formatNumber(mg)} mg`;

/** A number for display: up to 2 decimals, trailing zeros removed. Units are added by the caller. */
export function formatNumber(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

/** Computes the dose summary. */
export function calculateDose(input: DoseInput): DoseSummary {
  const messages: DoseMessage[] = [];

  // Weight.
  const actualKg = input.weightKg !== undefined && input.weightKg > 0 ? input.weightKg : undefined;
  const ibw = idealBodyWeightKg(input.heightCm, input.sex);
  const weight: DoseWeight = { actualKg, idealKg: ibw?.kg, basis: input.weightBasis, idealFormula: `Devine 1974: men 50 kg + 2.3 kg per inch over 5 ft; women 45.5 kg + 2.3 kg per inch over 5 ft (${DEVINE_1974})` };
  if (actualKg !== undefined && input.heightCm !== undefined && input.heightCm > 0) {
    weight.bmiKgM2 = actualKg / (input.heightCm / 100) ** 2;
  }
  if (input.weightBasis === 'ideal') {
    if (!ibw) {
      messages.push({
        level: 'error',
        code: 'dose/no-ideal-weight',
        text: 'Ideal body weight needs height (cm) and sex (male or female). Enter them, or choose actual weight. mg/kg maxima were not applied.',
      });
    } else {
      if (ibw.belowFiveFeet) {
        messages.push({ level: 'caution', code: 'dose/ibw-below-5ft', text: 'Height is under 5 ft (152.4 cm): the Devine formula is extrapolated below 5 ft. Check the weight used.' });
      }
      if (actualKg !== undefined && actualKg < ibw.kg) {
        weight.usedKg = actualKg;
        weight.usedIs = 'actual';
        messages.push({
          level: 'info',
          code: 'dose/actual-below-ideal',
          text: `Actual weight (${formatNumber(actualKg, 1)} kg) is below ideal weight (${formatNumber(ibw.kg, 1)} kg); the lower, actual weight is used.`,
        });
      } else {
        weight.usedKg = ibw.kg;
        weight.usedIs = 'ideal';
      }
    }
  } else if (actualKg !== undefined) {
    weight.usedKg = actualKg;
    weight.usedIs = 'actual';
    // WHO classification: BMI ≥ 30 kg/m² is obesity; blocks.md §2: use ideal or lean body weight in obesity.
    if (weight.bmiKgM2 !== undefined && weight.bmiKgM2 >= 30) {
      messages.push({
        level: 'caution',
        code: 'dose/obesity-actual-weight',
        text: `BMI ${formatNumber(weight.bmiKgM2, 1)} kg/m² (obesity, WHO ≥ 30): the reference advises ideal or lean body weight. Consider switching to ideal weight.`,
      });
    }
  } else {
    messages.push({ level: 'error', code: 'dose/no-weight', text: 'Weight not recorded: mg/kg maxima were not applied; only absolute ceilings are. Enter the weight in kg.' });
  }

  // Per injection.
  const injections: InjectionDose[] = input.injectate.map((inj, index) => {
    const isLa = inj.agent !== 'other';
    const agentName = isLa ? AGENT_NAMES[inj.agent as LocalAnaestheticId] : inj.agentName?.trim() || 'other agent';
    let mg: number | null = null;
    if (isLa) {
      if (inj.concentrationPercent === undefined || inj.volumeMl === undefined) {
        const missing = [inj.concentrationPercent === undefined ? 'concentration (%)' : null, inj.volumeMl === undefined ? 'volume (mL)' : null].filter(Boolean).join(' and ');
        messages.push({
          level: 'error',
          code: 'dose/incomplete-injection',
          text: `Injection ${index + 1} (${agentName}${inj.site ? `, ${inj.site}` : ''}): ${missing} not recorded, so its dose is not counted. Enter it.`,
        });
      } else {
        mg = mgFromConcentration(inj.concentrationPercent, inj.volumeMl);
      }
    }
    return { index, site: inj.site, agent: inj.agent, agentName, adrenaline: inj.adrenaline, concentrationPercent: inj.concentrationPercent, volumeMl: inj.volumeMl, mg };
  });

  // Per agent (and per plain/adrenaline row, since their maxima differ).
  const groups = new Map<DoseLimit, { mg: number; incomplete: boolean; adrenaline: boolean }>();
  for (const inj of injections) {
    if (inj.agent === 'other') continue;
    const row = doseLimitFor(inj.agent, inj.adrenaline);
    const g = groups.get(row) ?? { mg: 0, incomplete: false, adrenaline: inj.adrenaline };
    if (inj.mg === null) g.incomplete = true;
    else g.mg += inj.mg;
    g.adrenaline = g.adrenaline || inj.adrenaline;
    groups.set(row, g);
  }

  const agents: AgentDose[] = [];
  for (const [row, g] of groups) {
    const reg = regionalLimits(row, input.region);
    let ceilingMg = reg.ceilingMg;
    if (input.interscalene && row.siteCeilingsMg?.interscalene !== undefined) ceilingMg = row.siteCeilingsMg.interscalene;
    const used = weight.usedKg;
    const maxByWeightMg = reg.mgPerKg !== null && used !== undefined ? reg.mgPerKg * used : null;
    let maxMg: number | null = null;
    let maxBasis: AgentDose['maxBasis'] = null;
    if (maxByWeightMg !== null && (ceilingMg === null || maxByWeightMg <= ceilingMg)) {
      maxMg = maxByWeightMg;
      maxBasis = 'weight';
    } else if (ceilingMg !== null) {
      maxMg = ceilingMg;
      maxBasis = 'ceiling';
    }
    const fraction = maxMg !== null && maxMg > 0 ? g.mg / maxMg : null;
    const label = row.adrenaline === 'either' ? `${row.label}${g.adrenaline ? ' + adrenaline' : ''}` : row.label;
    agents.push({
      agent: row.agent,
      adrenaline: g.adrenaline,
      limit: row,
      label,
      class: row.class,
      totalMg: g.mg,
      mgPerKgGiven: used !== undefined ? g.mg / used : null,
      mgPerKgLimit: reg.mgPerKg,
      maxByWeightMg,
      ceilingMg,
      maxMg,
      maxBasis,
      fraction,
      level: g.incomplete ? worst(levelOf(fraction), 'unknown') : levelOf(fraction),
      uncertain: row.uncertain,
      incomplete: g.incomplete,
    });
    if (row.uncertain) {
      for (const n of row.uncertainNotes) messages.push({ level: 'info', code: 'dose/uncertain-reference', text: `${row.label}: ${n}`, uncertain: true });
    }
    if (row.adrenaline === 'either' && g.adrenaline && row.agent !== 'liposomal-bupivacaine') {
      messages.push({ level: 'info', code: 'dose/no-adrenaline-row', text: `${row.label}: the reference gives no separate maximum with adrenaline; the plain maximum is applied.` });
    }
    if (input.region === 'UK' && row.uk) {
      messages.push({ level: 'info', code: 'dose/uk-limits', text: `${row.label}: UK figures applied (${[row.uk.mgPerKg !== undefined ? `${row.uk.mgPerKg} mg/kg` : null, row.uk.ceilingNote ?? (row.uk.ceilingMg !== undefined ? `${row.uk.ceilingMg} mg` : null)].filter(Boolean).join(', ')}).` });
    }
  }

  for (const a of agents) {
    if (a.fraction === null) continue;
    if (a.level === 'over') {
      messages.push({ level: 'over', code: 'dose/agent-over', text: `${a.label}: ${mgText(a.totalMg)} is ${pct(a.fraction)} of the maximum ${mgText(a.maxMg!)} — above the maximum.` });
    } else if (a.level === 'caution' || (a.incomplete && a.fraction >= CAUTION_FRACTION - EPS)) {
      messages.push({ level: 'caution', code: 'dose/agent-caution', text: `${a.label}: ${mgText(a.totalMg)} is ${pct(a.fraction)} of the maximum ${mgText(a.maxMg!)} (≥ 80%).` });
    }
  }

  const amideFraction = agents.filter((a) => a.class === 'amide').reduce((s, a) => s + (a.fraction ?? 0), 0);
  const allAgentsFraction = agents.reduce((s, a) => s + (a.fraction ?? 0), 0);
  const amides = agents.filter((a) => a.class === 'amide');
  if (amides.length > 1) {
    const l = levelOf(amideFraction);
    const parts = amides.map((a) => `${a.label} ${pct(a.fraction ?? 0)}`).join(' + ');
    if (l === 'over') messages.push({ level: 'over', code: 'dose/sum-over', text: `Amides summed as fractions of their own maxima: ${parts} = ${pct(amideFraction)} — above the combined maximum.` });
    else if (l === 'caution') messages.push({ level: 'caution', code: 'dose/sum-caution', text: `Amides summed as fractions of their own maxima: ${parts} = ${pct(amideFraction)} (≥ 80%).` });
  }
  if (agents.some((a) => a.class === 'ester') && amides.length > 0) {
    messages.push({
      level: levelOf(allAgentsFraction) === 'over' ? 'caution' : 'info',
      code: 'dose/ester-separate',
      text: `Chloroprocaine is an ester and is not added to the amide total; the sum over all agents is ${pct(allAgentsFraction)}.`,
    });
  }

  // Liposomal bupivacaine rules (blocks.md §2).
  const lipo = agents.find((a) => a.agent === 'liposomal-bupivacaine');
  if (lipo) {
    messages.push({ level: 'info', code: 'dose/liposomal-not-convertible', text: 'Liposomal bupivacaine is not convertible mg-for-mg with other bupivacaine; it is counted against its own maximum (266 mg; 133 mg interscalene).' });
    if (input.interscalene) messages.push({ level: 'info', code: 'dose/liposomal-interscalene', text: 'Interscalene block: liposomal bupivacaine ceiling 133 mg applied.' });
    const plainBupiMg = agents.filter((a) => a.agent === 'bupivacaine').reduce((s, a) => s + a.totalMg, 0);
    if (plainBupiMg > 0 && lipo.totalMg > 0) {
      const ratio = plainBupiMg / lipo.totalMg;
      const text = `Plain bupivacaine ${mgText(plainBupiMg)} : liposomal ${mgText(lipo.totalMg)} = 1:${formatNumber(lipo.totalMg / plainBupiMg, 2)}`;
      if (ratio > 0.5 + EPS) messages.push({ level: 'over', code: 'dose/liposomal-ratio', text: `${text} — the plain:liposomal mg ratio must be ≤ 1:2.` });
      else messages.push({ level: 'info', code: 'dose/liposomal-ratio-ok', text: `${text} (within ≤ 1:2).` });
    }
    const others = agents.filter((a) => a.agent !== 'liposomal-bupivacaine' && a.agent !== 'bupivacaine');
    if (others.length > 0) {
      messages.push({
        level: 'caution',
        code: 'dose/liposomal-other-la',
        text: `${others.map((a) => AGENT_NAMES[a.agent]).join(', ')} with liposomal bupivacaine: other LAs such as lidocaine should precede it by ≥ 20 min [?].`,
        uncertain: true,
      });
    }
  }

  let level: DoseLevel = amides.length > 1 ? levelOf(amideFraction) : 'ok';
  for (const a of agents) level = worst(level, a.level);
  if (lipo && messages.some((m) => m.code === 'dose/liposomal-ratio')) level = worst(level, 'over');

  return { injections, agents, amideFraction, allAgentsFraction, level, weight, region: input.region, messages, caveats: DOSE_CAVEATS };
}

/** The calculator's input taken from a note. */
export function doseInputFromNote(note: Note): DoseInput {
  return {
    injectate: note.injectate,
    weightKg: note.preChecks.weightKg,
    heightCm: note.preChecks.heightCm,
    sex: note.preChecks.sex,
    weightBasis: note.doseSettings.weightBasis,
    region: note.doseSettings.region,
    interscalene: note.doseSettings.interscalene,
  };
}

/** Convenience: the dose summary of a note. */
export function noteDose(note: Note): DoseSummary {
  return calculateDose(doseInputFromNote(note));
}
