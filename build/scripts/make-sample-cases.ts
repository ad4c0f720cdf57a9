/**
 * Writes a sample case (assets/samples/<block id>.bpcase) for each synthetic sample clip, with the
 * correct plan for its block: block, side where it applies, approach, target, landmarks, at-risk
 * structures, skin line, needle path and key frames, all taken from the clip's ground-truth geometry
 * (core/samples/geometry.ts). The clip path is relative to the case and its SHA-256 is that of the
 * real file's bytes, so run `npm run samples` (which writes the .dcm files) first.
 *
 * Usage: npm run sample-cases [-- --clips DIR] [-- --out DIR]
 *   --clips DIR  folder with the sample .dcm files (default assets/samples)
 *   --out DIR    folder to write the .bpcase files to (default assets/samples)
 *
 * Deterministic: fixed ids and timestamps, so re-running on the same clips gives identical files.
 * Prints the numbers `blockplan measure` computes for each case as a check.
 */
import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { getBlockTemplate } from '../../core/blocks/index';
import { openDicom } from '../../core/dicom/index';
import { formatMeasurement } from '../../core/geometry/index';
import { clipFromFile, writeCaseFile } from '../../core/node/index';
import { CaseSchema, CURRENT_SCHEMA_VERSION, measureClip, type AnnotationInput, type Case, type CaseInput, type Clip, type KeyFrameTag } from '../../core/plan/index';
import { AtlasManifestSchema, type AtlasManifest } from '../../core/anatomy/atlas-manifest';
import { SAMPLE_SCENE_SPECS, sampleScene3d } from '../../core/anatomy/sample-scenes';
import { sampleCaseFile, SAMPLES_FOLDER, type SampleId } from '../../core/samples/index';
import { SAMPLE_GEOMETRIES, type KeyFrameTag as SampleKeyFrameTag, type SampleGeometry, type SampleShape } from '../../core/samples/geometry';
import { SAMPLE_LEVELS, SAMPLE_TEACHING, sampleNote } from './sample-notes';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Fixed timestamp of the sample cases (they are generated data, not a record of a procedure). */
const SAMPLE_CASE_TIME = '2026-01-01T00:00:00.000Z';

/**
 * Per sample: the block choice, and which structure of the block template each ground-truth
 * structure is (null: labelled in free text, not in the template's vocabulary).
 */
