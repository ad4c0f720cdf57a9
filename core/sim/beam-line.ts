/**
 * Structures on the probe's central beam line: where the beam from the centre of the probe face,
 * along the beam direction, enters each structure (first crossing of its surface), and where it
 * leaves it. This is what `blockplan scan --json` reports (`structures[]`, `depthMm`), and what the
 * sample-scene tests compare with the depths annotated on the sample clips.
 *
 * Units: mm, patient LPS; depths are measured from the probe face along the beam.
 */
import { segmentCrossingsBrute, segmentFirstHitBrute } from '../anatomy/clearance';
import type { TriMesh } from '../anatomy/mesh';
import { probePlane, type ProbePose } from '../anatomy/plan3d';

export interface BeamCrossing {
  /** Structure id (mesh name). */
  id: string;
  /** Depth of the first surface crossing below the probe face, mm. */
  depthMm: number;
  /** Depth where the beam leaves the structure (last crossing), mm; equal to depthMm for a thin sheet. */
  exitDepthMm: number;
  /** The beam starts inside the structure (e.g. the skin shell under the probe face). */
  startsInside: boolean;
}

/** Every structure the central beam crosses within the imaging depth, nearest first. */
export function centralBeamStructures(pose: ProbePose, meshes: readonly TriMesh[]): BeamCrossing[] {
  const plane = probePlane(pose);
  if (!plane) return [];
  const start = plane.origin;
  const d = plane.beam;
  const len = pose.depthMm;
  const end: [number, number, number] = [start[0] + d[0] * len, start[1] + d[1] * len, start[2] + d[2] * len];
  const out: BeamCrossing[] = [];
  for (const m of meshes) {
    const first = segmentFirstHitBrute({ start, end }, m);
    if (!first) continue;
    const last = segmentFirstHitBrute({ start: end, end: start }, m)!;
    const crossings = segmentCrossingsBrute({ start, end }, m);
    out.push({ id: m.name, depthMm: first.distanceMm, exitDepthMm: len - last.distanceMm, startsInside: crossings % 2 === 1 && first.distanceMm < 0.5 });
  }
  return out.sort((a, b) => a.depthMm - b.depthMm);
}
