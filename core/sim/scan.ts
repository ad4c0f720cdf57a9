/**
 * The scan workflows shared by `blockplan scan` and the app: a case's virtual probe view on the atlas
 * — the structures on the central beam (id, depth), the simulated B-mode image (./view), and a saved
 * clip (./clip: a sweep, or the needle advancing).
 *
 * Inputs are plain data (the case's 3D plan, the atlas manifest, the atlas meshes by file) so the CLI
 * (Node file reads) and the renderer (its own loaders, in a worker) call the same functions. Units: mm.
 */
import { appError, err, ok, type Result } from '../result';
import type { AtlasManifest } from '../anatomy/atlas-manifest';
import type { TriMesh } from '../anatomy/mesh';
import type { ProbePose, Scene3dPlan } from '../anatomy/plan3d';
import { meshSkin } from '../anatomy/probe';
import { prepareSectionMesh, type SectionMesh } from '../anatomy/section';
import type { JpegBaselineEncoder } from '../dicom/write/jpeg-encoder';
import { centralBeamStructures, type BeamCrossing } from './beam-line';
import type { BmodeImage } from './bmode';
import { SIM_CLIP_DEFAULTS, simClipFrames, writeSimClip, type SimClipPlan } from './clip';
import { needleInPlane, renderProbeView, type SimModel, type ViewOptions } from './view';

export interface ScanResult {
  probe: ProbePose;
  /** Structures crossed by the central beam line, nearest first. */
  structures: BeamCrossing[];
  image: BmodeImage | null;
  /** The planned needle lies in the image plane (drawn in the image). */
  needleInPlane: boolean;
}

/** The visible structures of the scene's atlas models, as meshes in patient mm (the atlas is never moved). */
export function sceneMeshes(scene: Scene3dPlan, atlas: ReadonlyMap<string, readonly TriMesh[]>): TriMesh[] {
  const out: TriMesh[] = [];
  for (const m of scene.models) {
    if (m.source.kind !== 'atlas') continue;
    const meshes = atlas.get(m.source.atlasFile) ?? [];
    const hidden = new Set(m.structures.filter((s) => !s.visible).map((s) => s.name));
    out.push(...meshes.filter((x) => !hidden.has(x.name)));
  }
  return out;
}

/** The scene's atlas models ready for the simulator (visible structures, prepared once). */
export function atlasSimModels(scene: Scene3dPlan, manifest: AtlasManifest, atlas: ReadonlyMap<string, readonly TriMesh[]>): SimModel[] {
  const category = new Map(manifest.structures.map((s) => [s.id, s.category]));
  return [
    {
      id: 'atlas',
      transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      meshes: sceneMeshes(scene, atlas).map((m) => prepareSectionMesh(m)).filter((m): m is SectionMesh => m !== undefined),
      categories: category,
    },
  ];
}

function checked(scene: Scene3dPlan, atlas: ReadonlyMap<string, readonly TriMesh[]>): Result<{ probe: ProbePose; meshes: TriMesh[] }> {
  const probe = scene.probe;
  if (!probe) return err(appError('scan/no-probe', 'The case has no virtual probe.', { action: 'Place the probe in the 3D view (Probe tool), save, then scan again.' }));
  const meshes = sceneMeshes(scene, atlas);
  if (meshes.length === 0) return err(appError('scan/no-anatomy', 'The case’s 3D scene has no atlas structures to scan.', { action: 'Add the atlas in the 3D view, or regenerate the atlas (npm run atlas).' }));
  return ok({ probe, meshes });
}

/** Scan the case's probe view. `image`: size of the simulated image (omit for the beam line only). */
export function scanScene(scene: Scene3dPlan, manifest: AtlasManifest, atlas: ReadonlyMap<string, readonly TriMesh[]>, image?: ViewOptions & { needleTip?: [number, number, number] }): Result<ScanResult> {
  const c = checked(scene, atlas);
  if (!c.ok) return c;
  const { probe, meshes } = c.value;
  const structures = centralBeamStructures(probe, meshes);
  if (!image) return ok({ probe, structures, image: null, needleInPlane: needleInPlane(probe, scene.trajectory) !== null });
  const v = renderProbeView(atlasSimModels(scene, manifest, atlas), probe, scene.trajectory, image);
  return ok({ probe, structures, image: v.image, needleInPlane: v.needleInPlane });
}

/**
 * Save the case's probe view as a DICOM clip: a sweep across the plane (the probe settles on the
 * atlas skin) or the needle advancing with the probe held. Returns the Part 10 bytes.
 */
export function scanClip(
  scene: Scene3dPlan,
  manifest: AtlasManifest,
  atlas: ReadonlyMap<string, readonly TriMesh[]>,
  plan: SimClipPlan,
  o: ViewOptions & { encoder: JpegBaselineEncoder; now: Date; uidSeed: string },
): Result<{ bytes: Uint8Array; frames: number; image: { columns: number; rows: number; mmPerPx: number; originPx: { x: number; y: number } } }> {
  const c = checked(scene, atlas);
  if (!c.ok) return c;
  const skinIds = new Set(manifest.structures.filter((s) => s.category === 'skin').map((s) => s.id));
  const skin = meshSkin(c.value.meshes.filter((m) => skinIds.has(m.name)));
  const frames = simClipFrames(scene, plan, skin);
  if (!frames.ok) return frames;
  const models = atlasSimModels(scene, manifest, atlas);
  const images = frames.value.map((f, i) => renderProbeView(models, f.pose, f.needleTip ? scene.trajectory : undefined, { ...o, seed: i + 1, ...(f.needleTip ? { needleTip: f.needleTip } : {}) }).image);
  const what = plan.kind === 'needle' ? 'needle advancing along the plan, probe held' : `sweep across the plane, ${plan.sweepMm ?? SIM_CLIP_DEFAULTS.sweepMm} mm`;
  const bytes = writeSimClip(images, c.value.probe, { what, uidSeed: o.uidSeed, now: o.now }, o.encoder);
  if (!bytes.ok) return bytes;
  const f0 = images[0]!;
  return ok({ bytes: bytes.value, frames: images.length, image: { columns: f0.columns, rows: f0.rows, mmPerPx: f0.mmPerPx, originPx: f0.originPx } });
}
