import { z } from 'zod';

/**
 * The 3D part of a case: models, structure roles, probe pose, needle trajectory and clip-frame links.
 *
 * Coordinates are in millimetres in the patient frame used throughout BlockPlan: DICOM LPS
 * (+X = patient left, +Y = posterior, +Z = superior), the frame of the atlas and of BodyParts3D.
 */
export const Vec3Schema = z.tuple([z.number().finite(), z.number().finite(), z.number().finite()]);
export type Vec3 = z.infer<typeof Vec3Schema>;

/** A 4×4 affine transform, column-major (three.js Matrix4.elements order), model units → patient mm. */
export const Mat4Schema = z.array(z.number().finite()).length(16);

export const StructureRoleSchema = z.enum(['target', 'landmark', 'at-risk', 'other']);
export type StructureRole = z.infer<typeof StructureRoleSchema>;

export const StructureStateSchema = z.object({
  /** Node name in the model (atlas node id for the atlas). */
  name: z.string(),
  visible: z.boolean().default(true),
  opacity: z.number().min(0).max(1).default(1),
  /** CSS hex colour, e.g. `#d9c7a0`. */
  color: z.string().optional(),
  role: StructureRoleSchema.default('other'),
});

export const ModelRefSchema = z.object({
  id: z.string(),
  label: z.string(),
  source: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('atlas'), atlasFile: z.string() }),
    z.object({ kind: z.literal('file'), path: z.string(), sha256: z.string().optional(), format: z.enum(['glb', 'gltf', 'stl', 'obj', 'ply']) }),
  ]),
  /** Millimetres per model unit after unit detection or the user's override (1 for mm, 1000 for m). */
  mmPerUnit: z.number().positive(),
  unitsOverridden: z.boolean().default(false),
  transform: Mat4Schema,
  structures: z.array(StructureStateSchema).default([]),
});
export type ModelRef = z.infer<typeof ModelRefSchema>;

export const ProbePoseSchema = z.object({
  kind: z.enum(['linear', 'curvilinear']),
  /** Centre of the probe face on the skin, mm. */
  position: Vec3Schema,
  /** Unit vector of the beam (into the body). */
  beamDir: Vec3Schema,
  /** Unit vector along the probe face (the image's lateral axis; +x of the image). */
  lateralDir: Vec3Schema,
  /** Imaging depth, mm. */
  depthMm: z.number().positive(),
  /** Footprint width (linear) or arc chord (curvilinear), mm. */
  widthMm: z.number().positive(),
  /** Radius of curvature for curvilinear probes, mm. */
  radiusMm: z.number().positive().optional(),
});
export type ProbePose = z.infer<typeof ProbePoseSchema>;

export const Trajectory3dSchema = z.object({
  entry: Vec3Schema,
  target: Vec3Schema,
  /** Outward skin normal at the entry, when picked on a surface. */
  entryNormal: Vec3Schema.optional(),
});
export type Trajectory3d = z.infer<typeof Trajectory3dSchema>;

export const ClipFrameLinkSchema = z.object({
  clipId: z.string(),
  /** 0-based frame index, or null for every frame of the clip. */
  frameIndex: z.number().int().nonnegative().nullable(),
  probe: ProbePoseSchema,
});

export const Scene3dPlanSchema = z.object({
  models: z.array(ModelRefSchema).default([]),
  probe: ProbePoseSchema.optional(),
  trajectory: Trajectory3dSchema.optional(),
  /** Structure names (across models, `modelId/nodeName`) whose clearance is computed. */
  atRisk: z.array(z.string()).default([]),
  /** Structure the trajectory aims at, `modelId/nodeName`. */
  target: z.string().optional(),
  clipLinks: z.array(ClipFrameLinkSchema).default([]),
  camera: z.object({ position: Vec3Schema, target: Vec3Schema }).optional(),
});
export type Scene3dPlan = z.infer<typeof Scene3dPlanSchema>;
