/**
 * Landmarks for the three sample scenes (thoracic paravertebral, celiac plexus, ganglion impar):
 * probe position on the skin, needle entry and target, chosen on the final (real-bone) atlas so that
 * each probe gives the same view as its sample clip (core/samples/geometry-*.ts):
 *
 * - TPVB: right side, transverse intercostal view at the tip of the T5 transverse process (blocks.md
 *   §1.1 view (a)); as in the clip, the TP tip lies 12 mm medial to the probe centre and image +x is
 *   lateral (patient right); needle in-plane lateral → medial to the paravertebral space.
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
import { THORACIC_PARAVERTEBRAL_GEOMETRY } from '../../../core/samples/geometry-thoracic-paravertebral';
import { CELIAC_MM } from '../../../core/samples/geometry-celiac-plexus';
import { pxToMm, type SampleGeometry } from '../../../core/samples/types';

/** Depth (mm) at the probe centre of an annotated structure of a sample clip (its outline crossing the reference column, shallowest). */
export function clipDepthMm(g: SampleGeometry, id: string): number {
  const s = g.structures.find((x) => x.id === id);
  if (!s) throw new Error(`sample clip ${g.blockId} has no structure ${id}`);
  const sh = s.shape;
  const outline =
    sh.kind === 'ellipse'
      ? Array.from({ length: 720 }, (_, k) => {
          const a = (2 * Math.PI * k) / 720, t = (sh.rotationDeg * Math.PI) / 180;
          const u = sh.radiusX * Math.cos(a), v = sh.radiusY * Math.sin(a);
          return { x: sh.center.x + u * Math.cos(t) - v * Math.sin(t), y: sh.center.y + u * Math.sin(t) + v * Math.cos(t) };
        })
      : sh.points;
  const pts = outline.map((p) => pxToMm(g, p));
  const closed = sh.kind !== 'polyline';
  let best = Infinity;
  for (let i = 0; i + 1 < pts.length + (closed ? 1 : 0); i++) {
    const a = pts[i]!, b = pts[(i + 1) % pts.length]!;
    if ((a.xMm <= 0 && b.xMm >= 0) || (a.xMm >= 0 && b.xMm <= 0)) {
      const t = b.xMm === a.xMm ? 0 : -a.xMm / (b.xMm - a.xMm);
      best = Math.min(best, a.yMm + (b.yMm - a.yMm) * t);
    }
  }
  return best;
}

const toMesh = (p: AtlasPart): TriMesh => ({ name: p.id, positions: new Float32Array(p.mesh.positions), indices: new Uint32Array(p.mesh.indices) });

