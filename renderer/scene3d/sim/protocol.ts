/**
 * Messages between the app and the simulator worker (./sim.worker.ts). Meshes go once per model
 * (copied); every frame sends only the pose, the needle, the image size and what is visible. Replies
 * carry the 8-bit image (transferred) or the bytes of a saved clip. Plain data only.
 */
import type { AtlasCategory } from '../../../core/anatomy/atlas-manifest';
import type { ProbePose, Trajectory3d } from '../../../core/anatomy/plan3d';
import type { AppError } from '../../../core/result';
import type { BmodeImage } from '../../../core/sim/bmode';
import type { SimClipPlan } from '../../../core/sim/clip';

export interface SimMeshMsg {
  name: string;
  category: AtlasCategory | null;
  /** mm, in the model's own frame. */
  positions: Float32Array;
  indices: Uint32Array;
}

/** What is drawn this frame: the scene's models (by id, with their transforms) and their hidden structures. */
export interface SimSceneMsg {
  models: { id: string; transform: number[]; hidden: string[] }[];
}

export interface SimViewMsg {
  scene: SimSceneMsg;
  pose: ProbePose;
  trajectory: Trajectory3d | null;
  columns: number;
  rows: number;
  gainDb: number;
}

export type ToSim =
  | { type: 'model'; id: string; meshes: SimMeshMsg[] }
  | { type: 'drop-model'; id: string }
  | ({ type: 'frame'; id: number; seed: number } & SimViewMsg)
  | ({ type: 'clip'; id: number; plan: SimClipPlan; uidSeed: string; nowIso: string; what: string } & SimViewMsg);

/** The rendered image and its calibration (core/sim/bmode's BmodeImage, as plain data). */
export type SimImageMsg = Pick<BmodeImage, 'columns' | 'rows' | 'mmPerPx' | 'originPx' | 'region' | 'frequencyMHz' | 'pixels'>;

export type FromSim =
  | { type: 'frame'; id: number; image: SimImageMsg; needleInPlane: boolean; renderMs: number }
  | { type: 'clip'; id: number; bytes: Uint8Array; frames: number }
  | { type: 'error'; id: number; error: AppError };
