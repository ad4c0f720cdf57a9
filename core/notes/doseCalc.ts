import { AGENT_NAMES, CAUTION_THRESHOLD, DOSE_CAVEATS, DOSE_REGIONS, DOSE_SOURCES, doseLimitFor, type DoseLimit, type DoseRegion, type DoseSource } from './doses';
import { bmiKgM2, DEVINE_FORMULA, idealBodyWeightKg, OBESITY_BMI_KG_M2, type Sex } from './doseWeight';
import type { Injectate, LocalAnaestheticId, Note } from './schema';

export { DEVINE_1974, idealBodyWeightKg, type Sex } from './doseWeight';

/**
 * Local-anaesthetic dose calculator: the one the app's Dose panel, the note exports, the plan panel's
 * planned-volume check (plannedDose.ts) and `blockplan dose` all call.
 *
 * - mg = concentration (% w/v) × 10 × volume (mL): 1% = 10 mg/mL, so 0.5% = 5 mg/mL.
 * - The maximum for an agent is the LOWER of (mg/kg × weight) and the absolute ceiling (doses.ts).
 * - Region: the user's choice; until one is chosen, for each agent the more conservative (lower)
 *   maximum of the regions carried applies and the summary says which region's row that was.
 * - Weight is the actual or the ideal body weight (Devine 1974), as the note says; with "ideal", the
 *   lower of ideal and actual is used when both are known.
 * - Every agent counts toward the total as a fraction of its own maximum — amides and esters alike,
 *   skin infiltration included.
 * - Levels: `caution` at or above the caution threshold (80% unless changed: a BlockPlan default, not
 *   from a source), `over` above 100%.
 * - Liposomal bupivacaine: its own maximum (266 mg; interscalene 133 mg), no mg/kg in adults, not
 *   convertible mg-for-mg with other bupivacaine, plain:liposomal mg ratio ≤ 1:2, other local
 *   anaesthetics ≥ 20 min before [?] (Exparel label).
 *
 * Pure and synchronous; the editor recomputes on every keystroke.
 */

/** Fraction above which the dose is over the maximum (100%). */
export const OVER_FRACTION = 1;
/** Tolerance for floating-point sums at the thresholds (0.8 must count as 80%). */
const EPS = 1e-9;

export type DoseLevel = 'ok' | 'caution' | 'over' | 'unknown';

/** One message for the clinician. `uncertain` marks statements flagged [?]. */
export interface DoseMessage {
  level: 'info' | 'caution' | 'over' | 'error';
  code: string;
  text: string;
  uncertain?: boolean;
}

/** Site text that marks an injection as skin infiltration (it counts like any other injection). */
export const SKIN_INFILTRATION_SITE = 'skin infiltration';
const SKIN_RE = /\bskin\b|infiltrat|wheal/i;

/** mg in a volume of solution: concentration % w/v × 10 mg/mL per % × volume mL. */
export function mgFromConcentration(concentrationPercent: number, volumeMl: number): number {
  return concentrationPercent * 10 * volumeMl;
}

/** One injection for the calculator: a note's injectate row, or a dose in mg (`mg` wins). */
export interface DoseInjection {
  agent: Injectate['agent'];
  agentName?: string;
  site?: string;
  adrenaline: boolean;
  concentrationPercent?: number;
  volumeMl?: number;
  /** A dose already in mg (the CLI's NAME:MG). */
  mg?: number;
}

export interface DoseInput {
  injectate: readonly DoseInjection[];
  /** Actual body weight, kg. */
  weightKg?: number;
  heightCm?: number;
  sex?: Sex;
  weightBasis: 'actual' | 'ideal';
  /** The region whose labels apply; undefined until the user picks one (the conservative rule applies). */
  region?: DoseRegion;
  /** The block is interscalene (liposomal bupivacaine ceiling 133 mg). */
  interscalene: boolean;
  /** Caution threshold, % of a maximum (default CAUTION_THRESHOLD.defaultPercent). */
  cautionPercent?: number;
}

export interface InjectionDose {
  /** Index in the input list. */
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
  /** The site says skin infiltration. */
  skinInfiltration: boolean;
}

