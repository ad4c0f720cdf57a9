/**
 * Load 3D anatomy models (glTF/GLB, STL ASCII and binary, OBJ, PLY) with three.js's loaders and
 * convert them to core/anatomy's plain meshes in patient millimetres (LPS).
 *
 * No React here, so the same code runs in the renderer and in Node (tests, benchmark).
 *
 * Steps: detect the format from the bytes (the extension is only a hint; formats register in
 * ./loader-registry.ts, one file each in ./formats) → parse with three's loader
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
import { Matrix4, type Mesh, type Material, type Color } from 'three';
import type { DRACOLoader } from 'three/examples/jsm/loaders/DRACOLoader.js';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import { meshBounds, triangleCount, type Bounds3, type TriMesh } from '../../core/anatomy/mesh';
import { detectUnits, type UnitDecision, type UnitOverride } from '../../core/anatomy/units';
import { extractTriangles, GLTF_TO_LPS, ownerName } from './lib/mesh-geometry';
import { formatOfExtension, modelLoader, sniffFormat, type ModelFormat, type ParsedModel } from './loader-registry';
import { ACTION_REEXPORT, looksLikeText } from './formats/bytes';
// The formats, registered in sniffing order (./loader-registry).
import './formats/gltf';
import './formats/ply';
import './formats/stl';
import './formats/obj';

export { sniffFormat, type ModelFormat };

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

function corruptError(file: string, format: ModelFormat, e: unknown): AppError {
  const msg = e instanceof Error ? e.message : String(e);
  return appError('model/corrupt', `The ${format.toUpperCase()} file is damaged or truncated and could not be read.`, { action: ACTION_REEXPORT, file, detail: msg });
}

/**
 * Load a model from its bytes. `file` is the name shown to the user in messages (a path or display name);
 * its extension is a hint checked against the content.
 */
export async function loadModel(data: ArrayBuffer | Uint8Array, file: string, opts: LoadOptions = {}): Promise<Result<LoadedModel>> {
  const bytes = data instanceof Uint8Array ? data : new Uint8Array(data);
  const warnings: string[] = [];
  const ext = /\.([a-z0-9]+)$/i.exec(file)?.[1]?.toLowerCase() ?? '';
  const byExt = opts.format ?? formatOfExtension(ext);
  if (bytes.length === 0) return err(appError('model/empty', 'The file is empty (0 bytes).', { action: ACTION_REEXPORT, file }));
  const sniffed = sniffFormat(bytes);
  if (!byExt && !sniffed) {
    return err(appError('model/unsupported-format', `“.${ext || '?'}” is not a supported 3D model format.`, { action: 'Import GLB/glTF, STL, OBJ or PLY files.', file }));
  }
  const named = byExt ? modelLoader(byExt) : undefined;
  if (!sniffed && named?.noMagic && named.check && !otherFormatSignature(bytes) && !looksLikeText(bytes)) {
    // A format without a signature (binary STL): a file named so whose content does not fit is damaged.
    return err(named.check(bytes, file) ?? corruptError(file, named.format, 'unrecognised content'));
  }
  if (!sniffed) {
    const other = otherFormatSignature(bytes);
    return err(appError('model/wrong-format', `The file does not contain ${byExt!.toUpperCase()} data${other ? ` (it looks like a ${other} file)` : ''}.`, { action: `Check that this is really a ${byExt!.toUpperCase()} file; ${ACTION_REEXPORT}`, file, detail: `First bytes: ${hexHead(bytes)}` }));
  }
  const format = sniffed;
  if (byExt && byExt !== sniffed && !(byExt === 'gltf' && sniffed === 'glb')) {
    warnings.push(`The file is named .${ext} but contains ${sniffed.toUpperCase()} data; it was read as ${sniffed.toUpperCase()}.`);
  }
  const loader = modelLoader(format)!;
  const bad = loader.check?.(bytes, file);
  if (bad) return err(bad);
  let parsed: Result<ParsedModel>;
  try {
    parsed = await loader.parse(bytes, { file, warnings, ...(opts.resources ? { resources: opts.resources } : {}), ...(opts.dracoLoader ? { dracoLoader: opts.dracoLoader } : {}) });
  } catch (e) {
    return err(corruptError(file, format, e));
  }
  if (!parsed.ok) return parsed;

  // Collect plain meshes in file units after node transforms (+ glTF axis conversion).
  const axisMode = opts.axes ?? 'auto';
  const yUp = axisMode === 'y-up' || (axisMode === 'auto' && loader.yUp);
  const axis = yUp ? GLTF_TO_LPS : new Matrix4();
  let meshes: LoadedMesh[] = [];
  const p = parsed.value;
  if (p.kind === 'triangles') {
    const base = file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '');
    meshes.push({ name: base, ...applyMatrix(p, axis) });
  } else {
    p.root.updateMatrixWorld(true);
    const byName = new Map<string, LoadedMesh[]>();
    p.root.traverse((o) => {
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



function hexHead(b: Uint8Array): string {
  return Array.from(b.subarray(0, 8), (x) => x.toString(16).padStart(2, '0')).join(' ');
}

