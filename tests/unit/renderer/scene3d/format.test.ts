import { describe, expect, it } from 'vitest';
import { craniocaudalText, deg, mediolateralText, mm, parseMm } from '../../../../renderer/ui/scene3d/format';

describe('3D number formatting', () => {
  it('always writes the unit and shows unknown values as a dash', () => {
    expect(mm(12.345)).toBe('12.3 mm');
    expect(mm(null)).toBe('—');
    expect(mm(Number.NaN)).toBe('—');
    expect(deg(36.87)).toBe('37°');
  });
  it('says the direction of each angle in words', () => {
    expect(craniocaudalText({ craniocaudalDeg: 12.2 })).toBe('12° cranial');
    expect(craniocaudalText({ craniocaudalDeg: -3.6 })).toBe('4° caudal');
    expect(mediolateralText({ mediolateralDeg: 8, leftwardDeg: -8 })).toBe('8° medial');
    expect(mediolateralText({ mediolateralDeg: -5, leftwardDeg: -5 })).toBe('5° lateral');
    expect(mediolateralText({ mediolateralDeg: null, leftwardDeg: 10 })).toBe('10° toward the patient’s left (midline entry)');
  });
  it('parses typed millimetres, with a decimal comma too', () => {
    expect(parseMm(' -12,5 ')).toBe(-12.5);
    expect(parseMm('7')).toBe(7);
    expect(parseMm('7 mm')).toBeNaN();
    expect(parseMm('')).toBeNaN();
  });
});
