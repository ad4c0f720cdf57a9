/**
 * Load 3D anatomy models (glTF/GLB, STL ASCII and binary, OBJ, PLY) with three.js's loaders and
 * convert them to core/anatomy's plain meshes in patient millimetres (LPS).
 *
 * No React here, so the same code runs in the renderer and in Node (tests, benchmark).
 *
 * Steps: detect the format from the bytes (the extension is only a hint) → parse with three's loader
 * → apply node transforms → convert glTF's Y-up axes to LPS (glTF only; STL/OBJ/PLY have no axis
 * convention and are taken as LPS, like BodyParts3D) → detect units from the size (./units) unless
 * overridden → scale to mm. Node names are kept (one plain mesh per glTF node / OBJ object).
 *
 * Decoders are bundled, never fetched from a CDN: meshopt (EXT_meshopt_compression) comes from
 * three's own `libs/` folder; Draco needs a `DRACOLoader` passed in by the caller
 * (see ./lib/draco.ts for the browser); without one a Draco file fails with a clear error.
 * Textures are never decoded — anatomy models are coloured per structure.
 *
 * Every failure is an AppError naming the file: unsupported or wrong format, corrupt data, empty mesh.
 */
import { LoadingManager, Matrix4, type Mesh, type Object3D, type Material, type Color, type Texture } from 'three';
import { GLTFLoader, type GLTFLoaderPlugin, type GLTFParser } from 'three/examples/jsm/loaders/GLTFLoader.js';
import { STLLoader } from 'three/examples/jsm/loaders/STLLoader.js';
import { OBJLoader } from 'three/examples/jsm/loaders/OBJLoader.js';
import { PLYLoader } from 'three/examples/jsm/loaders/PLYLoader.js';
import type { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { MeshoptDecoder } from 'three/examples/jsm/libs/meshopt_decoder.module.js';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import { meshBounds, triangleCount, type Bounds3, type TriMesh } from '../../core/anatomy/mesh';
import { detectUnits, type UnitDecision, type UnitOverride } from '../../core/anatomy/units';
import { extractTriangles, GLTF_TO_LPS, ownerName } from './lib/mesh-geometry';

export type ModelFormat = 'glb' | 'gltf' | 'stl' | 'obj' | 'ply';

/** Axis handling: 'auto' = glTF's +Y-up → LPS for glTF/GLB, as stored for STL/OBJ/PLY. */
export type AxisMode = 'auto' | 'as-is' | 'y-up';

export interface LoadOptions {
  /** Force units instead of detecting them. */
  units?: UnitOverride;
  axes?: AxisMode;
  /** Parse as this format regardless of the extension (content is still checked). */
  format?: ModelFormat;
  /** External files of a .gltf (buffers), by the URI written in the .gltf. */
  resources?: Record<string, Uint8Array>;
  /** A configured DRACOLoader (browser only) for Draco-compressed glTF. */
  dracoLoader?: DRACOLoader;
}

/** One structure of a loaded model: a plain mesh (mm, LPS) plus its material colour if the file had one. */
export interface LoadedMesh extends TriMesh {
  /** CSS hex colour of the first material, e.g. '#d9c7a0'. */
  color?: string;
}

export interface LoadedModel {
  /** The display name / path the caller gave. */
  file: string;
  format: ModelFormat;
  meshes: LoadedMesh[];
  units: UnitDecision;
  /** Axis conversion that was applied. */
  axes: 'as-is' | 'y-up';
  triangleCount: number;
  /** Bounds in patient mm. */
  bounds: Bounds3;
  /** Non-fatal notes for the user (e.g. extension and content disagree). */
  warnings: string[];
}

const EXTENSIONS: Record<string, ModelFormat> = { glb: 'glb', gltf: 'gltf', stl: 'stl', obj: 'obj', ply: 'ply' };

const ACTION_REEXPORT = 'Re-export the model from its source program as GLB, STL, OBJ or PLY, then import it again.';

/** Format from the content, or undefined when the bytes match none of the supported formats. */
export function sniffFormat(bytes: Uint8Array): ModelFormat | undefined {
  if (bytes.length >= 12 && bytes[0] === 0x67 && bytes[1] === 0x6c && bytes[2] === 0x54 && bytes[3] === 0x46) return 'glb'; // 'glTF'
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, 1024)));
  if (/^ply\r?\n/.test(head)) return 'ply';
  if (bytes.length >= 84) {
    const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
    if (84 + n * 50 === bytes.length && n > 0) return 'stl'; // binary STL (the header may even start with "solid")
  }
  const trimmed = head.replace(/^\uFEFF/, '').trimStart();
  if (/^solid\b/i.test(trimmed) && /facet\s+normal|endsolid/i.test(latin1(bytes.subarray(0, Math.min(bytes.length, 4096))))) return 'stl';
  if (trimmed.startsWith('{') && /"asset"\s*:/.test(latin1(bytes.subarray(0, Math.min(bytes.length, 65536))))) return 'gltf';
  const text = latin1(bytes.subarray(0, Math.min(bytes.length, 65536)));
  if (!text.includes('\0') && /^v[ \t]+[-+.\d]/m.test(text)) return 'obj';
  return undefined;
}

