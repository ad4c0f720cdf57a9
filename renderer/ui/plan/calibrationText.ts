import { isSpatialRegion, measurementSpace, regionContaining, regionScaleProblem, type Calibration } from '../../../core/dicom/calibration';

/** One sentence on how this clip is calibrated (the rule of core/dicom/calibration.ts), for the plan panel. */
export function describeCalibration(cal: Calibration): string {
  const whole = measurementSpace([], cal);
  if (whole.unit === 'mm' && whole.source === 'manual') {
    return `Calibrated manually: ${round(whole.mmPerPxX)} mm/px, from your ${round(cal.manual!.knownDistanceMm)} mm line. Numbers measured with it read “(manual)”.`;
  }
  const spatial = cal.regions.filter(isSpatialRegion);
  if (cal.regions.length > 0) {
    if (spatial.length === 0) {
      const problem = cal.regions.map(regionScaleProblem).find((p) => p !== undefined);
      return problem ? `Not calibrated: ${problem}` : 'Not calibrated: no ultrasound region of this clip is in cm (e.g. Doppler or M-mode only), so numbers are in px.';
    }
    // The region core measures in when nothing narrows it down (regionContaining: tissue, then the smallest).
    const r = regionContaining([], cal.regions)!;
    const s = measurementSpace([{ x: r.x0, y: r.y0 }], cal);
    const [sx, sy] = s.unit === 'mm' ? [s.mmPerPxX, s.mmPerPxY] : [NaN, NaN];
    const scale = Math.abs(sx - sy) < 1e-9 ? `${round(sx)} mm/px` : `${round(sx)} × ${round(sy)} mm/px`;
    const more = spatial.length > 1 ? ` (${spatial.length} calibrated regions; a measurement across two of them is in px)` : '';
    return `Calibrated from the ultrasound region: ${scale}${more}. Marks outside the region are measured in px.`;
  }
  const s = measurementSpace([], cal);
  if (s.unit === 'mm') {
    const src = s.source === 'manual' ? 'your manual calibration' : s.source === 'pixel-spacing' ? 'Pixel Spacing' : 'Imager Pixel Spacing';
    return `Calibrated from ${src}: ${round(s.mmPerPxX)} mm/px.`;
  }
  return `Not calibrated: ${s.reason}`;
}

const round = (v: number) => String(Math.round(v * 10000) / 10000);
