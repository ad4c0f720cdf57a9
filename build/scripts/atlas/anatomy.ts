/**
 * The schematic anatomy of the BlockPlan atlas, built from ./proportions.ts with ./shapes.ts.
 *
 * Frame: LPS millimetres (+X left, +Y posterior, +Z superior); x = 0 midsagittal plane, y = 0 the
 * antero-posterior centre of the vertebral bodies, z = 0 the centre of the sacrococcygeal junction.
 * Right-sided structures have negative x.
 *
 * Deterministic: no randomness; the same code gives the same meshes.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import type { AtlasCategory } from '../../../core/anatomy/atlas-manifest';
import * as P from './proportions';
import { catmullRom, ellipsoid, loft, merge, sweep, superellipse2d, rotationXYZ, type MeshData, v3 } from './shapes';

export type AtlasFile = 'atlas-thorax.glb' | 'atlas-abdomen.glb' | 'atlas-pelvis.glb' | 'atlas-body-wall.glb';

export interface AtlasPart {
  id: string;
  name: string;
  fmaId: string | null;
  category: AtlasCategory;
  group: string;
  file: AtlasFile;
  mesh: MeshData;
  blocks: string[];
  atRiskFor: string[];
  color: string;
  opacity: number;
}

export interface Landmark {
  position: Vec3;
  normal?: Vec3;
  direction?: Vec3;
  description: string;
}

type Side = 'left' | 'right';
const SIDES: Side[] = ['right', 'left'];
const sgn = (s: Side) => (s === 'left' ? 1 : -1);
const Side = (s: Side) => (s === 'left' ? 'Left' : 'Right');

const TPVB = 'thoracic-paravertebral';
const CELIAC = 'celiac-plexus';
const IMPAR = 'ganglion-impar';
const ESP = 'erector-spinae-plane';

const COLORS = {
  bone: '#e3d9c6',
  joint: '#b9c8dc',
  artery: '#c0392b',
  vein: '#3b5fb0',
  nerve: '#f1c40f',
  ganglion: '#e67e22',
  liver: '#8b3a2b',
  stomach: '#d98c7a',
  pancreas: '#e8c07d',
  kidney: '#9b4a3c',
  rectum: '#c97b63',
  lung: '#f4b6c2',
  pleura: '#8fd0e8',
  muscle: '#b5533c',
  skin: '#e8b896',
  space: '#49c5b6',
};

// FMA ids: vertebrae, ribs, sacrum, diaphragm, psoas from the BodyParts3D file names in the shared
// fixtures; organs from public BodyParts3D/FMA listings (liver 7197, stomach 7148, pancreas 7198,
// kidneys R 7204 / L 7205, lungs R 7309 / L 7310, aorta 3734, IVC 10951, rectum 14544, skin 7163,
// coccyx 20229). Unknown ids are left null rather than guessed.
const FMA_VERTEBRA: Record<P.Level, string> = {
  T1: 'FMA9165', T2: 'FMA9187', T3: 'FMA9209', T4: 'FMA9248', T5: 'FMA9922', T6: 'FMA9945', T7: 'FMA9968', T8: 'FMA9991', T9: 'FMA10014', T10: 'FMA10037', T11: 'FMA10059', T12: 'FMA10081',
  L1: 'FMA13072', L2: 'FMA13073', L3: 'FMA13074', L4: 'FMA13075', L5: 'FMA13076',
};
const FMA_RIB: Record<Side, string[]> = {
  right: ['FMA7857', 'FMA7882', 'FMA7909', 'FMA7957', 'FMA8066', 'FMA8175', 'FMA8229', 'FMA8283', 'FMA8364', 'FMA8445', 'FMA8531', 'FMA8533'],
  left: ['FMA7987', 'FMA8012', 'FMA8039', 'FMA8148', 'FMA8093', 'FMA8202', 'FMA8256', 'FMA8310', 'FMA8391', 'FMA8472', 'FMA8532', 'FMA8534'],
};

// ---------------------------------------------------------------------------------------------
// Vertical layout
// ---------------------------------------------------------------------------------------------

const LEVELS: P.Level[] = [...P.THORACIC, ...P.LUMBAR];
const H = P.bodyHeightMm.value;
const W = P.bodyWidthMm.value;
const D = P.bodyDepthMm.value;
const DISC = P.discBelowMm.value;
const TPX = P.tpTipLateralMm.value;

const rad = (d: number) => (d * Math.PI) / 180;

/** Sacrum as a circular arc from the S1 endplate centre C (s = 0) to the apex (s = L). */
const SACRUM_L = P.sacrumLengthMm.value;
const ALPHA0 = rad(P.sacralSlopeDeg.value);
const KAPPA = rad(P.sacralCurvatureDeg.value) / SACRUM_L;
const SCJ_T = P.scjThicknessMm.value;
const COCCYX_L = P.coccyxLengthMm.value;
const KAPPA_C = rad(P.coccyxCurvatureDeg.value) / COCCYX_L;

