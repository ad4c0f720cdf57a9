/**
 * Ganglion impar block sample: longitudinal midline view over the sacrococcygeal junction (SCJ),
 * linear probe, needle in plane caudal → cranial through the joint (trans-sacrococcygeal route,
 * blocks.md §1.3).
 *
 * blocks.md gives no depth figure ("shallow; tip a few mm beyond the front of the SCJ [?]"), so every
 * depth here is illustrative. Structures in front of the bone (the ganglion, the rectum) lie in the
 * acoustic shadow and cannot be seen on ultrasound (blocks.md §1.3); they are exported with
 * `visibleOnUs: false` at indicative positions.
 *
 * The joint cleft is oblique (it runs deep and cranial), and the needle is aligned with it; its
 * centre line is x = 1.2 − 0.537·(y − 14.5) mm for 14.5 ≤ y ≤ 24 mm, half-width 1.5 mm along x.
 */
import { clipBasics, ellipseOutline, inPlaneNeedle, mmFrame } from './geometry-helpers';
import type { SampleGeometry } from './types';
import { sampleClipFile } from './index';

/** Image layout: 640 × 480 px, 0.08 mm/px; calibrated region 480 × 440 px = 38.4 mm wide × 35.2 mm deep. */
const BASE = {
  rows: 480,
  columns: 640,
  mmPerPx: 0.08,
  region: { x0: 80, y0: 20, x1: 559, y1: 459 },
  reference: { x: 320, y: 20 },
} as const;

const CLEFT = { x0: 1.2, y0: 14.5, y1: 24.0, slope: -0.537, halfWidth: 1.5 } as const;
const cleftX = (y: number) => CLEFT.x0 + CLEFT.slope * (y - CLEFT.y0);

/** Anatomy in mm; the scene painter draws from these same numbers. */
export const GI_MM = {
  xLeft: -19.2,
  xRight: 19.2,
  depth: 35.2,
  dermis: 1.2,
  cleft: CLEFT,
  /** Dorsal cortex of the lower sacrum, cranial → caudal, ending at the joint. */
  sacrumDorsal: [[-19.2, 10.2], [-14, 11.0], [-9, 12.1], [-5, 13.2], [-2, 14.0], [-0.9, 14.25], [cleftX(14.5) - 1.5, 14.6]],
  /** Ventral cortex of the sacrum (not visible: in the shadow). */
  sacrumVentral: [[-19.2, 21.5], [-10, 23.0], [cleftX(24) - 1.5, 24.0]],
  /** Dorsal cortex of the coccyx, from the joint caudally; a small notch marks the first intercoccygeal joint at x ≈ 11 mm. */
  coccyxDorsal: [[cleftX(14.5) + 1.5, 15.1], [3.3, 14.85], [6, 15.5], [10.4, 16.5], [11.0, 16.95], [11.6, 16.7], [14, 17.6], [19.2, 19.4]],
  coccyxVentral: [[cleftX(24) + 1.5, 24.0], [5, 25.0], [12, 26.3], [19.2, 28.0]],
  /** Dorsal sacrococcygeal ligament bridging the joint, just superficial to the bone. */
  ligament: [[-7, 12.0], [-2, 13.15], [1.2, 13.6], [4, 14.0], [8, 14.8]],
  needleEntry: [9.0, 0],
  needleTarget: [-5.6, 27.2],
  ganglion: { center: [-5.6, 27.4], rx: 3.5, ry: 1.8 },
  rectum: [[-14, 31.8], [0, 31.0], [12, 32.4], [12, 35.0], [-14, 35.0]],
} as const;

const FRAME_COUNT = 50;
const FPS = 25;

