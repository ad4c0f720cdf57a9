/**
 * Loading the scene's models: the bundled atlas (assets/anatomy: manifest.json + GLBs, fetched
 * relative to the page so it works in browser mode and under app://blockplan/), and models the user
 * imports (GLB/glTF, STL, OBJ, PLY through ./loaders.ts). Results go to the 3D state as plain data
 * (renderer/state/scene3d.ts); three.js objects are built from them by ./meshes.ts.
 */
import { AtlasManifestSchema, atlasModelId, type AtlasManifest } from '../../core/anatomy/atlas-manifest';
import type { ModelRef } from '../../core/anatomy/plan3d';
import { MM_PER_UNIT, type LengthUnit } from '../../core/anatomy/units';
import { identity4 } from '../../core/anatomy/vec3';
import { sha256Hex } from '../../core/plan/hash';
import { appError, type AppError } from '../../core/result';
import { bridge } from '../bridge';
import type { OpenedFile } from '../bridge/types';
import { notify, reportError } from '../state/messages';
import { atlasStructures, apply3d, useScene3d, type ModelRuntime, type StructureInfo } from '../state/scene3d';
import { refOf } from '../../core/anatomy/scene-edits';
import { modelGeometry, sectionMeshesOf, setModelGeometry } from './geometry';
import { currentCase } from '../state/case';
import { loadModel, type LoadedModel } from './loaders';
import { disposeGeometry } from './meshes';

const ATLAS_DIR = 'assets/anatomy/';

/** Distinct colours for imported structures without a material colour. */
export const IMPORT_PALETTE = ['#d8c9a8', '#8fb8de', '#e0a07a', '#a6d49f', '#c9a4e0', '#e6c65c', '#7fd0dc', '#e58f9e'] as const;

const assetUrl = (name: string) => new URL(`${ATLAS_DIR}${name}`, document.baseURI);

async function fetchBytes(name: string): Promise<{ ok: true; bytes: Uint8Array } | { ok: false; error: AppError }> {
  try {
    const res = await fetch(assetUrl(name));
    if (!res.ok) {
      return { ok: false, error: appError('atlas/missing', `The anatomy atlas file ${name} is not installed (HTTP ${res.status}).`, { file: `${ATLAS_DIR}${name}`, action: 'Reinstall BlockPlan; imported models still work.' }) };
    }
    return { ok: true, bytes: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    return { ok: false, error: appError('atlas/unreadable', `The anatomy atlas file ${name} could not be read.`, { file: `${ATLAS_DIR}${name}`, detail: e instanceof Error ? e.message : String(e) }) };
  }
}

let atlasPromise: Promise<void> | null = null;

/** Load the atlas once per session (manifest, then every GLB). Errors go to the messages store. */
export function loadAtlas(): Promise<void> {
  atlasPromise ??= doLoadAtlas();
  return atlasPromise;
}

async function doLoadAtlas(): Promise<void> {
  const st = useScene3d.getState();
  st.setManifest(null, 'loading');
  const got = await fetchBytes('manifest.json');
  if (!got.ok) {
    st.setManifest(null, 'error', got.error);
    reportError(got.error, 'warning');
    return;
  }
  let manifest: AtlasManifest;
  try {
    const parsed = AtlasManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(got.bytes)));
    if (!parsed.success) throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    manifest = parsed.data;
  } catch (e) {
    const error = appError('atlas/invalid', 'The anatomy atlas manifest is damaged.', { file: `${ATLAS_DIR}manifest.json`, action: 'Reinstall BlockPlan.', detail: e instanceof Error ? e.message : String(e) });
    st.setManifest(null, 'error', error);
    reportError(error, 'warning');
    return;
  }
  st.setManifest(manifest, 'loading');
  await Promise.all(manifest.files.map((f) => loadAtlasFile(manifest, f.file)));
  const failed = manifest.files.some((f) => useScene3d.getState().models[atlasModelId(f.file)]?.status !== 'ready');
  st.setManifest(manifest, failed ? 'error' : 'ready');
}

