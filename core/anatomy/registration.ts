/**
 * Landmark registration: the rigid (rotation + translation) or similarity (+ uniform scale) transform
 * that best maps points picked on one model onto the matching points picked on another.
 *
 * Method: Horn's closed-form solution with unit quaternions (B.K.P. Horn, "Closed-form solution of
 * absolute orientation using unit quaternions", J. Opt. Soc. Am. A 4(4):629–642, 1987). The rotation
 * is the eigenvector of the largest eigenvalue of Horn's symmetric 4×4 matrix N, which always yields
 * a proper rotation (never a reflection). For the similarity case the scale is the least-squares
 * scale given that rotation, s = Σ b′·R a′ / Σ |a′|² (the scale of Umeyama 1991, which minimises the
 * residuals in the target frame), and t = b̄ − s·R·ā.
 *
 * Units: points in mm (any consistent unit works; residuals come out in the target's unit).
 */
import { appError, err, ok, type Result } from '../result';
import { composeSimilarity, symmetricEigen, type Mat4, type Vec3 } from './vec3';

export type RegistrationKind = 'rigid' | 'similarity';

export interface Registration {
  kind: RegistrationKind;
  /** Row-major 3×3 rotation (det = +1). */
  rotation: number[][];
  /** Unit quaternion [w, x, y, z] of the rotation. */
  quaternion: [number, number, number, number];
  /** Uniform scale; exactly 1 for rigid. */
  scale: number;
  /** Translation, mm. */
  translation: Vec3;
  /** Column-major 4×4 (three.js order): source mm → target mm. */
  matrix: Mat4;
  /** Root-mean-square distance between mapped source points and target points, mm. */
  rmsMm: number;
  /** Distance per landmark pair after registration, mm (same order as the input). */
  residualsMm: number[];
}

/** Smallest number of landmark pairs that fixes a 3D rigid/similarity transform. */
export const MIN_LANDMARKS = 3;

/**
 * Register `source` landmarks onto `target` landmarks (same order, ≥ 3 pairs, not all on one line).
 * Fails with an actionable message for too few pairs, mismatched counts, non-finite coordinates or
 * collinear/coincident landmarks (the rotation about their line would be undetermined).
 */
