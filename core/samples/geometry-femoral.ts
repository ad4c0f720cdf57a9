/**
 * Femoral nerve block sample: transverse view at the right femoral crease, linear probe, needle in
 * plane lateral → medial under the fascia iliaca to the femoral nerve (blocks.md §1.9 [S14]). Left of
 * the image is lateral (the nerve), right is medial (artery, then vein).
 *
 * Depths: the nerve lies 2–4 cm deep (blocks.md §1.9 "depth: 2–4 cm" [S14]); the target here is
 * 20.4 mm below the skin. Sizes and positions are illustrative.
 */
import { LINEAR_CLIP_TIMING, LINEAR_NEEDLE_SCHEDULE, linearSampleGeometry, type LinearSampleSpec } from './linear-sample';

const FASCIA_ILIACA = [[-20.9, 19.6], [-12, 18.8], [-4, 18.9], [0.6, 20.2]] as const;

export const FEMORAL_SPEC: LinearSampleSpec = {
  blockId: 'femoral',
  title: 'Femoral nerve block — transverse view at the femoral crease (synthetic)',
  view: 'transverse view at the right femoral crease, above the profunda take-off; needle in plane lateral → medial',
  orientation: { left: 'lateral', right: 'medial' },
  widthMm: 41.8,
  depthMm: 40,
  frequencyMHz: 10,
  ...LINEAR_CLIP_TIMING,
  backgroundEcho: 0.13,
  dermisMm: 1.4,
  structures: [
    { id: 'subcutaneous-fat', label: 'subcutaneous fat', role: 'landmark', shape: { kind: 'band', top: [[-20.9, 1.4], [20.9, 1.4]], bottom: [[-20.9, 6.6], [0, 7.0], [20.9, 7.4]] }, look: { kind: 'fat' }, note: 'thickness illustrative' },
    { id: 'fascia-lata', label: 'fascia lata', role: 'landmark', shape: { kind: 'line', points: [[-20.9, 6.8], [0, 7.2], [20.9, 7.6]] }, look: { kind: 'line', amp: 7 } },
    { id: 'iliopsoas', label: 'iliopsoas', role: 'landmark', shape: { kind: 'outline', points: [...FASCIA_ILIACA, [2.4, 25], [-2, 33], [-20.9, 34]] }, look: { kind: 'muscle', echo: 0.12, streakAngleDeg: 15 } },
    { id: 'fascia-iliaca', label: 'fascia iliaca', role: 'landmark', shape: { kind: 'line', points: FASCIA_ILIACA }, look: { kind: 'line', amp: 9 }, note: 'the needle tip must be deep to it' },
    { id: 'femoral-nerve', label: 'femoral nerve', role: 'target', shape: { kind: 'oval', center: [-4.8, 21.1], rx: 4.2, ry: 1.6, rotationDeg: 4 }, look: { kind: 'nerve', echogenic: true }, note: 'bright flattened oval under the fascia iliaca, lateral to the artery' },
    { id: 'femoral-artery', label: 'femoral artery', role: 'at-risk', shape: { kind: 'oval', center: [4.4, 15.6], rx: 4.4, ry: 4.2 }, look: { kind: 'vessel', artery: true, pulsePercent: 7 } },
    { id: 'femoral-vein', label: 'femoral vein', role: 'at-risk', shape: { kind: 'oval', center: [13.6, 16.6], rx: 5.4, ry: 3.8 }, look: { kind: 'vessel', artery: false }, note: 'medial to the artery' },
    { id: 'pectineus', label: 'pectineus', role: 'landmark', shape: { kind: 'outline', points: [[8, 22.5], [20.9, 22], [20.9, 34], [6, 34]] }, look: { kind: 'muscle', echo: 0.12, streakAngleDeg: -10 }, note: 'illustrative' },
    { id: 'femoral-head', label: 'femoral head / iliopectineal eminence', role: 'landmark', shape: { kind: 'outline', points: [[-20.9, 35.4], [-10, 34.2], [0, 34.6], [8, 35.8], [8, 40], [-20.9, 40]] }, look: { kind: 'bone', surfacePoints: 4 } },
  ],
  needle: { gauge: '22G short bevel', lengthMm: 80, direction: 'lateral-to-medial', entry: [-20.6, 0], target: [-8.6, 20.4], schedule: LINEAR_NEEDLE_SCHEDULE },
  injection: { center: [-4.6, 19.9], rx: 5.6, ry: 1.7, rotationDeg: 3, startFrame: 30, endFrame: 37, note: 'anechoic spread under the fascia iliaca around the nerve; outlines keep their pre-injection positions' },
  keyFrames: [
    { frame: 0, tag: 'scout view', note: 'femoral nerve lateral to the artery under the fascia iliaca, vein medial' },
    { frame: 20, tag: 'needle visible', note: 'needle shaft in plane from lateral, above the iliopsoas' },
    { frame: 27, tag: 'target view', note: 'tip under the fascia iliaca at the lateral edge of the nerve' },
    { frame: 38, tag: 'spread of local anaesthetic', note: 'anechoic spread under the fascia iliaca around the nerve' },
  ],
  motion: ['the femoral artery pulsates: lumen radius +7% over each 1 s beat'],
  notInView: [{ label: 'profunda femoris artery', reason: 'takes off caudal to this view (the block is placed above it)' }],
  figures: [
    { what: 'skin to target (under the fascia iliaca, lateral edge of the nerve)', valueMm: 20.4, source: 'blocks.md §1.9: depth 2–4 cm [S14]; value illustrative within it' },
    { what: 'needle', valueMm: 80, source: 'blocks.md §1.9: 22G, 50–100 mm [S14]' },
    { what: 'imaging depth', valueMm: 40, source: 'illustrative' },
  ],
};

/** Ground truth of assets/samples/femoral.dcm. */
export const FEMORAL_GEOMETRY = linearSampleGeometry(FEMORAL_SPEC);