const PLAN: Record<SampleId, { side: Case['block']['side']; level: string | null; approach: string; structureIds: Record<string, string | null> }> = {
  'thoracic-paravertebral': {
    // The synthetic view has no laterality of its own; the sample plans a right-sided block
    // (image left = medial, as the geometry's orientation states).
    side: 'right',
    level: null,
    approach: 'transverse-intercostal',
    structureIds: {
      trapezius: null,
      'rhomboid-major': null,
      'erector-spinae': null,
      'transverse-process': 'transverse-process',
      'intercostal-muscles': null,
      'internal-intercostal-membrane': 'superior-costotransverse-ligament',
      pleura: 'parietal-pleura',
      'paravertebral-space': 'paravertebral-space',
    },
  },
  'ganglion-impar': {
    side: 'midline',
    level: null,
    approach: 'trans-sacrococcygeal',
    structureIds: {
      sacrum: null,
      coccyx: 'coccyx',
      'sacrococcygeal-junction': 'sacrococcygeal-junction',
      'sacrococcygeal-ligament': null,
      'ganglion-impar': 'ganglion-impar',
      rectum: 'rectum',
    },
  },
  'celiac-plexus': {
    side: 'midline',
    level: null,
    approach: 'us-anterior-percutaneous',
    structureIds: {
      'liver-left-lobe': 'left-lobe-liver',
      stomach: 'stomach',
      pancreas: 'pancreas',
      aorta: 'aorta',
      'celiac-trunk': 'celiac-trunk',
      ivc: 'ivc',
      'right-crus': 'diaphragmatic-crura',
      'left-crus': 'diaphragmatic-crura',
      'vertebral-body': 'vertebral-body',
      'pre-aortic-space': 'pre-aortic-space',
    },
  },
  interscalene: {
    // Image right = lateral, needle from lateral: a right-sided block.
    side: 'right',
    level: null,
    approach: 'lateral-in-plane',
    structureIds: {
      'subcutaneous-fat': null,
      sternocleidomastoid: 'sternocleidomastoid',
      ijv: 'carotid-ijv',
      carotid: 'carotid-ijv',
      'anterior-scalene': 'anterior-scalene',
      'middle-scalene': 'middle-scalene',
      'phrenic-nerve': 'phrenic-nerve',
      'c5-root': 'c5-c6-roots',
      'c6-root': 'c5-c6-roots',
      'prevertebral-fascia': 'prevertebral-fascia',
      'c6-transverse-process': 'c6-c7-transverse-process',
      'vertebral-artery': 'vertebral-artery',
    },
  },
  femoral: {
    // Image left = lateral at the right groin.
    side: 'right',
    level: null,
    approach: 'lateral-in-plane',
    structureIds: {
      'subcutaneous-fat': null,
      'fascia-lata': 'fascia-lata',
      iliopsoas: 'iliopsoas',
      'fascia-iliaca': 'fascia-iliaca',
      'femoral-nerve': 'femoral-nerve',
      'femoral-artery': 'femoral-artery',
      'femoral-vein': 'femoral-vein',
      pectineus: null,
      'femoral-head': null,
    },
  },
  'erector-spinae-plane': {
    // A parasagittal view has no laterality of its own; the sample plans a right-sided block.
    side: 'right',
    level: null,
    approach: 'parasagittal-in-plane',
    structureIds: {
      'subcutaneous-fat': null,
      trapezius: 'trapezius',
      'rhomboid-major': 'rhomboid-major',
      'erector-spinae': 'erector-spinae',
      'intertransverse-tissue': null,
      pleura: 'pleura',
      'transverse-process-t5': 'transverse-process',
      'transverse-process-t6': 'transverse-process',
      'erector-spinae-plane': 'erector-spinae-plane',
    },
  },
  'transversus-abdominis-plane': {
    side: 'right',
    level: null,
    approach: 'mid-axillary',
    structureIds: {
      'subcutaneous-fat': null,
      'external-oblique': 'external-oblique',
      'internal-oblique': 'internal-oblique',
      'transversus-abdominis': 'transversus-abdominis',
      'tap-plane': 'tap-plane',
      'transversalis-fascia': 'transversalis-fascia',
      peritoneum: 'peritoneum',
      bowel: 'peritoneum',
    },
  },
};

const KEY_FRAME_TAG: Record<SampleKeyFrameTag, KeyFrameTag> = {
  'scout view': 'scout',
  'target view': 'target',
  'needle visible': 'needle-visible',
  'spread of local anaesthetic': 'la-spread',
};

/** A sample shape as annotation kind + points (ellipses in the 3-point form: centre, axis end, minor axis). */
function shapeToAnnotation(s: SampleShape): Pick<AnnotationInput, 'kind' | 'points' | 'closed'> {
  switch (s.kind) {
    case 'polyline':
      return { kind: 'polyline', points: s.points.map((p) => ({ x: p.x, y: p.y })), closed: false };
    case 'contour':
      return { kind: 'contour', points: s.points.map((p) => ({ x: p.x, y: p.y })), closed: true };
    case 'ellipse': {
      // rotationDeg is clockwise on screen (y down), i.e. the usual angle in image coordinates.
      const th = (s.rotationDeg * Math.PI) / 180;
      const c = s.center;
      return {
        kind: 'ellipse',
        points: [
          { x: c.x, y: c.y },
          { x: c.x + s.radiusX * Math.cos(th), y: c.y + s.radiusX * Math.sin(th) },
          { x: c.x - s.radiusY * Math.sin(th), y: c.y + s.radiusY * Math.cos(th) },
        ],
        closed: true,
      };
    }
  }
}

