import { DOSE_SOURCES, type DoseSource } from './doseSources';
import type { LocalAnaestheticId } from './schema';

/**
 * Maximum local-anaesthetic doses for adults, per procedure, as data — one row per agent, plain or
 * with adrenaline, and region, each with ONE source: the official label (DailyMed SPL for the US,
 * EMC SmPC or the BNF for the UK).
 *
 * The figures are those of the project's clinical reference table (maximum doses, adult, per
 * procedure); the UK bupivacaine-with-adrenaline row (2 mg/kg, 150 mg) is the EMC SmPC's. Where the
 * reference marks a figure "[?]" (unconfirmed or sources disagree) the row keeps it but sets
 * `uncertain` and names the uncertain parts; the calculator and every export show that flag.
 *
 * Where a range is given (bupivacaine 2–2.5 mg/kg; ropivacaine ~200–300 mg) the calculator applies
 * the LOWER bound (`mgPerKg`, `ceilingMg`) — the conservative choice for a ceiling — and keeps the
 * range (`mgPerKgRange`, `ceilingRangeMg`) for display.
 *
 * Regions: a row lists the regions it applies to. Until the user picks one, the calculator applies
 * the more conservative maximum of the regions carried and says which one that was (doseCalc.ts).
 */

export type DoseRegion = 'US' | 'UK';
/** Every region the table carries, in display order. */
export const DOSE_REGIONS: readonly DoseRegion[] = ['US', 'UK'];

export { DOSE_SOURCES } from './doseSources';
export type { DoseSource } from './doseSources';

/** One row of the dose table: an agent, plain or with adrenaline, in one or more regions. */
export interface DoseLimit {
  /** Unique, e.g. `bupivacaine-adrenaline-uk`. */
  id: string;
  agent: LocalAnaestheticId;
  /** Display name, e.g. "Lidocaine + adrenaline". */
  label: string;
  /**
   * `true`: this row applies with adrenaline; `false`: plain; `'either'`: one figure and no separate
   * adrenaline row (levobupivacaine, ropivacaine, mepivacaine, liposomal bupivacaine).
   */
  adrenaline: boolean | 'either';
  /** Amide or ester (shown; every agent counts toward the summed total whatever its class). */
  class: 'amide' | 'ester';
  /** The regions this row applies to. */
  regions: readonly DoseRegion[];
  /** Maximum dose per kg of body weight, mg/kg, applied by the calculator (null: none in adults). */
  mgPerKg: number | null;
  /** The range given, mg/kg, when there is one. */
  mgPerKgRange?: readonly [number, number];
  /** Absolute ceiling for one procedure, mg, applied by the calculator (null: none given). */
  ceilingMg: number | null;
  /** The range given, mg, when there is one. */
  ceilingRangeMg?: readonly [number, number];
  /** The period the ceiling is stated for, when the label gives one (e.g. "4 h"). */
  ceilingPeriod?: string;
  /** 24-hour cumulative limit, mg, for display (not applied to a single procedure). */
  per24hMg?: number;
  per24hRangeMg?: readonly [number, number];
  /** Ceilings for particular blocks, mg (liposomal bupivacaine interscalene). */
  siteCeilingsMg?: { interscalene?: number };
  /** Part of the row is marked [?] in the reference. */
  uncertain: boolean;
  uncertainNotes: string[];
  /** Other statements of the source, shown beside the result. */
  notes: string[];
  /** The one publication this row comes from. */
  source: DoseSource;
  /**
   * The reference-table row this one transcribes, as written (agent | mg/kg | ceiling), for review;
   * null for a row whose figures come from its source alone (UK bupivacaine with adrenaline).
   */
  reference: string | null;
}

const BOTH: readonly DoseRegion[] = ['US', 'UK'];

