/**
 * Exact, allocation-free geometric primitives for needle clearance, on scalars so callers can pass
 * values straight out of a Float32Array: segment–triangle and segment–box distance, point–triangle
 * and segment–segment distance, segment–triangle intersection. ./clearance.ts runs them over a
 * mesh's triangles (re-exporting them); every spatial index reaches them through it.
 *
 * Units: mm throughout.
 *
 * References: closest point on a triangle and between two segments follow C. Ericson, Real-Time
 * Collision Detection (2005), §5.1.5 and §5.1.9; segment–triangle intersection is Möller–Trumbore
 * (1997). Segment–box distance minimises the piecewise-quadratic squared distance exactly.
 */

// ---------- scratch state for the allocation-free primitives ----------

/** Result slots of `segmentTriangleDistanceSq`: closest point on the segment (0–2), on the triangle (3–5), segment t (6). */
export const closestScratch = new Float64Array(7);

/**
 * Squared distance between segment (p, q) and triangle (a, b, c), all given as scalars so the caller
 * can pass values straight out of a Float32Array. Writes the closest points into `closestScratch`.
 */
export function segmentTriangleDistanceSq(
  px: number, py: number, pz: number,
  qx: number, qy: number, qz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  cx: number, cy: number, cz: number,
): number {
  // 1. Does the segment cross the triangle? (Möller–Trumbore, two-sided)
  const dx = qx - px, dy = qy - py, dz = qz - pz;
  const e1x = bx - ax, e1y = by - ay, e1z = bz - az;
  const e2x = cx - ax, e2y = cy - ay, e2z = cz - az;
  const hx = dy * e2z - dz * e2y, hy = dz * e2x - dx * e2z, hz = dx * e2y - dy * e2x;
  const det = e1x * hx + e1y * hy + e1z * hz;
  if (Math.abs(det) > 1e-14) {
    const inv = 1 / det;
    const sx = px - ax, sy = py - ay, sz = pz - az;
    const u = (sx * hx + sy * hy + sz * hz) * inv;
    if (u >= 0 && u <= 1) {
      const kx = sy * e1z - sz * e1y, ky = sz * e1x - sx * e1z, kz = sx * e1y - sy * e1x;
      const v = (dx * kx + dy * ky + dz * kz) * inv;
      if (v >= 0 && u + v <= 1) {
        const t = (e2x * kx + e2y * ky + e2z * kz) * inv;
        if (t >= 0 && t <= 1) {
          const ix = px + dx * t, iy = py + dy * t, iz = pz + dz * t;
          closestScratch[0] = ix; closestScratch[1] = iy; closestScratch[2] = iz;
          closestScratch[3] = ix; closestScratch[4] = iy; closestScratch[5] = iz;
          closestScratch[6] = t;
          return 0;
        }
      }
    }
  }
  // 2. Otherwise the minimum is at a segment end point (vs the triangle) or on a triangle edge (vs the segment).
  let best = Infinity;
  let b0 = 0, b1 = 0, b2 = 0, b3 = 0, b4 = 0, b5 = 0, b6 = 0;
  let d = pointTriangleDistanceSq(px, py, pz, ax, ay, az, bx, by, bz, cx, cy, cz);
  if (d < best) { best = d; b0 = px; b1 = py; b2 = pz; b3 = ptScratch[0]!; b4 = ptScratch[1]!; b5 = ptScratch[2]!; b6 = 0; }
  d = pointTriangleDistanceSq(qx, qy, qz, ax, ay, az, bx, by, bz, cx, cy, cz);
  if (d < best) { best = d; b0 = qx; b1 = qy; b2 = qz; b3 = ptScratch[0]!; b4 = ptScratch[1]!; b5 = ptScratch[2]!; b6 = 1; }
  d = segmentSegmentDistanceSq(px, py, pz, qx, qy, qz, ax, ay, az, bx, by, bz);
  if (d < best) { best = d; b0 = ssScratch[0]!; b1 = ssScratch[1]!; b2 = ssScratch[2]!; b3 = ssScratch[3]!; b4 = ssScratch[4]!; b5 = ssScratch[5]!; b6 = ssScratch[6]!; }
  d = segmentSegmentDistanceSq(px, py, pz, qx, qy, qz, bx, by, bz, cx, cy, cz);
  if (d < best) { best = d; b0 = ssScratch[0]!; b1 = ssScratch[1]!; b2 = ssScratch[2]!; b3 = ssScratch[3]!; b4 = ssScratch[4]!; b5 = ssScratch[5]!; b6 = ssScratch[6]!; }
  d = segmentSegmentDistanceSq(px, py, pz, qx, qy, qz, cx, cy, cz, ax, ay, az);
  if (d < best) { best = d; b0 = ssScratch[0]!; b1 = ssScratch[1]!; b2 = ssScratch[2]!; b3 = ssScratch[3]!; b4 = ssScratch[4]!; b5 = ssScratch[5]!; b6 = ssScratch[6]!; }
  closestScratch[0] = b0; closestScratch[1] = b1; closestScratch[2] = b2;
  closestScratch[3] = b3; closestScratch[4] = b4; closestScratch[5] = b5;
  closestScratch[6] = b6;
  return best;
}

