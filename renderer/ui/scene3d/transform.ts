/**
 * A model's placement typed as numbers: translation (mm), rotation (degrees about the patient's
 * X, Y, Z axes, applied X then Y then Z — i.e. R = Rz·Ry·Rx, extrinsic) and a uniform scale, to and
 * from the column-major 4×4 similarity matrix stored in the case (ModelRef.transform).
 */
import type { Mat4, Vec3 } from '../../../core/anatomy/vec3';

export interface Trs {
  /** Translation, mm. */
  translateMm: Vec3;
  /** Rotation about X, then Y, then Z (fixed patient axes), degrees. */
  rotateDeg: Vec3;
  /** Uniform scale (1 = unchanged). */
  scale: number;
}

const RAD = Math.PI / 180;

/** Row-major rotation R = Rz·Ry·Rx. */
function rotation(rx: number, ry: number, rz: number): number[][] {
  const [cx, sx, cy, sy, cz, sz] = [Math.cos(rx), Math.sin(rx), Math.cos(ry), Math.sin(ry), Math.cos(rz), Math.sin(rz)];
  return [
    [cz * cy, cz * sy * sx - sz * cx, cz * sy * cx + sz * sx],
    [sz * cy, sz * sy * sx + cz * cx, sz * sy * cx - cz * sx],
    [-sy, cy * sx, cy * cx],
  ];
}

export function composeTrs(t: Trs): Mat4 {
  const R = rotation(t.rotateDeg[0] * RAD, t.rotateDeg[1] * RAD, t.rotateDeg[2] * RAD);
  const m = new Array<number>(16).fill(0);
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) m[c * 4 + r] = t.scale * R[r]![c]!;
  m[12] = t.translateMm[0];
  m[13] = t.translateMm[1];
  m[14] = t.translateMm[2];
  m[15] = 1;
  return m;
}

/**
 * Numbers of a similarity matrix. At the gimbal lock (Y rotation ±90°) the X angle is set to 0 and
 * the Z angle takes the whole rotation about that axis.
 */
export function decomposeTrs(m: Mat4): Trs {
  const scale = Math.hypot(m[0]!, m[1]!, m[2]!) || 1;
  const r = (row: number, col: number) => m[col * 4 + row]! / scale;
  const sy = -r(2, 0);
  let rx: number, ry: number, rz: number;
  if (Math.abs(sy) < 0.9999999) {
    ry = Math.asin(Math.max(-1, Math.min(1, sy)));
    rx = Math.atan2(r(2, 1), r(2, 2));
    rz = Math.atan2(r(1, 0), r(0, 0));
  } else {
    ry = sy > 0 ? Math.PI / 2 : -Math.PI / 2;
    rx = 0;
    rz = Math.atan2(-r(0, 1), r(1, 1));
  }
  const clean = (v: number) => (Math.abs(v) < 1e-9 ? 0 : v);
  return {
    translateMm: [clean(m[12]!), clean(m[13]!), clean(m[14]!)],
    rotateDeg: [clean(rx / RAD), clean(ry / RAD), clean(rz / RAD)],
    scale,
  };
}
