/**
 * Landmarks for the three sample scenes (thoracic paravertebral, celiac plexus, ganglion impar):
 * probe position on the skin, needle entry and target. The generator knows the geometry, so it
 * chooses them by a small deterministic grid search that maximises the needle's clearance to the
 * at-risk and bony structures, within the rules of each technique (blocks.md):
 *
 * - TPVB: right T5–T6, parasagittal paramedian view between the TPs, needle in-plane caudal → cranial,
 *   target in the paravertebral space between the transverse processes, deep to the SCTL.
 * - Celiac: epigastric transverse view just cephalad to the celiac trunk origin, curvilinear probe,
 *   needle in-plane from beside the probe to the pre-aortic space (a fine needle through the left
 *   lobe of the liver is accepted practice, so the liver is not avoided; stomach and vessels are).
 * - Ganglion impar: transverse view over the sacrococcygeal junction, needle in-plane from the side
 *   through the joint to the ganglion just in front of it (trans-sacrococcygeal route).
 *
 * core/anatomy/sample-scenes.ts turns these landmarks into Scene3dPlans.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import { pointInMeshBrute, segmentFirstHitBrute, segmentMeshDistanceBrute } from '../../../core/anatomy/clearance';
import type { TriMesh } from '../../../core/anatomy/mesh';
import { SAMPLE_SCENE_SPECS } from '../../../core/anatomy/sample-scenes';
import { ANATOMY_INTERNALS as A, backSkinPoint, frontSkinPoint, type AtlasPart, type Landmark } from './anatomy';

const toMesh = (p: AtlasPart): TriMesh => ({ name: p.id, positions: new Float32Array(p.mesh.positions), indices: new Uint32Array(p.mesh.indices) });

/** Probe footprints: the single source of truth is core/anatomy/sample-scenes.ts. */
const SAMPLE_PROBES = {
  'thoracic-paravertebral': SAMPLE_SCENE_SPECS['thoracic-paravertebral'].probe,
  'celiac-plexus': SAMPLE_SCENE_SPECS['celiac-plexus'].probe,
  'ganglion-impar': SAMPLE_SCENE_SPECS['ganglion-impar'].probe,
};