export interface AgentDose {
  agent: LocalAnaestheticId;
  adrenaline: boolean;
  /** The dose-table row applied. */
  limit: DoseLimit;
  /** The region whose row applied. */
  region: DoseRegion;
  /** Which region's labels applied and why, for display (e.g. "UK: the lower of US and UK; region not chosen"). */
  regionText: string;
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
  /** Part of the row is marked [?]. */
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
  /** Sum of every agent's fraction of its own maximum. */
  totalFraction: number;
  /** Worst level over the total and each agent. */
  level: DoseLevel;
  weight: DoseWeight;
  /** The region chosen, or null: for each agent the more conservative region's row applied. */
  region: DoseRegion | null;
  /** Caution threshold applied, fraction of a maximum, and what it is. */
  caution: { fraction: number; isDefault: boolean; label: string };
  messages: DoseMessage[];
  /** General caveats. */
  caveats: readonly string[];
  /** The publications behind the rows applied (plus the caveats' source), once each. */
  sources: DoseSource[];
}

const LEVEL_RANK: Record<DoseLevel, number> = { ok: 0, unknown: 1, caution: 2, over: 3 };
function worst(a: DoseLevel, b: DoseLevel): DoseLevel {
  return LEVEL_RANK[b] > LEVEL_RANK[a] ? b : a;
}

/** The level of a fraction of a maximum for a caution threshold (fraction). */
export function doseLevelOf(fraction: number | null, cautionFraction: number = CAUTION_THRESHOLD.defaultPercent / 100): DoseLevel {
  if (fraction === null) return 'unknown';
  if (fraction > OVER_FRACTION + EPS) return 'over';
  if (fraction >= cautionFraction - EPS) return 'caution';
  return 'ok';
}

const pct = (f: number) => `${Math.round(f * 100)}%`;
const mgText = (mg: number) => `${formatNumber(mg)} mg`;

/** A number for display: up to 2 decimals, trailing zeros removed. Units are added by the caller. */
export function formatNumber(x: number, decimals = 2): string {
  if (!Number.isFinite(x)) return String(x);
  const s = x.toFixed(decimals);
  return s.includes('.') ? s.replace(/\.?0+$/, '') : s;
}

function resolveWeight(input: DoseInput, messages: DoseMessage[]): DoseWeight {
  const actualKg = input.weightKg !== undefined && input.weightKg > 0 ? input.weightKg : undefined;
  const ibw = idealBodyWeightKg(input.heightCm, input.sex);
  const weight: DoseWeight = { actualKg, idealKg: ibw?.kg, basis: input.weightBasis, idealFormula: DEVINE_FORMULA, bmiKgM2: bmiKgM2(actualKg, input.heightCm) };
  if (input.weightBasis === 'ideal') {
    if (!ibw) {
      messages.push({ level: 'error', code: 'dose/no-ideal-weight', text: 'Ideal body weight needs height (cm) and sex (male or female). Enter them, or choose actual weight. mg/kg maxima were not applied.' });
      return weight;
    }
    if (ibw.belowFiveFeet) messages.push({ level: 'caution', code: 'dose/ibw-below-5ft', text: 'Height is under 5 ft (152.4 cm): the Devine formula is extrapolated below 5 ft. Check the weight used.' });
    if (actualKg !== undefined && actualKg < ibw.kg) {
      messages.push({ level: 'info', code: 'dose/actual-below-ideal', text: `Actual weight (${formatNumber(actualKg, 1)} kg) is below ideal weight (${formatNumber(ibw.kg, 1)} kg); the lower, actual weight is used.` });
      return { ...weight, usedKg: actualKg, usedIs: 'actual' };
    }
    return { ...weight, usedKg: ibw.kg, usedIs: 'ideal' };
  }
  if (actualKg === undefined) {
    messages.push({ level: 'error', code: 'dose/no-weight', text: 'Weight not recorded: mg/kg maxima were not applied; only absolute ceilings are. Enter the weight in kg.' });
    return weight;
  }
  if (weight.bmiKgM2 !== undefined && weight.bmiKgM2 >= OBESITY_BMI_KG_M2) {
    messages.push({ level: 'caution', code: 'dose/obesity-actual-weight', text: `BMI ${formatNumber(weight.bmiKgM2, 1)} kg/m² (obesity, WHO ≥ 30): use ideal or lean body weight. Consider switching to ideal weight.` });
  }
  return { ...weight, usedKg: actualKg, usedIs: 'actual' };
}