async function loadAtlasFile(manifest: AtlasManifest, file: string): Promise<void> {
  const id = atlasModelId(file);
  const structures = atlasStructures(manifest, file);
  const st = useScene3d.getState();
  st.setModelRuntime(id, { id, status: 'loading', error: null, structures, triangleCount: 0, units: null, warnings: [], loadMs: null });
  const t0 = performance.now();
  const got = await fetchBytes(file);
  if (!got.ok) {
    st.setModelRuntime(id, { id, status: 'error', error: got.error, structures, triangleCount: 0, units: null, warnings: [], loadMs: null });
    reportError(got.error, 'warning');
    return;
  }
  // The atlas GLBs are in metres (glTF); the manifest states the frame.
  const r = await loadModel(got.bytes, file, { units: { unit: 'm' } });
  if (!r.ok) {
    st.setModelRuntime(id, { id, status: 'error', error: r.error, structures, triangleCount: 0, units: null, warnings: [], loadMs: null });
    reportError(r.error, 'warning');
    return;
  }
  const names = new Set(r.value.meshes.map((m) => m.name));
  const missing = structures.filter((s) => !names.has(s.name));
  const warnings = missing.length ? [`${missing.length} structure(s) of the manifest are not in ${file}: ${missing.slice(0, 5).map((s) => s.name).join(', ')}`] : [];
  setModelGeometry(id, { meshes: r.value.meshes, bytes: null });
  prepareSoon(id);
  useScene3d.getState().setModelRuntime(id, {
    id,
    status: 'ready',
    error: null,
    structures: structures.filter((s) => names.has(s.name)),
    triangleCount: r.value.triangleCount,
    units: r.value.units,
    warnings,
    loadMs: performance.now() - t0,
  });
}

/** Prepare a model's section meshes in idle time, so the first probe move is as quick as the next. */
function prepareSoon(modelId: string): void {
  const run = () => void sectionMeshesOf(modelId);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 2000 });
  else setTimeout(run, 0);
}

// ---------------------------------------------------------------------------------------------
// Imported models

const FORMATS = ['glb', 'gltf', 'stl', 'obj', 'ply'] as const;

function structuresOf(modelId: string, label: string, m: LoadedModel): StructureInfo[] {
  return m.meshes.map((mesh, i) => ({
    ref: refOf(modelId, mesh.name),
    modelId,
    name: mesh.name,
    label: mesh.name,
    category: null,
    group: label,
    triangles: mesh.indices.length / 3,
    defaultColor: mesh.color && mesh.color !== '#ffffff' ? mesh.color : IMPORT_PALETTE[i % IMPORT_PALETTE.length]!,
    defaultOpacity: 1,
    atRiskFor: [],
  }));
}

function runtimeOf(modelId: string, label: string, m: LoadedModel, loadMs: number): ModelRuntime {
  return { id: modelId, status: 'ready', error: null, structures: structuresOf(modelId, label, m), triangleCount: m.triangleCount, units: m.units, warnings: m.warnings, loadMs };
}

function newModelId(): string {
  const used = new Set([...(currentCase().scene3d?.models ?? []).map((m) => m.id), ...Object.keys(useScene3d.getState().models)]);
  for (let i = 1; ; i++) if (!used.has(`model-${i}`)) return `model-${i}`;
}

