/**
 * Why rehearsal scores the way it does, as data with sources, and every default with its label.
 *
 * The scoring borrows its shape from regional-anaesthesia assessment: errors a supervisor would stop
 * (quality-compromising behaviours, critical errors) are listed first and cap the score instead of
 * costing a few points; learning is tracked per trainee with a CUSUM of success and failure. The
 * numbers (tolerances, weights, caps, failure rates) are BlockPlan defaults — no source gives them
 * for a plan drawn on a recorded clip — and each says so; an educator changes them per case.
 */

/** A cited source of the scoring rationale. */
export interface RehearsalSource {
  id: string;
  citation: string;
  url: string;
  /** What BlockPlan takes from it. */
  usedFor: string;
}

/** The sources cited by the rehearsal scoring and the learning curve. */
export const REHEARSAL_SOURCES = {
  sites2007: {
    id: 'sites2007',
    citation:
      'Sites BD, Spence BC, Gallagher JD, Wiley CW, Bertrand ML, Blike GT. Characterizing novice behavior associated with learning ultrasound-guided peripheral regional anesthesia. Reg Anesth Pain Med 2007;32:107–115.',
    url: 'https://doi.org/10.1016/j.rapm.2006.11.006',
    usedFor:
      'Quality-compromising behaviours of novices, among them failing to correlate the side of the patient with the side of the ultrasound image, and a poor choice of needle insertion site and angle: the wrong side is a critical error; the path angle is scored.',
  },
  ahmed2017: {
    id: 'ahmed2017',
    citation:
      'Ahmed OMA, O’Donnell BD, Gallagher AG, Shorten GD. Development of performance and error metrics for ultrasound-guided axillary brachial plexus block. Adv Med Educ Pract 2017;8:257–263.',
    url: 'https://doi.org/10.2147/AMEP.S128963',
    usedFor: 'Error metrics with a subset categorised as critical (9 of 32), scored apart from the others: critical errors are listed first and fail the attempt.',
  },
  chuan2015: {
    id: 'chuan2015',
    citation:
      'Chuan A, Graham PL, Wong DM, Barrington MJ, Auyong DB, Cameron AJD, Lim YC, Pope L, Germanoska B, Forrest K, Royse CF. Design and validation of the Regional Anaesthesia Procedural Skills Assessment Tool. Anaesthesia 2015;70:1401–1411.',
    url: 'https://doi.org/10.1111/anae.13266',
    usedFor: 'A procedural checklist of steps combined with a global rating: the score is broken down by task (view, structures, needle, block details).',
  },
  chuan2018: {
    id: 'chuan2018',
    citation: 'Chuan A, Wan AS, Royse CF, Forrest K. Competency-based assessment tools for regional anaesthesia: a narrative review. Br J Anaesth 2018;120:264–273.',
    url: 'https://doi.org/10.1016/j.bja.2017.09.007',
    usedFor: 'Assessment tools for regional anaesthesia, including lists of quality-compromising behaviours flagged by the assessor, reviewed together.',
  },
  barrington2012: {
    id: 'barrington2012',
    citation:
      'Barrington MJ, Wong DM, Slater B, Ivanusic JJ, Ovens M. Ultrasound-guided regional anesthesia: how much practice do novices require before achieving competency in ultrasound needle visualization using a cadaver model. Reg Anesth Pain Med 2012;37:334–339.',
    url: 'https://doi.org/10.1097/AAP.0b013e3182475fba',
    usedFor: 'Learning curves per trainee by CUSUM of success and failure, with feedback on quality-compromising behaviours after each attempt; a mean of 28 trials to competence in needle visualisation, with wide variation between trainees.',
  },
  kestin1995: {
    id: 'kestin1995',
    citation: 'Kestin IG. A statistical approach to measuring the competence of anaesthetic trainees at practical procedures. Br J Anaesth 1995;75:805–809.',
    url: 'https://doi.org/10.1093/bja/75.6.805',
    usedFor:
      'The CUSUM method: acceptable and unacceptable failure rates chosen by the supervisors, each success lowers the sum by s and each failure raises it by 1 − s, with decision limits h0 and h1 from the error rates α and β.',
  },
  zijdenbos1994: {
    id: 'zijdenbos1994',
    citation: 'Zijdenbos AP, Dawant BM, Margolin RA, Palmer AC. Morphometric analysis of white matter lesions in MR images: method and validation. IEEE Trans Med Imaging 1994;13:716–724.',
    url: 'https://doi.org/10.1109/42.363096',
    usedFor: 'The Dice similarity index for comparing two outlines; a value above 0.7 read as excellent agreement: full credit from Dice 0.7.',
  },
} as const satisfies Record<string, RehearsalSource>;

