/** The plan panel's calibration sentence says why an implausible region scale is not used (issue 12 item 5). */
import { describe, expect, it } from 'vitest';
import { describeCalibration } from '../../../../renderer/ui/plan/calibrationText';

const region = { index: 0, x0: 0, y0: 0, x1: 99, y1: 99, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3 };

describe('describeCalibration', () => {
  it('names the implausible scale instead of printing "Infinity mm/px" or "0 mm/px"', () => {
    for (const d of [1.7e308, 5e-324]) {
      const text = describeCalibration({ regions: [{ ...region, deltaX: d, deltaY: d }] });
      expect(text).toMatch(/^Not calibrated: Ultrasound region 1 gives a scale of .* outside the plausible range for ultrasound/);
      expect(text).not.toMatch(/Infinity|NaN|\b0 mm\/px/);
    }
  });

  it('a plausible region still reads as calibrated', () => {
    expect(describeCalibration({ regions: [{ ...region, deltaX: 0.01, deltaY: 0.01 }] })).toMatch(/^Calibrated from the ultrasound region: 0\.1 mm\/px/);
  });
});