/** The dose table. */
export const DOSE_TABLE: readonly DoseLimit[] = [
  {
    id: 'lidocaine-plain-us',
    agent: 'lidocaine',
    label: 'Lidocaine, plain',
    adrenaline: false,
    class: 'amide',
    regions: ['US'],
    mgPerKg: 4.5,
    ceilingMg: 300,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: DOSE_SOURCES.xylocaine,
    reference: 'lidocaine, plain | 4.5 (UK BNF 3) | 300 mg (UK 200)',
  },
  {
    id: 'lidocaine-plain-uk',
    agent: 'lidocaine',
    label: 'Lidocaine, plain',
    adrenaline: false,
    class: 'amide',
    regions: ['UK'],
    mgPerKg: 3,
    ceilingMg: 200,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: DOSE_SOURCES.bnfLidocaine,
    reference: 'lidocaine, plain | 4.5 (UK BNF 3) | 300 mg (UK 200)',
  },
  {
    id: 'lidocaine-adrenaline',
    agent: 'lidocaine',
    label: 'Lidocaine + adrenaline',
    adrenaline: true,
    class: 'amide',
    regions: BOTH,
    mgPerKg: 7,
    ceilingMg: 500,
    uncertain: false,
    uncertainNotes: [],
    notes: ['One figure for both regions (the US label; the BNF also gives 500 mg with adrenaline).'],
    source: DOSE_SOURCES.xylocaine,
    reference: 'lidocaine + adrenaline | 7 | 500 mg',
  },
  {
    id: 'bupivacaine-plain-us',
    agent: 'bupivacaine',
    label: 'Bupivacaine, plain',
    adrenaline: false,
    class: 'amide',
    regions: ['US'],
    mgPerKg: 2,
    mgPerKgRange: [2, 2.5],
    ceilingMg: 175,
    per24hMg: 400,
    uncertain: false,
    uncertainNotes: [],
    notes: ['2–2.5 mg/kg: the calculator applies 2 mg/kg (lower bound).', '400 mg per 24 h.'],
    source: DOSE_SOURCES.bupivacaineUs,
    reference: 'bupivacaine, plain | 2–2.5 | 175 mg (US label); UK 150 mg per 4 h; 400 mg/24 h',
  },
  {
    id: 'bupivacaine-plain-uk',
    agent: 'bupivacaine',
    label: 'Bupivacaine, plain',
    adrenaline: false,
    class: 'amide',
    regions: ['UK'],
    mgPerKg: 2,
    mgPerKgRange: [2, 2.5],
    ceilingMg: 150,
    ceilingPeriod: '4 h',
    per24hMg: 400,
    uncertain: false,
    uncertainNotes: [],
    notes: ['2–2.5 mg/kg: the calculator applies 2 mg/kg (lower bound).', '150 mg in any 4 h; 400 mg per 24 h.'],
    source: DOSE_SOURCES.marcainPlainUk,
    reference: 'bupivacaine, plain | 2–2.5 | 175 mg (US label); UK 150 mg per 4 h; 400 mg/24 h',
  },
  {
    id: 'bupivacaine-adrenaline-us',
    agent: 'bupivacaine',
    label: 'Bupivacaine + adrenaline',
    adrenaline: true,
    class: 'amide',
    regions: ['US'],
    mgPerKg: 3,
    ceilingMg: 225,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: DOSE_SOURCES.bupivacaineUs,
    reference: 'bupivacaine + adrenaline | 3 | 225 mg',
  },
  {
    id: 'bupivacaine-adrenaline-uk',
    agent: 'bupivacaine',
    label: 'Bupivacaine + adrenaline',
    adrenaline: true,
    class: 'amide',
    regions: ['UK'],
    mgPerKg: 2,
    ceilingMg: 150,
    ceilingPeriod: '4 h',
    uncertain: false,
    uncertainNotes: [],
    notes: ['UK labelling gives the same maximum with adrenaline as without: 2 mg/kg, 150 mg in any 4 h.'],
    source: DOSE_SOURCES.marcainAdrenalineUk,
    reference: null,
  },
  {
    id: 'levobupivacaine',
    agent: 'levobupivacaine',
    label: 'Levobupivacaine',
    adrenaline: 'either',
    class: 'amide',
    regions: BOTH,
    mgPerKg: 2,
    ceilingMg: 150,
    per24hMg: 400,
    uncertain: true,
    uncertainNotes: ['2 mg/kg is not from the label and is unconfirmed [?].', '150 mg single dose and 400 mg per 24 h are unconfirmed [?].'],
    notes: ['No separate maximum with adrenaline.', 'Not marketed in the US: the UK SmPC applies in both regions.'],
    source: DOSE_SOURCES.chirocaine,
    reference: 'levobupivacaine | 2 (RCEM) [?] | 150 mg single dose, 400 mg/24 h (UK label) [?]',
  },
  {
    id: 'ropivacaine',
    agent: 'ropivacaine',
    label: 'Ropivacaine',
    adrenaline: 'either',
    class: 'amide',
    regions: BOTH,
    mgPerKg: 3,
    ceilingMg: 200,
    ceilingRangeMg: [200, 300],
    per24hRangeMg: [675, 800],
    uncertain: true,
    uncertainNotes: ['The 24 h cumulative limit (675–800 mg depending on label) is unconfirmed [?].'],
    notes: ['~200–300 mg single dose (up to ~300 mg for brachial plexus block); the calculator applies 200 mg (lower bound).', 'No separate maximum with adrenaline.'],
    source: DOSE_SOURCES.naropin,
    reference: 'ropivacaine | 3 | ~200–300 mg single (label allows up to ~300 mg for brachial plexus); 24 h cumulative 675–800 mg depending on label [?]',
  },
  {
    id: 'liposomal-bupivacaine',
    agent: 'liposomal-bupivacaine',
    label: 'Liposomal bupivacaine (Exparel)',
    adrenaline: 'either',
    class: 'amide',
    regions: BOTH,
    mgPerKg: null,
    ceilingMg: 266,
    siteCeilingsMg: { interscalene: 133 },
    uncertain: true,
    uncertainNotes: ['"Other local anaesthetics such as lidocaine should precede it by ≥ 20 min" is unconfirmed [?].'],
    notes: [
      'No mg/kg maximum in adults (children 6 to < 17 years: 4 mg/kg).',
      '266 mg (20 mL) single dose; interscalene brachial plexus block 133 mg.',
      'Not convertible mg-for-mg with other bupivacaine.',
      'Plain bupivacaine may be given with it if the plain:liposomal mg ratio is ≤ 1:2.',
      'Other local anaesthetics such as lidocaine should precede it by ≥ 20 min [?].',
    ],
    source: DOSE_SOURCES.exparel,
    reference:
      'liposomal bupivacaine (Exparel) | n/a in adults (children 6–<17 y: 4 mg/kg) | 266 mg (20 mL) single dose; interscalene 133 mg. Not convertible mg-for-mg with other bupivacaine. Plain bupivacaine may be given with it if the plain:liposomal mg ratio is ≤1:2. Other LAs such as lidocaine should precede it by ≥20 min [?]',
  },
  {
    id: 'chloroprocaine-plain',
    agent: 'chloroprocaine',
    label: 'Chloroprocaine, plain',
    adrenaline: false,
    class: 'ester',
    regions: BOTH,
    mgPerKg: 11,
    ceilingMg: 800,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: DOSE_SOURCES.nesacaine,
    reference: 'chloroprocaine | 11 (14 with adrenaline) | 800 mg (1000 mg with adrenaline)',
  },
  {
    id: 'chloroprocaine-adrenaline',
    agent: 'chloroprocaine',
    label: 'Chloroprocaine + adrenaline',
    adrenaline: true,
    class: 'ester',
    regions: BOTH,
    mgPerKg: 14,
    ceilingMg: 1000,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: DOSE_SOURCES.nesacaine,
    reference: 'chloroprocaine | 11 (14 with adrenaline) | 800 mg (1000 mg with adrenaline)',
  },
  {
    id: 'mepivacaine',
    agent: 'mepivacaine',
    label: 'Mepivacaine',
    adrenaline: 'either',
    class: 'amide',
    regions: BOTH,
    mgPerKg: 7,
    ceilingMg: 400,
    per24hMg: 1000,
    uncertain: true,
    uncertainNotes: ['The 24 h limit (≤ 1000 mg) is unconfirmed [?].'],
    notes: ['400 mg single dose.', 'No separate maximum with adrenaline.'],
    source: DOSE_SOURCES.carbocaine,
    reference: 'mepivacaine | 7 | 400 mg single (label); ≤1000 mg/24 h [?]',
  },
];

