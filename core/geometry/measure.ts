/**
 * Calibrated 2D measurements on image-pixel geometry.
 *
 * Input points are image pixels (core/geometry/point.ts Point2). Every result is a `Measurement`
 * that names its unit: `mm` (or `mm²`) when the calibration rule (`measurementSpace`) allows it,
 * otherwise `px` (`px²`) with the reason the rule gave, which the UI shows next to the number.
 * Angles are `deg`; an angle computed on uncalibrated pixels says so (it assumes square pixels).
 */
import { measurementSpace, type Calibration, type MeasurementSpace } from '../dicom/calibration';
import type { Point2 } from './point';
import { ellipseArea, ellipseFromAxes, ellipsePerimeter, ellipsePoint, ellipseSemiAxes, type Ellipse2 } from './ellipse';
import { scaleShape, segmentShapeClosest, type Shape } from './outline';
import { closestPointOnSegment, polygonArea, polygonPerimeter, polylineLength } from './shapes';

/** Units a measurement can carry. */
export type MeasurementUnit = 'mm' | 'px' | 'deg' | 'mm²' | 'px²';

/**
 * A number with its unit. `reason` is set whenever the value is not calibrated (unit px/px², or an
 * angle computed on px coordinates): it is the calibration rule's explanation, for display.
 * `note` carries any other caveat (e.g. "beam direction assumed vertical").
 */
export interface Measurement {
  value: number;
  unit: MeasurementUnit;
  reason?: string;
  note?: string;
  /** True when the value is in mm by the user's manual calibration (shown as "(manual)" beside it). */
  manual?: true;
}

/** A coordinate frame to measure in: px scaled by (sx, sy) to mm, or unscaled px with a reason. */
export interface MetricFrame {
  unit: 'mm' | 'px';
  /** mm per px along x (1 in a px frame). */
  sx: number;
  /** mm per px along y (1 in a px frame). */
  sy: number;
  /** Set when unit is px. */
  reason?: string;
  space: MeasurementSpace;
}

/** The frame in which a measurement over these px points may be reported (the calibration rule). */
export function metricFrame(points: readonly Point2[], calibration: Calibration): MetricFrame {
  const space = measurementSpace(points, calibration);
  if (space.unit === 'mm') return { unit: 'mm', sx: space.mmPerPxX, sy: space.mmPerPxY, space };
  return { unit: 'px', sx: 1, sy: 1, reason: space.reason, space };
}

/** Map a px point into a frame's coordinates (mm or px). */
export function toFrame(p: Point2, f: MetricFrame): Point2 {
  return { x: p.x * f.sx, y: p.y * f.sy };
}

/** Map a frame point back to px. */
export function fromFrame(p: Point2, f: MetricFrame): Point2 {
  return { x: p.x / f.sx, y: p.y / f.sy };
}

/** A length in a frame, as a Measurement. */
export function lengthIn(value: number, f: MetricFrame): Measurement {
  return f.unit === 'mm' ? { value, unit: 'mm', ...manualFlag(f) } : { value, unit: 'px', reason: f.reason };
}

const manualFlag = (f: MetricFrame): { manual?: true } => (f.space.unit === 'mm' && f.space.source === 'manual' ? { manual: true } : {});

/** An area in a frame, as a Measurement. */
export function areaIn(value: number, f: MetricFrame): Measurement {
  return f.unit === 'mm' ? { value, unit: 'mm²', ...manualFlag(f) } : { value, unit: 'px²', reason: f.reason };
}

/** An angle computed in a frame, as a Measurement (flagged when the frame is px). */
export function angleIn(valueDeg: number, f: MetricFrame, note?: string): Measurement {
  const m: Measurement = { value: valueDeg, unit: 'deg' };
  if (f.unit === 'px') m.reason = `Angle measured on uncalibrated pixels (assumes square pixels): ${f.reason}`;
  if (note) m.note = note;
  return m;
}

/** Distance between two px points, calibrated when both lie in one spatial region. */
export function measureDistance(a: Point2, b: Point2, calibration: Calibration): Measurement {
  const f = metricFrame([a, b], calibration);
  const pa = toFrame(a, f);
  const pb = toFrame(b, f);
  return lengthIn(Math.hypot(pa.x - pb.x, pa.y - pb.y), f);
}

