import type { DoseSource } from './doses';
import { leanOrIdealWeightKg, type Sex } from './doseWeight';

/**
 * Local anaesthetic systemic toxicity (LAST): the essentials as data for a one-click panel.
 *
 * From the ASRA LAST checklist (2020 version; Neal, Neal & Weinberg, RAPM 2020), with the UK regimen
 * (Association of Anaesthetists Quick Reference Handbook 3-10, which replaced the withdrawn AAGBI 2010
 * guideline) for contrast, as transcribed in the project's clinical reference. Items the reference
 * marks [?] carry `uncertain: true`. The lipid numbers are also structured data (`LIPID_ASRA`,
 * `LIPID_UK`) so the panel can show mL for the patient (`lipidEmulsionDoses`) — arithmetic on the
 * published figures, nothing added. mL/kg volumes use lean/ideal body weight, as the checklist says.
 */

export interface LastItem {
  text: string;
  uncertain?: boolean;
}

export interface LastSection {
  id: string;
  title: string;
  items: LastItem[];
}

/** The ASRA checklist: the source of every item below except the UK regimen. */
export const LAST_SOURCE: DoseSource = {
  id: 'asra-last-2020',
  citation: 'ASRA checklist for treatment of local anesthetic systemic toxicity, 2020 version (Neal JM, Neal EJ, Weinberg GL, Reg Anesth Pain Med, doi:10.1136/rapm-2020-101986)',
  url: 'https://www.asra.com/advisory-guidelines/article/3/checklist-for-treatment-of-local-anesthetic-systemic-toxicity',
  urlKind: 'document',
};

/** The UK regimen's source (the AAGBI 2010 laminate it replaced is withdrawn). */
export const LAST_UK_SOURCE: DoseSource = {
  id: 'aoa-qrh-3-10',
  citation: 'Association of Anaesthetists: management of severe local anaesthetic toxicity (Quick Reference Handbook 3-10)',
  url: 'https://anaesthetists.org/Home/Resources-publications/Guidelines/Management-of-severe-local-anaesthetic-toxicity-2023',
  urlKind: 'document',
};

/** The checklist, in the reference's order. */
export const LAST_ESSENTIALS: readonly LastSection[] = [
  {
    id: 'drugs-differ',
    title: 'Drug treatment differs from ordinary cardiac arrest',
    items: [
      { text: 'Epinephrine boluses ≤ 1 µg/kg.' },
      { text: 'Avoid vasopressin, calcium-channel blockers, beta-blockers and further local anaesthetics.' },
    ],
  },
  {
    id: 'first',
    title: 'First',
    items: [
      { text: 'Stop injecting LA.' },
      { text: 'Get help. Call for the LAST kit.' },
      { text: 'Consider lipid at the first sign of serious LAST.' },
      { text: 'Alert the nearest cardiopulmonary bypass team.' },
    ],
  },
  {
    id: 'airway',
    title: 'Airway',
    items: [{ text: '100% O₂, avoid hyperventilation, advanced airway if needed.' }],
  },
  {
    id: 'seizures',
    title: 'Seizures',
    items: [
      { text: 'Benzodiazepine first.' },
      { text: 'Avoid large propofol doses, especially if unstable. Propofol does not replace lipid.' },
    ],
  },
  {
    id: 'circulation',
    title: 'Circulation',
    items: [{ text: 'Treat hypotension and bradycardia; start CPR if pulseless.' }],
  },
  {
    id: 'lipid',
    title: 'Lipid emulsion 20%',
    items: [
      { text: '> 70 kg: 100 mL over 2–3 min, then 200–250 mL over 15–20 min.' },
      { text: '≤ 70 kg: 1.5 mL/kg over 2–3 min, then 0.25 mL/kg/min (ideal body weight).' },
      { text: 'If still unstable: repeat the bolus once or twice and/or double the infusion.' },
      { text: 'Upper limit ~12 mL/kg.' },
      { text: 'UK regimen (Association of Anaesthetists): 1.5 mL/kg over 1 min, then 15 mL/kg/h; up to 2 repeat boluses 5 min apart; rate may double to 30 mL/kg/h; cumulative maximum 12 mL/kg.' },
    ],
  },
  {
    id: 'monitoring',
    title: 'Monitoring afterwards',
    items: [{ text: '≥ 4–6 h after a cardiovascular event.' }, { text: '≥ 2 h after a limited CNS event.' }],
  },
  {
    id: 'signs',
    title: 'Signs',
    items: [
      { text: 'CNS: perioral numbness, metallic taste, tinnitus, agitation, confusion, seizures, coma.' },
      { text: 'Cardiovascular: early hypertension/tachycardia, then bradycardia, hypotension, ventricular arrhythmias, asystole.' },
      { text: 'Presentations can be atypical or delayed.', uncertain: true },
    ],
  },
  {
    id: 'prevention',
    title: 'Prevention',
    items: [
      { text: 'Dose in mg/kg versus maximum.' },
      { text: 'Incremental 3–5 mL injections with aspiration.' },
      { text: 'Adrenaline marker.' },
      { text: 'US guidance.' },
      { text: 'Lipid location known.' },
    ],
  },
];

