import type { LocalAnaestheticId } from './schema';

/**
 * Maximum local-anaesthetic doses for adults, per procedure, as data with their source.
 *
 * Every number below is transcribed from /work/shared/reference/blocks.md §2 (source [S20]: drug labels
 * and textbook convention; "not evidence-based", Rosenberg 2004). Where the reference marks a figure
 * [?] (unconfirmed or sources disagree) the entry keeps the figure but sets `uncertain` and names the
 * uncertain parts in `uncertainNotes`; the calculator and every export show that flag beside the result.
 *
 * Where the reference gives a range (bupivacaine 2–2.5 mg/kg; ropivacaine ~200–300 mg), the calculator
 * applies the LOWER bound (`mgPerKg`, `ceilingMg`) — the conservative choice for a ceiling — and the
 * full range is kept in `mgPerKgRange` / `ceilingRangeMg` for display.
 *
 * US vs UK: where the reference gives a different UK figure (lidocaine plain: BNF 3 mg/kg, 200 mg;
 * bupivacaine plain: 150 mg per 4 h), it is in `uk`. Otherwise the same figure applies to both.
 */

export type DoseRegion = 'US' | 'UK';

/** Where a number comes from: a section of the reference file and its source key. */
export interface DoseSource {
  /** e.g. "blocks.md §2 [S20]". */
  ref: string;
  /** The reference row as written, so a reviewer can compare without opening the file. */
  text: string;
}

/** One row of the dose table: an agent, plain or with adrenaline. */
export interface DoseLimit {
  agent: LocalAnaestheticId;
  /** Display name, e.g. "Lidocaine + adrenaline". */
  label: string;
  /**
   * `true`: this row applies with adrenaline; `false`: plain; `'either'`: the reference gives one
   * figure and no separate adrenaline row (levobupivacaine, ropivacaine, mepivacaine, liposomal bupivacaine).
   */
  adrenaline: boolean | 'either';
  /** Amide or ester; amide fractions are summed (blocks.md §2: "Amide doses add up"). Classification per [S20]. */
  class: 'amide' | 'ester';
  /** Maximum dose per kg of body weight, mg/kg, applied by the calculator (null: not applicable in adults). */
  mgPerKg: number | null;
  /** The range as given by the reference, mg/kg, when it gives one. */
  mgPerKgRange?: readonly [number, number];
  /** Absolute ceiling for one procedure, mg, applied by the calculator (null: none given). */
  ceilingMg: number | null;
  /** The range as given, mg, when the reference gives one. */
  ceilingRangeMg?: readonly [number, number];
  /** 24-hour cumulative limit, mg, for display (not applied to a single procedure). */
  per24hMg?: number;
  per24hRangeMg?: readonly [number, number];
  /** UK figures where they differ from the above (US label / general). */
  uk?: { mgPerKg?: number; ceilingMg?: number; ceilingNote?: string };
  /** Extra ceilings for particular blocks, mg (liposomal bupivacaine interscalene 133 mg). */
  siteCeilingsMg?: { interscalene?: number };
  /** Part of the row is marked [?] in the reference. */
  uncertain: boolean;
  uncertainNotes: string[];
  /** Other statements from the reference row, shown beside the result. */
  notes: string[];
  source: DoseSource;
}

const S20 = 'blocks.md §2 [S20]';

