/**
 * Landmarks for the three sample scenes (thoracic paravertebral, celiac plexus, ganglion impar):
 * probe position on the skin, needle entry and target, chosen on the final (real-bone) atlas so that
 * each probe gives the same view as its sample clip (core/samples/geometry-*.ts):
 *
 * - TPVB: right side, transverse intercostal view at the tip of the T5 transverse process (blocks.md
 *   §1.1 view (a)), the probe in the intercostal space turned along the ribs (./sample-tpvb.ts); as in
 *   the clip, the TP tip lies 12 mm medial to the probe centre and image +x is lateral (patient right);
 *   needle in-plane lateral → medial to the paravertebral space, clear of every bone.
 * - Celiac: transverse epigastric view just cephalad to the celiac trunk origin, curvilinear probe,
 *   image +x = patient left; needle in-plane from beside the probe (through the left liver lobe:
 *   accepted practice, blocks.md §1.2).
 * - Ganglion impar: transverse view over the sacrococcygeal junction, needle in-plane through the joint.
 *
 * Targets and entries maximise clearance by a small deterministic grid search.
 * core/anatomy/sample-scenes.ts turns these landmarks into Scene3dPlans.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import { pointInMeshBrute, segmentFirstHitBrute, segmentMeshDistanceBrute } from '../../../core/anatomy/clearance';
import type { TriMesh } from '../../../core/anatomy/mesh';
import { SAMPLE_SCENE_SPECS } from '../../../core/anatomy/sample-scenes';
import type { AtlasPart, Landmark } from './anatomy';
import { sliceCentre } from './landmarks-real';
import { tpvbLandmarks } from './sample-tpvb';
import { entryInPlane, settleProbe, uOf } from './sample-probe';

const LEFT: Vec3 = [1, 0, 0];
import { CELIAC_MM } from '../../../core/samples/geometry-celiac-plexus';

export { clipDepthMm } from './clip-depth';

const toMesh = (p: AtlasPart): TriMesh => ({ name: p.id, positions: new Float32Array(p.mesh.positions), indices: new Uint32Array(p.mesh.indices) });

/** Mesh queries the sample searches share (brute force: the atlas is small and this runs at build time). */
export interface SampleKit {
  mesh(id: string): TriMesh;
  /** Smallest distance from a point to any of the structures, mm. */
  pointDist(p: Vec3, ids: string[]): number;
  /** Smallest distance from a segment to any of the structures, mm. */
  segDist(a: Vec3, b: Vec3, ids: string[]): number;
  inside(p: Vec3, m: TriMesh): boolean;
  /** First hit of a ray on a surface with the outward (against the ray) unit normal, or null. */
  hitAlong(id: string, from: Vec3, dir: Vec3): { position: Vec3; normal: Vec3 } | null;
  /** The back skin seen from behind at (x, z). */
  back(x: number, z: number): { position: Vec3; normal: Vec3 };
  /** The abdominal skin seen from the front at (x, z). */
  front(x: number, z: number): { position: Vec3; normal: Vec3 };
}

