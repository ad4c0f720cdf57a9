/**
 * Interscalene brachial plexus block sample: transverse view of the right side of the neck at C6,
 * linear probe, needle in plane lateral → medial through the middle scalene to the C5/C6 roots
 * (blocks.md §1.7 [S12]). Right of the image is lateral, left is medial (towards the carotid).
 *
 * Depths: the roots lie 1–3 cm deep (blocks.md §1.7 "depth: 1–3 cm" [S12]); the target here is
 * 14.6 mm below the skin. Positions and sizes of the muscles and vessels are illustrative.
 */
import { LINEAR_CLIP_TIMING, linearSampleGeometry, type LinearSampleSpec } from './linear-sample';

const STRAIGHT = (y: number, w = 16) => [[-w, y], [w, y]] as const;

export const INTERSCALENE_SPEC: LinearSampleSpec = {
  blockId: 'interscalene',
  title: 'Interscalene brachial plexus block — transverse view at C6 (synthetic)',
  view: 'transverse view of the right neck at C6, 3–4 cm above the clavicle; needle in plane lateral → medial',
  orientation: { left: 'medial (carotid, trachea)', right: 'lateral' },
  widthMm: 32,
  depthMm: 36.8,
  frequencyMHz: 12,
  ...LINEAR_CLIP_TIMING,
  backgroundEcho: 0.12,
  dermisMm: 1.2,
  structures: [
    { id: 'subcutaneous-fat', label: 'subcutaneous tissue and platysma', role: 'landmark', shape: { kind: 'band', top: STRAIGHT(1.2), bottom: [[-16, 3.6], [0, 3.9], [16, 4.2]] }, look: { kind: 'fat' }, note: 'thickness illustrative' },
    { id: 'sternocleidomastoid', label: 'sternocleidomastoid', role: 'landmark', shape: { kind: 'outline', points: [[-16, 3.8], [-8, 3.9], [0, 4.4], [3, 5.6], [0, 7.4], [-8, 8.4], [-16, 8.8]] }, look: { kind: 'muscle', echo: 0.14, streakAngleDeg: 5 }, note: 'tapers laterally over the scalenes' },
    { id: 'ijv', label: 'internal jugular vein', role: 'at-risk', shape: { kind: 'oval', center: [-11.2, 11.6], rx: 3.6, ry: 2.2, rotationDeg: -10 }, look: { kind: 'vessel', artery: false } },
    { id: 'carotid', label: 'common carotid artery', role: 'at-risk', shape: { kind: 'oval', center: [-12.4, 17.6], rx: 3.0, ry: 3.0 }, look: { kind: 'vessel', artery: true, pulsePercent: 7 } },
    { id: 'anterior-scalene', label: 'anterior scalene', role: 'landmark', shape: { kind: 'oval', center: [-4.4, 15.2], rx: 3.4, ry: 4.2, rotationDeg: 10 }, look: { kind: 'muscle', echo: 0.1, streaks: 30, streakAngleDeg: 70 } },
    { id: 'middle-scalene', label: 'middle scalene', role: 'landmark', shape: { kind: 'outline', points: [[5.6, 10.4], [10, 9.4], [16, 9.6], [16, 24], [10, 24.6], [5.2, 22.2], [4.2, 16.5]] }, look: { kind: 'muscle', echo: 0.11, streakAngleDeg: 60 } },
    { id: 'phrenic-nerve', label: 'phrenic nerve', role: 'at-risk', shape: { kind: 'oval', center: [-5.6, 10.4], rx: 0.9, ry: 0.7 }, look: { kind: 'nerve', echogenic: false }, note: 'on the anterior surface of the anterior scalene: hemidiaphragmatic paresis (blocks.md §1.7)' },
    { id: 'c5-root', label: 'C5 root', role: 'target', shape: { kind: 'oval', center: [0.6, 12.6], rx: 1.5, ry: 1.4 }, look: { kind: 'nerve', echogenic: false }, note: 'hypoechoic round root between the scalenes' },
    { id: 'c6-root', label: 'C6 root', role: 'target', shape: { kind: 'oval', center: [1.0, 16.9], rx: 1.7, ry: 1.6 }, look: { kind: 'nerve', echogenic: false } },
    { id: 'prevertebral-fascia', label: 'prevertebral fascia', role: 'landmark', shape: { kind: 'line', points: [[-16, 24.8], [-6, 23.6], [4, 24.6], [16, 25.8]] }, look: { kind: 'line', amp: 7 } },
    { id: 'c6-transverse-process', label: 'C6 transverse process (posterior tubercle)', role: 'landmark', shape: { kind: 'outline', points: [[-2, 27.6], [2, 26.6], [7, 26.8], [10, 28.2], [10, 31], [-2, 31]] }, look: { kind: 'bone', surfacePoints: 4 } },
    { id: 'vertebral-artery', label: 'vertebral artery', role: 'at-risk', shape: { kind: 'oval', center: [-8.6, 29.4], rx: 2.1, ry: 2.0 }, look: { kind: 'vessel', artery: true, pulsePercent: 6 }, note: 'deep and medial; injection risk (blocks.md §1.7)' },
  ],
  needle: { gauge: '22G short bevel', lengthMm: 50, direction: 'lateral-to-medial', entry: [15.6, 0], target: [3.3, 14.7], schedule: [[5, 0.04], [14, 0.4], [17, 0.42], [24, 0.9], [27, 1]] },
  injection: { center: [1.6, 14.8], rx: 3.4, ry: 2.3, rotationDeg: 75, startFrame: 30, endFrame: 37, note: 'anechoic local anaesthetic between the scalenes, around the C5 and C6 roots; outlines keep their pre-injection positions' },
  keyFrames: [
    { frame: 0, tag: 'scout view', note: 'C5 and C6 roots as hypoechoic circles between the anterior and middle scalene, carotid and IJV medially' },
    { frame: 20, tag: 'needle visible', note: 'needle shaft in plane crossing the middle scalene from lateral' },
    { frame: 27, tag: 'target view', note: 'tip between the scalenes, lateral to the C5/C6 roots and outside them' },
    { frame: 38, tag: 'spread of local anaesthetic', note: 'anechoic spread around the roots between the scalene muscles' },
  ],
  motion: ['the carotid and vertebral arteries pulsate: lumen radius +7% / +6% over each 1 s beat'],
  notInView: [
    { label: 'recurrent laryngeal nerve', reason: 'medial, beside the trachea, outside this field of view' },
    { label: 'first rib / lung apex', reason: 'caudal to this C6 view (seen from the supraclavicular view)' },
    { label: 'dorsal scapular and long thoracic nerves', reason: 'within the middle scalene, not resolved here; the needle path crosses the muscle' },
  ],
  figures: [
    { what: 'skin to target (lateral to the C5/C6 roots)', valueMm: 14.7, source: 'blocks.md §1.7: depth 1–3 cm [S12]; value illustrative within it' },
    { what: 'needle', valueMm: 50, source: 'blocks.md §1.7: 22G, 50 mm, short bevel [S12]' },
    { what: 'imaging depth', valueMm: 36.8, source: 'illustrative; linear 10–14 MHz per blocks.md §1.7 (12 MHz here)' },
  ],
};

/** Ground truth of assets/samples/interscalene.dcm. */
export const INTERSCALENE_GEOMETRY = linearSampleGeometry(INTERSCALENE_SPEC);
