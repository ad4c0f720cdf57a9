/**
 * Needle clearance: for each at-risk structure the smallest distance from the needle segment, where
 * the needle first crosses its surface, and whether the tip ends inside it; over all of them the
 * structure the needle would pierce first from the entry (the warning) and the closest one.
 *
 * The rules live here, once; the geometry comes through a small port, `SpatialIndex` (distance,
 * first hit and crossings of a segment against one structure's surface). `bruteForceIndex` is the
 * reference implementation; the app plugs in three-mesh-bvh (renderer/scene3d/bvh.ts), which must
 * give the same answers (tested) in well under a millisecond per structure.
 *
 * Units: mm in the patient frame (meshes and needle must share it).
 */
import {
  insideByCrossings,
  segmentCrossingsBrute,
  segmentFirstHitBrute,
  segmentMeshDistanceBrute,
  type Segment3,
  type SegmentHit,
  type SegmentMeshDistance,
} from './clearance';
import type { TriMesh } from './mesh';
import type { Vec3 } from './vec3';

/** One structure's surface, queryable by segments. */
export interface SpatialIndex {
  /** Structure name (mesh name). */
  readonly name: string;
  /** Smallest distance from the segment to the surface (0 when they touch or cross), or undefined for an empty mesh. */
  segmentDistance(seg: Segment3): SegmentMeshDistance | undefined;
  /** First crossing of the surface from `seg.start` toward `seg.end`, or null. */
  segmentFirstHit(seg: Segment3): SegmentHit | null;
  /** Number of surface crossings along the segment. */
  segmentCrossings(seg: Segment3): number;
}

/** The reference index: every query tests every triangle. */
export function bruteForceIndex(mesh: TriMesh): SpatialIndex {
  return {
    name: mesh.name,
    segmentDistance: (seg) => segmentMeshDistanceBrute(seg, mesh),
    segmentFirstHit: (seg) => segmentFirstHitBrute(seg, mesh),
    segmentCrossings: (seg) => segmentCrossingsBrute(seg, mesh),
  };
}

/** Is the point inside the (closed) structure? (./clearance `insideByCrossings`.) */
export function pointInside(index: SpatialIndex, p: Vec3, reachMm = 1e5): boolean {
  return insideByCrossings((seg) => index.segmentCrossings(seg), p, reachMm);
}

export interface StructureClearance {
  name: string;
  /** Smallest needle–surface distance, mm (0 = touching or pierced). */
  distanceMm: number;
  pointOnNeedle: Vec3;
  pointOnStructure: Vec3;
  /** Depth along the needle (from the entry) of the closest approach, mm. */
  depthAlongNeedleMm: number;
  /** Where the needle first crosses this structure's surface, or null. */
  firstHit: { depthMm: number; point: Vec3 } | null;
  /** The needle tip ends inside this (closed) structure. */
  tipInside: boolean;
}

export interface ClearanceReport {
  structures: StructureClearance[];
  /** The structure the needle would reach first from the entry, or null when none is pierced. */
  firstPierced: { name: string; depthMm: number; point: Vec3 } | null;
  /** The smallest clearance over all structures (null when there are none). */
  closest: StructureClearance | null;
}

/** Clearance of a needle (entry → tip) to each structure. */
export function needleClearance(structures: readonly SpatialIndex[], needle: Segment3): ClearanceReport {
  const out: StructureClearance[] = [];
  const len = Math.hypot(needle.end[0] - needle.start[0], needle.end[1] - needle.start[1], needle.end[2] - needle.start[2]);
  for (const index of structures) {
    const d = index.segmentDistance(needle);
    if (!d) continue;
    const hit = d.distanceMm === 0 ? index.segmentFirstHit(needle) : null;
    out.push({
      name: index.name,
      distanceMm: d.distanceMm,
      pointOnNeedle: d.pointOnSegment,
      pointOnStructure: d.pointOnMesh,
      depthAlongNeedleMm: d.t * len,
      firstHit: hit ? { depthMm: hit.distanceMm, point: hit.point } : null,
      tipInside: d.distanceMm === 0 ? pointInside(index, needle.end) : false,
    });
  }
  let firstPierced: ClearanceReport['firstPierced'] = null;
  for (const s of out) {
    if (s.firstHit && (!firstPierced || s.firstHit.depthMm < firstPierced.depthMm)) firstPierced = { name: s.name, depthMm: s.firstHit.depthMm, point: s.firstHit.point };
  }
  const closest = out.reduce<StructureClearance | null>((a, s) => (!a || s.distanceMm < a.distanceMm ? s : a), null);
  return { structures: out, firstPierced, closest };
}