/** Direction angle from straight down, toward posterior (+y), along the sacrococcygeal curve. */
function alphaAt(s: number): number {
  if (s <= SACRUM_L + SCJ_T) return ALPHA0 - KAPPA * Math.min(s, SACRUM_L);
  return ALPHA0 - KAPPA * SACRUM_L - KAPPA_C * (s - SACRUM_L - SCJ_T);
}
/** Offset (y, z) from C along the curve, by numerical integration (fine steps, deterministic). */
function curveOffset(s: number): [number, number] {
  let y = 0, z = 0;
  const n = Math.max(1, Math.ceil(s / 0.25));
  const ds = s / n;
  for (let i = 0; i < n; i++) {
    const a = alphaAt((i + 0.5) * ds);
    y += Math.sin(a) * ds;
    z -= Math.cos(a) * ds;
  }
  return [y, z];
}
const SCJ_S = SACRUM_L + SCJ_T / 2;
const scjDz = curveOffset(SCJ_S)[1];
/** S1 endplate centre, chosen so that the SCJ centre lands on z = 0. */
const C_S1: Vec3 = [0, 0, -scjDz];
export const curvePoint = (s: number): Vec3 => {
  const [dy, dz] = curveOffset(s);
  return [0, C_S1[1] + dy, C_S1[2] + dz];
};
/** Unit anterior normal of the sacrococcygeal curve at arc length s. */
const curveAnterior = (s: number): Vec3 => [0, -Math.cos(alphaAt(s)), -Math.sin(alphaAt(s))];

/** z of each vertebral body: bottom, top, centre. Lumbar and thoracic stacked straight up from L5. */
const Z: Record<P.Level, { bottom: number; top: number; c: number }> = {} as never;
{
  let bottom = C_S1[2] + DISC.L5;
  for (let i = LEVELS.length - 1; i >= 0; i--) {
    const l = LEVELS[i]!;
    const top = bottom + H[l];
    Z[l] = { bottom, top, c: (bottom + top) / 2 };
    if (i > 0) bottom = top + DISC[LEVELS[i - 1]!];
  }
}
export const LEVEL_Z = Z;

const isThoracic = (l: P.Level) => l.startsWith('T');
const pedLen = (l: P.Level) => P.pedicleLengthMm.value + (isThoracic(l) ? 0 : 2);
const canal = (l: P.Level) => P.canalDepthMm.value + (isThoracic(l) ? 0 : 2);
/** z of the pedicles and transverse processes (upper half of the body). */
const zTP = (l: P.Level) => Z[l].c + 0.2 * H[l];
/** y of the TP tip centre. */
const tpY = (l: P.Level) => D[l] / 2 + pedLen(l) + (isThoracic(l) ? 8 : 2);
const TP_HALF = P.tpThicknessMm.value / 2;

/** Interpolate a per-level quantity at height z (thoracic and lumbar levels by their centres). */
function atZ(f: (l: P.Level) => number, z: number, levels: readonly P.Level[] = LEVELS): number {
  const lv = levels.slice().sort((a, b) => Z[a].c - Z[b].c);
  if (z <= Z[lv[0]!].c) return f(lv[0]!);
  if (z >= Z[lv[lv.length - 1]!].c) return f(lv[lv.length - 1]!);
  for (let i = 0; i + 1 < lv.length; i++) {
    const a = lv[i]!, b = lv[i + 1]!;
    if (z >= Z[a].c && z <= Z[b].c) {
      const t = (z - Z[a].c) / (Z[b].c - Z[a].c);
      return f(a) * (1 - t) + f(b) * t;
    }
  }
  return f(lv[0]!);
}
const thoracicAt = (f: (l: P.Level) => number, z: number) => atZ(f, z, P.THORACIC);

// ---------------------------------------------------------------------------------------------
// Part registry
// ---------------------------------------------------------------------------------------------

const parts: AtlasPart[] = [];
const landmarks: Record<string, Landmark> = {};

function add(p: Omit<AtlasPart, 'opacity' | 'blocks' | 'atRiskFor'> & Partial<Pick<AtlasPart, 'opacity' | 'blocks' | 'atRiskFor'>>) {
  if (parts.some((q) => q.id === p.id)) throw new Error(`duplicate atlas id ${p.id}`);
  parts.push({ opacity: 1, blocks: [], atRiskFor: [], ...p });
}

// ---------------------------------------------------------------------------------------------
// Vertebrae
// ---------------------------------------------------------------------------------------------

function vertebralBody(l: P.Level): MeshData {
  const w2 = W[l] / 2, d2 = D[l] / 2, h = H[l];
  const rings: Vec3[][] = [];
  const n = 6;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    const waist = 1 - 0.07 * Math.sin(Math.PI * t); // concave sides
    const z = Z[l].bottom + h * t;
    // Kidney-shaped outline approximated by a superellipse, slightly flattened posteriorly.
    rings.push(superellipse2d(w2 * waist, d2 * waist, 2.4, 32).map(([x, y]) => [x, y > 0 ? y * 0.92 + d2 * 0.08 * waist : y, z] as Vec3));
  }
  return loft(rings);
}

