/**
 * Calibration of image-pixel measurements.
 *
 * Rule (see docs/DICOM.md): a distance is calibrated only when all of its points lie in ONE
 * ultrasound region whose physical units are spatial (cm); it is then reported in mm. Otherwise it
 * is reported in pixels with the reason. Images without ultrasound regions fall back to Pixel Spacing
 * (0028,0030) or Imager Pixel Spacing (0018,1164), or to a manual calibration drawn by the user.
 *
 * References: PS3.3 C.8.5.5 (US Region Calibration Module), C.8.5.5.1.x for the attribute codes.
 */

import type { Point2 } from '../geometry/point';

export type { Point2 };

/** One item of the Sequence of Ultrasound Regions (0018,6011). Deltas and units exactly as stored. */
export interface UltrasoundRegion {
  /** 0-based index in the sequence. */
  index: number;
  /** Region Location Min X0 (0018,6018), px. */
  x0: number;
  /** Region Location Min Y0 (0018,601A), px. */
  y0: number;
  /** Region Location Max X1 (0018,601C), px (inclusive). */
  x1: number;
  /** Region Location Max Y1 (0018,601E), px (inclusive). */
  y1: number;
  /** Region Spatial Format (0018,6012): 0 none, 1 2D, 2 M-mode, 3 spectral, 4 waveform, 5 graphics. */
  spatialFormat: number;
  /** Region Data Type (0018,6014): 1 tissue, 2 colour flow, 3 PW Doppler, 4 CW Doppler, ... */
  dataType: number;
  /** Physical Units X Direction (0018,6024): 0 none, 1 percent, 2 dB, 3 cm, 4 seconds, 5 hertz, ... */
  unitsX: number;
  /** Physical Units Y Direction (0018,6026). */
  unitsY: number;
  /** Physical Delta X (0018,602C) as stored (units per pixel; may be negative on some scanners). */
  deltaX: number;
  /** Physical Delta Y (0018,602E) as stored. */
  deltaY: number;
  /** Reference Pixel X0 (0018,6020), px, when present. */
  referencePixelX0?: number;
  /** Reference Pixel Y0 (0018,6022), px, when present. */
  referencePixelY0?: number;
}

/** PS3.3 C.8.5.5.1.15 Physical Units code for centimetres. */
export const PHYSICAL_UNITS_CM = 3;

/**
 * The pixel sizes an ultrasound image can plausibly have, mm per pixel; a scale outside this range
 * is an encoding or unit error (e.g. Physical Delta X = 5e-324 or 1.7e308), and the image is treated
 * as uncalibrated with the reason, never measured with it. Applied to every source of scale: region
 * deltas (cm × 10), Pixel Spacing, Imager Pixel Spacing and manual calibrations.
 *
 * - `min` 0.001 mm (1 µm) per pixel: the shortest wavelength in ultrasound imaging is about 15 µm
 *   (ultrasound biomicroscopy at up to 100 MHz: λ = c / f = 1540 m/s ÷ 100 MHz = 15.4 µm, with c the
 *   1540 m/s soft-tissue speed of sound scanners assume); a pixel fifteen times finer than that
 *   carries no image detail. Clinical block probes (2–15 MHz, reference/blocks.md) give 0.03–0.4 mm/px.
 * - `max` 10 mm per pixel: the deepest clinical imaging is about 30–40 cm (low-frequency curvilinear
 *   probes); 10 mm/px would show that depth in 30–40 pixels, which no ultrasound display does.
 * The fixtures' regions lie at 0.06–0.38 mm/px (docs/DICOM.md).
 */
export const PLAUSIBLE_MM_PER_PX = { min: 0.001, max: 10 } as const;

/** True when a scale (mm per px; sign ignored) lies in PLAUSIBLE_MM_PER_PX. NaN and ±Infinity are not. */
export function plausibleMmPerPx(mmPerPx: number): boolean {
  const v = Math.abs(mmPerPx);
  return v >= PLAUSIBLE_MM_PER_PX.min && v <= PLAUSIBLE_MM_PER_PX.max;
}

/** Why a region in cm cannot calibrate (its deltas give an implausible scale), or undefined when it can. */
export function regionScaleProblem(r: UltrasoundRegion): string | undefined {
  if (r.unitsX !== PHYSICAL_UNITS_CM || r.unitsY !== PHYSICAL_UNITS_CM) return undefined;
  const bad = [r.deltaX, r.deltaY].filter((d) => !plausibleMmPerPx(d * 10));
  if (bad.length === 0) return undefined;
  const values = bad.length === 2 && bad[0] === bad[1] ? [bad[0]!] : bad;
  return (
    `Ultrasound region ${r.index + 1} gives a scale of ${values.map((d) => `${formatCm(d)} cm`).join(' and ')} per pixel, outside the plausible range for ultrasound ` +
    `(${PLAUSIBLE_MM_PER_PX.min}–${PLAUSIBLE_MM_PER_PX.max} mm per pixel): the file's calibration is damaged, so distances are in pixels.`
  );
}

