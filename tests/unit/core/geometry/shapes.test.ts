import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ellipseArea,
  ellipseFromAxes,
  ellipsePerimeter,
  ellipsePoint,
  ellipseSemiAxes,
  pointInPolygon,
  pointSegmentDistance,
  polygonArea,
  polylineLength,
  rayExitFromBox,
  segmentEllipseClosest,
  segmentEllipseDistance,
  segmentPolygonDistance,
  segmentPolylineDistance,
  segmentSegmentDistance,
  segmentsIntersect,
  simplifyPolyline,
  distanceToOutline,
  type Ellipse2,
  type Point2,
} from '../../../../core/geometry/index';

const P = (x: number, y: number): Point2 => ({ x, y });

describe('hand-computed distances', () => {
  it('point to segment: perpendicular foot, and clamped to the nearer end', () => {
    expect(pointSegmentDistance(P(5, 5), P(0, 0), P(10, 0))).toBe(5);
    expect(pointSegmentDistance(P(13, 4), P(0, 0), P(10, 0))).toBe(5); // 3-4-5 from (10,0)
    expect(pointSegmentDistance(P(3, 4), P(0, 0), P(0, 0))).toBe(5); // degenerate segment
  });

  it('segment to segment: crossing 0, parallel gap, skew end to segment', () => {
    expect(segmentSegmentDistance(P(0, 0), P(10, 10), P(0, 10), P(10, 0))).toBe(0);
    expect(segmentSegmentDistance(P(0, 0), P(10, 0), P(0, 3), P(10, 3))).toBe(3);
    expect(segmentSegmentDistance(P(0, 0), P(10, 0), P(13, 4), P(20, 10))).toBe(5);
    expect(segmentsIntersect(P(0, 0), P(10, 0), P(10, 0), P(20, 5))).toBe(true); // touching at an end
    expect(segmentsIntersect(P(0, 0), P(10, 0), P(5, 0), P(20, 0))).toBe(true); // collinear overlap
    expect(segmentsIntersect(P(0, 0), P(10, 0), P(11, 0), P(20, 0))).toBe(false); // collinear, apart
  });

  it('segment to polyline and polygon (filled: 0 inside)', () => {
    const square = [P(0, 0), P(10, 0), P(10, 10), P(0, 10)];
    expect(segmentPolygonDistance(P(2, 2), P(3, 3), square)).toBe(0); // wholly inside
    expect(segmentPolylineDistance(P(2, 2), P(3, 3), [...square, square[0]!])).toBe(2); // the outline only: (2,2) is 2 from the edges x=0 and y=0
    expect(segmentPolygonDistance(P(13, 4), P(20, 4), square)).toBe(3);
    expect(segmentPolygonDistance(P(-5, 5), P(15, 5), square)).toBe(0); // passes through
    expect(polygonArea(square)).toBe(100);
    expect(polygonArea([P(0, 0), P(4, 0), P(0, 3)])).toBe(6);
    expect(polylineLength([P(0, 0), P(3, 4), P(3, 10)])).toBe(11);
    expect(pointInPolygon(P(10, 5), square)).toBe(true); // on the boundary
    expect(pointInPolygon(P(10.001, 5), square)).toBe(false);
  });

  it('segment to ellipse: circle gap, tangent, through, inside; rotated ellipse', () => {
    const circle = ellipseFromAxes(P(0, 0), 5, 5);
    expect(segmentEllipseDistance(P(-10, 8), P(10, 8), circle)).toBeCloseTo(3, 9);
    expect(segmentEllipseDistance(P(-10, 5), P(10, 5), circle)).toBeCloseTo(0, 9);
    expect(segmentEllipseDistance(P(-10, 0), P(10, 0), circle)).toBe(0);
    expect(segmentEllipseClosest(P(-1, 0), P(1, 0), circle).intersects).toBe(true);
    // Ellipse rx=10, ry=2 rotated 90°: it spans y ∈ [-10, 10], x ∈ [-2, 2]. A vertical segment at x=5 is 3 away.
    const tall = ellipseFromAxes(P(0, 0), 10, 2, Math.PI / 2);
    expect(segmentEllipseDistance(P(5, -20), P(5, 20), tall)).toBeCloseTo(3, 9);
    // End of the major axis: segment from (13,0) to (20,0) vs axis-aligned rx=10 → 3.
    expect(segmentEllipseDistance(P(13, 0), P(20, 0), ellipseFromAxes(P(0, 0), 10, 2))).toBeCloseTo(3, 9);
  });

  it('ellipse area, axes and perimeter', () => {
    const e = ellipseFromAxes(P(3, 4), 10, 5, 0.7);
    expect(ellipseArea(e)).toBeCloseTo(Math.PI * 50, 10);
    const ax = ellipseSemiAxes(e);
    expect(ax.a).toBeCloseTo(10, 10);
    expect(ax.b).toBeCloseTo(5, 10);
    expect(ellipsePerimeter(ellipseFromAxes(P(0, 0), 5, 5))).toBeCloseTo(10 * Math.PI, 10);
    // Numerical arc length of the rx=10, ry=5 ellipse as an independent reference.
    let s = 0;
    const N = 200000;
    for (let i = 0; i < N; i++) {
      const a = ellipsePoint(e, (2 * Math.PI * i) / N);
      const b = ellipsePoint(e, (2 * Math.PI * (i + 1)) / N);
      s += Math.hypot(b.x - a.x, b.y - a.y);
    }
    expect(ellipsePerimeter(e)).toBeCloseTo(s, 5);
  });

  it('ray exit from a box', () => {
    expect(rayExitFromBox(P(400, 500), P(300, 400), { x0: 0, y0: 0, x1: 800, y1: 600 })).toEqual(P(475, 600));
    expect(rayExitFromBox(P(10, 10), P(-1, 0), { x0: 0, y0: 0, x1: 800, y1: 600 })).toEqual(P(0, 10));
    expect(rayExitFromBox(P(900, 10), P(1, 0), { x0: 0, y0: 0, x1: 800, y1: 600 })).toBeUndefined();
  });
});