/**
 * Load a model from its bytes. `file` is the name shown to the user in messages (a path or display name);
 * its extension is a hint checked against the content.
 */
export async function loadModel(data: ArrayBuffer | Uint8Array, file: string, opts: LoadOptions = {}): Promise<Result<LoadedModel>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const warnings: string[] = [];
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const byExt = opts.format ?? EXTENSIONS[ext];
  if (bytes.length === 0) return err(appError('model/empty', 'The file is empty (0 bytes).', { action: ACTION_REEXPORT, file }));
  const sniffed = sniffFormat(bytes);
  if (!byExt && !sniffed) {
    return err(appError('model/unsupported-format', `“.${ext || '?'}” is not a supported 3D model format.`, { action: 'Import GLB/glTF, STL, OBJ or PLY files.', file }));
  }
  if (!sniffed && byExt === 'stl' && bytes.length >= 84 && !otherFormatSignature(bytes) && !looksLikeText(bytes)) {
    // Binary STL has no magic number: a .stl whose size disagrees with its triangle count is damaged.
    return err(checkBinaryStl(bytes, file) ?? corruptError(file, 'stl', 'unrecognised content'));
  }
  if (!sniffed) {
    const other = otherFormatSignature(bytes);
    return err(appError('model/wrong-format', `The file does not contain ${byExt!.toUpperCase()} data${other ? ` (it looks like a ${other} file)` : ''}.`, { action: `Check that this is really a ${byExt!.toUpperCase()} file; ${ACTION_REEXPORT}`, file, detail: `First bytes: ${hexHead(bytes)}` }));
  }
  const format = sniffed;
  if (byExt && byExt !== sniffed && !(byExt === 'gltf' && sniffed === 'glb')) {
    warnings.push(`The file is named .${ext} but contains ${sniffed.toUpperCase()} data; it was read as ${sniffed.toUpperCase()}.`);
  }

  let root: Object3D | undefined;
  let geometryOnly: { positions: Float32Array; indices: Uint32Array } | undefined;
  try {
    switch (format) {
      case 'glb':
      case 'gltf': {
        const bad = format === 'glb' ? checkGlb(bytes, file) : undefined;
        if (bad) return err(bad);
        const r = await parseGltf(bytes, file, opts);
        if (!r.ok) return r;
        root = r.value;
        break;
      }
      case 'stl': {
        const corrupt = checkBinaryStl(bytes, file);
        if (corrupt) return err(corrupt);
        const geo = new STLLoader().parse(toArrayBuffer(bytes));
        geometryOnly = extractTriangles({ geometry: geo } as Mesh, new Matrix4());
        break;
      }
      case 'obj': {
        // three's OBJLoader turns an object that has any `l` (polyline) record into LineSegments and
        // drops its faces; Blender exports of BodyParts3D muscles carry both. Keep the faces.
        let text = new TextDecoder().decode(bytes);
        if (/^l[ \t]/m.test(text) && /^f[ \t]/m.test(text)) {
          text = text.replace(/^l[ \t].*$/gm, '');
          warnings.push('The OBJ file also has line elements (edges); they were left out, the surface was kept.');
        }
        root = new OBJLoader().parse(text);
        break;
      }
      case 'ply': {
        const geo = new PLYLoader().parse(toArrayBuffer(bytes));
        if (!geo.getIndex()) {
          return err(appError('model/empty', 'The PLY file has points but no faces (a point cloud), so there is no surface to show or measure.', { action: 'Mesh the point cloud (e.g. surface reconstruction) and export faces.', file }));
        }
        geometryOnly = extractTriangles({ geometry: geo } as Mesh, new Matrix4());
        break;
      }
    }
  } catch (e) {
    return err(corruptError(file, format, e));
  }

  // Collect plain meshes in file units after node transforms (+ glTF axis conversion).
  const axisMode = opts.axes ?? 'auto';
  const yUp = axisMode === 'y-up' || (axisMode === 'auto' && (format === 'glb' || format === 'gltf'));
  const axis = yUp ? GLTF_TO_LPS : new Matrix4();
  let meshes: LoadedMesh[] = [];
  if (geometryOnly) {
    const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
    meshes.push({ name: base, ...applyMatrix(geometryOnly, axis) });
  } else if (root) {
    root.updateMatrixWorld(true);
    const byName = new Map<string, LoadedMesh[]>();
    root.traverse((o) => {
      const m = o as Mesh;
      if (!m.isMesh || !m.geometry?.getAttribute('position')) return;
      const tris = extractTriangles(m, new Matrix4().multiplyMatrices(axis, m.matrixWorld));
      if (tris.indices.length === 0) return;
      const name = ownerName(m) || `mesh-${byName.size + 1}`;
      const list = byName.get(name) ?? [];
      list.push({ name, ...tris, ...colorOf(m.material) });
      byName.set(name, list);
    });
    meshes = [...byName.values()].map(mergeParts);
  }
  meshes = meshes.filter((m) => m.indices.length >= 3);
  if (meshes.length === 0) {
    return err(appError('model/empty', 'The file contains no triangle mesh.', { action: 'Check that the export included surface geometry (not only points, lines, cameras or an empty scene).', file }));
  }
  const rawBounds = meshBounds(meshes);
  const u = detectUnits(rawBounds, opts.units, file);
  if (!u.ok) return u;
  const f = u.value.mmPerUnit;
  if (f !== 1) for (const m of meshes) for (let i = 0; i < m.positions.length; i++) m.positions[i]! *= f;
  const bounds = meshBounds(meshes)!;
  if (![...bounds.min, ...bounds.max].every(Number.isFinite)) {
    return err(appError('model/corrupt', 'The model has invalid (non-numeric) coordinates.', { action: ACTION_REEXPORT, file }));
  }
  if (u.value.ambiguous) warnings.push(u.value.reason);
  return ok({
    file,
    format,
    meshes,
    units: u.value,
    axes: yUp ? 'y-up' : 'as-is',
    triangleCount: meshes.reduce((s, m) => s + triangleCount(m), 0),
    bounds,
    warnings,
  });
}