interface Limits {
  row: DoseLimit;
  region: DoseRegion;
  mgPerKg: number | null;
  ceilingMg: number | null;
  maxByWeightMg: number | null;
  maxMg: number | null;
  maxBasis: AgentDose['maxBasis'];
}

function limitsIn(agent: LocalAnaestheticId, adrenaline: boolean, region: DoseRegion, usedKg: number | undefined, interscalene: boolean): Limits {
  const row = doseLimitFor(agent, adrenaline, region);
  const ceilingMg = interscalene && row.siteCeilingsMg?.interscalene !== undefined ? row.siteCeilingsMg.interscalene : row.ceilingMg;
  const maxByWeightMg = row.mgPerKg !== null && usedKg !== undefined ? row.mgPerKg * usedKg : null;
  if (maxByWeightMg !== null && (ceilingMg === null || maxByWeightMg <= ceilingMg)) return { row, region, mgPerKg: row.mgPerKg, ceilingMg, maxByWeightMg, maxMg: maxByWeightMg, maxBasis: 'weight' };
  return { row, region, mgPerKg: row.mgPerKg, ceilingMg, maxByWeightMg, maxMg: ceilingMg, maxBasis: ceilingMg === null ? null : 'ceiling' };
}

/** The limits that apply: the chosen region's, or the lowest maximum over every region carried. */
function applicableLimits(agent: LocalAnaestheticId, adrenaline: boolean, input: DoseInput, usedKg: number | undefined): { chosen: Limits; conservativeOver: DoseRegion[] } {
  if (input.region) return { chosen: limitsIn(agent, adrenaline, input.region, usedKg, input.interscalene), conservativeOver: [] };
  const all = DOSE_REGIONS.map((r) => limitsIn(agent, adrenaline, r, usedKg, input.interscalene));
  const chosen = all.reduce((a, b) => ((b.maxMg ?? Infinity) < (a.maxMg ?? Infinity) ? b : a));
  const differ = all.some((l) => l.row !== chosen.row);
  return { chosen, conservativeOver: differ ? all.map((l) => l.region) : [] };
}

