import { useMemo } from 'react';
import { create } from 'zustand';
import { atlasModelId, type AtlasCategory, type AtlasManifest } from '../../core/anatomy/atlas-manifest';
import {
  probePlane,
  probePoseOnSkin,
  rotateProbe,
  type ClipFrameLink,
  type ClipImageGeometry,
  type ModelRef,
  type ProbePose,
  type Scene3dPlan,
  type StructureRole,
  type Trajectory3d,
} from '../../core/anatomy/plan3d';
import { clipGeometryFromCalibration, clipPathToTrajectory, trajectoryToClip, type TrajectoryOnClip } from '../../core/anatomy/clip-plane';
import { measurementSpace, type Calibration } from '../../core/dicom/calibration';
import { prepareSectionMesh, sectionForProbe, type ProbeSectionStructure, type SectionMesh } from '../../core/anatomy/section';
import type { TriMesh } from '../../core/anatomy/mesh';
import { sampleScene3d } from '../../core/anatomy/sample-scenes';
import { isSampleId } from '../../core/samples/index';
import type { UnitDecision } from '../../core/anatomy/units';
import { add, applyMat4, applyMat4Dir, identity4, invert4, length, normalize, scale, sub, type Mat4, type Vec3 } from '../../core/anatomy/vec3';
import type { Case } from '../../core/plan/schema';
import type { AppError } from '../../core/result';
import type { OpenedFile } from '../../electron/ipc-contract';
import { currentCase, useCase } from './case';
import { depthRegion } from './files';

/**
 * The 3D anatomy workspace's state.
 *
 * Two kinds of state live here:
 * - The persistent 3D plan is the case's `scene3d` (core/anatomy/plan3d.ts), edited only through
 *   `editScene3d` → the case store's `set-scene3d` command, so it saves, autosaves and undoes with
 *   the case. Pure reducers below (`withRole`, `withStructure`, `withProbe`, …) build the new plan.
 * - Session state (not saved): the atlas manifest, what each model's file holds once loaded, the
 *   active 3D tool, the side-panel tab, camera requests, the clearance report published by the 3D
 *   view (renderer/scene3d computes it with three-mesh-bvh), a draft entry point, the registration
 *   draft. Only plain data: no three.js objects (the lint rule keeps three inside renderer/scene3d).
 *
 * Frame and units everywhere: patient LPS millimetres (+X left, +Y posterior, +Z superior).
 * A model's `transform` maps its loaded mesh (already in mm: the loader applies `mmPerUnit` and the
 * glTF axis conversion) to patient mm; it is a similarity (rotation, translation, uniform scale).
 */

// ---------------------------------------------------------------------------------------------
// Session types

/** What a click in the 3D view does. */
export type Tool3d = 'orbit' | 'entry' | 'target' | 'probe' | 'landmark';
/** Camera presets: body views, along the needle, the whole anatomy, the probe and needle area. */
export type CameraPreset = 'anterior' | 'posterior' | 'left' | 'right' | 'needle' | 'fit' | 'work';
export type SideTab = 'structures' | 'needle' | 'probe' | 'models';

/** One structure of a model, as the structure tree lists it. */
export interface StructureInfo {
  /** `modelId/nodeName`, the form Scene3dPlan uses in `atRisk` and `target`. */
  ref: string;
  modelId: string;
  /** Node name inside the model file. */
  name: string;
  /** Display name. */
  label: string;
  category: AtlasCategory | null;
  /** Group in the tree (vertebral level or region for the atlas; the model for imports). */
  group: string;
  triangles: number;
  defaultColor: string;
  defaultOpacity: number;
  /** Block templates in which the atlas marks it at risk. */
  atRiskFor: string[];
}

/** What is known about one model of the scene at run time. */
export interface ModelRuntime {
  id: string;
  status: 'loading' | 'ready' | 'error';
  error: AppError | null;
  structures: StructureInfo[];
  triangleCount: number;
  /** Unit decision of the loader (imported models). */
  units: UnitDecision | null;
  warnings: string[];
  /** Load time, ms. */
  loadMs: number | null;
}

