/**
 * Transversus abdominis plane (TAP) block sample: transverse view at the right mid-axillary line
 * between the costal margin and the iliac crest, linear probe, needle in plane anteromedial →
 * posterolateral into the plane between internal oblique and transversus abdominis (blocks.md §1.5
 * [S10]). Left of the image is anteromedial, right is posterolateral.
 *
 * The reference gives no depth figure (blocks.md §1.5 "depth [?]"): every depth here is illustrative.
 */
import { LINEAR_CLIP_TIMING, LINEAR_NEEDLE_SCHEDULE, STILL_TISSUE_MOTION, linearSampleGeometry, type LinearSampleSpec } from './linear-sample';

const W = 23.5;
const line = (a: number, b: number, c: number) => [[-W, a], [0, b], [W, c]] as const;
const EO_TOP = line(8.2, 8.6, 9.0);
const IO_TOP = line(13.6, 14.2, 14.8);
const TA_TOP = line(23.4, 24.0, 24.6);
const TA_BOTTOM = line(28.2, 28.8, 29.4);

export const TRANSVERSUS_ABDOMINIS_PLANE_SPEC: LinearSampleSpec = {
  blockId: 'transversus-abdominis-plane',
  title: 'Transversus abdominis plane block — mid-axillary view (synthetic)',
  view: 'transverse view at the right mid-axillary line between the costal margin and the iliac crest; needle in plane anteromedial → posterolateral',
  orientation: { left: 'anteromedial', right: 'posterolateral' },
  widthMm: 47,
  depthMm: 45,
  frequencyMHz: 10,
  ...LINEAR_CLIP_TIMING,
  backgroundEcho: 0.12,
  dermisMm: 1.5,
  structures: [
    { id: 'subcutaneous-fat', label: 'subcutaneous fat', role: 'landmark', shape: { kind: 'band', top: line(1.5, 1.5, 1.5), bottom: EO_TOP }, look: { kind: 'fat' }, note: 'thickness illustrative' },
    { id: 'external-oblique', label: 'external oblique', role: 'landmark', shape: { kind: 'band', top: EO_TOP, bottom: IO_TOP }, look: { kind: 'muscle', streakAngleDeg: 4 } },
    { id: 'internal-oblique', label: 'internal oblique', role: 'landmark', shape: { kind: 'band', top: IO_TOP, bottom: TA_TOP }, look: { kind: 'muscle', echo: 0.1, streakAngleDeg: -3 }, note: 'the thickest layer here' },
    { id: 'transversus-abdominis', label: 'transversus abdominis', role: 'landmark', shape: { kind: 'band', top: TA_TOP, bottom: TA_BOTTOM }, look: { kind: 'muscle', echo: 0.07, streaks: 40, streakAngleDeg: 2 }, note: 'darkest of the three muscles' },
    { id: 'tap-plane', label: 'transversus abdominis plane', role: 'target', shape: { kind: 'outline', points: [[-W, 23.1], [0, 23.7], [W, 24.3], [W, 24.7], [0, 24.1], [-W, 23.5]] }, look: { kind: 'line', amp: 8 }, note: 'between internal oblique and transversus abdominis (T6–L1 nerves)' },
    { id: 'transversalis-fascia', label: 'transversalis fascia', role: 'landmark', shape: { kind: 'line', points: TA_BOTTOM }, look: { kind: 'line', amp: 7 } },
    { id: 'peritoneum', label: 'peritoneum', role: 'at-risk', shape: { kind: 'line', points: line(29.6, 30.2, 30.8) }, look: { kind: 'line', amp: 12 }, note: 'bowel lies deep to it: peritoneal puncture / bowel injury (blocks.md §1.5)' },
    { id: 'bowel', label: 'bowel', role: 'at-risk', shape: { kind: 'band', top: line(30.6, 31.2, 31.8), bottom: line(45, 45, 45) }, look: { kind: 'bowel' }, note: 'gas lines with shadowing; peristalsis not simulated' },
  ],
  needle: { gauge: '22G short bevel', lengthMm: 80, direction: 'anteromedial-to-posterolateral', entry: [-23, 0], target: [7.4, 24.2], schedule: LINEAR_NEEDLE_SCHEDULE },
  injection: { center: [9.5, 24.6], rx: 11, ry: 2.0, rotationDeg: 1.2, startFrame: 30, endFrame: 37, note: 'anechoic lens between internal oblique and transversus abdominis, pushing transversus abdominis deeper (outlines keep their pre-injection positions)' },
  keyFrames: [
    { frame: 0, tag: 'scout view', note: 'external oblique, internal oblique and transversus abdominis over the peritoneum and bowel' },
    { frame: 20, tag: 'needle visible', note: 'needle shaft in plane from anteromedial through external and internal oblique' },
    { frame: 27, tag: 'target view', note: 'tip in the plane between internal oblique and transversus abdominis' },
    { frame: 38, tag: 'spread of local anaesthetic', note: 'anechoic lens opening the transversus abdominis plane' },
  ],
  motion: STILL_TISSUE_MOTION,
  notInView: [
    { label: 'liver (right side)', reason: 'cranial to this view, under the costal margin' },
    { label: 'rectus abdominis / linea semilunaris', reason: 'medial to this mid-axillary view (subcostal approach)' },
  ],
  figures: [
    { what: 'skin to the transversus abdominis plane (needle target)', valueMm: 24.2, source: 'illustrative: blocks.md §1.5 gives no depth figure [?]' },
    { what: 'needle', valueMm: 80, source: 'blocks.md §1.5: 22G, 50–100 mm [S10]' },
    { what: 'imaging depth', valueMm: 45, source: 'illustrative' },
  ],
};

/** Ground truth of assets/samples/transversus-abdominis-plane.dcm. */
export const TRANSVERSUS_ABDOMINIS_PLANE_GEOMETRY = linearSampleGeometry(TRANSVERSUS_ABDOMINIS_PLANE_SPEC);
