/**
 * Mapping between a clip's image pixels and the probe plane in 3D, so the 2D needle path drawn on
 * a clip shows in the 3D scene, and the 3D trajectory shows on the clip.
 *
 * Image convention: pixel (x, y) with x to the right and y down; the probe-face centre is at
 * `originPx`; image +x runs along the pose's `lateralDir` and +y along `beamDir`. So
 * u = (x − x0)·mmPerPxX and v = (y − y0)·mmPerPxY in plane mm (see plan3d.ts for plane coordinates).
 * Scanners that flip the image left–right are handled by flipping `lateralDir` in the pose.
 */
import type { Point2, UltrasoundRegion, MeasurementSpace } from '../dicom/calibration';
import { planeToWorld, probePlane, worldToPlane, type ClipImageGeometry, type PlanePoint, type ProbePose, type Trajectory3d } from './plan3d';
import type { Vec3 } from './vec3';

/** Image px → plane mm. */
export function clipPxToPlane(g: ClipImageGeometry, p: Point2): PlanePoint {
  return { u: (p.x - g.originPx.x) * g.mmPerPxX, v: (p.y - g.originPx.y) * g.mmPerPxY };
}

/** Plane mm → image px. */
export function planeToClipPx(g: ClipImageGeometry, p: PlanePoint): Point2 {
  return { x: g.originPx.x + p.u / g.mmPerPxX, y: g.originPx.y + p.v / g.mmPerPxY };
}

/** Image px → patient mm (a point of the probe plane). Undefined for a degenerate pose. */
export function clipPxToWorld(pose: ProbePose, g: ClipImageGeometry, p: Point2): Vec3 | undefined {
  const plane = probePlane(pose);
  return plane ? planeToWorld(plane, clipPxToPlane(g, p)) : undefined;
}

/**
 * Patient mm → image px, with the point's distance from the plane (mm, signed along the plane
 * normal). A point far from the plane is not in the image; the caller decides the tolerance.
 */
export function worldToClipPx(pose: ProbePose, g: ClipImageGeometry, p: Vec3): { px: Point2; offPlaneMm: number } | undefined {
  const plane = probePlane(pose);
  if (!plane) return undefined;
  const q = worldToPlane(plane, p);
  return { px: planeToClipPx(g, q), offPlaneMm: q.offPlaneMm };
}

/** Default tolerance for "the 3D needle lies in the imaging plane": about half a typical elevation beam width, mm (an assumption). */
export const IN_PLANE_TOLERANCE_MM = 1;

/** The 3D trajectory drawn on the clip: end points in px and how far each lies from the plane. */
export interface TrajectoryOnClip {
  entryPx: Point2;
  targetPx: Point2;
  entryOffPlaneMm: number;
  targetOffPlaneMm: number;
  /** Both ends within `toleranceMm` of the plane (an in-plane needle). */
  inPlane: boolean;
}

export function trajectoryToClip(pose: ProbePose, g: ClipImageGeometry, t: Trajectory3d, toleranceMm = IN_PLANE_TOLERANCE_MM): TrajectoryOnClip | undefined {
  const a = worldToClipPx(pose, g, t.entry);
  const b = worldToClipPx(pose, g, t.target);
  if (!a || !b) return undefined;
  return {
    entryPx: a.px,
    targetPx: b.px,
    entryOffPlaneMm: a.offPlaneMm,
    targetOffPlaneMm: b.offPlaneMm,
    inPlane: Math.abs(a.offPlaneMm) <= toleranceMm && Math.abs(b.offPlaneMm) <= toleranceMm,
  };
}

/** A 2D needle path on the clip (entry px → tip px) as a 3D trajectory in the probe plane. */
export function clipPathToTrajectory(pose: ProbePose, g: ClipImageGeometry, entryPx: Point2, tipPx: Point2): Trajectory3d | undefined {
  const entry = clipPxToWorld(pose, g, entryPx);
  const target = clipPxToWorld(pose, g, tipPx);
  if (!entry || !target) return undefined;
  const plane = probePlane(pose)!;
  // The probe face is on the skin, so the outward skin normal at an entry on the face line is −beam.
  return { entry, target, entryNormal: [-plane.beam[0], -plane.beam[1], -plane.beam[2]] };
}

/**
 * Image geometry from the clip's calibration. The scale comes from the measurement space (mm per px
 * per axis). The origin is the ultrasound region's reference pixel (Reference Pixel X0/Y0,
 * PS3.3 C.8.5.5.1, relative to the region's top-left corner) when present — assumed to be the
 * probe-face centre, i.e. a reference physical value of 0 — otherwise the top centre of the region.
 * Without a region the caller must supply the origin (e.g. a click on the probe face).
 */
export function clipGeometryFromCalibration(space: MeasurementSpace, region?: UltrasoundRegion, originPx?: Point2): ClipImageGeometry | undefined {
  if (space.unit !== 'mm') return undefined;
  const r = region ?? space.region;
  let origin = originPx;
  if (!origin && r) {
    origin =
      r.referencePixelX0 !== undefined && r.referencePixelY0 !== undefined
        ? { x: r.x0 + r.referencePixelX0, y: r.y0 + r.referencePixelY0 }
        : { x: (r.x0 + r.x1 + 1) / 2, y: r.y0 };
  }
  if (!origin) return undefined;
  return { originPx: origin, mmPerPxX: space.mmPerPxX, mmPerPxY: space.mmPerPxY };
}