/** The plan for one sample clip. Throws when the geometry and the block template disagree. */
function buildSampleCase(g: SampleGeometry, clip: Clip, manifest: AtlasManifest): Case {
  const spec = PLAN[g.blockId];
  const template = getBlockTemplate(g.blockId);
  if (!template) throw new Error(`no block template ${g.blockId}`);
  if (!template.approaches.some((a) => a.id === spec.approach)) throw new Error(`${g.blockId}: unknown approach ${spec.approach}`);
  // The ready 3D scene on the atlas (probe pose, target, trajectory, at-risk set), whose probe gives
  // the same view as the clip.
  const scene = SAMPLE_SCENE_SPECS[g.blockId] ? sampleScene3d(g.blockId, manifest) : null;
  if (scene && !scene.ok) throw new Error(`${g.blockId}: ${scene.error.title}`);
  const annotations: AnnotationInput[] = [];
  for (const s of g.structures) {
    if (s.id === 'skin') {
      annotations.push({ id: 'skin', clipId: clip.id, ...shapeToAnnotation(s.shape), label: 'skin', structureId: null, role: 'skin', frameIndex: null, locked: true, text: s.note ?? '' });
      continue;
    }
    if (!(s.id in spec.structureIds)) throw new Error(`${g.blockId}: structure ${s.id} has no mapping to the block vocabulary`);
    const structureId = spec.structureIds[s.id]!;
    if (structureId !== null && !template.structures.some((t) => t.id === structureId)) throw new Error(`${g.blockId}: ${structureId} is not in the template`);
    const notes = [s.visibleOnUs ? '' : 'Not visible on ultrasound: position indicative.', s.note ?? ''].filter(Boolean).join(' ');
    annotations.push({ id: s.id, clipId: clip.id, ...shapeToAnnotation(s.shape), label: s.label, structureId, role: s.role, frameIndex: null, text: notes, ...(s.visibleOnUs ? {} : { notVisibleOnUltrasound: true }) });
  }
  const input: CaseInput = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: `sample-${g.blockId}`,
    title: g.title,
    createdAt: SAMPLE_CASE_TIME,
    updatedAt: SAMPLE_CASE_TIME,
    block: { templateId: g.blockId, side: spec.side, level: SAMPLE_LEVELS[g.blockId] ?? spec.level, approach: spec.approach },
    clips: [clip],
    // Key-frame captions reach the exports: cite publications there, never internal files.
    keyFrames: g.keyFrames.map((k, i) => ({ id: `key-${i + 1}`, clipId: clip.id, frameIndex: k.frame, tag: KEY_FRAME_TAG[k.tag], text: k.note.replace(/,?\s*blocks\.md §[\d.]+/g, '') })),
    annotations,
    needlePaths: [
      {
        id: 'needle',
        clipId: clip.id,
        frameIndex: null,
        entry: { ...g.needle.entry },
        target: { ...g.needle.target },
        mode: 'in-plane',
        label: `${g.needle.gauge} ${g.needle.lengthMm} mm, ${g.needle.direction}`,
      },
    ],
    manualCalibrations: {},
    settings: {},
    patient: {},
    // A synthetic teaching case: every export of it says so on its first line (core/app isSyntheticCase).
    // The teaching comment explains the path (its deliberate warnings): in a rehearsal it is the
    // explanation of "Plan the needle", shown after submission; before it, it would give the answer
    // away (the route, the angle). The learning objectives are left to the defaults made from the tasks.
    teaching: {
      title: g.title,
      learningObjectives: [],
      deidentified: true,
      deidentificationFlags: { 'synthetic-data': true },
      ...(SAMPLE_TEACHING[g.blockId] ? { rehearsal: { explanations: { steps: { 'plan-needle': SAMPLE_TEACHING[g.blockId]! } } } } : {}),
    },
    note: sampleNote(g, template.complications.map((c) => c.name)),
    // The clip is tied to the 3D probe: the sample scene's probe gives the clip's view (same plane,
    // same footprint), and the clip's pixels map onto that plane (probe-face centre = reference pixel).
    ...(scene?.ok
      ? { scene3d: { ...scene.value, clipLinks: [{ clipId: clip.id, frameIndex: null, probe: scene.value.probe!, image: { originPx: { ...g.reference }, mmPerPxX: g.mmPerPx, mmPerPxY: g.mmPerPx } }] } }
      : {}),
  };
  return CaseSchema.parse(input);
}

