import { describe, it, expect, beforeAll } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AtlasManifestSchema, type AtlasManifest } from '../../../../core/anatomy/atlas-manifest';
import { SAMPLE_SCENE_SPECS, SAMPLES_WITH_SCENES, sampleScene3d } from '../../../../core/anatomy/sample-scenes';
import { Scene3dPlanSchema, probePlane, worldToPlane } from '../../../../core/anatomy/plan3d';
import { prepareSectionMesh, sectionForProbe } from '../../../../core/anatomy/section';
import { segmentMeshDistanceBrute, pointInMeshBrute } from '../../../../core/anatomy/clearance';
import { trajectoryMetrics } from '../../../../core/anatomy/trajectory';
import { angleDeg, scale } from '../../../../core/anatomy/vec3';
import type { TriMesh } from '../../../../core/anatomy/mesh';
import { readGlbMeshes } from '../../../../core/anatomy/glb-read';
import { bruteForceIndex, needleClearance } from '../../../../core/anatomy/clearance-report';

const dir = path.resolve(__dirname, '../../../../assets/anatomy');
const manifest: AtlasManifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')));
const meshes = new Map<string, TriMesh>();

beforeAll(() => {
  for (const f of manifest.files) {
    const r = readGlbMeshes(new Uint8Array(readFileSync(path.join(dir, f.file))), f.file, { toLpsMm: true });
    if (!r.ok) throw new Error(r.error.title);
    for (const m of r.value) meshes.set(m.name, m);
  }
});

/** Largest angle between the beam and the inward skin normal under the probe face, deg (a probe held flush). */
const PROBE_FLUSH_DEG = 3;
/** Largest lean of the skin normal away from the AP axis in the axial plane where a sample probe sits, deg. */
const SKIN_LEAN_DEG = 12;

const skinOf = (block: string) => (block === 'celiac-plexus' ? 'skin-abdomen' : 'skin-back');
const BONES = (id: string) => manifest.structures.find((s) => s.id === id)?.category === 'bone';

describe.each(SAMPLES_WITH_SCENES)('sample 3D scene: %s', (block) => {
  const spec = SAMPLE_SCENE_SPECS[block]!;
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
    // The probe lies flush on the skin: the beam runs along the inward skin normal.
    expect(angleDeg(probe.beamDir, scale(n, -1))).toBeLessThan(PROBE_FLUSH_DEG);
    // …and the skin there is a back or abdomen, not a flank: its normal within 15° of the AP axis in the axial plane.
    expect((Math.atan2(Math.abs(n[0]), Math.abs(n[1])) * 180) / Math.PI).toBeLessThan(SKIN_LEAN_DEG);
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

  it('has positive clearance to every at-risk structure and pierces none except those traversed by design (clearance rules of core); no bone in the way', () => {
    const idx = spec.atRisk.map((id) => bruteForceIndex(meshes.get(id)!));
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
    const boneRep = needleClearance(bones.map((id) => bruteForceIndex(meshes.get(id)!)), { start: traj.entry, end: traj.target });
    expect(boneRep.firstPierced, boneRep.firstPierced?.name).toBeNull();
    if (block === 'thoracic-paravertebral') expect(boneRep.closest!.distanceMm, boneRep.closest!.name).toBeGreaterThan(1);
  });
});

describe('thoracic paravertebral sample numbers', () => {
  it('target depth about 55 mm (blocks.md §1.1) and clearance to the pleura > 0', () => {
    const plan = sampleScene3d('thoracic-paravertebral', manifest);
    if (!plan.ok) throw new Error(plan.error.title);
    const m = trajectoryMetrics(plan.value.trajectory!)!;
    expect(m.targetDepthMm!).toBeGreaterThan(45);
    expect(m.targetDepthMm!).toBeLessThan(65);
    expect(m.mediolateralDeg!).toBeGreaterThan(0); // in-plane lateral → medial
    // Transverse intercostal view: the probe's long axis stays within 25° of the patient's left–right
    // axis (turned along the ribs, lateral end caudal), its image +x lateral (patient right).
    const lat = plan.value.probe!.lateralDir;
    expect((Math.asin(Math.abs(lat[2])) * 180) / Math.PI).toBeLessThan(25);
    expect(lat[0]).toBeLessThan(-0.9);
    expect(lat[2]).toBeLessThanOrEqual(0);
  });

  it('a manifest without the landmarks gives an actionable error', () => {
    const stale = { ...manifest, landmarks: {} };
    const r = sampleScene3d('celiac-plexus', stale);
    expect(!r.ok && r.error.code === 'atlas/out-of-date' && /npm run atlas/.test(r.error.action ?? '')).toBe(true);
  });
});