/** The geometric kinds of annotation BlockPlan draws (core/plan stores these). */
export type AnnotationKind = 'point' | 'line' | 'polyline' | 'contour' | 'ellipse' | 'arrow';
export type AnnotationRole = 'target' | 'landmark' | 'at-risk' | 'skin';

/**
 * The part of an annotation geometry needs. core/plan's Annotation satisfies it.
 *
 * Points by kind (image px):
 * - point: [p]
 * - line, arrow: [start, end] (arrow: tail, head)
 * - polyline: the vertices; `closed: true` makes it a filled contour
 * - contour: the vertices of a closed, filled outline (always closed)
 * - ellipse: [corner, opposite corner] of the axis-aligned bounding box, or
 *   [center, end of the first semi-axis, a point at the second semi-axis' distance] (rotated)
 */
export interface AnnotationGeometry {
  id: string;
  kind: AnnotationKind;
  points: readonly Point2[];
  closed?: boolean;
  role: AnnotationRole;
  label?: string;
  structureId?: string | null;
}

/** An ellipse annotation's ellipse in px (see AnnotationGeometry for the point conventions). */
export function annotationEllipse(points: readonly Point2[]): Ellipse2 | undefined {
  if (points.length === 2) {
    const [p, q] = points as [Point2, Point2];
    return ellipseFromAxes({ x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 }, Math.abs(q.x - p.x) / 2, Math.abs(q.y - p.y) / 2);
  }
  if (points.length >= 3) {
    const [c, a, b] = points as [Point2, Point2, Point2];
    const u = { x: a.x - c.x, y: a.y - c.y };
    const len = Math.hypot(u.x, u.y);
    if (len === 0) return undefined;
    // Second semi-axis: perpendicular to u, length = distance of b from the line through c along u.
    const perpLen = Math.abs((u.x * (b.y - c.y) - u.y * (b.x - c.x)) / len);
    return { center: c, u, v: { x: (-u.y / len) * perpLen, y: (u.x / len) * perpLen } };
  }
  return undefined;
}

/** The shape (in px) an annotation covers; undefined when it has too few points to measure. */
export function annotationShape(a: Pick<AnnotationGeometry, 'kind' | 'points' | 'closed'>): Shape | undefined {
  const pts = a.points.map((p) => ({ x: p.x, y: p.y }));
  if (pts.length === 0) return undefined;
  switch (a.kind) {
    case 'point':
      return { kind: 'point', p: pts[0]! };
    case 'line':
    case 'arrow':
      return pts.length >= 2 ? { kind: 'polyline', points: pts.slice(0, 2) } : { kind: 'point', p: pts[0]! };
    case 'polyline':
      return a.closed && pts.length >= 3 ? { kind: 'polygon', points: pts } : { kind: 'polyline', points: pts };
    case 'contour':
      return pts.length >= 3 ? { kind: 'polygon', points: pts } : { kind: 'polyline', points: pts };
    case 'ellipse': {
      const e = annotationEllipse(pts);
      return e ? { kind: 'ellipse', ellipse: e } : undefined;
    }
  }
}

/** The px points that decide the calibration of a measurement involving a shape. */
export function shapePoints(s: Shape): Point2[] {
  switch (s.kind) {
    case 'point':
      return [s.p];
    case 'polyline':
    case 'polygon':
      return s.points;
    case 'ellipse': {
      const { center: c, u, v } = s.ellipse;
      return [c, { x: c.x + u.x, y: c.y + u.y }, { x: c.x - u.x, y: c.y - u.y }, { x: c.x + v.x, y: c.y + v.y }, { x: c.x - v.x, y: c.y - v.y }];
    }
  }
}

/** Result of a calibrated closest-approach query; points are reported back in px. */
export interface MeasuredClosest {
  distance: Measurement;
  intersects: boolean;
  /** Nearest point on the segment, px. */
  onSegmentPx: Point2;
  /** Nearest point on the shape, px. */
  onShapePx: Point2;
  frame: MetricFrame;
}

/**
 * Smallest distance from segment ab (px) to a shape (px), calibrated by the rule applied to the two
 * closest points (the distance is the length between them): in mm when both lie in one spatial
 * region, else px with the reason. With anisotropic pixels the closest pair is found again in mm.
 */