/** Clearance of the needle to one at-risk structure (computed by the 3D view with the BVH). */
export interface ClearanceEntry {
  ref: string;
  label: string;
  /** Smallest needle–surface distance, mm (0 = touching or pierced). */
  distanceMm: number;
  /** Depth along the needle (from the entry) of the closest approach, mm. */
  depthAlongNeedleMm: number;
  pointOnNeedle: Vec3;
  pointOnStructure: Vec3;
  /** Where the needle first crosses the structure's surface, or null. */
  firstHit: { depthMm: number; point: Vec3 } | null;
  tipInside: boolean;
}

export interface ClearanceSummary {
  /** Identifies the inputs (needle and at-risk set) the numbers belong to. */
  key: string;
  /** Sorted by distance, smallest first. */
  entries: ClearanceEntry[];
  /** The at-risk structure the needle reaches first from the entry. */
  firstPierced: { ref: string; label: string; depthMm: number; point: Vec3 } | null;
  computeMs: number;
}

/** A surface hit: point and outward unit normal, patient mm. */
export interface SurfaceHit {
  point: Vec3;
  normal: Vec3;
}

/**
 * Surface queries the 3D view provides (it owns the meshes and their BVHs): the skin hit along a
 * ray, and the skin normal nearest a point (for typed entries).
 */
export interface SurfaceQueries {
  skinAlongRay(origin: Vec3, dir: Vec3, maxMm: number): SurfaceHit | null;
  skinNormalNear(point: Vec3, maxMm: number): SurfaceHit | null;
}

export type ProbeKind = ProbePose['kind'];

/**
 * Probe used when a new probe is placed. Footprints are typical values of common arrays (an
 * assumption, the same as the sample scenes), editable in the probe panel.
 */
export const PROBE_PRESETS: Record<ProbeKind, { widthMm: number; depthMm: number; radiusMm?: number; label: string }> = {
  linear: { widthMm: 38, depthMm: 50, label: 'Linear (38 mm)' },
  curvilinear: { widthMm: 60, depthMm: 150, radiusMm: 50, label: 'Curvilinear (60 mm, R 50 mm)' },
};

/** Steps of the probe controls and keys. */
export const PROBE_STEP_MM = 2;
export const PROBE_STEP_DEG = 5;
export const PROBE_DEPTH_STEP_MM = 5;
export const PROBE_DEPTH_RANGE_MM = { min: 10, max: 300 } as const;

export interface RegistrationDraft {
  /** The model that moves. */
  movingId: string;
  /** The model it is registered onto (stays put). */
  fixedId: string;
  kind: 'rigid' | 'similarity';
  /** Landmarks picked on each model, patient mm (as currently placed). Pairs match by order. */
  moving: Vec3[];
  fixed: Vec3[];
  /** Which model the next click picks on. */
  picking: 'moving' | 'fixed' | null;
}

export interface Scene3dState {
  manifest: AtlasManifest | null;
  atlasStatus: 'idle' | 'loading' | 'ready' | 'error';
  atlasError: AppError | null;
  models: Record<string, ModelRuntime>;
  /** Bumped when model geometry changes (the cross-section recomputes). */
  geometryVersion: number;
  tool: Tool3d;
  tab: SideTab;
  /** Selected structure ref in the tree. */
  selected: string | null;
  camera: { preset: CameraPreset; nonce: number } | null;
  clearance: ClearanceSummary | null;
  /** Entry picked before a target exists (not yet a trajectory). */
  draftEntry: SurfaceHit | null;
  draftTarget: Vec3 | null;
  probeKind: ProbeKind;
  registration: RegistrationDraft | null;
  /** Model whose gizmo is shown. */
  gizmo: { modelId: string; mode: 'translate' | 'rotate' } | null;
  /** Model files opened while the 3D view was not mounted; it imports them when it mounts. */
  pendingImports: OpenedFile[];
  surfaces: SurfaceQueries | null;
  /** Show the 2D needle paths of linked clips in 3D. */
  showClipPaths: boolean;

