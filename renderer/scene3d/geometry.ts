/**
 * The plain meshes of the scene's models at run time (each model's own mm frame, before its
 * transform), shared by the 3D view, the clearance, the probe-plane sections and the simulator
 * worker. Not a store: meshes are large typed arrays, kept out of zustand; `geometryVersion` in the
 * 3D session state is bumped on every change so views recompute.
 */
import type { TriMesh } from '../../core/anatomy/mesh';
import { prepareSectionMesh, type SectionMesh } from '../../core/anatomy/section';
import { useScene3d } from '../state/scene3d';

export interface ModelGeometry {
  modelId: string;
  /** One plain mesh per structure, mm, before the model's transform. */
  meshes: TriMesh[];
  /** The file's bytes (imported models; to reload with other units). */
  bytes: Uint8Array | null;
  /** Prepared for plane sections, lazily. */
  sections: SectionMesh[] | null;
}

const geometry = new Map<string, ModelGeometry>();

/** Register (or drop) a model's plain meshes. Bumps `geometryVersion`. */
export function setModelGeometry(modelId: string, g: Omit<ModelGeometry, 'sections' | 'modelId'> | null): void {
  if (g) geometry.set(modelId, { ...g, modelId, sections: null });
  else geometry.delete(modelId);
  useScene3d.getState().bumpGeometry();
}

export function modelGeometry(modelId: string): ModelGeometry | undefined {
  return geometry.get(modelId);
}

/** Section meshes of a model, prepared on first use (welding takes a moment on large models). */
export function sectionMeshesOf(modelId: string): SectionMesh[] {
  const g = geometry.get(modelId);
  if (!g) return [];
  if (!g.sections) g.sections = g.meshes.map(prepareSectionMesh).filter((m): m is SectionMesh => m !== undefined);
  return g.sections;
}
