/**
 * A small, dependency-free reader for binary glTF 2.0 (GLB) triangle meshes: one `TriMesh` per node
 * that has a mesh, with the node's world transform applied (matrix or TRS, composed down the
 * hierarchy). Enough for BlockPlan's own atlas files and for plain reference meshes such as the
 * HuBMAP organs; it is NOT a general glTF loader (no textures, no sparse accessors, no compression
 * extensions: those are reported as errors). The app loads user files with renderer/scene3d's
 * three.js loaders; this reader exists so that core (the `blockplan scan` CLI, the atlas build) can
 * read GLBs without three.
 *
 * Units: whatever the file holds (glTF says metres). `toLpsMm` converts glTF metres, +Y up, +Z front
 * to LPS millimetres: (x, y, z) ↦ 1000 · (x, −z, y) — the same convention as the app's loader.
 */
import { appError, err, ok, type Result } from '../result';
import type { TriMesh } from './mesh';

interface GltfNode {
  name?: string;
  mesh?: number;
  children?: number[];
  matrix?: number[];
  translation?: number[];
  rotation?: number[];
  scale?: number[];
}
interface GltfJson {
  extensionsRequired?: string[];
  scene?: number;
  scenes?: { nodes?: number[] }[];
  nodes?: GltfNode[];
  meshes?: { name?: string; primitives: { attributes: Record<string, number>; indices?: number; mode?: number }[] }[];
  accessors?: { bufferView?: number; byteOffset?: number; componentType: number; count: number; type: string; sparse?: unknown }[];
  bufferViews?: { buffer: number; byteOffset?: number; byteLength: number; byteStride?: number }[];
}

const fail = (file: string, title: string, detail?: string) => err(appError('model/corrupt', title, { file, action: 'Check that the file is a complete binary glTF (.glb).', ...(detail ? { detail } : {}) }));

/** Column-major 4×4 product a · b. */
function mul(a: number[], b: number[]): number[] {
  const o = new Array<number>(16).fill(0);
  for (let c = 0; c < 4; c++) for (let r = 0; r < 4; r++) for (let k = 0; k < 4; k++) o[c * 4 + r]! += a[k * 4 + r]! * b[c * 4 + k]!;
  return o;
}

function localMatrix(n: GltfNode): number[] {
  if (n.matrix?.length === 16) return n.matrix.slice();
  const [tx, ty, tz] = n.translation ?? [0, 0, 0];
  const [x, y, z, w] = n.rotation ?? [0, 0, 0, 1];
  const [sx, sy, sz] = n.scale ?? [1, 1, 1];
  const xx = x! * x!, yy = y! * y!, zz = z! * z!, xy = x! * y!, xz = x! * z!, yz = y! * z!, wx = w! * x!, wy = w! * y!, wz = w! * z!;
  return [
    (1 - 2 * (yy + zz)) * sx!, 2 * (xy + wz) * sx!, 2 * (xz - wy) * sx!, 0,
    2 * (xy - wz) * sy!, (1 - 2 * (xx + zz)) * sy!, 2 * (yz + wx) * sy!, 0,
    2 * (xz + wy) * sz!, 2 * (yz - wx) * sz!, (1 - 2 * (xx + yy)) * sz!, 0,
    tx!, ty!, tz!, 1,
  ];
}

/**
 * Read every mesh node of a GLB. Primitives of one mesh are merged into one TriMesh named after the
 * node (or the mesh). `toLpsMm`: convert glTF metres / +Y up to LPS millimetres.
 */
