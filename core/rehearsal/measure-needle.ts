/**
 * The needle part of an attempt, measured against the expert's: target error, angle between the
 * paths, whether the target lies in the expert's target structure, and the clearance of the trainee's
 * path from the expert's at-risk structures with the margin that counts as critical for each.
 * Distances and clearances are core/geometry's needle metrics (`computeNeedleMetrics`), the same
 * numbers the plan panel and `blockplan measure` show.
 */
import type { Calibration, Point2 } from '../dicom/calibration';
import {
  annotationShape,
  computeNeedleMetrics,
  dot,
  measureDistance,
  measureSegmentToShape,
  metricFrame,
  norm,
  sub,
  toFrame,
  MARGIN_LABEL,
  type Measurement,
  type NeedleMetrics,
} from '../geometry/index';
import { annotationsForPath, beamOf, type Case, type Clip, type NeedlePath } from '../plan/index';
import { shapeContains, isFilled } from './overlap';
import type { ResolvedRehearsal } from './settings';
import { structureName } from './settings';
import { getBlockTemplate } from '../blocks/index';

/** Where the critical margin of an at-risk structure comes from. */
export type MarginOrigin = 'educator' | 'case' | 'expert-clearance';

export interface ClearanceMeasure {
  annotationId: string;
  name: string;
  structureId: string | null;
  /** Smallest distance from the trainee's path (entry → target), 0 when crossing. */
  distance: Measurement;
  crosses: boolean;
  /** Below this clearance the path is a critical error, mm; null when the distance is in px (no mm margin applies). */
  criticalMarginMm: number | null;
  marginOrigin: MarginOrigin;
  /** How the margin was chosen, in words. */
  marginNote: string;
  /** The line beyond the trainee's target crosses the structure (overshoot would reach it). */
  extensionCrosses: boolean;
  /** The same for the expert's path (an expert target beside the aorta overshoots into it too). */
  expertExtensionCrosses: boolean;
  /** The expert path's clearance from it. */
  expertDistance: Measurement;
  nearestOnPathPx: Point2;
  nearestOnStructurePx: Point2;
}

export interface NeedleMeasure {
  expertPathId: string;
  /** The trainee's path on the rehearsal clip, or null when there is none. */
  traineePathId: string | null;
  /** Trainee's target to the expert's, mm when calibrated (else px with the reason). */
  targetError: Measurement | null;
  /** Angle between the directions entry → target of the two paths, degrees (0–180); null for a zero-length path. */
  angleErrorDeg: number | null;
  /** Whether the trainee's target lies in one of the expert's target structures; checked false when the case marks none. */
  target: { checked: boolean; inside: boolean; names: string[]; annotationIds: string[] };
  clearances: ClearanceMeasure[];
  traineePath: Pick<NeedlePath, 'entry' | 'target' | 'mode'> | null;
  expertPath: Pick<NeedlePath, 'entry' | 'target' | 'mode'>;
  traineeMetrics: NeedleMetrics | null;
}

/** Angle between two directed segments a0→a1 and b0→b1 in the calibrated frame, degrees 0–180. */
function directionAngleDeg(a0: Point2, a1: Point2, b0: Point2, b1: Point2, cal: Calibration): number | null {
  const f = metricFrame([a0, a1, b0, b1], cal);
  const da = sub(toFrame(a1, f), toFrame(a0, f));
  const db = sub(toFrame(b1, f), toFrame(b0, f));
  const n = norm(da) * norm(db);
  if (n === 0) return null;
  const c = Math.max(-1, Math.min(1, dot(da, db) / n));
  return (Math.acos(c) * 180) / Math.PI;
}