export function measureSegmentToShape(a: Point2, b: Point2, shape: Shape, calibration: Calibration): MeasuredClosest {
  const pxClosest = segmentShapeClosest(a, b, shape);
  const frame = metricFrame([pxClosest.onSegment, pxClosest.onShape], calibration);
  if (frame.unit === 'px') {
    return { distance: lengthIn(pxClosest.distance, frame), intersects: pxClosest.intersects, onSegmentPx: pxClosest.onSegment, onShapePx: pxClosest.onShape, frame };
  }
  const c = segmentShapeClosest(toFrame(a, frame), toFrame(b, frame), scaleShape(shape, frame.sx, frame.sy));
  const onSeg = fromFrame(c.onSegment, frame);
  const onShape = fromFrame(c.onShape, frame);
  // With anisotropic pixels the pair found in mm can differ from the px pair: it must obey the rule too.
  const again = metricFrame([onSeg, onShape], calibration);
  if (again.unit !== 'mm' || again.sx !== frame.sx || again.sy !== frame.sy) {
    const reason = 'The nearest points lie in different calibrated areas, so no single scale applies.';
    const px: MetricFrame = { unit: 'px', sx: 1, sy: 1, reason, space: { unit: 'px', reason } };
    return { distance: lengthIn(pxClosest.distance, px), intersects: pxClosest.intersects, onSegmentPx: pxClosest.onSegment, onShapePx: pxClosest.onShape, frame: px };
  }
  return { distance: lengthIn(c.distance, frame), intersects: c.intersects, onSegmentPx: onSeg, onShapePx: onShape, frame };
}

/** How the skin line was chosen for depths. */
export type SkinSource = 'annotation' | 'region-top' | 'transducer-face' | 'image-top';

/** The skin line (px polyline) depths are measured from. */
export interface SkinLine {
  source: SkinSource;
  points: Point2[];
  /** The skin annotation's id when source is 'annotation'. */
  annotationId?: string;
}

/**
 * The skin line for a point: the user's `skin` annotation (line/polyline/arrow) when there is one,
 * else the top edge of the spatial ultrasound region containing the point (the probe face on a
 * linear image), else the transducer face the user marked with a manual calibration (its row,
 * `ManualCalibration.faceY`) when the manual calibration measures the point, else the top of the image.
 */
export function skinLineFor(ref: Point2, annotations: readonly AnnotationGeometry[], calibration: Calibration, image?: { columns: number }): SkinLine {
  const skin = annotations.find((a) => a.role === 'skin' && a.points.length >= 2 && a.kind !== 'point' && a.kind !== 'ellipse');
  if (skin) return { source: 'annotation', points: skin.points.map((p) => ({ ...p })), annotationId: skin.id };
  const space = measurementSpace([ref], calibration);
  if (space.unit === 'mm' && space.region) {
    const r = space.region;
    return { source: 'region-top', points: [{ x: r.x0, y: r.y0 }, { x: r.x1 + 1, y: r.y0 }] };
  }
  // Without the image width, a line long enough that its ends never matter.
  const [left, right] = image ? [0, image.columns] : [-1e7, 1e7];
  const faceY = calibration.manual?.faceY;
  if (space.unit === 'mm' && space.source === 'manual' && faceY !== undefined) return { source: 'transducer-face', points: [{ x: left, y: faceY }, { x: right, y: faceY }] };
  return { source: 'image-top', points: [{ x: left, y: 0 }, { x: right, y: 0 }] };
}

/** Depth of a point below the skin line: the shortest distance to it (vertical for a horizontal line). */
export function measureDepth(p: Point2, skin: SkinLine, calibration: Calibration): MeasuredClosest {
  return measureSegmentToShape(p, p, { kind: 'polyline', points: skin.points }, calibration);
}

/** Measurements of one annotation, by kind. Absent fields do not apply to the kind. */
export interface AnnotationMetrics {
  id: string;
  kind: AnnotationKind;
  /** line, arrow, open polyline. */
  length?: Measurement;
  /** contour, closed polyline, ellipse. */
  perimeter?: Measurement;
  area?: Measurement;
  /** ellipse: principal semi-axes (a ≥ b). */
  semiAxes?: { a: Measurement; b: Measurement };
  /** Shallowest depth of the shape below the skin line (0 when it reaches the skin). Not for skin annotations. */
  depth?: Measurement;
  skin?: SkinSource;
}

