import { describe, it, expect } from 'vitest';
import { detectUnits } from '../../../../core/anatomy/units';

const box = (ext: number) => ({ min: [0, 0, 0] as [number, number, number], max: [ext / 3, ext, ext / 2] as [number, number, number] });

describe('detectUnits', () => {
  it('a body-sized model ≤ 2.5 units long is metres (×1000)', () => {
    for (const e of [0.004, 0.12, 0.6, 1.8, 2.5]) {
      const r = detectUnits(box(e));
      expect(r.ok && r.value.unit === 'm' && r.value.mmPerUnit === 1000).toBe(true);
    }
  });

  it('larger models are millimetres; 2.5–25 is flagged ambiguous (could be cm)', () => {
    const big = detectUnits(box(430));
    expect(big.ok && big.value.unit === 'mm' && !big.value.ambiguous).toBe(true);
    const small = detectUnits(box(12));
    expect(small.ok && small.value.unit === 'mm' && small.value.ambiguous).toBe(true);
    if (small.ok) expect(small.value.reason).toMatch(/centimetres/);
  });

  it('the override wins and is reported as such', () => {
    const r = detectUnits(box(0.3), { unit: 'mm' });
    expect(r.ok && r.value.mmPerUnit === 1 && r.value.overridden).toBe(true);
    const c = detectUnits(box(20), { unit: 'cm' });
    expect(c.ok && c.value.extentMm === 200).toBe(true);
    const f = detectUnits(box(20), { mmPerUnit: 25.4 });
    expect(f.ok && f.value.unit === 'custom').toBe(true);
    expect(detectUnits(box(20), { mmPerUnit: -1 }).ok).toBe(false);
  });

  it('empty or degenerate geometry is an error naming the file', () => {
    const e = detectUnits(undefined, undefined, 'empty.stl');
    expect(!e.ok && e.error.file === 'empty.stl' && e.error.code === 'model/empty').toBe(true);
    const d = detectUnits({ min: [1, 1, 1], max: [1, 1, 1] }, undefined, 'pt.ply');
    expect(!d.ok && d.error.code === 'model/degenerate').toBe(true);
  });
});
