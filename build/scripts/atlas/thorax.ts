/** The schematic thorax: hemithorax outline (parietal pleura), ribs, lungs, paravertebral spaces, intercostal nerves and vessels, sympathetic trunks. */
import type { Vec3 } from '../../../core/anatomy/vec3';
import * as P from './proportions';
import { catmullRom, loft, sweep, v3, type MeshData } from './shapes';
import { COLORS, D, ESP, FMA_RIB, SIDES, Side, TPVB, TPX, TP_HALF, W, Z, add, sgn, thoracicAt, tpY, zTP } from './layout';

// ---------------------------------------------------------------------------------------------
// Thorax: hemithorax outline (parietal pleura), ribs, lungs, paravertebral space, nerves, vessels
// ---------------------------------------------------------------------------------------------

export const TH_A = P.thoraxHalfWidthMm.value;
export const TH_YANT = P.thoraxAnteriorYmm.value;
export const thIdx = (l: P.Level) => P.THORACIC.indexOf(l as (typeof P.THORACIC)[number]);
/** Mediastinal half-width: the heart pushes the left lung laterally at T5–T10. */
export const mediastinum = (z: number, side: Side) => {
  const base = 24;
  if (side === 'right') return base;
  const heart = Math.max(0, 1 - Math.abs(z - Z.T7.c) / 80);
  return base + 40 * heart;
};

export const Z_PLEURA_APEX = Z.T1.top + 20;

interface Outline {
  pts: [number, number][];
  /** indices (into pts) of the key points K0..K10 */
  key: number[];
}

/**
 * Inner chest wall (parietal pleura) cross-section of one hemithorax at height z, as a closed
 * polyline (x signed for the side). `inset` shrinks it inward (for the lung inside the pleura).
 */
export function hemithorax(z: number, side: Side, inset = 0): Outline {
  const s = sgn(side);
  const zc = Math.min(z, Z.T1.c);
  const w2 = thoracicAt((l) => W[l] / 2, zc);
  const d2 = thoracicAt((l) => D[l] / 2, zc);
  const tpx = thoracicAt((l) => TPX[l], zc);
  const tpy = thoracicAt(tpY, zc);
  const A = thoracicAt((l) => TH_A[thIdx(l)]!, zc);
  const Yant = thoracicAt((l) => TH_YANT[thIdx(l)]!, zc);
  // Pleura 12 mm in front of the TP tip's centre (tpToPleuraMm, CT series) at the PVS apex.
  const Ypost = tpy - P.tpToPleuraMm.value - 1;
  const ycw = (Ypost + Yant) / 2;
  const Bw = (Ypost - Yant) / 2;
  const Mx = mediastinum(z, side);
  const k: [number, number][] = [
    [w2 + 5, -0.35 * d2], // K0 side of the body
    [w2 + 5, 0.5], // K1 PVS antero-medial corner
    [tpx + 14, tpy - P.tpToPleuraMm.value + 1], // K2 PVS apex (pleura meets the posterior intercostal membrane)
    [tpx + 34, Ypost], // K3 inside the rib angle
    [0.97 * A, ycw + 0.5 * Bw], // K4 postero-lateral
    [A, ycw - 0.05 * Bw], // K5 lateral
    [0.86 * A, ycw - 0.72 * Bw], // K6 antero-lateral
    [0.5 * A, Yant + 4], // K7 anterior
    [Mx + 10, Yant + 2], // K8 antero-medial
    [Mx, Yant + 0.4 * (Ypost - Yant)], // K9 mediastinal
    [side === 'left' ? w2 + 22 : w2 + 8, -d2 - (side === 'left' ? 4 : 6)], // K10 front-side of the body (around the aorta on the left)
  ];
  // Closed Catmull–Rom through the keys.
  const ctrl = k.map(([x, y]) => [x, y, 0] as Vec3);
  const closed = [ctrl[ctrl.length - 1]!, ...ctrl, ctrl[0]!, ctrl[1]!];
  const pts: [number, number][] = [];
  const key: number[] = [];
  const per = 10;
  for (let i = 1; i + 2 < closed.length; i++) {
    key.push(pts.length);
    const seg = catmullRom([closed[i - 1]!, closed[i]!, closed[i + 1]!, closed[i + 2]!], per).slice(per, 2 * per);
    for (const p of seg) pts.push([p[0], p[1]]);
  }
  // Inset along the inward normal.
  let out = pts;
  if (inset) {
    const area = polyArea(pts);
    out = pts.map((p, i) => {
      const a = pts[(i - 1 + pts.length) % pts.length]!, b = pts[(i + 1) % pts.length]!;
      const tx = b[0] - a[0], ty = b[1] - a[1];
      const l = Math.hypot(tx, ty) || 1;
      // For a counter-clockwise polygon the inward normal is (−ty, tx).
      const sgnA = area > 0 ? 1 : -1;
      return [p[0] + (sgnA * -ty * inset) / l, p[1] + (sgnA * tx * inset) / l] as [number, number];
    });
  }
  return { pts: out.map(([x, y]) => [s * x, y]), key };
}

