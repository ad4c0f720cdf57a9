import { z } from 'zod';
import { add, cross, dot, normalize, scale, sub } from './vec3';

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

/**
 * Where the probe plane sits in a clip's image: the pixel of the probe-face centre (top centre of
 * the sector or of the linear image) and the image scale. Image +x runs along `lateralDir`, image +y
 * (down) along `beamDir`. Optional so cases saved before it existed still parse.
 */
export const ClipImageGeometrySchema = z.object({
  /** Pixel (column x, row y) of the probe-face centre. */
  originPx: z.object({ x: z.number().finite(), y: z.number().finite() }),
  /** mm per px along image x (lateral) and y (depth). */
  mmPerPxX: z.number().positive(),
  mmPerPxY: z.number().positive(),
});
export type ClipImageGeometry = z.infer<typeof ClipImageGeometrySchema>;

export const ClipFrameLinkSchema = z.object({
  clipId: z.string(),
  /** 0-based frame index, or null for every frame of the clip. */
  frameIndex: z.number().int().nonnegative().nullable(),
  probe: ProbePoseSchema,
  /** How the clip's pixels map onto the probe plane (see ./clip-plane.ts). */
  image: ClipImageGeometrySchema.optional(),
});
export type ClipFrameLink = z.infer<typeof ClipFrameLinkSchema>;

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

// ---------------------------------------------------------------------------------------------
// Probe-plane geometry. Plane coordinates (u, v) are mm: u along `lateralDir` (image +x), v along
// `beamDir` (depth, image +y), origin at the centre of the probe face on the skin.
// ---------------------------------------------------------------------------------------------

/**
 * Radius of curvature assumed for a curvilinear probe whose pose has no `radiusMm`, mm.
 * An assumption (typical abdominal curvilinear arrays are roughly 40–60 mm), not a sourced figure.
 */
export const DEFAULT_CURVILINEAR_RADIUS_MM = 50;

/** Orthonormal frame of a probe's imaging plane (patient LPS mm). */
export interface ProbePlane {
  /** Probe-face centre, mm. */
  origin: Vec3;
  /** Unit lateral axis (u, image +x). */
  lateral: Vec3;
  /** Unit beam axis (v, depth, image +y). */
  beam: Vec3;
  /** Unit plane normal = lateral × beam (the probe's elevation axis). */
  normal: Vec3;
}

/** A point in plane coordinates, mm. */
export interface PlanePoint {
  u: number;
  v: number;
}

/**
 * The imaging plane of a probe pose. `beamDir` is normalised and `lateralDir` is made orthogonal
 * to it (Gram–Schmidt), so slightly inconsistent stored poses still give a proper frame.
 * Undefined when the directions are zero or parallel.
 */
export function probePlane(pose: ProbePose): ProbePlane | undefined {
  const beam = normalize(pose.beamDir);
  if (!beam) return undefined;
  const lateral = normalize(sub(pose.lateralDir, scale(beam, dot(pose.lateralDir, beam))));
  if (!lateral) return undefined;
  const normal = cross(lateral, beam);
  return { origin: [...pose.position] as Vec3, lateral, beam, normal };
}

/** Plane coordinates (mm) → patient point (mm). */
export function planeToWorld(plane: ProbePlane, p: PlanePoint): Vec3 {
  return add(plane.origin, add(scale(plane.lateral, p.u), scale(plane.beam, p.v)));
}

/** Patient point (mm) → plane coordinates plus the signed distance from the plane along `normal`. */
export function worldToPlane(plane: ProbePlane, p: Vec3): PlanePoint & { offPlaneMm: number } {
  const d = sub(p, plane.origin);
  return { u: dot(d, plane.lateral), v: dot(d, plane.beam), offPlaneMm: dot(d, plane.normal) };
}

/** Curvilinear radius used for a pose (its own, else the default), mm. */
export const probeRadiusMm = (pose: ProbePose): number => pose.radiusMm ?? DEFAULT_CURVILINEAR_RADIUS_MM;

/**
 * Is plane point (u, v) inside the image? Linear: the rectangle |u| ≤ width/2, 0 ≤ v ≤ depth.
 * Curvilinear: the annular sector around the virtual apex (0, −R) between radii R and R + depth,
 * whose half-angle makes the face's chord equal to `widthMm`.
 */
