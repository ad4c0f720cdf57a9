/**
 * How a clip's pixels lie in the probe plane, from its calibration (to tie a clip frame to the 3D
 * probe): the ultrasound region the 2D viewer measures depth in gives the scale and the probe-face
 * centre (its reference pixel, else its top centre); an image calibrated by pixel spacing only is
 * taken to start at its top centre (said so in `note`). Null with the reason when the clip is not
 * calibrated in mm.
 */
import { clipGeometryFromCalibration } from '../../../core/anatomy/clip-plane';
import type { ClipImageGeometry } from '../../../core/anatomy/plan3d';
import { measurementSpace, type Calibration } from '../../../core/dicom/calibration';
import { depthRegion } from '../../state/files';

export function clipImageGeometry(cal: Calibration, image: { columns: number; rows: number }): { geometry: ClipImageGeometry; note: string | null } | { geometry: null; reason: string } {
  const region = depthRegion(cal);
  if (region) {
    const space = measurementSpace([{ x: region.x0, y: region.y0 }, { x: region.x1, y: region.y1 }], cal);
    const g = space.unit === 'mm' ? clipGeometryFromCalibration(space, region) : undefined;
    if (g) return { geometry: g, note: region.referencePixelX0 === undefined ? 'The probe face is taken to be at the top centre of the ultrasound region.' : null };
  }
  const space = measurementSpace([], cal);
  if (space.unit !== 'mm') return { geometry: null, reason: space.reason };
  const g = clipGeometryFromCalibration(space, undefined, { x: image.columns / 2, y: 0 });
  return g ? { geometry: g, note: 'The probe face is taken to be at the top centre of the image.' } : { geometry: null, reason: 'The clip is not calibrated in mm.' };
}
