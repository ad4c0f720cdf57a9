/**
 * Mesh decimation for the atlas with meshoptimizer's quadric simplifier (zeux/meshoptimizer, MIT;
 * deterministic: the same input gives the same output). Vertices are first welded (OBJ and glTF
 * exports split them at normals) so the simplifier sees a connected surface, then unused vertices
 * are dropped. Units pass through unchanged (mm).
 */
import { MeshoptSimplifier } from 'meshoptimizer';
import { weldVertices, type TriMesh } from '../../../core/anatomy/mesh';

export const simplifierReady: Promise<void> = MeshoptSimplifier.ready;

/**
 * Simplify to about `targetTriangles` triangles, never moving the surface by more than
 * `maxErrorMm` (absolute). Meshes already small enough are only welded and compacted.
 */
export function decimate(mesh: TriMesh, targetTriangles: number, maxErrorMm: number): TriMesh {
  const welded = weldVertices(mesh);
  let indices = welded.indices;
  if (indices.length / 3 > targetTriangles) {
    const [out] = MeshoptSimplifier.simplify(indices, welded.positions, 3, targetTriangles * 3, maxErrorMm, ['ErrorAbsolute']);
    indices = out;
  }
  // Compact: keep used vertices in first-use order.
  const remap = new Int32Array(welded.positions.length / 3).fill(-1);
  const pos: number[] = [];
  const idx = new Uint32Array(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const v = indices[i]!;
    if (remap[v]! < 0) {
      remap[v] = pos.length / 3;
      pos.push(welded.positions[v * 3]!, welded.positions[v * 3 + 1]!, welded.positions[v * 3 + 2]!);
    }
    idx[i] = remap[v]!;
  }
  return { name: mesh.name, positions: new Float32Array(pos), indices: idx };
}
