import type { Calibration } from '../../core/dicom/calibration';
import { formatMeasurement, type Measurement, type NeedleMetrics } from '../../core/geometry/index';
import { measureClip, measureNeedlePath, type Case, type ClipMeasurements, type NeedlePath } from '../../core/plan/index';
import { NO_CALIBRATION } from './clips';

/**
 * Measurements for the UI, through the same core functions `blockplan measure` uses
 * (core/plan measureClip → core/geometry). Nothing here computes geometry itself.
 */

/** Every annotation and needle path of a clip, measured with the clip's calibration. */
export function measureForUi(plan: Case, clipId: string, fileCalibration: Calibration | undefined): ClipMeasurements | null {
  if (!plan.clips.some((c) => c.id === clipId)) return null;
  return measureClip(plan, clipId, fileCalibration ?? NO_CALIBRATION);
}

/**
 * Metrics of a needle path that may not be in the case yet (while it is drawn): measured against the
 * at-risk structures of its clip and frame, with the case's margin and steep-angle settings.
 */
export function needleMetricsFor(
  plan: Case,
  path: Pick<NeedlePath, 'clipId' | 'frameIndex' | 'entry' | 'target' | 'mode'>,
  fileCalibration: Calibration | undefined,
  image: { columns: number; rows: number },
): NeedleMetrics {
  return measureNeedlePath(plan, path, fileCalibration ?? NO_CALIBRATION, image);
}

/** "52.0 mm", "23 px", "34.2°"; an em dash for a missing value. */
export function fmt(m: Measurement | null | undefined, digits = 1): string {
  return m ? formatMeasurement(m, digits) : '—';
}

/** Why a number is in px (or an angle is on px), for a tooltip / footnote; undefined when calibrated. */
export function whyUncalibrated(m: Measurement | null | undefined): string | undefined {
  return m?.reason;
}
