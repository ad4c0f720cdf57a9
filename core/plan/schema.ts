import { z } from 'zod';
import { Scene3dPlanSchema } from '../anatomy/plan3d';
import { DEFAULT_MARGIN_MM, DEFAULT_STEEP_ANGLE_DEG } from '../geometry/needle';
import { NoteSchema } from '../notes/schema';
import { BlockDetailsSchema, RehearsalSettingsSchema } from '../rehearsal/schema';

/**
 * The case (a plan): the block, the clips, key frames, annotations and needle paths drawn on them,
 * manual calibrations, settings, optional patient details, the 3D plan and the note.
 *
 * Stored as JSON (`.bpcase`, or inside a `.bpcasez` bundle). `schemaVersion` is bumped whenever the
 * shape changes incompatibly, with a migration in ./migrations.ts from the previous version.
 *
 * Coordinates are image pixels of the clip (x = column, y = row, origin at the top-left corner of the
 * top-left pixel: core/dicom/calibration.ts `Point2`). Frame indices are 0-based. Lengths in
 * settings are in mm, angles in degrees. Patient fields hold only what the user typed and are never
 * logged.
 */

/** The version this build writes. */
export const CURRENT_SCHEMA_VERSION = 2;

/** An id unique within its collection (annotations, clips, ...). */
export const IdSchema = z.string().min(1).max(200);

/**
 * Largest pixel coordinate accepted, px (either sign). Images have at most 65,535 rows and columns
 * (DICOM US); points may lie off the image (a curvilinear apex above it), but never this far, and
 * the bound keeps every derived length and area finite.
 */
export const MAX_PIXEL_COORDINATE = 1_000_000;
const PixelCoordinateSchema = z.number().finite().min(-MAX_PIXEL_COORDINATE).max(MAX_PIXEL_COORDINATE);

/** A point in image pixels. */
export const PointSchema = z.object({ x: PixelCoordinateSchema, y: PixelCoordinateSchema });
export type Point = z.infer<typeof PointSchema>;

export const FrameIndexSchema = z.number().int().nonnegative();

/** Laterality of the block. `n/a` when it does not apply; null until chosen. */
export const BlockSideSchema = z.enum(['left', 'right', 'bilateral', 'midline', 'n/a']).nullable();
export type BlockSide = z.infer<typeof BlockSideSchema>;

/** The chosen block: a core/blocks template id, side, level (free text, e.g. "T4") and approach id. */
export const BlockChoiceSchema = z.object({
  templateId: z.string().nullable(),
  side: BlockSideSchema,
  level: z.string().max(200).nullable(),
  /** An `approaches[].id` of the template, or null for its primary approach. */
  approach: z.string().max(200).nullable(),
});
export type BlockChoice = z.infer<typeof BlockChoiceSchema>;

/** Where a clip came from: a file beside the case, or a DICOMweb server (issue: DICOMweb). */
export const ClipOriginSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('file') }),
  z.object({
    kind: z.literal('dicomweb'),
    /** WADO-RS root URL of the server. */
    wadoRoot: z.url(),
    studyUid: z.string().min(1),
    seriesUid: z.string().min(1),
    instanceUid: z.string().min(1),
  }),
]);
export type ClipOrigin = z.infer<typeof ClipOriginSchema>;

/**
 * Beam geometry of the clip, for angles to the beam: `linear` (vertical beam), `curvilinear` with
 * the apex (the point the scan lines diverge from, px, usually above the image), or `unknown`
 * (measurements assume a vertical beam and say so).
 */
export const BeamSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear') }),
  z.object({ kind: z.literal('curvilinear'), apex: PointSchema }),
  z.object({ kind: z.literal('unknown') }),
]);
export type Beam = z.infer<typeof BeamSchema>;

export const Sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, 'a SHA-256 as 64 lower-case hex digits');

export const ClipSchema = z.object({
  id: IdSchema,
  /**
   * Path of the DICOM file relative to the case file's folder, with `/` separators (portable across
   * systems); an absolute path only when the clip is on another drive.
   */
  path: z.string().min(1),
  displayName: z.string(),
  sopInstanceUid: z.string().nullable(),
  studyInstanceUid: z.string().nullable(),
  seriesInstanceUid: z.string().nullable(),
  /** SHA-256 of the file's bytes: detects a changed file and finds a moved one. */
  sha256: Sha256Schema,
  /** File size, bytes: a cheap pre-filter when searching for a moved clip. */
  byteLength: z.number().int().nonnegative().optional(),
  frameCount: z.number().int().positive(),
  rows: z.number().int().positive(),
  columns: z.number().int().positive(),
  beam: BeamSchema.default({ kind: 'unknown' }),
  origin: ClipOriginSchema.default({ kind: 'file' }),
});
export type Clip = z.infer<typeof ClipSchema>;