export function polyArea(p: [number, number][]): number {
  let a = 0;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) a += p[j]![0] * p[i]![1] - p[i]![0] * p[j]![1];
  return a / 2;
}

/** Resample a closed polyline to n points by arc length, starting at its first point. */
export function resampleClosed(pts: [number, number][], n: number): [number, number][] {
  const cum = [0];
  for (let i = 1; i <= pts.length; i++) cum.push(cum[i - 1]! + Math.hypot(pts[i % pts.length]![0] - pts[i - 1]![0], pts[i % pts.length]![1] - pts[i - 1]![1]));
  const L = cum[pts.length]!;
  const out: [number, number][] = [];
  let j = 0;
  for (let k = 0; k < n; k++) {
    const s = (L * k) / n;
    while (cum[j + 1]! < s) j++;
    const t = (s - cum[j]!) / (cum[j + 1]! - cum[j]! || 1);
    const a = pts[j]!, b = pts[(j + 1) % pts.length]!;
    out.push([a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t]);
  }
  return out;
}

/** Point at fraction f of the open sub-polyline pts[i0..i1], offset outward by `off`. */
export function alongOutline(o: Outline, i0: number, i1: number, f: number, off: number): [number, number] {
  const seg = o.pts.slice(i0, i1 + 1);
  const cum = [0];
  for (let i = 1; i < seg.length; i++) cum.push(cum[i - 1]! + Math.hypot(seg[i]![0] - seg[i - 1]![0], seg[i]![1] - seg[i - 1]![1]));
  const s = cum[cum.length - 1]! * Math.min(1, Math.max(0, f));
  let j = 0;
  while (j + 2 < cum.length && cum[j + 1]! < s) j++;
  const t = (s - cum[j]!) / (cum[j + 1]! - cum[j]! || 1);
  const a = seg[j]!, b = seg[j + 1]!;
  const x = a[0] + (b[0] - a[0]) * t, y = a[1] + (b[1] - a[1]) * t;
  // outward normal: away from the polygon interior
  const tx = b[0] - a[0], ty = b[1] - a[1];
  const l = Math.hypot(tx, ty) || 1;
  const area = polyArea(o.pts);
  const sg = area > 0 ? 1 : -1;
  return [x + (sg * ty * off) / l, y + (sg * -tx * off) / l];
}

export const LUNG_BASE_POST = Z.T11.c;
export const LUNG_BASE_ANT = Z.T9.c + 5;
export const lungDome = (side: Side) => (side === 'right' ? Z.T8.c : Z.T8.c - 12);

/** Parietal pleura (inset 0) or lung (inset 3 mm) of one side as a lofted closed surface. */
export function pleuralSac(side: Side, inset: number): MeshData {
  const N = 64;
  const rings: Vec3[][] = [];
  const nR = 36;
  const zTop = Z_PLEURA_APEX - inset;
  for (let i = 0; i <= nR; i++) {
    const t = i / nR;
    const zMid = (LUNG_BASE_POST + LUNG_BASE_ANT) / 2 + inset + (zTop - (LUNG_BASE_POST + LUNG_BASE_ANT) / 2 - inset) * t;
    const o = hemithorax(zMid, side, inset);
    let pts = resampleClosed(o.pts, N);
    if (zMid > Z.T1.c) {
      // dome of the pleural cupola above T1: shrink toward the centroid
      const cx = pts.reduce((a, p) => a + p[0], 0) / N, cy = pts.reduce((a, p) => a + p[1], 0) / N;
      const u = Math.min(1, (zMid - Z.T1.c) / (zTop + 12 - Z.T1.c));
      const f = Math.sqrt(Math.max(0.04, 1 - u * u));
      pts = pts.map(([x, y]) => [cx + (x - cx) * f, cy + (y - cy) * f]);
    }
    const yPost = thoracicAt(tpY, zMid) - 9, yAnt = thoracicAt((l) => TH_YANT[thIdx(l)]!, Math.min(zMid, Z.T1.c));
    rings.push(pts.map(([x, y]) => {
      const f = Math.min(1, Math.max(0, (yPost - y) / (yPost - yAnt)));
      const zBase = LUNG_BASE_POST + inset + (LUNG_BASE_ANT - LUNG_BASE_POST) * f;
      return [x, y, zBase + (zTop - zBase) * t] as Vec3;
    }));
  }
  const c0 = rings[0]!.reduce<Vec3>((a, p) => v3.add(a, p), [0, 0, 0]);
  const c1 = rings[nR]!.reduce<Vec3>((a, p) => v3.add(a, p), [0, 0, 0]);
  return loft(rings, { apex: [c0[0] / N, c0[1] / N, lungDome(side) - inset] }, { apex: [c1[0] / N, c1[1] / N, zTop + 12] });
}

