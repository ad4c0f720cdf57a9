/**
 * The plausibility guard (issue 20 item 1): ONE rule set that compares a needle path's numbers with
 * the block's card and with the image, so that a plan measured on a mis-calibrated image (a thoracic
 * paravertebral path of 321 mm to a target 245 mm deep) is flagged wherever its numbers appear — the
 * plan panel, the clip, `blockplan measure` and the exported note all read these warnings from the
 * needle path's `warnings[]` (core/plan `measureNeedlePath`).
 *
 * The reference values are the block template's own cited numbers (core/blocks, from
 * reference/blocks.md with their source ids), passed in as `PlausibilityReference`; the rules below
 * never invent a clinical figure. The factor and the 30 cm image depth are BlockPlan product rules
 * (issue 20), not clinical thresholds, and the messages say so.
 */
import { measurementSpace, type Calibration, type Point2 } from '../dicom/calibration';
import { formatMeasurement, type Measurement } from './measure';
import type { NeedleWarning } from './needle';

/**
 * How far beyond the template's typical maximum a planned number may go before it is flagged:
 * "more than 50 % beyond" (issue 20), i.e. a value above 1.5 × the maximum. A BlockPlan rule for
 * catching calibration and drawing errors, not a clinical limit.
 */
export const PLAUSIBLE_BEYOND_TYPICAL_FACTOR = 1.5;

/**
 * Deepest image a calibration may imply before it is flagged, mm (30 cm, issue 20). The deepest
 * clinical ultrasound imaging (low-frequency curvilinear probes) reaches about 30–40 cm (the same
 * bound core/dicom PLAUSIBLE_MM_PER_PX uses); block imaging is far shallower, so an image deeper than
 * this almost always means a wrong scale. A BlockPlan rule, not a clinical limit.
 */
export const PLAUSIBLE_MAX_IMAGE_DEPTH_MM = 300;

/** What the plausibility rules are, for display beside their warnings. */
export const PLAUSIBILITY_LABEL = 'a BlockPlan plausibility check (issue 20), not a clinical limit';

/** One typical maximum from the block template, with where it comes from. */
export interface TypicalMaximum {
  /** The template's maximum (or its typical value when it gives no maximum), mm. */
  mm: number;
  /** Whether `mm` is the template's maximum or its typical (e.g. median) value. */
  basis: 'max' | 'typical';
  /** The template's source ids for the value, e.g. ["S6"]. */
  sourceIds: readonly string[];
  /** The reference marks the value [?] (uncertain). */
  uncertain: boolean;
}

/** What a needle path is compared with. Null members are not checked (the template gives no figure). */
export interface PlausibilityReference {
  /** Block name for the messages, e.g. "Thoracic paravertebral block". */
  blockName: string | null;
  /** The template's typical skin-to-target depth. */
  depth: TypicalMaximum | null;
  /** The template's longest typical needle: the path length is compared with it. */
  needleLength: TypicalMaximum | null;
  /** The length of the needle recorded in the case's note, mm (what the user entered). */
  plannedNeedleLengthMm: number | null;
}

/** The numbers of a needle path the rules read (core/geometry NeedleMetrics has them). */
export interface PlausibilityInput {
  pathLength: Measurement;
  targetDepth: Measurement;
}

/** The limit a value is flagged above: more than 50 % beyond the typical maximum, mm. */
export function plausibleLimitMm(t: TypicalMaximum): number {
  return t.mm * PLAUSIBLE_BEYOND_TYPICAL_FACTOR;
}

/**
 * The depth of the image the calibration implies at `at` (the target), mm: the height of the
 * calibrated ultrasound region containing it, else the image's rows, times the vertical scale. Null
 * when the point cannot be measured in mm.
 */
export function impliedImageDepthMm(calibration: Calibration, at: Point2, image: { rows: number }): { mm: number; rows: number; mmPerPx: number } | null {
  const space = measurementSpace([at], calibration);
  if (space.unit !== 'mm') return null;
  const rows = space.region ? space.region.y1 - space.region.y0 + 1 : image.rows;
  return { mm: rows * space.mmPerPxY, rows, mmPerPx: space.mmPerPxY };
}

const cite = (t: TypicalMaximum) => `${t.sourceIds.length ? ` [${t.sourceIds.join(', ')}]` : ''}${t.uncertain ? ' [?]' : ''}`;
const mm = (v: number) => formatMeasurement({ value: v, unit: 'mm' });

/**
 * The plausibility warnings of one needle path (severity `warning`):
 * - `implausible-depth`: the target depth, or the path length, is more than 50 % beyond the template's
 *   typical maximum depth, or longest typical needle (`about` says which);
 * - `needle-too-short`: the needle recorded in the note is shorter than the path in the image;
 * - `implausible-calibration`: the calibration implies an image deeper than 30 cm.
 * Numbers in px are not compared (the path already carries `uncalibrated`).
 */
export function plausibilityWarnings(
  m: PlausibilityInput,
  ref: PlausibilityReference,
  imageDepth: { mm: number; rows: number; mmPerPx: number } | null,
): NeedleWarning[] {
  const out: NeedleWarning[] = [];
  const block = ref.blockName ? `a ${ref.blockName.charAt(0).toLowerCase()}${ref.blockName.slice(1)}` : 'this block';
  if (m.targetDepth.unit === 'mm' && ref.depth && m.targetDepth.value > plausibleLimitMm(ref.depth)) {
    const what = ref.depth.basis === 'max' ? 'typical maximum depth' : 'typical depth';
    out.push({
      code: 'implausible-depth',
      severity: 'warning',
      about: 'target-depth',
      message: `Implausible depth: the target is ${formatMeasurement(m.targetDepth)} deep, more than 50% beyond the ${what} for ${block} (${mm(ref.depth.mm)}${cite(ref.depth)}; flagged above ${mm(plausibleLimitMm(ref.depth))}). Check the calibration and the target.`,
    });
  }
  if (m.pathLength.unit === 'mm' && ref.needleLength && m.pathLength.value > plausibleLimitMm(ref.needleLength)) {
    const what = ref.needleLength.basis === 'max' ? 'longest typical needle' : 'typical needle';
    out.push({
      code: 'implausible-depth',
      severity: 'warning',
      about: 'path-length',
      message: `Implausible path length: ${formatMeasurement(m.pathLength)}, more than 50% beyond the ${what} for ${block} (${mm(ref.needleLength.mm)}${cite(ref.needleLength)}; flagged above ${mm(plausibleLimitMm(ref.needleLength))}). Check the calibration and the path.`,
    });
  }
  if (m.pathLength.unit === 'mm' && ref.plannedNeedleLengthMm !== null && ref.plannedNeedleLengthMm < m.pathLength.value) {
    out.push({
      code: 'needle-too-short',
      severity: 'warning',
      about: 'path-length',
      message: `Needle too short: the needle in the note is ${mm(ref.plannedNeedleLengthMm)}, shorter than the ${formatMeasurement(m.pathLength)} path in the image (which leaves out the way from the skin puncture to the probe edge).`,
    });
  }
  if (imageDepth && imageDepth.mm > PLAUSIBLE_MAX_IMAGE_DEPTH_MM) {
    out.push({
      code: 'implausible-calibration',
      severity: 'warning',
      about: 'calibration',
      message: `Implausible calibration: it makes the image ${mm(imageDepth.mm)} deep (${imageDepth.rows} rows × ${imageDepth.mmPerPx.toFixed(3)} mm/px), deeper than 30 cm (${PLAUSIBILITY_LABEL}). Check the scale before trusting any number.`,
    });
  }
  return out;
}
