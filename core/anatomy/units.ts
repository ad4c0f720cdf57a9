/**
 * Unit detection for imported 3D models: metres or millimetres, from the size of the model.
 *
 * Why: glTF is metres by specification (HuBMAP reference organs are), while anatomy meshes from CT
 * segmentation, BodyParts3D, STL and most OBJ/PLY files are millimetres. A wrong guess makes every
 * distance 1000× off, so the rule is simple, stated, shown to the user, and can be overridden.
 *
 * Rule: take the longest side of the model's bounding box in file units (after node transforms).
 * Human anatomy spans from a few millimetres (a ganglion) to about 2 m (a whole body). A longest side
 * ≤ 2.5 can only be metres (in millimetres it would be a structure under 2.5 mm); anything larger is
 * millimetres. Between 2.5 and 25 the model could also be centimetres (a 2.5–25 cm organ) — the
 * result is then flagged `ambiguous` so the UI asks the user to confirm.
 */
import { boundsExtent, type Bounds3 } from './mesh';
import { err, ok, type Result, appError } from '../result';

export type LengthUnit = 'mm' | 'cm' | 'm';

export const MM_PER_UNIT: Record<LengthUnit, number> = { mm: 1, cm: 10, m: 1000 };

/** Longest bounding-box side (file units) at or below which a model is taken to be in metres. */
export const METRES_MAX_EXTENT = 2.5;
/** Upper end of the band where centimetres are also plausible (flagged as ambiguous). */
export const AMBIGUOUS_MAX_EXTENT = 25;

export type UnitOverride = { unit: LengthUnit } | { mmPerUnit: number };

export interface UnitDecision {
  /** Millimetres per file unit: 1 (mm), 10 (cm), 1000 (m), or the user's factor. */
  mmPerUnit: number;
  /** The unit decided, or 'custom' for a numeric override. */
  unit: LengthUnit | 'custom';
  /** True when the user chose the unit (override), false when detected. */
  overridden: boolean;
  /** Longest side of the bounding box in file units. */
  extentFileUnits: number;
  /** Longest side in mm after applying `mmPerUnit`. */
  extentMm: number;
  /** True when the size alone cannot tell mm from cm; the UI should ask. */
  ambiguous: boolean;
  /** One sentence for the UI: what was decided and why. */
  reason: string;
}

/**
 * Decide the model's units from its bounds (file units), or apply the user's override.
 * Fails for empty or non-finite bounds (the file has no usable geometry).
 */
export function detectUnits(bounds: Bounds3 | undefined, override?: UnitOverride, file?: string): Result<UnitDecision> {
  if (!bounds) {
    return err(appError('model/empty', 'The model has no vertices.', { action: 'Check that the file contains a mesh (not only points, lines or an empty scene).', file }));
  }
  const extent = boundsExtent(bounds);
  if (!Number.isFinite(extent) || !(extent > 0)) {
    return err(appError('model/degenerate', 'The model has no size (all vertices coincide or are not numbers).', { action: 'Re-export the model; the file seems corrupt.', file }));
  }
  const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(1) : v.toPrecision(2));
  if (override) {
    if ('unit' in override) {
      const f = MM_PER_UNIT[override.unit];
      return ok({ mmPerUnit: f, unit: override.unit, overridden: true, extentFileUnits: extent, extentMm: extent * f, ambiguous: false, reason: `Units set by you: ${override.unit} (model is ${fmt(extent * f)} mm long).` });
    }
    const f = override.mmPerUnit;
    if (!(f > 0) || !Number.isFinite(f)) {
      return err(appError('model/bad-unit-override', 'The scale factor must be a positive number of millimetres per model unit.', { file }));
    }
    return ok({ mmPerUnit: f, unit: 'custom', overridden: true, extentFileUnits: extent, extentMm: extent * f, ambiguous: false, reason: `Scale set by you: ${f} mm per model unit (model is ${fmt(extent * f)} mm long).` });
  }
  if (extent <= METRES_MAX_EXTENT) {
    return ok({ mmPerUnit: 1000, unit: 'm', overridden: false, extentFileUnits: extent, extentMm: extent * 1000, ambiguous: false, reason: `Detected metres: the model is ${fmt(extent)} units long, which in millimetres would be smaller than any modelled structure; scaled ×1000.` });
  }
  const ambiguous = extent <= AMBIGUOUS_MAX_EXTENT;
  return ok({
    mmPerUnit: 1,
    unit: 'mm',
    overridden: false,
    extentFileUnits: extent,
    extentMm: extent,
    ambiguous,
    reason: ambiguous
      ? `Assumed millimetres: the model is ${fmt(extent)} units long — that is a ${fmt(extent)} mm structure, or ${fmt(extent * 10)} mm if the file is in centimetres. Please confirm the units.`
      : `Detected millimetres: the model is ${fmt(extent)} units long, too large for metres.`,
  });
}
