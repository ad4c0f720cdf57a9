/**
 * Ready 3D scenes for the sample cases of the three named blocks, on the schematic atlas:
 * which atlas files to load, the probe pose on the skin, the target structure, the needle
 * trajectory from the skin entry to the target, and the at-risk set.
 *
 * The geometry (probe point on the skin, entry, target) comes from landmarks that the atlas
 * generator writes into assets/anatomy/manifest.json (it knows the meshes and picks the points by a
 * clearance-maximising search; see build/scripts/atlas/samples.ts). This module only composes them
 * into a `Scene3dPlan`, so it stays pure (no file access): the caller loads the manifest.
 *
 * Units: mm, LPS patient frame (+X left, +Y posterior, +Z superior).
 */
import { appError, err, ok, type Result } from '../result';
import { atlasModelId, type AtlasManifest, type AtlasStructure } from './atlas-manifest';
import type { ModelRef, ProbePose, Scene3dPlan, StructureRole } from './plan3d';
import { add, cross, dot, normalize, scale, sub, type Vec3 } from './vec3';
import type { SampleId } from '../samples/index';


export interface SampleSceneSpec {
  block: SampleId;
  title: string;
  /** Landmarks `<prefix>-probe`, `<prefix>-entry`, `<prefix>-target` in the manifest. */
  landmarkPrefix: string;
  probe: { kind: ProbePose['kind']; widthMm: number; depthMm: number; radiusMm?: number };
  /** Atlas GLB files the scene needs. */
  files: string[];
  /** Structure id the needle aims at. */
  target: string;
  /** Structure ids whose clearance the scene reports. */
  atRisk: string[];
  /** Structures the probe plane is expected to cut (the sonoanatomy a learner should see). */
  expectedInPlane: string[];
  /**
   * At-risk structures the planned needle deliberately traverses because that is accepted practice
   * (blocks.md §1.2: a fine needle through the liver). The clearance panel still reports them.
   */
  traversed: string[];
}

/**
 * The three sample scenes. Probe footprints are typical values (an assumption, not a sourced
 * figure): 38 mm linear arrays, a 60 mm-chord curvilinear array of 50 mm radius. Technique per
 * /work/shared/reference/blocks.md §1.1–1.3.
 */
export const SAMPLE_SCENE_SPECS: Partial<Record<SampleId, SampleSceneSpec>> = {
  'thoracic-paravertebral': {
    block: 'thoracic-paravertebral',
    title: 'Thoracic paravertebral block, right T5: transverse intercostal view at the tip of the transverse process (as in the sample clip), needle in-plane lateral → medial',
    landmarkPrefix: 'sample-tpvb',
    // The sample clip's footprint and depth (core/samples/geometry-thoracic-paravertebral.ts).
    probe: { kind: 'linear', widthMm: 48, depthMm: 69 },
    files: ['atlas-thorax.glb', 'atlas-body-wall.glb'],
    target: 'paravertebral-space-right',
    atRisk: [
      'parietal-pleura-right',
      'lung-right',
      'intercostal-artery-t5-right',
      'intercostal-vein-t5-right',
      'intercostal-artery-t6-right',
      'intercostal-vein-t6-right',
      'intercostal-artery-t4-right',
      'intercostal-vein-t4-right',
      'sympathetic-trunk-thoracic-right',
    ],
    expectedInPlane: ['t5-vertebra', 'parietal-pleura-right', 'paravertebral-space-right', 'erector-spinae-right', 'skin-back'],
    traversed: [],
  },
  'celiac-plexus': {
    block: 'celiac-plexus',
    title: 'Celiac plexus block, anterior approach: transverse epigastric view just cephalad to the celiac trunk, needle in-plane',
    landmarkPrefix: 'sample-celiac',
    probe: { kind: 'curvilinear', widthMm: 60, depthMm: 160, radiusMm: 50 },
    files: ['atlas-abdomen.glb', 'atlas-body-wall.glb', 'atlas-thorax.glb'],
    target: 'celiac-plexus',
    atRisk: ['aorta', 'celiac-trunk', 'superior-mesenteric-artery', 'inferior-vena-cava', 'liver-left-lobe', 'stomach', 'pancreas', 'kidney-left', 'kidney-right'],
    expectedInPlane: ['aorta', 'celiac-plexus', 'liver-left-lobe', 'inferior-vena-cava', 'diaphragm', 'skin-abdomen'],
    traversed: ['liver-left-lobe'],
  },
  'ganglion-impar': {
    block: 'ganglion-impar',
    title: 'Ganglion impar block, trans-sacrococcygeal: transverse view over the sacrococcygeal junction, needle in-plane',
    landmarkPrefix: 'sample-impar',
    probe: { kind: 'linear', widthMm: 38, depthMm: 50 },
    files: ['atlas-pelvis.glb', 'atlas-body-wall.glb'],
    target: 'ganglion-impar',
    atRisk: ['rectum'],
    expectedInPlane: ['sacrococcygeal-junction', 'ganglion-impar', 'rectum', 'skin-back'],
    traversed: [],
  },
};