export function isInProbeFan(pose: ProbePose, p: PlanePoint): boolean {
  if (pose.kind === 'linear') return Math.abs(p.u) <= pose.widthMm / 2 && p.v >= 0 && p.v <= pose.depthMm;
  const R = probeRadiusMm(pose);
  const half = Math.asin(Math.min(1, pose.widthMm / 2 / R));
  const r = Math.hypot(p.u, p.v + R);
  const phi = Math.atan2(p.u, p.v + R);
  return r >= R && r <= R + pose.depthMm && Math.abs(phi) <= half;
}

/**
 * Outline of the image region in plane coordinates (closed polygon, first point not repeated),
 * for drawing the plane in 3D and clipping the 2D cross-section view. `arcSegments` per arc.
 */
export function probeFanOutline(pose: ProbePose, arcSegments = 24): PlanePoint[] {
  if (pose.kind === 'linear') {
    const w = pose.widthMm / 2;
    return [{ u: -w, v: 0 }, { u: w, v: 0 }, { u: w, v: pose.depthMm }, { u: -w, v: pose.depthMm }];
  }
  const R = probeRadiusMm(pose);
  const half = Math.asin(Math.min(1, pose.widthMm / 2 / R));
  const out: PlanePoint[] = [];
  for (let i = 0; i <= arcSegments; i++) {
    const phi = -half + (2 * half * i) / arcSegments;
    out.push({ u: R * Math.sin(phi), v: R * Math.cos(phi) - R });
  }
  const Rd = R + pose.depthMm;
  for (let i = arcSegments; i >= 0; i--) {
    const phi = -half + (2 * half * i) / arcSegments;
    out.push({ u: Rd * Math.sin(phi), v: Rd * Math.cos(phi) - R });
  }
  return out;
}

/** Axis-aligned bounds of the image region in plane coordinates, mm. */
export function probeFanBounds(pose: ProbePose): { uMin: number; uMax: number; vMin: number; vMax: number } {
  const pts = probeFanOutline(pose, 48);
  let uMin = Infinity, uMax = -Infinity, vMin = Infinity, vMax = -Infinity;
  for (const p of pts) {
    uMin = Math.min(uMin, p.u);
    uMax = Math.max(uMax, p.u);
    vMin = Math.min(vMin, p.v);
    vMax = Math.max(vMax, p.v);
  }
  return { uMin, uMax, vMin, vMax };
}

/**
 * A probe placed on the skin: face centre at `skinPoint`, beam along the inward normal, lateral axis
 * = `lateralHint` made orthogonal to the beam. Undefined when the hint is parallel to the normal.
 */
export function probePoseOnSkin(
  skinPoint: Vec3,
  outwardNormal: Vec3,
  lateralHint: Vec3,
  opts: { kind: ProbePose['kind']; depthMm: number; widthMm: number; radiusMm?: number },
): ProbePose | undefined {
  const n = normalize(outwardNormal);
  if (!n) return undefined;
  const beam = scale(n, -1);
  const lateral = normalize(sub(lateralHint, scale(beam, dot(lateralHint, beam))));
  if (!lateral) return undefined;
  return {
    kind: opts.kind,
    position: [...skinPoint] as Vec3,
    beamDir: beam,
    lateralDir: lateral,
    depthMm: opts.depthMm,
    widthMm: opts.widthMm,
    ...(opts.radiusMm !== undefined ? { radiusMm: opts.radiusMm } : {}),
  };
}

/**
 * Rotate a probe about one of its own axes through the face centre, degrees (right-hand rule):
 * 'beam' spins the probe on the skin (transverse ↔ longitudinal), 'normal' tilts it in-plane
 * (heel–toe rocking), 'lateral' tilts the plane (fanning).
 */
export function rotateProbe(pose: ProbePose, axis: 'beam' | 'lateral' | 'normal', deg: number): ProbePose {
  const plane = probePlane(pose);
  if (!plane) return pose;
  const k = axis === 'beam' ? plane.beam : axis === 'lateral' ? plane.lateral : plane.normal;
  const rot = (v: Vec3): Vec3 => {
    const th = (deg * Math.PI) / 180;
    const c = Math.cos(th);
    const s = Math.sin(th);
    // Rodrigues: v c + (k × v) s + k (k·v)(1 − c)
    return add(add(scale(v, c), scale(cross(k, v), s)), scale(k, dot(k, v) * (1 - c)));
  };
  return { ...pose, beamDir: rot(plane.beam), lateralDir: rot(plane.lateral) };
}