function parseArgs(argv: string[]): { clips: string; out: string } {
  let clips = path.join(repoRoot, SAMPLES_FOLDER);
  let out = clips;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--clips' && argv[i + 1]) clips = path.resolve(argv[++i]!);
    else if (a === '--out' && argv[i + 1]) out = path.resolve(argv[++i]!);
    else {
      console.error(`usage: make-sample-cases [--clips DIR] [--out DIR]\nunknown argument: ${a}`);
      process.exit(2);
    }
  }
  return { clips, out };
}

async function main(): Promise<number> {
  const { clips, out } = parseArgs(process.argv.slice(2));
  await mkdir(out, { recursive: true });
  const manifest = AtlasManifestSchema.parse(JSON.parse(readFileSync(path.join(repoRoot, 'assets/anatomy/manifest.json'), 'utf8')));
  let failed = 0;
  for (const g of SAMPLE_GEOMETRIES) {
    const dcm = path.join(clips, g.fileName);
    const casePath = path.join(out, sampleCaseFile(g.blockId));
    const beam: Clip['beam'] = g.probe.kind === 'curvilinear' ? { kind: 'curvilinear', apex: { ...g.probe.apex } } : { kind: 'linear' };
    const clip = await clipFromFile(casePath, dcm, { id: 'clip-1', beam });
    if (!clip.ok) {
      console.error(`error: ${dcm}: ${clip.error.title}${clip.error.code === 'clip/read-failed' ? ' (run `npm run samples` first)' : ''}`);
      failed++;
      continue;
    }
    const c = clip.value;
    if (c.rows !== g.rows || c.columns !== g.columns || c.frameCount !== g.frameCount) {
      console.error(`error: ${dcm}: the clip is ${c.columns}×${c.rows}×${c.frameCount}, the geometry says ${g.columns}×${g.rows}×${g.frameCount}; regenerate the samples`);
      failed++;
      continue;
    }
    const plan = buildSampleCase(g, c, manifest);
    const saved = await writeCaseFile(casePath, plan, SAMPLE_CASE_TIME);
    if (!saved.ok) {
      console.error(`error: ${casePath}: ${saved.error.title}`);
      failed++;
      continue;
    }
    // The numbers the app will show, from the file's own calibration.
    const opened = openDicom(new Uint8Array(readFileSync(dcm)), { fileName: g.fileName });
    if (!opened.ok) {
      console.error(`error: ${dcm}: ${opened.error.message}`);
      failed++;
      continue;
    }
    const m = measureClip(saved.value, c.id, opened.value.calibration).needlePaths[0]!;
    const clear = m.clearances.map((x) => `${x.label} ${formatMeasurement(x.path.distance)}${x.path.crosses ? ' (crosses)' : ''}`).join(', ');
    for (const w of m.warnings) console.log(`  ${w.severity}: ${w.message}`);
    console.log(
      `${path.relative(repoRoot, casePath)}: path ${formatMeasurement(m.pathLength)}, depth ${formatMeasurement(m.targetDepth)}, ` +
        `angle to skin ${m.angleToSkin ? formatMeasurement(m.angleToSkin) : 'n/a'}; clearance ${clear || 'none'}`,
    );
  }
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(`error: make-sample-cases: ${e instanceof Error ? e.message : String(e)}`);
    process.exit(1);
  },
);