/** Computes the dose summary. */
export function calculateDose(input: DoseInput): DoseSummary {
  const messages: DoseMessage[] = [];
  const cautionPercent = input.cautionPercent ?? CAUTION_THRESHOLD.defaultPercent;
  const caution = { fraction: cautionPercent / 100, isDefault: input.cautionPercent === undefined || input.cautionPercent === CAUTION_THRESHOLD.defaultPercent, label: CAUTION_THRESHOLD.label };
  const levelOf = (f: number | null) => doseLevelOf(f, caution.fraction);
  const weight = resolveWeight(input, messages);

  const injections: InjectionDose[] = input.injectate.map((inj, index) => {
    const isLa = inj.agent !== 'other';
    const agentName = isLa ? AGENT_NAMES[inj.agent as LocalAnaestheticId] : inj.agentName?.trim() || 'other agent';
    let mg: number | null = null;
    if (isLa && inj.mg !== undefined) mg = inj.mg;
    else if (isLa && (inj.concentrationPercent === undefined || inj.volumeMl === undefined)) {
      const missing = [inj.concentrationPercent === undefined ? 'concentration (%)' : null, inj.volumeMl === undefined ? 'volume (mL)' : null].filter(Boolean).join(' and ');
      messages.push({ level: 'error', code: 'dose/incomplete-injection', text: `Injection ${index + 1} (${agentName}${inj.site ? `, ${inj.site}` : ''}): ${missing} not recorded, so its dose is not counted. Enter it.` });
    } else if (isLa) mg = mgFromConcentration(inj.concentrationPercent!, inj.volumeMl!);
    const skinInfiltration = !!inj.site && SKIN_RE.test(inj.site);
    return { index, site: inj.site, agent: inj.agent, agentName, adrenaline: inj.adrenaline, concentrationPercent: inj.concentrationPercent, volumeMl: inj.volumeMl, mg, skinInfiltration };
  });

  // Per agent and plain/adrenaline (their maxima differ).
  const groups = new Map<string, { agent: LocalAnaestheticId; adrenaline: boolean; mg: number; incomplete: boolean }>();
  for (const inj of injections) {
    if (inj.agent === 'other') continue;
    const agent = inj.agent as LocalAnaestheticId;
    // Agents with one row for plain and adrenaline form one group.
    const sharesRow = doseLimitFor(agent, true, 'US').adrenaline === 'either';
    const key = `${agent}|${sharesRow ? 'either' : inj.adrenaline}`;
    const g = groups.get(key) ?? { agent, adrenaline: inj.adrenaline, mg: 0, incomplete: false };
    if (inj.mg === null) g.incomplete = true;
    else g.mg += inj.mg;
    g.adrenaline = g.adrenaline || inj.adrenaline;
    groups.set(key, g);
  }

  const agents: AgentDose[] = [];
  const conservative: string[] = [];
  for (const g of groups.values()) {
    const { chosen: l, conservativeOver } = applicableLimits(g.agent, g.adrenaline, input, weight.usedKg);
    const row = l.row;
    const fraction = l.maxMg !== null && l.maxMg > 0 ? g.mg / l.maxMg : null;
    const label = row.adrenaline === 'either' ? `${row.label}${g.adrenaline ? ' + adrenaline' : ''}` : row.label;
    agents.push({
      agent: g.agent,
      adrenaline: g.adrenaline,
      limit: row,
      region: l.region,
      regionText: input.region ? `${l.region} labels` : conservativeOver.length ? `${l.region}: the lower of US and UK (region not chosen)` : 'US and UK labels agree',
      label,
      class: row.class,
      totalMg: g.mg,
      mgPerKgGiven: weight.usedKg !== undefined ? g.mg / weight.usedKg : null,
      mgPerKgLimit: l.mgPerKg,
      maxByWeightMg: l.maxByWeightMg,
      ceilingMg: l.ceilingMg,
      maxMg: l.maxMg,
      maxBasis: l.maxBasis,
      fraction,
      level: g.incomplete ? worst(levelOf(fraction), 'unknown') : levelOf(fraction),
      uncertain: row.uncertain,
      incomplete: g.incomplete,
    });
    if (conservativeOver.length) conservative.push(`${label}: ${l.region}`);
    for (const n of row.uncertainNotes) messages.push({ level: 'info', code: 'dose/uncertain-reference', text: `${row.label}: ${n}`, uncertain: true });
    if (row.adrenaline === 'either' && g.adrenaline && row.agent !== 'liposomal-bupivacaine') {
      messages.push({ level: 'info', code: 'dose/no-adrenaline-row', text: `${row.label}: no separate maximum with adrenaline; the plain maximum is applied.` });
    }
  }
  if (!input.region) {
    messages.push({
      level: 'info',
      code: 'dose/region-not-chosen',
      text: `Region not chosen: for each agent the lower of the US and UK maxima applies${conservative.length ? ` (${conservative.join('; ')})` : ''}. Choose the region to apply its labels.`,
    });
  }

  const threshold = `≥ ${formatNumber(cautionPercent)}%, ${caution.isDefault ? 'a BlockPlan default' : 'as set'}`;
  for (const a of agents) {
    if (a.fraction === null) continue;
    if (a.level === 'over') messages.push({ level: 'over', code: 'dose/agent-over', text: `${a.label}: ${mgText(a.totalMg)} is ${pct(a.fraction)} of the maximum ${mgText(a.maxMg!)} — above the maximum.` });
    else if (a.level === 'caution' || (a.incomplete && a.fraction >= caution.fraction - EPS)) {
      messages.push({ level: 'caution', code: 'dose/agent-caution', text: `${a.label}: ${mgText(a.totalMg)} is ${pct(a.fraction)} of the maximum ${mgText(a.maxMg!)} (${threshold}).` });
    }
  }
  const skin = injections.filter((i) => i.skinInfiltration && i.mg !== null);
  if (skin.length) {
    messages.push({ level: 'info', code: 'dose/skin-infiltration-counted', text: `Skin infiltration counted in the total: ${skin.map((i) => `${i.agentName} ${mgText(i.mg!)}`).join(', ')}.` });
  }

  const totalFraction = agents.reduce((s, a) => s + (a.fraction ?? 0), 0);
  if (agents.length > 1) {
    const l = levelOf(totalFraction);
    const parts = agents.map((a) => `${a.label} ${pct(a.fraction ?? 0)}`).join(' + ');
    if (l === 'over') messages.push({ level: 'over', code: 'dose/sum-over', text: `Every agent summed as a fraction of its own maximum: ${parts} = ${pct(totalFraction)} — above the combined maximum.` });
    else if (l === 'caution') messages.push({ level: 'caution', code: 'dose/sum-caution', text: `Every agent summed as a fraction of its own maximum: ${parts} = ${pct(totalFraction)} (${threshold}).` });
  }

  const lipoOver = liposomalRules(agents, input.interscalene, messages);
  let level: DoseLevel = agents.length > 1 ? levelOf(totalFraction) : 'ok';
  for (const a of agents) level = worst(level, a.level);
  if (lipoOver) level = worst(level, 'over');

  const sources = new Map<string, DoseSource>();
  for (const a of agents) sources.set(a.limit.source.id, a.limit.source);
  sources.set(DOSE_SOURCES.rosenberg2004.id, DOSE_SOURCES.rosenberg2004);
  return { injections, agents, totalFraction, level, weight, region: input.region ?? null, caution, messages, caveats: DOSE_CAVEATS, sources: [...sources.values()] };
}

