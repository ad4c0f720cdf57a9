/**
 * The simulated image of a probe pose over a scene's models: plane sections (core/anatomy/
 * scene-section, each model in its own frame), the planned needle when it lies in the plane, and the
 * B-mode picture (./bmode). One function for the app's worker, `blockplan scan` and saved clips.
 *
 * Units: mm, patient LPS; plane mm for the needle (u lateral, v depth).
 */
import type { AtlasCategory } from '../anatomy/atlas-manifest';
import { IN_PLANE_TOLERANCE_MM } from '../anatomy/clip-plane';
import { probePlane, worldToPlane, type PlanePoint, type ProbePose, type Trajectory3d } from '../anatomy/plan3d';
import { sectionModels, type SectionModel } from '../anatomy/scene-section';
import type { Vec3 } from '../anatomy/vec3';
import { renderBmode, type BmodeImage, type SimStructure } from './bmode';

/** A model as the simulator needs it: prepared meshes, transform, and the atlas category of each mesh. */
export interface SimModel extends SectionModel {
  /** Category by mesh name (null: unknown, e.g. an imported model: drawn as background tissue with its outline). */
  categories: ReadonlyMap<string, AtlasCategory | null>;
}

export interface ViewOptions {
  columns: number;
  rows: number;
  /** Overall gain, dB. */
  gainDb?: number;
  /** Seed of the electronic noise (successive frames differ slightly, as on a scanner). */
  seed?: number;
}

/** The needle in the probe's plane (plane mm) when both ends lie within `IN_PLANE_TOLERANCE_MM` of it; `tip` defaults to the target. */
export function needleInPlane(pose: ProbePose, t: Trajectory3d | undefined, tip?: Vec3): { entry: PlanePoint; tip: PlanePoint } | null {
  const plane = probePlane(pose);
  if (!plane || !t) return null;
  const a = worldToPlane(plane, t.entry), b = worldToPlane(plane, tip ?? t.target);
  if (Math.abs(a.offPlaneMm) > IN_PLANE_TOLERANCE_MM || Math.abs(b.offPlaneMm) > IN_PLANE_TOLERANCE_MM) return null;
  return { entry: { u: a.u, v: a.v }, tip: { u: b.u, v: b.v } };
}

/** The structures of the models cut by the probe plane inside the image, with their categories. */
export function simStructures(models: readonly SimModel[], pose: ProbePose): SimStructure[] {
  const byId = new Map(models.map((m) => [m.id, m]));
  return sectionModels(models, pose)
    .filter((c) => c.cut.inImage)
    .map((c) => ({ id: c.cut.name, category: byId.get(c.modelId)?.categories.get(c.cut.name) ?? null, contours: c.cut.contours }));
}

/** Render the simulated image of `pose`; the needle is drawn when it lies in the plane (tip: how far it has advanced). */
export function renderProbeView(models: readonly SimModel[], pose: ProbePose, trajectory: Trajectory3d | undefined, o: ViewOptions & { needleTip?: Vec3 }): { image: BmodeImage; needleInPlane: boolean } {
  const needle = needleInPlane(pose, trajectory, o.needleTip);
  const image = renderBmode(pose, simStructures(models, pose), { columns: o.columns, rows: o.rows, gainDb: o.gainDb ?? 0, seed: o.seed ?? 1, needle });
  return { image, needleInPlane: needle !== null };
}
