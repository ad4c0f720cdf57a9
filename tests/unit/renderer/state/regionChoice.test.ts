/**
 * One region-choice rule (issue 13 item 6): the viewer's depth scale, the files panel's badge and the
 * plan panel's calibration sentence use the region core measures in (core/dicom/calibration.ts
 * regionContaining: a tissue region calibrated in cm, then the smallest), not a rule of their own.
 */
import { describe, expect, it } from 'vitest';
import { measurementSpace, type Calibration, type UltrasoundRegion } from '../../../../core/dicom/calibration';
import { calibrationStatus, depthRegion } from '../../../../renderer/state/files';
import { describeCalibration } from '../../../../renderer/ui/plan/calibrationText';

const region = (index: number, box: [number, number, number, number], cmPerPx: number): UltrasoundRegion => ({
  index,
  x0: box[0],
  y0: box[1],
  x1: box[2],
  y1: box[3],
  spatialFormat: 1,
  dataType: 1,
  unitsX: 3,
  unitsY: 3,
  deltaX: cmPerPx,
  deltaY: cmPerPx,
});

// A B-mode image (0.2 mm/px) with a zoomed tissue box inside it (0.1 mm/px), listed first: the
// largest-region rule the viewer had picked the outer one, core measures inside the box with the box.
const outer = region(0, [0, 0, 639, 479], 0.02);
const inner = region(1, [200, 100, 399, 299], 0.01);
const cal: Calibration = { regions: [outer, inner] };

describe('one region-choice rule', () => {
  it('the depth scale and the calibration badge use the region core measures a point of the box in', () => {
    const core = measurementSpace([{ x: 250, y: 150 }], cal);
    expect(core.unit === 'mm' && core.region).toEqual(inner);
    expect(depthRegion(cal)).toEqual(inner);
    const status = calibrationStatus(cal);
    expect(status.unit === 'mm' && [status.mmPerPxX, status.region]).toEqual([0.1, inner]);
  });

  it('the plan panel states that region’s scale', () => {
    expect(describeCalibration(cal)).toMatch(/^Calibrated from the ultrasound region: 0\.1 mm\/px \(2 calibrated regions/);
  });
});