  setManifest(m: AtlasManifest | null, status: Scene3dState['atlasStatus'], error?: AppError | null): void;
  setModelRuntime(id: string, rt: ModelRuntime | null): void;
  bumpGeometry(): void;
  setTool(t: Tool3d): void;
  setTab(t: SideTab): void;
  select(ref: string | null): void;
  requestCamera(preset: CameraPreset): void;
  setClearance(c: ClearanceSummary | null): void;
  setDraftEntry(h: SurfaceHit | null): void;
  setDraftTarget(p: Vec3 | null): void;
  setProbeKind(k: ProbeKind): void;
  setRegistration(r: RegistrationDraft | null): void;
  setGizmo(g: Scene3dState['gizmo']): void;
  queueImports(files: OpenedFile[]): void;
  takeImports(): OpenedFile[];
  setSurfaces(q: SurfaceQueries | null): void;
  setShowClipPaths(v: boolean): void;
}

let cameraNonce = 0;

export const useScene3d = create<Scene3dState>((set, get) => ({
  manifest: null,
  atlasStatus: 'idle',
  atlasError: null,
  models: {},
  geometryVersion: 0,
  tool: 'orbit',
  tab: 'structures',
  selected: null,
  camera: null,
  clearance: null,
  draftEntry: null,
  draftTarget: null,
  probeKind: 'linear',
  registration: null,
  gizmo: null,
  pendingImports: [],
  surfaces: null,
  showClipPaths: true,
  setManifest: (manifest, atlasStatus, atlasError = null) => set({ manifest, atlasStatus, atlasError }),
  setModelRuntime(id, rt) {
    const models = { ...get().models };
    if (rt) models[id] = rt;
    else delete models[id];
    set({ models });
  },
  bumpGeometry: () => set((s) => ({ geometryVersion: s.geometryVersion + 1 })),
  setTool: (tool) => set({ tool }),
  setTab: (tab) => set({ tab }),
  select: (selected) => set({ selected }),
  requestCamera: (preset) => set({ camera: { preset, nonce: ++cameraNonce } }),
  setClearance: (clearance) => set({ clearance }),
  setDraftEntry: (draftEntry) => set({ draftEntry }),
  setDraftTarget: (draftTarget) => set({ draftTarget }),
  setProbeKind: (probeKind) => set({ probeKind }),
  setRegistration: (registration) => set({ registration }),
  setGizmo: (gizmo) => set({ gizmo }),
  queueImports: (files) => set((s) => ({ pendingImports: [...s.pendingImports, ...files] })),
  takeImports() {
    const files = get().pendingImports;
    if (files.length) set({ pendingImports: [] });
    return files;
  },
  setSurfaces: (surfaces) => set({ surfaces }),
  setShowClipPaths: (showClipPaths) => set({ showClipPaths }),
}));

// ---------------------------------------------------------------------------------------------
// Model geometry (plain meshes in each model's own mm frame), shared with the 3D view.

export interface ModelGeometry {
  modelId: string;
  /** One plain mesh per structure, mm, before the model's transform. */
  meshes: TriMesh[];
  /** The file's bytes (imported models; to reload with other units). */
  bytes: Uint8Array | null;
  /** Prepared for plane sections, lazily. */
  sections: SectionMesh[] | null;
}

const geometry = new Map<string, ModelGeometry>();

/** Register (or drop) a model's plain meshes. Bumps `geometryVersion`. */
export function setModelGeometry(modelId: string, g: Omit<ModelGeometry, 'sections' | 'modelId'> | null): void {
  if (g) geometry.set(modelId, { ...g, modelId, sections: null });
  else geometry.delete(modelId);
  useScene3d.getState().bumpGeometry();
}

export function modelGeometry(modelId: string): ModelGeometry | undefined {
  return geometry.get(modelId);
}

/** Section meshes of a model, prepared on first use (welding takes a moment on large models). */
export function sectionMeshesOf(modelId: string): SectionMesh[] {
  const g = geometry.get(modelId);
  if (!g) return [];
  if (!g.sections) g.sections = g.meshes.map(prepareSectionMesh).filter((m): m is SectionMesh => m !== undefined);
  return g.sections;
}

// ---------------------------------------------------------------------------------------------
// The plan: defaults, effective structure state, reducers

/** `modelId/nodeName`. */
export const refOf = (modelId: string, name: string): string => `${modelId}/${name}`;

/** Split a ref at its first slash (model ids never contain one). */
export function parseRef(ref: string): { modelId: string; name: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { modelId: ref, name: '' } : { modelId: ref.slice(0, i), name: ref.slice(i + 1) };
}

