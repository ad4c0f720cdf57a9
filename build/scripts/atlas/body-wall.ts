/** The body wall: skin of the back and of the abdomen (their outlines, for the fit), erector spinae. */
import type { Vec3 } from '../../../core/anatomy/vec3';
import * as P from './proportions';
import { loft, sweep, v3, type MeshData } from './shapes';
import { CELIAC, COLORS, C_S1, D, ESP, IMPAR, LEVELS, SACRUM_L, SCJ_S, SIDES, Side, TPVB, TP_HALF, Z, add, atZ, canal, curveAnterior, curvePoint, isThoracic, sgn, tpY } from './layout';
import { sacrumThick } from './pelvis';

// ---------------------------------------------------------------------------------------------
// Body wall: skin of the back and of the abdomen, erector spinae
// ---------------------------------------------------------------------------------------------

export const lerpTable = (table: [number, number][], z: number) => {
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

export const SCJ_BACK_Y = () => curvePoint(SCJ_S)[1] - curveAnterior(SCJ_S)[1] * 6;
export const Z_SKIN_TOP = Z.T1.top + 16;
export const Z_SKIN_BOTTOM = -36;

/** Posterior skin y at the paramedian line (x ≈ TP tips) and trunk half-width, by z. */
export function backSkinTable(): [number, number][] {
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
export const TRUNK_W = P.trunkHalfWidthMm.value;
export const widthTable = (): [number, number][] => [
  [Z_SKIN_TOP, TRUNK_W.T1! - 10], [Z.T1.c, TRUNK_W.T1!], [Z.T3.c, TRUNK_W.T3!], [Z.T5.c, TRUNK_W.T5!], [Z.T8.c, TRUNK_W.T8!], [Z.T10.c, TRUNK_W.T10!],
  [Z.T12.c, TRUNK_W.T12!], [Z.L2.c, TRUNK_W.L2!], [Z.L4.c, TRUNK_W.L4!], [C_S1[2] - 10, TRUNK_W.S1!], [0, TRUNK_W.SCJ!], [Z_SKIN_BOTTOM, TRUNK_W.SCJ! - 10],
];
export const FRONT = P.anteriorSkinYmm.value;
export const frontTable = (): [number, number][] => [
  [Z.T9.c, FRONT.T9!], [Z.T10.c, FRONT.T10!], [Z.T11.c, FRONT.T11!], [Z.T12.c, FRONT.T12!], [Z.L1.c, FRONT.L1!], [Z.L2.c, FRONT.L2!], [Z.L3.c, FRONT.L3!], [Z.L4.c, FRONT.L4!], [Z.L5.c, FRONT.L5!], [C_S1[2] - 20, FRONT.S1!],
];
export const BACK_P = 2.6;
export const FRONT_P = 2.2;
/** y of the trunk's widest point (where back and front halves meet). */
export const equatorY = (z: number) => (z > Z.T12.c ? -45 : -30);

/**
 * Skin outline half-superellipse at height z: 'back' from x = −a through the back to x = +a, or
 * 'front' through the abdomen. `off` moves it inward (for the inner surface of the skin).
 */
export function skinHalf(z: number, half: 'back' | 'front', n: number, off = 0): [number, number][] {
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

export function skinShell(half: 'back' | 'front', z0: number, z1: number): MeshData {
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
export function skinY(half: 'back' | 'front', x: number, z: number): number {
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

export function buildBodyWall() {
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
