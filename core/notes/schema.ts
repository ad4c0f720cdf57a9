import { z } from 'zod';
import { AnticoagDecisionSchema, FollowUpCheckSchema } from './anticoagSchema';

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
 * this file imports nothing from the rest of BlockPlan.
 */

/** A recorded yes/no answer; `undefined` (absent) means not recorded. */
export const YesNoSchema = z.enum(['yes', 'no']);
export type YesNo = z.infer<typeof YesNoSchema>;

/** Laterality as recorded in a note. `n/a` is for midline or unpaired targets (e.g. celiac plexus, ganglion impar). */
export const NoteSideSchema = z.enum(['left', 'right', 'bilateral', 'n/a']);
export type NoteSide = z.infer<typeof NoteSideSchema>;

/** Local anaesthetics known to the dose table (core/notes/doses.ts), plus `other` (contrast, steroid, alcohol, ...). */
export const LOCAL_ANAESTHETIC_IDS = [
  'lidocaine',
  'bupivacaine',
  'levobupivacaine',
  'ropivacaine',
  'liposomal-bupivacaine',
  'chloroprocaine',
  'mepivacaine',
] as const;
export const LocalAnaestheticIdSchema = z.enum(LOCAL_ANAESTHETIC_IDS);
export type LocalAnaestheticId = z.infer<typeof LocalAnaestheticIdSchema>;
export const InjectateAgentSchema = z.enum([...LOCAL_ANAESTHETIC_IDS, 'other']);
export type InjectateAgent = z.infer<typeof InjectateAgentSchema>;

const text = () => z.string().max(4000).optional();
const shortText = () => z.string().max(200).optional();
const list = () => z.array(z.string().max(200)).default([]);
const nonNeg = () => z.number().finite().nonnegative().optional();

/**
 * ISO 8601 date-time as typed by the user, local time with optional offset: `2025-03-01T14:05`,
 * `2025-03-01T14:05:00`, `2025-03-01T14:05:00+01:00`.
 */
export const NoteDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, 'Use date and time as YYYY-MM-DDTHH:MM, e.g. 2025-03-01T14:05.');
/** ISO 8601 date, `YYYY-MM-DD`. */
export const NoteDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD, e.g. 1961-07-24.');

/** Identity: only what the user types. Two identifiers are recommended (§4). Never logged. */
export const NoteIdentitySchema = z.object({
  patientName: shortText(),
  /** Hospital / record number, as typed. */
  patientId: shortText(),
  birthDate: NoteDateSchema.optional(),
  /** Two identifiers checked with the patient or wristband. */
  identifiersChecked: YesNoSchema.optional(),
});

export const NoteStaffSchema = z.object({
  operator: shortText(),
  /** Grade / role of the operator, e.g. "ST5", "consultant". */
  operatorRole: shortText(),
  supervisor: shortText(),
  assistant: shortText(),
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
  ivAccess: YesNoSchema.optional(),
  /** Resuscitation equipment and lipid emulsion available. */
  resuscitationAndLipidAvailable: YesNoSchema.optional(),
  /** Site mark checked. */
  siteMarkChecked: YesNoSchema.optional(),
  /** Prep-Stop-Block "Stop" moment: spoken two-person check of mark and consent immediately before needle insertion. */
  stopMomentDone: YesNoSchema.optional(),
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
export const NoteSedationSchema = z.object({
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
  modality: z.enum(['ultrasound', 'ultrasound-and-nerve-stimulator', 'fluoroscopy', 'ct', 'landmark']).optional(),
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
  /** Numeric rating scale 0–10. */
  painScoreBefore: z.number().min(0).max(10).optional(),
  painScoreAfter: z.number().min(0).max(10).optional(),
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
  /** Why a value is in px (uncalibrated), shown beside it. */
  uncalibratedReason: shortText(),
  /** Where it was measured: a clip and 0-based frame (for the SR's image reference). */
  clipId: shortText(),
  frameIndex: z.number().int().nonnegative().optional(),
  /** Needle path id in the case, when it came from one. */
  needlePathId: shortText(),
});
export type PlannedMeasurement = z.infer<typeof PlannedMeasurementSchema>;

/**
 * Stop Before You Block record: the side the user confirmed immediately before export, and the
 * outcome of the check against the case (see sbyb.ts). Export refuses without a `match`.
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

export const NoteSchema = z.object({
  /** Note schema version, for migrations. */
  version: z.literal(1).default(1),
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
  /** Stop Before You Block record of the last successful confirmation. */
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