const ptScratch = new Float64Array(3);

/** Squared distance from point p to triangle abc; closest point in `ptScratch` (Ericson §5.1.5). */
export function pointTriangleDistanceSq(
  px: number, py: number, pz: number,
  ax: number, ay: number, az: number,
  bx: number, by: number, bz: number,
  cx: number, cy: number, cz: number,
): number {
  const abx = bx - ax, aby = by - ay, abz = bz - az;
  const acx = cx - ax, acy = cy - ay, acz = cz - az;
  const apx = px - ax, apy = py - ay, apz = pz - az;
  const d1 = abx * apx + aby * apy + abz * apz;
  const d2 = acx * apx + acy * apy + acz * apz;
  let rx: number, ry: number, rz: number;
  if (d1 <= 0 && d2 <= 0) {
    rx = ax; ry = ay; rz = az;
  } else {
    const bpx = px - bx, bpy = py - by, bpz = pz - bz;
    const d3 = abx * bpx + aby * bpy + abz * bpz;
    const d4 = acx * bpx + acy * bpy + acz * bpz;
    if (d3 >= 0 && d4 <= d3) {
      rx = bx; ry = by; rz = bz;
    } else {
      const vc = d1 * d4 - d3 * d2;
      if (vc <= 0 && d1 >= 0 && d3 <= 0) {
        const v = d1 / (d1 - d3);
        rx = ax + abx * v; ry = ay + aby * v; rz = az + abz * v;
      } else {
        const cpx = px - cx, cpy = py - cy, cpz = pz - cz;
        const d5 = abx * cpx + aby * cpy + abz * cpz;
        const d6 = acx * cpx + acy * cpy + acz * cpz;
        if (d6 >= 0 && d5 <= d6) {
          rx = cx; ry = cy; rz = cz;
        } else {
          const vb = d5 * d2 - d1 * d6;
          if (vb <= 0 && d2 >= 0 && d6 <= 0) {
            const w = d2 / (d2 - d6);
            rx = ax + acx * w; ry = ay + acy * w; rz = az + acz * w;
          } else {
            const va = d3 * d6 - d5 * d4;
            if (va <= 0 && d4 - d3 >= 0 && d5 - d6 >= 0) {
              const w = (d4 - d3) / (d4 - d3 + (d5 - d6));
              rx = bx + (cx - bx) * w; ry = by + (cy - by) * w; rz = bz + (cz - bz) * w;
            } else {
              const denom = 1 / (va + vb + vc);
              const v = vb * denom;
              const w = vc * denom;
              rx = ax + abx * v + acx * w; ry = ay + aby * v + acy * w; rz = az + abz * v + acz * w;
            }
          }
        }
      }
    }
  }
  ptScratch[0] = rx; ptScratch[1] = ry; ptScratch[2] = rz;
  const ex = px - rx, ey = py - ry, ez = pz - rz;
  return ex * ex + ey * ey + ez * ez;
}

const ssScratch = new Float64Array(7);

/**
 * Squared distance between segments p1q1 and p2q2 (Ericson §5.1.9). Closest points in `ssScratch`
 * (on segment 1: 0–2, on segment 2: 3–5; parameter on segment 1: 6).
 */
export function segmentSegmentDistanceSq(
  p1x: number, p1y: number, p1z: number, q1x: number, q1y: number, q1z: number,
  p2x: number, p2y: number, p2z: number, q2x: number, q2y: number, q2z: number,
): number {
  const d1x = q1x - p1x, d1y = q1y - p1y, d1z = q1z - p1z;
  const d2x = q2x - p2x, d2y = q2y - p2y, d2z = q2z - p2z;
  const rx = p1x - p2x, ry = p1y - p2y, rz = p1z - p2z;
  const a = d1x * d1x + d1y * d1y + d1z * d1z;
  const e = d2x * d2x + d2y * d2y + d2z * d2z;
  const f = d2x * rx + d2y * ry + d2z * rz;
  const EPS = 1e-18;
  let s: number, t: number;
  if (a <= EPS && e <= EPS) {
    s = 0; t = 0;
  } else if (a <= EPS) {
    s = 0;
    t = clamp01(f / e);
  } else {
    const c = d1x * rx + d1y * ry + d1z * rz;
    if (e <= EPS) {
      t = 0;
      s = clamp01(-c / a);
    } else {
      const b = d1x * d2x + d1y * d2y + d1z * d2z;
      const denom = a * e - b * b;
      s = denom > EPS * a * e ? clamp01((b * f - c * e) / denom) : 0;
      t = (b * s + f) / e;
      if (t < 0) {
        t = 0;
        s = clamp01(-c / a);
      } else if (t > 1) {
        t = 1;
        s = clamp01((b - c) / a);
      }
    }
  }
  const c1x = p1x + d1x * s, c1y = p1y + d1y * s, c1z = p1z + d1z * s;
  const c2x = p2x + d2x * t, c2y = p2y + d2y * t, c2z = p2z + d2z * t;
  ssScratch[0] = c1x; ssScratch[1] = c1y; ssScratch[2] = c1z;
  ssScratch[3] = c2x; ssScratch[4] = c2y; ssScratch[5] = c2z;
  ssScratch[6] = s;
  const ex = c1x - c2x, ey = c1y - c2y, ez = c1z - c2z;
  return ex * ex + ey * ey + ez * ez;
}

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);

