import { clipCalibration } from '../../core/plan/case';
import { useCase } from './case';
import { calibrationStatus, type CalibrationStatus } from './files';
import { useViewerLink } from './viewerLink';

/**
 * The calibration status of an open file as the case measures it: the file's own calibration plus
 * the case's manual calibration of the clip it is (core/plan `clipCalibration`, the rule of
 * core/dicom/calibration.ts). `fromFile` (the files store's summary) is returned unchanged when the
 * file is not the case clip on screen or the case holds no manual calibration for it, so the
 * viewer's badge and the panel read "manual" exactly when measurements do.
 *
 * @param fileId the files-store id of the file shown.
 */
export function useCaseCalibrationStatus(fileId: string | null, fromFile: CalibrationStatus | undefined): CalibrationStatus | undefined {
  const clipId = useViewerLink((s) => (fileId !== null && s.fileId === fileId ? s.clipId : null));
  const plan = useCase((s) => s.history.present);
  const fileCal = useCase((s) => (clipId ? s.clips[clipId]?.calibration : undefined));
  if (!clipId || !fileCal || !plan.manualCalibrations[clipId]) return fromFile;
  return calibrationStatus(clipCalibration(plan, clipId, fileCal));
}
