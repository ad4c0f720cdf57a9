import { z } from 'zod';
import { AnticoagDecisionSchema, FollowUpCheckSchema } from './anticoagSchema';
import { IdentifierSchema, InjectateAgentSchema, NoteDateSchema, NoteDateTimeSchema, NoteSideSchema, PersonNameSchema, YesNoSchema, list, nonNeg, shortText, text } from './fields';

/**
 * The procedure note: what leaves BlockPlan and enters the patient's record or a teaching file.
 *
 * Fields follow /work/shared/reference/blocks.md §4 (procedure-note fields: RA-UK/SALG Stop Before
 * You Block and Prep-Stop-Block, the Gerancher standard form, NYSORA, UK audit items) [S22].
 *
 * Conventions
 * - A scalar left `undefined` means "not recorded". Exporters print "not recorded" for it; they never
 *   guess a value. A tri-state (`yes` / `no`) is used where "no" is itself a clinical statement.
 * - Units are in the field names: `Mm`, `Cm`, `Kg`, `Ml`, `Mg`, `Percent`, `MHz`, `Deg`, `Min`, `S`.
 * - Identity holds only what the user typed. Nothing is read from DICOM into it automatically.
 * - `planned` carries the plan's numbers (target depth, path length, angles, clearances); they are
 *   always labelled "planned" in the exports, never presented as what happened.
 *
 * `NoteSchema.parse({})` returns a complete empty note (every section present, lists empty), so a new
 * case can embed one without ceremony. The case schema (core/plan) imports `NoteSchema` from here, so
 * this file imports nothing from the rest of BlockPlan (fields.ts holds the field types it builds on).
 */
export { YesNoSchema, NoteSideSchema, LOCAL_ANAESTHETIC_IDS, LocalAnaestheticIdSchema, InjectateAgentSchema, isCalendarDate, NoteDateTimeSchema, NoteDateSchema, PersonNameSchema, IdentifierSchema } from './fields';
export type { YesNo, NoteSide, LocalAnaestheticId, InjectateAgent } from './fields';

/** Identity: only what the user types. Two identifiers are recommended (§4). Never logged. */
export const NoteIdentitySchema = z.object({
  patientName: PersonNameSchema.optional(),
  /** Hospital / record number, as typed. */
  patientId: IdentifierSchema.optional(),
  birthDate: NoteDateSchema.optional(),
  /** Two identifiers checked with the patient or wristband. */
  identifiersChecked: YesNoSchema.optional(),
});

export const NoteStaffSchema = z.object({
  operator: PersonNameSchema.optional(),
  /** Grade / role of the operator, e.g. "ST5", "consultant". */
  operatorRole: shortText(),
  supervisor: PersonNameSchema.optional(),
  assistant: PersonNameSchema.optional(),
});

export const NoteCatheterSchema = z.object({
  /** Catheter depth at the skin mark, cm. */
  depthAtSkinCm: nonNeg(),
  secured: shortText(),
  testDose: shortText(),
  infusionPlan: text(),
});

export const NoteProcedureSchema = z.object({
  /** Block template id (core/blocks), when the block came from a template. */
  templateId: shortText(),
  /** Standard block name (ASRA-ESRA nomenclature) taken from the template. */
  blockName: shortText(),
  side: NoteSideSchema.optional(),
  /** Level, e.g. "T4", "C5–C6", "L3–L4". */
  level: shortText(),
  /** Approach / variant, e.g. "anterior", "transverse in-plane at the TP tip". */
  approach: shortText(),
  technique: z.enum(['single-shot', 'catheter']).optional(),
  indication: text(),
  /** Surgery or procedure the block is for. */
  surgery: shortText(),
  /** Patient position, e.g. "sitting", "lateral", "prone". */
  position: shortText(),
  catheter: NoteCatheterSchema.optional(),
});

export const NoteConsentSchema = z.object({
  type: z.enum(['written', 'verbal', 'not-possible-best-interests']).optional(),
  /** Specific risks discussed (prefilled from the template's complications; the user ticks what was said). */
  risksDiscussed: list(),
  notes: text(),
});

