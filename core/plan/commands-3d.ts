/**
 * The 3D plan's edits as case commands (./commands), each one undo step: move the probe, set the
 * needle, change a structure (visibility, opacity, colour, role), add, remove, move or re-unit a
 * model, tie a clip frame to the probe or untie it. Commands carry plain data (no whole scene), so
 * they can be logged, replayed and tested; the reducers are core/anatomy/scene-edits.ts.
 *
 * A case without a 3D plan gets one first: `set-scene3d` (create or reset the plan) batched with the
 * edit (`withScene3d`). Every 3D command accepts `label`, the name the UI gives the edit in
 * Edit ▸ Undo/Redo (e.g. "Hide Right first rib"); probe and model moves and structure changes accept
 * `coalesceKey` so a drag (a slider, the gizmo) or a burst of key repeats is one step.
 */
import { appError, err, ok, type Result } from '../result';
import type { z } from 'zod';
import {
  ClipFrameLinkSchema,
  Mat4Schema,
  ModelRefSchema,
  ProbePoseSchema,
  Scene3dPlanSchema,
  StructureRoleSchema,
  Trajectory3dSchema,
  type Scene3dPlan,
} from '../anatomy/plan3d';
import {
  withClipLink,
  withModel,
  withModelTransform,
  withModelUnits,
  withProbe,
  withStructureState,
  withTrajectory,
  withoutClipLink,
  withoutModel,
  type StructureState,
} from '../anatomy/scene-edits';
import type { Case } from './schema';

type Named = { label?: string };

/** Every edit of a case's 3D plan. Points are patient mm (LPS). */
export type Scene3dCommand =
  /** Create the 3D plan (or replace it: reset); null removes it. */
  | ({ type: 'set-scene3d'; scene3d: z.input<typeof Scene3dPlanSchema> | null; coalesceKey?: string } & Named)
  | ({ type: 'set-probe-3d'; probe: z.input<typeof ProbePoseSchema> | null; coalesceKey?: string } & Named)
  | ({ type: 'set-trajectory-3d'; trajectory: z.input<typeof Trajectory3dSchema> | null } & Named)
  | ({ type: 'set-structure-3d'; modelId: string; name: string; state: StructureState; coalesceKey?: string } & Named)
  | ({ type: 'add-model-3d'; model: z.input<typeof ModelRefSchema> } & Named)
  | ({ type: 'remove-model-3d'; modelId: string } & Named)
  | ({ type: 'set-model-transform-3d'; modelId: string; transform: number[]; coalesceKey?: string } & Named)
  | ({ type: 'set-model-units-3d'; modelId: string; mmPerUnit: number } & Named)
  | ({ type: 'link-clip-3d'; link: z.input<typeof ClipFrameLinkSchema> } & Named)
  | ({ type: 'unlink-clip-3d'; clipId: string; frameIndex: number | null } & Named);

export type Scene3dCommandType = Scene3dCommand['type'];

const TYPES: readonly Scene3dCommandType[] = ['set-scene3d', 'set-probe-3d', 'set-trajectory-3d', 'set-structure-3d', 'add-model-3d', 'remove-model-3d', 'set-model-transform-3d', 'set-model-units-3d', 'link-clip-3d', 'unlink-clip-3d'];

export function isScene3dCommand(cmd: { type: string }): cmd is Scene3dCommand {
  return (TYPES as readonly string[]).includes(cmd.type);
}

/** The label of a 3D edit in Edit ▸ Undo/Redo: the UI's, else a plain default. */
export function scene3dCommandLabel(cmd: Scene3dCommand): string {
  if (cmd.label) return cmd.label;
  switch (cmd.type) {
    case 'set-scene3d':
      return cmd.scene3d ? 'Set up the 3D plan' : 'Remove the 3D plan';
    case 'set-probe-3d':
      return cmd.probe ? 'Move probe' : 'Remove probe';
    case 'set-trajectory-3d':
      return cmd.trajectory ? 'Set needle' : 'Remove needle';
    case 'set-structure-3d':
      return `Change ${cmd.name}`;
    case 'add-model-3d':
      return 'Add 3D model';
    case 'remove-model-3d':
      return 'Remove 3D model';
    case 'set-model-transform-3d':
      return 'Move model';
    case 'set-model-units-3d':
      return 'Set model units';
    case 'link-clip-3d':
      return 'Tie clip frame to the probe';
    case 'unlink-clip-3d':
      return 'Untie clip frame';
  }
}

/** Commands with the same key merge while coalescing (a probe drag or key burst = one step). */
export function scene3dCoalesceKey(cmd: Scene3dCommand): string | undefined {
  if ((cmd.type === 'set-scene3d' || cmd.type === 'set-probe-3d' || cmd.type === 'set-model-transform-3d' || cmd.type === 'set-structure-3d') && cmd.coalesceKey) return `scene3d:${cmd.type}:${cmd.coalesceKey}`;
  return undefined;
}