/** Human name of each atlas file's model in the tree. */
export function atlasModelLabel(file: string, region?: string): string {
  const head = region?.split(':')[0]?.trim();
  return head ? `Atlas — ${head}` : `Atlas — ${file.replace(/\.glb$/i, '')}`;
}

/**
 * The 3D plan a case starts from when it has none. A sample case of one of the three named blocks
 * gets its ready scene (core/anatomy/sample-scenes: probe, needle, target, at-risk set). Any other
 * case gets every atlas file as a model (identity transform; GLBs are in metres, so 1000 mm per
 * unit), and as at-risk every atlas structure at risk in the case's block (the manifest's
 * `atRiskFor`, which the atlas generator takes from blocks.md).
 */
export function defaultScene3d(manifest: AtlasManifest | null, blockId: string | null, opts: { sample?: boolean } = {}): Scene3dPlan {
  if (opts.sample && manifest && isSampleId(blockId)) {
    const r = sampleScene3d(blockId, manifest);
    if (r.ok) return r.value;
  }
  const models: ModelRef[] = (manifest?.files ?? []).map((f) => ({
    id: atlasModelId(f.file),
    label: atlasModelLabel(f.file, f.region),
    source: { kind: 'atlas', atlasFile: f.file },
    mmPerUnit: 1000,
    unitsOverridden: false,
    transform: identity4(),
    structures: [],
  }));
  const atRisk = blockId && manifest ? manifest.structures.filter((s) => s.atRiskFor.includes(blockId)).map((s) => refOf(atlasModelId(s.file), s.node)) : [];
  return { models, atRisk, clipLinks: [] };
}

/** The case's 3D plan, or the default one (`sample`: the case is a bundled sample case). */
export function sceneOf(plan: Case, manifest: AtlasManifest | null, sample = false): Scene3dPlan {
  return plan.scene3d ?? defaultScene3d(manifest, plan.block.templateId, { sample });
}

/** The visible state of a structure: stored overrides, else the model's defaults and the plan's role lists. */
export interface EffectiveStructure {
  visible: boolean;
  opacity: number;
  color: string;
  role: StructureRole;
}

export function effectiveStructure(scene: Scene3dPlan, info: Pick<StructureInfo, 'ref' | 'modelId' | 'name' | 'defaultColor' | 'defaultOpacity'>): EffectiveStructure {
  const model = scene.models.find((m) => m.id === info.modelId);
  const stored = model?.structures.find((s) => s.name === info.name);
  const listRole: StructureRole = scene.target === info.ref ? 'target' : scene.atRisk.includes(info.ref) ? 'at-risk' : 'other';
  return {
    visible: stored?.visible ?? true,
    opacity: stored?.opacity ?? info.defaultOpacity,
    color: stored?.color ?? info.defaultColor,
    role: stored ? stored.role : listRole,
  };
}

function mapModel(scene: Scene3dPlan, modelId: string, f: (m: ModelRef) => ModelRef): Scene3dPlan {
  return { ...scene, models: scene.models.map((m) => (m.id === modelId ? f(m) : m)) };
}

/** Store a structure's full state (so defaults such as a 0.3 opacity are not reset by the schema's defaults). */
export function withStructure(scene: Scene3dPlan, info: StructureInfo, patch: Partial<EffectiveStructure>): Scene3dPlan {
  const cur = effectiveStructure(scene, info);
  const next = { name: info.name, ...cur, ...patch };
  let out = mapModel(scene, info.modelId, (m) => {
    const i = m.structures.findIndex((s) => s.name === info.name);
    const structures = i < 0 ? [...m.structures, next] : m.structures.map((s, k) => (k === i ? next : s));
    return { ...m, structures };
  });
  if (patch.role !== undefined) out = withRoleLists(out, info.ref, patch.role);
  return out;
}

/** Keep `atRisk` and `target` in step with a structure's role. */
function withRoleLists(scene: Scene3dPlan, ref: string, role: StructureRole): Scene3dPlan {
  const atRisk = role === 'at-risk' ? (scene.atRisk.includes(ref) ? scene.atRisk : [...scene.atRisk, ref]) : scene.atRisk.filter((r) => r !== ref);
  let target = scene.target;
  if (role === 'target') target = ref;
  else if (target === ref) target = undefined;
  const out: Scene3dPlan = { ...scene, atRisk };
  if (target === undefined) delete out.target;
  else out.target = target;
  // Only one structure is the target: demote a previous one stored with role 'target'.
  if (role === 'target') {
    out.models = out.models.map((m) => ({
      ...m,
      structures: m.structures.map((s) => (s.role === 'target' && refOf(m.id, s.name) !== ref ? { ...s, role: 'other' as const } : s)),
    }));
  }
  return out;
}

