/**
 * The atlas manifest (assets/anatomy/manifest.json): which structures the schematic atlas has,
 * where each lives (GLB file and node), what it is (category, FMA id where known), which block
 * templates use it, and whether it is at risk. Also named landmarks (points in patient mm) that the
 * sample scenes are built from. Written by build/scripts/make-atlas.ts, read by the renderer and by
 * ./sample-scenes.ts.
 *
 * Frame: LPS millimetres (+X left, +Y posterior, +Z superior), z = 0 at the sacrococcygeal junction.
 * The GLB files store their vertices in this frame and wrap them in a root node that converts to
 * glTF's metres/+Y-up, so loading a GLB with renderer/scene3d/loaders.ts (node transforms, unit
 * detection, Y-up → LPS) returns exactly these coordinates.
 */
import { z } from 'zod';
import { Vec3Schema } from './plan3d';

export const AtlasCategorySchema = z.enum(['bone', 'vessel', 'nerve', 'ganglion', 'organ', 'muscle', 'pleura', 'skin', 'space']);
export type AtlasCategory = z.infer<typeof AtlasCategorySchema>;

/** Block template ids used by the atlas (match core/blocks template ids). */
export const ATLAS_BLOCK_IDS = ['thoracic-paravertebral', 'celiac-plexus', 'ganglion-impar', 'erector-spinae-plane'] as const;

export const AtlasStructureSchema = z.object({
  /** Stable id, also the GLB node name. */
  id: z.string().regex(/^[a-z0-9-]+$/),
  /** Display name. */
  name: z.string(),
  /** Foundational Model of Anatomy id (e.g. 'FMA9922'), null where we do not know it for sure. */
  fmaId: z.string().regex(/^FMA\d+$/).nullable(),
  category: AtlasCategorySchema,
  /** Block templates whose scene uses this structure. */
  blocks: z.array(z.string()),
  /** At risk in at least one block. */
  atRisk: z.boolean(),
  /** Blocks in which it is at risk. */
  atRiskFor: z.array(z.string()),
  /** GLB file name inside assets/anatomy. */
  file: z.string(),
  /** Node name inside the GLB (= id). */
  node: z.string(),
  /** Default display colour, CSS hex. */
  color: z.string().regex(/^#[0-9a-f]{6}$/),
  /** Default opacity 0..1. */
  opacity: z.number().min(0).max(1),
  /** Vertebral level or region, for grouping in the structure tree (e.g. 'T5', 'thorax'). */
  group: z.string(),
  triangles: z.number().int().positive(),
  /** Where the mesh comes from: a BodyParts3D or HuBMAP fixture file (and nodes), or "generated …". */
  source: z.string().optional(),
  /** Licence of this structure's mesh (BodyParts3D-derived: CC BY-SA 2.1 JP; HuBMAP: CC BY 4.0). */
  licence: z.string().optional(),
});
export type AtlasStructure = z.infer<typeof AtlasStructureSchema>;

export const AtlasLandmarkSchema = z.object({
  /** Point, patient mm. */
  position: Vec3Schema,
  /** Outward surface normal where the landmark lies on a surface (skin). */
  normal: Vec3Schema.optional(),
  /** A direction that goes with the landmark (e.g. the probe's lateral axis). */
  direction: Vec3Schema.optional(),
  description: z.string(),
});
export type AtlasLandmark = z.infer<typeof AtlasLandmarkSchema>;

export const AtlasFileSchema = z.object({
  file: z.string(),
  region: z.string(),
  structures: z.number().int().nonnegative(),
  triangles: z.number().int().nonnegative(),
  bytes: z.number().int().positive(),
});

export const AtlasManifestSchema = z.object({
  format: z.literal('blockplan-atlas/1'),
  generator: z.string(),
  frame: z.object({ axes: z.literal('LPS'), units: z.literal('mm'), origin: z.string() }),
  files: z.array(AtlasFileSchema),
  structures: z.array(AtlasStructureSchema),
  landmarks: z.record(z.string(), AtlasLandmarkSchema),
  /** Where the proportions come from (build/scripts/atlas/proportions.ts). */
  proportionsSource: z.string(),
  /** Licence of the atlas files as a whole (derived from BodyParts3D: CC BY-SA 2.1 JP). */
  licence: z.string().optional(),
  /** Attribution lines the licences require (shown in the About box and docs). */
  attribution: z.array(z.string()).optional(),
  /** How each source was registered into the atlas frame (landmarks, method, RMS residual, matrix). */
  registrations: z
    .array(z.object({ source: z.string(), method: z.string(), landmarks: z.array(z.string()), rmsMm: z.number(), matrix: z.array(z.number()).length(16) }))
    .optional(),
});
export type AtlasManifest = z.infer<typeof AtlasManifestSchema>;

/** Model id used for an atlas file in a Scene3dPlan (e.g. 'atlas-thorax' for atlas-thorax.glb). */
export const atlasModelId = (file: string): string => file.replace(/\.glb$/i, '');

/** `modelId/nodeName` reference of a structure, the form Scene3dPlan uses for `target` and `atRisk`. */
export const structureRef = (s: Pick<AtlasStructure, 'file' | 'node'>): string => `${atlasModelId(s.file)}/${s.node}`;
