/**
 * Plane sections of triangle meshes: the contours a probe's imaging plane cuts through each
 * structure, in plane coordinates (u lateral, v depth, mm) for the virtual sonoanatomy view.
 *
 * Runs on every probe move, so it is written for speed: one signed distance per vertex, one pass
 * over the triangles, and contours stitched through shared edges (a crossing edge produces one
 * point, shared by the two triangles on either side), which gives exact topology without any
 * distance tolerance. Vertices exactly on the plane count as being on the positive side (a
 * consistent symbolic perturbation), so the stitching never breaks.
 *
 * Closed (watertight) meshes give closed contours; open surfaces give open polylines.
 */
import { boundsCenter, meshBounds, weldVertices, type Bounds3, type TriMesh } from './mesh';
import { isInProbeFan, probeFanBounds, probePlane, type PlanePoint, type ProbePlane, type ProbePose } from './plan3d';
import type { Vec3 } from './vec3';

/** A mesh prepared once for repeated sectioning (welded, edge table, bounding sphere, scratch buffers). */
export interface SectionMesh {
  name: string;
  positions: Float32Array;
  indices: Uint32Array;
  bounds: Bounds3;
  center: Vec3;
  /** Bounding-sphere radius around `center`, mm. */
  radius: number;
  /** Per triangle, the ids of its edges (v0v1, v1v2, v2v0). */
  triEdges: Uint32Array;
  /** End vertices of each unique edge. */
  edgeA: Uint32Array;
  edgeB: Uint32Array;
  /** Reused between calls so sectioning does not allocate per vertex or per edge. */
  scratch: { dist: Float64Array; stamp: Uint32Array; node: Int32Array; gen: number; u: Float64Array; v: Float64Array; segA: Int32Array; segB: Int32Array };
}

export interface SectionContour {
  closed: boolean;
  /** u0, v0, u1, v1, … in plane mm. A closed contour does not repeat its first point. */
  points: Float32Array;
}

export interface StructureSection {
  name: string;
  contours: SectionContour[];
}

/** Weld, index the edges and measure a mesh for sectioning (once, after loading). Undefined for a mesh without vertices. */
export function prepareSectionMesh(mesh: TriMesh): SectionMesh | undefined {
  const w = weldVertices(mesh);
  const bounds = meshBounds(w);
  if (!bounds) return undefined;
  const center = boundsCenter(bounds);
  const p = w.positions;
  let r2 = 0;
  for (let i = 0; i < p.length; i += 3) {
    const dx = p[i]! - center[0], dy = p[i + 1]! - center[1], dz = p[i + 2]! - center[2];
    const d = dx * dx + dy * dy + dz * dz;
    if (d > r2) r2 = d;
  }
  const nV = p.length / 3;
  const idx = w.indices;
  const nT = idx.length / 3;
  const triEdges = new Uint32Array(idx.length);
  const edgeId = new Map<number, number>();
  const ea: number[] = [];
  const eb: number[] = [];
  for (let t = 0; t < nT; t++) {
    for (let k = 0; k < 3; k++) {
      const a = idx[t * 3 + k]!, b = idx[t * 3 + ((k + 1) % 3)]!;
      const lo = a < b ? a : b, hi = a < b ? b : a;
      const key = lo * nV + hi;
      let id = edgeId.get(key);
      if (id === undefined) {
        id = ea.length;
        edgeId.set(key, id);
        ea.push(lo);
        eb.push(hi);
      }
      triEdges[t * 3 + k] = id;
    }
  }
  const nE = ea.length;
  return {
    name: mesh.name,
    positions: p,
    indices: idx,
    bounds,
    center,
    radius: Math.sqrt(r2),
    triEdges,
    edgeA: Uint32Array.from(ea),
    edgeB: Uint32Array.from(eb),
    scratch: { dist: new Float64Array(nV), stamp: new Uint32Array(nE), node: new Int32Array(nE), gen: 0, u: new Float64Array(nE), v: new Float64Array(nE), segA: new Int32Array(nT), segB: new Int32Array(nT) },
  };
}

/**
 * Contours of one mesh in a plane. The plane is given by its frame (origin, lateral = u axis,
 * beam = v axis, normal); any orthonormal frame works, not only a probe's.
 */
