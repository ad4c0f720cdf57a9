/**
 * Queries the 3D view answers for the rest of the app, with the BVHs of ./meshes.ts:
 * - needle clearance to every at-risk structure and the first one it would pierce (./bvh.ts),
 *   published as plain data in the 3D state;
 * - skin queries for the probe (settle on the skin after a slide) and typed entries (skin normal).
 *
 * Models are similarity-transformed (rotation, translation, uniform scale s): the needle is mapped
 * into each model's own frame, and distances come back multiplied by s, points mapped back out.
 */
import { useEffect } from 'react';
import { Matrix4, Ray, Vector3, DoubleSide } from 'three';
import type { MeshBVH } from 'three-mesh-bvh';
import type { TriMesh } from '../../core/anatomy/mesh';
import type { Scene3dPlan } from '../../core/anatomy/plan3d';
import { applyMat4, applyMat4Dir, invert4, normalize, type Mat4, type Vec3 } from '../../core/anatomy/vec3';
import { parseRef } from '../../core/anatomy/scene-edits';
import { similarityScale } from '../../core/anatomy/scene-section';
import type { Trajectory3d } from '../../core/anatomy/plan3d';
import { useScene3d, type ClearanceEntry, type ClearanceSummary, type ModelRuntime, type SurfaceHit, type SurfaceQueries } from '../state/scene3d';
import { modelGeometry } from './geometry';
import { needleClearance } from '../../core/anatomy/clearance-report';
import { bvhIndex } from './bvh';
import { closestSurfacePoint, meshIndexOf } from './meshes';

interface Placed {
  mesh: TriMesh;
  transform: Mat4;
  inverse: Mat4;
  scale: number;
}

function placedMesh(scene: Scene3dPlan, ref: string): Placed | null {
  const { modelId, name } = parseRef(ref);
  const model = scene.models.find((m) => m.id === modelId);
  const mesh = modelGeometry(modelId)?.meshes.find((m) => m.name === name);
  if (!model || !mesh) return null;
  const inverse = invert4(model.transform);
  if (!inverse) return null;
  return { mesh, transform: model.transform, inverse, scale: similarityScale(model.transform) };
}

/** Clearance of the scene's needle to its at-risk structures (null without a needle). */
export function computeClearance(scene: Scene3dPlan, models: Record<string, ModelRuntime>): ClearanceSummary | null {
  const t = scene.trajectory;
  if (!t) return null;
  const t0 = performance.now();
  const labels = new Map<string, string>();
  for (const rt of Object.values(models)) for (const s of rt.structures) labels.set(s.ref, s.label);
  const entries: ClearanceEntry[] = [];
  let firstPierced: ClearanceSummary['firstPierced'] = null;
  for (const ref of scene.atRisk) {
    const p = placedMesh(scene, ref);
    if (!p) continue;
    const needle = { start: applyMat4(p.inverse, t.entry), end: applyMat4(p.inverse, t.target) };
    const report = needleClearance([bvhIndex(meshIndexOf(p.mesh))], needle);
    const c = report.structures[0];
    if (!c) continue;
    const out = (v: Vec3) => applyMat4(p.transform, v);
    const label = labels.get(ref) ?? parseRef(ref).name;
    const e: ClearanceEntry = {
      ref,
      label,
      distanceMm: c.distanceMm * p.scale,
      depthAlongNeedleMm: c.depthAlongNeedleMm * p.scale,
      pointOnNeedle: out(c.pointOnNeedle),
      pointOnStructure: out(c.pointOnStructure),
      firstHit: c.firstHit ? { depthMm: c.firstHit.depthMm * p.scale, point: out(c.firstHit.point) } : null,
      tipInside: c.tipInside,
    };
    entries.push(e);
    if (e.firstHit && (!firstPierced || e.firstHit.depthMm < firstPierced.depthMm)) firstPierced = { ref, label, depthMm: e.firstHit.depthMm, point: e.firstHit.point };
  }
  entries.sort((a, b) => a.distanceMm - b.distanceMm);
  return { key: '', entries, firstPierced, computeMs: performance.now() - t0 };
}

/** A key identifying the inputs of a clearance computation. */
export function clearanceKey(t: Trajectory3d | undefined, atRisk: readonly string[], transforms: string): string {
  return t ? `${t.entry.join(',')}>${t.target.join(',')}|${[...atRisk].sort().join(',')}|${transforms}` : '';
}

