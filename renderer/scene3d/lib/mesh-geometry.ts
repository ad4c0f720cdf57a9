/**
 * Conversions between core/anatomy's plain meshes (typed arrays, mm, LPS) and three.js objects.
 * No React here: used by the loaders, the BVH queries (Node tests and the benchmark too) and the view.
 */
import { BufferAttribute, BufferGeometry, Matrix4, type Object3D, type Mesh } from 'three';
import type { TriMesh } from '../../../core/anatomy/mesh';

/**
 * glTF's axes (+Y up, +Z toward the viewer = the asset's front, +X = the asset's left) → LPS
 * (+X left, +Y posterior, +Z superior): (x, y, z) ↦ (x, −z, y). A proper rotation (−90° about X).
 */
export const GLTF_TO_LPS = new Matrix4().set(1, 0, 0, 0, 0, 0, -1, 0, 0, 1, 0, 0, 0, 0, 0, 1);

/** A BufferGeometry sharing the mesh's arrays (positions and a copy of the index, which BVH builds reorder). */
export function meshToGeometry(mesh: TriMesh, opts: { copyIndex?: boolean; normals?: boolean } = {}): BufferGeometry {
  const g = new BufferGeometry();
  g.setAttribute('position', new BufferAttribute(mesh.positions, 3));
  g.setIndex(new BufferAttribute(opts.copyIndex === false ? mesh.indices : mesh.indices.slice(), 1));
  if (opts.normals) g.computeVertexNormals();
  g.name = mesh.name;
  return g;
}

/**
 * The name a mesh should carry: its glTF node's original name (GLTFLoader keeps it in
 * `userData.name`; for multi-primitive nodes the node is the mesh's parent group), else the
 * object's own name.
 */
export function ownerName(mesh: Object3D): string {
  let o: Object3D | null = mesh;
  for (let depth = 0; o && depth < 2; depth++, o = o.parent) {
    const n = (o.userData as { name?: unknown }).name;
    if (typeof n === 'string' && n) return n;
  }
  return mesh.name;
}

/** Positions of a three mesh transformed by `matrix` into a fresh Float32Array, plus its triangle indices. */
export function extractTriangles(mesh: Mesh, matrix: Matrix4): { positions: Float32Array; indices: Uint32Array } {
  const geo = mesh.geometry;
  const pos = geo.getAttribute('position');
  const n = pos.count;
  const e = matrix.elements;
  const positions = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    // getX/Y/Z handle interleaved and normalized (quantized) attributes.
    const x = pos.getX(i), y = pos.getY(i), z = pos.getZ(i);
    positions[i * 3] = e[0]! * x + e[4]! * y + e[8]! * z + e[12]!;
    positions[i * 3 + 1] = e[1]! * x + e[5]! * y + e[9]! * z + e[13]!;
    positions[i * 3 + 2] = e[2]! * x + e[6]! * y + e[10]! * z + e[14]!;
  }
  let indices: Uint32Array;
  const index = geo.getIndex();
  if (index) {
    indices = new Uint32Array(index.count);
    for (let i = 0; i < index.count; i++) indices[i] = index.getX(i);
  } else {
    indices = new Uint32Array(n - (n % 3));
    for (let i = 0; i < indices.length; i++) indices[i] = i;
  }
  return { positions, indices };
}