export const NotePreChecksSchema = z.object({
  allergies: z.object({ status: z.enum(['none-known', 'present']).optional(), details: shortText() }).prefault({}),
  anticoagulants: z
    .object({
      status: z.enum(['none', 'taking']).optional(),
      /** Anticoagulant / antiplatelet drug. */
      drug: shortText(),
      /** Last dose, date-time. */
      lastDose: NoteDateTimeSchema.optional(),
      /** Relevant labs as typed, e.g. "INR 1.1, plt 240". */
      labs: shortText(),
    })
    .prefault({}),
  /** Pre-existing neurological or vascular deficit. */
  preExistingDeficit: z.object({ status: YesNoSchema.optional(), details: shortText() }).prefault({}),
  /** Actual body weight, kg (the dose calculator uses it, or the ideal body weight from height and sex). */
  weightKg: z.number().finite().positive().max(400).optional(),
  /** Height, cm (for ideal body weight). */
  heightCm: z.number().finite().positive().max(250).optional(),
  /** Sex for ideal-body-weight formulas (Devine 1974 has male and female forms only). */
  sex: z.enum(['male', 'female', 'other', 'unknown']).optional(),
  /** ASA physical status (I–VI) as assessed; `asaEmergency` adds the E suffix. Delphi "strong" item (Ahmed 2022). */
  asaClass: z.enum(['I', 'II', 'III', 'IV', 'V', 'VI']).optional(),
  asaEmergency: z.boolean().optional(),
  /** Baseline vital signs before the block (Delphi "strong" item, Ahmed 2022). */
  baselineVitals: z
    .object({
      heartRateBpm: z.number().finite().positive().max(300).optional(),
      systolicMmHg: z.number().finite().positive().max(350).optional(),
      diastolicMmHg: z.number().finite().positive().max(250).optional(),
      spo2Percent: z.number().finite().min(0).max(100).optional(),
      respiratoryRatePerMin: z.number().finite().nonnegative().max(100).optional(),
    })
    .prefault({}),
  ivAccess: YesNoSchema.optional(),
  /** Resuscitation equipment and lipid emulsion available. */
  resuscitationAndLipidAvailable: YesNoSchema.optional(),
  /** Site mark checked. */
  siteMarkChecked: YesNoSchema.optional(),
  /**
   * Prep-Stop-Block "Stop" moment: a spoken two-person check of the mark and the consent immediately
   * before needle insertion, as the user records it. Never inferred from the side check at export.
   */
  stopMomentDone: YesNoSchema.optional(),
  /** Who performed the Stop moment (the two people), as typed. */
  stopMomentBy: shortText(),
  /** When the Stop moment was performed. */
  stopMomentAt: NoteDateTimeSchema.optional(),
  /** WHO sign-in / time-out done. */
  whoChecklist: YesNoSchema.optional(),
});

export const NoteMonitoringSchema = z.object({
  ecg: YesNoSchema.optional(),
  spo2: YesNoSchema.optional(),
  nibp: YesNoSchema.optional(),
  other: shortText(),
});

export const SedationDrugSchema = z.object({
  drug: z.string().max(100),
  dose: z.number().finite().nonnegative().optional(),
  /** Unit of `dose`; named explicitly because sedation mixes mg and µg. */
  unit: z.enum(['mg', 'µg', 'mL']).optional(),
});
/**
 * Level of sedation during the block (Delphi "strong" item, Ahmed 2022): none, then the ASA continuum
 * of depth of sedation (minimal, moderate, deep) or general anaesthesia.
 */
export const SedationLevelSchema = z.enum(['none', 'minimal', 'moderate', 'deep', 'general-anaesthesia']);
export type SedationLevel = z.infer<typeof SedationLevelSchema>;

export const NoteSedationSchema = z.object({
  level: SedationLevelSchema.optional(),
  /** Older notes: awake / sedated / under GA (kept; `level` is recorded now). */
  state: z.enum(['awake', 'sedated', 'general-anaesthesia']).optional(),
  drugs: z.array(SedationDrugSchema).default([]),
});

