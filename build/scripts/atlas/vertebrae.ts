/** The schematic vertebrae (bodies, pedicles, laminae, transverse and spinous processes), replaced by BodyParts3D meshes in the final atlas but used to fit the generated structures. */
import type { Vec3 } from '../../../core/anatomy/vec3';
import * as P from './proportions';
import { loft, superellipse2d, sweep, v3, type MeshData } from './shapes';
import { type AtlasFile, CELIAC, COLORS, D, ESP, FMA_VERTEBRA, H, SIDES, Side, TPVB, TPX, TP_HALF, W, Z, add, canal, isThoracic, landmarks, pedLen, rad, sgn, tpY, zTP } from './layout';

// ---------------------------------------------------------------------------------------------
// Vertebrae
// ---------------------------------------------------------------------------------------------

export function vertebralBody(l: P.Level): MeshData {
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

export function straightSweep(a: Vec3, b: Vec3, rx: number, ry: number, up: Vec3 = [0, 0, 1], exp = 2.2, segs = 14): MeshData {
  const path: Vec3[] = [];
  const n = 6;
  for (let i = 0; i <= n; i++) path.push(v3.add(a, v3.mul(v3.sub(b, a), i / n)));
  return sweep(path, (s) => ({ rx: rx * (1 - 0.12 * s), ry, exp }), { segments: segs, up });
}

export function buildVertebra(l: P.Level) {
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