/**
 * Measure an annotation: length, perimeter/area or ellipse axes in mm when all its points lie in one
 * calibrated region (else px with the reason), and its shallowest depth below the skin line.
 */
export function computeAnnotationMetrics(
  a: AnnotationGeometry,
  annotations: readonly AnnotationGeometry[],
  calibration: Calibration,
  image?: { columns: number; rows: number },
): AnnotationMetrics {
  const out: AnnotationMetrics = { id: a.id, kind: a.kind };
  const shape = annotationShape(a);
  if (!shape) return out;
  const f = metricFrame(shapePoints(shape), calibration);
  const s = scaleShape(shape, f.sx, f.sy);
  if (s.kind === 'polyline' && s.points.length >= 2) out.length = lengthIn(polylineLength(s.points), f);
  if (s.kind === 'polygon') {
    out.perimeter = lengthIn(polygonPerimeter(s.points), f);
    out.area = areaIn(polygonArea(s.points), f);
  }
  if (s.kind === 'ellipse') {
    out.perimeter = lengthIn(ellipsePerimeter(s.ellipse), f);
    out.area = areaIn(ellipseArea(s.ellipse), f);
    const ax = ellipseSemiAxes(s.ellipse);
    out.semiAxes = { a: lengthIn(ax.a, f), b: lengthIn(ax.b, f) };
  }
  if (a.role !== 'skin') {
    const ref = shape.kind === 'ellipse' ? shape.ellipse.center : shapePoints(shape)[0]!;
    const skin = skinLineFor(ref, annotations, calibration, image);
    // Shallowest point of the shape relative to the skin polyline: closest approach skin ↔ shape.
    // Rank the skin segments cheaply first (ellipses as a 64-gon, in px scaled by the shape's frame),
    // then measure exactly against the two nearest: the result is the same, ~10× faster on long skins.
    const approx: Shape = shape.kind === 'ellipse' ? { kind: 'polygon', points: Array.from({ length: 64 }, (_, k) => ellipsePoint(shape.ellipse, (2 * Math.PI * k) / 64)) } : shape;
    const scaledApprox = scaleShape(approx, f.sx, f.sy);
    const ranked = skin.points
      .slice(1)
      .map((p, i) => ({ i, d: segmentShapeClosest(toFrame(skin.points[i]!, f), toFrame(p, f), scaledApprox).distance }))
      .sort((x, y) => x.d - y.d)
      .slice(0, 2);
    let best: MeasuredClosest | undefined;
    for (const { i } of ranked) {
      const m = measureSegmentToShape(skin.points[i]!, skin.points[i + 1]!, shape, calibration);
      if (!best || compareMeasured(m, best) < 0) best = m;
    }
    if (best) {
      out.depth = best.distance;
      out.skin = skin.source;
    }
  }
  return out;
}

/** Order two measured distances; an mm value beats a px value only when both are the same unit. */
function compareMeasured(a: MeasuredClosest, b: MeasuredClosest): number {
  if (a.distance.unit === b.distance.unit) return a.distance.value - b.distance.value;
  return a.distance.unit === 'mm' ? -1 : 1;
}

/** Nearest point of a px polyline to p (px). */
export function nearestOnPolyline(p: Point2, pts: readonly Point2[]): { point: Point2; segment: number } {
  let best = { point: pts[0]!, segment: 0, d: Infinity };
  for (let i = 1; i < pts.length; i++) {
    const q = closestPointOnSegment(p, pts[i - 1]!, pts[i]!);
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d < best.d) best = { point: q, segment: i - 1, d };
  }
  return { point: best.point, segment: best.segment };
}

/**
 * Format a measurement for display: "50.0 mm", "23 px", "34.2°", and "50.0 mm (manual)" when the
 * scale is the user's manual calibration (the status shown wherever a number is). Units are always printed; the
 * reason is not (show it beside the number, e.g. as a tooltip or a footnote). A missing value is an
 * em dash.
 */
export function formatMeasurement(m: Measurement | null | undefined, digits = 1): string {
  if (!m) return '—';
  const v = m.value.toFixed(m.unit === 'px' || m.unit === 'px²' ? 0 : digits);
  return m.unit === 'deg' ? `${v}°` : `${v} ${m.unit}${m.manual ? ' (manual)' : ''}`;
}
