/**
 * The antithrombotic drugs BlockPlan knows, and the dose regimens the guidelines distinguish. Names
 * only — every interval is in ./rules.ts with its source.
 */

export const DRUG_IDS = [
  'warfarin',
  'acenocoumarol',
  'ufh-sc',
  'ufh-iv',
  'enoxaparin',
  'dalteparin',
  'fondaparinux',
  'dabigatran',
  'rivaroxaban',
  'apixaban',
  'edoxaban',
  'aspirin',
  'ibuprofen',
  'diclofenac',
  'ketorolac',
  'etodolac',
  'indomethacin',
  'naproxen',
  'meloxicam',
  'nabumetone',
  'oxaprozin',
  'piroxicam',
  'clopidogrel',
  'prasugrel',
  'ticagrelor',
  'ticlopidine',
  'cangrelor',
  'cilostazol',
  'dipyridamole',
  'gp-iib-iiia',
  'thrombolytic',
] as const;
export type DrugId = (typeof DRUG_IDS)[number];

/**
 * Dose regimens: `prophylactic` (low dose) and `treatment` (high / therapeutic dose) for the
 * anticoagulants; `primary` and `secondary` prevention for aspirin; `any` where the guidelines make
 * no distinction.
 */
export const REGIMENS = ['prophylactic', 'treatment', 'primary', 'secondary', 'any'] as const;
export type Regimen = (typeof REGIMENS)[number];

export interface DrugInfo {
  id: DrugId;
  name: string;
  group: 'vitamin K antagonist' | 'heparin' | 'LMWH' | 'factor Xa inhibitor' | 'thrombin inhibitor' | 'antiplatelet' | 'NSAID' | 'thrombolytic';
  /** Regimens a user chooses between; the first is not a default — the user must choose when there are two. */
  regimens: readonly Regimen[];
  /** What each regimen means, as the guideline defines it where it does. */
  regimenNotes?: Partial<Record<Regimen, string>>;
  /** Other names a user may type (CLI --drug, the note's free-text drug). */
  aliases: readonly string[];
}

const ANTICOAG_DOSES: Partial<Record<Regimen, string>> = {
  prophylactic: 'low (prophylactic) dose',
  treatment: 'high (treatment) dose',
};