export function sectionMesh(sm: SectionMesh, plane: ProbePlane): SectionContour[] {
  const { positions: p, indices: idx, triEdges, edgeA, edgeB, scratch } = sm;
  const [ox, oy, oz] = plane.origin;
  const [nx, ny, nz] = plane.normal;
  // Quick reject by bounding sphere.
  const dc = (sm.center[0] - ox) * nx + (sm.center[1] - oy) * ny + (sm.center[2] - oz) * nz;
  if (Math.abs(dc) > sm.radius) return [];
  const nV = p.length / 3;
  const d = scratch.dist;
  for (let i = 0, j = 0; i < nV; i++, j += 3) d[i] = (p[j]! - ox) * nx + (p[j + 1]! - oy) * ny + (p[j + 2]! - oz) * nz;

  const [lx, ly, lz] = plane.lateral;
  const [bx, by, bz] = plane.beam;
  const gen = (scratch.gen = (scratch.gen + 1) >>> 0 || 1);
  const { stamp, node: edgeNode, u: pu, v: pv, segA, segB } = scratch;
  let nNodes = 0;
  let nSeg = 0;

  // One intersection point per crossing edge, shared by the two triangles on either side.
  const node = (e: number): number => {
    if (stamp[e] === gen) return edgeNode[e]!;
    stamp[e] = gen;
    const lo = edgeA[e]!, hi = edgeB[e]!;
    const da = d[lo]!, db = d[hi]!;
    const t = da / (da - db);
    const ia = lo * 3, ib = hi * 3;
    const x = p[ia]! + (p[ib]! - p[ia]!) * t - ox;
    const y = p[ia + 1]! + (p[ib + 1]! - p[ia + 1]!) * t - oy;
    const z = p[ia + 2]! + (p[ib + 2]! - p[ia + 2]!) * t - oz;
    pu[nNodes] = x * lx + y * ly + z * lz;
    pv[nNodes] = x * bx + y * by + z * bz;
    edgeNode[e] = nNodes;
    return nNodes++;
  };

  for (let t = 0, n = idx.length; t < n; t += 3) {
    const sa = d[idx[t]!]! >= 0, sb = d[idx[t + 1]!]! >= 0, sc = d[idx[t + 2]!]! >= 0;
    if (sa === sb && sb === sc) continue;
    // The lone vertex is on one side, the other two on the other: its two edges cross.
    // Edges: e0 = v0v1, e1 = v1v2, e2 = v2v0.
    if (sa === sb) {
      segA[nSeg] = node(triEdges[t + 2]!);
      segB[nSeg++] = node(triEdges[t + 1]!);
    } else if (sa === sc) {
      segA[nSeg] = node(triEdges[t + 1]!);
      segB[nSeg++] = node(triEdges[t]!);
    } else {
      segA[nSeg] = node(triEdges[t]!);
      segB[nSeg++] = node(triEdges[t + 2]!);
    }
  }
  if (nSeg === 0) return [];
  return stitch(pu, pv, nNodes, segA, segB, nSeg);
}

/** Join segments that share end nodes into polylines (any node degree; manifold meshes give 2). */
function stitch(pu: Float64Array, pv: Float64Array, nNodes: number, segA: Int32Array, segB: Int32Array, nSeg: number): SectionContour[] {
  const degree = new Int32Array(nNodes);
  for (let s = 0; s < nSeg; s++) {
    degree[segA[s]!]!++;
    degree[segB[s]!]!++;
  }
  // CSR adjacency: node → incident segments.
  const start = new Int32Array(nNodes + 1);
  for (let i = 0; i < nNodes; i++) start[i + 1] = start[i]! + degree[i]!;
  const fill = start.slice(0, nNodes);
  const adj = new Int32Array(nSeg * 2);
  for (let s = 0; s < nSeg; s++) {
    adj[fill[segA[s]!]!++] = s;
    adj[fill[segB[s]!]!++] = s;
  }
  const used = new Uint8Array(nSeg);
  const cursor = start.slice(0, nNodes);
  const nextSeg = (n: number): number => {
    for (let k = cursor[n]!; k < start[n + 1]!; k++) {
      const s = adj[k]!;
      if (!used[s]) {
        cursor[n] = k + 1;
        return s;
      }
    }
    cursor[n] = start[n + 1]!;
    return -1;
  };
  const out: SectionContour[] = [];
  const walk = (first: number) => {
    const chain = [first];
    let n = first;
    let closed = false;
    for (;;) {
      const s = nextSeg(n);
      if (s < 0) break;
      used[s] = 1;
      n = segA[s] === n ? segB[s]! : segA[s]!;
      if (n === first) {
        closed = true;
        break;
      }
      chain.push(n);
    }
    if (chain.length < 2) return;
    const pts = new Float32Array(chain.length * 2);
    for (let i = 0; i < chain.length; i++) {
      pts[i * 2] = pu[chain[i]!]!;
      pts[i * 2 + 1] = pv[chain[i]!]!;
    }
    out.push({ closed, points: pts });
  };
  // Open chains first (start at odd-degree nodes), then loops.
  for (let n = 0; n < nNodes; n++) if (degree[n]! % 2 === 1 && cursor[n]! < start[n + 1]!) walk(n);
  for (let n = 0; n < nNodes; n++) while (cursor[n]! < start[n + 1]! && nextSegPeek(n)) walk(n);
  return out;

  function nextSegPeek(n: number): boolean {
    for (let k = cursor[n]!; k < start[n + 1]!; k++) if (!used[adj[k]!]) return true;
    cursor[n] = start[n + 1]!;
    return false;
  }
}