const formatCm = (d: number) => (Number.isFinite(d) && Math.abs(d) >= 1e-3 && Math.abs(d) < 1e4 ? String(d) : d.toExponential(2));

export interface ManualCalibration {
  /** A user-drawn reference: the two end points (px) and their true distance in mm. */
  a: Point2;
  b: Point2;
  knownDistanceMm: number;
  /**
   * Row (px) of the transducer face, when the user marked it: depths are measured from it instead of
   * the top of the image (core/geometry `skinLineFor`).
   */
  faceY?: number;
}

export interface Calibration {
  regions: UltrasoundRegion[];
  /** Pixel Spacing (0028,0030) or Imager Pixel Spacing (0018,1164): mm per px, row (y) then column (x). */
  pixelSpacingMm?: { rowMm: number; colMm: number; source: 'pixel-spacing' | 'imager-pixel-spacing' };
  manual?: ManualCalibration;
}

/**
 * The space a set of points can be measured in. `mm`: multiply px differences by mmPerPxX/Y.
 * `px`: uncalibrated, with a reason the UI shows next to the number.
 */
export type MeasurementSpace =
  | {
      unit: 'mm';
      mmPerPxX: number;
      mmPerPxY: number;
      source: 'us-region' | 'pixel-spacing' | 'imager-pixel-spacing' | 'manual';
      /** The region used, when source is 'us-region'. */
      region?: UltrasoundRegion;
    }
  | { unit: 'px'; reason: string };

/** A calibration with no information: every measurement on it is in px, with the reason. */
export const NO_CALIBRATION: Calibration = { regions: [] };

export function pointInRegion(p: Point2, r: UltrasoundRegion): boolean {
  // Bounds are pixel indices (inclusive); a point on pixel (x1, y1) covers up to x1 + 1.
  return p.x >= r.x0 && p.x <= r.x1 + 1 && p.y >= r.y0 && p.y <= r.y1 + 1;
}

/**
 * True when both axes of a region are in cm with a plausible scale (PLAUSIBLE_MM_PER_PX), i.e.
 * distances inside it can be reported in mm.
 */
export function isSpatialRegion(r: UltrasoundRegion): boolean {
  return r.unitsX === PHYSICAL_UNITS_CM && r.unitsY === PHYSICAL_UNITS_CM && plausibleMmPerPx(r.deltaX * 10) && plausibleMmPerPx(r.deltaY * 10);
}

/** mm per px of a manual calibration (isotropic), or undefined when degenerate or implausible. */
export function manualMmPerPx(m: ManualCalibration): number | undefined {
  const px = Math.hypot(m.b.x - m.a.x, m.b.y - m.a.y);
  if (!(px >= 1) || !(m.knownDistanceMm > 0) || !Number.isFinite(m.knownDistanceMm)) return undefined;
  const s = m.knownDistanceMm / px;
  return plausibleMmPerPx(s) ? s : undefined;
}

/**
 * The region a set of points is measured in: of the spatial regions (isSpatialRegion) containing
 * every point, a tissue region first, then the smallest (a colour box inside a B-mode region with
 * the same scale). Undefined when no spatial region holds them all. The one region-choice rule.
 */
export function regionContaining(points: readonly Point2[], regions: readonly UltrasoundRegion[]): UltrasoundRegion | undefined {
  const spatial = regions.filter((r) => isSpatialRegion(r) && points.every((p) => pointInRegion(p, r)));
  spatial.sort((a, b) => (a.dataType === 1 ? 0 : 1) - (b.dataType === 1 ? 0 : 1) || area(a) - area(b));
  return spatial[0];
}

/**
 * Decide how the given points can be measured.
 *
 * Ultrasound regions win when the image has a usable (spatial, isSpatialRegion) one: the points must
 * all lie in one spatial region, otherwise the result is px with the reason. A manual calibration
 * applies to the whole image when no region is usable (none, or only Doppler / M-mode / damaged
 * ones), ahead of Pixel Spacing. Absolute values of the deltas are used (some scanners
 * store negative deltas). cm → mm ×10.
 */
