/** The schematic pelvis: sacrum, sacrococcygeal junction, coccyx, ganglion impar, rectum, sacral sympathetic trunks. */
import type { Vec3 } from '../../../core/anatomy/vec3';
import * as P from './proportions';
import { catmullRom, ellipsoid, sweep, v3, type MeshData } from './shapes';
import { COCCYX_L, COLORS, IMPAR, SACRUM_L, SCJ_S, SCJ_T, SIDES, Side, add, curveAnterior, curvePoint, landmarks, sgn } from './layout';

// ---------------------------------------------------------------------------------------------
// Pelvis: sacrum, SCJ, coccyx, ganglion impar, rectum, sacral sympathetic trunks
// ---------------------------------------------------------------------------------------------

/** Sacral cross-section half-sizes (x: width, y: antero-posterior) at arc length s. */
export const sacrumWidth = (s: number) => 52 * (1 - s / SACRUM_L) ** 0.9 + 12 * (s / SACRUM_L);
export const sacrumThick = (s: number) => 25 * (1 - s / SACRUM_L) + 6 * (s / SACRUM_L);

export function curveSweep(s0: number, s1: number, prof: (s: number) => [number, number], exp = 2.6): MeshData {
  const path: Vec3[] = [];
  const n = Math.max(4, Math.ceil((s1 - s0) / 2));
  for (let i = 0; i <= n; i++) path.push(curvePoint(s0 + ((s1 - s0) * i) / n));
  return sweep(path, (t) => {
    const [rx, ry] = prof(s0 + (s1 - s0) * t);
    return { rx, ry, exp };
  }, { segments: 28, up: [1, 0, 0] });
}

export function buildPelvis() {
  add({ id: 'sacrum', name: 'Sacrum', fmaId: 'FMA16202', category: 'bone', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: curveSweep(0, SACRUM_L, (s) => [sacrumWidth(s), sacrumThick(s)]), color: COLORS.bone, blocks: [IMPAR] });
  add({ id: 'sacrococcygeal-junction', name: 'Sacrococcygeal junction (joint)', fmaId: null, category: 'bone', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: curveSweep(SACRUM_L + 0.05, SACRUM_L + SCJ_T - 0.05, () => [11.5, 5.6], 2.4), color: COLORS.joint, blocks: [IMPAR] });
  add({ id: 'coccyx', name: 'Coccyx', fmaId: 'FMA20229', category: 'bone', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: curveSweep(SACRUM_L + SCJ_T, SACRUM_L + SCJ_T + COCCYX_L, (s) => {
    const t = (s - SACRUM_L - SCJ_T) / COCCYX_L;
    return [12 - 8 * t, 6 - 2.5 * t];
  }), color: COLORS.bone, blocks: [IMPAR] });

  const scj = curvePoint(SCJ_S);
  const ant = curveAnterior(SCJ_S);
  const scjFront = v3.add(scj, v3.mul(ant, sacrumThick(SACRUM_L)));
  const g = P.ganglionImparOffsetMm.value;
  const gCentre = v3.add(scjFront, v3.mul(ant, g + 2.5));
  add({ id: 'ganglion-impar', name: 'Ganglion impar (of Walther)', fmaId: null, category: 'ganglion', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: ellipsoid(gCentre, [4, 2.5, 3], { rings: 12, segments: 18 }), color: COLORS.ganglion, blocks: [IMPAR] });
  landmarks['sacrococcygeal-junction-centre'] = { position: scj, direction: ant, description: 'Centre of the sacrococcygeal junction; direction = anterior normal of the bone there.' };
  landmarks['ganglion-impar'] = { position: gCentre, description: 'Centre of the ganglion impar, a few mm in front of the SCJ.' };

  // Rectum: in front of the lower sacrum and coccyx, separated by the retrorectal (presacral) space.
  const rr = 16;
  const gap = P.retrorectalGapMm.value;
  const rPath: Vec3[] = [];
  for (let s = 45; s <= SACRUM_L + SCJ_T + COCCYX_L - 6; s += 8) {
    const thick = s <= SACRUM_L ? sacrumThick(s) : s <= SACRUM_L + SCJ_T ? 5.6 : 6;
    rPath.push(v3.add(curvePoint(s), v3.mul(curveAnterior(s), thick + gap + rr)));
  }
  // Anorectal junction: below the coccyx tip the bowel turns gently down and back.
  const last = rPath[rPath.length - 1]!;
  const prev = rPath[rPath.length - 2]!;
  const dir = v3.norm(v3.sub(last, prev));
  const down = v3.norm(v3.add(dir, [0, 0.35, -0.5]));
  rPath.push(v3.add(last, v3.mul(dir, 10)), v3.add(v3.add(last, v3.mul(dir, 10)), v3.mul(down, 14)));
  add({ id: 'rectum', name: 'Rectum and anorectal junction', fmaId: 'FMA14544', category: 'organ', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: sweep(catmullRom(rPath, 4), (t) => ({ rx: rr * (1 - 0.35 * Math.max(0, t - 0.7) / 0.3), ry: rr * (1 - 0.35 * Math.max(0, t - 0.7) / 0.3) }), { segments: 24 }), color: COLORS.rectum, blocks: [IMPAR], atRiskFor: [IMPAR] });

  for (const side of SIDES) {
    const s = sgn(side);
    const pts: Vec3[] = [];
    for (let a = 8; a <= SACRUM_L; a += 12) {
      const f = a / SACRUM_L;
      const p = v3.add(curvePoint(a), v3.mul(curveAnterior(a), sacrumThick(a) + 2));
      pts.push([s * (20 * (1 - f) + 2), p[1], p[2]]);
    }
    pts.push(v3.add(gCentre, [s * 3, 0, 1.5]));
    add({ id: `sympathetic-trunk-sacral-${side}`, name: `${Side(side)} sympathetic trunk (sacral part)`, fmaId: null, category: 'nerve', group: 'pelvis', file: 'atlas-pelvis.glb', mesh: sweep(catmullRom(pts, 5), () => ({ rx: 1.2, ry: 1.2 }), { segments: 8 }), color: COLORS.nerve, blocks: [IMPAR] });
  }
}