/** Key-frame tags: the frames that matter for the note and for teaching. */
export const KeyFrameTagSchema = z.enum(['scout', 'target', 'needle-visible', 'la-spread', 'free']);
export type KeyFrameTag = z.infer<typeof KeyFrameTagSchema>;

export const KeyFrameSchema = z.object({
  id: IdSchema,
  clipId: IdSchema,
  frameIndex: FrameIndexSchema,
  tag: KeyFrameTagSchema,
  text: z.string().max(4000).default(''),
});
export type KeyFrame = z.infer<typeof KeyFrameSchema>;

export const AnnotationKindSchema = z.enum(['point', 'line', 'polyline', 'contour', 'ellipse', 'arrow']);
export type AnnotationKind = z.infer<typeof AnnotationKindSchema>;

/** Role sets the colour and what is measured: at-risk → clearance; skin → depth reference. */
export const AnnotationRoleSchema = z.enum(['target', 'landmark', 'at-risk', 'skin']);
export type AnnotationRole = z.infer<typeof AnnotationRoleSchema>;

/** How many points each kind needs (see core/geometry AnnotationGeometry for their meaning). */
export const POINTS_PER_KIND: Record<AnnotationKind, { min: number; max: number }> = {
  point: { min: 1, max: 1 },
  line: { min: 2, max: 2 },
  arrow: { min: 2, max: 2 },
  polyline: { min: 2, max: 10_000 },
  contour: { min: 3, max: 10_000 },
  ellipse: { min: 2, max: 3 },
};

export const AnnotationSchema = z
  .object({
    id: IdSchema,
    clipId: IdSchema,
    kind: AnnotationKindSchema,
    /**
     * Image px. point: [p]; line/arrow: [start, end] (arrow: tail, head); polyline: vertices;
     * contour: vertices of a closed outline; ellipse: [corner, opposite corner] of an axis-aligned
     * box, or [center, end of first semi-axis, point at the second semi-axis' distance].
     */
    points: z.array(PointSchema).min(1),
    /** For polylines: true makes it a closed, filled outline. Contours are always closed. */
    closed: z.boolean().default(false),
    label: z.string().max(200).default(''),
    /** A structure id of the chosen block template, or null for a free-text label. */
    structureId: z.string().nullable().default(null),
    role: AnnotationRoleSchema,
    /** The frame it belongs to, or null for every frame of the clip. */
    frameIndex: FrameIndexSchema.nullable(),
    visible: z.boolean().default(true),
    locked: z.boolean().default(false),
    /** Free text (arrow captions, comments). */
    text: z.string().max(4000).default(''),
    /**
     * The structure is not visible on ultrasound on this image (e.g. in an acoustic shadow): its outline
     * is an estimate, and so is any clearance measured to it (the note prints it as such).
     */
    notVisibleOnUltrasound: z.boolean().optional(),
  })
  .superRefine((a, ctx) => {
    const n = POINTS_PER_KIND[a.kind];
    if (a.points.length < n.min || a.points.length > n.max) {
      ctx.addIssue({ code: 'custom', path: ['points'], message: `a ${a.kind} needs ${n.min === n.max ? n.min : `${n.min}–${n.max}`} point(s), got ${a.points.length}` });
    }
  });
export type Annotation = z.infer<typeof AnnotationSchema>;
export type AnnotationInput = z.input<typeof AnnotationSchema>;

export const NeedleModeSchema = z.enum(['in-plane', 'out-of-plane']);

export const NeedlePathSchema = z.object({
  id: IdSchema,
  clipId: IdSchema,
  /** The frame it is drawn on, or null for every frame. */
  frameIndex: FrameIndexSchema.nullable(),
  /** Entry at the skin / probe face, px. */
  entry: PointSchema,
  /** Target (planned tip position), px. */
  target: PointSchema,
  mode: NeedleModeSchema,
  label: z.string().max(200).default(''),
});
export type NeedlePath = z.infer<typeof NeedlePathSchema>;