export function withRole(scene: Scene3dPlan, info: StructureInfo, role: StructureRole): Scene3dPlan {
  return withStructure(scene, info, { role });
}

/** Show or hide every structure of a group (or a whole model). */
export function withVisibility(scene: Scene3dPlan, infos: readonly StructureInfo[], visible: boolean): Scene3dPlan {
  let out = scene;
  for (const info of infos) out = withStructure(out, info, { visible });
  return out;
}

export function withTrajectory(scene: Scene3dPlan, t: Trajectory3d | null): Scene3dPlan {
  const out = { ...scene };
  if (t) out.trajectory = t;
  else delete out.trajectory;
  return out;
}

export function withProbe(scene: Scene3dPlan, probe: ProbePose | null): Scene3dPlan {
  const out = { ...scene };
  if (probe) out.probe = probe;
  else delete out.probe;
  return out;
}

export function withModel(scene: Scene3dPlan, model: ModelRef): Scene3dPlan {
  const i = scene.models.findIndex((m) => m.id === model.id);
  return { ...scene, models: i < 0 ? [...scene.models, model] : scene.models.map((m, k) => (k === i ? model : m)) };
}

export function withoutModel(scene: Scene3dPlan, modelId: string): Scene3dPlan {
  const keep = (r: string) => parseRef(r).modelId !== modelId;
  const out: Scene3dPlan = { ...scene, models: scene.models.filter((m) => m.id !== modelId), atRisk: scene.atRisk.filter(keep) };
  if (out.target && !keep(out.target)) delete out.target;
  return out;
}

export function withModelTransform(scene: Scene3dPlan, modelId: string, transform: Mat4): Scene3dPlan {
  return mapModel(scene, modelId, (m) => ({ ...m, transform: transform.slice() }));
}

/** Tie a clip frame to the current probe pose (replacing an existing link of the same clip and frame). */
export function withClipLink(scene: Scene3dPlan, link: ClipFrameLink): Scene3dPlan {
  const others = scene.clipLinks.filter((l) => !(l.clipId === link.clipId && l.frameIndex === link.frameIndex));
  return { ...scene, clipLinks: [...others, link] };
}

export function withoutClipLink(scene: Scene3dPlan, clipId: string, frameIndex: number | null): Scene3dPlan {
  return { ...scene, clipLinks: scene.clipLinks.filter((l) => !(l.clipId === clipId && l.frameIndex === frameIndex)) };
}

/** The open case's 3D plan as shown (its own, or the default one), outside React. */
export function currentScene3d(): Scene3dPlan {
  return sceneOf(currentCase(), useScene3d.getState().manifest, useCase.getState().file.origin === 'sample');
}

/**
 * Apply an edit to the open case's 3D plan through the case store (undoable, saved with the case).
 * `coalesceKey` + `coalesce` merge a drag or a key repeat into one undo step.
 */
export function editScene3d(label: string, f: (s: Scene3dPlan) => Scene3dPlan, opts: { coalesceKey?: string; coalesce?: boolean } = {}): boolean {
  const next = f(currentScene3d());
  return useCase.getState().apply(
    { type: 'set-scene3d', scene3d: next, label, ...(opts.coalesceKey ? { coalesceKey: opts.coalesceKey } : {}) },
    { coalesce: opts.coalesce ?? false },
  );
}

/** The open case's 3D plan (or the default), for components. */
export function useScene3dPlan(): Scene3dPlan {
  const stored = useCase((s) => s.history.present.scene3d);
  const blockId = useCase((s) => s.history.present.block.templateId);
  const sample = useCase((s) => s.file.origin === 'sample');
  const manifest = useScene3d((s) => s.manifest);
  // Memoised so the default plan keeps its identity between renders (components key effects on it).
  return useMemo(() => stored ?? defaultScene3d(manifest, blockId, { sample }), [stored, manifest, blockId, sample]);
}

// ---------------------------------------------------------------------------------------------
// Structures of the scene