const boxBreaks = new Float64Array(8);

/**
 * Exact squared distance between segment (p, q) and the axis-aligned box [lo, hi] (0 when they
 * intersect). Used to prune BVH nodes: a node cannot hold a triangle closer than this.
 */
export function segmentBoxDistanceSq(
  px: number, py: number, pz: number, qx: number, qy: number, qz: number,
  lox: number, loy: number, loz: number, hix: number, hiy: number, hiz: number,
): number {
  const dx = qx - px, dy = qy - py, dz = qz - pz;
  // Breakpoints where a coordinate crosses a slab boundary split [0, 1] into intervals on which the
  // squared distance is one quadratic; minimise each exactly.
  let nb = 0;
  boxBreaks[nb++] = 0;
  if (dx !== 0) { nb = pushBreak((lox - px) / dx, nb); nb = pushBreak((hix - px) / dx, nb); }
  if (dy !== 0) { nb = pushBreak((loy - py) / dy, nb); nb = pushBreak((hiy - py) / dy, nb); }
  if (dz !== 0) { nb = pushBreak((loz - pz) / dz, nb); nb = pushBreak((hiz - pz) / dz, nb); }
  boxBreaks[nb++] = 1;
  // insertion sort (≤ 8 values)
  for (let i = 1; i < nb; i++) {
    const v = boxBreaks[i]!;
    let j = i - 1;
    while (j >= 0 && boxBreaks[j]! > v) { boxBreaks[j + 1] = boxBreaks[j]!; j--; }
    boxBreaks[j + 1] = v;
  }
  let best = Infinity;
  for (let k = 0; k + 1 < nb; k++) {
    const t0 = boxBreaks[k]!, t1 = boxBreaks[k + 1]!;
    const tm = (t0 + t1) / 2;
    // f(t) = A t² + B t + C on this interval
    let A = 0, B = 0, C = 0;
    const x = px + dx * tm, y = py + dy * tm, z = pz + dz * tm;
    if (x < lox) { const o = px - lox; A += dx * dx; B += 2 * dx * o; C += o * o; } else if (x > hix) { const o = px - hix; A += dx * dx; B += 2 * dx * o; C += o * o; }
    if (y < loy) { const o = py - loy; A += dy * dy; B += 2 * dy * o; C += o * o; } else if (y > hiy) { const o = py - hiy; A += dy * dy; B += 2 * dy * o; C += o * o; }
    if (z < loz) { const o = pz - loz; A += dz * dz; B += 2 * dz * o; C += o * o; } else if (z > hiz) { const o = pz - hiz; A += dz * dz; B += 2 * dz * o; C += o * o; }
    let t = A > 0 ? -B / (2 * A) : t0;
    if (t < t0) t = t0;
    else if (t > t1) t = t1;
    const f = (A * t + B) * t + C;
    if (f < best) best = f;
    if (best <= 0) return 0;
  }
  return best < 0 ? 0 : best;
}

function pushBreak(t: number, nb: number): number {
  if (t > 0 && t < 1) boxBreaks[nb++] = t;
  return nb;
}

/**
 * Möller–Trumbore ray/segment–triangle intersection (two-sided). Returns the segment parameter
 * t ∈ [0, 1] of the crossing, or −1 when there is none.
 */
export function segmentTriangleIntersect(
  px: number, py: number, pz: number, dx: number, dy: number, dz: number,
  ax: number, ay: number, az: number, bx: number, by: number, bz: number, cx: number, cy: number, cz: number,
): number {
  const e1x = bx - ax, e1y = by - ay, e1z = bz - az;
  const e2x = cx - ax, e2y = cy - ay, e2z = cz - az;
  const hx = dy * e2z - dz * e2y, hy = dz * e2x - dx * e2z, hz = dx * e2y - dy * e2x;
  const det = e1x * hx + e1y * hy + e1z * hz;
  if (Math.abs(det) < 1e-14) return -1;
  const inv = 1 / det;
  const sx = px - ax, sy = py - ay, sz = pz - az;
  const u = (sx * hx + sy * hy + sz * hz) * inv;
  if (u < 0 || u > 1) return -1;
  const kx = sy * e1z - sz * e1y, ky = sz * e1x - sx * e1z, kz = sx * e1y - sy * e1x;
  const v = (dx * kx + dy * ky + dz * kz) * inv;
  if (v < 0 || u + v > 1) return -1;
  const t = (e2x * kx + e2y * ky + e2z * kz) * inv;
  return t >= 0 && t <= 1 ? t : -1;
}
