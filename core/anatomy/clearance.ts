/**
 * Segment queries over a mesh's triangles for needle clearance: the per-triangle searches (nearest
 * triangle, first crossing, crossing count) that every spatial index runs at its leaves, the
 * brute-force reference queries (the same searches over every triangle) and the inside rule. The
 * clearance rules (./clearance-report.ts) run over any spatial index; the BVH index
 * (renderer/scene3d/bvh.ts, three-mesh-bvh) only prunes which triangles it offers, so it returns the
 * same answers as the reference, only faster; tests and the benchmark compare the two. The exact
 * geometric primitives (Ericson 2005, Möller–Trumbore 1997) are in ./clearance-primitives.ts.
 *
 * Units: mm throughout (the needle segment and the mesh must be in the same frame, patient LPS mm).
 */
import { closestScratch, segmentTriangleDistanceSq, segmentTriangleIntersect } from './clearance-primitives';
import type { TriMesh } from './mesh';
import type { Vec3 } from './vec3';

/** A needle (or any straight segment) from `start` to `end`, mm. */
export interface Segment3 {
  start: Vec3;
  end: Vec3;
}

export interface SegmentMeshDistance {
  /** Smallest distance between the segment and the surface, mm (0 when they touch or cross). */
  distanceMm: number;
  /** Closest point on the segment. */
  pointOnSegment: Vec3;
  /** Closest point on the surface. */
  pointOnMesh: Vec3;
  /** Parameter of `pointOnSegment`: 0 at start, 1 at end. */
  t: number;
  triangleIndex: number;
}

export interface SegmentHit {
  /** Distance from the segment start to the hit, mm. */
  distanceMm: number;
  /** Parameter along the segment, 0..1. */
  t: number;
  point: Vec3;
  triangleIndex: number;
}

/** The primitives, for spatial indexes (box pruning) and tests. */
export { pointTriangleDistanceSq, segmentBoxDistanceSq, segmentSegmentDistanceSq, segmentTriangleDistanceSq, segmentTriangleIntersect } from './clearance-primitives';

// ---------- per-triangle searches: the same rule for the brute-force reference and every spatial index ----------

/**
 * The nearest-triangle search of one segment. Offer it runs of triangles in any order — every
 * triangle (the brute-force reference) or those a spatial index has not pruned — then read
 * `result()`. `bestSq` is the smallest squared distance so far (mm²), for pruning; with
 * `maxDistanceMm`, only triangles at most that far count.
 */
export class NearestTriangleSearch {
  bestSq: number;
  private bestTri = -1;
  private readonly keep = new Float64Array(7);
  private readonly seg: Segment3;
  private readonly positions: Float32Array;

  constructor(seg: Segment3, positions: Float32Array, maxDistanceMm = Infinity) {
    this.seg = seg;
    this.positions = positions;
    this.bestSq = maxDistanceMm === Infinity ? Infinity : maxDistanceMm * maxDistanceMm;
  }

  /** Test triangles `first` … `first + count − 1` of `index` (three vertex indices each); true once one touches the segment (nothing can be closer). */
  offerRange(index: Uint32Array, first: number, count: number): boolean {
    const P = this.positions;
    const [px, py, pz] = this.seg.start;
    const [qx, qy, qz] = this.seg.end;
    for (let t = first, end = first + count; t < end; t++) {
      const a = index[t * 3]! * 3, b = index[t * 3 + 1]! * 3, c = index[t * 3 + 2]! * 3;
      const d = segmentTriangleDistanceSq(px, py, pz, qx, qy, qz, P[a]!, P[a + 1]!, P[a + 2]!, P[b]!, P[b + 1]!, P[b + 2]!, P[c]!, P[c + 1]!, P[c + 2]!);
      if (d < this.bestSq || (this.bestTri < 0 && d <= this.bestSq)) {
        this.bestSq = d;
        this.bestTri = t;
        this.keep.set(closestScratch);
        if (d === 0) return true;
      }
    }
    return false;
  }

  /** The nearest triangle found, or undefined when none was offered (or none within `maxDistanceMm`). */
  result(): SegmentMeshDistance | undefined {
    if (this.bestTri < 0) return undefined;
    const k = this.keep;
    return { distanceMm: Math.sqrt(this.bestSq), pointOnSegment: [k[0]!, k[1]!, k[2]!], pointOnMesh: [k[3]!, k[4]!, k[5]!], t: k[6]!, triangleIndex: this.bestTri };
  }
}

/** The first-crossing search of one segment, from `seg.start` toward `seg.end`; offered triangles as `NearestTriangleSearch`. `bestT` is the nearest crossing so far (segment parameter, Infinity for none). */
export class FirstCrossingSearch {
  bestT = Infinity;
  private bestTri = -1;
  private readonly start: Vec3;
  private readonly dir: Vec3;
  private readonly positions: Float32Array;