/** ASRA 20% lipid emulsion regimen (the checklist's figures). */
export const LIPID_ASRA = {
  /** Patients weighing more than this get fixed volumes, kg (actual weight). */
  thresholdKg: 70,
  heavy: { bolusMl: 100, bolusOverMin: [2, 3], infusionMl: [200, 250], infusionOverMin: [15, 20] },
  /** ≤ 70 kg: per kg of lean/ideal body weight. */
  light: { bolusMlPerKg: 1.5, bolusOverMin: [2, 3], infusionMlPerKgPerMin: 0.25 },
  /** Upper limit, mL per kg of lean/ideal body weight ("~12 mL/kg"). */
  maxMlPerKg: 12,
} as const;

/** UK 20% lipid emulsion regimen (Quick Reference Handbook 3-10). */
export const LIPID_UK = {
  bolusMlPerKg: 1.5,
  bolusOverMin: 1,
  infusionMlPerKgPerH: 15,
  doubledMlPerKgPerH: 30,
  /** Repeat boluses (same dose) if unstable, and the minutes between them. */
  repeatBoluses: 2,
  repeatIntervalMin: 5,
  /** Cumulative maximum, mL/kg. */
  maxMlPerKg: 12,
} as const;

/** Kept for callers of the old name: the ASRA weight threshold, kg. */
export const LIPID_WEIGHT_THRESHOLD_KG = LIPID_ASRA.thresholdKg;

/** 20% lipid emulsion volumes for one patient, mL. Ranges are [low, high]. */
export interface LipidDoses {
  /** Actual weight, kg (chooses the ASRA regimen). */
  actualKg: number;
  /** The weight the mL/kg volumes and the upper limits are worked on, kg. */
  dosingKg: number;
  /** `ideal`: lean/ideal body weight (Devine); `actual`: height or sex unknown, so actual weight. */
  dosingBasis: 'ideal' | 'actual';
  asra: {
    regimen: 'heavy' | 'light';
    bolusMl: number;
    bolusOverMin: readonly [number, number];
    /** > 70 kg: a fixed 200–250 mL over 15–20 min. */
    infusionMl?: readonly [number, number];
    infusionOverMin?: readonly [number, number];
    /** ≤ 70 kg: 0.25 mL/kg/min. */
    infusionMlPerMin?: number;
    maxTotalMl: number;
  };
  uk: {
    bolusMl: number;
    bolusOverMin: number;
    infusionMlPerH: number;
    doubledInfusionMlPerH: number;
    repeatBoluses: number;
    repeatIntervalMin: number;
    maxTotalMl: number;
  };
}

/**
 * The lipid regimens worked out for a patient: the ASRA regimen is chosen by actual weight; every
 * mL/kg volume and both upper limits use lean/ideal body weight (the lower of ideal and actual), or
 * the actual weight when height and sex are not known (`dosingBasis` says so). Returns null for a
 * weight that is not a positive number.
 */
export function lipidEmulsionDoses(p: { actualKg: number; heightCm?: number; sex?: Sex }): LipidDoses | null {
  if (!Number.isFinite(p.actualKg) || p.actualKg <= 0) return null;
  const w = leanOrIdealWeightKg(p.actualKg, p.heightCm, p.sex)!;
  const kg = w.kg;
  const heavy = p.actualKg > LIPID_ASRA.thresholdKg;
  const a = LIPID_ASRA;
  return {
    actualKg: p.actualKg,
    dosingKg: kg,
    dosingBasis: w.basis,
    asra: heavy
      ? { regimen: 'heavy', bolusMl: a.heavy.bolusMl, bolusOverMin: a.heavy.bolusOverMin, infusionMl: a.heavy.infusionMl, infusionOverMin: a.heavy.infusionOverMin, maxTotalMl: a.maxMlPerKg * kg }
      : { regimen: 'light', bolusMl: a.light.bolusMlPerKg * kg, bolusOverMin: a.light.bolusOverMin, infusionMlPerMin: a.light.infusionMlPerKgPerMin * kg, maxTotalMl: a.maxMlPerKg * kg },
    uk: {
      bolusMl: LIPID_UK.bolusMlPerKg * kg,
      bolusOverMin: LIPID_UK.bolusOverMin,
      infusionMlPerH: LIPID_UK.infusionMlPerKgPerH * kg,
      doubledInfusionMlPerH: LIPID_UK.doubledMlPerKgPerH * kg,
      repeatBoluses: LIPID_UK.repeatBoluses,
      repeatIntervalMin: LIPID_UK.repeatIntervalMin,
      maxTotalMl: LIPID_UK.maxMlPerKg * kg,
    },
  };
}