// ---- property tests ----
const coord = fc.double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true });
const pt = fc.record({ x: coord, y: coord });
const ipt = fc.record({ x: fc.integer({ min: -50, max: 50 }), y: fc.integer({ min: -50, max: 50 }) });
const ellipseArb: fc.Arbitrary<Ellipse2> = fc
  .record({ c: pt, rx: fc.double({ min: 0.5, max: 300, noNaN: true }), ry: fc.double({ min: 0.5, max: 300, noNaN: true }), rot: fc.double({ min: 0, max: Math.PI, noNaN: true }) })
  .map(({ c, rx, ry, rot }) => ellipseFromAxes(c, rx, ry, rot));

/** Brute force: sample both the segment and the ellipse boundary densely (an independent reference). */
function bruteSegmentEllipse(a: Point2, b: Point2, e: Ellipse2): number {
  let best = Infinity;
  const N = 4000;
  for (let i = 0; i < N; i++) best = Math.min(best, pointSegmentDistance(ellipsePoint(e, (2 * Math.PI * i) / N), a, b));
  return best;
}

describe('distance properties (fast-check)', () => {
  it('near-collinear touching segments give the same distance in every order (fast-check counterexample)', () => {
    const a = { x: 0, y: -5e-10 };
    const b = { x: 499.9999999995, y: 0 };
    const c = { x: 0, y: 0 };
    const x = segmentSegmentDistance(a, b, c, c);
    expect(segmentSegmentDistance(c, c, a, b)).toBeCloseTo(x, 9);
    expect(segmentSegmentDistance(b, a, c, c)).toBeCloseTo(x, 9);
    expect(x).toBeLessThan(1e-9);
  });

  it('segment–segment distance is symmetric and order-independent', () => {
    fc.assert(
      fc.property(pt, pt, pt, pt, (a, b, c, d) => {
        const x = segmentSegmentDistance(a, b, c, d);
        expect(segmentSegmentDistance(c, d, a, b)).toBeCloseTo(x, 9);
        expect(segmentSegmentDistance(b, a, d, c)).toBeCloseTo(x, 9);
      }),
    );
  });

  it('triangle inequality: d(p, S) ≤ |p − q| + d(q, S)', () => {
    fc.assert(
      fc.property(pt, pt, pt, pt, (p, q, a, b) => {
        expect(pointSegmentDistance(p, a, b)).toBeLessThanOrEqual(Math.hypot(p.x - q.x, p.y - q.y) + pointSegmentDistance(q, a, b) + 1e-9);
      }),
    );
  });

  it('distance is 0 exactly when the segments intersect (integer coordinates, exact arithmetic)', () => {
    fc.assert(
      fc.property(ipt, ipt, ipt, ipt, (a, b, c, d) => {
        const inter = segmentsIntersect(a, b, c, d);
        expect(segmentSegmentDistance(a, b, c, d) === 0).toBe(inter);
        // Independent check by dense sampling of ab against cd
        let min = Infinity;
        for (let i = 0; i <= 400; i++) {
          const t = i / 400;
          min = Math.min(min, pointSegmentDistance({ x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t }, c, d));
        }
        if (!inter) expect(min).toBeGreaterThan(0);
      }),
    );
  });

  it('distances are invariant under translation and scale linearly', () => {
    fc.assert(
      fc.property(pt, pt, pt, pt, pt, fc.double({ min: 0.01, max: 100, noNaN: true }), (a, b, c, d, t, k) => {
        const tr = (p: Point2) => ({ x: p.x + t.x, y: p.y + t.y });
        const sc = (p: Point2) => ({ x: p.x * k, y: p.y * k });
        const x = segmentSegmentDistance(a, b, c, d);
        expect(segmentSegmentDistance(tr(a), tr(b), tr(c), tr(d))).toBeCloseTo(x, 6);
        expect(segmentSegmentDistance(sc(a), sc(b), sc(c), sc(d))).toBeCloseTo(x * k, 5);
      }),
    );
  });

  it('segment–polygon distance is 0 iff an endpoint is inside or the segment crosses an edge', () => {
    fc.assert(
      fc.property(ipt, ipt, fc.array(ipt, { minLength: 3, maxLength: 6 }), (a, b, poly) => {
        const d = segmentPolygonDistance(a, b, poly);
        const crosses = poly.some((p, i) => segmentsIntersect(a, b, p, poly[(i + 1) % poly.length]!));
        expect(d === 0).toBe(crosses || pointInPolygon(a, poly));
      }),
    );
  });

  it('segment–ellipse distance matches brute-force sampling, and 0 iff crossing or inside', () => {
    fc.assert(
      fc.property(pt, pt, ellipseArb, (a, b, e) => {
        const c = segmentEllipseClosest(a, b, e);
        const brute = bruteSegmentEllipse(a, b, e);
        // brute force over-estimates by at most the sampling gap; ours must never exceed it
        expect(c.distance).toBeLessThanOrEqual(brute + 1e-9);
        if (!c.intersects) {
          const { a: major } = ellipseSemiAxes(e);
          const gap = (2 * Math.PI * major) / 4000;
          expect(brute - c.distance).toBeLessThanOrEqual(gap);
          expect(c.distance).toBeGreaterThan(0);
        } else {
          expect(c.distance).toBe(0);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('segment–ellipse distance is invariant under translation and rotation', () => {
    fc.assert(
      fc.property(pt, pt, ellipseArb, pt, fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }), (a, b, e, t, th) => {
        const cos = Math.cos(th);
        const sin = Math.sin(th);
        const rot = (p: Point2) => ({ x: p.x * cos - p.y * sin + t.x, y: p.x * sin + p.y * cos + t.y });
        const rv = (p: Point2) => ({ x: p.x * cos - p.y * sin, y: p.x * sin + p.y * cos });
        const e2: Ellipse2 = { center: rot(e.center), u: rv(e.u), v: rv(e.v) };
        const d1 = segmentEllipseDistance(a, b, e);
        const d2 = segmentEllipseDistance(rot(a), rot(b), e2);
        expect(Math.abs(d1 - d2)).toBeLessThan(1e-6 * (1 + d1));
      }),
      { numRuns: 200 },
    );
  });
});

describe('outlines drawn by hand', () => {
  it('computes distances to outlines by hand', () => {
    const sq = [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }, { x: 0, y: 10 }];
    expect(distanceToOutline({ x: 5, y: 5 }, sq, true, true)).toBe(0);
    expect(distanceToOutline({ x: 5, y: 5 }, sq, true, false)).toBe(5);
    expect(distanceToOutline({ x: 13, y: 14 }, sq, true, false)).toBe(5); // to the corner (10,10): 3-4-5
    // Open polyline: the closing edge does not count.
    expect(distanceToOutline({ x: -3, y: 5 }, sq, false, false)).toBeCloseTo(Math.hypot(3, 5), 12);
  });

  it('simplifyPolyline (Douglas–Peucker) keeps a shape within the tolerance', () => {
    const line = Array.from({ length: 50 }, (_, i) => ({ x: i, y: i % 2 === 0 ? 0 : 0.2 }));
    expect(simplifyPolyline(line, 0.5)).toEqual([{ x: 0, y: 0 }, { x: 49, y: 0.2 }]);
    const corner = [{ x: 0, y: 0 }, { x: 5, y: 0.1 }, { x: 10, y: 0 }, { x: 10, y: 10 }];
    expect(simplifyPolyline(corner, 0.5)).toEqual([{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }]);
  });
});
