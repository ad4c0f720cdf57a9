/**
 * The probe plane's cross-section of the scene as the 2D probe panel draws it: every visible, loaded
 * structure cut by the plane (core/anatomy/scene-section: each model in its own frame), with its
 * label, colour, role and category.
 */
import type { AtlasCategory } from '../../core/anatomy/atlas-manifest';
import type { ProbePose, Scene3dPlan, StructureRole } from '../../core/anatomy/plan3d';
import { sectionModels, type SectionModel } from '../../core/anatomy/scene-section';
import { effectiveStructure } from '../../core/anatomy/scene-edits';
import type { ProbeSectionStructure } from '../../core/anatomy/section';
import type { ModelRuntime } from '../state/scene3d';
import { sectionMeshesOf } from './geometry';

/** A structure cut by the probe plane, with what the 2D panel needs to draw it. */
export interface SectionItem extends ProbeSectionStructure {
  ref: string;
  label: string;
  color: string;
  role: StructureRole;
  category: AtlasCategory | null;
}

/** The scene's visible, loaded models as section models (prepared meshes, transforms). */
export function visibleSectionModels(scene: Scene3dPlan, models: Record<string, ModelRuntime>): SectionModel[] {
  const out: SectionModel[] = [];
  for (const m of scene.models) {
    const rt = models[m.id];
    if (!rt || rt.status !== 'ready') continue;
    const infos = new Map(rt.structures.map((s) => [s.name, s]));
    const meshes = sectionMeshesOf(m.id).filter((sm) => {
      const info = infos.get(sm.name);
      return info ? effectiveStructure(scene, info).visible : false;
    });
    if (meshes.length) out.push({ id: m.id, transform: m.transform, meshes });
  }
  return out;
}

/** Cut every visible, loaded structure with the probe plane (contours in plane mm of the pose). */
export function sectionScene(scene: Scene3dPlan, models: Record<string, ModelRuntime>, pose: ProbePose): SectionItem[] {
  const out: SectionItem[] = [];
  const infos = new Map(Object.values(models).flatMap((rt) => rt.structures.map((s) => [s.ref, s] as const)));
  for (const { modelId, cut } of sectionModels(visibleSectionModels(scene, models), pose)) {
    const info = infos.get(`${modelId}/${cut.name}`);
    if (!info) continue;
    const eff = effectiveStructure(scene, info);
    out.push({ ...cut, ref: info.ref, label: info.label, color: eff.color, role: eff.role, category: info.category });
  }
  return out;
}
