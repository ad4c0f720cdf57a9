/**
 * The thoracic paravertebral sample view (blocks.md §1.1 view (a): transverse intercostal view at the
 * TP tip, needle in-plane lateral → medial), placed on the real bones.
 *
 * The ribs run laterally and caudally from their costotransverse joints (BodyParts3D: the right 5th
 * and 6th ribs fall ~15–20° from the horizontal over the first 8 cm), so a strictly axial plane at the
 * T5 TP tip meets a rib a few centimetres lateral to the tip — an in-plane needle from beside the probe
 * would cross it. As in the intercostal approach, the probe lies in the intercostal space below the 5th
 * rib, turned so its lateral end follows the rib (a transverse-oblique view), flush on the skin (the
 * beam along the inward skin normal). The search keeps the sample clip's view: the TP tip 12 mm medial
 * to the probe centre and close to the plane, and the parietal pleura on the central beam nearest its
 * depth on the clip.
 *
 * Search (deterministic): roll angles 0–25° and plane offsets around the TP tip; for each, the
 * candidates whose central beam misses the ribs are ranked by the pleura-depth error; the first one
 * for which a target in the paravertebral space and an in-plane needle path that misses every bone by
 * ≥ NEEDLE_BONE_CLEARANCE_MM exist is taken.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import { add, scale } from '../../../core/anatomy/vec3';
import { at, entryInPlane, settleProbe, vOf } from './sample-probe';
import { segmentFirstHitBrute } from '../../../core/anatomy/clearance';
import type { Landmark } from './anatomy';
import type { SampleKit } from './samples';
import { SAMPLE_SCENE_SPECS } from '../../../core/anatomy/sample-scenes';
import { THORACIC_PARAVERTEBRAL_GEOMETRY } from '../../../core/samples/geometry-thoracic-paravertebral';
import { clipDepthMm } from './clip-depth';

/** Where the clip's TP tip lies relative to the probe centre, mm (geometry-thoracic-paravertebral: shadow edge at −11.9 mm). */
export const TPVB_TIP_MEDIAL_MM = 12;
/** Smallest distance kept between the planned needle and any bone, mm (BlockPlan default). */
export const NEEDLE_BONE_CLEARANCE_MM = 1.5;

const RIBS = ['rib-3-right', 'rib-4-right', 'rib-5-right', 'rib-6-right', 'rib-7-right'];
const VERTEBRAE = ['t4-vertebra', 't5-vertebra', 't6-vertebra'];
const RIGHT: Vec3 = [-1, 0, 0];
const SOFT_AVOID = ['parietal-pleura-right', 'intercostal-artery-t5-right', 'intercostal-vein-t5-right', 'intercostal-nerve-t5-right', 'intercostal-artery-t4-right', 'intercostal-vein-t4-right', 'intercostal-artery-t6-right', 'intercostal-vein-t6-right', 'sympathetic-trunk-thoracic-right'];

export function tpvbLandmarks(kit: SampleKit, landmarks: Record<string, Landmark>): Record<string, Landmark> {
  const tip = landmarks['t5-transverse-process-right-tip']!.position;
  const spec = SAMPLE_SCENE_SPECS['thoracic-paravertebral']!;
  const width = spec.probe.widthMm;
  const depth = spec.probe.depthMm;
  const pleuraClip = clipDepthMm(THORACIC_PARAVERTEBRAL_GEOMETRY, 'pleura');
  const bones = [...RIBS, ...VERTEBRAE];

  // 1. Probe poses whose central beam misses the ribs and cuts the pleura, by pleura-depth error.
  const poses: { p: ReturnType<typeof settleProbe>; roll: number; err: number }[] = [];
  for (let roll = 0; roll <= 25; roll += 2.5) {
    for (let off = -5; off <= 5; off += 1) {
      const p = settleProbe(kit, 'back', tip, RIGHT, -TPVB_TIP_MEDIAL_MM, off, roll);
      const end = at(p, 0, depth);
      if (RIBS.some((id) => segmentFirstHitBrute({ start: p.origin, end }, kit.mesh(id)))) continue;
      const pl = segmentFirstHitBrute({ start: p.origin, end }, kit.mesh('parietal-pleura-right'));
      if (!pl) continue;
      // The T5 vertebra (its TP) must be in the image medially.
      const medial = at(p, -TPVB_TIP_MEDIAL_MM, 0);
      if (!segmentFirstHitBrute({ start: medial, end: add(medial, scale(p.beam, depth)) }, kit.mesh('t5-vertebra'))) continue;
      poses.push({ p, roll, err: Math.abs(pl.distanceMm - pleuraClip) + 0.05 * roll });
    }
  }
  poses.sort((a, b) => a.err - b.err);

  // 2. The first pose with a target in the space and a needle path clear of bone.
  const pvs = kit.mesh('paravertebral-space-right');
  for (const { p, roll } of poses.slice(0, 12)) {
    // blocks.md §1.1: the space is ~1–2 cm beyond the TP.
    const vTip = vOf(p, tip);
    let target: { q: Vec3; score: number } | null = null;
    for (let u = -TPVB_TIP_MEDIAL_MM - 8; u <= -TPVB_TIP_MEDIAL_MM + 10; u += 1) {
      for (let v = Math.round(vTip) + 4; v <= Math.min(depth - 5, vTip + 15); v += 1) {
        const q = at(p, u, v);
        if (!kit.inside(q, pvs)) continue;
        const s = Math.min(kit.pointDist(q, [...SOFT_AVOID, ...bones]), 2 * kit.pointDist(q, ['paravertebral-space-right']));
        if (!target || s > target.score) target = { q, score: s };
      }
    }
    if (!target) continue;
    let entry: { q: Vec3; normal: Vec3; d: number; bone: number; soft: number } | null = null;
    for (let d = 2; d <= 24; d += 1) {
      const h = entryInPlane(kit, 'back', p, width / 2 + d);
      if (!h) continue;
      const bone = kit.segDist(h.position, target.q, bones);
      const soft = kit.segDist(h.position, target.q, SOFT_AVOID);
      if (bone < NEEDLE_BONE_CLEARANCE_MM || soft <= 0) continue;
      const score = Math.min(bone, soft);
      if (!entry || score > Math.min(entry.bone, entry.soft) + 0.5) entry = { q: h.position, normal: h.normal, d, bone, soft };
    }
    if (!entry) continue;
    const view = `${roll === 0 ? 'transverse' : `transverse-oblique (lateral end ${roll}° caudal, along the ribs)`}`;
    return {
      'sample-tpvb-target': { position: target.q, description: `Needle target in the right paravertebral space at the tip of the T5 transverse process (${target.score.toFixed(1)} mm from pleura, nerves, vessels and bone).` },
      'sample-tpvb-entry': { position: entry.q, normal: entry.normal, description: `Needle entry on the skin ${entry.d} mm beyond the lateral end of the probe (in-plane, lateral → medial, in the 5th intercostal space); the needle passes ${entry.bone.toFixed(1)} mm from the nearest bone and ${entry.soft.toFixed(1)} mm from pleura, nerves and vessels.` },
      'sample-tpvb-probe': { position: p.origin, normal: p.normal, direction: p.lateral, description: `Linear probe (${width} mm) flush on the skin over the right 5th intercostal space, ${view}, its centre ${TPVB_TIP_MEDIAL_MM} mm lateral to the T5 TP tip (as in the sample clip); image +x = lateral (patient right).` },
    };
  }
  throw new Error('sample landmarks: no intercostal TPVB view at T5 with a bone-free in-plane needle path');
}