function transformsKey(scene: Scene3dPlan): string {
  return scene.models.map((m) => `${m.id}:${m.transform.join(',')}`).join(';');
}

/** Recompute the clearance when the needle, the at-risk set, the models or their geometry change. */
export function useClearance(scene: Scene3dPlan): void {
  const models = useScene3d((s) => s.models);
  const geometryVersion = useScene3d((s) => s.geometryVersion);
  const key = clearanceKey(scene.trajectory, scene.atRisk, transformsKey(scene));
  useEffect(() => {
    void geometryVersion;
    const st = useScene3d.getState();
    if (!key) {
      if (st.clearance) st.setClearance(null);
      return;
    }
    const c = computeClearance(scene, models);
    st.setClearance(c ? { ...c, key } : null);
    // `key` captures the needle, the at-risk set and the transforms.
  }, [key, models, geometryVersion]); // eslint-disable-line react-hooks/exhaustive-deps
}

// ---------------------------------------------------------------------------------------------
// Skin queries

const ray = new Ray();
const mat = new Matrix4();
const v1 = new Vector3();
const v2 = new Vector3();

/** Skin meshes of the scene (category 'skin'); every visible structure when the scene has no skin. */
function skinMeshes(scene: Scene3dPlan, models: Record<string, ModelRuntime>): Placed[] {
  const skin: Placed[] = [];
  const all: Placed[] = [];
  for (const m of scene.models) {
    const rt = models[m.id];
    if (!rt || rt.status !== 'ready') continue;
    for (const s of rt.structures) {
      const p = placedMesh(scene, s.ref);
      if (!p) continue;
      (s.category === 'skin' ? skin : all).push(p);
    }
  }
  return skin.length ? skin : all;
}

/** Surface queries over the current scene (rebuilt by the view when the scene changes). */
export function surfaceQueries(scene: Scene3dPlan, models: Record<string, ModelRuntime>): SurfaceQueries {
  const meshes = skinMeshes(scene, models);
  return {
    skinAlongRay(origin, dir, maxMm) {
      let best: SurfaceHit | null = null;
      let bestD = maxMm;
      for (const p of meshes) {
        const o = applyMat4(p.inverse, origin);
        const d = normalize(applyMat4Dir(p.inverse, dir));
        if (!d) continue;
        ray.origin.set(o[0], o[1], o[2]);
        ray.direction.set(d[0], d[1], d[2]);
        const bvh = meshIndexOf(p.mesh).bvh as MeshBVH;
        const hit = bvh.raycastFirst(ray, DoubleSide);
        if (!hit) continue;
        const dist = hit.distance * p.scale;
        if (dist > bestD) continue;
        mat.fromArray(p.transform);
        v1.copy(hit.point).applyMatrix4(mat);
        v2.copy(hit.face!.normal).transformDirection(mat);
        // Outward: against the ray (the ray comes from outside the skin).
        if (v2.x * dir[0] + v2.y * dir[1] + v2.z * dir[2] > 0) v2.negate();
        bestD = dist;
        best = { point: [v1.x, v1.y, v1.z], normal: [v2.x, v2.y, v2.z] };
      }
      return best;
    },
    skinNormalNear(point, maxMm) {
      let best: SurfaceHit | null = null;
      let bestD = Infinity;
      for (const p of meshes) {
        const local = applyMat4(p.inverse, point);
        const h = closestSurfacePoint(p.mesh, local, maxMm / p.scale);
        if (!h || h.distanceMm * p.scale >= bestD) continue;
        bestD = h.distanceMm * p.scale;
        const n = normalize(applyMat4Dir(p.transform, h.normal));
        if (n) best = { point: applyMat4(p.transform, h.point), normal: n };
      }
      return best;
    },
  };
}

/** Keep the 3D state's surface queries in step with the scene. */
export function useSurfaceQueries(scene: Scene3dPlan): void {
  const models = useScene3d((s) => s.models);
  const geometryVersion = useScene3d((s) => s.geometryVersion);
  const key = transformsKey(scene) + scene.models.map((m) => m.id).join(',');
  useEffect(() => {
    void geometryVersion;
    useScene3d.getState().setSurfaces(surfaceQueries(scene, models));
    return () => useScene3d.getState().setSurfaces(null);
  }, [key, models, geometryVersion]); // eslint-disable-line react-hooks/exhaustive-deps
}
