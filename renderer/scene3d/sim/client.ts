/**
 * The app's side of the simulator worker: sends each model's meshes once (again when they change),
 * asks for frames with the latest pose only (a request made while one is in flight replaces any
 * waiting one, so key repeats never queue up), and saves clips. One worker per session, started on
 * first use.
 */
import type { AtlasCategory } from '../../../core/anatomy/atlas-manifest';
import type { TriMesh } from '../../../core/anatomy/mesh';
import type { Scene3dPlan } from '../../../core/anatomy/plan3d';
import { effectiveStructure } from '../../../core/anatomy/scene-edits';
import { appError, err, ok, type AppError, type Result } from '../../../core/result';
import type { SimClipPlan } from '../../../core/sim/clip';
import type { ModelRuntime } from '../../state/scene3d';
import { modelGeometry } from '../geometry';
import type { FromSim, SimImageMsg, SimSceneMsg, SimViewMsg, ToSim } from './protocol';

export interface WorkerLike {
  postMessage(msg: unknown, transfer?: Transferable[]): void;
  addEventListener(type: 'message', l: (e: MessageEvent) => void): void;
  terminate(): void;
}

export interface SimFrame {
  image: SimImageMsg;
  needleInPlane: boolean;
  /** Time the worker took, ms. */
  renderMs: number;
}

export class SimClient {
  private readonly sent = new Map<string, TriMesh[]>();
  private busy = false;
  private waiting: (SimViewMsg & { seed: number }) | null = null;
  private nextId = 1;
  private readonly clips = new Map<number, (r: Result<{ bytes: Uint8Array; frames: number }>) => void>();
  /** Called with every frame the worker returns (the newest pose's last). */
  onFrame: ((f: SimFrame) => void) | null = null;
  onError: ((e: AppError) => void) | null = null;

  constructor(private readonly worker: WorkerLike) {
    worker.addEventListener('message', (e: MessageEvent<FromSim>) => this.receive(e.data));
  }

  /** Send the meshes of every loaded model of the scene that the worker does not have yet (or has in an older version). */
  syncModels(scene: Scene3dPlan, models: Record<string, ModelRuntime>): void {
    for (const m of scene.models) {
      const g = modelGeometry(m.id);
      if (!g || models[m.id]?.status !== 'ready' || this.sent.get(m.id) === g.meshes) continue;
      const category = new Map<string, AtlasCategory | null>(models[m.id]!.structures.map((s) => [s.name, s.category]));
      const msg: ToSim = { type: 'model', id: m.id, meshes: g.meshes.map((x) => ({ name: x.name, category: category.get(x.name) ?? null, positions: x.positions, indices: x.indices })) };
      this.worker.postMessage(msg);
      this.sent.set(m.id, g.meshes);
    }
  }

  /** Ask for a frame; if one is being made, this one waits (replacing any older waiting request). */
  requestFrame(view: SimViewMsg, seed = 1): void {
    if (this.busy) {
      this.waiting = { ...view, seed };
      return;
    }
    this.busy = true;
    this.worker.postMessage({ type: 'frame', id: this.nextId++, seed, ...view } satisfies ToSim);
  }

  /** Make a clip (sweep or needle advance) of the view; resolves with the DICOM bytes. */
  saveClip(view: SimViewMsg, plan: SimClipPlan, meta: { uidSeed: string; now: Date; what: string }): Promise<Result<{ bytes: Uint8Array; frames: number }>> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.clips.set(id, resolve);
      this.worker.postMessage({ type: 'clip', id, plan, uidSeed: meta.uidSeed, nowIso: meta.now.toISOString(), what: meta.what, ...view } satisfies ToSim);
    });
  }

  dispose(): void {
    this.worker.terminate();
  }

  private receive(msg: FromSim): void {
    if (msg.type === 'frame') {
      this.busy = false;
      this.onFrame?.({ image: msg.image, needleInPlane: msg.needleInPlane, renderMs: msg.renderMs });
      const w = this.waiting;
      this.waiting = null;
      if (w) this.requestFrame(w, w.seed);
      return;
    }
    const clip = this.clips.get(msg.id);
    if (clip) {
      this.clips.delete(msg.id);
      clip(msg.type === 'clip' ? ok({ bytes: msg.bytes, frames: msg.frames }) : err(msg.error));
      return;
    }
    if (msg.type === 'error') {
      this.busy = false;
      this.onError?.(msg.error);
    }
  }
}

/** What the worker draws for a scene: its models with their transforms and hidden structures. */
export function simScene(scene: Scene3dPlan, models: Record<string, ModelRuntime>): SimSceneMsg {
  return {
    models: scene.models
      .filter((m) => models[m.id]?.status === 'ready')
      .map((m) => ({ id: m.id, transform: m.transform.slice(), hidden: models[m.id]!.structures.filter((s) => !effectiveStructure(scene, s).visible).map((s) => s.name) })),
  };
}

let shared: SimClient | null = null;

/** The session's simulator (a module worker, started on first use). */
export function simClient(): Result<SimClient> {
  if (shared) return ok(shared);
  if (typeof Worker === 'undefined') return err(appError('sim/no-worker', 'The simulated image needs Web Workers, which this window does not offer.'));
  shared = new SimClient(new Worker(new URL('./sim.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-sim' }) as unknown as WorkerLike);
  return ok(shared);
}
