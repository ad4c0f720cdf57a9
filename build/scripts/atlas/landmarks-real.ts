/**
 * Named landmarks measured on meshes by fixed geometric rules, so that the same rule gives the
 * corresponding point on a real mesh (BodyParts3D, HuBMAP) and on the schematic one. The atlas uses
 * them for the landmark registrations (HuBMAP → BodyParts3D) and for the thin-plate fit of the
 * generated structures onto the real bones (./tps.ts). Units: mm, LPS.
 */
import type { TriMesh } from '../../../core/anatomy/mesh';
import type { Vec3 } from '../../../core/anatomy/vec3';

/** Centroid of the vertices whose score is within `withinMm` of the highest score. */
export function extremeCentroid(mesh: TriMesh, score: (x: number, y: number, z: number) => number, withinMm: number): Vec3 {
  const p = mesh.positions;
  let best = -Infinity;
  for (let i = 0; i < p.length; i += 3) best = Math.max(best, score(p[i]!, p[i + 1]!, p[i + 2]!));
  let sx = 0, sy = 0, sz = 0, n = 0;
  for (let i = 0; i < p.length; i += 3) {
    if (score(p[i]!, p[i + 1]!, p[i + 2]!) >= best - withinMm) {
      sx += p[i]!;
      sy += p[i + 1]!;
      sz += p[i + 2]!;
      n++;
    }
  }
  return [sx / n, sy / n, sz / n];
}

/** Area-weighted surface centroid (independent of how densely the surface is tessellated). */
export function surfaceCentroid(mesh: TriMesh): Vec3 {
  const p = mesh.positions;
  const I = mesh.indices;
  let ax = 0, ay = 0, az = 0, at = 0;
  for (let t = 0; t < I.length; t += 3) {
    const a = I[t]! * 3, b = I[t + 1]! * 3, c = I[t + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const area = 0.5 * Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx);
    ax += area * (p[a]! + p[b]! + p[c]!) / 3;
    ay += area * (p[a + 1]! + p[b + 1]! + p[c + 1]!) / 3;
    az += area * (p[a + 2]! + p[b + 2]! + p[c + 2]!) / 3;
    at += area;
  }
  return [ax / at, ay / at, az / at];
}

/** Mean (x, y) of the vertices within ±halfMm of height z (a horizontal slice of a vessel), with z. */
export function sliceCentre(mesh: TriMesh, z: number, halfMm = 2.5): Vec3 | null {
  const p = mesh.positions;
  let sx = 0, sy = 0, n = 0;
  for (let i = 0; i < p.length; i += 3) {
    if (Math.abs(p[i + 2]! - z) <= halfMm) {
      sx += p[i]!;
      sy += p[i + 1]!;
      n++;
    }
  }
  return n ? [sx / n, sy / n, z] : null;
}

export interface VertebraLandmarks {
  /** Centre of the vertebral body, mm. */
  body: Vec3;
  /** Anterior-most point of the body (midline). */
  bodyFront: Vec3;
  /** Posterior surface of the body (front of the canal), midline. */
  bodyBack: Vec3;
  /** Transverse-process tips (centroid of the most lateral 3 mm). */
  tpLeft: Vec3;
  tpRight: Vec3;
}

/**
 * Landmarks of one vertebra given as a single mesh (or the union of its parts). The body is the part
 * within `bodyDepthMm` of the most anterior point and within `bodyHalfWidthMm` of the midline (the
 * centre of the anterior 8 mm); its centre is the centroid of those surface vertices.
 */
export function vertebraLandmarks(mesh: TriMesh, bodyDepthMm: number, bodyHalfWidthMm: number): VertebraLandmarks {
  const tpLeft = extremeCentroid(mesh, (x) => x, 3);
  const tpRight = extremeCentroid(mesh, (x) => -x, 3);
  const p = mesh.positions;
  let minY = Infinity;
  for (let i = 1; i < p.length; i += 3) minY = Math.min(minY, p[i]!);
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < p.length; i += 3) if (p[i + 1]! < minY + 8) { lo = Math.min(lo, p[i]!); hi = Math.max(hi, p[i]!); }
  const xm = (lo + hi) / 2;
  let sx = 0, sz = 0, n = 0, back = minY;
  for (let i = 0; i < p.length; i += 3) {
    if (p[i + 1]! < minY + bodyDepthMm && Math.abs(p[i]! - xm) < bodyHalfWidthMm) {
      sx += p[i]!;
      sz += p[i + 2]!;
      n++;
      back = Math.max(back, p[i + 1]!);
    }
  }
  const c: Vec3 = [sx / n, (minY + back) / 2, sz / n];
  return { body: c, bodyFront: [c[0], minY, c[2]], bodyBack: [c[0], back, c[2]], tpLeft, tpRight };
}

/** A rib's most lateral point and (ribs 1–10) its most anterior point. */
export function ribLandmarks(mesh: TriMesh, n: number, side: 'left' | 'right'): Vec3[] {
  const s = side === 'left' ? 1 : -1;
  const out = [extremeCentroid(mesh, (x) => s * x, 2)];
  if (n <= 10) out.push(extremeCentroid(mesh, (_x, y) => -y, 2));
  return out;
}