/** Import opened or dropped model files into the case's 3D plan (one undo step per file). */
export async function importModelFiles(files: readonly OpenedFile[]): Promise<void> {
  for (const f of files) {
    const t0 = performance.now();
    const r = await loadModel(f.bytes, f.name);
    if (!r.ok) {
      reportError(r.error);
      continue;
    }
    const m = r.value;
    const id = newModelId();
    const label = f.name.replace(/^.*[\\/]/, '');
    const ref: ModelRef = {
      id,
      label,
      source: { kind: 'file', path: f.path || f.name, sha256: sha256Hex(f.bytes), format: FORMATS.includes(m.format) ? m.format : 'glb' },
      mmPerUnit: m.units.mmPerUnit,
      unitsOverridden: false,
      transform: identity4(),
      structures: [],
    };
    setModelGeometry(id, { meshes: m.meshes, bytes: f.bytes });
    prepareSoon(id);
    useScene3d.getState().setModelRuntime(id, runtimeOf(id, label, m, performance.now() - t0));
    if (!apply3d({ type: 'add-model-3d', model: ref, label: `Import ${label}` })) {
      setModelGeometry(id, null);
      useScene3d.getState().setModelRuntime(id, null);
      continue;
    }
    const tris = m.triangleCount.toLocaleString('en-US');
    notify(`Imported ${label}: ${m.meshes.length} structure${m.meshes.length === 1 ? '' : 's'}, ${tris} triangles`, m.units.ambiguous ? 'warning' : 'success', {
      detail: [m.units.reason, ...m.warnings].join('\n'),
      ...(m.units.ambiguous ? { action: 'Check the units in the Models tab of the 3D view.' } : {}),
    });
  }
}

/** Reload an imported model with other units (the user's override); keeps its transform. */
export async function setModelUnits(modelId: string, unit: LengthUnit): Promise<void> {
  const g = modelGeometry(modelId);
  const ref = currentCase().scene3d?.models.find((m) => m.id === modelId);
  if (!g?.bytes || !ref) return;
  const r = await loadModel(g.bytes, ref.label, { units: { unit } });
  if (!r.ok) {
    reportError(r.error);
    return;
  }
  for (const m of g.meshes) disposeGeometry(m); // the GPU copies of the old meshes
  setModelGeometry(modelId, { meshes: r.value.meshes, bytes: g.bytes });
  useScene3d.getState().setModelRuntime(modelId, runtimeOf(modelId, ref.label, r.value, 0));
  apply3d({ type: 'set-model-units-3d', modelId, mmPerUnit: MM_PER_UNIT[unit], label: `Set units of ${ref.label} to ${unit}` });
}

/**
 * Models of the plan that are files but not loaded (a case reopened): read them again through the
 * platform (desktop: the saved path; browser: files opened in this session) and check the SHA-256.
 */
export async function loadMissingModels(models: readonly ModelRef[]): Promise<void> {
  for (const ref of models) {
    if (ref.source.kind !== 'file') continue;
    const st = useScene3d.getState();
    if (st.models[ref.id]) continue;
    st.setModelRuntime(ref.id, { id: ref.id, status: 'loading', error: null, structures: [], triangleCount: 0, units: null, warnings: [], loadMs: null });
    const fail = (error: AppError) => useScene3d.getState().setModelRuntime(ref.id, { id: ref.id, status: 'error', error, structures: [], triangleCount: 0, units: null, warnings: [], loadMs: null });
    const read = await bridge().readFile(ref.source.path);
    if (!read.ok) {
      fail(appError('model/missing', `The 3D model ${ref.label} could not be found.`, { file: ref.source.path, action: 'Import the model file again (File ▸ Open 3D model…).', detail: read.error.title }));
      continue;
    }
    if (ref.source.sha256 && sha256Hex(read.value.bytes) !== ref.source.sha256) {
      fail(appError('model/changed', `The file of the 3D model ${ref.label} has changed since it was planned on.`, { file: ref.source.path, action: 'Import the original file again.' }));
      continue;
    }
    const t0 = performance.now();
    const r = await loadModel(read.value.bytes, ref.label, { units: { mmPerUnit: ref.mmPerUnit } });
    if (!r.ok) {
      fail(r.error);
      continue;
    }
    setModelGeometry(ref.id, { meshes: r.value.meshes, bytes: read.value.bytes });
    useScene3d.getState().setModelRuntime(ref.id, runtimeOf(ref.id, ref.label, r.value, performance.now() - t0));
  }
}
