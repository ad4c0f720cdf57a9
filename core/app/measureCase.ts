/**
 * The measure workflow: every annotation and needle path of an opened case with the numbers the app
 * shows (core/plan measureClip → core/geometry), and how each clip is calibrated. `blockplan measure`
 * prints it; patient details are not part of it.
 */
import { getBlockTemplate } from '../blocks/index';
import { isSpatialRegion, measurementSpace, regionScaleProblem, type Calibration } from '../dicom/index';
import type { Case, ClipMeasurements } from '../plan/index';
import { measureClip } from '../plan/index';
import type { OpenedCase } from './openCase';

export interface MeasuredClipRecord {
  id: string;
  /** Where the clip was read from (absolute path, or "bundle › entry"). */
  path: string;
  ok: boolean;
  error?: string;
  /** How the clip is calibrated, in words (from the file's ultrasound regions or pixel spacing). */
  calibration?: string;
  annotations?: ClipMeasurements['annotations'];
  needlePaths?: ClipMeasurements['needlePaths'];
}

export interface MeasureRecord {
  file: string;
  ok: boolean;
  error?: string;
  case?: { id: string; title: string; block: Case['block'] & { name: string | null }; settings: Case['settings'] };
  clips?: MeasuredClipRecord[];
}

/** How a clip is calibrated, in words. */
export function describeCalibration(cal: Calibration, manual: boolean): string {
  const spatial = cal.regions.filter(isSpatialRegion);
  if (cal.regions.length > 0) {
    const scales = [...new Set(spatial.map((r) => `${(Math.abs(r.deltaX) * 10).toFixed(4)}×${(Math.abs(r.deltaY) * 10).toFixed(4)} mm/px`))];
    const problems = cal.regions.map(regionScaleProblem).filter((p) => p !== undefined);
    return `${cal.regions.length} ultrasound region(s), ${spatial.length} calibrated in cm${scales.length ? ` (${scales.join(', ')})` : ''}${problems.length ? `; ${problems.join(' ')}` : ''}`;
  }
  if (manual) return 'manual calibration from the case';
  const s = measurementSpace([], cal);
  if (cal.pixelSpacingMm) return s.unit === 'mm' ? `pixel spacing ${cal.pixelSpacingMm.colMm}×${cal.pixelSpacingMm.rowMm} mm/px` : s.reason;
  return 'uncalibrated (measurements in px)';
}

/** Measure every clip of an opened case; clips that could not be opened are listed with the reason. */
export function measureCase(opened: OpenedCase): MeasureRecord {
  const { plan } = opened;
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const clips: MeasuredClipRecord[] = plan.clips.map((clip) => {
    const o = opened.clips.find((c) => c.clip.id === clip.id);
    if (!o) {
      const p = opened.problems.find((x) => x.clip.id === clip.id)!;
      return { id: clip.id, path: p.location, ok: false, error: p.error.title };
    }
    const m = measureClip(plan, clip.id, o.image.calibration);
    return { id: clip.id, path: o.location, ok: true, calibration: describeCalibration(o.image.calibration, clip.id in plan.manualCalibrations), annotations: m.annotations, needlePaths: m.needlePaths };
  });
  return {
    file: opened.file.location,
    ok: clips.every((c) => c.ok),
    case: { id: plan.id, title: plan.title, block: { ...plan.block, name: t?.name ?? null }, settings: plan.settings },
    clips,
  };
}