export function readGlbMeshes(bytes: Uint8Array, file: string, opts: { toLpsMm?: boolean } = {}): Result<TriMesh[]> {
  if (bytes.length < 20) return fail(file, 'The GLB file is too short.');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (dv.getUint32(0, true) !== 0x46546c67) return err(appError('model/wrong-format', 'The file is not a binary glTF (GLB).', { file, action: 'Choose a .glb file.' }));
  const total = dv.getUint32(8, true);
  if (total > bytes.length) return fail(file, 'The GLB file is truncated.', `header says ${total} bytes, file has ${bytes.length}`);
  let json: GltfJson | null = null;
  let bin: Uint8Array | null = null;
  for (let off = 12; off + 8 <= total; ) {
    const len = dv.getUint32(off, true);
    const type = dv.getUint32(off + 4, true);
    const body = bytes.subarray(off + 8, off + 8 + len);
    if (type === 0x4e4f534a) {
      try {
        json = JSON.parse(new TextDecoder().decode(body)) as GltfJson;
      } catch (e) {
        return fail(file, 'The GLB JSON chunk is not valid JSON.', String(e));
      }
    } else if (type === 0x004e4942) bin = body;
    off += 8 + len + ((4 - (len % 4)) % 4);
  }
  if (!json) return fail(file, 'The GLB file has no JSON chunk.');
  if (json.extensionsRequired?.length) return err(appError('model/needs-decoder', `The GLB needs the extension(s) ${json.extensionsRequired.join(', ')}, which this reader does not support.`, { file, action: 'Open it in the app (3D view), which has the full glTF loader.' }));
  const accessors = json.accessors ?? [];
  const views = json.bufferViews ?? [];
  const read = (index: number, comps: number): Float64Array | null => {
    const a = accessors[index];
    if (!a || a.bufferView === undefined || a.sparse || !bin) return null;
    const v = views[a.bufferView];
    if (!v) return null;
    const size = { 5120: 1, 5121: 1, 5122: 2, 5123: 2, 5125: 4, 5126: 4 }[a.componentType];
    if (!size) return null;
    const stride = v.byteStride ?? size * comps;
    const base = (v.byteOffset ?? 0) + (a.byteOffset ?? 0);
    if (base + stride * (a.count - 1) + size * comps > bin.length) return null;
    const bdv = new DataView(bin.buffer, bin.byteOffset, bin.byteLength);
    const out = new Float64Array(a.count * comps);
    for (let i = 0; i < a.count; i++) {
      for (let k = 0; k < comps; k++) {
        const o = base + i * stride + k * size;
        out[i * comps + k] =
          a.componentType === 5126 ? bdv.getFloat32(o, true) : a.componentType === 5125 ? bdv.getUint32(o, true) : a.componentType === 5123 ? bdv.getUint16(o, true) : a.componentType === 5121 ? bdv.getUint8(o) : a.componentType === 5122 ? bdv.getInt16(o, true) : bdv.getInt8(o);
      }
    }
    return out;
  };
  const nodes = json.nodes ?? [];
  const out: TriMesh[] = [];
  const visit = (ni: number, parent: number[], depth: number): Result<true> => {
    const n = nodes[ni];
    if (!n || depth > 64) return fail(file, 'The GLB node hierarchy is invalid.', `node ${ni}`);
    const world = mul(parent, localMatrix(n));
    if (n.mesh !== undefined) {
      const mesh = json!.meshes?.[n.mesh];
      if (!mesh) return fail(file, 'A node refers to a missing mesh.', `node ${ni}`);
      const pos: number[] = [];
      const idx: number[] = [];
      for (const p of mesh.primitives) {
        if ((p.mode ?? 4) !== 4 || p.attributes.POSITION === undefined) continue;
        const P = read(p.attributes.POSITION, 3);
        if (!P) return fail(file, 'A mesh has unreadable vertex positions.', `mesh ${n.mesh}`);
        const I = p.indices !== undefined ? read(p.indices, 1) : Float64Array.from({ length: P.length / 3 }, (_, i) => i);
        if (!I) return fail(file, 'A mesh has unreadable triangle indices.', `mesh ${n.mesh}`);
        const base = pos.length / 3;
        for (let i = 0; i < P.length; i += 3) {
          const x = P[i]!, y = P[i + 1]!, z = P[i + 2]!;
          const wx = world[0]! * x + world[4]! * y + world[8]! * z + world[12]!;
          const wy = world[1]! * x + world[5]! * y + world[9]! * z + world[13]!;
          const wz = world[2]! * x + world[6]! * y + world[10]! * z + world[14]!;
          if (opts.toLpsMm) pos.push(wx * 1000, -wz * 1000, wy * 1000);
          else pos.push(wx, wy, wz);
        }
        for (let t = 0; t + 2 < I.length; t += 3) idx.push(base + I[t]!, base + I[t + 1]!, base + I[t + 2]!);
      }
      if (idx.length) out.push({ name: n.name ?? mesh.name ?? `mesh-${n.mesh}`, positions: new Float32Array(pos), indices: new Uint32Array(idx) });
    }
    for (const c of n.children ?? []) {
      const r = visit(c, world, depth + 1);
      if (!r.ok) return r;
    }
    return ok(true);
  };
  const roots = json.scenes?.[json.scene ?? 0]?.nodes ?? nodes.map((_, i) => i).filter((i) => !nodes.some((n) => n.children?.includes(i)));
  const id = [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1];
  for (const r of roots) {
    const v = visit(r, id, 0);
    if (!v.ok) return v;
  }
  return ok(out);
}