export function sampleLandmarks(parts: AtlasPart[]): Record<string, Landmark> {
  const cache = new Map<string, TriMesh>();
  const mesh = (id: string) => {
    let m = cache.get(id);
    if (!m) {
      const p = parts.find((q) => q.id === id);
      if (!p) throw new Error(`sample landmarks: no structure ${id}`);
      m = toMesh(p);
      cache.set(id, m);
    }
    return m;
  };
  const pointDist = (p: Vec3, ids: string[]) => Math.min(...ids.map((id) => segmentMeshDistanceBrute({ start: p, end: p }, mesh(id))!.distanceMm));
  const segDist = (a: Vec3, b: Vec3, ids: string[]) => Math.min(...ids.map((id) => segmentMeshDistanceBrute({ start: a, end: b }, mesh(id))!.distanceMm));
  const out: Record<string, Landmark> = {};

  // ---------------- Thoracic paravertebral, right T5–T6 ----------------
  {
    const x = -30;
    const avoid = [
      'parietal-pleura-right', 't5-transverse-process-right', 't6-transverse-process-right', 'rib-5-right', 'rib-6-right', 'rib-7-right',
      'intercostal-artery-t5-right', 'intercostal-vein-t5-right', 'intercostal-nerve-t5-right', 'intercostal-artery-t4-right', 'intercostal-vein-t4-right', 'intercostal-nerve-t4-right',
      'intercostal-artery-t6-right', 'intercostal-vein-t6-right', 'intercostal-nerve-t6-right', 't5-lamina-right', 't6-lamina-right', 'sympathetic-trunk-thoracic-right',
    ];
    const pvs = mesh('paravertebral-space-right');
    let best = { score: -Infinity, p: [0, 0, 0] as Vec3 };
    for (let z = A.zTP('T6') + 4; z <= A.zTP('T5') - 4; z += 0.5) {
      for (let y = 14; y <= 24; y += 0.5) {
        const p: Vec3 = [x, y, z];
        if (!pointInMeshBrute(p, pvs)) continue;
        // Keep away from the structures to avoid, and well inside the space (not on its wall).
        const s = Math.min(pointDist(p, avoid), 2 * pointDist(p, ['paravertebral-space-right']));
        if (s > best.score) best = { score: s, p };
      }
    }
    const target = best.p;
    best.score = pointDist(target, avoid);
    const width = SAMPLE_PROBES['thoracic-paravertebral'].widthMm;
    // Entry on the skin caudal to the probe (in-plane caudal → cranial), as far from bone as possible.
    const bones = ['t6-transverse-process-right', 't7-transverse-process-right', 'rib-6-right', 'rib-7-right', 't6-lamina-right', 'parietal-pleura-right', 'intercostal-artery-t6-right', 'intercostal-vein-t6-right', 'intercostal-nerve-t6-right', 'intercostal-nerve-t5-right', 'intercostal-artery-t5-right', 'intercostal-vein-t5-right'];
    // The needle enters 2 mm beyond the caudal end of the probe; the probe slides cranially as the
    // entry moves closer, as long as the target stays in the image.
    // Prefer a more oblique (more typical in-plane) path when it costs at most 1 mm of clearance.
    const tries: { score: number; dz: number }[] = [];
    for (let dz = 6; dz <= width / 2 + 24; dz += 1) tries.push({ dz, score: segDist(backSkinPoint(x, target[2] - dz).position, target, bones) });
    const top = Math.max(...tries.map((t) => t.score));
    const bestE = tries.filter((t) => t.score >= top - 1).reduce((a, b) => (b.dz > a.dz ? b : a));
    const entry = backSkinPoint(x, target[2] - bestE.dz);
    const probe = backSkinPoint(x, target[2] - bestE.dz + width / 2 + 2);
    out['sample-tpvb-target'] = { position: target, description: `Needle target in the right paravertebral space between the T5 and T6 transverse processes (${best.score.toFixed(1)} mm from pleura, nerves, vessels and bone).` };
    out['sample-tpvb-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the skin ${bestE.dz} mm caudal to the target, 2 mm beyond the caudal end of the probe (in-plane, caudal → cranial); the needle passes ${bestE.score.toFixed(1)} mm from the nearest bone, pleura, nerve or vessel.` };
    out['sample-tpvb-probe'] = { position: probe.position, normal: probe.normal, direction: [0, 0, 1], description: `Linear probe (${width} mm) parasagittal 30 mm right of the midline over the T5–T6 transverse processes; image +x = cranial.` };
  }

  // ---------------- Celiac plexus, anterior approach ----------------
  {
    const plexus = mesh('celiac-plexus');
    const vessels = ['aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava', 'diaphragm-right-crus', 'diaphragm-left-crus', 'pancreas'];
    let best = { score: -Infinity, p: [0, 0, 0] as Vec3 };
    for (let z = A.Z_CELIAC + 4; z <= A.Z_CELIAC + 12; z += 0.5) {
      const ao = A.aortaAt(z);
      for (let y = ao.y - ao.r - 10; y <= ao.y - ao.r - 2; y += 0.5) {
        const p: Vec3 = [ao.x, y, z];
        if (!pointInMeshBrute(p, plexus)) continue;
        const s = Math.min(pointDist(p, vessels), 2 * pointDist(p, ['celiac-plexus']));
        if (s > best.score) best = { score: s, p };
      }
    }
    const target = best.p;
    best.score = pointDist(target, vessels);
    const half = SAMPLE_PROBES['celiac-plexus'].widthMm / 2;
    const avoid = [...vessels, 'stomach', 'kidney-left', 'kidney-right', 'rib-7-left', 'rib-7-right', 'rib-8-left', 'rib-8-right'];
    let bestE = { score: -Infinity, x: 0 };
    for (const sgn of [1, -1]) {
      for (let dx = half + 3; dx <= half + 40; dx += 1) {
        const e = frontSkinPoint(target[0] + sgn * dx, target[2]).position;
        const s = segDist(e, target, avoid);
        if (s > bestE.score + 1e-9) bestE = { score: s, x: target[0] + sgn * dx };
      }
    }
    const entry = frontSkinPoint(bestE.x, target[2]);
    const probe = frontSkinPoint(target[0], target[2]);
    out['sample-celiac-target'] = { position: target, description: `Needle target in the pre-aortic space just cephalad to the celiac trunk origin (${best.score.toFixed(1)} mm from the vessels).` };
    out['sample-celiac-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the epigastric skin beside the probe (in-plane), through the left lobe of the liver; ${bestE.score.toFixed(1)} mm from the vessels, stomach and kidneys.` };
    out['sample-celiac-probe'] = { position: probe.position, normal: probe.normal, direction: [1, 0, 0], description: 'Curvilinear probe transverse in the epigastrium over the aorta, just cephalad to the celiac trunk; image +x = patient left.' };
  }

  // ---------------- Ganglion impar, trans-sacrococcygeal ----------------
  {
    const target = centreOf(mesh('ganglion-impar'));
    const avoid = ['sacrum', 'coccyx', 'rectum'];
    let bestE = { score: -Infinity, x: 0 };
    const half = SAMPLE_PROBES['ganglion-impar'].widthMm / 2;
    const joint = mesh('sacrococcygeal-junction');
    for (const sgn of [1, -1]) {
      for (let dx = half + 2; dx <= half + 20; dx += 1) {
        const e = backSkinPoint(sgn * dx, target[2]).position;
        // trans-sacrococcygeal: the needle must pass through the joint
        if (!segmentFirstHitBrute({ start: e, end: target }, joint)) continue;
        const s = segDist(e, target, avoid);
        if (s > bestE.score + 1e-9) bestE = { score: s, x: sgn * dx };
      }
    }
    if (!Number.isFinite(bestE.score)) throw new Error('sample landmarks: no needle path through the sacrococcygeal joint');
    const entry = backSkinPoint(bestE.x, target[2]);
    const probe = backSkinPoint(0, target[2]);
    out['sample-impar-target'] = { position: target, description: 'Needle target: the ganglion impar, just in front of the sacrococcygeal junction.' };
    out['sample-impar-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the skin beside the probe; the needle passes through the sacrococcygeal joint (${bestE.score.toFixed(1)} mm from sacrum, coccyx and rectum).` };
    out['sample-impar-probe'] = { position: probe.position, normal: probe.normal, direction: [1, 0, 0], description: 'Linear probe transverse over the sacrococcygeal junction in the midline; image +x = patient left.' };
  }
  return out;
}

function centreOf(m: TriMesh): Vec3 {
  const p = m.positions;
  let x = 0, y = 0, z = 0;
  for (let i = 0; i < p.length; i += 3) {
    x += p[i]!;
    y += p[i + 1]!;
    z += p[i + 2]!;
  }
  const n = p.length / 3;
  return [x / n, y / n, z / n];
}