function straightSweep(a: Vec3, b: Vec3, rx: number, ry: number, up: Vec3 = [0, 0, 1], exp = 2.2, segs = 14): MeshData {
  const path: Vec3[] = [];
  const n = 6;
  for (let i = 0; i <= n; i++) path.push(v3.add(a, v3.mul(v3.sub(b, a), i / n)));
  return sweep(path, (s) => ({ rx: rx * (1 - 0.12 * s), ry, exp }), { segments: segs, up });
}

function buildVertebra(l: P.Level) {
  const thor = isThoracic(l);
  const file: AtlasFile = thor ? 'atlas-thorax.glb' : 'atlas-abdomen.glb';
  const w2 = W[l] / 2, d2 = D[l] / 2, h = H[l];
  const zp = zTP(l);
  const group = l;
  const fma = FMA_VERTEBRA[l];
  const tpBlocks = thor ? [TPVB, ESP] : [ESP];
  const bodyBlocks = l === 'T12' || l === 'L1' ? [CELIAC, TPVB] : thor ? [TPVB] : [];
  add({ id: `${l.toLowerCase()}-body`, name: `${l} vertebral body`, fmaId: null, category: 'bone', group, file, mesh: vertebralBody(l), color: COLORS.bone, blocks: bodyBlocks });

  const pedR = thor ? 3.5 : 4.5;
  const pedH = thor ? 6 : 7.5;
  const lamY = d2 + canal(l) + P.laminaThicknessMm.value / 2;
  const spBase: Vec3 = [0, lamY + 1, zp - 3];
  for (const side of SIDES) {
    const s = sgn(side);
    const pedA: Vec3 = [s * (w2 - 3.5), d2 - 3, zp];
    const pedB: Vec3 = [s * (w2 - 2.5), d2 + pedLen(l), zp];
    add({ id: `${l.toLowerCase()}-pedicle-${side}`, name: `${Side(side)} pedicle of ${l}`, fmaId: null, category: 'bone', group, file, mesh: straightSweep(pedA, pedB, pedH, pedR), color: COLORS.bone, blocks: thor ? [TPVB] : [] });
    const lamA: Vec3 = [s * (w2 - 3), d2 + pedLen(l) - 1, zp - 1];
    const lamB: Vec3 = [s * 1.5, lamY, zp - 3];
    add({ id: `${l.toLowerCase()}-lamina-${side}`, name: `${Side(side)} lamina of ${l}`, fmaId: null, category: 'bone', group, file, mesh: straightSweep(lamA, lamB, 0.42 * h, P.laminaThicknessMm.value / 2, [0, 0, 1], 2.6), color: COLORS.bone, blocks: thor ? [TPVB, ESP] : [ESP] });
    const tpRoot: Vec3 = [s * (w2 - 1), d2 + pedLen(l) + 1, zp];
    const tpTip: Vec3 = [s * TPX[l], tpY(l), zp + (thor ? 1 : 0)];
    const tpMesh = thor ? straightSweep(tpRoot, tpTip, P.tpHeightMm.value / 2, TP_HALF, [0, 0, 1], 2.4) : straightSweep(tpRoot, tpTip, 5, 3, [0, 0, 1], 2.4);
    add({ id: `${l.toLowerCase()}-transverse-process-${side}`, name: `${Side(side)} transverse process of ${l}`, fmaId: null, category: 'bone', group, file, mesh: tpMesh, color: COLORS.bone, blocks: tpBlocks });
    landmarks[`${l.toLowerCase()}-transverse-process-${side}-tip`] = { position: tpTip, description: `Tip of the ${side} transverse process of ${l} (centre of its cross-section).` };
  }
  // Spinous process: thoracic long and sloping down ~45°, lumbar horizontal and tall.
  const spTip: Vec3 = thor ? [0, spBase[1] + 38 * Math.cos(rad(45)), spBase[2] - 38 * Math.sin(rad(45))] : [0, spBase[1] + 30, spBase[2] - 4];
  const spMesh = thor ? straightSweep(spBase, spTip, 6, 3.5, [0, 0, 1]) : straightSweep(spBase, spTip, 11, 3.5, [0, 0, 1], 2.6);
  add({ id: `${l.toLowerCase()}-spinous-process`, name: `Spinous process of ${l}`, fmaId: null, category: 'bone', group, file, mesh: spMesh, color: COLORS.bone, blocks: thor ? [TPVB, ESP] : [ESP] });
  landmarks[`${l.toLowerCase()}-body-centre`] = { position: [0, 0, Z[l].c], description: `Centre of the ${l} vertebral body (FMA id of the vertebra: ${fma}).` };
}

// ---------------------------------------------------------------------------------------------
// Thorax: hemithorax outline (parietal pleura), ribs, lungs, paravertebral space, nerves, vessels
// ---------------------------------------------------------------------------------------------

const TH_A = P.thoraxHalfWidthMm.value;
const TH_YANT = P.thoraxAnteriorYmm.value;
const thIdx = (l: P.Level) => P.THORACIC.indexOf(l as (typeof P.THORACIC)[number]);
/** Mediastinal half-width: the heart pushes the left lung laterally at T5–T10. */
const mediastinum = (z: number, side: Side) => {
  const base = 24;
  if (side === 'right') return base;
  const heart = Math.max(0, 1 - Math.abs(z - Z.T7.c) / 80);
  return base + 40 * heart;
};