export function registerLandmarks(source: readonly Vec3[], target: readonly Vec3[], kind: RegistrationKind = 'rigid'): Result<Registration> {
  const n = source.length;
  if (n !== target.length) {
    return err(appError('registration/count-mismatch', `The two models have different numbers of landmarks (${n} and ${target.length}).`, { action: 'Pick the same landmarks, in the same order, on both models.' }));
  }
  if (n < MIN_LANDMARKS) {
    return err(appError('registration/too-few', `At least ${MIN_LANDMARKS} landmark pairs are needed (you picked ${n}).`, { action: 'Pick three or more well-spread matching points on both models.' }));
  }
  if (![...source, ...target].every((p) => p.every(Number.isFinite))) {
    return err(appError('registration/not-finite', 'A landmark has an invalid coordinate.', { action: 'Re-pick the landmark.' }));
  }
  const ca = centroid(source);
  const cb = centroid(target);
  const a = source.map((p) => [p[0] - ca[0], p[1] - ca[1], p[2] - ca[2]] as Vec3);
  const b = target.map((p) => [p[0] - cb[0], p[1] - cb[1], p[2] - cb[2]] as Vec3);

  for (const [pts, which] of [[a, 'first'], [b, 'second']] as const) {
    if (isDegenerate(pts)) {
      return err(appError('registration/collinear', `The landmarks on the ${which} model lie (almost) on one line or on one point, so the rotation is undetermined.`, { action: 'Add a landmark away from the line through the others.' }));
    }
  }

  // Cross-covariance S = Σ a bᵀ (S[i][j] = Σ a_i b_j).
  const S = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  let aa = 0;
  for (let k = 0; k < n; k++) {
    const p = a[k]!;
    const q = b[k]!;
    for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) S[i]![j]! += p[i]! * q[j]!;
    aa += p[0] * p[0] + p[1] * p[1] + p[2] * p[2];
  }
  const [Sxx, Sxy, Sxz] = S[0]! as [number, number, number];
  const [Syx, Syy, Syz] = S[1]! as [number, number, number];
  const [Szx, Szy, Szz] = S[2]! as [number, number, number];
  const N = [
    [Sxx + Syy + Szz, Syz - Szy, Szx - Sxz, Sxy - Syx],
    [Syz - Szy, Sxx - Syy - Szz, Sxy + Syx, Szx + Sxz],
    [Szx - Sxz, Sxy + Syx, -Sxx + Syy - Szz, Syz + Szy],
    [Sxy - Syx, Szx + Sxz, Syz + Szy, -Sxx - Syy + Szz],
  ];
  const eig = symmetricEigen(N);
  let q = eig.vectors[0]! as [number, number, number, number];
  const qn = Math.hypot(...q);
  q = q.map((v) => v / qn) as [number, number, number, number];
  if (q[0] < 0) q = q.map((v) => -v) as [number, number, number, number];
  const R = quaternionToMatrix(q);

  let s = 1;
  if (kind === 'similarity') {
    let num = 0;
    for (let k = 0; k < n; k++) {
      const ra = mulMat3(R, a[k]!);
      num += ra[0] * b[k]![0] + ra[1] * b[k]![1] + ra[2] * b[k]![2];
    }
    s = num / aa;
    if (!(s > 0)) {
      return err(appError('registration/mirrored', 'The landmarks cannot be matched without mirroring the model.', { action: 'Check that the landmarks are in the same order on both models and that left and right are not swapped.' }));
    }
  }
  const rca = mulMat3(R, ca);
  const t: Vec3 = [cb[0] - s * rca[0], cb[1] - s * rca[1], cb[2] - s * rca[2]];

  const residualsMm = source.map((p, k) => {
    const rp = mulMat3(R, p);
    const tp = target[k]!;
    return Math.hypot(s * rp[0] + t[0] - tp[0], s * rp[1] + t[1] - tp[1], s * rp[2] + t[2] - tp[2]);
  });
  const rmsMm = Math.sqrt(residualsMm.reduce((acc, r) => acc + r * r, 0) / n);
  return ok({ kind, rotation: R, quaternion: q, scale: s, translation: t, matrix: composeSimilarity(R, s, t), rmsMm, residualsMm });
}

/** Row-major rotation matrix of a unit quaternion [w, x, y, z]. */
export function quaternionToMatrix(q: readonly [number, number, number, number]): number[][] {
  const [w, x, y, z] = q;
  return [
    [w * w + x * x - y * y - z * z, 2 * (x * y - w * z), 2 * (x * z + w * y)],
    [2 * (x * y + w * z), w * w - x * x + y * y - z * z, 2 * (y * z - w * x)],
    [2 * (x * z - w * y), 2 * (y * z + w * x), w * w - x * x - y * y + z * z],
  ];
}

function mulMat3(R: number[][], p: Vec3): Vec3 {
  return [
    R[0]![0]! * p[0] + R[0]![1]! * p[1] + R[0]![2]! * p[2],
    R[1]![0]! * p[0] + R[1]![1]! * p[1] + R[1]![2]! * p[2],
    R[2]![0]! * p[0] + R[2]![1]! * p[1] + R[2]![2]! * p[2],
  ];
}

function centroid(pts: readonly Vec3[]): Vec3 {
  const c: Vec3 = [0, 0, 0];
  for (const p of pts) {
    c[0] += p[0];
    c[1] += p[1];
    c[2] += p[2];
  }
  return [c[0] / pts.length, c[1] / pts.length, c[2] / pts.length];
}

/**
 * True when centred points span less than a plane: the second-largest eigenvalue of their scatter
 * matrix is negligible relative to the largest (collinear), or everything coincides.
 */
function isDegenerate(centred: readonly Vec3[]): boolean {
  const C = [[0, 0, 0], [0, 0, 0], [0, 0, 0]];
  for (const p of centred) for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) C[i]![j]! += p[i]! * p[j]!;
  const { values } = symmetricEigen(C);
  const l1 = values[0]!;
  const l2 = values[1]!;
  return !(l1 > 1e-18) || l2 <= l1 * 1e-10;
}