function build(): SampleGeometry {
  const { p, pts } = mmFrame(BASE);
  const m = GI_MM;
  const entry = p(m.needleEntry[0], m.needleEntry[1]);
  const target = p(m.needleTarget[0], m.needleTarget[1]);
  const schedule = [[5, 0.03], [16, 0.4], [20, 0.44], [26, 0.47], [34, 0.92], [38, 1]] as const;
  const cl = m.cleft;
  const cleftPoly = pts([
    [cleftX(cl.y0) - cl.halfWidth, cl.y0],
    [cleftX(cl.y0) + cl.halfWidth, cl.y0],
    [cleftX(cl.y1) + cl.halfWidth, cl.y1],
    [cleftX(cl.y1) - cl.halfWidth, cl.y1],
  ]);
  const sacrum = pts([...m.sacrumDorsal, [cleftX(cl.y1) - cl.halfWidth, cl.y1], ...[...m.sacrumVentral].reverse().slice(1)]);
  const coccyx = pts([...m.coccyxDorsal, ...[...m.coccyxVentral].reverse(), [cleftX(cl.y0) + cl.halfWidth, cl.y0]]);
  const g = m.ganglion;
  const ganglion = ellipseOutline(p, g.center, g.rx, g.ry, 0, 24);
  // Shadow under the coccyx starts, for beams in the joint opening, where the beam meets the cleft's caudal wall.
  const xl = cleftX(cl.y0) - cl.halfWidth;
  const xr = cleftX(cl.y0) + cl.halfWidth;
  const windowBottom = cl.y0 + (xr - xl) / -cl.slope;
  return {
    blockId: 'ganglion-impar',
    fileName: sampleClipFile('ganglion-impar'),
    title: 'Ganglion impar block — longitudinal sacrococcygeal view (synthetic)',
    view: 'longitudinal (sagittal) midline view over the sacrococcygeal junction; needle in plane caudal → cranial through the joint',
    orientation: { left: 'cranial (sacrum)', right: 'caudal (coccyx)' },
    ...clipBasics(BASE, FRAME_COUNT, FPS),
    probe: { kind: 'linear', frequencyMHz: 10, footprintMm: 38.4, depthMm: 35.2 },
    structures: [
      { id: 'skin', label: 'skin', role: 'landmark', shape: { kind: 'polyline', points: pts([[m.xLeft, 0], [m.xRight, 0]]) }, visibleOnUs: true },
      {
        id: 'sacrum',
        label: 'sacrum',
        role: 'landmark',
        shape: { kind: 'contour', points: sacrum },
        visibleOnUs: true,
        note: 'only the dorsal cortex is seen (bright line, 10–14 mm deep); the ventral outline is indicative',
      },
      {
        id: 'coccyx',
        label: 'coccyx',
        role: 'landmark',
        shape: { kind: 'contour', points: coccyx },
        visibleOnUs: true,
        note: 'dorsal cortex seen; small notch at the first intercoccygeal joint; ventral outline indicative',
      },
      {
        id: 'sacrococcygeal-junction',
        label: 'sacrococcygeal junction (SCJ)',
        role: 'landmark',
        shape: { kind: 'contour', points: cleftPoly },
        visibleOnUs: true,
        note: 'hypoechoic cleft between the bright sacral and coccygeal cortices; dorsal opening 14.5 mm below the skin; only its first ~2 mm are in view, the rest lies in the shadow',
      },
      { id: 'sacrococcygeal-ligament', label: 'dorsal sacrococcygeal ligament', role: 'landmark', shape: { kind: 'polyline', points: pts(m.ligament) }, visibleOnUs: true },
      {
        id: 'ganglion-impar',
        label: 'ganglion impar (retroperitoneal space in front of the SCJ)',
        role: 'target',
        shape: { kind: 'contour', points: ganglion },
        visibleOnUs: false,
        note: 'in front of the SCJ (blocks.md §1.3), inside the acoustic shadow: not visible on ultrasound; confirm with fluoroscopy (lateral view shows depth)',
      },
      {
        id: 'rectum',
        label: 'rectum (posterior wall and beyond)',
        role: 'at-risk',
        shape: { kind: 'contour', points: pts(m.rectum) },
        visibleOnUs: false,
        note: 'directly in front of the coccyx (blocks.md §1.3: perforation, infection); position and the ~4 mm gap to the target are illustrative; not visible on ultrasound',
      },
    ],
    shadows: [
      {
        id: 'sacrum-shadow',
        castBy: 'sacrum',
        contour: pts([...m.sacrumDorsal.map(([x, y]) => [x, y + 0.8] as const), [xl, m.depth], [m.xLeft, m.depth]]),
      },
      {
        id: 'coccyx-shadow',
        castBy: 'coccyx',
        contour: pts([[xl, windowBottom], ...m.coccyxDorsal.map(([x, y]) => [x, y + 0.8] as const), [m.xRight, m.depth], [xl, m.depth]]),
      },
    ],
    needle: inPlaneNeedle({ gauge: '22G spinal', lengthMm: 90, direction: 'caudal-to-cranial' }, entry, target, FRAME_COUNT, schedule),
    keyFrames: [
      { frame: 0, tag: 'scout view', note: 'sacral and coccygeal cortices with the hypoechoic SCJ cleft between them' },
      { frame: 22, tag: 'needle visible', note: 'needle at the dorsal sacrococcygeal ligament, aligned with the joint' },
      { frame: 38, tag: 'target view', note: 'needle through the joint; the tip beyond the ventral SCJ is in the acoustic shadow, so confirm depth with fluoroscopy' },
    ],
    motion: ['none besides the needle; speckle has a small frame-to-frame fluctuation'],
    notInView: [
      { label: 'sacral hiatus and cornua', reason: 'cranial to this field of view (slide the probe cranially; transverse view shows the cornua)' },
    ],
    figures: [
      { what: 'skin to dorsal opening of the SCJ', valueMm: 14.5, source: 'illustrative (blocks.md §1.3 gives no depth)' },
      { what: 'SCJ dorsal to ventral (bone thickness at the joint)', valueMm: 9.5, source: 'illustrative' },
      { what: 'needle tip beyond the ventral surface of the SCJ', valueMm: 3.2, source: 'blocks.md §1.3: "tip a few mm beyond the front of the SCJ [?]"; value illustrative' },
      { what: 'imaging depth', valueMm: 35.2, source: 'illustrative; linear 10 MHz (blocks.md §1.3: 5–12 or 10–12 MHz)' },
    ],
  };
}

/** Ground truth of assets/samples/ganglion-impar.dcm. */
export const GANGLION_IMPAR_GEOMETRY: SampleGeometry = build();