export function sampleLandmarks(parts: AtlasPart[], landmarks: Record<string, Landmark>): Record<string, Landmark> {
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
  const hitAlong = (id: string, from: Vec3, dir: Vec3): { position: Vec3; normal: Vec3 } | null => {
    const m = mesh(id);
    const end: Vec3 = [from[0] + dir[0] * 2000, from[1] + dir[1] * 2000, from[2] + dir[2] * 2000];
    const h = segmentFirstHitBrute({ start: from, end }, m);
    if (!h) return null;
    const I = m.indices, P = m.positions, t = h.triangleIndex * 3;
    const a = I[t]! * 3, b = I[t + 1]! * 3, c = I[t + 2]! * 3;
    const u = [P[b]! - P[a]!, P[b + 1]! - P[a + 1]!, P[b + 2]! - P[a + 2]!];
    const v = [P[c]! - P[a]!, P[c + 1]! - P[a + 1]!, P[c + 2]! - P[a + 2]!];
    let n: Vec3 = [u[1]! * v[2]! - u[2]! * v[1]!, u[2]! * v[0]! - u[0]! * v[2]!, u[0]! * v[1]! - u[1]! * v[0]!];
    const l = Math.hypot(...n);
    n = [n[0] / l, n[1] / l, n[2] / l];
    if (n[0] * dir[0] + n[1] * dir[1] + n[2] * dir[2] > 0) n = [-n[0], -n[1], -n[2]];
    return { position: h.point, normal: n };
  };
  const hit = (id: string, from: Vec3, dir: Vec3): { position: Vec3; normal: Vec3 } => {
    const h = hitAlong(id, from, dir);
    if (!h) throw new Error(`sample landmarks: the ray from ${from.join(',')} misses ${id}`);
    return h;
  };
  const back = (x: number, z: number) => hit('skin-back', [x, 400, z], [0, -1, 0]);
  const front = (x: number, z: number) => hit('skin-abdomen', [x, -500, z], [0, 1, 0]);
  const kit: SampleKit = { mesh, pointDist, segDist, inside: (p, m) => pointInMeshBrute(p, m), hitAlong, back, front };
  const out: Record<string, Landmark> = {};

  Object.assign(out, tpvbLandmarks(kit, landmarks));

  // ---------------- Celiac plexus, anterior approach ----------------
  {
    const plexus = mesh('celiac-plexus');
    const origin = landmarks['celiac-trunk-origin']!.position;
    const vessels = ['aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava', 'diaphragm', 'pancreas'];
    let best = { score: -Infinity, p: [0, 0, 0] as Vec3 };
    for (let z = origin[2] + 3; z <= origin[2] + 12; z += 1) {
      const ao = sliceCentre(mesh('aorta'), z) ?? origin;
      for (let x = ao[0] - 8; x <= ao[0] + 8; x += 1) {
        for (let y = origin[1] - 16; y <= origin[1] + 2; y += 1) {
          const p: Vec3 = [x, y, z];
          if (!pointInMeshBrute(p, plexus)) continue;
          const s = Math.min(pointDist(p, vessels), 2 * pointDist(p, ['celiac-plexus']));
          if (s > best.score) best = { score: s, p };
        }
      }
    }
    if (!Number.isFinite(best.score)) throw new Error('sample landmarks: no point of the celiac plexus region above the trunk');
    const target = best.p;
    const clear = pointDist(target, vessels);
    const half = SAMPLE_SCENE_SPECS['celiac-plexus']!.probe.widthMm / 2;
    const avoid = [...vessels, 'stomach', 'kidney-left', 'kidney-right', 'rib-7-left', 'rib-7-right', 'rib-8-left', 'rib-8-right'];
    // As in the clip, the aorta's centre lies 4 mm to the image right (patient left) of the probe centre;
    // the probe is flush on the skin and its plane holds the target.
    const aorta = sliceCentre(mesh('aorta'), target[2]) ?? target;
    let uTarget = target[0] - (aorta[0] - CELIAC_MM.aorta.center[0]);
    let probe = settleProbe(kit, 'front', target, LEFT, uTarget, 0);
    for (let k = 0; k < 4; k++) {
      // The aorta's centre is deeper than the target: put it (not the target) at its clip column.
      uTarget += CELIAC_MM.aorta.center[0] - uOf(probe, aorta);
      probe = settleProbe(kit, 'front', target, LEFT, uTarget, 0);
    }
    let bestE: { score: number; e: { position: Vec3; normal: Vec3 } } | null = null;
    for (const sgn of [-1, 1]) {
      for (let du = half + 3; du <= half + 40; du += 1) {
        const e = entryInPlane(kit, 'front', probe, sgn * du);
        if (!e) continue;
        const s = segDist(e.position, target, avoid);
        if (!bestE || s > bestE.score + 1e-9) bestE = { score: s, e };
      }
    }
    if (!bestE) throw new Error('sample landmarks: no celiac needle entry');
    const entry = bestE.e;
    out['sample-celiac-target'] = { position: target, description: `Needle target in the pre-aortic space just cephalad to the celiac trunk origin (${clear.toFixed(1)} mm from the vessels).` };
    out['sample-celiac-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the epigastric skin beside the probe (in-plane), through the left lobe of the liver; ${bestE.score.toFixed(1)} mm from the vessels, stomach and kidneys.` };
    out['sample-celiac-probe'] = { position: probe.origin, normal: probe.normal, direction: probe.lateral, description: 'Curvilinear probe flush on the skin, transverse in the epigastrium over the aorta, just cephalad to the celiac trunk; image +x = patient left.' };
  }

  // ---------------- Ganglion impar, trans-sacrococcygeal ----------------
  {
    const target = landmarks['ganglion-impar']!.position;
    const avoid = ['sacrum', 'coccyx', 'rectum'];
    const half = SAMPLE_SCENE_SPECS['ganglion-impar']!.probe.widthMm / 2;
    const joint = mesh('sacrococcygeal-junction');
    // Flush on the skin in the midline, its plane through the ganglion.
    const probe = settleProbe(kit, 'back', target, LEFT, 0, 0);
    let bestE: { score: number; e: { position: Vec3; normal: Vec3 } } | null = null;
    for (const sgn of [1, -1]) {
      for (let du = half + 2; du <= half + 24; du += 1) {
        const e = entryInPlane(kit, 'back', probe, sgn * du);
        if (!e || !segmentFirstHitBrute({ start: e.position, end: target }, joint)) continue;
        const s = segDist(e.position, target, avoid);
        if (!bestE || s > bestE.score + 1e-9) bestE = { score: s, e };
      }
    }
    if (!bestE) throw new Error('sample landmarks: no needle path through the sacrococcygeal joint');
    const entry = bestE.e;
    out['sample-impar-target'] = { position: target, description: 'Needle target: the ganglion impar, just in front of the sacrococcygeal junction.' };
    out['sample-impar-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the skin beside the probe; the needle passes through the sacrococcygeal joint (${bestE.score.toFixed(1)} mm from sacrum, coccyx and rectum).` };
    out['sample-impar-probe'] = { position: probe.origin, normal: probe.normal, direction: probe.lateral, description: 'Linear probe flush on the skin, transverse over the sacrococcygeal junction in the midline; image +x = patient left.' };
  }
  return out;
}