export const NoteAsepsisSchema = z.object({
  handHygiene: YesNoSchema.optional(),
  /** Skin preparation agent, e.g. "chlorhexidine 2% in 70% alcohol". */
  prepAgent: shortText(),
  sterileGloves: YesNoSchema.optional(),
  probeCover: YesNoSchema.optional(),
  drape: YesNoSchema.optional(),
  /** Hat and mask (expected for catheters). */
  hatAndMask: YesNoSchema.optional(),
});

export const NoteGuidanceSchema = z.object({
  modality: z.enum(['ultrasound', 'ultrasound-and-nerve-stimulator', 'ultrasound-and-fluoroscopy', 'fluoroscopy', 'ct', 'landmark']).optional(),
  /** Probe type, e.g. "linear", "curvilinear" (prefilled from the template). */
  probe: shortText(),
  /** Probe frequency range, MHz (prefilled from the template where the reference gives one). */
  frequencyMinMHz: z.number().finite().positive().max(100).optional(),
  frequencyMaxMHz: z.number().finite().positive().max(100).optional(),
  needleApproach: z.enum(['in-plane', 'out-of-plane']).optional(),
  /** Needle direction, e.g. "lateral to medial". */
  needleDirection: shortText(),
  /** Structures identified (prefilled from the annotation labels). */
  structuresIdentified: list(),
  /** Saved image / clip identifiers showing tip and spread. */
  savedImages: list(),
  nerveStimulator: z.object({ used: YesNoSchema.optional(), currentMa: nonNeg(), response: shortText() }).prefault({}),
  /** Injection-pressure monitoring method, e.g. "opening pressure < 15 psi (in-line monitor)". */
  injectionPressureMonitoring: shortText(),
});

export const NoteNeedleSchema = z.object({
  /** Needle type, e.g. "short-bevel", "Tuohy", "Chiba" (prefilled from the template). */
  type: shortText(),
  /** Gauge, G (larger number = thinner). */
  gaugeG: z.number().int().positive().max(34).optional(),
  lengthMm: z.number().finite().positive().max(300).optional(),
  passes: z.number().int().nonnegative().max(99).optional(),
});

/** One injection site: one agent at one concentration. Dose in mg is computed (doses.ts), not stored. */
export const InjectateSchema = z.object({
  /** Site label, e.g. "corner pocket", "T4". */
  site: shortText(),
  agent: InjectateAgentSchema,
  /** Agent name when `agent` is `other` (e.g. "dexamethasone", "iohexol", "alcohol"). */
  agentName: shortText(),
  /** Concentration, % w/v (0.5% = 5 mg/mL). */
  concentrationPercent: z.number().finite().nonnegative().max(100).optional(),
  volumeMl: z.number().finite().nonnegative().max(1000).optional(),
  /** Adrenaline (epinephrine) added. */
  adrenaline: z.boolean().default(false),
  /** Adrenaline concentration as written, e.g. "1:200 000" (5 µg/mL). */
  adrenalineConcentration: shortText(),
  /** Other adjuncts, e.g. "dexamethasone 4 mg". */
  adjuncts: shortText(),
  /** Given in 3–5 mL increments with aspiration. */
  incremental: YesNoSchema.optional(),
  testDose: YesNoSchema.optional(),
});
export type Injectate = z.infer<typeof InjectateSchema>;

/** Injection events (§4): each a recorded yes/no. */
export const NoteEventsSchema = z.object({
  aspirationNegative: YesNoSchema.optional(),
  paraesthesia: YesNoSchema.optional(),
  painOnInjection: YesNoSchema.optional(),
  highInjectionPressure: YesNoSchema.optional(),
  bloodAspirated: YesNoSchema.optional(),
  vascularPuncture: YesNoSchema.optional(),
  pleuralPuncture: YesNoSchema.optional(),
  /** Nerve-stimulator twitch disappeared on injection. */
  twitchDisappeared: YesNoSchema.optional(),
  notes: text(),
});

export const NoteComplicationsSchema = z.object({
  /** `no` = none; `yes` = see items. */
  occurred: YesNoSchema.optional(),
  items: list(),
  details: text(),
});

