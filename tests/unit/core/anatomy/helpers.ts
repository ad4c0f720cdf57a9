/**
 * Test helpers: analytic shapes as plain meshes and a seeded PRNG. The shapes are built here from
 * their definitions (not from the code under test) so they can serve as independent references.
 */
import type { TriMesh } from '../../../../core/anatomy/mesh';
import type { Vec3 } from '../../../../core/anatomy/vec3';
import { mulberry32 } from '../../../../core/samples/synth/prng';

/** mulberry32: small, fast, deterministic PRNG in [0, 1). */
export const rng = mulberry32;

/** Standard normal deviates (Box–Muller). */
export function gaussian(r: () => number): () => number {
  return () => {
    const u = 1 - r();
    const v = r();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  };
}

/** Axis-aligned box [min, max] as 8 shared vertices and 12 outward-wound triangles. */
export function boxMesh(min: Vec3, max: Vec3, name = 'box'): TriMesh {
  const [x0, y0, z0] = min;
  const [x1, y1, z1] = max;
  const positions = new Float32Array([
    x0, y0, z0, x1, y0, z0, x1, y1, z0, x0, y1, z0,
    x0, y0, z1, x1, y0, z1, x1, y1, z1, x0, y1, z1,
  ]);
  // prettier-ignore
  const indices = new Uint32Array([
    0, 2, 1, 0, 3, 2, // z0 (normal −z)
    4, 5, 6, 4, 6, 7, // z1 (+z)
    0, 1, 5, 0, 5, 4, // y0 (−y)
    3, 7, 6, 3, 6, 2, // y1 (+y)
    0, 4, 7, 0, 7, 3, // x0 (−x)
    1, 2, 6, 1, 6, 5, // x1 (+x)
  ]);
  return { name, positions, indices };
}

/**
 * UV sphere of radius r around c with `rings` latitude bands and `segs` longitudes; the vertices lie
 * exactly on the sphere (up to float32 rounding), poles shared.
 */
export function sphereMesh(c: Vec3, r: number, rings = 48, segs = 96, name = 'sphere'): TriMesh {
  const pos: number[] = [c[0], c[1], c[2] + r];
  for (let i = 1; i < rings; i++) {
    const th = (Math.PI * i) / rings;
    for (let j = 0; j < segs; j++) {
      const ph = (2 * Math.PI * j) / segs;
      pos.push(c[0] + r * Math.sin(th) * Math.cos(ph), c[1] + r * Math.sin(th) * Math.sin(ph), c[2] + r * Math.cos(th));
    }
  }
  pos.push(c[0], c[1], c[2] - r);
  const south = pos.length / 3 - 1;
  const idx: number[] = [];
  const v = (i: number, j: number) => 1 + (i - 1) * segs + (j % segs);
  for (let j = 0; j < segs; j++) idx.push(0, v(1, j), v(1, j + 1));
  for (let i = 1; i < rings - 1; i++) {
    for (let j = 0; j < segs; j++) {
      idx.push(v(i, j), v(i + 1, j), v(i + 1, j + 1));
      idx.push(v(i, j), v(i + 1, j + 1), v(i, j + 1));
    }
  }
  for (let j = 0; j < segs; j++) idx.push(south, v(rings - 1, j + 1), v(rings - 1, j));
  return { name, positions: new Float32Array(pos), indices: new Uint32Array(idx) };
}

/** The same mesh with every triangle given its own three vertices (like STL). */
export function unweld(m: TriMesh): TriMesh {
  const positions = new Float32Array(m.indices.length * 3);
  for (let i = 0; i < m.indices.length; i++) {
    const k = m.indices[i]! * 3;
    positions[i * 3] = m.positions[k]!;
    positions[i * 3 + 1] = m.positions[k + 1]!;
    positions[i * 3 + 2] = m.positions[k + 2]!;
  }
  return { name: m.name, positions, indices: Uint32Array.from({ length: m.indices.length }, (_, i) => i) };
}

/** Random unit quaternion → row-major rotation matrix (Shoemake's method). */
export function randomRotation(r: () => number): number[][] {
  const u1 = r(), u2 = r(), u3 = r();
  const a = Math.sqrt(1 - u1), b = Math.sqrt(u1);
  const w = a * Math.sin(2 * Math.PI * u2), x = a * Math.cos(2 * Math.PI * u2);
  const y = b * Math.sin(2 * Math.PI * u3), z = b * Math.cos(2 * Math.PI * u3);
  return [
    [1 - 2 * (y * y + z * z), 2 * (x * y - w * z), 2 * (x * z + w * y)],
    [2 * (x * y + w * z), 1 - 2 * (x * x + z * z), 2 * (y * z - w * x)],
    [2 * (x * z - w * y), 2 * (y * z + w * x), 1 - 2 * (x * x + y * y)],
  ];
}

export const mul3 = (R: number[][], p: Vec3): Vec3 => [
  R[0]![0]! * p[0] + R[0]![1]! * p[1] + R[0]![2]! * p[2],
  R[1]![0]! * p[0] + R[1]![1]! * p[1] + R[1]![2]! * p[2],
  R[2]![0]! * p[0] + R[2]![1]! * p[1] + R[2]![2]! * p[2],
];
