import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyMat4 } from '../../../../core/anatomy/vec3';
import { composeTrs, decomposeTrs } from '../../../../renderer/ui/scene3d/transform';

describe('typed model placement (mm, degrees about X then Y then Z, uniform scale)', () => {
  it('matches hand-computed rotations', () => {
    // 90° about Z takes +X to +Y; 90° about X takes +Y to +Z; then translate.
    const m = composeTrs({ translateMm: [1, 2, 3], rotateDeg: [0, 0, 90], scale: 1 });
    const p = applyMat4(m, [10, 0, 0]);
    expect(p[0]).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(12, 12);
    expect(p[2]).toBeCloseTo(3, 12);
    const q = applyMat4(composeTrs({ translateMm: [0, 0, 0], rotateDeg: [90, 0, 0], scale: 2 }), [0, 5, 0]);
    expect(q[2]).toBeCloseTo(10, 12);
    // X first, then Z: (0,5,0) → X90 → (0,0,5) → Z90 → (0,0,5).
    const r = applyMat4(composeTrs({ translateMm: [0, 0, 0], rotateDeg: [90, 0, 90], scale: 1 }), [0, 5, 0]);
    [0, 0, 5].forEach((v, i) => expect(r[i]).toBeCloseTo(v, 9));
    const r2 = applyMat4(composeTrs({ translateMm: [0, 0, 0], rotateDeg: [90, 0, 90], scale: 1 }), [5, 0, 0]);
    [0, 5, 0].forEach((v, i) => expect(r2[i]).toBeCloseTo(v, 9));
  });

  it('round-trips numbers → matrix → numbers away from the gimbal lock', () => {
    fc.assert(
      fc.property(
        fc.tuple(fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true }), fc.double({ min: -500, max: 500, noNaN: true })),
        fc.tuple(fc.double({ min: -179, max: 179, noNaN: true }), fc.double({ min: -89, max: 89, noNaN: true }), fc.double({ min: -179, max: 179, noNaN: true })),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        (t, r, s) => {
          const back = decomposeTrs(composeTrs({ translateMm: t, rotateDeg: r, scale: s }));
          back.translateMm.forEach((v, i) => expect(v).toBeCloseTo(t[i]!, 6));
          back.rotateDeg.forEach((v, i) => expect(v).toBeCloseTo(r[i]!, 6));
          expect(back.scale).toBeCloseTo(s, 9);
        },
      ),
    );
  });

  it('keeps the same matrix at the gimbal lock (Y = ±90°)', () => {
    for (const ry of [90, -90]) {
      const m = composeTrs({ translateMm: [0, 0, 0], rotateDeg: [30, ry, 20], scale: 1 });
      const again = composeTrs(decomposeTrs(m));
      again.forEach((v, i) => expect(v).toBeCloseTo(m[i]!, 9));
    }
  });
});
