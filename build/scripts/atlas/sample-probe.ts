/**
 * A probe held flush on the skin for the sample scenes: the beam runs along the inward skin normal
 * and the long axis is a chosen body axis laid into the skin's tangent plane (optionally turned about
 * the normal). Plane coordinates as core/anatomy/plan3d: u along the long axis (image +x), v along the
 * beam (depth), mm from the centre of the probe face.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';
import { add, cross, dot, normalize, scale, sub } from '../../../core/anatomy/vec3';
import type { SampleKit } from './samples';

export interface FlushProbe {
  origin: Vec3;
  /** Outward skin normal at the probe face. */
  normal: Vec3;
  /** Image +x. */
  lateral: Vec3;
  /** Into the body (= −normal). */
  beam: Vec3;
  /** Plane normal (lateral × beam). */
  across: Vec3;
}

export type SkinSide = 'back' | 'front';

/** The probe on the skin at (x, z) seen from behind (back) or the front; `turnDeg` turns the long axis about the normal toward −z. */
export function flushProbe(kit: SampleKit, side: SkinSide, x: number, z: number, axisHint: Vec3, turnDeg = 0): FlushProbe {
  const hit = side === 'back' ? kit.back(x, z) : kit.front(x, z);
  const n = footprintNormal(kit, side, x, z, hit.normal);
  const beam = scale(n, -1);
  const flat = normalize(sub(axisHint, scale(n, dot(axisHint, n))))!;
  const other = normalize(cross(n, flat))!;
  const a = (turnDeg * Math.PI) / 180;
  let lateral = normalize(add(scale(flat, Math.cos(a)), scale(other, Math.sin(a))))!;
  if (turnDeg !== 0 && lateral[2] > flat[2]) lateral = normalize(add(scale(flat, Math.cos(a)), scale(other, -Math.sin(a))))!;
  return { origin: hit.position, normal: n, lateral, beam, across: normalize(cross(lateral, beam))! };
}

/** Half-size of the patch whose mean tilt gives the probe's normal, mm (a probe face spans ~40 mm; the skin mesh is faceted). */
const FOOTPRINT_HALF_MM = 10;

/** Outward normal of the skin averaged over the probe's footprint: the plane through four skin points ±FOOTPRINT_HALF_MM around (x, z). */
function footprintNormal(kit: SampleKit, side: SkinSide, x: number, z: number, faceNormal: Vec3): Vec3 {
  const s = (xx: number, zz: number) => (side === 'back' ? kit.back(xx, zz) : kit.front(xx, zz)).position;
  const h = FOOTPRINT_HALF_MM;
  let n = normalize(cross(sub(s(x, z + h), s(x, z - h)), sub(s(x + h, z), s(x - h, z))));
  if (!n) return faceNormal;
  if (dot(n, faceNormal) < 0) n = scale(n, -1);
  return n;
}

export const uOf = (p: FlushProbe, q: Vec3): number => dot(sub(q, p.origin), p.lateral);
export const vOf = (p: FlushProbe, q: Vec3): number => dot(sub(q, p.origin), p.beam);
export const offOf = (p: FlushProbe, q: Vec3): number => dot(sub(q, p.origin), p.across);
export const at = (p: FlushProbe, u: number, v: number): Vec3 => add(p.origin, add(scale(p.lateral, u), scale(p.beam, v)));

/**
 * Slide a flush probe over the skin until the point `q` lies at image column `uMm` and `offMm` from
 * the plane. Newton steps on the skin position (x, z) with a finite-difference Jacobian: on a curved
 * skin the normal turns as the probe slides, so a deep point moves by less (or more) than the slide.
 */
export function settleProbe(kit: SampleKit, side: SkinSide, q: Vec3, axisHint: Vec3, uMm: number, offMm: number, turnDeg = 0): FlushProbe {
  const probe = (x: number, z: number) => flushProbe(kit, side, x, z, axisHint, turnDeg);
  const err = (p: FlushProbe): [number, number] => [uOf(p, q) - uMm, offOf(p, q) - offMm];
  let x = q[0] - uMm * axisHint[0];
  let z = q[2] - uMm * axisHint[2];
  let p = probe(x, z);
  for (let k = 0; k < 10; k++) {
    const e = err(p);
    if (Math.hypot(e[0], e[1]) < 0.01) break;
    const h = 1;
    const ex = err(probe(x + h, z)), ez = err(probe(x, z + h));
    const j00 = (ex[0] - e[0]) / h, j10 = (ex[1] - e[1]) / h, j01 = (ez[0] - e[0]) / h, j11 = (ez[1] - e[1]) / h;
    const det = j00 * j11 - j01 * j10;
    if (Math.abs(det) < 1e-9) break;
    // Limit a step to 20 mm so a bad Jacobian cannot throw the probe off the body.
    let dx = -(j11 * e[0] - j01 * e[1]) / det, dz = -(-j10 * e[0] + j00 * e[1]) / det;
    const len = Math.hypot(dx, dz);
    if (len > 20) {
      dx *= 20 / len;
      dz *= 20 / len;
    }
    x += dx;
    z += dz;
    p = probe(x, z);
  }
  return p;
}

/** The skin point in the probe's plane at image column `u` (a ray down the beam from above the skin) with its footprint normal, or null. */
export function entryInPlane(kit: SampleKit, side: SkinSide, p: FlushProbe, u: number): { position: Vec3; normal: Vec3 } | null {
  const h = kit.hitAlong(side === 'back' ? 'skin-back' : 'skin-abdomen', at(p, u, -40), p.beam);
  return h ? { position: h.position, normal: footprintNormal(kit, side, h.position[0], h.position[2], h.normal) } : null;
}
