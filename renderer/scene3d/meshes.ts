/**
 * three.js objects for the scene's plain meshes: one BufferGeometry per structure with vertex
 * normals and a BVH (three-mesh-bvh). The same BVH accelerates picking (the mesh's raycast is
 * three-mesh-bvh's `acceleratedRaycast`, so a million-triangle model stays interactive) and the
 * needle clearance (./bvh.ts works on a `MeshIndex` sharing the BVH, positions and index).
 *
 * Built lazily per mesh and cached by mesh identity: a reloaded model (other units) has new meshes
 * and so new geometries; the old ones are disposed by `disposeGeometry`.
 */
import { Box3, Vector3, type BufferGeometry } from 'three';
import { MeshBVH, acceleratedRaycast } from 'three-mesh-bvh';
import type { TriMesh } from '../../core/anatomy/mesh';
import type { Vec3 } from '../../core/anatomy/vec3';
import type { MeshIndex } from './bvh';
import { meshToGeometry } from './lib/mesh-geometry';

export { acceleratedRaycast };

interface Built {
  geometry: BufferGeometry;
  index: MeshIndex;
}

const cache = new WeakMap<TriMesh, Built>();

function build(mesh: TriMesh): Built {
  let b = cache.get(mesh);
  if (b) return b;
  const geometry = meshToGeometry(mesh, { copyIndex: true, normals: true });
  const bvh = new MeshBVH(geometry, { targetLeafSize: 8 });
  geometry.boundsTree = bvh;
  geometry.computeBoundingSphere();
  const index = geometry.getIndex()!.array as Uint32Array;
  b = { geometry, index: { name: mesh.name, bvh, positions: mesh.positions, index, triangleCount: index.length / 3 } };
  cache.set(mesh, b);
  return b;
}

/** Render geometry of a plain mesh (normals, BVH). */
export const geometryOf = (mesh: TriMesh): BufferGeometry => build(mesh).geometry;

/** Clearance index of a plain mesh (shares the render geometry's BVH). */
export const meshIndexOf = (mesh: TriMesh): MeshIndex => build(mesh).index;

export function disposeGeometry(mesh: TriMesh): void {
  const b = cache.get(mesh);
  if (!b) return;
  b.geometry.dispose();
  cache.delete(mesh);
}

const tmpP = new Vector3();
const tmpBox = new Box3();

/**
 * Closest point of a mesh surface to a point within `maxMm`, with the outward face normal there
 * (the triangle's winding), or null.
 */
export function closestSurfacePoint(mesh: TriMesh, p: Vec3, maxMm: number): { point: Vec3; normal: Vec3; distanceMm: number } | null {
  const { index } = build(mesh);
  tmpP.set(p[0], p[1], p[2]);
  index.bvh.getBoundingBox(tmpBox);
  if (tmpBox.distanceToPoint(tmpP) > maxMm) return null;
  const hit = index.bvh.closestPointToPoint(tmpP, undefined, 0, maxMm);
  if (!hit) return null;
  const P = index.positions;
  const I = index.index;
  const a = I[hit.faceIndex * 3]! * 3, b = I[hit.faceIndex * 3 + 1]! * 3, c = I[hit.faceIndex * 3 + 2]! * 3;
  const ux = P[b]! - P[a]!, uy = P[b + 1]! - P[a + 1]!, uz = P[b + 2]! - P[a + 2]!;
  const vx = P[c]! - P[a]!, vy = P[c + 1]! - P[a + 1]!, vz = P[c + 2]! - P[a + 2]!;
  const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
  const l = Math.hypot(nx, ny, nz) || 1;
  return { point: [hit.point.x, hit.point.y, hit.point.z], normal: [nx / l, ny / l, nz / l], distanceMm: hit.distance };
}
