/**
 * Shared test fixtures for the 3D workspace: analytic meshes (an axis-aligned box with outward
 * winding, so every answer can be computed by hand), the real atlas manifest, and a reset of the
 * case and 3D stores.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AtlasManifestSchema, type AtlasManifest } from '../../../../core/anatomy/atlas-manifest';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import type { Vec3 } from '../../../../core/anatomy/vec3';
import { createCase } from '../../../../core/plan/index';
import { useCase } from '../../../../renderer/state/case';
import { useScene3d, type ModelRuntime, type StructureInfo } from '../../../../renderer/state/scene3d';
import { setModelGeometry } from '../../../../renderer/scene3d/geometry';
import { repoRoot } from '../../../support/shared';
import { boxMesh as anatomyBox } from '../../core/anatomy/helpers';

/** Closed box [min, max] (mm) with counter-clockwise winding seen from outside (the anatomy tests' box, named first). */
export function boxMesh(name: string, min: Vec3, max: Vec3): TriMesh {
  return anatomyBox(min, max, name);
}

export function structureInfo(modelId: string, name: string, extra: Partial<StructureInfo> = {}): StructureInfo {
  return { ref: `${modelId}/${name}`, modelId, name, label: name, category: null, group: 'test', triangles: 12, defaultColor: '#aabbcc', defaultOpacity: 1, atRiskFor: [], ...extra };
}

/** Register a model of plain meshes in the 3D state, as the loaders would. */
export function addModel(modelId: string, meshes: TriMesh[], infos?: StructureInfo[]): ModelRuntime {
  const structures = infos ?? meshes.map((m) => structureInfo(modelId, m.name));
  setModelGeometry(modelId, { meshes, bytes: null });
  const rt: ModelRuntime = { id: modelId, status: 'ready', error: null, structures, triangleCount: meshes.reduce((s, m) => s + m.indices.length / 3, 0), units: null, warnings: [], loadMs: 0 };
  useScene3d.getState().setModelRuntime(modelId, rt);
  return rt;
}

export function realManifest(): AtlasManifest {
  return AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'assets/anatomy/manifest.json'), 'utf8')));
}

export function resetStores(): void {
  useCase.getState().load(createCase({ id: 'case-test', now: '2025-01-01T00:00:00.000Z' }), { path: null, name: null, bundled: false, origin: 'new' }, {}, { saved: true });
  for (const id of Object.keys(useScene3d.getState().models)) {
    setModelGeometry(id, null);
    useScene3d.getState().setModelRuntime(id, null);
  }
  useScene3d.setState({ manifest: null, atlasStatus: 'idle', tool: 'orbit', tab: 'structures', selected: null, clearance: null, draftEntry: null, draftTarget: null, registration: null, gizmo: null, pendingImports: [], surfaces: null });
}
