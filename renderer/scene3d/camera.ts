/**
 * Camera presets of the 3D view, as plain math (no three.js, so it is unit-tested in Node).
 *
 * Patient frame LPS mm: +X left, +Y posterior, +Z superior. The camera's up is always the patient's
 * head (+Z): the orbit controls rotate about it, so the body never appears rolled.
 */
import { add, cross, length, normalize, scale, sub, type Vec3 } from '../../core/anatomy/vec3';
import type { ProbePose, Trajectory3d } from '../../core/anatomy/plan3d';
import type { CameraPreset } from '../state/scene3d';

export interface CameraPose {
  position: Vec3;
  target: Vec3;
  up: Vec3;
}

/** What a preset frames: the region of interest (a sphere) and the needle, if any. */
export interface FramingContext {
  center: Vec3;
  /** Radius of the region to fit, mm. */
  radiusMm: number;
  /** Vertical field of view of the camera, degrees. */
  fovDeg: number;
  /** Width / height of the view (a narrow view fits by its horizontal field). Default 1. */
  aspect?: number;
  /** When given, 'fit' frames this box (tighter than its bounding sphere for a long body). */
  box?: { min: Vec3; max: Vec3 };
  trajectory?: Trajectory3d;
}

/**
 * Distance from a sphere's centre at which it fits the view (with a small margin): the narrower of
 * the vertical field and the horizontal one (`aspect` = width / height).
 */
export function fitDistance(radiusMm: number, fovDeg: number, margin = 1.15, aspect = 1): number {
  const vHalf = (fovDeg * Math.PI) / 360;
  const hHalf = Math.atan(Math.tan(vHalf) * aspect);
  return (Math.max(radiusMm, 1) * margin) / Math.sin(Math.min(vHalf, hHalf));
}

/**
 * Distance along `dir` (target → camera, unit) from `center` at which every corner of the box is in
 * view, with a margin: per corner, its offset across the view must fit the half-field at its depth.
 */
export function fitBoxDistance(box: { min: Vec3; max: Vec3 }, center: Vec3, dir: Vec3, fovDeg: number, aspect = 1, margin = 1.1): number {
  const f = normalize(scale(dir, -1)) ?? [0, 0, -1];
  const up: Vec3 = Math.abs(f[2]) > 0.999 ? [0, 1, 0] : [0, 0, 1];
  const r = normalize(cross(f, up))!;
  const u = cross(r, f);
  const tv = Math.tan((fovDeg * Math.PI) / 360);
  const th = tv * aspect;
  let d = 0;
  for (let i = 0; i < 8; i++) {
    const c: Vec3 = [(i & 1 ? box.max[0] : box.min[0]) - center[0], (i & 2 ? box.max[1] : box.min[1]) - center[1], (i & 4 ? box.max[2] : box.min[2]) - center[2]];
    const x = Math.abs(c[0] * r[0] + c[1] * r[1] + c[2] * r[2]) * margin;
    const y = Math.abs(c[0] * u[0] + c[1] * u[1] + c[2] * u[2]) * margin;
    const z = c[0] * f[0] + c[1] * f[1] + c[2] * f[2];
    d = Math.max(d, x / th - z, y / tv - z);
  }
  return d;
}

/** Direction from the target to the camera for each body view (anterior view = camera in front, at −Y). */
export const VIEW_DIRECTIONS: Record<Exclude<CameraPreset, 'needle' | 'fit' | 'work'>, Vec3> = {
  anterior: [0, -1, 0],
  posterior: [0, 1, 0],
  left: [1, 0, 0],
  right: [-1, 0, 0],
};

/** A pleasant default: from behind, slightly to the patient's right and above (the back is where most blocks start). */
export const DEFAULT_VIEW_DIRECTION: Vec3 = normalize([-0.45, 1, 0.35])!;

/**
 * The camera pose of a preset. 'needle' looks down the needle from behind the entry toward the
 * target (falls back to 'fit' without a trajectory); 'fit' keeps `fromDir` (the current viewing
 * direction) and fits the region.
 */
export function presetPose(preset: CameraPreset, ctx: FramingContext, fromDir: Vec3 = DEFAULT_VIEW_DIRECTION): CameraPose {
  const distFor = (dir: Vec3) => (ctx.box ? fitBoxDistance(ctx.box, ctx.center, dir, ctx.fovDeg, ctx.aspect ?? 1) : fitDistance(ctx.radiusMm, ctx.fovDeg, 1.15, ctx.aspect ?? 1));
  if (preset === 'needle' && ctx.trajectory) {
    const { entry, target } = ctx.trajectory;
    const d = normalize(sub(target, entry));
    if (d) {
      const back = Math.max(120, length(sub(target, entry)) * 2.5);
      // The orbit controls keep +Z up; a needle parallel to Z is viewed from a hair off its axis.
      const dd: Vec3 = Math.abs(d[2]) > 0.995 ? normalize([d[0], d[1] + 0.1, d[2]])! : d;
      return { position: sub(entry, scale(dd, back)), target, up: [0, 0, 1] };
    }
  }
  if (preset === 'needle' || preset === 'fit' || preset === 'work') {
    const dir = normalize(fromDir) ?? DEFAULT_VIEW_DIRECTION;
    return { position: add(ctx.center, scale(dir, distFor(dir))), target: ctx.center, up: [0, 0, 1] };
  }
  const dir = VIEW_DIRECTIONS[preset];
  return { position: add(ctx.center, scale(dir, distFor(dir))), target: ctx.center, up: [0, 0, 1] };
}

/**
 * A viewing direction (target → camera) that shows a probe and its imaging plane: from outside the
 * skin (−beam), turned toward the side of the plane that faces away from the midline (so a
 * parasagittal plane is seen obliquely, not edge-on), and a little from above.
 */
export function probeViewDirection(pose: Pick<ProbePose, 'position' | 'beamDir' | 'lateralDir'>): Vec3 {
  const beam = normalize(pose.beamDir) ?? [0, -1, 0];
  const lateral = normalize(pose.lateralDir) ?? [1, 0, 0];
  let n = cross(lateral, beam);
  // Face the plane from the probe's side of the body (x sign), or from the patient's right on the midline.
  const side = Math.abs(pose.position[0]) > 5 ? Math.sign(pose.position[0]) : -1;
  if (n[0] * side < 0 || (Math.abs(n[0]) < 1e-6 && n[1] * side < 0)) n = scale(n, -1);
  return normalize(add(add(scale(beam, -1), scale(n, 0.8)), [0, 0, 0.35])) ?? DEFAULT_VIEW_DIRECTION;
}

/** Bounding sphere of axis-aligned bounds. */
export function boundsSphere(min: Vec3, max: Vec3): { center: Vec3; radiusMm: number } {
  const center: Vec3 = [(min[0] + max[0]) / 2, (min[1] + max[1]) / 2, (min[2] + max[2]) / 2];
  return { center, radiusMm: length(sub(max, center)) };
}

/** Name of a preset for buttons and commands. */
export const PRESET_LABELS: Record<CameraPreset, string> = {
  anterior: 'Anterior view',
  posterior: 'Posterior view',
  left: 'Patient’s left side view',
  right: 'Patient’s right side view',
  needle: 'View along the needle',
  fit: 'Fit the anatomy in view',
  work: 'Frame the probe and needle',
};