/** Liposomal bupivacaine rules (Exparel label). Returns true when the plain:liposomal ratio is exceeded. */
function liposomalRules(agents: AgentDose[], interscalene: boolean, messages: DoseMessage[]): boolean {
  const lipo = agents.find((a) => a.agent === 'liposomal-bupivacaine');
  if (!lipo) return false;
  const site = lipo.limit.siteCeilingsMg?.interscalene;
  messages.push({ level: 'info', code: 'dose/liposomal-not-convertible', text: `Liposomal bupivacaine is not convertible mg-for-mg with other bupivacaine; it is counted against its own maximum (${mgText(lipo.limit.ceilingMg ?? 0)}${site !== undefined ? `; ${mgText(site)} interscalene` : ''}).` });
  if (interscalene && site !== undefined) messages.push({ level: 'info', code: 'dose/liposomal-interscalene', text: `Interscalene block: liposomal bupivacaine ceiling ${mgText(site)} applied.` });
  let over = false;
  const plainBupiMg = agents.filter((a) => a.agent === 'bupivacaine').reduce((s, a) => s + a.totalMg, 0);
  if (plainBupiMg > 0 && lipo.totalMg > 0) {
    const text = `Plain bupivacaine ${mgText(plainBupiMg)} : liposomal ${mgText(lipo.totalMg)} = 1:${formatNumber(lipo.totalMg / plainBupiMg, 2)}`;
    over = plainBupiMg / lipo.totalMg > 0.5 + EPS;
    if (over) messages.push({ level: 'over', code: 'dose/liposomal-ratio', text: `${text} — the plain:liposomal mg ratio must be ≤ 1:2.` });
    else messages.push({ level: 'info', code: 'dose/liposomal-ratio-ok', text: `${text} (within ≤ 1:2).` });
  }
  const others = agents.filter((a) => a.agent !== 'liposomal-bupivacaine' && a.agent !== 'bupivacaine');
  if (others.length > 0) {
    messages.push({
      level: 'caution',
      code: 'dose/liposomal-other-la',
      text: `${others.map((a) => AGENT_NAMES[a.agent]).join(', ')} with liposomal bupivacaine: other local anaesthetics such as lidocaine should precede it by ≥ 20 min [?].`,
      uncertain: true,
    });
  }
  return over;
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
    cautionPercent: note.doseSettings.cautionPercent,
  };
}

/** Convenience: the dose summary of a note. */
export function noteDose(note: Note): DoseSummary {
  return calculateDose(doseInputFromNote(note));
}