export function measurementSpace(points: readonly Point2[], cal: Calibration): MeasurementSpace {
  const manualScale = cal.manual ? manualMmPerPx(cal.manual) : undefined;
  if (manualScale !== undefined && !cal.regions.some(isSpatialRegion)) return { unit: 'mm', mmPerPxX: manualScale, mmPerPxY: manualScale, source: 'manual' };
  if (cal.regions.length > 0) {
    const r = regionContaining(points, cal.regions);
    if (r) return { unit: 'mm', mmPerPxX: Math.abs(r.deltaX) * 10, mmPerPxY: Math.abs(r.deltaY) * 10, source: 'us-region', region: r };
    const containing = cal.regions.filter((g) => points.every((p) => pointInRegion(p, g)));
    if (containing.length > 0) {
      const problem = containing.map(regionScaleProblem).find((x) => x !== undefined);
      return { unit: 'px', reason: problem ?? 'The region these points lie in is not calibrated in cm (e.g. a Doppler or M-mode region).' };
    }
    const outside = points.filter((p) => !cal.regions.some((r) => pointInRegion(p, r))).length;
    return {
      unit: 'px',
      reason:
        outside === points.length
          ? 'The points lie outside every calibrated ultrasound region.'
          : outside > 0
            ? `${outside === 1 ? 'A point lies' : `${outside} points lie`} outside every calibrated ultrasound region, so no scale applies to the whole measurement.`
            : 'The points lie in different ultrasound regions, so no single scale applies.',
    };
  }
  const ps = cal.pixelSpacingMm;
  if (ps && ps.rowMm > 0 && ps.colMm > 0) {
    if (!plausibleMmPerPx(ps.rowMm) || !plausibleMmPerPx(ps.colMm)) {
      const name = ps.source === 'pixel-spacing' ? 'Pixel Spacing' : 'Imager Pixel Spacing';
      return {
        unit: 'px',
        reason: `${name} ${ps.rowMm} × ${ps.colMm} mm is outside the plausible range for ultrasound (${PLAUSIBLE_MM_PER_PX.min}–${PLAUSIBLE_MM_PER_PX.max} mm per pixel); calibrate manually to measure in mm.`,
      };
    }
    return { unit: 'mm', mmPerPxX: ps.colMm, mmPerPxY: ps.rowMm, source: ps.source };
  }
  return { unit: 'px', reason: 'The image has no calibration (no ultrasound regions or pixel spacing); calibrate manually to measure in mm.' };
}

function area(r: UltrasoundRegion): number {
  return (r.x1 - r.x0 + 1) * (r.y1 - r.y0 + 1);
}

/** Convert a px point to mm coordinates of a space (relative to the image origin). */
export function toMm(p: Point2, space: Extract<MeasurementSpace, { unit: 'mm' }>): Point2 {
  return { x: p.x * space.mmPerPxX, y: p.y * space.mmPerPxY };
}

/** Units the user may type a manual calibration's known length in. */
export type LengthUnit = 'mm' | 'cm';

/** mm in one unit of a LengthUnit. */
export const MM_PER_UNIT: Readonly<Record<LengthUnit, number>> = { mm: 1, cm: 10 };

/**
 * The two-point calibration rule: a line from `a` to `b` (px) drawn over a structure whose true
 * length the user knows (depth markers, a burned-in scale) gives `knownLength × MM_PER_UNIT[unit] /
 * |b − a|` mm per px, the same on both axes (ultrasound scan converters output square pixels).
 * Refused, with a sentence saying why, when the line has no length, the length is not a positive
 * finite number, or the scale falls outside PLAUSIBLE_MM_PER_PX.
 *
 * `faceAtStart`: the line starts at the transducer face (depth 0 on the scanner's depth scale), so
 * depths are measured from its row (`faceY`).
 *
 * @returns the calibration to store (`knownDistanceMm` in mm) and its mm per px.
 */
export function manualCalibrationFrom(
  a: Point2,
  b: Point2,
  knownLength: number,
  unit: LengthUnit,
  opts: { faceAtStart?: boolean } = {},
): { ok: true; value: ManualCalibration; mmPerPx: number } | { ok: false; error: string } {
  const px = Math.hypot(b.x - a.x, b.y - a.y);
  if (!(px >= 1)) return { ok: false, error: 'The calibration line is shorter than one pixel: draw it from one marker to another.' };
  const knownDistanceMm = knownLength * MM_PER_UNIT[unit];
  if (!Number.isFinite(knownDistanceMm) || !(knownDistanceMm > 0)) return { ok: false, error: `Type the line's true length in ${unit}, a number greater than 0.` };
  const mmPerPx = knownDistanceMm / px;
  if (!plausibleMmPerPx(mmPerPx)) {
    return {
      ok: false,
      error:
        `${knownLength} ${unit} over ${px.toFixed(1)} px gives ${mmPerPx.toPrecision(3)} mm per pixel; a plausible ultrasound scale lies ` +
        `between ${PLAUSIBLE_MM_PER_PX.min} and ${PLAUSIBLE_MM_PER_PX.max} mm per pixel: check the length and its unit.`,
    };
  }
  return { ok: true, value: { a, b, knownDistanceMm, ...(opts.faceAtStart ? { faceY: a.y } : {}) }, mmPerPx };
}

/**
 * Attach a manual calibration: the user drew a line from `a` to `b` (px) over a structure of known
 * length `knownDistanceMm` (mm). Used by measurementSpace only when the image has no usable (spatial)
 * ultrasound region (usable regions always win). Returns the reason when the line cannot calibrate anything.
 */
export function withManualCalibration(
  cal: Calibration,
  a: Point2,
  b: Point2,
  knownDistanceMm: number,
): { ok: true; value: Calibration } | { ok: false; error: string } {
  const r = manualCalibrationFrom(a, b, knownDistanceMm, 'mm');
  return r.ok ? { ok: true, value: { ...cal, manual: r.value } } : { ok: false, error: r.error };
}