const invalid = (what: string, issues: readonly { path: PropertyKey[]; message: string }[]) =>
  err(appError('plan/invalid-edit', `The ${what} is not valid: ${issues[0]?.message ?? 'invalid'}.`, { detail: issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n') }));
const notFound = (what: string, id: string) => err(appError('plan/not-found', `The ${what} “${id}” is not in the case.`, { action: 'It may have been removed; refresh the view.' }));

function parsed<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } } }, v: unknown, what: string): Result<T> {
  const r = schema.safeParse(v);
  return r.success ? ok(r.data) : invalid(what, r.error.issues);
}

function withScene(plan: Case, scene: Scene3dPlan): Result<Case> {
  for (const l of scene.clipLinks) if (!plan.clips.some((c) => c.id === l.clipId)) return notFound('clip', l.clipId);
  return ok({ ...plan, scene3d: scene });
}

/** Apply one 3D command to a case. Pure. */
export function executeScene3dCommand(plan: Case, cmd: Scene3dCommand): Result<Case> {
  if (cmd.type === 'set-scene3d') {
    if (cmd.scene3d === null) {
      const { scene3d: _dropped, ...rest } = plan;
      return ok(rest);
    }
    const r = parsed(Scene3dPlanSchema, cmd.scene3d, '3D plan');
    return r.ok ? withScene(plan, r.value) : r;
  }
  const scene = plan.scene3d;
  if (!scene) return err(appError('plan/no-scene3d', 'The case has no 3D plan yet.', { action: 'Open the 3D view first: it sets up the plan.' }));
  const hasModel = (id: string) => scene.models.some((m) => m.id === id);
  switch (cmd.type) {
    case 'set-probe-3d': {
      if (cmd.probe === null) return withScene(plan, withProbe(scene, null));
      const r = parsed(ProbePoseSchema, cmd.probe, 'probe pose');
      return r.ok ? withScene(plan, withProbe(scene, r.value)) : r;
    }
    case 'set-trajectory-3d': {
      if (cmd.trajectory === null) return withScene(plan, withTrajectory(scene, null));
      const r = parsed(Trajectory3dSchema, cmd.trajectory, 'needle trajectory');
      return r.ok ? withScene(plan, withTrajectory(scene, r.value)) : r;
    }
    case 'set-structure-3d': {
      if (!hasModel(cmd.modelId)) return notFound('3D model', cmd.modelId);
      const s = cmd.state;
      if (!(s.opacity >= 0 && s.opacity <= 1) || !StructureRoleSchema.safeParse(s.role).success || typeof s.color !== 'string') {
        return err(appError('plan/invalid-edit', `The state of ${cmd.name} is not valid.`, { detail: JSON.stringify(s) }));
      }
      return withScene(plan, withStructureState(scene, cmd.modelId, cmd.name, s));
    }
    case 'add-model-3d': {
      const r = parsed(ModelRefSchema, cmd.model, '3D model');
      if (!r.ok) return r;
      if (hasModel(r.value.id)) return err(appError('plan/duplicate-id', `The id “${r.value.id}” is already used.`));
      return withScene(plan, withModel(scene, r.value));
    }
    case 'remove-model-3d':
      return hasModel(cmd.modelId) ? withScene(plan, withoutModel(scene, cmd.modelId)) : notFound('3D model', cmd.modelId);
    case 'set-model-transform-3d': {
      if (!hasModel(cmd.modelId)) return notFound('3D model', cmd.modelId);
      const r = parsed(Mat4Schema, cmd.transform, 'model placement');
      return r.ok ? withScene(plan, withModelTransform(scene, cmd.modelId, r.value)) : r;
    }
    case 'set-model-units-3d':
      if (!hasModel(cmd.modelId)) return notFound('3D model', cmd.modelId);
      if (!(cmd.mmPerUnit > 0) || !Number.isFinite(cmd.mmPerUnit)) return err(appError('plan/invalid-edit', 'Model units must be a positive number of mm per unit.'));
      return withScene(plan, withModelUnits(scene, cmd.modelId, cmd.mmPerUnit));
    case 'link-clip-3d': {
      const r = parsed(ClipFrameLinkSchema, cmd.link, 'clip link');
      return r.ok ? withScene(plan, withClipLink(scene, r.value)) : r;
    }
    case 'unlink-clip-3d':
      return withScene(plan, withoutClipLink(scene, cmd.clipId, cmd.frameIndex));
  }
}

/**
 * The command to send for a 3D edit: the edit itself when the case has a 3D plan, else the plan the
 * case starts from (`initial`) and the edit as one step named by the edit.
 */
export function withScene3d<C extends Scene3dCommand>(plan: Case, initial: Scene3dPlan, cmd: C): C | { type: 'batch'; label: string; commands: Scene3dCommand[]; coalesceKey?: string } {
  if (plan.scene3d || cmd.type === 'set-scene3d') return cmd;
  const key = scene3dCoalesceKey(cmd);
  return { type: 'batch', label: scene3dCommandLabel(cmd), commands: [{ type: 'set-scene3d', scene3d: initial }, cmd], ...(key ? { coalesceKey: key } : {}) };
}
