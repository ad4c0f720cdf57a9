/**
 * The spatial index of core/anatomy/clearance-report.ts (`SpatialIndex`) over bounding-volume
 * hierarchies (three-mesh-bvh): the clearance rules stay in core; this file answers the segment
 * queries fast. The BVH only prunes the search: it offers the triangles of the leaves it reaches to
 * the per-triangle searches of core/anatomy/clearance.ts, so results equal the brute-force reference
 * (tests check this on random segments) while staying under a millisecond on a million-triangle mesh
 * (bench/three.bench.ts). No React here: runs in Node tests and the benchmark as well.
 *
 * Units: mm in the patient frame (meshes and needle must share it).
 */
import { MeshBVH } from 'three-mesh-bvh';
import type { Box3 } from 'three';
import type { TriMesh } from '../../core/anatomy/mesh';
import {
  countCrossings,
  FirstCrossingSearch,
  NearestTriangleSearch,
  segmentBoxDistanceSq,
  type Segment3,
  type SegmentHit,
  type SegmentMeshDistance,
} from '../../core/anatomy/clearance';
import type { SpatialIndex } from '../../core/anatomy/clearance-report';
import { meshToGeometry } from './lib/mesh-geometry';

/** A structure's mesh with its BVH, built once per mesh (≈ 1 s per million triangles). */
export interface MeshIndex {
  name: string;
  bvh: MeshBVH;
  /** Positions (mm) and the BVH-ordered triangle indices. */
  positions: Float32Array;
  index: Uint32Array;
  triangleCount: number;
}

/** Build the BVH for a mesh (the mesh's own index array is left untouched). */
export function buildMeshIndex(mesh: TriMesh): MeshIndex {
  const geometry = meshToGeometry(mesh, { copyIndex: true });
  const bvh = new MeshBVH(geometry, { targetLeafSize: 8 });
  const index = geometry.getIndex()!.array as Uint32Array;
  return { name: mesh.name, bvh, positions: mesh.positions, index, triangleCount: index.length / 3 };
}

/** The core spatial-index port over a BVH. */
export function bvhIndex(mi: MeshIndex): SpatialIndex {
  return {
    name: mi.name,
    segmentDistance: (seg) => segmentDistance(mi, seg),
    segmentFirstHit: (seg) => segmentFirstHit(mi, seg),
    segmentCrossings: (seg) => segmentCrossings(mi, seg),
  };
}

/** Smallest distance from the segment to the mesh surface (0 when it touches or crosses it). */
export function segmentDistance(mi: MeshIndex, seg: Segment3, maxDistanceMm = Infinity): SegmentMeshDistance | undefined {
  const [px, py, pz] = seg.start;
  const [qx, qy, qz] = seg.end;
  const search = new NearestTriangleSearch(seg, mi.positions, maxDistanceMm);
  const boxScore = (b: Box3) => segmentBoxDistanceSq(px, py, pz, qx, qy, qz, b.min.x, b.min.y, b.min.z, b.max.x, b.max.y, b.max.z);
  mi.bvh.shapecast({
    boundsTraverseOrder: boxScore,
    intersectsBounds: (box: Box3, _isLeaf: boolean, score: number | undefined) => (score ?? boxScore(box)) <= search.bestSq,
    intersectsRange: (offset: number, count: number) => search.offerRange(mi.index, offset, count), // true once touching: cannot get closer
  });
  return search.result();
}

/** Entry parameter t ∈ [0, 1] of the segment into a box (slab test), or Infinity when it misses. */
function segmentBoxEntry(px: number, py: number, pz: number, dx: number, dy: number, dz: number, b: Box3): number {
  let t0 = 0, t1 = 1;
  const lo = [b.min.x, b.min.y, b.min.z];
  const hi = [b.max.x, b.max.y, b.max.z];
  const p = [px, py, pz];
  const d = [dx, dy, dz];
  for (let k = 0; k < 3; k++) {
    if (Math.abs(d[k]!) < 1e-300) {
      if (p[k]! < lo[k]! || p[k]! > hi[k]!) return Infinity;
    } else {
      let ta = (lo[k]! - p[k]!) / d[k]!;
      let tb = (hi[k]! - p[k]!) / d[k]!;
      if (ta > tb) [ta, tb] = [tb, ta];
      if (ta > t0) t0 = ta;
      if (tb < t1) t1 = tb;
      if (t0 > t1) return Infinity;
    }
  }
  return t0;
}

/** First crossing of the surface from `seg.start` toward `seg.end`, or null when the needle does not reach it. */
export function segmentFirstHit(mi: MeshIndex, seg: Segment3): SegmentHit | null {
  const [px, py, pz] = seg.start;
  const dx = seg.end[0] - px, dy = seg.end[1] - py, dz = seg.end[2] - pz;
  const search = new FirstCrossingSearch(seg, mi.positions);
  const entry = (b: Box3) => segmentBoxEntry(px, py, pz, dx, dy, dz, b);
  mi.bvh.shapecast({
    boundsTraverseOrder: entry,
    intersectsBounds: (box: Box3, _leaf: boolean, score: number | undefined) => {
      const e = score ?? entry(box);
      return e !== Infinity && e <= search.bestT; // a box the needle misses scores Infinity
    },
    intersectsRange: (offset: number, count: number) => {
      search.offerRange(mi.index, offset, count);
      return false;
    },
  });
  return search.result();
}

/** Number of surface crossings along the segment. */
export function segmentCrossings(mi: MeshIndex, seg: Segment3): number {
  const [px, py, pz] = seg.start;
  const dx = seg.end[0] - px, dy = seg.end[1] - py, dz = seg.end[2] - pz;
  let n = 0;
  mi.bvh.shapecast({
    intersectsBounds: (box: Box3) => segmentBoxEntry(px, py, pz, dx, dy, dz, box) !== Infinity,
    intersectsRange: (offset: number, count: number) => {
      n += countCrossings(seg, mi.positions, mi.index, offset, count);
      return false;
    },
  });
  return n;
}
