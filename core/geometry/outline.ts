/**
 * The measurable shapes of an annotation (a point, an open polyline, a filled polygon or ellipse) and
 * their closest approach to a segment (a needle path), unit-free like ./shapes.ts.
 */
import { segmentEllipseClosest, type Ellipse2 } from './ellipse';
import type { Point2 } from './point';
import { segmentPolygonClosest, segmentPolylineClosest, type Closest } from './shapes';

/** A measurable shape; `polygon` and `ellipse` are filled regions, `polyline` is a line. */
export type Shape =
  | { kind: 'point'; p: Point2 }
  | { kind: 'polyline'; points: Point2[] }
  | { kind: 'polygon'; points: Point2[] }
  | { kind: 'ellipse'; ellipse: Ellipse2 };

/** Closest approach of segment ab and any shape. */
export function segmentShapeClosest(a: Point2, b: Point2, s: Shape): Closest {
  switch (s.kind) {
    case 'point':
      return segmentPolylineClosest(a, b, [s.p]);
    case 'polyline':
      return segmentPolylineClosest(a, b, s.points);
    case 'polygon':
      return segmentPolygonClosest(a, b, s.points);
    case 'ellipse':
      return segmentEllipseClosest(a, b, s.ellipse);
  }
}

/** Apply x/y scale factors to a shape (e.g. px → mm with mmPerPxX, mmPerPxY). */
export function scaleShape(s: Shape, sx: number, sy: number): Shape {
  const f = (p: Point2): Point2 => ({ x: p.x * sx, y: p.y * sy });
  switch (s.kind) {
    case 'point':
      return { kind: 'point', p: f(s.p) };
    case 'polyline':
      return { kind: 'polyline', points: s.points.map(f) };
    case 'polygon':
      return { kind: 'polygon', points: s.points.map(f) };
    case 'ellipse':
      return { kind: 'ellipse', ellipse: { center: f(s.ellipse.center), u: f(s.ellipse.u), v: f(s.ellipse.v) } };
  }
}