/** One structure as seen in the virtual probe's image. */
export interface ProbeSectionStructure extends StructureSection {
  /** True when part of the section lies inside the image (or the image lies inside the structure). */
  inImage: boolean;
  /** Where to put the label (a contour point inside the image), plane mm; null when not in the image. */
  labelAt: PlanePoint | null;
}

/**
 * Sections of all structures for a probe pose: only meshes whose bounding sphere reaches the image
 * are cut. Contours are not clipped (the 2D view clips to `probeFanOutline`); `inImage` and
 * `labelAt` say whether and where the structure appears inside the image.
 */
export function sectionForProbe(pose: ProbePose, meshes: readonly SectionMesh[]): ProbeSectionStructure[] {
  const plane = probePlane(pose);
  if (!plane) return [];
  const fb = probeFanBounds(pose);
  const out: ProbeSectionStructure[] = [];
  for (const sm of meshes) {
    const c = sm.center;
    const dx = c[0] - plane.origin[0], dy = c[1] - plane.origin[1], dz = c[2] - plane.origin[2];
    const off = dx * plane.normal[0] + dy * plane.normal[1] + dz * plane.normal[2];
    if (Math.abs(off) > sm.radius) continue;
    const u = dx * plane.lateral[0] + dy * plane.lateral[1] + dz * plane.lateral[2];
    const v = dx * plane.beam[0] + dy * plane.beam[1] + dz * plane.beam[2];
    if (u + sm.radius < fb.uMin || u - sm.radius > fb.uMax || v + sm.radius < fb.vMin || v - sm.radius > fb.vMax) continue;
    const contours = sectionMesh(sm, plane);
    if (contours.length === 0) continue;
    const { inImage, labelAt } = placeLabel(pose, contours);
    out.push({ name: sm.name, contours, inImage, labelAt });
  }
  return out;
}

function placeLabel(pose: ProbePose, contours: SectionContour[]): { inImage: boolean; labelAt: PlanePoint | null } {
  let su = 0, sv = 0, n = 0;
  for (const c of contours) {
    for (let i = 0; i < c.points.length; i += 2) {
      const q = { u: c.points[i]!, v: c.points[i + 1]! };
      if (isInProbeFan(pose, q)) {
        su += q.u;
        sv += q.v;
        n++;
      }
    }
  }
  if (n > 0) {
    const cu = su / n, cv = sv / n;
    let best: PlanePoint | null = null;
    let bd = Infinity;
    for (const c of contours) {
      for (let i = 0; i < c.points.length; i += 2) {
        const q = { u: c.points[i]!, v: c.points[i + 1]! };
        if (!isInProbeFan(pose, q)) continue;
        const dd = (q.u - cu) ** 2 + (q.v - cv) ** 2;
        if (dd < bd) {
          bd = dd;
          best = q;
        }
      }
    }
    return { inImage: true, labelAt: best };
  }
  // No contour point inside: the image may lie wholly inside the structure.
  const probe: PlanePoint = { u: 0, v: pose.depthMm / 2 };
  const inside = contours.some((c) => c.closed && pointInPolygon(probe, c.points));
  return { inImage: inside, labelAt: inside ? probe : null };
}

/** Even–odd point-in-polygon test for a flat u,v array. */
export function pointInPolygon(p: PlanePoint, pts: Float32Array): boolean {
  let inside = false;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) {
    const ui = pts[i * 2]!, vi = pts[i * 2 + 1]!;
    const uj = pts[j * 2]!, vj = pts[j * 2 + 1]!;
    if (vi > p.v !== vj > p.v && p.u < ((uj - ui) * (p.v - vi)) / (vj - vi) + ui) inside = !inside;
  }
  return inside;
}

/** Signed area of a closed contour, mm² (positive = counter-clockwise in u,v). */
export function contourArea(pts: Float32Array): number {
  let a = 0;
  const n = pts.length / 2;
  for (let i = 0, j = n - 1; i < n; j = i++) a += pts[j * 2]! * pts[i * 2 + 1]! - pts[i * 2]! * pts[j * 2 + 1]!;
  return a / 2;
}

/** Length of a contour, mm (closing segment included when `closed`). */
export function contourLength(c: SectionContour): number {
  const p = c.points;
  const n = p.length / 2;
  let s = 0;
  for (let i = 1; i < n; i++) s += Math.hypot(p[i * 2]! - p[i * 2 - 2]!, p[i * 2 + 1]! - p[i * 2 - 1]!);
  if (c.closed && n > 2) s += Math.hypot(p[0]! - p[n * 2 - 2]!, p[1]! - p[n * 2 - 1]!);
  return s;
}