/**
 * The samples that have a ready 3D scene. The linear samples added for issue 20 (interscalene, femoral,
 * erector spinae plane, TAP) have none yet: the atlas has no landmarks for their views.
 */
export const SAMPLES_WITH_SCENES = Object.keys(SAMPLE_SCENE_SPECS) as SampleId[];

/**
 * Build the ready 3D scene of a sample block from the atlas manifest. Fails (with an action to
 * regenerate the atlas) when the manifest lacks a landmark or structure the scene needs.
 */
export function sampleScene3d(block: SampleId, manifest: AtlasManifest): Result<Scene3dPlan> {
  const spec = SAMPLE_SCENE_SPECS[block];
  if (!spec) return err(appError('sample/no-3d-scene', `The ${block} sample has no ready 3D scene.`, { action: 'Open its clip in the 2D viewer; the 3D workspace starts from the whole atlas.' }));
  const stale = (what: string) =>
    err(appError('atlas/out-of-date', `The anatomy atlas does not have ${what}, which the ${block} sample scene needs.`, { action: 'Regenerate the atlas with “npm run atlas” (or reinstall BlockPlan).', file: 'assets/anatomy/manifest.json' }));
  const lm = (name: string) => manifest.landmarks[`${spec.landmarkPrefix}-${name}`];
  const probeL = lm('probe');
  const entryL = lm('entry');
  const targetL = lm('target');
  if (!probeL?.normal || !probeL.direction) return stale(`the landmark ${spec.landmarkPrefix}-probe`);
  if (!entryL) return stale(`the landmark ${spec.landmarkPrefix}-entry`);
  if (!targetL) return stale(`the landmark ${spec.landmarkPrefix}-target`);
  const byId = new Map(manifest.structures.map((s) => [s.id, s]));
  for (const id of [spec.target, ...spec.atRisk]) if (!byId.has(id)) return stale(`the structure “${id}”`);

  const pose = probeThrough(probeL.position, probeL.normal, probeL.direction, targetL.position, spec.probe);
  if (!pose) return stale(`a usable probe landmark (${spec.landmarkPrefix}-probe)`);

  const ref = (id: string) => `${atlasModelId(byId.get(id)!.file)}/${id}`;
  const roleOf = (s: AtlasStructure): StructureRole => (s.id === spec.target ? 'target' : spec.atRisk.includes(s.id) ? 'at-risk' : s.blocks.includes(block) ? 'landmark' : 'other');
  const models: ModelRef[] = spec.files.map((file) => {
    const structures = manifest.structures
      .filter((s) => s.file === file)
      .map((s) => ({
        name: s.node,
        visible: s.blocks.includes(block) || s.id === spec.target || spec.atRisk.includes(s.id),
        opacity: s.opacity,
        color: s.color,
        role: roleOf(s),
      }));
    return {
      id: atlasModelId(file),
      label: manifest.files.find((f) => f.file === file)?.region.split(':')[0] ?? file,
      source: { kind: 'atlas', atlasFile: file },
      // The atlas GLBs are in glTF metres (root node); the loader's unit detection finds ×1000 and
      // converts glTF +Y-up to LPS, which returns the atlas millimetres: no further transform.
      mmPerUnit: 1000,
      unitsOverridden: false,
      transform: [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1],
      structures,
    };
  });
  const outward = normalize(probeL.normal)!;
  const camera = {
    position: add(add(probeL.position, scale(outward, 420)), add(scale(pose.lateralDir, 120), [0, 0, 80])),
    target: targetL.position,
  };
  return ok({
    models,
    probe: pose,
    trajectory: { entry: entryL.position, target: targetL.position, ...(entryL.normal ? { entryNormal: entryL.normal } : {}) },
    atRisk: spec.atRisk.map(ref),
    target: ref(spec.target),
    clipLinks: [],
    camera,
  });
}

/**
 * A probe pose on the skin point whose imaging plane contains `lateral` and the target: the beam is
 * the inward direction in that plane closest to the inward skin normal (the probe may be tilted a few
 * degrees from the normal so that an in-plane needle reaches the target).
 */
function probeThrough(position: Vec3, outwardNormal: Vec3, lateralHint: Vec3, target: Vec3, p: SampleSceneSpec['probe']): ProbePose | undefined {
  const lateral = normalize(lateralHint);
  const n = normalize(outwardNormal);
  if (!lateral || !n) return undefined;
  const planeNormal = normalize(cross(lateral, sub(target, position)));
  if (!planeNormal) return undefined;
  let beam = normalize(cross(planeNormal, lateral));
  if (!beam) return undefined;
  if (dot(beam, n) > 0) beam = scale(beam, -1);
  return { kind: p.kind, position, beamDir: beam, lateralDir: lateral, depthMm: p.depthMm, widthMm: p.widthMm, ...(p.radiusMm !== undefined ? { radiusMm: p.radiusMm } : {}) };
}