const Z_PLEURA_APEX = Z.T1.top + 20;

interface Outline {
  pts: [number, number][];
  /** indices (into pts) of the key points K0..K10 */
  key: number[];
}

/**
 * Inner chest wall (parietal pleura) cross-section of one hemithorax at height z, as a closed
 * polyline (x signed for the side). `inset` shrinks it inward (for the lung inside the pleura).
 */
function hemithorax(z: number, side: Side, inset = 0): Outline {
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

function polyArea(p: [number, number][]): number {
  let a = 0;
  for (let i = 0, j = p.length - 1; i < p.length; j = i++) a += p[j]![0] * p[i]![1] - p[i]![0] * p[j]![1];
  return a / 2;
}

/** Resample a closed polyline to n points by arc length, starting at its first point. */
function resampleClosed(pts: [number, number][], n: number): [number, number][] {
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
function alongOutline(o: Outline, i0: number, i1: number, f: number, off: number): [number, number] {
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

const LUNG_BASE_POST = Z.T11.c;
const LUNG_BASE_ANT = Z.T9.c + 5;
const lungDome = (side: Side) => (side === 'right' ? Z.T8.c : Z.T8.c - 12);

/** Parietal pleura (inset 0) or lung (inset 3 mm) of one side as a lofted closed surface. */
function pleuralSac(side: Side, inset: number): MeshData {
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

const RIB_DROP = P.ribDropMm.value;

function ribPath(n: number, side: Side): RibPath {
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

function buildThorax() {
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

function ordinal(n: number): string {
  return ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'][n - 1]!;
}

// ---------------------------------------------------------------------------------------------
// Abdomen: aorta, celiac trunk, SMA, IVC, crura, kidneys, pancreas, liver (left lobe), stomach
// ---------------------------------------------------------------------------------------------

const Z_CELIAC = Z.T12.bottom - DISC.T12 / 2; // T12/L1 disc level
const Z_SMA = Z_CELIAC - P.celiacToSmaMm.value;
const AR = P.aortaRadiusMm.value;

/** Aortic centreline (x, y) and radius at height z, from T4 down to the bifurcation at L4. */
function aortaAt(z: number): { x: number; y: number; r: number } {
  const keys: [number, number, number][] = [
    // z, x, r
    [Z.T4.top, 20, AR.thoracic],
    [Z.T8.c, 13, AR.thoracic - 0.5],
    [Z.T11.c, 5, AR.celiac + 0.8],
    [Z_CELIAC, 4, AR.celiac],
    [Z.L2.c, 7, AR.infrarenal + 0.3],
    [Z.L4.c, 6, AR.infrarenal],
  ];
  let x = keys[0]![1], r = keys[0]![2];
  for (let i = 0; i + 1 < keys.length; i++) {
    const [za, xa, ra] = keys[i]!, [zb, xb, rb] = keys[i + 1]!;
    if (z <= za && z >= zb) {
      const t = (za - z) / (za - zb);
      x = xa + (xb - xa) * t;
      r = ra + (rb - ra) * t;
    }
  }
  if (z < keys[keys.length - 1]![0]) {
    x = keys[keys.length - 1]![1];
    r = keys[keys.length - 1]![2];
  }
  const d2 = atZ((l) => D[l] / 2, z);
  return { x, y: -d2 - 2 - r, r };
}

function buildAbdomen() {
  const zTop = Z.T4.top, zBot = Z.L4.c;
  const aPath: Vec3[] = [];
  for (let i = 0; i <= 60; i++) {
    const z = zTop + ((zBot - zTop) * i) / 60;
    const a = aortaAt(z);
    aPath.push([a.x, a.y, z]);
  }
  add({ id: 'aorta', name: 'Aorta (descending thoracic and abdominal)', fmaId: 'FMA3734', category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(aPath, (s) => ({ rx: aortaAt(zTop + (zBot - zTop) * s).r, ry: aortaAt(zTop + (zBot - zTop) * s).r }), { segments: 24, up: [1, 0, 0] }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Celiac trunk: from inside the aorta, anteriorly and slightly caudally, ~19 mm beyond the wall.
  const ac = aortaAt(Z_CELIAC);
  const ct = P.celiacTrunk.value;
  const ctStart: Vec3 = [ac.x, ac.y, Z_CELIAC];
  const ctEnd: Vec3 = [ac.x + 1, ac.y - ac.r - ct.lengthMm, Z_CELIAC - 4];
  add({ id: 'celiac-trunk', name: 'Celiac trunk', fmaId: null, category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(catmullRom([ctStart, [ac.x, ac.y - ac.r - 6, Z_CELIAC], ctEnd], 6), () => ({ rx: ct.radiusMm, ry: ct.radiusMm }), { segments: 14 }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });
  landmarks['celiac-trunk-origin'] = { position: [ac.x, ac.y - ac.r, Z_CELIAC], description: 'Origin of the celiac trunk on the anterior aortic wall (T12/L1 disc level).' };

  // SMA: leaves at ~52° to the aorta, then runs down in front of it.
  const as = aortaAt(Z_SMA);
  const ang = rad(P.aortaSmaAngleDeg.value);
  const sm0: Vec3 = [as.x, as.y, Z_SMA];
  const sm1: Vec3 = [as.x, as.y - as.r - 14 * Math.sin(ang), Z_SMA - 14 * Math.cos(ang)];
  const smaPath = catmullRom([sm0, [as.x, as.y - as.r + 2, Z_SMA - 0.5], sm1, [as.x - 1, as.y - as.r - 16, Z_SMA - 30], [as.x - 3, as.y - as.r - 18, Z.L3.c]], 6);
  add({ id: 'superior-mesenteric-artery', name: 'Superior mesenteric artery', fmaId: null, category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(smaPath, () => ({ rx: P.smaRadiusMm.value, ry: P.smaRadiusMm.value }), { segments: 14 }), color: COLORS.artery, blocks: [CELIAC], atRiskFor: [CELIAC] });
  landmarks['sma-origin'] = { position: [as.x, as.y - as.r, Z_SMA], description: 'Origin of the superior mesenteric artery.' };

  // Celiac plexus: the pre-aortic and peri-aortic tissue around the trunk's origin (target region).
  add({ id: 'celiac-plexus', name: 'Celiac plexus (pre-aortic region at the celiac trunk)', fmaId: null, category: 'ganglion', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: ellipsoid([ac.x, ac.y - ac.r - 5.5, Z_CELIAC + 3], [17, 5.5, 11], { rings: 14, segments: 24 }), color: COLORS.ganglion, opacity: 0.6, blocks: [CELIAC] });

  // IVC: right of the midline, in front of the right side of the bodies; enters the liver region above T12.
  const [ivx, ivy] = P.ivcHalfAxesMm.value;
  const ivcPath = catmullRom([
    [-14, -D.L4 / 2 - 2 - ivy, Z.L4.c],
    [-22, -D.L2 / 2 - 2 - ivy, Z.L2.c],
    [-24, -D.T12 / 2 - 6 - ivy, Z.T12.c],
    [-24, -45, Z.T10.c],
    [-20, -55, Z.T9.top],
  ], 6);
  add({ id: 'inferior-vena-cava', name: 'Inferior vena cava', fmaId: 'FMA10951', category: 'vessel', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(ivcPath, () => ({ rx: ivy, ry: ivx }), { segments: 18, up: [0, 1, 0] }), color: COLORS.vein, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Diaphragmatic crura: from the lumbar bodies up and around the aorta, meeting in front of it
  // (median arcuate ligament) above the celiac trunk.
  const zArc = Z_CELIAC + 22;
  const crusR = catmullRom([[-14, -D.L3 / 2 - 3, Z.L3.c], [-17, -28, Z.L2.top], [-16, -38, Z_CELIAC], [-9, -46, zArc - 4], [0, -49, zArc]], 6);
  const crusL = catmullRom([[22, -D.L2 / 2 - 3, Z.L2.c], [26, -27, Z.L1.c], [25, -36, Z_CELIAC + 2], [15, -45, zArc - 4], [0, -49, zArc + 0.5]], 6);
  add({ id: 'diaphragm-right-crus', name: 'Right crus of the diaphragm', fmaId: null, category: 'muscle', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(crusR, () => ({ rx: 5, ry: 3.2 }), { segments: 12 }), color: COLORS.muscle, blocks: [CELIAC] });
  add({ id: 'diaphragm-left-crus', name: 'Left crus of the diaphragm', fmaId: null, category: 'muscle', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(crusL, () => ({ rx: 4.5, ry: 3 }), { segments: 12 }), color: COLORS.muscle, blocks: [CELIAC] });

  // Kidneys: upper pole tilted medially ~15°, hilum facing antero-medially; the right one lower.
  const [kl, kw, kt] = P.kidneySizeMm.value;
  for (const side of SIDES) {
    const s = sgn(side);
    const zc = Z.L1.c - 20 - (side === 'right' ? P.rightKidneyLowerMm.value : 0);
    add({
      id: `kidney-${side}`,
      name: `${Side(side)} kidney`,
      fmaId: side === 'right' ? 'FMA7204' : 'FMA7205',
      category: 'organ',
      group: 'abdomen',
      file: 'atlas-abdomen.glb',
      mesh: ellipsoid([s * 66, 3, zc], [kw / 2, kt / 2, kl / 2], { rotation: rotationXYZ(0, s * 15, s * -30), rings: 20, segments: 28 }),
      color: COLORS.kidney,
      blocks: [CELIAC],
      atRiskFor: [CELIAC],
    });
  }

  // Pancreas: head in the duodenal curve right of the SMA, neck in front of the SMA, tail to the left.
  const sm = (z: number) => {
    // SMA position at height z below its first bend (approximate for clearances)
    return { x: as.x - 2, y: as.y - as.r - 17, z };
  };
  const neckZ = Z.L1.bottom - 2;
  const pPath = catmullRom([[-38, -45, Z.L2.c], [-22, -58, Z.L2.top], [sm(neckZ).x - 2, sm(neckZ).y - 12, neckZ], [30, -58, Z.L1.c + 2], [60, -38, Z_CELIAC + 2], [78, -22, Z_CELIAC + 10]], 6);
  add({ id: 'pancreas', name: 'Pancreas', fmaId: 'FMA7198', category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(pPath, (t) => ({ rx: 13 - 6 * t, ry: 9 - 3 * t }), { segments: 18, up: [0, 0, 1] }), color: COLORS.pancreas, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Liver, left lobe: a flattened wedge in the epigastrium, in front of the stomach and aorta.
  add({ id: 'liver-left-lobe', name: 'Left lobe of the liver', fmaId: null, category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: ellipsoid([5, -88, Z_CELIAC + 22], [58, 22, 40], { rotation: rotationXYZ(0, -8, 0), rings: 20, segments: 32 }), color: COLORS.liver, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Stomach: fundus under the left dome, body down the left side, antrum and pylorus across the midline.
  const stPath = catmullRom([[64, -30, Z.T11.c + 6], [92, -62, Z.T12.c - 6], [88, -92, Z.L1.c - 10], [50, -104, Z.L2.c], [8, -98, Z.L2.c + 2], [-22, -80, Z.L1.bottom]], 6);
  add({ id: 'stomach', name: 'Stomach', fmaId: 'FMA7148', category: 'organ', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(stPath, (t) => ({ rx: 27 - 15 * t, ry: 22 - 11 * t }), { segments: 24, up: [0, 0, 1] }), color: COLORS.stomach, blocks: [CELIAC], atRiskFor: [CELIAC] });

  // Lumbar sympathetic trunks on the antero-lateral bodies, continuing to the sacrum.
  for (const side of SIDES) {
    const s = sgn(side);
    const pts: Vec3[] = [[s * (W.L1 / 2 * 0.95), -0.45 * D.L1 / 2, Z.T12.bottom - 4]];
    for (const l of P.LUMBAR) pts.push([s * (W[l] / 2 * 0.9), -0.6 * D[l] / 2, Z[l].c]);
    const s1 = curvePoint(8);
    pts.push([s * 20, s1[1] - 24, s1[2]]);
    add({ id: `sympathetic-trunk-lumbar-${side}`, name: `${Side(side)} sympathetic trunk (lumbar part)`, fmaId: null, category: 'nerve', group: 'abdomen', file: 'atlas-abdomen.glb', mesh: sweep(catmullRom(pts, 6), () => ({ rx: 1.5, ry: 1.5 }), { segments: 8 }), color: COLORS.nerve, blocks: [CELIAC] });
  }
}

// ---------------------------------------------------------------------------------------------
// Pelvis: sacrum, SCJ, coccyx, ganglion impar, rectum, sacral sympathetic trunks
// ---------------------------------------------------------------------------------------------

/** Sacral cross-section half-sizes (x: width, y: antero-posterior) at arc length s. */
const sacrumWidth = (s: number) => 52 * (1 - s / SACRUM_L) ** 0.9 + 12 * (s / SACRUM_L);
const sacrumThick = (s: number) => 25 * (1 - s / SACRUM_L) + 6 * (s / SACRUM_L);

function curveSweep(s0: number, s1: number, prof: (s: number) => [number, number], exp = 2.6): MeshData {
  const path: Vec3[] = [];
  const n = Math.max(4, Math.ceil((s1 - s0) / 2));
  for (let i = 0; i <= n; i++) path.push(curvePoint(s0 + ((s1 - s0) * i) / n));
  return sweep(path, (t) => {
    const [rx, ry] = prof(s0 + (s1 - s0) * t);
    return { rx, ry, exp };
  }, { segments: 28, up: [1, 0, 0] });
}

function buildPelvis() {
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

// ---------------------------------------------------------------------------------------------
// Body wall: skin of the back and of the abdomen, erector spinae
// ---------------------------------------------------------------------------------------------

const lerpTable = (table: [number, number][], z: number) => {
  const t = table.slice().sort((a, b) => a[0] - b[0]);
  if (z <= t[0]![0]) return t[0]![1];
  if (z >= t[t.length - 1]![0]) return t[t.length - 1]![1];
  for (let i = 0; i + 1 < t.length; i++) {
    const [za, va] = t[i]!, [zb, vb] = t[i + 1]!;
    if (z >= za && z <= zb) {
      const u = (z - za) / (zb - za);
      // smoothstep between keys
      const w = u * u * (3 - 2 * u);
      return va + (vb - va) * w;
    }
  }
  return t[0]![1];
};

const SCJ_BACK_Y = () => curvePoint(SCJ_S)[1] - curveAnterior(SCJ_S)[1] * 6;
const Z_SKIN_TOP = Z.T1.top + 16;
const Z_SKIN_BOTTOM = -36;

/** Posterior skin y at the paramedian line (x ≈ TP tips) and trunk half-width, by z. */
function backSkinTable(): [number, number][] {
  const t: [number, number][] = [];
  for (const l of P.THORACIC) t.push([Z[l].c, tpY(l) + TP_HALF + P.skinToTpMm.value[l]]);
  for (const l of P.LUMBAR) t.push([Z[l].c, tpY(l) + 3 + P.lumbarSkinToTpMm.value]);
  const s1 = curvePoint(18);
  t.push([s1[2], s1[1] + sacrumThick(18) + 28]);
  t.push([0, SCJ_BACK_Y() + P.skinToScjMm.value]);
  t.push([Z_SKIN_BOTTOM, SCJ_BACK_Y() + P.skinToScjMm.value - 4]);
  t.push([Z_SKIN_TOP, tpY('T1') + TP_HALF + P.skinToTpMm.value.T1]);
  return t;
}
const TRUNK_W = P.trunkHalfWidthMm.value;
const widthTable = (): [number, number][] => [
  [Z_SKIN_TOP, TRUNK_W.T1! - 10], [Z.T1.c, TRUNK_W.T1!], [Z.T3.c, TRUNK_W.T3!], [Z.T5.c, TRUNK_W.T5!], [Z.T8.c, TRUNK_W.T8!], [Z.T10.c, TRUNK_W.T10!],
  [Z.T12.c, TRUNK_W.T12!], [Z.L2.c, TRUNK_W.L2!], [Z.L4.c, TRUNK_W.L4!], [C_S1[2] - 10, TRUNK_W.S1!], [0, TRUNK_W.SCJ!], [Z_SKIN_BOTTOM, TRUNK_W.SCJ! - 10],
];
const FRONT = P.anteriorSkinYmm.value;
const frontTable = (): [number, number][] => [
  [Z.T9.c, FRONT.T9!], [Z.T10.c, FRONT.T10!], [Z.T11.c, FRONT.T11!], [Z.T12.c, FRONT.T12!], [Z.L1.c, FRONT.L1!], [Z.L2.c, FRONT.L2!], [Z.L3.c, FRONT.L3!], [Z.L4.c, FRONT.L4!], [Z.L5.c, FRONT.L5!], [C_S1[2] - 20, FRONT.S1!],
];
const BACK_P = 2.6;
const FRONT_P = 2.2;
/** y of the trunk's widest point (where back and front halves meet). */
const equatorY = (z: number) => (z > Z.T12.c ? -45 : -30);

/**
 * Skin outline half-superellipse at height z: 'back' from x = −a through the back to x = +a, or
 * 'front' through the abdomen. `off` moves it inward (for the inner surface of the skin).
 */
function skinHalf(z: number, half: 'back' | 'front', n: number, off = 0): [number, number][] {
  const a = lerpTable(widthTable(), z) - off;
  const yc = equatorY(z);
  const pts: [number, number][] = [];
  if (half === 'back') {
    const target = lerpTable(backSkinTable(), z);
    // b chosen so that the skin passes through `target` at the paramedian line x = 36 mm.
    const xr = 36 / (a + off);
    const f = Math.pow(1 - Math.pow(xr, BACK_P), 1 / BACK_P);
    const b = (target - yc) / f - off;
    for (let i = 0; i < n; i++) {
      const th = -Math.PI / 2 + (Math.PI * i) / (n - 1);
      const s = Math.sin(th), c = Math.cos(th);
      pts.push([a * Math.sign(s) * Math.abs(s) ** (2 / BACK_P), yc + b * Math.abs(c) ** (2 / BACK_P)]);
    }
  } else {
    const b = yc - lerpTable(frontTable(), z) - off;
    for (let i = 0; i < n; i++) {
      const th = -Math.PI / 2 + (Math.PI * i) / (n - 1);
      const s = Math.sin(th), c = Math.cos(th);
      pts.push([a * Math.sign(s) * Math.abs(s) ** (2 / FRONT_P), yc - b * Math.abs(c) ** (2 / FRONT_P)]);
    }
  }
  return pts;
}

function skinShell(half: 'back' | 'front', z0: number, z1: number): MeshData {
  const n = half === 'back' ? 72 : 64;
  const rings: Vec3[][] = [];
  const steps = Math.ceil((z1 - z0) / 6);
  const th = P.skinThicknessMm.value;
  for (let i = 0; i <= steps; i++) {
    const z = z0 + ((z1 - z0) * i) / steps;
    const outer = skinHalf(z, half, n, 0);
    const inner = skinHalf(z, half, n, th);
    rings.push([...outer, ...inner.reverse()].map(([x, y]) => [x, y, z] as Vec3));
  }
  return loft(rings, 'strip', 'strip');
}

/** A point on the outer back skin at (x, z) and its outward normal (numerically). */
export function backSkinPoint(x: number, z: number): { position: Vec3; normal: Vec3 } {
  const y = skinY('back', x, z);
  const e = 0.5;
  const dydx = (skinY('back', x + e, z) - skinY('back', x - e, z)) / (2 * e);
  const dydz = (skinY('back', x, z + e) - skinY('back', x, z - e)) / (2 * e);
  // surface y = f(x, z): outward (posterior) normal ∝ (−f_x, 1, −f_z)
  return { position: [x, y, z], normal: v3.norm([-dydx, 1, -dydz]) };
}
export function frontSkinPoint(x: number, z: number): { position: Vec3; normal: Vec3 } {
  const y = skinY('front', x, z);
  const e = 0.5;
  const dydx = (skinY('front', x + e, z) - skinY('front', x - e, z)) / (2 * e);
  const dydz = (skinY('front', x, z + e) - skinY('front', x, z - e)) / (2 * e);
  return { position: [x, y, z], normal: v3.norm([dydx, -1, dydz]) };
}
/** y of the outer skin surface at (x, z), from the same formula as the mesh (dense sampling + interpolation). */
function skinY(half: 'back' | 'front', x: number, z: number): number {
  const pts = skinHalf(z, half, 2001, 0);
  for (let i = 0; i + 1 < pts.length; i++) {
    const [xa, ya] = pts[i]!, [xb, yb] = pts[i + 1]!;
    if ((x >= xa && x <= xb) || (x <= xa && x >= xb)) {
      const t = (x - xa) / (xb - xa || 1);
      return ya + (yb - ya) * t;
    }
  }
  throw new Error(`x = ${x} outside the ${half} skin at z = ${z}`);
}

function buildBodyWall() {
  add({ id: 'skin-back', name: 'Skin of the back', fmaId: null, category: 'skin', group: 'body wall', file: 'atlas-body-wall.glb', mesh: skinShell('back', Z_SKIN_BOTTOM, Z_SKIN_TOP), color: COLORS.skin, opacity: 0.3, blocks: [TPVB, ESP, IMPAR] });
  add({ id: 'skin-abdomen', name: 'Skin of the abdomen', fmaId: null, category: 'skin', group: 'body wall', file: 'atlas-body-wall.glb', mesh: skinShell('front', C_S1[2] - 20, Z.T9.c), color: COLORS.skin, opacity: 0.3, blocks: [CELIAC] });

  // Erector spinae: in the gutter between the spinous processes and the rib angles, on the laminae
  // and transverse processes, under the subcutaneous tissue; down to the sacrum.
  for (const side of SIDES) {
    const s = sgn(side);
    const pts: Vec3[] = [];
    const prof: { rx: number; ry: number }[] = [];
    const zs: number[] = [];
    for (let z = Z.T1.c; z >= curvePoint(40)[2]; z -= 8) zs.push(z);
    for (const z of zs) {
      let front: number;
      if (z >= Z.L5.bottom) {
        const lv = LEVELS.reduce((best, l) => (Math.abs(Z[l].c - z) < Math.abs(Z[best].c - z) ? l : best), LEVELS[0]!);
        front = isThoracic(lv) ? atZ((l) => tpY(l) + TP_HALF + 1.5, z) : atZ((l) => tpY(l) + 4.5, z);
        front = Math.max(front, atZ((l) => D[l] / 2 + canal(l) + P.laminaThicknessMm.value + 1.5, z));
      } else {
        // over the sacrum: in front of the muscle is the dorsal sacral surface
        let best = 0;
        for (let a = 0; a <= SACRUM_L; a += 1) if (Math.abs(curvePoint(a)[2] - z) < Math.abs(curvePoint(best)[2] - z)) best = a;
        front = curvePoint(best)[1] - curveAnterior(best)[1] * sacrumThick(best) + 1.5;
      }
      const back = lerpTable(backSkinTable(), z) - 12;
      const half = Math.max(4, (back - front) / 2);
      const halfW = z < Z.L5.bottom ? 22 : 30;
      pts.push([s * 38, front + half, z]);
      prof.push({ rx: half, ry: halfW });
    }
    add({
      id: `erector-spinae-${side}`,
      name: `${Side(side)} erector spinae`,
      fmaId: null,
      category: 'muscle',
      group: 'body wall',
      file: 'atlas-body-wall.glb',
      mesh: sweep(pts, (_t, i) => ({ ...prof[i]!, exp: 2.8 }), { segments: 20, up: [0, 1, 0] }),
      color: COLORS.muscle,
      opacity: 0.55,
      blocks: [ESP, TPVB],
    });
  }
}

// ---------------------------------------------------------------------------------------------

export interface AtlasBuild {
  parts: AtlasPart[];
  landmarks: Record<string, Landmark>;
}

let built: AtlasBuild | undefined;

/** Build every structure of the atlas (memoised). */
export function buildAtlas(): AtlasBuild {
  if (built) return built;
  for (const l of LEVELS) buildVertebra(l);
  buildThorax();
  buildAbdomen();
  buildPelvis();
  buildBodyWall();
  landmarks['xiphoid-level'] = { position: [0, lerpTable(frontTable(), Z.T9.c), Z.T9.c], description: 'Anterior skin at the T9 level (approximate xiphoid level).' };
  built = { parts, landmarks };
  return built;
}

export const ANATOMY_INTERNALS = { Z, Z_CELIAC, Z_SMA, aortaAt, tpY, zTP, TP_HALF, curvePoint, curveAnterior, SCJ_S, hemithorax, merge };
