/**
 * Cut the models of a 3D plan with the probe plane. Each model is cut in its own frame (the pose is
 * mapped into it by the inverse of the model's transform), so a moved model needs no re-preparation;
 * a scaled model's contours are scaled back. The 2D probe panel and the simulated image (in a worker
 * and in `blockplan scan`) all go through here.
 *
 * Model transforms are similarities (rotation, translation, uniform scale), column-major 4×4.
 * Units: mm; contours in plane mm of the pose (u lateral, v depth).
 */
import type { ProbePose } from './plan3d';
import { sectionForProbe, type ProbeSectionStructure, type SectionMesh } from './section';
import { applyMat4, applyMat4Dir, invert4, normalize, type Mat4 } from './vec3';

/** Uniform scale of a similarity matrix (length of its first column). */
export function similarityScale(m: Mat4): number {
  return Math.hypot(m[0]!, m[1]!, m[2]!);
}

/** The probe pose expressed in a model's own frame (for sectioning the untransformed mesh). */
export function poseToModel(pose: ProbePose, transform: Mat4): ProbePose | undefined {
  const inv = invert4(transform);
  if (!inv) return undefined;
  const s = similarityScale(transform);
  const beam = normalize(applyMat4Dir(inv, pose.beamDir));
  const lateral = normalize(applyMat4Dir(inv, pose.lateralDir));
  if (!beam || !lateral || !(s > 0)) return undefined;
  return {
    ...pose,
    position: applyMat4(inv, pose.position),
    beamDir: beam,
    lateralDir: lateral,
    depthMm: pose.depthMm / s,
    widthMm: pose.widthMm / s,
    ...(pose.radiusMm !== undefined ? { radiusMm: pose.radiusMm / s } : {}),
  };
}

const isIdentity = (m: Mat4): boolean => m.every((v, i) => v === (i % 5 === 0 ? 1 : 0));

/** A model ready for sectioning: its prepared meshes in its own frame and its transform into the patient frame. */
export interface SectionModel {
  id: string;
  transform: Mat4;
  meshes: readonly SectionMesh[];
}

/** Every mesh of the models cut by the probe plane (contours in the pose's plane mm), with its model id. */
export function sectionModels(models: readonly SectionModel[], pose: ProbePose): { modelId: string; cut: ProbeSectionStructure }[] {
  const out: { modelId: string; cut: ProbeSectionStructure }[] = [];
  for (const m of models) {
    if (m.meshes.length === 0) continue;
    const identity = isIdentity(m.transform);
    const local = identity ? pose : poseToModel(pose, m.transform);
    if (!local) continue;
    const s = identity ? 1 : similarityScale(m.transform);
    for (const cut of sectionForProbe(local, m.meshes)) {
      if (s === 1) out.push({ modelId: m.id, cut });
      else {
        const contours = cut.contours.map((c) => ({ closed: c.closed, points: c.points.map((v) => v * s) }));
        const labelAt = cut.labelAt ? { u: cut.labelAt.u * s, v: cut.labelAt.v * s } : null;
        out.push({ modelId: m.id, cut: { ...cut, contours, labelAt } });
      }
    }
  }
  return out;
}