/** A user-drawn reference distance, used when the clip has no calibration (core/dicom/calibration ManualCalibration). */
export const ManualCalibrationSchema = z.object({
  a: PointSchema,
  b: PointSchema,
  knownDistanceMm: z.number().finite().positive(),
  /** Row of the transducer face, px (depths are measured from it); absent: the top of the image. */
  faceY: z.number().finite().optional(),
});

/**
 * What the case settings accept: the schema checks it, the settings inputs offer it (their bounds
 * and step), so the panel never offers a value a saved case would refuse.
 */
export const SETTING_RANGES = {
  /** Clearance margin, mm: more than `above`, at most `max`; the inputs step by `step`. */
  marginMm: { above: 0, max: 100, step: 0.5 },
  /** Steep-angle threshold to the probe face, degrees: more than `above`, less than `below`. */
  steepAngleDeg: { above: 0, below: 90, step: 1 },
} as const;

export const SettingsSchema = z.object({
  /** Clearance margin, mm (core/geometry DEFAULT_MARGIN_MM). */
  marginMm: z.number().finite().gt(SETTING_RANGES.marginMm.above).max(SETTING_RANGES.marginMm.max).default(DEFAULT_MARGIN_MM),
  /** Steep-angle warning threshold to the probe face, degrees (core/geometry DEFAULT_STEEP_ANGLE_DEG, with its source). */
  steepAngleDeg: z.number().finite().gt(SETTING_RANGES.steepAngleDeg.above).lt(SETTING_RANGES.steepAngleDeg.below).default(DEFAULT_STEEP_ANGLE_DEG),
});
export type Settings = z.infer<typeof SettingsSchema>;

/** Only what the user typed; every field optional. Never logged, never read from DICOM automatically. */
export const PatientSchema = z.object({
  name: z.string().max(200).optional(),
  id: z.string().max(200).optional(),
  /** YYYY-MM-DD. */
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  sex: z.enum(['female', 'male', 'other', 'unknown']).optional(),
  weightKg: z.number().finite().positive().max(500).optional(),
  heightCm: z.number().finite().positive().max(300).optional(),
});
export type Patient = z.infer<typeof PatientSchema>;

/**
 * Bounds on the free-form JSON a case keeps for later features (`extensions`, rehearsal `details`):
 * nesting depth and number of values. A file can nest JSON far deeper than a save can write back
 * (JSON.stringify recurses: ~10,000 levels exhaust the stack), so the bound is checked on open.
 * BlockPlan's own data nest at most a few levels; 64 and 200,000 leave room for any feature.
 */
export const FREE_JSON_LIMITS = { maxDepth: 64, maxValues: 200_000 } as const;

/**
 * Why a JSON value breaks FREE_JSON_LIMITS (deepest path shown), or undefined. Iterative, so a
 * value of any depth is checked without recursion.
 */
export function freeJsonProblem(value: unknown): { path: (string | number)[]; message: string } | undefined {
  const stack: { v: unknown; path: (string | number)[] }[] = [{ v: value, path: [] }];
  let count = 0;
  while (stack.length > 0) {
    const { v, path } = stack.pop()!;
    if (++count > FREE_JSON_LIMITS.maxValues) return { path: [], message: `holds more than ${FREE_JSON_LIMITS.maxValues} values` };
    if (v === null || typeof v !== 'object') continue;
    if (path.length >= FREE_JSON_LIMITS.maxDepth) {
      return { path: path.slice(0, 3), message: `nests deeper than ${FREE_JSON_LIMITS.maxDepth} levels below here, more than a case can save` };
    }
    if (Array.isArray(v)) v.forEach((x, i) => stack.push({ v: x, path: [...path, i] }));
    else for (const [k, x] of Object.entries(v)) stack.push({ v: x, path: [...path, k] });
  }
  return undefined;
}

/** A record of free-form JSON within FREE_JSON_LIMITS. */
const FreeJsonRecordSchema = z.record(z.string(), z.unknown()).superRefine((v, ctx) => {
  const p = freeJsonProblem(v);
  if (p) ctx.addIssue({ code: 'custom', path: p.path, message: p.message });
});

/** A rehearsal attempt (scored practice on a clip, core/rehearsal). Details are the scorer's own. */
export const RehearsalAttemptSchema = z.object({
  id: IdSchema,
  at: z.iso.datetime({ offset: true }),
  clipId: IdSchema.nullable(),
  score: z.number().finite().nullable(),
  maxScore: z.number().finite().positive().nullable(),
  details: FreeJsonRecordSchema.default({}),
});

