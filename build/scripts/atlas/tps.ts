/**
 * 3D thin-plate spline (Bookstein 1989, IEEE PAMI 11(6):567–585; kernel U(r) = r in 3D): the smooth
 * map that sends each source landmark exactly onto its target landmark and minimises bending
 * elsewhere. The atlas uses it to fit the generated soft structures (pleura, paravertebral space,
 * nerves, skin, …), built on a schematic straight spine, onto the real BodyParts3D bones and HuBMAP
 * organs: the landmarks are the same named points measured on both (vertebral body centres,
 * transverse-process tips, rib points, aortic centre, kidney centres, …).
 *
 * Deterministic: plain Gaussian elimination with partial pivoting, fixed landmark order. Units: mm.
 */
import type { Vec3 } from '../../../core/anatomy/vec3';

export interface Tps {
  /** Map a point. */
  map(p: Vec3): Vec3;
  /** Largest landmark misfit after solving (≈ 0, a check), mm. */
  residualMm: number;
}

/** Solve A x = b (A n×n, row-major, modified in place) for several right-hand sides. */
function solve(A: Float64Array, B: Float64Array[], n: number): Float64Array[] {
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r * n + c]!) > Math.abs(A[piv * n + c]!)) piv = r;
    if (Math.abs(A[piv * n + c]!) < 1e-12) throw new Error('thin-plate spline: singular system (coincident or coplanar landmarks)');
    if (piv !== c) {
      for (let k = 0; k < n; k++) [A[c * n + k], A[piv * n + k]] = [A[piv * n + k]!, A[c * n + k]!];
      for (const b of B) [b[c], b[piv]] = [b[piv]!, b[c]!];
    }
    const inv = 1 / A[c * n + c]!;
    for (let r = c + 1; r < n; r++) {
      const f = A[r * n + c]! * inv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r * n + k]! -= f * A[c * n + k]!;
      for (const b of B) b[r]! -= f * b[c]!;
    }
  }
  return B.map((b) => {
    const x = new Float64Array(n);
    for (let r = n - 1; r >= 0; r--) {
      let s = b[r]!;
      for (let k = r + 1; k < n; k++) s -= A[r * n + k]! * x[k]!;
      x[r] = s / A[r * n + r]!;
    }
    return x;
  });
}

/**
 * Fit the spline from `source` to `target` landmarks (same order). `regularization` (mm) relaxes the
 * exact fit a little (λ on the kernel diagonal) so that nearly coincident landmarks do not fold the map.
 */
export function fitTps(source: readonly Vec3[], target: readonly Vec3[], regularization = 0): Tps {
  const n = source.length;
  if (n !== target.length || n < 4) throw new Error('thin-plate spline: need ≥ 4 landmark pairs in the same order');
  const m = n + 4;
  const A = new Float64Array(m * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const a = source[i]!, b = source[j]!;
      A[i * m + j] = Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]) + (i === j ? regularization : 0);
    }
    const p = [1, source[i]![0], source[i]![1], source[i]![2]];
    for (let k = 0; k < 4; k++) {
      A[i * m + n + k] = p[k]!;
      A[(n + k) * m + i] = p[k]!;
    }
  }
  const B = [0, 1, 2].map((d) => {
    const b = new Float64Array(m);
    for (let i = 0; i < n; i++) b[i] = target[i]![d]!;
    return b;
  });
  const [wx, wy, wz] = solve(A, B, m) as [Float64Array, Float64Array, Float64Array];
  const src = source.map((p) => [p[0], p[1], p[2]] as const);
  const map = (p: Vec3): Vec3 => {
    let x = wx[n]! + wx[n + 1]! * p[0] + wx[n + 2]! * p[1] + wx[n + 3]! * p[2];
    let y = wy[n]! + wy[n + 1]! * p[0] + wy[n + 2]! * p[1] + wy[n + 3]! * p[2];
    let z = wz[n]! + wz[n + 1]! * p[0] + wz[n + 2]! * p[1] + wz[n + 3]! * p[2];
    for (let i = 0; i < n; i++) {
      const s = src[i]!;
      const u = Math.hypot(p[0] - s[0], p[1] - s[1], p[2] - s[2]);
      x += wx[i]! * u;
      y += wy[i]! * u;
      z += wz[i]! * u;
    }
    return [x, y, z];
  };
  let residualMm = 0;
  for (let i = 0; i < n; i++) {
    const q = map(source[i]!);
    residualMm = Math.max(residualMm, Math.hypot(q[0] - target[i]![0], q[1] - target[i]![1], q[2] - target[i]![2]));
  }
  return { map, residualMm };
}
