/**
 * Local anaesthetic systemic toxicity (LAST): the essentials as data for a one-click panel.
 *
 * Transcribed from /work/shared/reference/blocks.md §3 (ASRA 2020 checklist, Neal 2020; UK AAGBI
 * regimen for contrast) [S21]. Items the reference marks [?] carry `uncertain: true`. The lipid
 * numbers are also given as structured data so the panel can show mL for the patient's weight
 * (`lipidEmulsionDoses`) — arithmetic on the reference's figures, nothing added.
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

export const LAST_SOURCE = {
  ref: 'blocks.md §3 [S21]',
  citation: 'ASRA checklist for treatment of local anesthetic systemic toxicity (Neal 2020, RAPM); AAGBI 2010 for the UK regimen.',
  urls: [
    'https://www.asra.com/advisory-guidelines/article/3/checklist-for-treatment-of-local-anesthetic-systemic-toxicity',
    'https://rapm.bmj.com/content/early/2020/11/30/rapm-2020-101986',
  ],
} as const;

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
      { text: 'UK AAGBI regimen: 1.5 mL/kg over 1 min, then 15 mL/kg/h; up to 2 repeat boluses 5 min apart; rate may double to 30 mL/kg/h; cumulative maximum 12 mL/kg.' },
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

/** Weight threshold between the two ASRA lipid regimens, kg (blocks.md §3). */
export const LIPID_WEIGHT_THRESHOLD_KG = 70;
/** Cumulative upper limit of 20% lipid emulsion, mL/kg (blocks.md §3: "~12 mL/kg"). */
export const LIPID_MAX_ML_PER_KG = 12;

/** 20% lipid emulsion volumes for one weight, mL. Ranges are [low, high]. */
export interface LipidDoses {
  weightKg: number;
  asra: {
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
    bolusOverMin: 1;
    infusionMlPerH: number;
    doubledInfusionMlPerH: number;
    repeatBoluses: 2;
    repeatIntervalMin: 5;
    maxTotalMl: number;
  };
}

/**
 * The reference's lipid regimens worked out for a weight in kg (the reference says ideal body weight
 * for the ≤ 70 kg regimen). Returns null for a weight that is not a positive number.
 */
export function lipidEmulsionDoses(weightKg: number): LipidDoses | null {
  if (!Number.isFinite(weightKg) || weightKg <= 0) return null;
  const heavy = weightKg > LIPID_WEIGHT_THRESHOLD_KG;
  return {
    weightKg,
    asra: heavy
      ? { bolusMl: 100, bolusOverMin: [2, 3], infusionMl: [200, 250], infusionOverMin: [15, 20], maxTotalMl: LIPID_MAX_ML_PER_KG * weightKg }
      : { bolusMl: 1.5 * weightKg, bolusOverMin: [2, 3], infusionMlPerMin: 0.25 * weightKg, maxTotalMl: LIPID_MAX_ML_PER_KG * weightKg },
    uk: {
      bolusMl: 1.5 * weightKg,
      bolusOverMin: 1,
      infusionMlPerH: 15 * weightKg,
      doubledInfusionMlPerH: 30 * weightKg,
      repeatBoluses: 2,
      repeatIntervalMin: 5,
      maxTotalMl: LIPID_MAX_ML_PER_KG * weightKg,
    },
  };
}