interface RibPath {
  path: Vec3[];
  /** Index in `path` from which the rib runs along the chest wall (after the tubercle). */
  wallFrom: number;
}

export const RIB_DROP = P.ribDropMm.value;

export function ribPath(n: number, side: Side): RibPath {
  const l = P.THORACIC[n - 1]!;
  const s = sgn(side);
  const w2 = W[l] / 2, d2 = D[l] / 2;
  const zHead = Z[l].top - 3;
  const zTub = zTP(l);
  const head: Vec3 = [s * (w2 + 3.5), d2 - 2, zHead];
  const tub: Vec3 = [s * (TPX[l] - 3), tpY(l) - TP_HALF - 4.5, zTub];
  const ctrl: Vec3[] = [head, v3.mul(v3.add(head, tub), 0.5), tub];
  // Along the chest wall from K3 (rib angle) toward the front; floating ribs stop early.
  const endFrac = n <= 7 ? 1 : n === 8 ? 0.93 : n === 9 ? 0.86 : n === 10 ? 0.78 : n === 11 ? 0.5 : 0.3;
  const K = 10;
  const drop = RIB_DROP[n - 1]!;
  for (let k = 0; k <= K; k++) {
    const f = (k / K) * endFrac;
    const z = zTub - 4 - (drop - 4) * Math.pow(f / Math.max(endFrac, 1e-6), 1.3) * endFrac ** 0.2;
    const o = hemithorax(z, side);
    const [x, y] = alongOutline(o, o.key[3]!, o.key[8]!, f, 6.5);
    ctrl.push([x, y, z]);
  }
  const path = catmullRom(ctrl, 5);
  return { path, wallFrom: 2 * 5 };
}

