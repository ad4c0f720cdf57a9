/**
 * Save the probe view as a DICOM clip (a sweep across the plane, or the needle advancing with the
 * probe held), made in the simulator worker, written where the user chooses, then opened like any
 * clip (added to the case, shown in the 2D viewer).
 */
import { appError, err, ok, type Result } from '../../../core/result';
import { SIM_CLIP_DEFAULTS, type SimClipPlan } from '../../../core/sim/clip';
import { bridge } from '../../bridge';
import type { OpenedFile } from '../../bridge/types';
import { currentCase } from '../../state/case';
import { currentScene3d, useScene3d } from '../../state/scene3d';
import { simClient, simScene } from './client';

/** Size of a saved clip's frames, px (BlockPlan default: the sample clips' 640 × 480). */
export const SIM_CLIP_SIZE = { columns: 640, rows: 480 } as const;

/** What the clip shows, in words (its series description and file name). */
export function clipDescription(plan: SimClipPlan): string {
  return plan.kind === 'needle' ? 'needle advancing along the plan, probe held' : `sweep across the plane, ${plan.sweepMm ?? SIM_CLIP_DEFAULTS.sweepMm} mm`;
}

/** Make, save and open a simulated clip. Resolves with the saved file (null when the user cancels the dialog). */
export async function saveSimClip(plan: SimClipPlan): Promise<Result<OpenedFile | null>> {
  const scene = currentScene3d();
  const pose = scene.probe;
  if (!pose) return err(appError('scan/no-probe', 'There is no probe to scan with.', { action: 'Place the probe on the skin first.' }));
  const c = simClient();
  if (!c.ok) return c;
  const st = useScene3d.getState();
  c.value.syncModels(scene, st.models);
  const now = new Date();
  const plan3d = currentCase();
  const r = await c.value.saveClip(
    { scene: simScene(scene, st.models), pose, trajectory: scene.trajectory ?? null, ...SIM_CLIP_SIZE, gainDb: st.gainDb },
    plan,
    { uidSeed: `${plan3d.id}/${now.toISOString()}/${plan.kind}`, now, what: clipDescription(plan) },
  );
  if (!r.ok) return r;
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  const suggestedName = `simulated-${plan.kind}-${stamp}.dcm`;
  const saved = await bridge().saveFile({ kind: 'dicom-clip', suggestedName, bytes: r.value.bytes });
  if (!saved.ok) return saved;
  if (!saved.value) return ok(null);
  return ok({ path: saved.value.path, name: saved.value.path.replace(/^.*[\\/]/, ''), bytes: r.value.bytes });
}