/**
 * Teaching metadata. A case with a `teaching` section is a teaching case: its plan is the expert
 * answer a trainee's attempt is scored against (core/rehearsal), with the rehearsal settings in
 * `rehearsal` (absent: defaults derived from the plan, core/rehearsal/settings.ts). Also the
 * de-identification status and flags per item checked.
 */
export const TeachingSchema = z.object({
  title: z.string().max(400).optional(),
  learningObjectives: z.array(z.string().max(1000)).default([]),
  /** True only after de-identification was run and checked. */
  deidentified: z.boolean().default(false),
  /** Per-check flags, e.g. `{ "burned-in-text-checked": true }`. */
  deidentificationFlags: z.record(z.string(), z.boolean()).default({}),
  /** Tasks, tolerances, weights, what is hidden and explanations for rehearsal (core/rehearsal/schema.ts). */
  rehearsal: RehearsalSettingsSchema.optional(),
});
export type Teaching = z.infer<typeof TeachingSchema>;

const IsoDateTimeSchema = z.iso.datetime({ offset: true });

const CaseObjectSchema = z.object({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION),
  id: IdSchema,
  title: z.string().max(400),
  createdAt: IsoDateTimeSchema,
  updatedAt: IsoDateTimeSchema,
  block: BlockChoiceSchema,
  clips: z.array(ClipSchema),
  keyFrames: z.array(KeyFrameSchema),
  annotations: z.array(AnnotationSchema),
  needlePaths: z.array(NeedlePathSchema),
  /** Per clip id. */
  manualCalibrations: z.record(IdSchema, ManualCalibrationSchema).default({}),
  settings: SettingsSchema,
  patient: PatientSchema.default({}),
  scene3d: Scene3dPlanSchema.optional(),
  note: NoteSchema.optional(),
  rehearsal: z
    .object({
      attempts: z.array(RehearsalAttemptSchema).default([]),
      /** Needle and volume chosen (the expert's in a teaching case, the trainee's in an attempt). */
      blockDetails: BlockDetailsSchema.optional(),
    })
    .optional(),
  teaching: TeachingSchema.optional(),
  /** Namespaced data of later features (`"<feature>": {...}`), kept on load and save. */
  extensions: FreeJsonRecordSchema.optional(),
});

/** The case schema with cross-reference checks (ids unique, clip ids exist, frames in range). */
export const CaseSchema = CaseObjectSchema.superRefine((c, ctx) => {
  const clips = new Map(c.clips.map((k) => [k.id, k]));
  const unique = (items: { id: string }[], key: string) => {
    const seen = new Set<string>();
    items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: [key, i, 'id'], message: `duplicate id "${it.id}"` });
      seen.add(it.id);
    });
  };
  unique(c.clips, 'clips');
  unique(c.keyFrames, 'keyFrames');
  unique(c.annotations, 'annotations');
  unique(c.needlePaths, 'needlePaths');
  const checkRef = (key: string, items: { clipId: string; frameIndex: number | null }[]) => {
    items.forEach((it, i) => {
      const clip = clips.get(it.clipId);
      if (!clip) ctx.addIssue({ code: 'custom', path: [key, i, 'clipId'], message: `refers to clip "${it.clipId}", which is not in the case` });
      else if (it.frameIndex !== null && it.frameIndex >= clip.frameCount) {
        ctx.addIssue({ code: 'custom', path: [key, i, 'frameIndex'], message: `frame ${it.frameIndex} is beyond the clip's ${clip.frameCount} frames` });
      }
    });
  };
  checkRef('keyFrames', c.keyFrames);
  checkRef('annotations', c.annotations);
  checkRef('needlePaths', c.needlePaths);
  c.scene3d?.clipLinks.forEach((l, i) => {
    if (!clips.has(l.clipId)) ctx.addIssue({ code: 'custom', path: ['scene3d', 'clipLinks', i, 'clipId'], message: `refers to clip "${l.clipId}", which is not in the case` });
  });
  for (const clipId of Object.keys(c.manualCalibrations)) {
    if (!clips.has(clipId)) ctx.addIssue({ code: 'custom', path: ['manualCalibrations', clipId], message: `refers to clip "${clipId}", which is not in the case` });
  }
});
/** A validated case (current schema version). */
export type Case = z.infer<typeof CaseSchema>;
/** A case as written by hand or by older code (defaults optional). */
export type CaseInput = z.input<typeof CaseSchema>;