/** Measure the trainee's needle path on `clip` against the expert's. */
export function measureNeedle(expert: Case, attempt: Case, clip: Clip, attemptClipId: string, cal: Calibration, r: ResolvedRehearsal): NeedleMeasure | null {
  const expertPath = expert.needlePaths.find((n) => n.id === r.needlePathId);
  if (!expertPath) return null;
  const template = expert.block.templateId ? getBlockTemplate(expert.block.templateId) : undefined;
  const traineePath = attempt.needlePaths.find((n) => n.clipId === attemptClipId) ?? null;
  const settings = { marginMm: expert.settings.marginMm, steepAngleDeg: expert.settings.steepAngleDeg, image: { columns: clip.columns, rows: clip.rows }, beam: beamOf(clip) };
  const expertAnns = annotationsForPath(expert, expertPath);
  const expertMetrics = computeNeedleMetrics(expertPath, expertAnns, cal, settings);
  const base = { expertPathId: expertPath.id, expertPath: { entry: expertPath.entry, target: expertPath.target, mode: expertPath.mode } };
  const targets = expert.annotations.filter((a) => a.clipId === clip.id && a.role === 'target');
  if (!traineePath) {
    return { ...base, traineePathId: null, targetError: null, angleErrorDeg: null, target: { checked: targets.length > 0, inside: false, names: targets.map((a) => structureName(a, template)), annotationIds: targets.map((a) => a.id) }, clearances: [], traineePath: null, traineeMetrics: null };
  }
  // The trainee's path against the EXPERT's structures: the ground truth, not the trainee's own marks.
  const anns = annotationsForPath(expert, { clipId: clip.id, frameIndex: traineePath.frameIndex });
  const metrics = computeNeedleMetrics(traineePath, anns, cal, settings);

  // Target inside the expert's target structure (containment is unchanged by the px → mm scaling).
  const shapes = targets.map((a) => ({ a, s: annotationShape(a) })).filter((x) => x.s !== undefined);
  const filled = shapes.filter((x) => isFilled(x.s!));
  let inside = false;
  if (filled.length > 0) inside = filled.some((x) => shapeContains(x.s!, traineePath.target));
  else if (shapes.length > 0) {
    inside = shapes.some((x) => {
      const d = measureSegmentToShape(traineePath.target, traineePath.target, x.s!, cal).distance;
      return d.unit === 'mm' && d.value <= r.tolerances.targetFullMm;
    });
  }

  const clearances: ClearanceMeasure[] = [];
  for (const c of metrics.clearances) {
    const a = expert.annotations.find((x) => x.id === c.annotationId)!;
    const ex = expertMetrics.clearances.find((x) => x.annotationId === c.annotationId);
    const expertDistance = ex?.path.distance ?? c.path.distance;
    let criticalMarginMm: number | null;
    let marginOrigin: MarginOrigin;
    let marginNote: string;
    const educator = r.margins[c.annotationId];
    if (educator !== undefined) {
      criticalMarginMm = educator;
      marginOrigin = 'educator';
      marginNote = `${educator} mm, set by the educator for this case`;
    } else if (expertDistance.unit === 'mm' && expertDistance.value < expert.settings.marginMm) {
      const allowance = r.tolerances.marginAllowanceMm;
      criticalMarginMm = Math.max(0, expertDistance.value - allowance);
      marginOrigin = 'expert-clearance';
      marginNote = `${criticalMarginMm.toFixed(1)} mm: the expert's own path passes ${expertDistance.value.toFixed(1)} mm from it, inside the case margin of ${expert.settings.marginMm} mm (${MARGIN_LABEL}), so the critical margin is that clearance less ${allowance} mm (a BlockPlan default)`;
    } else {
      criticalMarginMm = expert.settings.marginMm;
      marginOrigin = 'case';
      marginNote = `${expert.settings.marginMm} mm, the case margin (${MARGIN_LABEL})`;
    }
    if (c.path.distance.unit !== 'mm') criticalMarginMm = null;
    clearances.push({
      annotationId: c.annotationId,
      name: structureName(a, template),
      structureId: a.structureId,
      distance: c.path.distance,
      crosses: c.path.crosses,
      criticalMarginMm,
      marginOrigin,
      marginNote,
      extensionCrosses: c.extension?.crosses ?? false,
      expertExtensionCrosses: ex?.extension?.crosses ?? false,
      expertDistance,
      nearestOnPathPx: c.path.nearestOnPathPx,
      nearestOnStructurePx: c.path.nearestOnStructurePx,
    });
  }
  return {
    ...base,
    traineePathId: traineePath.id,
    targetError: measureDistance(expertPath.target, traineePath.target, cal),
    angleErrorDeg: directionAngleDeg(expertPath.entry, expertPath.target, traineePath.entry, traineePath.target, cal),
    target: { checked: targets.length > 0, inside, names: targets.map((a) => structureName(a, template)), annotationIds: targets.map((a) => a.id) },
    clearances,
    traineePath: { entry: traineePath.entry, target: traineePath.target, mode: traineePath.mode },
    traineeMetrics: metrics,
  };
}