export function buildThorax() {
  for (const side of SIDES) {
    const s = sgn(side);
    add({ id: `parietal-pleura-${side}`, name: `${Side(side)} parietal pleura`, fmaId: null, category: 'pleura', group: 'thorax', file: 'atlas-thorax.glb', mesh: pleuralSac(side, 0), color: COLORS.pleura, opacity: 0.3, blocks: [TPVB, ESP], atRiskFor: [TPVB, ESP] });
    add({ id: `lung-${side}`, name: `${Side(side)} lung`, fmaId: side === 'right' ? 'FMA7309' : 'FMA7310', category: 'organ', group: 'thorax', file: 'atlas-thorax.glb', mesh: pleuralSac(side, 3), color: COLORS.lung, opacity: 0.35, blocks: [TPVB], atRiskFor: [TPVB] });

    // Paravertebral space: a wedge between pleura (front), TPs / superior costotransverse ligaments (back)
    // and the vertebral bodies (medially), continuous from T1 to T12.
    const rings: Vec3[][] = [];
    const zTop = zTP('T1') + 6, zBot = Z.T12.bottom;
    const nR = 40;
    for (let i = 0; i <= nR; i++) {
      const z = zBot + ((zTop - zBot) * i) / nR;
      const w2 = thoracicAt((l) => W[l] / 2, z), d2 = thoracicAt((l) => D[l] / 2, z);
      const tpx = thoracicAt((l) => TPX[l], z), tpy = thoracicAt(tpY, z);
      const q: [number, number][] = [
        [w2 + 5, 1.5],
        [tpx + 12, tpy - P.tpToPleuraMm.value + 1.5],
        [tpx - 2, tpy - TP_HALF - 0.5],
        [w2 + 2, d2 + 6],
      ];
      rings.push(q.map(([x, y]) => [s * x, y, z] as Vec3));
    }
    add({ id: `paravertebral-space-${side}`, name: `${Side(side)} thoracic paravertebral space`, fmaId: null, category: 'space', group: 'thorax', file: 'atlas-thorax.glb', mesh: loft(rings), color: COLORS.space, opacity: 0.5, blocks: [TPVB] });

    // Sympathetic trunk (thoracic part) on the sides of the bodies / rib heads.
    const chain: Vec3[] = [];
    for (const l of P.THORACIC) chain.push([s * (W[l] / 2 + 2), -0.1 * D[l] / 2, Z[l].c]);
    chain.push([s * (W.L1 / 2 * 0.95), -0.45 * D.L1 / 2, Z.T12.bottom - 4]);
    add({ id: `sympathetic-trunk-thoracic-${side}`, name: `${Side(side)} sympathetic trunk (thoracic part)`, fmaId: null, category: 'nerve', group: 'thorax', file: 'atlas-thorax.glb', mesh: sweep(catmullRom(chain, 6), () => ({ rx: 1.5, ry: 1.5 }), { segments: 8 }), color: COLORS.nerve, blocks: [TPVB], atRiskFor: [TPVB] });

    for (let n = 1; n <= 12; n++) {
      const l = P.THORACIC[n - 1]!;
      const rp = ribPath(n, side);
      const L = rp.path.length;
      add({
        id: `rib-${n}-${side}`,
        name: `${Side(side)} ${ordinal(n)} rib`,
        fmaId: FMA_RIB[side][n - 1]!,
        category: 'bone',
        group: l,
        file: 'atlas-thorax.glb',
        mesh: sweep(rp.path, (t) => ({ rx: 4.2 + 2.6 * Math.min(1, t * 4), ry: 3.6 + 0.6 * Math.min(1, t * 4), exp: 2.2 }), { segments: 12, up: [0, 0, 1] }),
        color: COLORS.bone,
        blocks: n >= 3 && n <= 8 ? [TPVB, ESP] : [ESP],
      });
      // Intercostal nerve and vessels: from the intervertebral foramen below the pedicle, through the
      // paravertebral space, then under the rib (costal groove) — vein, artery, nerve from above down.
      const w2 = W[l] / 2, d2 = D[l] / 2;
      const tpx = TPX[l], tpy = tpY(l);
      // In the paravertebral space the bundle runs close to the pleura (the needle target lies
      // behind it, just deep to the superior costotransverse ligament), then joins the costal groove.
      const pleuraY = (x: number) => 0.5 + ((x - (w2 + 5)) / (tpx + 14 - (w2 + 5))) * (tpy - P.tpToPleuraMm.value + 1 - 0.5);
      const under = (dz: number) => {
        const van = (dz - 8.3) * 0.9; // vein highest, nerve lowest
        const pts: Vec3[] = [
          [s * (w2 + 1), d2 + 4, zTP(l) - 9 - van],
          [s * (tpx - 10), pleuraY(tpx - 10) + 3, zTP(l) - 10 - van],
          [s * (tpx + 2), pleuraY(tpx + 2) + 3, zTP(l) - 10 - van * 1.5],
        ];
        for (let i = rp.wallFrom + 3; i < L; i += 2) {
          const p = rp.path[i]!;
          pts.push([p[0], p[1], p[2] - dz]);
        }
        return catmullRom(pts, 3);
      };
      const nerveName = n === 12 ? 'Subcostal nerve' : `${Side(side)} ${ordinal(n)} intercostal nerve`;
      add({ id: `intercostal-nerve-${l.toLowerCase()}-${side}`, name: n === 12 ? `${Side(side)} subcostal nerve (T12)` : nerveName, fmaId: null, category: 'nerve', group: l, file: 'atlas-thorax.glb', mesh: sweep(under(15.5), () => ({ rx: 1.5, ry: 1.5 }), { segments: 8 }), color: COLORS.nerve, blocks: [TPVB] });
      add({ id: `intercostal-artery-${l.toLowerCase()}-${side}`, name: `${Side(side)} posterior intercostal artery (${l})`, fmaId: null, category: 'vessel', group: l, file: 'atlas-thorax.glb', mesh: sweep(under(11.5), () => ({ rx: 1.2, ry: 1.2 }), { segments: 8 }), color: COLORS.artery, blocks: [TPVB], atRiskFor: [TPVB] });
      add({ id: `intercostal-vein-${l.toLowerCase()}-${side}`, name: `${Side(side)} posterior intercostal vein (${l})`, fmaId: null, category: 'vessel', group: l, file: 'atlas-thorax.glb', mesh: sweep(under(8.3), () => ({ rx: 1.5, ry: 1.5 }), { segments: 8 }), color: COLORS.vein, blocks: [TPVB], atRiskFor: [TPVB] });
    }
  }
}

export function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'][n - 1]!;
}
