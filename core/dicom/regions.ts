/**
 * Calibration attributes: the Sequence of Ultrasound Regions (PS3.3 C.8.5.5) and Pixel Spacing /
 * Imager Pixel Spacing (PS3.3 10.7.1.3, C.8.7.1), read into a Calibration (see ./calibration).
 */
import type { DataSet } from 'dicom-parser';
import { regionScaleProblem, type Calibration, type UltrasoundRegion } from './calibration';
import { Reader } from './reader';
import { Tag } from './tags';

/** Sequence of Ultrasound Regions (0018,6011), PS3.3 C.8.5.5.1. Invalid items are skipped with a warning. */
export function readRegions(ds: DataSet, warnings: string[]): UltrasoundRegion[] {
  const seq = ds.elements[Tag.SequenceOfUltrasoundRegions];
  if (!seq || !seq.items) return [];
  const out: UltrasoundRegion[] = [];
  seq.items.slice(0, 64).forEach((item, index) => {
    if (!item.dataSet) return;
    const r = new Reader(item.dataSet);
    const x0 = r.u32(Tag.RegionLocationMinX0);
    const y0 = r.u32(Tag.RegionLocationMinY0);
    const x1 = r.u32(Tag.RegionLocationMaxX1);
    const y1 = r.u32(Tag.RegionLocationMaxY1);
    const spatialFormat = r.u16(Tag.RegionSpatialFormat);
    const dataType = r.u16(Tag.RegionDataType);
    const unitsX = r.u16(Tag.PhysicalUnitsXDirection);
    const unitsY = r.u16(Tag.PhysicalUnitsYDirection);
    const deltaX = r.f64(Tag.PhysicalDeltaX);
    const deltaY = r.f64(Tag.PhysicalDeltaY);
    if (
      x0 === undefined || y0 === undefined || x1 === undefined || y1 === undefined || spatialFormat === undefined || dataType === undefined ||
      unitsX === undefined || unitsY === undefined || deltaX === undefined || deltaY === undefined || !Number.isFinite(deltaX) || !Number.isFinite(deltaY)
    ) {
      warnings.push(`Ultrasound region ${index + 1} lacks required attributes; it is not used for calibration.`);
      return;
    }
    if (x1 < x0 || y1 < y0) {
      warnings.push(`Ultrasound region ${index + 1} has inverted bounds; it is not used for calibration.`);
      return;
    }
    const region: UltrasoundRegion = { index, x0, y0, x1, y1, spatialFormat, dataType, unitsX, unitsY, deltaX, deltaY };
    const problem = regionScaleProblem(region);
    if (problem) warnings.push(problem);
    const rx = r.i32(Tag.ReferencePixelX0);
    const ry = r.i32(Tag.ReferencePixelY0);
    if (rx !== undefined) region.referencePixelX0 = rx;
    if (ry !== undefined) region.referencePixelY0 = ry;
    out.push(region);
  });
  return out;
}

/** The calibration of an image: its ultrasound regions and, as a fallback, its pixel spacing (mm). */
export function readCalibration(ds: DataSet, r: Reader, warnings: string[]): Calibration {
  const calibration: Calibration = { regions: readRegions(ds, warnings) };
  const ps = r.numbers(Tag.PixelSpacing, 256);
  const ips = r.numbers(Tag.ImagerPixelSpacing, 256);
  if (ps && ps.length >= 2 && ps[0]! > 0 && ps[1]! > 0) calibration.pixelSpacingMm = { rowMm: ps[0]!, colMm: ps[1]!, source: 'pixel-spacing' };
  else if (ips && ips.length >= 2 && ips[0]! > 0 && ips[1]! > 0) calibration.pixelSpacingMm = { rowMm: ips[0]!, colMm: ips[1]!, source: 'imager-pixel-spacing' };
  return calibration;
}
