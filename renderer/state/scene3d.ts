/**
 * The 3D workspace's session state, and the door to the case's 3D plan.
 *
 * - Session state (not saved, plain data only — no three.js objects): the atlas manifest and its
 *   load status, what each model holds once loaded, the active tool and side tab, camera requests,
 *   the clearance report and skin queries the 3D view publishes, draft needle points, the
 *   registration draft, the gizmo, model files waiting for the view, and the simulated image's
 *   settings (gain, what the probe panel shows).
 * - The persistent 3D plan is the case's `scene3d`: read with `useScene3dPlan` / `currentScene3d`,
 *   changed only by `apply3d` with a 3D command of core/plan/commands-3d (one undo step each; the
 *   first edit of a case without a plan also sets up its default plan, core/anatomy/scene-edits).
 *
 * Domain logic lives in core (probe moves: core/anatomy/probe; edits: scene-edits; sections:
 * scene-section; clip links: core/plan/scene3d-links); meshes live in renderer/scene3d/geometry.ts.
 * Frame and units: patient LPS millimetres (+X left, +Y posterior, +Z superior).
 */
import { useMemo } from 'react';
import { create } from 'zustand';
import { atlasModelId, type AtlasCategory, type AtlasManifest } from '../../core/anatomy/atlas-manifest';
import type { Scene3dPlan } from '../../core/anatomy/plan3d';
import { moveProbe, type ProbeKind, type ProbeMove, type SkinSurface, type SurfaceHit } from '../../core/anatomy/probe';
import { defaultScene3d, patchedStructure, refOf, type StructureState } from '../../core/anatomy/scene-edits';
import type { UnitDecision } from '../../core/anatomy/units';
import type { Vec3 } from '../../core/anatomy/vec3';
import { withScene3d, type Case, type Scene3dCommand } from '../../core/plan/index';
import type { AppError } from '../../core/result';
import type { OpenedFile } from '../../electron/ipc-contract';
import { currentCase, useCase } from './case';

export type { SurfaceHit };

/** What a click in the 3D view does. */
export type Tool3d = 'orbit' | 'entry' | 'target' | 'probe' | 'landmark';
/** Camera presets: body views, along the needle, the whole anatomy, the probe and needle area. */
export type CameraPreset = 'anterior' | 'posterior' | 'left' | 'right' | 'needle' | 'fit' | 'work';
export type SideTab = 'structures' | 'needle' | 'probe' | 'models';
/** What the probe panel shows: the simulated B-mode image, the labelled outlines of the plane's section, or both. */
export type ProbeImageMode = 'simulated' | 'outlines' | 'both';

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

/**
 * Surface queries the 3D view provides (it owns the meshes and their BVHs): the skin along a ray
 * (the probe settles on it) and the skin normal nearest a point (typed entries).
 */
export interface SurfaceQueries extends SkinSurface {
  skinNormalNear(point: Vec3, maxMm: number): SurfaceHit | null;
}

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
  /** Bumped when model geometry changes (sections and the simulated image recompute). */
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
  /** The probe panel: simulated image, outlines or both; overall gain of the simulated image, dB. */
  imageMode: ProbeImageMode;
  gainDb: number;

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
  setImageMode(m: ProbeImageMode): void;
  setGainDb(db: number): void;
}

/** Range of the simulated image's gain control, dB (BlockPlan default). */
export const GAIN_RANGE_DB = { min: -20, max: 20, step: 2 } as const;

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
  imageMode: 'simulated',
  gainDb: 0,
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
  setImageMode: (imageMode) => set({ imageMode }),
  setGainDb: (db) => set({ gainDb: Math.max(GAIN_RANGE_DB.min, Math.min(GAIN_RANGE_DB.max, db)) }),
}));

// ---------------------------------------------------------------------------------------------
// The case's 3D plan

/** The case's 3D plan, or the one it starts from (`sample`: the case is a bundled sample case). */
export function sceneOf(plan: Case, manifest: AtlasManifest | null, sample = false): Scene3dPlan {
  return plan.scene3d ?? defaultScene3d(manifest, plan.block.templateId, { sample });
}

/** The open case's 3D plan as shown (its own, or the default one), outside React. */
export function currentScene3d(): Scene3dPlan {
  return sceneOf(currentCase(), useScene3d.getState().manifest, useCase.getState().file.origin === 'sample');
}

/**
 * Apply a 3D edit to the open case (one undo step, saved with the case). `coalesce`: merge a drag
 * or a key burst with the previous step of the same command and `coalesceKey`.
 */
export function apply3d(cmd: Scene3dCommand, opts: { coalesce?: boolean } = {}): boolean {
  return useCase.getState().apply(withScene3d(currentCase(), currentScene3d(), cmd), { coalesce: opts.coalesce ?? false });
}

/**
 * Change one or more structures (visibility, opacity, colour, role) as one undo step. `coalesceKey`
 * (one structure only): a slider drag is one step.
 */
export function editStructures(label: string, infos: readonly StructureInfo[], patch: Partial<StructureState>, coalesceKey?: string): boolean {
  const scene = currentScene3d();
  const cmds: Scene3dCommand[] = infos.map((info) => ({ type: 'set-structure-3d', modelId: info.modelId, name: info.name, state: patchedStructure(scene, info, patch), label }));
  if (cmds.length === 1) return apply3d(coalesceKey ? { ...(cmds[0] as Extract<Scene3dCommand, { type: 'set-structure-3d' }>), coalesceKey } : cmds[0]!, { coalesce: !!coalesceKey });
  if (cmds.length === 0) return false;
  const plan = currentCase();
  const all: Scene3dCommand[] = plan.scene3d ? cmds : [{ type: 'set-scene3d', scene3d: scene }, ...cmds];
  return useCase.getState().apply({ type: 'batch', label, commands: all });
}

/** Move the open case's probe (one undo step per burst of key repeats on the same control). */
export function nudgeProbe(move: ProbeMove): void {
  const pose = currentScene3d().probe;
  if (!pose) return;
  const next = moveProbe(pose, move, useScene3d.getState().surfaces);
  const key = move.kind === 'depth' ? 'depth' : `${move.kind}-${move.axis}`;
  const label = move.kind === 'depth' ? 'Change probe depth' : move.kind === 'slide' ? 'Slide probe' : 'Turn probe';
  apply3d({ type: 'set-probe-3d', probe: next, coalesceKey: key, label }, { coalesce: true });
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
// Structures of the scene (derived from the session's model runtimes)

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
