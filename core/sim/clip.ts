/**
 * Saving the simulated view as a clip: the frames of a probe sweep (the probe slides across its plane,
 * settling on the skin) or of a held probe with the needle advancing along the plan, written as a
 * calibrated DICOM Ultrasound Multi-frame Image (core/dicom/write/us-multiframe: JPEG Baseline, one
 * Sequence of Ultrasound Regions item with the pixel size and the probe-face centre as reference
 * pixel, so BlockPlan's 2D viewer measures on it in mm like on any clip).
 *
 * The clip is a teaching image of the anatomy atlas, never of a patient: its patient module is
 * synthetic and its derivation description says how it was made. Units: mm, ms, dB.
 */
import { appError, err, ok, type Result } from '../result';
import type { ProbePose, Scene3dPlan } from '../anatomy/plan3d';
import { moveProbe, type SkinSurface } from '../anatomy/probe';
import { lerp, type Vec3 } from '../anatomy/vec3';
import type { JpegBaselineEncoder } from '../dicom/write/jpeg-encoder';
import { writeUsMultiframe, type UsMultiframeSpec } from '../dicom/write/us-multiframe';
import type { BmodeImage } from './bmode';
import { needleInPlane } from './view';

export type SimClipKind = 'sweep' | 'needle';

/** Defaults of a saved clip (BlockPlan defaults). */
export const SIM_CLIP_DEFAULTS = { frames: 30, sweepMm: 20, frameRateFps: 15, jpegQuality: 90, maxFrames: 600 } as const;

export interface SimClipPlan {
  kind: SimClipKind;
  frames: number;
  /** Sweep: total travel across the plane, centred on the current pose, mm. */
  sweepMm?: number;
}

/** One frame's probe pose and needle tip (null: no needle drawn). */
export interface SimClipFrame {
  pose: ProbePose;
  needleTip: Vec3 | null;
}

/** The frames of a sweep or a needle advance, or why the plan cannot give them. */
export function simClipFrames(scene: Scene3dPlan, plan: SimClipPlan, skin: SkinSurface | null): Result<SimClipFrame[]> {
  const pose = scene.probe;
  if (!pose) return err(appError('scan/no-probe', 'The case has no virtual probe.', { action: 'Place the probe in the 3D view (Probe tool), then save the clip again.' }));
  const n = plan.frames;
  if (!Number.isInteger(n) || n < 2 || n > SIM_CLIP_DEFAULTS.maxFrames) {
    return err(appError('scan/frames', `A clip needs 2–${SIM_CLIP_DEFAULTS.maxFrames} frames (got ${n}).`, { action: 'Choose another number of frames.' }));
  }
  const t = scene.trajectory;
  if (plan.kind === 'needle') {
    if (!t) return err(appError('scan/no-needle', 'The case has no planned needle to advance.', { action: 'Plan the needle in the 3D view (Entry and Target tools) first.' }));
    if (!needleInPlane(pose, t)) return err(appError('scan/needle-off-plane', 'The planned needle does not lie in the probe’s plane, so it would not show on the clip.', { action: 'Align the probe with the needle (or save a sweep instead).' }));
    return ok(Array.from({ length: n }, (_, i) => ({ pose, needleTip: lerp(t.entry, t.target, i / (n - 1)) })));
  }
  const travel = plan.sweepMm ?? SIM_CLIP_DEFAULTS.sweepMm;
  const step = travel / (n - 1);
  const out: SimClipFrame[] = [];
  let p = moveProbe(pose, { kind: 'slide', axis: 'elevation', mm: -travel / 2 }, skin);
  for (let i = 0; i < n; i++) {
    out.push({ pose: p, needleTip: null });
    p = moveProbe(p, { kind: 'slide', axis: 'elevation', mm: step }, skin);
  }
  // The needle shows on the frames whose plane holds it (those near the planned pose).
  if (t) for (const f of out) f.needleTip = needleInPlane(f.pose, t) ? t.target : null;
  return ok(out);
}

export interface SimClipMeta {
  /** What the clip shows, for the series description, e.g. "sweep across the plane, 20 mm". */
  what: string;
  /** Seed of the clip's UIDs: unique per saved clip (case id, time). */
  uidSeed: string;
  /** When it was made (study, series and content date and time). */
  now: Date;
  frameRateFps?: number;
}

const pad = (v: number, n = 2) => String(v).padStart(n, '0');

/** The DICOM description of frames rendered at one image geometry (every frame must share it). */
export function simClipSpec(frames: readonly BmodeImage[], pose: ProbePose, meta: SimClipMeta): UsMultiframeSpec {
  const f0 = frames[0]!;
  const d = meta.now;
  const fps = meta.frameRateFps ?? SIM_CLIP_DEFAULTS.frameRateFps;
  return {
    rows: f0.rows,
    columns: f0.columns,
    frameCount: frames.length,
    frame: (i) => frames[i]!.pixels,
    frameTimeMs: 1000 / fps,
    photometric: 'MONOCHROME2',
    jpegQuality: SIM_CLIP_DEFAULTS.jpegQuality,
    regions: [
      {
        ...f0.region,
        mmPerPxX: f0.mmPerPx,
        mmPerPxY: f0.mmPerPx,
        // The probe-face centre is the reference pixel, at physical (0, 0): depth is measured from the skin.
        referencePixel: { xPx: f0.originPx.x, yPx: f0.originPx.y, physicalXMm: 0, physicalYMm: 0 },
        transducerFrequencyKHz: Math.round(f0.frequencyMHz * 1000),
      },
    ],
    uidSeed: meta.uidSeed,
    date: `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`,
    time: `${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`,
    patientName: 'SIMULATED^ATLAS',
    patientId: 'BLOCKPLAN-SIM',
    studyDescription: 'BlockPlan simulated ultrasound',
    seriesDescription: `Simulated ${pose.kind} B-mode: ${meta.what}`.slice(0, 64),
    manufacturer: 'BlockPlan',
    manufacturerModelName: 'BlockPlan B-mode simulator',
    derivationDescription: 'Simulated from the BlockPlan anatomy atlas (BodyParts3D CC BY-SA 2.1 JP, HuBMAP CC BY 4.0) by core/sim: a teaching image, not a patient image',
    imageComments: 'Simulated teaching image of the anatomy atlas; not a patient image.',
    transducerType: pose.kind === 'linear' ? 'LINEAR' : 'CURVED LINEAR',
    depthOfScanFieldMm: pose.depthMm,
  };
}

/** Encode rendered frames as the DICOM clip (bytes of a Part 10 file). */
export function writeSimClip(frames: readonly BmodeImage[], pose: ProbePose, meta: SimClipMeta, encoder: JpegBaselineEncoder): Result<Uint8Array> {
  if (frames.length === 0) return err(appError('scan/frames', 'There are no frames to save.'));
  const r = writeUsMultiframe(simClipSpec(frames, pose, meta), encoder);
  return r.ok ? ok(r.value.bytes) : r;
}
