import { z } from 'zod';

/**
 * The rehearsal settings a teaching case carries (`teaching.rehearsal` in the case file) and the
 * block details a case states (`rehearsal.blockDetails`). Everything is optional: what is absent
 * takes the defaults of ./settings.ts (`resolveRehearsal`), derived from the expert plan itself, so
 * any case with a plan can be rehearsed and a file states only what an educator changed.
 *
 * Units are in the names: mm, ms, deg; `frames` are frame counts; Dice is a fraction 0–1.
 * Imported by core/plan/schema.ts (this file imports nothing from core/plan).
 */

/** The tasks a rehearsal can ask, in the order they are shown. */
export const REHEARSAL_TASK_IDS = ['find-view', 'identify-structures', 'plan-needle', 'block-details'] as const;
export const RehearsalTaskIdSchema = z.enum(REHEARSAL_TASK_IDS);
export type RehearsalTaskId = z.infer<typeof RehearsalTaskIdSchema>;

/** The block details a rehearsal can ask. */
export const BLOCK_DETAIL_ITEMS = ['side', 'approach', 'needle', 'volume'] as const;
export const BlockDetailItemSchema = z.enum(BLOCK_DETAIL_ITEMS);
export type BlockDetailItem = z.infer<typeof BlockDetailItemSchema>;

const RefIdSchema = z.string().min(1).max(200);
const nonNeg = (max: number) => z.number().finite().nonnegative().max(max);

/**
 * Tolerances: each error gets full credit up to `…Full…` and none from `…Zero…` on, linearly in
 * between (./credit.ts). Absent values take REHEARSAL_DEFAULTS (./sources.ts, each labelled).
 */
export const RehearsalTolerancesSchema = z
  .object({
    /** Find the view: frames from the expert's target key frame with full / no credit. */
    viewFullFrames: nonNeg(100_000),
    viewZeroFrames: nonNeg(100_000),
    /** Find the view, in ms (used instead of frames when the clip's frame timing is known). */
    viewFullMs: nonNeg(3_600_000),
    viewZeroMs: nonNeg(3_600_000),
    /** Identify by pointing: distance of the point outside the expert's structure, mm. */
    pointFullMm: nonNeg(1000),
    pointZeroMm: nonNeg(1000),
    /** Identify by drawing: Dice overlap with the expert's outline, 0–1 (higher is better). */
    diceFull: z.number().min(0).max(1),
    diceZero: z.number().min(0).max(1),
    /** Identify by drawing: Hausdorff distance between the outlines, mm. */
    hausdorffFullMm: nonNeg(1000),
    hausdorffZeroMm: nonNeg(1000),
    /** Plan the needle: distance between the trainee's and the expert's target, mm. */
    targetFullMm: nonNeg(1000),
    targetZeroMm: nonNeg(1000),
    /** Plan the needle: angle between the trainee's and the expert's path direction, degrees. */
    angleFullDeg: nonNeg(180),
    angleZeroDeg: nonNeg(180),
    /**
     * Where the expert's own path passes closer to an at-risk structure than the case's margin (a
     * pre-aortic target beside the aorta), the critical margin for that structure is the expert's
     * clearance minus this allowance, mm.
     */
    marginAllowanceMm: nonNeg(100),
  })
  .partial();
export type RehearsalTolerances = z.infer<typeof RehearsalTolerancesSchema>;

/** What the trainee does not see before submitting (true = hidden). Absent: the whole expert answer is hidden. */
export const RehearsalHideSchema = z
  .object({
    /** The expert's annotations (structures), except those listed in `hints`. */
    annotations: z.boolean(),
    needlePaths: z.boolean(),
    keyFrames: z.boolean(),
    /** Side, level and approach of the block. */
    block: z.boolean(),
  })
  .partial();

export const RehearsalSettingsSchema = z.object({
  /** Tasks asked, in order. Absent: every task the expert plan can answer (./settings.ts). */
  tasks: z.array(RehearsalTaskIdSchema).max(REHEARSAL_TASK_IDS.length).optional(),
  /** Points per task (absent: REHEARSAL_DEFAULTS.weights). */
  weights: z.partialRecord(RehearsalTaskIdSchema, z.number().finite().positive().max(1000)).optional(),
  tolerances: RehearsalTolerancesSchema.optional(),
  /** Expert annotation ids the trainee must identify. Absent: targets, at-risk structures and template-named landmarks. */
  structures: z.array(RefIdSchema).max(1000).optional(),
  /** Per at-risk annotation id, the clearance below which the path is a critical error, mm (overrides the derived margin). */
  margins: z.record(RefIdSchema, nonNeg(100)).optional(),
  /** Block details asked. Absent: those the expert case states (./settings.ts). */
  blockDetails: z.array(BlockDetailItemSchema).max(BLOCK_DETAIL_ITEMS.length).optional(),
  /** Score needed to pass, percent of the maximum (absent: REHEARSAL_DEFAULTS.passPercent). */
  passPercent: z.number().finite().min(0).max(100).optional(),
  /** A critical error caps the score at this percent of the maximum (absent: REHEARSAL_DEFAULTS.criticalCapPercent). */
  criticalCapPercent: z.number().finite().min(0).max(100).optional(),
  hide: RehearsalHideSchema.optional(),
  /** Expert annotation ids shown to the trainee before submitting even when annotations are hidden (absent: the skin line). */
  hints: z.array(RefIdSchema).max(1000).optional(),
  /** Explanations shown in the feedback; absent ones come from the block template (a structure's "why"). */
  explanations: z
    .object({
      /** Per expert annotation id. */
      structures: z.record(RefIdSchema, z.string().max(4000)),
      /** Per task. */
      steps: z.partialRecord(RehearsalTaskIdSchema, z.string().max(4000)),
    })
    .partial()
    .optional(),
});
export type RehearsalSettings = z.infer<typeof RehearsalSettingsSchema>;
export type RehearsalSettingsInput = z.input<typeof RehearsalSettingsSchema>;

/**
 * Block details a case states beyond its block choice: the expert's in a teaching case, the
 * trainee's in an attempt. Only what the user entered.
 */
/** Input bounds of the block details (units in the names), read by the schema and the forms. */
export const BLOCK_DETAIL_RANGES = {
  needleGaugeG: { min: 10, max: 34, step: 1 },
  needleLengthMm: { min: 10, max: 300, step: 1 },
  volumeMl: { min: 0.5, max: 200, step: 0.5 },
} as const;

export const BlockDetailsSchema = z.object({
  /** Needle gauge, G. */
  needleGaugeG: z.number().int().min(BLOCK_DETAIL_RANGES.needleGaugeG.min).max(BLOCK_DETAIL_RANGES.needleGaugeG.max).optional(),
  /** Needle length, mm. */
  needleLengthMm: z.number().finite().min(BLOCK_DETAIL_RANGES.needleLengthMm.min).max(BLOCK_DETAIL_RANGES.needleLengthMm.max).optional(),
  /** Injectate volume per injection site, mL. */
  volumeMl: z.number().finite().min(BLOCK_DETAIL_RANGES.volumeMl.min).max(BLOCK_DETAIL_RANGES.volumeMl.max).optional(),
});
export type BlockDetails = z.infer<typeof BlockDetailsSchema>;