/** Every structure of the scene's models that has loaded, in tree order. */
export function sceneStructures(scene: Scene3dPlan, models: Record<string, ModelRuntime>): StructureInfo[] {
  const out: StructureInfo[] = [];
  for (const m of scene.models) out.push(...(models[m.id]?.structures ?? []));
  return out;
}

/** Structure info by ref. */
export function structureIndex(scene: Scene3dPlan, models: Record<string, ModelRuntime>): Map<string, StructureInfo> {
  return new Map(sceneStructures(scene, models).map((s) => [s.ref, s]));
}

/** Structures of an atlas file from the manifest, in manifest order. */
export function atlasStructures(manifest: AtlasManifest, file: string): StructureInfo[] {
  const modelId = atlasModelId(file);
  return manifest.structures
    .filter((s) => s.file === file)
    .map((s) => ({
      ref: refOf(modelId, s.node),
      modelId,
      name: s.node,
      label: s.name,
      category: s.category,
      group: s.group,
      triangles: s.triangles,
      defaultColor: s.color,
      defaultOpacity: s.opacity,
      atRiskFor: s.atRiskFor,
    }));
}

/** Distinct colours for imported structures without a material colour. */
export const IMPORT_PALETTE = ['#d8c9a8', '#8fb8de', '#e0a07a', '#a6d49f', '#c9a4e0', '#e6c65c', '#7fd0dc', '#e58f9e'] as const;

// ---------------------------------------------------------------------------------------------
// Similarity transforms: a model's frame ↔ the patient frame

/** Uniform scale of a similarity matrix (length of its first column). */
export function similarityScale(m: Mat4): number {
  return Math.hypot(m[0]!, m[1]!, m[2]!);
}

/** The probe pose expressed in a model's own frame (for sectioning the untransformed mesh). */
export function poseToModel(pose: ProbePose, transform: Mat4): ProbePose | undefined {
  const inv = invert4(transform);
  if (!inv) return undefined;
  const s = similarityScale(transform);
  const beam = normalize(applyMat4Dir(inv, pose.beamDir));
  const lateral = normalize(applyMat4Dir(inv, pose.lateralDir));
  if (!beam || !lateral || !(s > 0)) return undefined;
  return {
    ...pose,
    position: applyMat4(inv, pose.position),
    beamDir: beam,
    lateralDir: lateral,
    depthMm: pose.depthMm / s,
    widthMm: pose.widthMm / s,
    ...(pose.radiusMm !== undefined ? { radiusMm: pose.radiusMm / s } : {}),
  };
}

const isIdentity = (m: Mat4): boolean => m.every((v, i) => v === (i % 5 === 0 ? 1 : 0));

/** A structure cut by the probe plane, with what the 2D panel needs to draw it. */
export interface SectionItem extends ProbeSectionStructure {
  ref: string;
  label: string;
  color: string;
  role: StructureRole;
  category: AtlasCategory | null;
}

/**
 * Cut every visible, loaded structure with the probe plane. Contours come out in plane mm of the
 * pose (u lateral, v depth). Each model is cut in its own frame (the pose is mapped into it), so a
 * moved model needs no re-preparation; a scaled model's contours are scaled back.
 */
