/**
 * Needle trajectory numbers in the patient frame (LPS, mm: +X left, +Y posterior, +Z superior).
 *
 * Definitions (also in docs/ANATOMY.md):
 * - length: entry → target, mm.
 * - angle to the skin normal: angle between the needle direction and the inward skin normal at the
 *   entry (0° = perpendicular to the skin). The angle to the skin surface is 90° minus that.
 * - cranio-caudal angle: elevation of the needle out of the axial (transverse) plane,
 *   asin(d·Z) in degrees; positive = the needle points cranially (toward the head).
 * - medio-lateral angle: angle between the needle's projection on the axial plane and the
 *   antero-posterior axis, in degrees; positive = pointing toward the midline (medially) from the
 *   entry's side, negative = laterally; null when the entry is on the midline (|x| < 1 mm), where
 *   `leftwardDeg` (positive = toward the patient's left) is the unambiguous number.
 * - target depth: distance of the target below the skin along the inward normal at the entry, mm
 *   (null when no normal is known); the path length is the depth along the needle.
 * - depth marks: points every 10 mm (1 cm) along the needle from the entry.
 */
import { angleDeg, dot, length, lerp, normalize, scale, sub, type Vec3 } from './vec3';
import type { Trajectory3d } from './plan3d';

export interface DepthMark {
  /** Distance from the entry along the needle, mm (10, 20, …). */
  depthMm: number;
  position: Vec3;
}

export interface TrajectoryMetrics {
  lengthMm: number;
  /** Unit vector entry → target. */
  direction: Vec3;
  /** 0° = along the inward skin normal; null without a normal. */
  angleToSkinNormalDeg: number | null;
  /** 90° − angleToSkinNormalDeg; null without a normal. */
  angleToSkinDeg: number | null;
  /** Positive = cranial. */
  craniocaudalDeg: number;
  /** Positive = medial; null when the entry lies on the midline. */
  mediolateralDeg: number | null;
  /** Positive = toward the patient's left (+X). */
  leftwardDeg: number;
  /** 'anterior' when the needle travels toward −Y (e.g. from the back), else 'posterior'. */
  apDirection: 'anterior' | 'posterior';
  /** Depth of the target below the skin along the inward normal, mm; null without a normal. */
  targetDepthMm: number | null;
  /** 1 cm marks from the entry (excluding 0 and the target itself). */
  depthMarks: DepthMark[];
}

/** Entry within this distance of the midsagittal plane (x = 0) counts as midline, mm. */
export const MIDLINE_TOLERANCE_MM = 1;
/** Spacing of depth marks on the needle, mm. */
export const DEPTH_MARK_SPACING_MM = 10;

/** Numbers for a straight needle from `entry` to `target`; undefined when they coincide. */
export function trajectoryMetrics(t: Trajectory3d): TrajectoryMetrics | undefined {
  const v = sub(t.target, t.entry);
  const len = length(v);
  const d = normalize(v);
  if (!d || !(len > 0)) return undefined;
  let angleToSkinNormalDeg: number | null = null;
  let targetDepthMm: number | null = null;
  const n = t.entryNormal ? normalize(t.entryNormal) : undefined;
  if (n) {
    const inward = scale(n, -1);
    angleToSkinNormalDeg = angleDeg(d, inward);
    targetDepthMm = dot(v, inward);
  }
  const craniocaudalDeg = (Math.asin(Math.max(-1, Math.min(1, d[2]))) * 180) / Math.PI;
  const horiz = Math.hypot(d[0], d[1]);
  const leftwardDeg = horiz > 1e-12 ? (Math.atan2(d[0], Math.abs(d[1])) * 180) / Math.PI : 0;
  let mediolateralDeg: number | null = null;
  if (Math.abs(t.entry[0]) >= MIDLINE_TOLERANCE_MM) {
    // The midline is toward −sign(x) from the entry.
    const towardMidline = -Math.sign(t.entry[0]) * d[0];
    mediolateralDeg = horiz > 1e-12 ? (Math.atan2(towardMidline, Math.abs(d[1])) * 180) / Math.PI : 0;
  }
  const depthMarks: DepthMark[] = [];
  for (let k = DEPTH_MARK_SPACING_MM; k < len - 1e-9; k += DEPTH_MARK_SPACING_MM) {
    depthMarks.push({ depthMm: k, position: lerp(t.entry, t.target, k / len) });
  }
  return {
    lengthMm: len,
    direction: d,
    angleToSkinNormalDeg,
    angleToSkinDeg: angleToSkinNormalDeg === null ? null : 90 - angleToSkinNormalDeg,
    craniocaudalDeg,
    mediolateralDeg,
    leftwardDeg,
    apDirection: d[1] < 0 ? 'anterior' : 'posterior',
    targetDepthMm,
    depthMarks,
  };
}
