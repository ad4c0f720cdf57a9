/**
 * The 3D plan's edits as pure functions (Scene3dPlan in, Scene3dPlan out), and the plan a case starts
 * from. core/plan/commands.ts wraps each edit in a command of the case's undo stack; the renderer and
 * the CLI never edit a plan any other way.
 *
 * Structure references are `modelId/nodeName` (model ids never contain a slash). Units: mm, LPS.
 */
import { atlasModelId, type AtlasManifest } from './atlas-manifest';
import type { ClipFrameLink, ModelRef, ProbePose, Scene3dPlan, StructureRole, Trajectory3d } from './plan3d';
import { sampleScene3d } from './sample-scenes';
import { isSampleId } from '../samples/index';
import { identity4, type Mat4 } from './vec3';

/** `modelId/nodeName`. */
export const refOf = (modelId: string, name: string): string => `${modelId}/${name}`;

/** Split a ref at its first slash. */
export function parseRef(ref: string): { modelId: string; name: string } {
  const i = ref.indexOf('/');
  return i < 0 ? { modelId: ref, name: '' } : { modelId: ref.slice(0, i), name: ref.slice(i + 1) };
}

/** Human name of an atlas file's model in the structure tree. */
export function atlasModelLabel(file: string, region?: string): string {
  const head = region?.split(':')[0]?.trim();
  return head ? `Atlas — ${head}` : `Atlas — ${file.replace(/\.glb$/i, '')}`;
}

/**
 * The 3D plan a case starts from when it has none. A sample case of one of the three named blocks
 * gets its ready scene (./sample-scenes: probe, needle, target, at-risk set). Any other case gets
 * every atlas file as a model (identity transform; the GLBs are in metres, so 1000 mm per unit), and
 * as at-risk every atlas structure at risk in the case's block (the manifest's `atRiskFor`, which the
 * atlas generator takes from blocks.md).
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

/** What a structure looks like and does: stored overrides, else its model's defaults and the plan's role lists. */
export interface StructureState {
  visible: boolean;
  opacity: number;
  color: string;
  role: StructureRole;
}

/** A structure's identity and defaults (from the atlas manifest or the imported file). */
export interface StructureDefaults {
  ref: string;
  modelId: string;
  name: string;
  defaultColor: string;
  defaultOpacity: number;
}

export function effectiveStructure(scene: Scene3dPlan, info: StructureDefaults): StructureState {
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

/** Keep `atRisk` and `target` in step with a structure's role (one target at most). */
function withRoleLists(scene: Scene3dPlan, ref: string, role: StructureRole): Scene3dPlan {
  const atRisk = role === 'at-risk' ? (scene.atRisk.includes(ref) ? scene.atRisk : [...scene.atRisk, ref]) : scene.atRisk.filter((r) => r !== ref);
  let target = scene.target;
  if (role === 'target') target = ref;
  else if (target === ref) target = undefined;
  const out: Scene3dPlan = { ...scene, atRisk };
  if (target === undefined) delete out.target;
  else out.target = target;
  if (role === 'target') {
    out.models = out.models.map((m) => ({
      ...m,
      structures: m.structures.map((s) => (s.role === 'target' && refOf(m.id, s.name) !== ref ? { ...s, role: 'other' as const } : s)),
    }));
  }
  return out;
}

/** Store a structure's full state (so defaults such as a 0.3 opacity are not reset by the schema's defaults). */
export function withStructureState(scene: Scene3dPlan, modelId: string, name: string, state: StructureState): Scene3dPlan {
  const next = { name, ...state };
  const out = mapModel(scene, modelId, (m) => {
    const i = m.structures.findIndex((s) => s.name === name);
    const structures = i < 0 ? [...m.structures, next] : m.structures.map((s, k) => (k === i ? next : s));
    return { ...m, structures };
  });
  // The role lists follow the stored role (idempotent when the role did not change).
  return withRoleLists(out, refOf(modelId, name), state.role);
}

/** The state a patch gives a structure (what the UI sends in a command). */
export function patchedStructure(scene: Scene3dPlan, info: StructureDefaults, patch: Partial<StructureState>): StructureState {
  return { ...effectiveStructure(scene, info), ...patch };
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

/** Add a model, or replace the one with the same id. */
export function withModel(scene: Scene3dPlan, model: ModelRef): Scene3dPlan {
  const i = scene.models.findIndex((m) => m.id === model.id);
  return { ...scene, models: i < 0 ? [...scene.models, model] : scene.models.map((m, k) => (k === i ? model : m)) };
}

/** Remove a model and its structures from the role lists. */
export function withoutModel(scene: Scene3dPlan, modelId: string): Scene3dPlan {
  const keep = (r: string) => parseRef(r).modelId !== modelId;
  const out: Scene3dPlan = { ...scene, models: scene.models.filter((m) => m.id !== modelId), atRisk: scene.atRisk.filter(keep) };
  if (out.target && !keep(out.target)) delete out.target;
  return out;
}

export function withModelTransform(scene: Scene3dPlan, modelId: string, transform: Mat4): Scene3dPlan {
  return mapModel(scene, modelId, (m) => ({ ...m, transform: transform.slice() }));
}

/** The units the user chose for a model (mm per model unit). */
export function withModelUnits(scene: Scene3dPlan, modelId: string, mmPerUnit: number): Scene3dPlan {
  return mapModel(scene, modelId, (m) => ({ ...m, mmPerUnit, unitsOverridden: true }));
}

/** Tie a clip frame to a probe pose (replacing an existing link of the same clip and frame). */
export function withClipLink(scene: Scene3dPlan, link: ClipFrameLink): Scene3dPlan {
  const others = scene.clipLinks.filter((l) => !(l.clipId === link.clipId && l.frameIndex === link.frameIndex));
  return { ...scene, clipLinks: [...others, link] };
}

export function withoutClipLink(scene: Scene3dPlan, clipId: string, frameIndex: number | null): Scene3dPlan {
  return { ...scene, clipLinks: scene.clipLinks.filter((l) => !(l.clipId === clipId && l.frameIndex === frameIndex)) };
}
