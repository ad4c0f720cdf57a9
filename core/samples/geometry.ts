/**
 * Ground-truth geometry of the project's synthetic ultrasound sample clips (assets/samples/*.dcm).
 *
 * For each sample: file name, block id, image size, mm per px, the calibrated region, the skin line,
 * the structures (px polylines, contours and ellipses with labels and roles), acoustic shadows, the
 * needle's entry, target and tip per frame, the frame where it reaches the target, and suggested key
 * frames. The clips are drawn from this same data (core/samples/clips.ts), so the images and these
 * numbers agree by construction; tests check them against DCMTK's decode of the files.
 *
 * Coordinates: image px with the origin at the top-left corner of the top-left pixel (see ./types).
 * All samples are isotropic (`mmPerPx` in x and y).
 */
import { CELIAC_PLEXUS_GEOMETRY } from './geometry-celiac-plexus';
import { GANGLION_IMPAR_GEOMETRY } from './geometry-ganglion-impar';
import { ERECTOR_SPINAE_PLANE_GEOMETRY } from './geometry-erector-spinae-plane';
import { FEMORAL_GEOMETRY } from './geometry-femoral';
import { INTERSCALENE_GEOMETRY } from './geometry-interscalene';
import { THORACIC_PARAVERTEBRAL_GEOMETRY } from './geometry-thoracic-paravertebral';
import { TRANSVERSUS_ABDOMINIS_PLANE_GEOMETRY } from './geometry-transversus-abdominis-plane';
import { SAMPLE_IDS, type SampleId } from './index';
import type { SampleGeometry } from './types';

export * from './types';
export { CELIAC_PLEXUS_GEOMETRY, ERECTOR_SPINAE_PLANE_GEOMETRY, FEMORAL_GEOMETRY, GANGLION_IMPAR_GEOMETRY, INTERSCALENE_GEOMETRY, THORACIC_PARAVERTEBRAL_GEOMETRY, TRANSVERSUS_ABDOMINIS_PLANE_GEOMETRY };

const BY_ID: Record<SampleId, SampleGeometry> = {
  'thoracic-paravertebral': THORACIC_PARAVERTEBRAL_GEOMETRY,
  'celiac-plexus': CELIAC_PLEXUS_GEOMETRY,
  'ganglion-impar': GANGLION_IMPAR_GEOMETRY,
  interscalene: INTERSCALENE_GEOMETRY,
  femoral: FEMORAL_GEOMETRY,
  'erector-spinae-plane': ERECTOR_SPINAE_PLANE_GEOMETRY,
  'transversus-abdominis-plane': TRANSVERSUS_ABDOMINIS_PLANE_GEOMETRY,
};

/** All sample clips, in the order of the sample registry (./index.ts). */
export const SAMPLE_GEOMETRIES: readonly SampleGeometry[] = SAMPLE_IDS.map((id) => BY_ID[id]);

/** The sample of a block, or undefined when there is none. */
export function sampleGeometry(blockId: SampleId | string): SampleGeometry | undefined {
  return SAMPLE_GEOMETRIES.find((g) => g.blockId === blockId);
}

/** A structure of a sample by id, or undefined. */
export function sampleStructure(g: SampleGeometry, id: string) {
  return g.structures.find((s) => s.id === id);
}
