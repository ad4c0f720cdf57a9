/**
 * A small GLB (binary glTF 2.0) writer for the atlas: one scene, one root node, one child node per
 * structure, each with a single indexed triangle primitive (POSITION, NORMAL) and a material.
 *
 * Frame: vertex data is stored in millimetres, LPS (+X left, +Y posterior, +Z superior). The root
 * node carries the matrix from LPS-mm to glTF's convention (metres, +Y up, +Z front), so generic
 * glTF viewers show the atlas upright and at true size, while BlockPlan's loader (which applies node
 * transforms, detects metres and converts Y-up to LPS) gets the original millimetres back.
 *
 * Spec: glTF 2.0 (Khronos), §4.4 GLB file format; validated by the Khronos glTF-Validator in tests.
 */
import type { MeshData } from './shapes';

export interface GlbStructure {
  name: string;
  mesh: MeshData;
  /** Linear RGBA 0..1. */
  color: [number, number, number, number];
  /** Material name (structures with the same name and colour share a material). */
  material: string;
  extras?: Record<string, unknown>;
}

/** LPS mm → glTF metres, +Y up (superior), +Z front (anterior = −Y_LPS); column-major. */
export const LPS_MM_TO_GLTF = [0.001, 0, 0, 0, 0, 0, -0.001, 0, 0, 0.001, 0, 0, 0, 0, 0, 1];

/** Round to 1 µm before float32 storage so the output does not depend on last-ulp math differences. */
const q = (v: number) => Math.round(v * 1000) / 1000;

export function writeGlb(structures: GlbStructure[], opts: { rootName: string; generator: string; extras?: Record<string, unknown> }): Uint8Array {
  const chunks: Uint8Array[] = [];
  let byteLength = 0;
  const bufferViews: object[] = [];
  const accessors: object[] = [];
  const meshes: object[] = [];
  const nodes: object[] = [];
  const materials: object[] = [];
  const materialIndex = new Map<string, number>();

  const addView = (data: Uint8Array, target: number): number => {
    const pad = (4 - (byteLength % 4)) % 4;
    if (pad) {
      chunks.push(new Uint8Array(pad));
      byteLength += pad;
    }
    bufferViews.push({ buffer: 0, byteOffset: byteLength, byteLength: data.byteLength, target });
    chunks.push(data);
    byteLength += data.byteLength;
    return bufferViews.length - 1;
  };

  for (const s of structures) {
    const pos = new Float32Array(s.mesh.positions.map(q));
    const nrm = vertexNormals(pos, s.mesh.indices);
    const nV = pos.length / 3;
    const idx = nV <= 65535 ? new Uint16Array(s.mesh.indices) : new Uint32Array(s.mesh.indices);
    const min = [Infinity, Infinity, Infinity];
    const max = [-Infinity, -Infinity, -Infinity];
    for (let i = 0; i < pos.length; i += 3) {
      for (let k = 0; k < 3; k++) {
        if (pos[i + k]! < min[k]!) min[k] = pos[i + k]!;
        if (pos[i + k]! > max[k]!) max[k] = pos[i + k]!;
      }
    }
    const pv = addView(new Uint8Array(pos.buffer), 34962);
    accessors.push({ bufferView: pv, componentType: 5126, count: nV, type: 'VEC3', min, max });
    const posAcc = accessors.length - 1;
    const nv = addView(new Uint8Array(nrm.buffer), 34962);
    accessors.push({ bufferView: nv, componentType: 5126, count: nV, type: 'VEC3' });
    const nrmAcc = accessors.length - 1;
    const iv = addView(new Uint8Array(idx.buffer), 34963);
    accessors.push({ bufferView: iv, componentType: idx instanceof Uint16Array ? 5123 : 5125, count: idx.length, type: 'SCALAR' });
    const idxAcc = accessors.length - 1;

    const key = `${s.material}|${s.color.join(',')}`;
    let mat = materialIndex.get(key);
    if (mat === undefined) {
      const transparent = s.color[3] < 1;
      materials.push({
        name: s.material,
        pbrMetallicRoughness: { baseColorFactor: s.color, metallicFactor: 0, roughnessFactor: 0.8 },
        ...(transparent ? { alphaMode: 'BLEND' } : {}),
        doubleSided: true,
      });
      mat = materials.length - 1;
      materialIndex.set(key, mat);
    }
    meshes.push({ name: s.name, primitives: [{ attributes: { POSITION: posAcc, NORMAL: nrmAcc }, indices: idxAcc, material: mat, mode: 4 }] });
    nodes.push({ name: s.name, mesh: meshes.length - 1, ...(s.extras ? { extras: s.extras } : {}) });
  }
  const children = nodes.map((_, i) => i + 1);
  const root = { name: opts.rootName, matrix: LPS_MM_TO_GLTF, children };
  const json = {
    asset: { version: '2.0', generator: opts.generator },
    scene: 0,
    scenes: [{ name: opts.rootName, nodes: [0] }],
    nodes: [root, ...nodes],
    meshes,
    materials,
    accessors,
    bufferViews,
    buffers: [{ byteLength: align4(byteLength) }],
    ...(opts.extras ? { extras: opts.extras } : {}),
  };
  const jsonBytes = new TextEncoder().encode(JSON.stringify(json));
  const jsonPadded = new Uint8Array(align4(jsonBytes.length)).fill(0x20);
  jsonPadded.set(jsonBytes);
  const bin = new Uint8Array(align4(byteLength));
  let off = 0;
  for (const c of chunks) {
    bin.set(c, off);
    off += c.byteLength;
  }
  const total = 12 + 8 + jsonPadded.length + 8 + bin.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, 0x46546c67, true); // 'glTF'
  dv.setUint32(4, 2, true);
  dv.setUint32(8, total, true);
  dv.setUint32(12, jsonPadded.length, true);
  dv.setUint32(16, 0x4e4f534a, true); // 'JSON'
  out.set(jsonPadded, 20);
  const b = 20 + jsonPadded.length;
  dv.setUint32(b, bin.length, true);
  dv.setUint32(b + 4, 0x004e4942, true); // 'BIN\0'
  out.set(bin, b + 8);
  return out;
}

const align4 = (n: number) => (n + 3) & ~3;

/** Area-weighted vertex normals, unit length (validator requires |n| = 1). */
function vertexNormals(p: Float32Array, idx: number[]): Float32Array {
  const acc = new Float64Array(p.length);
  for (let t = 0; t < idx.length; t += 3) {
    const a = idx[t]! * 3, b = idx[t + 1]! * 3, c = idx[t + 2]! * 3;
    const ux = p[b]! - p[a]!, uy = p[b + 1]! - p[a + 1]!, uz = p[b + 2]! - p[a + 2]!;
    const vx = p[c]! - p[a]!, vy = p[c + 1]! - p[a + 1]!, vz = p[c + 2]! - p[a + 2]!;
    const nx = uy * vz - uz * vy, ny = uz * vx - ux * vz, nz = ux * vy - uy * vx;
    for (const k of [a, b, c]) {
      acc[k]! += nx;
      acc[k + 1]! += ny;
      acc[k + 2]! += nz;
    }
  }
  const out = new Float32Array(p.length);
  for (let i = 0; i < p.length; i += 3) {
    const l = Math.hypot(acc[i]!, acc[i + 1]!, acc[i + 2]!);
    if (l > 0) {
      out[i] = acc[i]! / l;
      out[i + 1] = acc[i + 1]! / l;
      out[i + 2] = acc[i + 2]! / l;
    } else {
      out[i + 2] = 1;
    }
  }
  return out;
}
