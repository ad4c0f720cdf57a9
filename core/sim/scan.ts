/**
 * The scan workflow shared by `blockplan scan` and the app: the case's virtual probe view on the
 * atlas — the structures on the central beam (id, depth) and a simulated B-mode image.
 *
 * Inputs are plain data (the case's 3D plan, the atlas manifest, the atlas meshes by file) so the CLI
 * (Node file reads) and the renderer (its own loaders) call the same function. Units: mm.
 */
import { appError, err, ok, type Result } from '../result';
import type { AtlasManifest } from '../anatomy/atlas-manifest';
import type { TriMesh } from '../anatomy/mesh';
import { probePlane, worldToPlane, type ProbePose, type Scene3dPlan } from '../anatomy/plan3d';
import { prepareSectionMesh, sectionForProbe } from '../anatomy/section';
import { centralBeamStructures, type BeamCrossing } from './beam-line';
import { renderBmode, type BmodeImage, type SimStructure } from './bmode';
import { IN_PLANE_TOLERANCE_MM } from '../anatomy/clip-plane';

export interface ScanResult {
  probe: ProbePose;
  /** Structures crossed by the central beam line, nearest first. */
  structures: BeamCrossing[];
  image: BmodeImage | null;
  /** The planned needle lies in the image plane (drawn in the image). */
  needleInPlane: boolean;
}

/** The visible structures of the scene's atlas models, as meshes in patient mm. */
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

/** Scan the case's probe view. `image`: size of the simulated image (omit for the beam line only). */
export function scanScene(scene: Scene3dPlan, manifest: AtlasManifest, atlas: ReadonlyMap<string, readonly TriMesh[]>, image?: { columns: number; rows: number; gainDb?: number; seed?: number; needleTip?: [number, number, number] }): Result<ScanResult> {
  const probe = scene.probe;
  if (!probe) return err(appError('scan/no-probe', 'The case has no virtual probe.', { action: 'Place the probe in the 3D view (Probe tool), save, then scan again.' }));
  const meshes = sceneMeshes(scene, atlas);
  if (meshes.length === 0) return err(appError('scan/no-anatomy', 'The case’s 3D scene has no atlas structures to scan.', { action: 'Add the atlas in the 3D view, or regenerate the atlas (npm run atlas).' }));
  const structures = centralBeamStructures(probe, meshes);
  const plane = probePlane(probe)!;
  let needleInPlane = false;
  let rendered: BmodeImage | null = null;
  if (image) {
    const category = new Map(manifest.structures.map((s) => [s.id, s.category]));
    const cuts = sectionForProbe(probe, meshes.map((m) => prepareSectionMesh(m)).filter((m) => m !== undefined));
    const sim: SimStructure[] = cuts.filter((c) => c.inImage).map((c) => ({ id: c.name, category: category.get(c.name) ?? null, contours: c.contours }));
    let needle = null;
    const t = scene.trajectory;
    if (t) {
      const tip = image.needleTip ?? t.target;
      const a = worldToPlane(plane, t.entry), b = worldToPlane(plane, tip);
      needleInPlane = Math.abs(a.offPlaneMm) <= IN_PLANE_TOLERANCE_MM && Math.abs(b.offPlaneMm) <= IN_PLANE_TOLERANCE_MM;
      if (needleInPlane) needle = { entry: { u: a.u, v: a.v }, tip: { u: b.u, v: b.v } };
    }
    rendered = renderBmode(probe, sim, { columns: image.columns, rows: image.rows, gainDb: image.gainDb ?? 0, seed: image.seed ?? 1, needle });
  }
  return ok({ probe, structures, image: rendered, needleInPlane });
}
