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
  /**
   * Triangles are stored in Morton (Z-order) of their centroids, in chunks of CHUNK triangles with
   * an axis-aligned box each (minX, minY, minZ, maxX, maxY, maxZ), so a plane skips most chunks.
   */
  chunkBoxes: Float32Array;
  /** Reused between calls so sectioning does not allocate per vertex or per edge. */
  scratch: { dist: Float64Array; vstamp: Uint32Array; stamp: Uint32Array; node: Int32Array; gen: number; u: Float64Array; v: Float64Array; segA: Int32Array; segB: Int32Array };
}

/** Triangles per chunk of the section index. */
const CHUNK = 256;

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
  const idx = spatialOrder(w.indices, p, bounds);
  const nT = idx.length / 3;
  const nC = Math.ceil(nT / CHUNK);
  const chunkBoxes = new Float32Array(nC * 6);
  for (let c = 0; c < nC; c++) {
    let x0 = Infinity, y0 = Infinity, z0 = Infinity, x1 = -Infinity, y1 = -Infinity, z1 = -Infinity;
    for (let k = c * CHUNK * 3, end = Math.min(nT, (c + 1) * CHUNK) * 3; k < end; k++) {
      const v = idx[k]! * 3;
      const x = p[v]!, y = p[v + 1]!, z = p[v + 2]!;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      if (z < z0) z0 = z;
      if (z > z1) z1 = z;
    }
    chunkBoxes.set([x0, y0, z0, x1, y1, z1], c * 6);
  }
  // Unique edges by open addressing on (lo, hi) vertex pairs.
  const triEdges = new Uint32Array(idx.length);
  let size = 1;
  while (size < idx.length * 2) size <<= 1;
  const mask = size - 1;
  const slot = new Int32Array(size).fill(-1);
  const ea = new Uint32Array(idx.length);
  const eb = new Uint32Array(idx.length);
  let nE = 0;
  for (let t = 0; t < nT; t++) {
    for (let k = 0; k < 3; k++) {
      const a = idx[t * 3 + k]!, b = idx[t * 3 + ((k + 1) % 3)]!;
      const lo = a < b ? a : b, hi = a < b ? b : a;
      let h = ((Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi, 0x85ebca77)) >>> 0) & mask;
      for (;;) {
        const e = slot[h]!;
        if (e < 0) {
          slot[h] = nE;
          ea[nE] = lo;
          eb[nE] = hi;
          triEdges[t * 3 + k] = nE++;
          break;
        }
        if (ea[e] === lo && eb[e] === hi) {
          triEdges[t * 3 + k] = e;
          break;
        }
        h = (h + 1) & mask;
      }
    }
  }
  return {
    name: mesh.name,
    positions: p,
    indices: idx,
    bounds,
    center,
    radius: Math.sqrt(r2),
    triEdges,
    edgeA: ea.slice(0, nE),
    edgeB: eb.slice(0, nE),
    chunkBoxes,
    scratch: { dist: new Float64Array(nV), vstamp: new Uint32Array(nV), stamp: new Uint32Array(nE), node: new Int32Array(nE), gen: 0, u: new Float64Array(nE), v: new Float64Array(nE), segA: new Int32Array(nT), segB: new Int32Array(nT) },
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
  const d = scratch.dist;
  const [lx, ly, lz] = plane.lateral;
  const [bx, by, bz] = plane.beam;
  const gen = (scratch.gen = (scratch.gen + 1) >>> 0 || 1);
  const { stamp, vstamp, node: edgeNode, u: pu, v: pv, segA, segB } = scratch;
  // Signed distance of a vertex, computed at most once per call.
  const dist = (i: number): number => {
    if (vstamp[i] === gen) return d[i]!;
    vstamp[i] = gen;
    const j = i * 3;
    return (d[i] = (p[j]! - ox) * nx + (p[j + 1]! - oy) * ny + (p[j + 2]! - oz) * nz);
  };
  const anx = Math.abs(nx), any = Math.abs(ny), anz = Math.abs(nz);
  const boxes = sm.chunkBoxes;
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

  const nChunks = boxes.length / 6;
  for (let c = 0; c < nChunks; c++) {
    const b = c * 6;
    const hx = (boxes[b + 3]! - boxes[b]!) / 2, hy = (boxes[b + 4]! - boxes[b + 1]!) / 2, hz = (boxes[b + 5]! - boxes[b + 2]!) / 2;
    const cd = (boxes[b]! + hx - ox) * nx + (boxes[b + 1]! + hy - oy) * ny + (boxes[b + 2]! + hz - oz) * nz;
    const r = anx * hx + any * hy + anz * hz;
    // Wholly on the positive side (≥ 0, with a margin for rounding) or the negative side: nothing crosses.
    if (cd - r > 1e-4 * (r + 1) || cd + r < -1e-4 * (r + 1)) continue;
    for (let t = c * CHUNK * 3, n = Math.min(idx.length, (c + 1) * CHUNK * 3); t < n; t += 3) {
      const sa = dist(idx[t]!) >= 0, sb = dist(idx[t + 1]!) >= 0, sc = dist(idx[t + 2]!) >= 0;
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

/** Triangle indices reordered by the Morton (Z-order) code of each centroid: spatially coherent chunks. */
function spatialOrder(indices: Uint32Array, p: Float32Array, b: Bounds3): Uint32Array {
  const nT = indices.length / 3;
  if (nT <= CHUNK || nT >= 1 << 23) return indices; // keys below must stay exact in a double
  const ex = Math.max(b.max[0] - b.min[0], 1e-9), ey = Math.max(b.max[1] - b.min[1], 1e-9), ez = Math.max(b.max[2] - b.min[2], 1e-9);
  const spread = (v: number) => {
    // 10 bits → 30-bit interleave
    v = (v | (v << 16)) & 0x030000ff;
    v = (v | (v << 8)) & 0x0300f00f;
    v = (v | (v << 4)) & 0x030c30c3;
    return (v | (v << 2)) & 0x09249249;
  };
  const keys = new Float64Array(nT);
  for (let t = 0; t < nT; t++) {
    const a = indices[t * 3]! * 3, c = indices[t * 3 + 1]! * 3, e = indices[t * 3 + 2]! * 3;
    const qx = Math.min(1023, Math.floor((((p[a]! + p[c]! + p[e]!) / 3 - b.min[0]) / ex) * 1024));
    const qy = Math.min(1023, Math.floor((((p[a + 1]! + p[c + 1]! + p[e + 1]!) / 3 - b.min[1]) / ey) * 1024));
    const qz = Math.min(1023, Math.floor((((p[a + 2]! + p[c + 2]! + p[e + 2]!) / 3 - b.min[2]) / ez) * 1024));
    const code = (spread(qx) | (spread(qy) << 1) | (spread(qz) << 2)) >>> 0;
    keys[t] = code * nT + t; // exact in a double: code < 2^30, nT < 2^23
  }
  keys.sort();
  const out = new Uint32Array(indices.length);
  for (let k = 0; k < nT; k++) {
    const t = keys[k]! % nT;
    out[k * 3] = indices[t * 3]!;
    out[k * 3 + 1] = indices[t * 3 + 1]!;
    out[k * 3 + 2] = indices[t * 3 + 2]!;
  }
  return out;
}