/** Skips texture decoding: geometry and colours only (also what makes GLTFLoader work in Node). */
class NoTexturesPlugin implements GLTFLoaderPlugin {
  readonly name = 'BLOCKPLAN_no_textures';
  loadTexture(): Promise<Texture> {
    // GLTFLoader skips a material's map when its texture resolves to null.
    return Promise.resolve(null) as unknown as Promise<Texture>;
  }
}

function parseGltf(bytes: Uint8Array, file: string, opts: LoadOptions): Promise<Result<Object3D>> {
  const manager = new LoadingManager();
  const resources = opts.resources ?? {};
  manager.setURLModifier((url) => {
    const key = decodeURIComponent(url.replace(/^\.\//, ''));
    const res = resources[key];
    return res ? `data:application/octet-stream;base64,${base64(res)}` : url;
  });
  const loader = new GLTFLoader(manager);
  loader.setMeshoptDecoder(MeshoptDecoder);
  if (opts.dracoLoader) loader.setDRACOLoader(opts.dracoLoader);
  loader.register((_parser: GLTFParser) => new NoTexturesPlugin());
  return new Promise((resolve) => {
    try {
      loader.parse(
        toArrayBuffer(bytes),
        '',
        (gltf) => resolve(ok(gltf.scene)),
        (e) => resolve(err(gltfError(file, e))),
      );
    } catch (e) {
      resolve(err(gltfError(file, e)));
    }
  });
}

function gltfError(file: string, e: unknown): AppError {
  const msg = e instanceof Error ? e.message : String(e);
  if (/DRACOLoader/i.test(msg)) {
    return appError('model/needs-decoder', 'The glTF file is Draco-compressed and no Draco decoder is available here.', { action: 'Open it in the BlockPlan app (which bundles the decoder) or re-export without Draco compression.', file, detail: msg });
  }
  if (/Unsupported asset|version/i.test(msg)) {
    return appError('model/wrong-format', 'This glTF version is not supported (glTF 2.0 is required).', { action: ACTION_REEXPORT, file, detail: msg });
  }
  if (/Failed to load buffer|fetch|Failed to parse URL/i.test(msg)) {
    return appError('model/missing-resource', 'A file this glTF refers to (its .bin buffer) is missing.', { action: 'Import the .gltf together with its .bin file, or use a single .glb file.', file, detail: msg });
  }
  return corruptError(file, 'gltf', e);
}

function corruptError(file: string, format: ModelFormat, e: unknown): AppError {
  const msg = e instanceof Error ? e.message : String(e);
  return appError('model/corrupt', `The ${format.toUpperCase()} file is damaged or truncated and could not be read.`, { action: ACTION_REEXPORT, file, detail: msg });
}

/**
 * GLB container checks (glTF 2.0 §4.4): 12-byte header whose length field equals the file size,
 * then chunks that fit inside the file, the first being JSON. Catches truncated downloads, which
 * three's parser would otherwise read as zero-filled geometry.
 */
function checkGlb(bytes: Uint8Array, file: string): AppError | undefined {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = dv.getUint32(4, true);
  if (version !== 2) return appError('model/wrong-format', `This is a glTF ${version}.x binary file; glTF 2.0 is required.`, { action: ACTION_REEXPORT, file });
  const declared = dv.getUint32(8, true);
  if (declared !== bytes.length) {
    return appError('model/corrupt', `The GLB file declares ${declared} bytes but has ${bytes.length}: it is truncated or damaged.`, { action: ACTION_REEXPORT, file });
  }
  let off = 12;
  let first = true;
  while (off < bytes.length) {
    if (off + 8 > bytes.length) return appError('model/corrupt', 'The GLB file ends inside a chunk header.', { action: ACTION_REEXPORT, file });
    const len = dv.getUint32(off, true);
    const type = dv.getUint32(off + 4, true);
    if (first && type !== 0x4e4f534a) return appError('model/corrupt', 'The GLB file does not start with its JSON chunk.', { action: ACTION_REEXPORT, file });
    if (off + 8 + len > bytes.length) return appError('model/corrupt', 'A GLB chunk runs past the end of the file: it is truncated or damaged.', { action: ACTION_REEXPORT, file });
    off += 8 + len;
    first = false;
  }
  return undefined;
}

/** Magic numbers of common non-model files people drop by mistake (images, PDF, archives, DICOM). */
function otherFormatSignature(b: Uint8Array): string | undefined {
  const sig = (arr: number[], at = 0) => arr.every((v, i) => b[at + i] === v);
  if (sig([0x89, 0x50, 0x4e, 0x47])) return 'PNG';
  if (sig([0xff, 0xd8, 0xff])) return 'JPEG';
  if (sig([0x47, 0x49, 0x46, 0x38])) return 'GIF';
  if (sig([0x25, 0x50, 0x44, 0x46])) return 'PDF';
  if (sig([0x50, 0x4b, 0x03, 0x04])) return 'ZIP';
  if (sig([0x1f, 0x8b])) return 'gzip';
  if (b.length > 132 && sig([0x44, 0x49, 0x43, 0x4d], 128)) return 'DICOM';
  return undefined;
}

function looksLikeText(b: Uint8Array): boolean {
  const n = Math.min(b.length, 512);
  for (let i = 0; i < n; i++) {
    const c = b[i]!;
    if (c === 0 || (c < 9 && c !== 0)) return false;
  }
  return true;
}

/** A binary STL whose size does not match its triangle count is truncated or padded. */
function checkBinaryStl(bytes: Uint8Array, file: string): AppError | undefined {
  const head = latin1(bytes.subarray(0, Math.min(bytes.length, 512))).trimStart();
  const ascii = /^solid\b/i.test(head) && /facet|endsolid/i.test(latin1(bytes.subarray(0, Math.min(bytes.length, 4096))));
  if (ascii) {
    if (!/endsolid/i.test(latin1(bytes.subarray(Math.max(0, bytes.length - 1024))))) {
      return appError('model/corrupt', 'The ASCII STL file is truncated (no “endsolid” at the end).', { action: ACTION_REEXPORT, file });
    }
    return undefined;
  }
  if (bytes.length < 84) return appError('model/corrupt', 'The STL file is too short to hold a header and a triangle count.', { action: ACTION_REEXPORT, file });
  const n = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(80, true);
  const expected = 84 + 50 * n;
  if (expected !== bytes.length) {
    return appError('model/corrupt', `The binary STL file declares ${n} triangles (${expected} bytes) but has ${bytes.length} bytes: it is truncated or damaged.`, { action: ACTION_REEXPORT, file });
  }
  if (n === 0) return appError('model/empty', 'The STL file contains no triangles.', { action: ACTION_REEXPORT, file });
  return undefined;
}

function applyMatrix(t: { positions: Float32Array; indices: Uint32Array }, m: Matrix4): { positions: Float32Array; indices: Uint32Array } {
  const e = m.elements;
  const p = t.positions;
  for (let i = 0; i < p.length; i += 3) {
    const x = p[i]!, y = p[i + 1]!, z = p[i + 2]!;
    p[i] = e[0]! * x + e[4]! * y + e[8]! * z + e[12]!;
    p[i + 1] = e[1]! * x + e[5]! * y + e[9]! * z + e[13]!;
    p[i + 2] = e[2]! * x + e[6]! * y + e[10]! * z + e[14]!;
  }
  return t;
}

function mergeParts(parts: LoadedMesh[]): LoadedMesh {
  if (parts.length === 1) return parts[0]!;
  const nPos = parts.reduce((s, p) => s + p.positions.length, 0);
  const nIdx = parts.reduce((s, p) => s + p.indices.length, 0);
  const positions = new Float32Array(nPos);
  const indices = new Uint32Array(nIdx);
  let po = 0, io = 0;
  for (const p of parts) {
    positions.set(p.positions, po);
    const base = po / 3;
    for (let i = 0; i < p.indices.length; i++) indices[io + i] = p.indices[i]! + base;
    po += p.positions.length;
    io += p.indices.length;
  }
  return { name: parts[0]!.name, positions, indices, ...(parts[0]!.color ? { color: parts[0]!.color } : {}) };
}

function colorOf(material: Material | Material[] | undefined): { color?: string } {
  const m = Array.isArray(material) ? material[0] : material;
  const c = (m as (Material & { color?: Color }) | undefined)?.color;
  return c ? { color: `#${c.getHexString()}` } : {};
}

function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : (bytes.slice().buffer as ArrayBuffer);
}

function latin1(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function hexHead(b: Uint8Array): string {
  return Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
}

function base64(b: Uint8Array): string {
  let s = '';
  for (let i = 0; i < b.length; i += 0x8000) s += String.fromCharCode(...b.subarray(i, i + 0x8000));
  return btoa(s);
}
