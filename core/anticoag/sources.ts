/**
 * The sources the anticoagulation data comes from: three guidelines, and a drug's own prescribing
 * information (label) where the guidelines' figure could not be confirmed. Every value in ./rules.ts
 * and every block classification in ./blocks.ts names ONE of them and the table or section it comes
 * from; the transcription the tests check the data against is docs/reference/anticoagulation.md.
 */

/** The guidelines, which classify blocks (./blocks.ts). */
export type GuidelineOnlyId = 'esaic-esra-2022' | 'asra-pain-2018' | 'asra-2018';
/** A drug label: it speaks of neuraxial blockade and surgery, never of a block by name. */
export type LabelId = 'clopidogrel-label-us';
export type GuidelineId = GuidelineOnlyId | LabelId;

/** The guidelines, in the order the plan panel lists them. */
export const GUIDELINE_IDS: readonly GuidelineOnlyId[] = ['asra-2018', 'esaic-esra-2022', 'asra-pain-2018'];
/** The labels (./rules.ts holds their rules; ./advice.ts reads them against the guidelines' block classes). */
export const LABEL_IDS: readonly LabelId[] = ['clopidogrel-label-us'];

export interface Guideline {
  id: GuidelineId;
  /** Short name shown beside each value, e.g. "ESAIC/ESRA 2022". */
  short: string;
  /** The publication, as a reader would look it up. */
  citation: string;
  url: string;
  /** Where BlockPlan could read the figures it carries (the guideline is not open access in full). */
  confirmedFrom: string;
}

export const GUIDELINES: Readonly<Record<GuidelineId, Guideline>> = {
  'esaic-esra-2022': {
    id: 'esaic-esra-2022',
    short: 'ESAIC/ESRA 2022',
    citation: 'Kietaibl S, Ferrandis R, Godier A, et al. Regional anaesthesia in patients on antithrombotic drugs: joint ESAIC/ESRA guidelines. Eur J Anaesthesiol 2022;39:100–132',
    url: 'https://doi.org/10.1097/EJA.0000000000001600',
    confirmedFrom: 'the abstract and a published reproduction (UpToDate graphic) of the table for high-bleeding-risk blocks',
  },
  'asra-pain-2018': {
    id: 'asra-pain-2018',
    short: 'ASRA/ESRA pain 2018',
    citation:
      'Narouze S, Benzon HT, Provenzano D, et al. Interventional spine and pain procedures in patients on antiplatelet and anticoagulant medications (second edition): guidelines from ASRA, ESRA, AAPM, INS, NANS and WIP. Reg Anesth Pain Med 2018;43:225–262',
    url: 'https://doi.org/10.1097/AAP.0000000000000700',
    confirmedFrom: 'published reproductions (UpToDate graphics adapted from the guideline) of its procedure classification and drug table; ASRA News 2019 for the 2018 reclassification',
  },
  'asra-2018': {
    id: 'asra-2018',
    short: 'ASRA 2018',
    citation:
      'Horlocker TT, Vandermeuelen E, Kopp SL, et al. Regional anesthesia in the patient receiving antithrombotic or thrombolytic therapy: ASRA evidence-based guidelines (fourth edition). Reg Anesth Pain Med 2018;43:263–309',
    url: 'https://doi.org/10.1097/AAP.0000000000000763',
    confirmedFrom: "Guideline Central's summary of the recommendations and a textbook summary of the peripheral-block recommendation",
  },
  'clopidogrel-label-us': {
    id: 'clopidogrel-label-us',
    short: 'Clopidogrel US label',
    citation:
      'Plavix (clopidogrel bisulfate) tablets, US prescribing information (Bristol-Myers Squibb/Sanofi; FDA-approved labeling, also carried by the generic clopidogrel labels): section 5.3 Discontinuation; section 8.1 Pregnancy, labor or delivery',
    url: 'https://dailymed.nlm.nih.gov/dailymed/search.cfm?labeltype=all&query=clopidogrel',
    confirmedFrom: 'quotations of the label text in published clinical summaries (two independent pages); the label on DailyMed/openFDA was not read directly',
  },
};

/** Where a value sits in its guideline, shown beside it: "ESAIC/ESRA 2022, table for high-bleeding-risk blocks". */
export interface CitedPlace {
  guideline: GuidelineId;
  /** Table or section, as the guideline names it. */
  place: string;
  /** Row key in docs/reference/anticoagulation.md (the tests read that row). */
  ref: string;
}

/** "ESAIC/ESRA 2022, table for high-bleeding-risk blocks". */
export function placeText(p: Pick<CitedPlace, 'guideline' | 'place'>): string {
  return `${GUIDELINES[p.guideline].short}, ${p.place}`;
}

export const ESAIC_TABLE = 'table of time intervals for high-bleeding-risk blocks (neuraxial and deep nerve blocks)';
export const PAIN_CLASS_TABLE = 'procedure classification by bleeding risk';
export const PAIN_DRUG_TABLE = 'table of when to stop and restart, by procedure risk';
export const ASRA_THROMBOLYTIC = 'recommendations 2.1–2.3 (thrombolytic therapy)';
export const ASRA_PERIPHERAL = 'recommendation on deep plexus and deep peripheral blocks';
export const CLOPIDOGREL_LABEL_NEURAXIAL = 'section 8.1 (neuraxial blockade)';
export const CLOPIDOGREL_LABEL_RESTART = 'section 5.3 (discontinuation)';