export type RehearsalSourceId = keyof typeof REHEARSAL_SOURCES;

/** Where a default comes from: a source id above, or `blockplan` (a product default, not a clinical or educational figure). */
export type DefaultOrigin = RehearsalSourceId | 'blockplan';

/** A default value with its unit and origin, for display beside the setting. */
export interface LabelledDefault {
  value: number;
  unit: 'frames' | 'ms' | 'mm' | 'deg' | 'fraction' | 'percent' | 'points' | 'probability';
  origin: DefaultOrigin;
  note?: string;
}

const bp = (value: number, unit: LabelledDefault['unit'], note?: string): LabelledDefault => ({ value, unit, origin: 'blockplan', ...(note ? { note } : {}) });

/** What a BlockPlan default is, shown wherever one is. */
export const BLOCKPLAN_DEFAULT_LABEL = 'a BlockPlan default, not from a clinical or educational source; the educator can change it';

/**
 * Every rehearsal default. The Dice threshold follows Zijdenbos 1994; everything else is a BlockPlan
 * default chosen so that a plan an expert would accept scores full marks and the credit falls
 * linearly to zero over a span a supervisor would call clearly wrong.
 */
export const REHEARSAL_DEFAULTS = {
  weights: {
    'find-view': bp(15, 'points'),
    'identify-structures': bp(30, 'points'),
    'plan-needle': bp(40, 'points'),
    'block-details': bp(15, 'points'),
  },
  tolerances: {
    viewFullFrames: bp(3, 'frames'),
    viewZeroFrames: bp(15, 'frames'),
    viewFullMs: bp(150, 'ms'),
    viewZeroMs: bp(750, 'ms'),
    pointFullMm: bp(2, 'mm', 'A point inside the structure scores full; outside, full within this distance of its edge.'),
    pointZeroMm: bp(10, 'mm'),
    diceFull: { value: 0.7, unit: 'fraction', origin: 'zijdenbos1994', note: 'Dice above 0.7 read as excellent agreement.' } as LabelledDefault,
    diceZero: bp(0.2, 'fraction'),
    hausdorffFullMm: bp(3, 'mm'),
    hausdorffZeroMm: bp(15, 'mm'),
    targetFullMm: bp(3, 'mm'),
    targetZeroMm: bp(15, 'mm'),
    angleFullDeg: bp(5, 'deg'),
    angleZeroDeg: bp(30, 'deg'),
    marginAllowanceMm: bp(1, 'mm'),
  },
  /** Shares of the needle task: target error, angle error, clearance (they sum to 1). */
  needleParts: {
    target: bp(0.4, 'fraction'),
    angle: bp(0.3, 'fraction'),
    clearance: bp(0.3, 'fraction'),
  },
  passPercent: bp(70, 'percent'),
  criticalCapPercent: bp(50, 'percent', 'A critical error also fails the attempt whatever the score (Ahmed 2017: critical errors are scored apart).'),
  cusum: {
    acceptableFailureRate: bp(0.2, 'probability', 'Kestin 1995: the acceptable and unacceptable failure rates are chosen by the supervisors for each procedure.'),
    unacceptableFailureRate: bp(0.4, 'probability'),
    alpha: bp(0.1, 'probability', 'Type I error: concluding an unacceptable rate when it is acceptable.'),
    beta: bp(0.1, 'probability', 'Type II error: concluding an acceptable rate when it is unacceptable.'),
  },
} as const;

/** The numeric default of a tolerance. */
export type ToleranceKey = keyof typeof REHEARSAL_DEFAULTS.tolerances;
