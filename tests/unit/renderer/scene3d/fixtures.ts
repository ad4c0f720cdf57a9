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
import { setModelGeometry, useScene3d, type ModelRuntime, type StructureInfo } from '../../../../renderer/state/scene3d';
import { repoRoot } from '../../../support/shared';

/** Closed box [min, max] (mm) with counter-clockwise winding seen from outside. */
export function boxMesh(name: string, min: Vec3, max: Vec3): TriMesh {
  const [x0, y0, z0] = min;
  const [x1, y1, z1] = max;
  const positions = new Float32Array([x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0, x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1]);
  // prettier-ignore
  const indices = new Uint32Array([
    0, 2, 1, 0, 3, 2, // z0 (normal −z)
    4, 5, 6, 4, 6, 7, // z1 (+z)
    0, 1, 5, 0, 5, 4, // y0 (−y)
    3, 7, 6, 3, 6, 2, // y1 (+y)
    0, 4, 7, 0, 7, 3, // x0 (−x)
    1, 2, 6, 1, 6, 5, // x1 (+x)
  ]);
  return { name, positions, indices };
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
