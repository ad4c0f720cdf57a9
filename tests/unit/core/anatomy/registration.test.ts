import { describe, it, expect } from 'vitest';
import { registerLandmarks } from '../../../../core/anatomy/registration';
import { applyMat4, symmetricEigen, type Vec3 } from '../../../../core/anatomy/vec3';
import { gaussian, mul3, randomRotation, rng } from './helpers';

function randomPoints(r: () => number, n: number, spreadMm: number): Vec3[] {
  return Array.from({ length: n }, () => [(r() - 0.5) * spreadMm, (r() - 0.5) * spreadMm, (r() - 0.5) * spreadMm] as Vec3);
}

describe('symmetricEigen', () => {
  it('diagonalises a symmetric matrix: A v = λ v, eigenvalues descending', () => {
    const A = [
      [4, 1, -2, 0.5],
      [1, 2, 0, 1],
      [-2, 0, 3, -1],
      [0.5, 1, -1, -1],
    ];
    const { values, vectors } = symmetricEigen(A);
    for (let k = 0; k < 4; k++) {
      const v = vectors[k]!;
      for (let i = 0; i < 4; i++) {
        const Av = A[i]!.reduce((s, a, j) => s + a * v[j]!, 0);
        expect(Av).toBeCloseTo(values[k]! * v[i]!, 12);
      }
    }
    expect(values.reduce((a, b) => a + b, 0)).toBeCloseTo(4 + 2 + 3 - 1, 12); // trace
    for (let k = 1; k < 4; k++) expect(values[k]!).toBeLessThanOrEqual(values[k - 1]!);
  });
});

describe('registerLandmarks', () => {
  it('recovers known rigid transforms exactly (error < 1e-6 mm)', () => {
    const r = rng(1);
    for (let trial = 0; trial < 50; trial++) {
      const n = 3 + Math.floor(r() * 10);
      const src = randomPoints(r, n, 200);
      const R = randomRotation(r);
      const t: Vec3 = [(r() - 0.5) * 500, (r() - 0.5) * 500, (r() - 0.5) * 500];
      const dst = src.map((p) => {
        const q = mul3(R, p);
        return [q[0] + t[0], q[1] + t[1], q[2] + t[2]] as Vec3;
      });
      const res = registerLandmarks(src, dst, 'rigid');
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      expect(res.value.rmsMm).toBeLessThan(1e-6);
      expect(res.value.scale).toBe(1);
      for (let i = 0; i < 3; i++) {
        expect(Math.abs(res.value.translation[i]! - t[i]!)).toBeLessThan(1e-6);
        for (let j = 0; j < 3; j++) expect(Math.abs(res.value.rotation[i]![j]! - R[i]![j]!)).toBeLessThan(1e-9);
      }
      // The matrix (three.js column-major) maps every source landmark onto its target.
      for (let k = 0; k < n; k++) {
        const m = applyMat4(res.value.matrix, src[k]!);
        expect(Math.hypot(m[0] - dst[k]![0], m[1] - dst[k]![1], m[2] - dst[k]![2])).toBeLessThan(1e-6);
      }
    }
  });

  it('recovers known similarity transforms exactly, including the scale (mm ↔ m models)', () => {
    const r = rng(2);
    for (let trial = 0; trial < 50; trial++) {
      const n = 3 + Math.floor(r() * 10);
      const src = randomPoints(r, n, 0.3); // a model in metres
      const R = randomRotation(r);
      const s = trial === 0 ? 1000 : 0.2 + r() * 2000;
      const t: Vec3 = [(r() - 0.5) * 500, (r() - 0.5) * 500, (r() - 0.5) * 500];
      const dst = src.map((p) => {
        const q = mul3(R, p);
        return [s * q[0] + t[0], s * q[1] + t[1], s * q[2] + t[2]] as Vec3;
      });
      const res = registerLandmarks(src, dst, 'similarity');
      expect(res.ok).toBe(true);
      if (!res.ok) continue;
      expect(Math.abs(res.value.scale - s) / s).toBeLessThan(1e-10);
      expect(res.value.rmsMm).toBeLessThan(1e-6);
      for (let i = 0; i < 3; i++) expect(Math.abs(res.value.translation[i]! - t[i]!)).toBeLessThan(1e-6);
    }
  });

  it('handles a 180° rotation (the case where naive quaternion signs go wrong)', () => {
    const src: Vec3[] = [[10, 0, 0], [0, 20, 0], [0, 0, 30], [5, 5, 5]];
    const dst = src.map((p) => [-p[0], -p[1], p[2]] as Vec3); // 180° about z
    const res = registerLandmarks(src, dst);
    expect(res.ok && res.value.rmsMm < 1e-9).toBe(true);
    if (res.ok) expect(res.value.rotation[2]![2]).toBeCloseTo(1, 12);
  });

  it('with Gaussian noise, the mean squared RMS matches the least-squares expectation σ²(3n − dof)/n', () => {
    // For an optimal least-squares fit with isotropic noise σ per coordinate on the targets, the
    // expected residual sum of squares is σ²(3n − p) with p = 6 (rigid) or 7 (similarity).
    const sigma = 0.5;
    for (const [kind, p, n] of [['rigid', 6, 4], ['similarity', 7, 5], ['rigid', 6, 12]] as const) {
      const r = rng(10 + n + p);
      const g = gaussian(r);
      const trials = 3000;
      let sumMs = 0;
      for (let k = 0; k < trials; k++) {
        const src = randomPoints(r, n, 150);
        const R = randomRotation(r);
        const s = kind === 'similarity' ? 1.3 : 1;
        const dst = src.map((q) => {
          const m = mul3(R, q);
          return [s * m[0] + 7 + sigma * g(), s * m[1] - 3 + sigma * g(), s * m[2] + 11 + sigma * g()] as Vec3;
        });
        const res = registerLandmarks(src, dst, kind);
        if (!res.ok) throw new Error(res.error.title);
        sumMs += res.value.rmsMm ** 2;
        // The reported RMS is consistent with the per-landmark residuals.
        expect(res.value.rmsMm).toBeCloseTo(Math.sqrt(res.value.residualsMm.reduce((a, b) => a + b * b, 0) / n), 12);
      }
      const expected = (sigma ** 2 * (3 * n - p)) / n;
      expect(Math.abs(sumMs / trials - expected) / expected).toBeLessThan(0.05);
    }
  });

  it('rejects too few, mismatched, non-finite and collinear landmarks with actionable errors', () => {
    const a: Vec3[] = [[0, 0, 0], [10, 0, 0], [0, 10, 0]];
    const few = registerLandmarks(a.slice(0, 2), a.slice(0, 2));
    expect(few.ok).toBe(false);
    if (!few.ok) expect(few.error.code).toBe('registration/too-few');
    const mism = registerLandmarks(a, a.slice(0, 2));
    expect(!mism.ok && mism.error.code === 'registration/count-mismatch').toBe(true);
    const nan = registerLandmarks(a, [[0, 0, 0], [Number.NaN, 0, 0], [0, 10, 0]]);
    expect(!nan.ok && nan.error.code === 'registration/not-finite').toBe(true);
    const line: Vec3[] = [[0, 0, 0], [10, 10, 10], [20, 20, 20], [35, 35, 35]];
    const col = registerLandmarks(line, line);
    expect(col.ok).toBe(false);
    if (!col.ok) {
      expect(col.error.code).toBe('registration/collinear');
      expect(col.error.action).toMatch(/landmark/);
    }
  });
});