/** The dose table. Order is the reference's. */
export const DOSE_TABLE: readonly DoseLimit[] = [
  {
    agent: 'lidocaine',
    label: 'Lidocaine, plain',
    adrenaline: false,
    class: 'amide',
    mgPerKg: 4.5,
    ceilingMg: 300,
    uk: { mgPerKg: 3, ceilingMg: 200, ceilingNote: 'UK BNF' },
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: { ref: S20, text: 'lidocaine, plain | 4.5 (UK BNF 3) | 300 mg (UK 200)' },
  },
  {
    agent: 'lidocaine',
    label: 'Lidocaine + adrenaline',
    adrenaline: true,
    class: 'amide',
    mgPerKg: 7,
    ceilingMg: 500,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: { ref: S20, text: 'lidocaine + adrenaline | 7 | 500 mg' },
  },
  {
    agent: 'bupivacaine',
    label: 'Bupivacaine, plain',
    adrenaline: false,
    class: 'amide',
    mgPerKg: 2,
    mgPerKgRange: [2, 2.5],
    ceilingMg: 175,
    per24hMg: 400,
    uk: { ceilingMg: 150, ceilingNote: 'UK: 150 mg per 4 h' },
    uncertain: false,
    uncertainNotes: [],
    notes: ['Reference gives 2–2.5 mg/kg; the calculator applies 2 mg/kg (lower bound).', '175 mg is the US label; UK 150 mg per 4 h; 400 mg per 24 h.'],
    source: { ref: S20, text: 'bupivacaine, plain | 2–2.5 | 175 mg (US label); UK 150 mg per 4 h; 400 mg/24 h' },
  },
  {
    agent: 'bupivacaine',
    label: 'Bupivacaine + adrenaline',
    adrenaline: true,
    class: 'amide',
    mgPerKg: 3,
    ceilingMg: 225,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: { ref: S20, text: 'bupivacaine + adrenaline | 3 | 225 mg' },
  },
  {
    agent: 'levobupivacaine',
    label: 'Levobupivacaine',
    adrenaline: 'either',
    class: 'amide',
    mgPerKg: 2,
    ceilingMg: 150,
    per24hMg: 400,
    uncertain: true,
    uncertainNotes: ['2 mg/kg (RCEM) is marked [?] in the reference.', '150 mg single dose and 400 mg/24 h (UK label) are marked [?] in the reference.'],
    notes: ['The reference gives no separate maximum with adrenaline.'],
    source: { ref: S20, text: 'levobupivacaine | 2 (RCEM) [?] | 150 mg single dose, 400 mg/24 h (UK label) [?]' },
  },
  {
    agent: 'ropivacaine',
    label: 'Ropivacaine',
    adrenaline: 'either',
    class: 'amide',
    mgPerKg: 3,
    ceilingMg: 200,
    ceilingRangeMg: [200, 300],
    per24hRangeMg: [675, 800],
    uncertain: true,
    uncertainNotes: ['The 24 h cumulative limit (675–800 mg depending on label) is marked [?] in the reference.'],
    notes: [
      'Reference gives ~200–300 mg single dose (label allows up to ~300 mg for brachial plexus); the calculator applies 200 mg (lower bound).',
      'The reference gives no separate maximum with adrenaline.',
    ],
    source: {
      ref: S20,
      text: 'ropivacaine | 3 | ~200–300 mg single (label allows up to ~300 mg for brachial plexus); 24 h cumulative 675–800 mg depending on label [?]',
    },
  },
  {
    agent: 'liposomal-bupivacaine',
    label: 'Liposomal bupivacaine (Exparel)',
    adrenaline: 'either',
    class: 'amide',
    mgPerKg: null,
    ceilingMg: 266,
    siteCeilingsMg: { interscalene: 133 },
    uncertain: true,
    uncertainNotes: ['"Other LAs such as lidocaine should precede it by ≥20 min" is marked [?] in the reference.'],
    notes: [
      'mg/kg: n/a in adults (children 6–<17 y: 4 mg/kg).',
      '266 mg (20 mL) single dose; interscalene 133 mg.',
      'Not convertible mg-for-mg with other bupivacaine.',
      'Plain bupivacaine may be given with it if the plain:liposomal mg ratio is ≤ 1:2.',
      'Other LAs such as lidocaine should precede it by ≥ 20 min [?].',
    ],
    source: {
      ref: S20,
      text: 'liposomal bupivacaine (Exparel) | n/a in adults (children 6–<17 y: 4 mg/kg) | 266 mg (20 mL) single dose; interscalene 133 mg. Not convertible mg-for-mg with other bupivacaine. Plain bupivacaine may be given with it if the plain:liposomal mg ratio is ≤1:2. Other LAs such as lidocaine should precede it by ≥20 min [?]',
    },
  },
  {
    agent: 'chloroprocaine',
    label: 'Chloroprocaine, plain',
    adrenaline: false,
    class: 'ester',
    mgPerKg: 11,
    ceilingMg: 800,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: { ref: S20, text: 'chloroprocaine | 11 (14 with adrenaline) | 800 mg (1000 mg with adrenaline)' },
  },
  {
    agent: 'chloroprocaine',
    label: 'Chloroprocaine + adrenaline',
    adrenaline: true,
    class: 'ester',
    mgPerKg: 14,
    ceilingMg: 1000,
    uncertain: false,
    uncertainNotes: [],
    notes: [],
    source: { ref: S20, text: 'chloroprocaine | 11 (14 with adrenaline) | 800 mg (1000 mg with adrenaline)' },
  },
  {
    agent: 'mepivacaine',
    label: 'Mepivacaine',
    adrenaline: 'either',
    class: 'amide',
    mgPerKg: 7,
    ceilingMg: 400,
    per24hMg: 1000,
    uncertain: true,
    uncertainNotes: ['The 24 h limit (≤ 1000 mg) is marked [?] in the reference.'],
    notes: ['400 mg single dose (label).', 'The reference gives no separate maximum with adrenaline.'],
    source: { ref: S20, text: 'mepivacaine | 7 | 400 mg single (label); ≤1000 mg/24 h [?]' },
  },
];