  constructor(seg: Segment3, positions: Float32Array) {
    this.start = seg.start;
    this.dir = [seg.end[0] - seg.start[0], seg.end[1] - seg.start[1], seg.end[2] - seg.start[2]];
    this.positions = positions;
  }

  /** Test triangles `first` … `first + count − 1` of `index`. */
  offerRange(index: Uint32Array, first: number, count: number): void {
    const P = this.positions;
    const [px, py, pz] = this.start;
    const [dx, dy, dz] = this.dir;
    for (let t = first, end = first + count; t < end; t++) {
      const a = index[t * 3]! * 3, b = index[t * 3 + 1]! * 3, c = index[t * 3 + 2]! * 3;
      const h = segmentTriangleIntersect(px, py, pz, dx, dy, dz, P[a]!, P[a + 1]!, P[a + 2]!, P[b]!, P[b + 1]!, P[b + 2]!, P[c]!, P[c + 1]!, P[c + 2]!);
      if (h >= 0 && h < this.bestT) {
        this.bestT = h;
        this.bestTri = t;
      }
    }
  }

  /** The first crossing found, or null. */
  result(): SegmentHit | null {
    if (this.bestTri < 0) return null;
    const [px, py, pz] = this.start;
    const [dx, dy, dz] = this.dir;
    const t = this.bestT;
    return { t, distanceMm: t * Math.hypot(dx, dy, dz), point: [px + dx * t, py + dy * t, pz + dz * t], triangleIndex: this.bestTri };
  }
}

/** How many of triangles `first` … `first + count − 1` of `index` the segment crosses. */
export function countCrossings(seg: Segment3, positions: Float32Array, index: Uint32Array, first: number, count: number): number {
  const P = positions;
  const [px, py, pz] = seg.start;
  const dx = seg.end[0] - px, dy = seg.end[1] - py, dz = seg.end[2] - pz;
  let n = 0;
  for (let t = first, end = first + count; t < end; t++) {
    const a = index[t * 3]! * 3, b = index[t * 3 + 1]! * 3, c = index[t * 3 + 2]! * 3;
    if (segmentTriangleIntersect(px, py, pz, dx, dy, dz, P[a]!, P[a + 1]!, P[a + 2]!, P[b]!, P[b + 1]!, P[b + 2]!, P[c]!, P[c + 1]!, P[c + 2]!) >= 0) n++;
  }
  return n;
}

// ---------- brute-force reference queries ----------

/** Smallest distance between a segment and a mesh, by testing every triangle. Reference implementation. */
export function segmentMeshDistanceBrute(seg: Segment3, mesh: TriMesh): SegmentMeshDistance | undefined {
  const search = new NearestTriangleSearch(seg, mesh.positions);
  search.offerRange(mesh.indices, 0, mesh.indices.length / 3);
  return search.result();
}

/** First crossing of the surface from `seg.start` toward `seg.end`, or null. Reference implementation. */
export function segmentFirstHitBrute(seg: Segment3, mesh: TriMesh): SegmentHit | null {
  const search = new FirstCrossingSearch(seg, mesh.positions);
  search.offerRange(mesh.indices, 0, mesh.indices.length / 3);
  return search.result();
}

/** Number of surface crossings along the segment (brute force). */
export function segmentCrossingsBrute(seg: Segment3, mesh: TriMesh): number {
  return countCrossings(seg, mesh.positions, mesh.indices, 0, mesh.indices.length / 3);
}

/** Fixed, non-axis-aligned directions for inside tests (avoid grazing axis-aligned edges). */
const INSIDE_RAYS: Vec3[] = [
  [0.5773, 0.5774, 0.5775],
  [-0.6234, 0.4123, 0.6644],
  [0.2113, -0.8321, 0.5128],
];

/**
 * The inside rule every index uses: is `point` inside a closed surface, given a way to count the
 * surface crossings of a segment? Majority vote of crossing parity along three rays (robust to a ray
 * grazing an edge). `reachMm` must exceed the mesh size. Meaningless for open surfaces.
 */
export function insideByCrossings(crossings: (seg: Segment3) => number, point: Vec3, reachMm = 1e5): boolean {
  let inside = 0;
  for (const r of INSIDE_RAYS) {
    const end: Vec3 = [point[0] + r[0] * reachMm, point[1] + r[1] * reachMm, point[2] + r[2] * reachMm];
    if (crossings({ start: point, end }) % 2 === 1) inside++;
  }
  return inside >= 2;
}

/** Is `point` inside a closed mesh? (`insideByCrossings` over every triangle.) Reference implementation. */
export function pointInMeshBrute(point: Vec3, mesh: TriMesh, reachMm = 1e5): boolean {
  return insideByCrossings((seg) => segmentCrossingsBrute(seg, mesh), point, reachMm);
}