export const DRUGS: readonly DrugInfo[] = [
  { id: 'warfarin', name: 'Warfarin', group: 'vitamin K antagonist', regimens: ['any'], aliases: ['coumadin', 'vka'] },
  { id: 'acenocoumarol', name: 'Acenocoumarol', group: 'vitamin K antagonist', regimens: ['any'], aliases: ['sintrom'] },
  {
    id: 'ufh-sc',
    name: 'Unfractionated heparin, subcutaneous',
    group: 'heparin',
    regimens: ['prophylactic', 'treatment'],
    regimenNotes: { prophylactic: 'low dose: ≤200 IU/kg/day SC (ESAIC/ESRA 2022)', treatment: 'high dose: above the low-dose limit' },
    aliases: ['heparin sc', 'sc heparin', 'ufh'],
  },
  {
    id: 'ufh-iv',
    name: 'Unfractionated heparin, intravenous',
    group: 'heparin',
    regimens: ['prophylactic', 'treatment'],
    regimenNotes: { prophylactic: 'low dose: ≤100 IU/kg/day IV (ESAIC/ESRA 2022)', treatment: 'high (therapeutic) dose' },
    aliases: ['heparin iv', 'iv heparin', 'heparin infusion'],
  },
  {
    id: 'enoxaparin',
    name: 'Enoxaparin (LMWH)',
    group: 'LMWH',
    regimens: ['prophylactic', 'treatment'],
    regimenNotes: { prophylactic: 'low dose: ≤50 anti-Xa IU/kg/day; enoxaparin ≤40 mg/day (ESAIC/ESRA 2022)', treatment: 'high (therapeutic) dose' },
    aliases: ['lmwh', 'clexane', 'lovenox'],
  },
  {
    id: 'dalteparin',
    name: 'Dalteparin (LMWH)',
    group: 'LMWH',
    regimens: ['prophylactic', 'treatment'],
    regimenNotes: { prophylactic: 'low dose: ≤50 anti-Xa IU/kg/day (ESAIC/ESRA 2022)', treatment: 'high (therapeutic) dose' },
    aliases: ['fragmin'],
  },
  { id: 'fondaparinux', name: 'Fondaparinux', group: 'factor Xa inhibitor', regimens: ['prophylactic', 'treatment'], regimenNotes: ANTICOAG_DOSES, aliases: ['arixtra'] },
  { id: 'dabigatran', name: 'Dabigatran', group: 'thrombin inhibitor', regimens: ['prophylactic', 'treatment'], regimenNotes: ANTICOAG_DOSES, aliases: ['pradaxa'] },
  { id: 'rivaroxaban', name: 'Rivaroxaban', group: 'factor Xa inhibitor', regimens: ['prophylactic', 'treatment'], regimenNotes: ANTICOAG_DOSES, aliases: ['xarelto'] },
  { id: 'apixaban', name: 'Apixaban', group: 'factor Xa inhibitor', regimens: ['prophylactic', 'treatment'], regimenNotes: ANTICOAG_DOSES, aliases: ['eliquis'] },
  { id: 'edoxaban', name: 'Edoxaban', group: 'factor Xa inhibitor', regimens: ['prophylactic', 'treatment'], regimenNotes: ANTICOAG_DOSES, aliases: ['lixiana', 'savaysa'] },
  { id: 'aspirin', name: 'Aspirin', group: 'antiplatelet', regimens: ['primary', 'secondary'], regimenNotes: { primary: 'primary prophylaxis', secondary: 'secondary prophylaxis' }, aliases: ['asa', 'acetylsalicylic acid'] },
  { id: 'ibuprofen', name: 'Ibuprofen', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'diclofenac', name: 'Diclofenac', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'ketorolac', name: 'Ketorolac', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'etodolac', name: 'Etodolac', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'indomethacin', name: 'Indomethacin', group: 'NSAID', regimens: ['any'], aliases: ['indometacin'] },
  { id: 'naproxen', name: 'Naproxen', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'meloxicam', name: 'Meloxicam', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'nabumetone', name: 'Nabumetone', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'oxaprozin', name: 'Oxaprozin', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'piroxicam', name: 'Piroxicam', group: 'NSAID', regimens: ['any'], aliases: [] },
  { id: 'clopidogrel', name: 'Clopidogrel', group: 'antiplatelet', regimens: ['any'], aliases: ['plavix'] },
  { id: 'prasugrel', name: 'Prasugrel', group: 'antiplatelet', regimens: ['any'], aliases: ['effient'] },
  { id: 'ticagrelor', name: 'Ticagrelor', group: 'antiplatelet', regimens: ['any'], aliases: ['brilinta', 'brilique'] },
  { id: 'ticlopidine', name: 'Ticlopidine', group: 'antiplatelet', regimens: ['any'], aliases: [] },
  { id: 'cangrelor', name: 'Cangrelor', group: 'antiplatelet', regimens: ['any'], aliases: [] },
  { id: 'cilostazol', name: 'Cilostazol', group: 'antiplatelet', regimens: ['any'], aliases: [] },
  { id: 'dipyridamole', name: 'Dipyridamole', group: 'antiplatelet', regimens: ['any'], aliases: [] },
  { id: 'gp-iib-iiia', name: 'GP IIb/IIIa inhibitor (abciximab, eptifibatide, tirofiban)', group: 'antiplatelet', regimens: ['any'], aliases: ['abciximab', 'eptifibatide', 'tirofiban'] },
  { id: 'thrombolytic', name: 'Fibrinolytic / thrombolytic drug', group: 'thrombolytic', regimens: ['any'], aliases: ['alteplase', 'tenecteplase', 'fibrinolytic'] },
];

const byId = new Map(DRUGS.map((d) => [d.id, d]));

export function drugInfo(id: DrugId): DrugInfo {
  return byId.get(id)!;
}

/** The drug a typed name means (id, name or alias; case-insensitive), or undefined. */
export function findDrug(text: string): DrugInfo | undefined {
  const t = text.trim().toLowerCase();
  if (!t) return undefined;
  return DRUGS.find((d) => d.id === t || d.name.toLowerCase() === t || d.aliases.includes(t)) ?? DRUGS.find((d) => d.name.toLowerCase().split(/[ ,(]/)[0] === t);
}