/** The dose table's source as a reference entry (blocks.md "Sources", S20). */
export const DOSE_SOURCE = {
  id: 'S20',
  citation: 'Maximum local anaesthetic doses: drug labels and textbook convention (Medscape LA table; Exparel, Carbocaine, Naropin and Marcain labels; RCEM levobupivacaine; UK limits calculator; Rosenberg 2004 "not evidence-based")',
  urls: [
    'https://www.staging.medscape.com/answers/1844551-62850/how-are-local-anesthetic-agents-categorized',
    'https://dailymed.nlm.nih.gov/dailymed/lookup.cfm?setid=bb5a9e59-0f51-11df-8a39-0800200c9a66',
    'http://exparel.com/hcp/how-to-use/dosing.shtml',
    'http://www.rxlist.com/carbocaine-drug/indications-dosage.htm',
    'https://sit.mimsdev.com/hongkong/drug/info/naropin/dosage',
    'https://sit.mimsdev.com/hongkong/drug/info/marcain/dosage',
    'https://www.rcemlearning.co.uk/modules/ultrasound-guided-serratus-anterior-plane-block/lessons/management-performing-the-block/topic/local-anaesthetic-dose/',
    'https://gas-calc.xyz/la-bolusinfusion.html',
    'https://www.scribd.com/document/817346507/Dosis-maxima-de-AL-2004',
  ],
} as const;

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

/** General caveats from blocks.md §2, shown with every dose summary. */
export const DOSE_CAVEATS: readonly string[] = [
  'Ceilings come from drug labels and textbook convention and are not evidence-based.',
  'They depend on the injection site and the patient (age, frailty, heart/liver/kidney disease, pregnancy).',
  'Amide doses add up: every agent is summed as a fraction of its own maximum.',
  'Use ideal or lean body weight in obesity.',
];

/** The row that applies to an agent given plain or with adrenaline. */
export function doseLimitFor(agent: LocalAnaestheticId, adrenaline: boolean): DoseLimit {
  const rows = DOSE_TABLE.filter((r) => r.agent === agent);
  const exact = rows.find((r) => r.adrenaline === adrenaline);
  const either = rows.find((r) => r.adrenaline === 'either');
  const row = exact ?? either;
  if (!row) throw new Error(`dose table has no row for ${agent}`); // unreachable: the table covers every LocalAnaestheticId
  return row;
}

/** The mg/kg and ceiling that apply in a region (UK figures where the reference gives them). */
export function regionalLimits(row: DoseLimit, region: DoseRegion): { mgPerKg: number | null; ceilingMg: number | null } {
  if (region === 'UK' && row.uk) {
    return { mgPerKg: row.uk.mgPerKg ?? row.mgPerKg, ceilingMg: row.uk.ceilingMg ?? row.ceilingMg };
  }
  return { mgPerKg: row.mgPerKg, ceilingMg: row.ceilingMg };
}