export const NoteAssessmentSchema = z.object({
  /** Minutes after injection when the block was checked. */
  checkedAfterMin: nonNeg(),
  sensory: shortText(),
  motor: shortText(),
  result: z.enum(['complete', 'partial', 'failed', 'not-assessed']).optional(),
  vitalSigns: shortText(),
});

export const NoteFollowUpSchema = z.object({
  plan: text(),
  limbProtectionAdvice: YesNoSchema.optional(),
  fallsAdvice: YesNoSchema.optional(),
});

/** Pain procedures (§4): fluoroscopy, contrast, neurolysis, pain scores. */
export const NotePainProcedureSchema = z.object({
  fluoroscopyTimeS: nonNeg(),
  /** Dose-area product as typed with its unit, e.g. "1.2 Gy·cm²". */
  fluoroscopyDose: shortText(),
  contrast: shortText(),
  contrastVolumeMl: nonNeg(),
  spreadPattern: shortText(),
  neurolyticAgent: shortText(),
  /** Neurolytic agent concentration as written, e.g. "absolute alcohol" or "phenol 6%". */
  neurolyticConcentration: shortText(),
  /** A diagnostic (prognostic) block: its effect is judged by the relief it gives. */
  diagnostic: YesNoSchema.optional(),
  /** Numeric rating scale 0–10. */
  painScoreBefore: z.number().min(0).max(10).optional(),
  painScoreAfter: z.number().min(0).max(10).optional(),
  /** Relief reported after the block, % (0–100), e.g. for a diagnostic block. */
  reliefPercent: z.number().finite().min(0).max(100).optional(),
  /** When the relief was assessed, e.g. "30 min", "6 h". */
  reliefAssessedAfter: shortText(),
});

/** What kind of planned number a measurement is. */
export const PlannedKindSchema = z.enum(['target-depth', 'path-length', 'angle-to-skin', 'angle-to-beam', 'clearance', 'distance', 'angle', 'other']);
export type PlannedKind = z.infer<typeof PlannedKindSchema>;

/**
 * A number carried from the plan, always marked "planned" in exports. Units are explicit: `mm` and
 * `deg` are calibrated; `px` means the plan could not calibrate it (the reason is kept).
 */
export const PlannedMeasurementSchema = z.object({
  kind: PlannedKindSchema,
  /** Human label, e.g. "Skin-to-target depth", "Clearance to pleura". */
  label: z.string().max(200),
  value: z.number().finite(),
  unit: z.enum(['mm', 'deg', 'px']),
  /** The at-risk structure for `clearance`. */
  structure: shortText(),
  /** Its block-template structure id, when it has one (the SR codes the finding site from it). */
  structureId: shortText(),
  /** The structure is marked not visible on ultrasound: its outline, and so this clearance, is an estimate. */
  notVisibleOnUltrasound: z.boolean().optional(),
  /** Warnings the plan raised about this number (crossing, within the margin, overshoot, steep angle …). */
  warnings: z.array(z.string().max(400)).default([]),
  /** What the number does not include, e.g. the needle's path outside the image. */
  caveat: z.string().max(1000).optional(),
  /** Why a value is in px (uncalibrated), shown beside it. */
  uncalibratedReason: shortText(),
  /** The value is in mm by the user's manual (two-point) calibration of the clip: printed "(manual calibration)" beside it. */
  manualCalibration: z.boolean().optional(),
  /** Where it was measured: a clip and 0-based frame (for the SR's image reference). */
  clipId: shortText(),
  frameIndex: z.number().int().nonnegative().optional(),
  /** Needle path id in the case, when it came from one. */
  needlePathId: shortText(),
});
export type PlannedMeasurement = z.infer<typeof PlannedMeasurementSchema>;

/**
 * The side check at export (sbyb.ts): the side the user stated when exporting, who and when, and what
 * it was checked against. It is an export check, printed as such — not the Stop moment before needle
 * insertion (`preChecks.stopMoment*`). Export refuses without a `match`.
 */
