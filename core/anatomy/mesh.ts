/**
 * The plain triangle mesh every anatomy computation works on (sections, clearance, registration
 * of models, unit detection). Loaders (renderer/scene3d/loaders.ts) produce it from GLB/STL/OBJ/PLY;
 * the atlas generator writes it; nothing here depends on three.js.
 *
 * Units: `positions` are millimetres in the LPS patient frame once a model has been loaded and its
 * units resolved (see ./units.ts). Before that (raw file units) the same type is used with
 * `RawMesh` naming to make the difference visible at call sites.
 */
import { applyMat4, type Mat4, type Vec3 } from './vec3';

export interface TriMesh {
  /** Node name in the source file (atlas: the structure id). Unique within a model after loading. */
  name: string;
  /** x, y, z per vertex, mm (LPS) — or raw file units for a `RawMesh`. */
  positions: Float32Array;
  /** Three vertex indices per triangle. */
  indices: Uint32Array;
}

/** A mesh still in the file's own units and axes (before unit detection / axis conversion). */
export type RawMesh = TriMesh;

export interface Bounds3 {
  min: Vec3;
  max: Vec3;
}

export const triangleCount = (m: TriMesh): number => m.indices.length / 3;

/** Axis-aligned bounds of one or more meshes; undefined when they have no vertices. */
export function meshBounds(meshes: TriMesh | readonly TriMesh[]): Bounds3 | undefined {
  const list = Array.isArray(meshes) ? meshes : [meshes as TriMesh];
  let minX = Infinity, minY = Infinity, minZ = Infinity;
  let maxX = -Infinity, maxY = -Infinity, maxZ = -Infinity;
  for (const m of list) {
    const p = m.positions;
    for (let i = 0; i < p.length; i += 3) {
      const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
      if (z < minZ) minZ = z;
      if (z > maxZ) maxZ = z;
    }
  }
  if (!(minX <= maxX)) return undefined;
  return { min: [minX, minY, minZ], max: [maxX, maxY, maxZ] };
}

/** Longest side of the bounds, in the bounds' units. */
export const boundsExtent = (b: Bounds3): number => Math.max(b.max[0] - b.min[0], b.max[1] - b.min[1], b.max[2] - b.min[2]);

export const boundsCenter = (b: Bounds3): Vec3 => [
  (b.min[0] + b.max[0]) / 2,
  (b.min[1] + b.max[1]) / 2,
  (b.min[2] + b.max[2]) / 2,
];

/** A new mesh with every vertex transformed by `m` (e.g. model → patient mm). Indices are shared. */
export function transformMesh(mesh: TriMesh, m: Mat4): TriMesh {
  const src = mesh.positions;
  const out = new Float32Array(src.length);
  for (let i = 0; i < src.length; i += 3) {
    const q = applyMat4(m, [src[i]!, src[i + 1]!, src[i + 2]!]);
    out[i] = q[0];
    out[i + 1] = q[1];
    out[i + 2] = q[2];
  }
  return { name: mesh.name, positions: out, indices: mesh.indices };
}

/**
 * Merge vertices with bit-identical positions. STL and some exporters store every triangle with its
 * own three vertices; plane sections stitch contours through shared edges, so they need this.
 * Returns the input unchanged when nothing was merged.
 */
export function weldVertices(mesh: TriMesh): TriMesh {
  const p = mesh.positions;
  const n = p.length / 3;
  // Open-addressing hash on the float32 bit patterns (exact equality, no tolerance).
  const bits = new Uint32Array(p.buffer, p.byteOffset, p.length);
  let size = 1;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const table = new Int32Array(size).fill(-1);
  const remap = new Uint32Array(n);
  const kept = new Float32Array(p.length);
  const keptBits = new Uint32Array(kept.buffer);
  let m = 0;
  for (let i = 0; i < n; i++) {
    const x = bits[i * 3]!, y = bits[i * 3 + 1]!, z = bits[i * 3 + 2]!;
    let h = (Math.imul(x, 0x9e3779b1) ^ Math.imul(y, 0x85ebca77) ^ Math.imul(z, 0xc2b2ae3d)) >>> 0;
    h = (h ^ (h >>> 15)) & mask;
    for (;;) {
      const j = table[h]!;
      if (j < 0) {
        table[h] = m;
        remap[i] = m;
        kept[m * 3] = p[i * 3]!;
        kept[m * 3 + 1] = p[i * 3 + 1]!;
        kept[m * 3 + 2] = p[i * 3 + 2]!;
        m++;
        break;
      }
      // Compare bit patterns (so +0 and −0 stay distinct, like the input; NaN never occurs in valid meshes).
      if (keptBits[j * 3] === x && keptBits[j * 3 + 1] === y && keptBits[j * 3 + 2] === z) {
        remap[i] = j;
        break;
      }
      h = (h + 1) & mask;
    }
  }
  if (m === n) return mesh;
  const indices = new Uint32Array(mesh.indices.length);
  for (let i = 0; i < indices.length; i++) indices[i] = remap[mesh.indices[i]!]!;
  return { name: mesh.name, positions: kept.slice(0, m * 3), indices };
}

/**
 * Edge statistics of a (welded) mesh: a closed 2-manifold surface has every edge used by exactly two
 * triangles. Closed meshes give closed section contours and a meaningful inside/outside.
 */
export function edgeStats(mesh: TriMesh): { boundaryEdges: number; nonManifoldEdges: number; closed: boolean } {
  const counts = new Map<number, number>();
  const n = mesh.positions.length / 3;
  const idx = mesh.indices;
  for (let t = 0; t < idx.length; t += 3) {
    for (let e = 0; e < 3; e++) {
      const a = idx[t + e]!;
      const b = idx[t + ((e + 1) % 3)]!;
      const key = a < b ? a * n + b : b * n + a;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  let boundaryEdges = 0;
  let nonManifoldEdges = 0;
  for (const c of counts.values()) {
    if (c === 1) boundaryEdges++;
    else if (c > 2) nonManifoldEdges++;
  }
  return { boundaryEdges, nonManifoldEdges, closed: boundaryEdges === 0 && nonManifoldEdges === 0 };
}

/** Signed volume, mm³ (positive when triangles wind counter-clockwise seen from outside). */
export function signedVolume(mesh: TriMesh): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  let v = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3, b = idx[t + 1]! * 3, c = idx[t + 2]! * 3;
    const ax = p[a]!, ay = p[a + 1]!, az = p[a + 2]!;
    const bx = p[b]!, by = p[b + 1]!, bz = p[b + 2]!;
    const cx = p[c]!, cy = p[c + 1]!, cz = p[c + 2]!;
    v += ax * (by * cz - bz * cy) - ay * (bx * cz - bz * cx) + az * (bx * cy - by * cx);
  }
  return v / 6;
}

/** Total surface area, mm². */
export function surfaceArea(mesh: TriMesh): number {
  const p = mesh.positions;
  const idx = mesh.indices;
  let s = 0;
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3, b = idx[t + 1]! * 3, c = idx[t + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    s += Math.hypot(uy * vz - uz * vy, uz * vx - ux * vz, ux * vy - uy * vx) / 2;
  }
  return s;
}
