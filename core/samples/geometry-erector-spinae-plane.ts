/**
 * Erector spinae plane block sample: parasagittal view ~3 cm lateral to the T5 spinous process over
 * the transverse processes (TPs), linear probe, needle in plane cranial → caudal onto the tip of a TP
 * (blocks.md §1.4 [S9]). Left of the image is cranial, right is caudal.
 *
 * The reference gives no depth figure (blocks.md §1.4 "depth: no figure found [?]"): every depth here
 * is illustrative. Trapezius, rhomboid major (present above ~T5–T7) and erector spinae lie over flat,
 * square TPs; the pleura is seen deep between the TPs.
 */
import { LINEAR_CLIP_TIMING, LINEAR_NEEDLE_SCHEDULE, STILL_TISSUE_MOTION, linearSampleGeometry, type LinearSampleSpec } from './linear-sample';

const W = 25;
const ES_BOTTOM = [[-W, 30.4], [-17, 29.6], [-8, 29.6], [-2, 31.2], [4, 31.2], [6, 29.6], [15, 29.6], [W, 30.4]] as const;

export const ERECTOR_SPINAE_PLANE_SPEC: LinearSampleSpec = {
  blockId: 'erector-spinae-plane',
  title: 'Erector spinae plane block — parasagittal view over the T5 transverse processes (synthetic)',
  view: 'parasagittal view ~3 cm lateral to the midline at T5, over the transverse processes; needle in plane cranial → caudal',
  orientation: { left: 'cranial', right: 'caudal' },
  widthMm: 50,
  depthMm: 48,
  frequencyMHz: 10,
  ...LINEAR_CLIP_TIMING,
  backgroundEcho: 0.12,
  dermisMm: 1.5,
  structures: [
    { id: 'subcutaneous-fat', label: 'subcutaneous fat', role: 'landmark', shape: { kind: 'band', top: [[-W, 1.5], [W, 1.5]], bottom: [[-W, 6.2], [0, 6.5], [W, 6.8]] }, look: { kind: 'fat' }, note: 'thickness illustrative' },
    { id: 'trapezius', label: 'trapezius', role: 'landmark', shape: { kind: 'band', top: [[-W, 6.2], [0, 6.5], [W, 6.8]], bottom: [[-W, 11.4], [0, 11.8], [W, 12.2]] }, look: { kind: 'muscle', streakAngleDeg: 0 }, note: 'thickness illustrative' },
    { id: 'rhomboid-major', label: 'rhomboid major', role: 'landmark', shape: { kind: 'band', top: [[-W, 11.4], [0, 11.8], [W, 12.2]], bottom: [[-W, 17.2], [0, 17.6], [W, 18.2]] }, look: { kind: 'muscle', echo: 0.13, streakAngleDeg: -6 }, note: 'present above ~T5–T7 (blocks.md §1.4); thickness illustrative' },
    { id: 'erector-spinae', label: 'erector spinae', role: 'landmark', shape: { kind: 'band', top: [[-W, 17.2], [0, 17.6], [W, 18.2]], bottom: ES_BOTTOM }, look: { kind: 'muscle', echo: 0.14, streakAngleDeg: 2 }, note: 'the block lifts it off the TPs' },
    { id: 'intertransverse-tissue', label: 'intertransverse ligaments and muscles', role: 'landmark', shape: { kind: 'outline', points: [[-8, 29.8], [-2, 31.4], [4, 31.4], [6, 29.8], [6, 41.2], [-8, 41.6]] }, look: { kind: 'muscle', echo: 0.1, streaks: 12, streakAngleDeg: 10 } },
    { id: 'pleura', label: 'pleura', role: 'at-risk', shape: { kind: 'line', points: [[-8, 41.8], [-1, 41.4], [6, 41.4]] }, look: { kind: 'line', amp: 20, airBelow: true }, note: 'seen only between the TPs; pneumothorax if the needle strays between them (blocks.md §1.4)' },
    { id: 'transverse-process-t5', label: 'transverse process (T5)', role: 'landmark', shape: { kind: 'outline', points: [[-17, 29.8], [-8, 29.8], [-8, 36], [-17, 36]] }, look: { kind: 'bone', surfacePoints: 2 }, note: 'flat, square top: a TP, not a rib (a rib is round with pleura deep to it)' },
    { id: 'transverse-process-t6', label: 'transverse process (T6)', role: 'landmark', shape: { kind: 'outline', points: [[6, 29.8], [15, 29.8], [15, 36], [6, 36]] }, look: { kind: 'bone', surfacePoints: 2 } },
    { id: 'erector-spinae-plane', label: 'erector spinae plane (on the T6 TP)', role: 'target', shape: { kind: 'outline', points: [[6, 29.6], [15, 29.6], [15, 29.1], [6, 29.1]] }, look: { kind: 'plane' }, note: 'the plane deep to erector spinae, on the TP' },
  ],
  needle: { gauge: '22G short bevel', lengthMm: 80, direction: 'cranial-to-caudal', entry: [-24.6, 0], target: [8.4, 29.3], schedule: LINEAR_NEEDLE_SCHEDULE },
  injection: { center: [4, 27.9], rx: 13, ry: 1.8, rotationDeg: 0, startFrame: 30, endFrame: 37, note: 'linear anechoic spread cranially and caudally deep to erector spinae, lifting it off the TPs (the endpoint, blocks.md §1.4); outlines keep their pre-injection positions' },
  keyFrames: [
    { frame: 0, tag: 'scout view', note: 'three muscle layers over two flat, square TPs; pleura deep between them' },
    { frame: 20, tag: 'needle visible', note: 'needle shaft in plane from cranial through trapezius, rhomboid and erector spinae' },
    { frame: 27, tag: 'target view', note: 'tip on the T6 TP deep to erector spinae' },
    { frame: 38, tag: 'spread of local anaesthetic', note: 'linear spread deep to erector spinae lifting the muscle off the TPs' },
  ],
  motion: STILL_TISSUE_MOTION,
  notInView: [
    { label: 'rib', reason: 'lateral to this parasagittal plane (round, with pleura deep to it)' },
    { label: 'neuraxis', reason: 'medial to this plane' },
  ],
  figures: [
    { what: 'skin to the TP surface (needle target)', valueMm: 29.3, source: 'illustrative: blocks.md §1.4 gives no depth figure [?]' },
    { what: 'needle', valueMm: 80, source: 'blocks.md §1.4: 22G, 5–10 cm, short bevel [S9]' },
    { what: 'imaging depth', valueMm: 48, source: 'illustrative' },
  ],
};

/** Ground truth of assets/samples/erector-spinae-plane.dcm. */
export const ERECTOR_SPINAE_PLANE_GEOMETRY = linearSampleGeometry(ERECTOR_SPINAE_PLANE_SPEC);