export const SideConfirmationSchema = z.object({
  confirmedSide: NoteSideSchema,
  /** When the confirmation was made, ISO 8601. */
  confirmedAt: z.string(),
  confirmedBy: shortText(),
  /** The case sides it was checked against, e.g. ["block: left", "annotation 'left IJV': left"]. */
  checkedAgainst: list(),
  result: z.enum(['match', 'mismatch']),
});
export type SideConfirmation = z.infer<typeof SideConfirmationSchema>;

/** Settings for the dose calculator that belong to this patient's note. */
export const NoteDoseSettingsSchema = z.object({
  /** Which weight the mg/kg maxima apply to (blocks.md §2: use ideal or lean weight in obesity). */
  weightBasis: z.enum(['actual', 'ideal']).default('actual'),
  /**
   * Which jurisdiction's labels to apply where US and UK differ; absent until the user picks one, and
   * then the calculator applies the more conservative of the two (doseCalc.ts).
   */
  region: z.enum(['US', 'UK']).optional(),
  /** Caution threshold, % of a maximum; absent = the BlockPlan default (doses.ts CAUTION_THRESHOLD). */
  cautionPercent: z.number().finite().min(1).max(100).optional(),
  /** The block is interscalene (liposomal bupivacaine ceiling 133 mg); prefilled from the template. */
  interscalene: z.boolean().default(false),
});

/**
 * Whether the block was done. Absent means planned only: the exports then describe a plan (FHIR
 * ServiceRequest, intent `plan`) and never a procedure. `performed` → FHIR Procedure `completed`;
 * `not-performed` → `not-done`; `stopped` (started, then abandoned) → `stopped`; the last two with a reason.
 */
export const NoteStatusSchema = z.enum(['performed', 'not-performed', 'stopped']);
export type NoteStatus = z.infer<typeof NoteStatusSchema>;

export const NoteSchema = z.object({
  /** Note schema version, for migrations. */
  version: z.literal(1).default(1),
  /** Whether the block was done (absent: planned only). */
  status: NoteStatusSchema.optional(),
  /** Why it was not done or stopped. */
  statusReason: text(),
  identity: NoteIdentitySchema.prefault({}),
  /** Date and time of the procedure. */
  performedAt: NoteDateTimeSchema.optional(),
  staff: NoteStaffSchema.prefault({}),
  procedure: NoteProcedureSchema.prefault({}),
  consent: NoteConsentSchema.prefault({}),
  preChecks: NotePreChecksSchema.prefault({}),
  monitoring: NoteMonitoringSchema.prefault({}),
  sedation: NoteSedationSchema.prefault({}),
  asepsis: NoteAsepsisSchema.prefault({}),
  guidance: NoteGuidanceSchema.prefault({}),
  needle: NoteNeedleSchema.prefault({}),
  injectate: z.array(InjectateSchema).default([]),
  doseSettings: NoteDoseSettingsSchema.prefault({}),
  events: NoteEventsSchema.prefault({}),
  complications: NoteComplicationsSchema.prefault({}),
  assessment: NoteAssessmentSchema.prefault({}),
  followUp: NoteFollowUpSchema.prefault({}),
  painProcedure: NotePainProcedureSchema.optional(),
  /** Numbers carried from the plan; always shown as "planned". */
  planned: z.array(PlannedMeasurementSchema).default([]),
  /** The last successful side check at export. */
  sideConfirmation: SideConfirmationSchema.optional(),
  /** Free text. */
  comments: text(),
  /** Pre-block anticoagulation decision: what the plan panel showed and what the clinician decided (issue 17). */
  anticoagulation: AnticoagDecisionSchema.optional(),
  /** Follow-up checks the user added, with outcomes recorded later (issue 17). */
  followUpChecks: z.array(FollowUpCheckSchema).max(50).optional(),
});

/** The procedure note (parsed form: every section present). */
export type Note = z.infer<typeof NoteSchema>;
/** What may be stored or typed (sections optional; parse with NoteSchema to fill defaults). */
export type NoteInput = z.input<typeof NoteSchema>;

/** A complete empty note. */
export function emptyNote(): Note {
  return NoteSchema.parse({});
}