/** Display names of the agents. */
export const AGENT_NAMES: Record<LocalAnaestheticId, string> = {
  lidocaine: 'Lidocaine',
  bupivacaine: 'Bupivacaine',
  levobupivacaine: 'Levobupivacaine',
  ropivacaine: 'Ropivacaine',
  'liposomal-bupivacaine': 'Liposomal bupivacaine',
  chloroprocaine: 'Chloroprocaine',
  mepivacaine: 'Mepivacaine',
};

/** General caveats, shown with every dose summary (Rosenberg 2004 for the first two). */
export const DOSE_CAVEATS: readonly string[] = [
  'Maximum doses come from drug labels and textbook convention and are not evidence-based (Rosenberg 2004).',
  'They depend on the injection site and the patient (age, frailty, heart/liver/kidney disease, pregnancy).',
  'Toxicity adds up: every agent, skin infiltration included, is summed as a fraction of its own maximum.',
  'Use ideal or lean body weight in obesity.',
];

/**
 * The caution threshold: a fraction of a maximum at which the calculator cautions. No label or
 * guideline sets it; it is a BlockPlan default, changeable per note (`doseSettings.cautionPercent`)
 * and named as such wherever it is shown.
 */
export const CAUTION_THRESHOLD = {
  defaultPercent: 80,
  /** Shown beside the threshold wherever it appears. */
  label: 'BlockPlan default, a setting — not from a label or guideline',
} as const;

/** The row that applies to an agent given plain or with adrenaline in a region. */
export function doseLimitFor(agent: LocalAnaestheticId, adrenaline: boolean, region: DoseRegion): DoseLimit {
  const rows = DOSE_TABLE.filter((r) => r.agent === agent && r.regions.includes(region));
  const row = rows.find((r) => r.adrenaline === adrenaline) ?? rows.find((r) => r.adrenaline === 'either');
  if (!row) throw new Error(`dose table has no ${region} row for ${agent}`); // unreachable: the table covers every LocalAnaestheticId in every region (tested)
  return row;
}

/** Every publication the dose table cites, once each, in table order. */
export function doseTableSources(): DoseSource[] {
  const seen = new Map<string, DoseSource>();
  for (const r of DOSE_TABLE) seen.set(r.source.id, r.source);
  return [...seen.values()];
}
