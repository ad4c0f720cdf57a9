import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AtlasManifestSchema, type AtlasManifest } from '../../../../core/anatomy/atlas-manifest';
import { SAMPLE_SCENE_SPECS, sampleScene3d } from '../../../../core/anatomy/sample-scenes';
import { SAMPLE_IDS } from '../../../../core/samples/index';
import { Scene3dPlanSchema, probePlane, worldToPlane } from '../../../../core/anatomy/plan3d';
import { prepareSectionMesh, sectionForProbe } from '../../../../core/anatomy/section';
import { segmentMeshDistanceBrute, pointInMeshBrute } from '../../../../core/anatomy/clearance';
import { trajectoryMetrics } from '../../../../core/anatomy/trajectory';
import { angleDeg, scale } from '../../../../core/anatomy/vec3';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import { loadModel } from '../../../../renderer/scene3d/loaders';
import { buildMeshIndex, needleClearance } from '../../../../renderer/scene3d/bvh';

const dir = path.resolve(__dirname, '../../../../assets/anatomy');
const manifest: AtlasManifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
const meshes = new Map<string, TriMesh>();

beforeAll(async () => {
  for (const f of manifest.files) {
    const r = await loadModel(readFileSync(path.join(dir, f.file)), f.file);
    if (!r.ok) throw new Error(r.error.title);
    for (const m of r.value.meshes) meshes.set(m.name, m);
  }
});

const skinOf = (block: string) => (block === 'celiac-plexus' ? 'skin-abdomen' : 'skin-back');
const BONES = (id: string) => manifest.structures.find((s) => s.id === id)?.category === 'bone';

describe.each(SAMPLE_IDS)('sample 3D scene: %s', (block) => {
  const spec = SAMPLE_SCENE_SPECS[block];
  const res = sampleScene3d(block, manifest);
  if (!res.ok) throw new Error(res.error.title);
  const plan = Scene3dPlanSchema.parse(res.value);
  const probe = plan.probe!;
  const traj = plan.trajectory!;

  it('is a valid Scene3dPlan whose models, target and at-risk refer to atlas nodes', () => {
    const nodes = new Set(manifest.structures.map((s) => `${s.file.replace('.glb', '')}/${s.node}`));
    expect(nodes.has(plan.target!)).toBe(true);
    for (const r of plan.atRisk) expect(nodes.has(r)).toBe(true);
    expect(plan.models.map((m) => (m.source.kind === 'atlas' ? m.source.atlasFile : '')).sort()).toEqual([...spec.files].sort());
    const target = plan.models.flatMap((m) => m.structures).filter((s) => s.role === 'target');
    expect(target.map((s) => s.name)).toEqual([spec.target]);
  });

  it('the probe sits on the skin, beam pointing into the body', () => {
    const skin = meshes.get(skinOf(block))!;
    const d = segmentMeshDistanceBrute({ start: probe.position, end: probe.position }, skin)!;
    expect(d.distanceMm).toBeLessThan(1);
    const n = manifest.landmarks[`${spec.landmarkPrefix}-probe`]!.normal!;
    expect(angleDeg(probe.beamDir, scale(n, -1))).toBeLessThan(10);
    // 3 mm along the beam we are under the skin surface (inside the body outline), 3 mm against it outside.
    const plane = probePlane(probe)!;
    const inner = [probe.position[0] + plane.beam[0] * 3, probe.position[1] + plane.beam[1] * 3, probe.position[2] + plane.beam[2] * 3] as [number, number, number];
    expect(segmentMeshDistanceBrute({ start: inner, end: inner }, skin)!.distanceMm).toBeGreaterThan(0.5);
  });

  it('the imaging plane cuts the expected structures inside the image', () => {
    const prepared = [...meshes.values()].map((m) => prepareSectionMesh(m)!);
    const seen = new Map(sectionForProbe(probe, prepared).map((s) => [s.name, s]));
    for (const id of spec.expectedInPlane) {
      expect(seen.get(id)?.inImage, `${id} should be in the image`).toBe(true);
    }
  });

  it('the needle lies in the imaging plane, starts on the skin and ends inside the target structure', () => {
    const plane = probePlane(probe)!;
    expect(Math.abs(worldToPlane(plane, traj.entry).offPlaneMm)).toBeLessThan(0.5);
    expect(Math.abs(worldToPlane(plane, traj.target).offPlaneMm)).toBeLessThan(0.5);
    expect(segmentMeshDistanceBrute({ start: traj.entry, end: traj.entry }, meshes.get(skinOf(block))!)!.distanceMm).toBeLessThan(1);
    expect(pointInMeshBrute(traj.target, meshes.get(spec.target)!)).toBe(true);
  });

  it('has positive clearance to every at-risk structure and pierces none except those traversed by design (BVH); no bone in the way', () => {
    const idx = spec.atRisk.map((id) => buildMeshIndex(meshes.get(id)!));
    const rep = needleClearance(idx, { start: traj.entry, end: traj.target });
    for (const s of rep.structures) {
      if (spec.traversed.includes(s.name)) {
        expect(s.firstHit, `${s.name} is traversed by design`).not.toBeNull();
        expect(s.tipInside).toBe(false);
      } else {
        expect(s.distanceMm, s.name).toBeGreaterThan(0);
      }
    }
    if (spec.traversed.length === 0) expect(rep.firstPierced).toBeNull();
    // Bones: the needle passes between them (for the impar block, through the joint, which is not bone).
    const bones = [...meshes.keys()].filter(BONES).filter((id) => id !== 'sacrococcygeal-junction');
    const boneRep = needleClearance(bones.map((id) => buildMeshIndex(meshes.get(id)!)), { start: traj.entry, end: traj.target });
    expect(boneRep.firstPierced, boneRep.firstPierced?.name).toBeNull();
  });
});

describe('thoracic paravertebral sample numbers', () => {
  it('target depth about 55 mm (blocks.md §1.1) and clearance to the pleura > 0', () => {
    const plan = sampleScene3d('thoracic-paravertebral', manifest);
    if (!plan.ok) throw new Error(plan.error.title);
    const m = trajectoryMetrics(plan.value.trajectory!)!;
    expect(m.targetDepthMm!).toBeGreaterThan(45);
    expect(m.targetDepthMm!).toBeLessThan(65);
    expect(m.craniocaudalDeg).toBeGreaterThan(0); // caudal → cranial
    const pleura = buildMeshIndex(meshes.get('parietal-pleura-right')!);
    const rep = needleClearance([pleura], { start: plan.value.trajectory!.entry, end: plan.value.trajectory!.target });
    expect(rep.structures[0]!.distanceMm).toBeGreaterThan(1);
  });

  it('a manifest without the landmarks gives an actionable error', () => {
    const stale = { ...manifest, landmarks: {} };
    const r = sampleScene3d('celiac-plexus', stale);
    expect(!r.ok && r.error.code === 'atlas/out-of-date' && /npm run atlas/.test(r.error.action ?? '')).toBe(true);
  });
});