export function sectionScene(scene: Scene3dPlan, models: Record<string, ModelRuntime>, pose: ProbePose): SectionItem[] {
  const out: SectionItem[] = [];
  for (const m of scene.models) {
    const rt = models[m.id];
    if (!rt || rt.status !== 'ready') continue;
    const infos = new Map(rt.structures.map((s) => [s.name, s]));
    const meshes = sectionMeshesOf(m.id).filter((sm) => {
      const info = infos.get(sm.name);
      return info ? effectiveStructure(scene, info).visible : false;
    });
    if (meshes.length === 0) continue;
    const identity = isIdentity(m.transform);
    const local = identity ? pose : poseToModel(pose, m.transform);
    if (!local) continue;
    const s = identity ? 1 : similarityScale(m.transform);
    for (const cut of sectionForProbe(local, meshes)) {
      const info = infos.get(cut.name)!;
      const eff = effectiveStructure(scene, info);
      const contours = s === 1 ? cut.contours : cut.contours.map((c) => ({ closed: c.closed, points: c.points.map((v) => v * s) }));
      const labelAt = cut.labelAt && s !== 1 ? { u: cut.labelAt.u * s, v: cut.labelAt.v * s } : cut.labelAt;
      out.push({ ...cut, contours, labelAt, ref: info.ref, label: info.label, color: eff.color, role: eff.role, category: info.category });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Probe

/** Lateral axis for a new probe: keep the current probe's, else transverse (+X), else cranial when the skin faces ±X. */
export function lateralHintFor(normal: Vec3, current?: ProbePose): Vec3 {
  if (current) return current.lateralDir;
  const n = normalize(normal) ?? [0, 1, 0];
  return Math.abs(n[0]) > 0.8 ? [0, 0, 1] : [1, 0, 0];
}

/** A probe placed at a skin hit, with the chosen kind's footprint (keeping the current depth when there is one). */
export function probeAt(hit: SurfaceHit, kind: ProbeKind, current?: ProbePose): ProbePose | undefined {
  const preset = PROBE_PRESETS[kind];
  const depthMm = current && current.kind === kind ? current.depthMm : preset.depthMm;
  const widthMm = current && current.kind === kind ? current.widthMm : preset.widthMm;
  return probePoseOnSkin(hit.point, hit.normal, lateralHintFor(hit.normal, current), {
    kind,
    depthMm,
    widthMm,
    ...(kind === 'curvilinear' ? { radiusMm: current?.radiusMm ?? preset.radiusMm } : {}),
  });
}

export type ProbeMove =
  | { kind: 'slide'; axis: 'lateral' | 'elevation'; mm: number }
  | { kind: 'rotate'; axis: 'beam' | 'lateral' | 'normal'; deg: number }
  | { kind: 'depth'; mm: number };

/**
 * Move a probe: slide along its face (lateral) or across it (elevation) and settle back on the skin
 * when a surface query is available; rotate about its own axes; change the imaging depth.
 */
export function moveProbe(pose: ProbePose, move: ProbeMove, surfaces: SurfaceQueries | null): ProbePose {
  if (move.kind === 'rotate') return rotateProbe(pose, move.axis, move.deg);
  if (move.kind === 'depth') {
    const depthMm = Math.min(PROBE_DEPTH_RANGE_MM.max, Math.max(PROBE_DEPTH_RANGE_MM.min, pose.depthMm + move.mm));
    return { ...pose, depthMm };
  }
  const plane = probePlane(pose);
  if (!plane) return pose;
  const axis = move.axis === 'lateral' ? plane.lateral : plane.normal;
  const moved = add(pose.position, scale(axis, move.mm));
  // Back off along the beam and look for the skin again (the body surface curves).
  const back = 40;
  const hit = surfaces?.skinAlongRay(sub(moved, scale(plane.beam, back)), plane.beam, back * 2);
  return { ...pose, position: hit ? hit.point : moved };
}

/** Human description of a probe's orientation from its lateral axis (image +x), e.g. "image right = cranial". */
export function axisName(v: Vec3): string {
  const a = [Math.abs(v[0]), Math.abs(v[1]), Math.abs(v[2])];
  const k = a.indexOf(Math.max(...a));
  const names = [
    ['patient left', 'patient right'],
    ['posterior', 'anterior'],
    ['cranial', 'caudal'],
  ] as const;
  return names[k]![v[k]! >= 0 ? 0 : 1];
}

/** Transverse, longitudinal (sagittal) or oblique, from the probe's lateral axis. */
export function probeView(pose: ProbePose): 'transverse' | 'longitudinal' | 'oblique' {
  const l = normalize(pose.lateralDir);
  if (!l) return 'oblique';
  const z = Math.abs(l[2]);
  if (z < Math.sin((15 * Math.PI) / 180)) return 'transverse';
  if (z > Math.cos((15 * Math.PI) / 180)) return 'longitudinal';
  return 'oblique';
}

// ---------------------------------------------------------------------------------------------
// Clip links: the 2D needle paths in 3D, the 3D trajectory on the clip

/** A linked clip's 2D needle path placed in 3D. */
export interface ClipNeedle3d {
  id: string;
  clipId: string;
  label: string;
  entry: Vec3;
  target: Vec3;
}

/** Needle paths drawn on linked clip frames, mapped onto their probe planes (links without image geometry are skipped). */
export function clipNeedlesIn3d(plan: Case): ClipNeedle3d[] {
  const out: ClipNeedle3d[] = [];
  for (const link of plan.scene3d?.clipLinks ?? []) {
    if (!link.image) continue;
    for (const n of plan.needlePaths) {
      if (n.clipId !== link.clipId) continue;
      if (link.frameIndex !== null && n.frameIndex !== null && n.frameIndex !== link.frameIndex) continue;
      const t = clipPathToTrajectory(link.probe, link.image, n.entry, n.target);
      if (t) out.push({ id: n.id, clipId: n.clipId, label: n.label || 'Needle path (clip)', entry: t.entry, target: t.target });
    }
  }
  return out;
}

/** The 3D trajectory drawn on a linked clip, image px (for the 2D annotation layer). */
export interface TrajectoryOnClipItem extends TrajectoryOnClip {
  clipId: string;
  /** The linked frame (0-based), or null when the link holds for every frame. */
  frameIndex: number | null;
}

/** Where the 3D trajectory falls on each linked clip (links with image geometry only). */
export function trajectoryOnClips(plan: Case): TrajectoryOnClipItem[] {
  const s = plan.scene3d;
  if (!s?.trajectory) return [];
  const out: TrajectoryOnClipItem[] = [];
  for (const link of s.clipLinks) {
    if (!link.image) continue;
    const t = trajectoryToClip(link.probe, link.image, s.trajectory);
    if (t) out.push({ ...t, clipId: link.clipId, frameIndex: link.frameIndex });
  }
  return out;
}

/** The projected 3D trajectory for one clip frame, for the 2D overlay (a hook over the case store). */
export function useTrajectoryOnClip(clipId: string | null, frameIndex: number): TrajectoryOnClipItem | null {
  const plan = useCase((s) => s.history.present);
  if (!clipId || !plan.scene3d?.trajectory) return null;
  return trajectoryOnClips(plan).find((t) => t.clipId === clipId && (t.frameIndex === null || t.frameIndex === frameIndex)) ?? null;
}

/**
 * How a clip's pixels lie in the probe plane, from its calibration: the largest tissue region
 * calibrated in cm gives the scale and the probe-face centre (its reference pixel, else its top
 * centre); an image calibrated by pixel spacing only is taken to start at its top centre (said so in
 * `note`). Null with the reason when the clip is not calibrated in mm.
 */
export function clipImageGeometry(cal: Calibration, image: { columns: number; rows: number }): { geometry: ClipImageGeometry; note: string | null } | { geometry: null; reason: string } {
  const region = depthRegion(cal);
  if (region) {
    const space = measurementSpace([{ x: region.x0, y: region.y0 }, { x: region.x1, y: region.y1 }], cal);
    const g = space.unit === 'mm' ? clipGeometryFromCalibration(space, region) : undefined;
    if (g) return { geometry: g, note: region.referencePixelX0 === undefined ? 'The probe face is taken to be at the top centre of the ultrasound region.' : null };
  }
  const space = measurementSpace([], cal);
  if (space.unit !== 'mm') return { geometry: null, reason: space.reason };
  const g = clipGeometryFromCalibration(space, undefined, { x: image.columns / 2, y: 0 });
  return g ? { geometry: g, note: 'The probe face is taken to be at the top centre of the image.' } : { geometry: null, reason: 'The clip is not calibrated in mm.' };
}

// ---------------------------------------------------------------------------------------------
// Trajectory helpers

/** Typed-in coordinates → a trajectory (the normal, when known, from the skin near the entry). */
export function typedTrajectory(entry: Vec3, target: Vec3, surfaces: SurfaceQueries | null): Trajectory3d | null {
  if (!entry.every(Number.isFinite) || !target.every(Number.isFinite)) return null;
  if (length(sub(target, entry)) < 1e-6) return null;
  const near = surfaces?.skinNormalNear(entry, 5);
  return near ? { entry, target, entryNormal: near.normal } : { entry, target };
}

/** A key identifying the inputs of a clearance computation. */
export function clearanceKey(t: Trajectory3d | undefined, atRisk: readonly string[], transforms: string): string {
  return t ? `${t.entry.join(',')}>${t.target.join(',')}|${[...atRisk].sort().join(',')}|${transforms}` : '';
}
