/**
 * Clips tied to the 3D probe (`Scene3dPlan.clipLinks`): the needle paths drawn on a linked clip frame
 * placed in 3D, and the 3D trajectory drawn on the linked clip. Pure functions of the case; the 3D
 * view, the 2D annotation layer and the CLI read them alike (core/anatomy/clip-plane does the maths).
 *
 * Units: patient mm (3D), image px (2D).
 */
import { clipPathToTrajectory, trajectoryToClip, type TrajectoryOnClip } from '../anatomy/clip-plane';
import type { Vec3 } from '../anatomy/vec3';
import type { Case } from './schema';

/** A linked clip's 2D needle path placed in 3D. */
export interface ClipNeedle3d {
  id: string;
  clipId: string;
  label: string;
  entry: Vec3;
  target: Vec3;
}

/** Needle paths drawn on linked clip frames, mapped onto their probe planes (links without image geometry are skipped). */
export function clipNeedlesIn3d(plan: Case): ClipNeedle3d[] {
  const out: ClipNeedle3d[] = [];
  for (const link of plan.scene3d?.clipLinks ?? []) {
    if (!link.image) continue;
    for (const n of plan.needlePaths) {
      if (n.clipId !== link.clipId) continue;
      if (link.frameIndex !== null && n.frameIndex !== null && n.frameIndex !== link.frameIndex) continue;
      const t = clipPathToTrajectory(link.probe, link.image, n.entry, n.target);
      if (t) out.push({ id: n.id, clipId: n.clipId, label: n.label || 'Needle path (clip)', entry: t.entry, target: t.target });
    }
  }
  return out;
}

/** The 3D trajectory drawn on a linked clip, image px (for the 2D annotation layer). */
export interface TrajectoryOnClipItem extends TrajectoryOnClip {
  clipId: string;
  /** The linked frame (0-based), or null when the link holds for every frame. */
  frameIndex: number | null;
}

/** Where the 3D trajectory falls on each linked clip (links with image geometry only). */
export function trajectoryOnClips(plan: Case): TrajectoryOnClipItem[] {
  const s = plan.scene3d;
  if (!s?.trajectory) return [];
  const out: TrajectoryOnClipItem[] = [];
  for (const link of s.clipLinks) {
    if (!link.image) continue;
    const t = trajectoryToClip(link.probe, link.image, s.trajectory);
    if (t) out.push({ ...t, clipId: link.clipId, frameIndex: link.frameIndex });
  }
  return out;
}
