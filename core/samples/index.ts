/**
 * The sample cases BlockPlan ships: THE list, read by the CLI (`blockplan samples`), the app (the
 * samples dialog) and the build scripts (build/scripts/make-samples.ts writes the clips,
 * make-sample-cases.ts the cases). Light on purpose (no geometry or pixels): the app's shell loads it.
 *
 * Each sample is one block: a synthetic clip drawn from ./geometry.ts (`<id>.dcm`) and a worked plan
 * on it (`<id>.bpcase`), both in assets/samples. The id is the block template's id (core/blocks).
 */

/** The samples' ids, in the order the app lists them. */
export const SAMPLE_IDS = ['thoracic-paravertebral', 'celiac-plexus', 'ganglion-impar', 'interscalene', 'femoral', 'erector-spinae-plane', 'transversus-abdominis-plane'] as const;

/** A sample's id: the id of its block template (core/blocks). */
export type SampleId = (typeof SAMPLE_IDS)[number];

/** What the samples dialog says about a sample. */
export interface SampleInfo {
  id: SampleId;
  title: string;
  /** The view the clip shows and how the needle goes. */
  view: string;
}

/** The samples, in the order of SAMPLE_IDS. */
export const SAMPLES: readonly SampleInfo[] = [
  { id: 'thoracic-paravertebral', title: 'Thoracic paravertebral block', view: 'Transverse intercostal view, linear probe, in plane lateral to medial' },
  { id: 'celiac-plexus', title: 'Celiac plexus block', view: 'Anterior percutaneous approach, curvilinear probe' },
  { id: 'ganglion-impar', title: 'Ganglion impar block', view: 'Trans-sacrococcygeal approach, sagittal midline view' },
  { id: 'interscalene', title: 'Interscalene brachial plexus block', view: 'Transverse view at C6, linear probe, in plane lateral to medial' },
  { id: 'femoral', title: 'Femoral nerve block', view: 'Transverse view at the femoral crease, linear probe, in plane lateral to medial' },
  { id: 'erector-spinae-plane', title: 'Erector spinae plane block', view: 'Parasagittal view over the T5–T6 transverse processes, in plane cranial to caudal' },
  { id: 'transversus-abdominis-plane', title: 'Transversus abdominis plane (TAP) block', view: 'Mid-axillary transverse view, in plane anteromedial to posterolateral' },
];

/** The folder of the samples, relative to the app's root (and to the repository's). */
export const SAMPLES_FOLDER = 'assets/samples';

/** A sample's clip file name. */
export const sampleClipFile = (id: SampleId): string => `${id}.dcm`;

/** A sample's case file name. */
export const sampleCaseFile = (id: SampleId): string => `${id}.bpcase`;

/** True for the id of a sample (e.g. a block template id that has one). */
export function isSampleId(id: string | null | undefined): id is SampleId {
  return (SAMPLE_IDS as readonly string[]).includes(id ?? '');
}

/** A sample by id. */
export function sampleInfo(id: SampleId): SampleInfo {
  return SAMPLES.find((s) => s.id === id)!;
}