/** Where the clip's TP tip lies relative to the probe centre, mm (geometry-thoracic-paravertebral: shadow edge at −11.9 mm). */
const TPVB_TIP_MEDIAL_MM = 12;

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
  /** First hit of a ray on a surface, with the outward (against the ray) unit normal. */
  const hit = (id: string, from: Vec3, dir: Vec3): { position: Vec3; normal: Vec3 } => {
    const m = mesh(id);
    const end: Vec3 = [from[0] + dir[0] * 2000, from[1] + dir[1] * 2000, from[2] + dir[2] * 2000];
    const h = segmentFirstHitBrute({ start: from, end }, m);
    if (!h) throw new Error(`sample landmarks: the ray from ${from.join(',')} misses ${id}`);
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
  const back = (x: number, z: number) => hit('skin-back', [x, 400, z], [0, -1, 0]);
  const front = (x: number, z: number) => hit('skin-abdomen', [x, -500, z], [0, 1, 0]);
  const out: Record<string, Landmark> = {};

  // ---------------- Thoracic paravertebral, right T5, transverse ----------------
  {
    const tip = landmarks['t5-transverse-process-right-tip']!.position;
    const xc = tip[0] - TPVB_TIP_MEDIAL_MM; // lateral = −x on the right
    const width = SAMPLE_SCENE_SPECS['thoracic-paravertebral'].probe.widthMm;
    const depth = SAMPLE_SCENE_SPECS['thoracic-paravertebral'].probe.depthMm;
    // The plane height: the one within the TP's height whose central beam misses the ribs, still cuts
    // the T5 vertebra medially, and puts the pleura nearest to its depth on the clip.
    const pleuraClip = clipDepthMm(THORACIC_PARAVERTEBRAL_GEOMETRY, 'pleura');
    const bonesAt = ['rib-4-right', 'rib-5-right', 'rib-6-right'];
    let bestZ = { z: tip[2], err: Infinity };
    for (let z = tip[2] - 12; z <= tip[2] + 12; z += 0.5) {
      const p = back(xc, z);
      const a = p.position;
      // The transverse view's beam runs straight anteriorly (the probe's plane holds the lateral axis).
      const b: Vec3 = [a[0], a[1] - depth, a[2]];
      if (bonesAt.some((id) => segmentFirstHitBrute({ start: a, end: b }, mesh(id)))) continue;
      const medial = back(tip[0] + 2, z).position;
      if (!segmentFirstHitBrute({ start: medial, end: [medial[0], medial[1] - depth, medial[2]] }, mesh('t5-vertebra'))) continue;
      const pl = segmentFirstHitBrute({ start: a, end: b }, mesh('parietal-pleura-right'));
      if (!pl) continue;
      const err = Math.abs(pl.distanceMm - pleuraClip);
      if (err < bestZ.err) bestZ = { z, err };
    }
    const z = bestZ.z;
    const probe = back(xc, z);
    const avoid = ['parietal-pleura-right', 't5-vertebra', 't6-vertebra', 't4-vertebra', 'rib-5-right', 'rib-6-right', 'rib-4-right', 'intercostal-artery-t5-right', 'intercostal-vein-t5-right', 'intercostal-nerve-t5-right', 'intercostal-artery-t4-right', 'intercostal-vein-t4-right', 'sympathetic-trunk-thoracic-right'];
    const pvs = mesh('paravertebral-space-right');
    let best = { score: -Infinity, p: [0, 0, 0] as Vec3 };
    for (let x = tip[0] + 6; x >= tip[0] - 14; x -= 1) {
      for (let y = tip[1] - 30; y <= tip[1] + 2; y += 1) {
        const p: Vec3 = [x, y, z];
        if (!pointInMeshBrute(p, pvs)) continue;
        const s = Math.min(pointDist(p, avoid), 2 * pointDist(p, ['paravertebral-space-right']));
        if (s > best.score) best = { score: s, p };
      }
    }
    if (!Number.isFinite(best.score)) throw new Error('sample landmarks: no point of the right paravertebral space in the T5 transverse plane');
    const target = best.p;
    const clearTarget = pointDist(target, avoid);
    const bones = ['t5-vertebra', 'rib-5-right', 'rib-6-right', 'rib-4-right', 'parietal-pleura-right', 'intercostal-artery-t5-right', 'intercostal-vein-t5-right', 'intercostal-nerve-t5-right'];
    let bestE = { score: -Infinity, d: 0 };
    for (let d = 2; d <= 24; d += 1) {
      const e = back(xc - width / 2 - d, z).position;
      const s = segDist(e, target, bones);
      if (s > bestE.score + 0.5) bestE = { score: s, d };
    }
    const entry = back(xc - width / 2 - bestE.d, z);
    out['sample-tpvb-target'] = { position: target, description: `Needle target in the right paravertebral space at the tip of the T5 transverse process (${clearTarget.toFixed(1)} mm from pleura, nerves, vessels and bone).` };
    out['sample-tpvb-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the skin ${bestE.d} mm beyond the lateral end of the probe (in-plane, lateral → medial); the needle passes ${bestE.score.toFixed(1)} mm from the nearest bone, pleura, nerve or vessel.` };
    out['sample-tpvb-probe'] = { position: probe.position, normal: probe.normal, direction: [-1, 0, 0], description: `Linear probe (${width} mm) transverse at the right T5 transverse process, in the intercostal space ${(tip[2] - z).toFixed(1)} mm caudal to the TP tip centre, its centre ${TPVB_TIP_MEDIAL_MM} mm lateral to the tip (as in the sample clip); image +x = lateral (patient right).` };
  }

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
    const half = SAMPLE_SCENE_SPECS['celiac-plexus'].probe.widthMm / 2;
    const avoid = [...vessels, 'stomach', 'kidney-left', 'kidney-right', 'rib-7-left', 'rib-7-right', 'rib-8-left', 'rib-8-right'];
    let bestE = { score: -Infinity, x: 0 };
    for (const sgn of [-1, 1]) {
      for (let dx = half + 3; dx <= half + 40; dx += 1) {
        const e = front(target[0] + sgn * dx, target[2]).position;
        const s = segDist(e, target, avoid);
        if (s > bestE.score + 1e-9) bestE = { score: s, x: target[0] + sgn * dx };
      }
    }
    const entry = front(bestE.x, target[2]);
    // As in the clip, the aorta's centre lies 4 mm to the image right (patient left) of the probe centre.
    const aortaX = (sliceCentre(mesh('aorta'), target[2]) ?? target)[0];
    const probe = front(aortaX - CELIAC_MM.aorta.center[0], target[2]);
    out['sample-celiac-target'] = { position: target, description: `Needle target in the pre-aortic space just cephalad to the celiac trunk origin (${clear.toFixed(1)} mm from the vessels).` };
    out['sample-celiac-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the epigastric skin beside the probe (in-plane), through the left lobe of the liver; ${bestE.score.toFixed(1)} mm from the vessels, stomach and kidneys.` };
    out['sample-celiac-probe'] = { position: probe.position, normal: probe.normal, direction: [1, 0, 0], description: 'Curvilinear probe transverse in the epigastrium over the aorta, just cephalad to the celiac trunk; image +x = patient left.' };
  }

  // ---------------- Ganglion impar, trans-sacrococcygeal ----------------
  {
    const target = landmarks['ganglion-impar']!.position;
    const avoid = ['sacrum', 'coccyx', 'rectum'];
    let bestE = { score: -Infinity, x: 0 };
    const half = SAMPLE_SCENE_SPECS['ganglion-impar'].probe.widthMm / 2;
    const joint = mesh('sacrococcygeal-junction');
    for (const sgn of [1, -1]) {
      for (let dx = half + 2; dx <= half + 24; dx += 1) {
        const e = back(target[0] + sgn * dx, target[2]).position;
        if (!segmentFirstHitBrute({ start: e, end: target }, joint)) continue;
        const s = segDist(e, target, avoid);
        if (s > bestE.score + 1e-9) bestE = { score: s, x: target[0] + sgn * dx };
      }
    }
    if (!Number.isFinite(bestE.score)) throw new Error('sample landmarks: no needle path through the sacrococcygeal joint');
    const entry = back(bestE.x, target[2]);
    const probe = back(target[0], target[2]);
    out['sample-impar-target'] = { position: target, description: 'Needle target: the ganglion impar, just in front of the sacrococcygeal junction.' };
    out['sample-impar-entry'] = { position: entry.position, normal: entry.normal, description: `Needle entry on the skin beside the probe; the needle passes through the sacrococcygeal joint (${bestE.score.toFixed(1)} mm from sacrum, coccyx and rectum).` };
    out['sample-impar-probe'] = { position: probe.position, normal: probe.normal, direction: [1, 0, 0], description: 'Linear probe transverse over the sacrococcygeal junction in the midline; image +x = patient left.' };
  }
  return out;
}
