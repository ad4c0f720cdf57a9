import { describe, expect, it } from 'vitest';
import { measurementSpace, type UltrasoundRegion } from '../../../../core/dicom/calibration';

const region = (o: Partial<UltrasoundRegion> = {}): UltrasoundRegion => ({
  index: 0, x0: 0, y0: 0, x1: 99, y1: 99, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.01, deltaY: 0.01, ...o,
});

describe('calibration rule: the px reason names what is wrong', () => {
  const cal = { regions: [region(), region({ index: 1, x0: 200, x1: 299 })] };

  it('one point outside every region', () => {
    const s = measurementSpace([{ x: 10, y: 10 }, { x: 150, y: 10 }], cal);
    expect(s).toEqual({ unit: 'px', reason: expect.stringMatching(/^A point lies outside every calibrated ultrasound region/) });
  });

  it('all points outside', () => {
    const s = measurementSpace([{ x: 150, y: 10 }, { x: 160, y: 10 }], cal);
    expect(s).toEqual({ unit: 'px', reason: 'The points lie outside every calibrated ultrasound region.' });
  });

  it('points in two different regions', () => {
    const s = measurementSpace([{ x: 10, y: 10 }, { x: 250, y: 10 }], cal);
    expect(s).toEqual({ unit: 'px', reason: expect.stringMatching(/different ultrasound regions/) });
  });

  it('all in one spatial region: mm from |delta| cm × 10', () => {
    expect(measurementSpace([{ x: 10, y: 10 }, { x: 90, y: 90 }], { regions: [region({ deltaX: -0.02 })] })).toMatchObject({ unit: 'mm', mmPerPxX: 0.2, mmPerPxY: 0.1 });
  });
});
