/**
 * Thoracic paravertebral block sample: transverse intercostal view at the tip of the transverse
 * process (TP), linear probe, needle in plane lateral → medial (blocks.md §1.1, view (a)).
 *
 * Anatomy is defined here in millimetres (x to the image right = lateral, y = depth below the skin at
 * the probe centre) and exported in px. Depth figures:
 *  - Target (centre of the paravertebral space) 52 mm below the skin and ~1.5 cm beyond the TP's
 *    posterior surface (37 mm): blocks.md §1.1 "landmark series median skin-to-space depth ~55 mm … The
 *    space is ~1–2 cm beyond the TP" [S4, S6]. The exact values here are illustrative within that.
 *  - Layer thicknesses (subcutaneous, trapezius, rhomboid, erector spinae) are illustrative.
 */
import { clipBasics, ellipseOutline, inPlaneNeedle, mmFrame, r2 } from './geometry-helpers';
import type { SampleGeometry } from './types';
import { sampleClipFile } from './index';

/** Image layout: 640 × 480 px, 0.15 mm/px; calibrated region 320 × 460 px = 48 mm wide × 69 mm deep. */
const BASE = {
  rows: 480,
  columns: 640,
  mmPerPx: 0.15,
  region: { x0: 160, y0: 20, x1: 479, y1: 479 },
  reference: { x: 320, y: 20 },
} as const;

/** The anatomy in mm; the scene painter (scene-thoracic-paravertebral.ts) draws from these same numbers. */
export const TPVB_MM = {
  xLeft: -24,
  xRight: 24,
  depth: 69,
  /** Bottom of the dermis (bright skin band), mm. */
  dermis: 1.5,
  subcutBottom: [[-24, 7.0], [0, 7.3], [24, 7.6]],
  trapeziusBottom: [[-24, 12.2], [0, 12.6], [24, 13.0]],
  rhomboidBottom: [[-24, 18.6], [0, 19.0], [24, 19.6]],
  /** Deep border of erector spinae; medially it lies on the TP. */
  erectorBottom: [[-24, 37.5], [-16, 37.0], [-13.4, 37.6], [-11.6, 37.4], [-8, 35.6], [0, 33.4], [12, 31.4], [24, 30.4]],
  /** Fascial plane between external and internal intercostal muscles (lateral to the TP tip). */
  intercostalFascia: [[-11.5, 40.0], [-4, 41.5], [6, 43.0], [16, 44.6], [24, 45.8]],
  /** TP outline: posterior (top) surface then the rounded tip and the anterior surface. */
  transverseProcess: [
    [-24, 37.6], [-20, 37.1], [-16, 37.0], [-13.6, 37.6], [-12.4, 38.8], [-11.9, 40.2],
    [-12.1, 41.5], [-12.8, 42.4], [-16, 43.2], [-20, 43.6], [-24, 44.0],
  ],
  /** Internal intercostal membrane, continuous medially with the superior costotransverse ligament. */
  iim: [[-12.6, 42.9], [-5, 46.9], [3, 51.0], [10, 54.9]],
  /** Parietal pleura, lateral → medial (it dives under the TP shadow medially). */
  pleura: [
    [24, 55.4], [17, 55.5], [10, 55.8], [4, 56.1], [0, 56.5], [-4, 57.0], [-8, 57.7], [-12, 58.9], [-16, 60.6], [-20, 62.6], [-24, 65.0],
  ],
  /** Visible part of the paravertebral space: IIM above, pleura below, TP shadow edge medially. */
  paravertebralSpace: [[-11.9, 43.1], [-5, 46.9], [3, 51.0], [10, 54.9], [10, 55.8], [4, 56.1], [0, 56.5], [-4, 57.0], [-8, 57.7], [-11.9, 58.85]],
  /** Lateral edge of the TP's acoustic shadow (the TP tip), mm. */
  shadowEdgeX: -11.9,
  needleEntry: [23.4, 0],
  needleTarget: [-9.5, 52.0],
  /** Local anaesthetic pocket: centre, final semi-axes, rotation (along the IIM), frames. */
  spread: { center: [-6.0, 52.6], rx: 11, ry: 3.8, rotationDeg: 27.8, startFrame: 46, endFrame: 56 },
  /** Pleural displacement by the injection: Gaussian along x, mm. */
  pleuralPush: { centerX: -5, sigmaX: 8, maxMm: 3.0 },
  /** Lung sliding: lateral shift amplitude (mm) and breathing period (s). */
  sliding: { amplitudeMm: 1.5, periodS: 3.0 },
} as const;

const FRAME_COUNT = 60;
const FPS = 20;

function build(): SampleGeometry {
  const { p, pts } = mmFrame(BASE);
  const m = TPVB_MM;
  const layer = (top: readonly (readonly [number, number])[], bottom: readonly (readonly [number, number])[]) => [...pts(top), ...pts([...bottom].reverse())];
  const flat = (y: number) => [[m.xLeft, y], [m.xRight, y]] as const;
  const entry = p(m.needleEntry[0], m.needleEntry[1]);
  const target = p(m.needleTarget[0], m.needleTarget[1]);
  const schedule = [[8, 0.03], [18, 0.36], [22, 0.38], [32, 0.86], [35, 0.87], [40, 1]] as const;
  // Final LA pocket outline (rotated ellipse), px.
  const s = m.spread;
  const pocket = ellipseOutline(p, s.center, s.rx, s.ry, s.rotationDeg);
  const tpTop = m.transverseProcess.slice(0, 6);
  return {
    blockId: 'thoracic-paravertebral',
    fileName: sampleClipFile('thoracic-paravertebral'),
    title: 'Thoracic paravertebral block — transverse intercostal view (synthetic)',
    view: 'transverse intercostal view at the tip of the transverse process, mid-thoracic level; needle in plane lateral → medial',
    orientation: { left: 'medial (towards the spinous process)', right: 'lateral' },
    ...clipBasics(BASE, FRAME_COUNT, FPS),
    probe: { kind: 'linear', frequencyMHz: 10, footprintMm: 48, depthMm: 69 },
    structures: [
      { id: 'skin', label: 'skin', role: 'landmark', shape: { kind: 'polyline', points: pts(flat(0)) }, visibleOnUs: true },
      { id: 'trapezius', label: 'trapezius', role: 'landmark', shape: { kind: 'contour', points: layer(m.subcutBottom, m.trapeziusBottom) }, visibleOnUs: true, note: 'thickness illustrative' },
      { id: 'rhomboid-major', label: 'rhomboid major', role: 'landmark', shape: { kind: 'contour', points: layer(m.trapeziusBottom, m.rhomboidBottom) }, visibleOnUs: true, note: 'present above ~T5–T7 (blocks.md §1.4); thickness illustrative' },
      { id: 'erector-spinae', label: 'erector spinae', role: 'landmark', shape: { kind: 'contour', points: layer(m.rhomboidBottom, m.erectorBottom) }, visibleOnUs: true, note: 'lies on the TP medially' },
      {
        id: 'transverse-process',
        label: 'transverse process (TP)',
        role: 'landmark',
        shape: { kind: 'contour', points: pts(m.transverseProcess) },
        visibleOnUs: true,
        note: 'only the posterior cortex (top line) is seen; everything deep to it is acoustic shadow. Posterior surface 37 mm below the skin',
      },
      { id: 'intercostal-muscles', label: 'external and internal intercostal muscles', role: 'landmark', shape: { kind: 'contour', points: [...pts(m.erectorBottom.slice(3)), ...pts([...m.pleura.slice(0, 2)]), ...pts([...m.iim].reverse())] }, visibleOnUs: true },
      {
        id: 'internal-intercostal-membrane',
        label: 'internal intercostal membrane / superior costotransverse ligament',
        role: 'landmark',
        shape: { kind: 'polyline', points: pts(m.iim) },
        visibleOnUs: true,
        note: 'roof of the paravertebral space; the needle passes through it',
      },
      {
        id: 'pleura',
        label: 'parietal pleura',
        role: 'at-risk',
        shape: { kind: 'polyline', points: pts(m.pleura) },
        visibleOnUs: true,
        note: 'pneumothorax risk (blocks.md §1.1). 55.8 mm below the skin at 10 mm lateral to the probe centre, deeper medially where it passes under the TP shadow; slides with breathing',
      },
      {
        id: 'paravertebral-space',
        label: 'paravertebral space',
        role: 'target',
        shape: { kind: 'contour', points: pts(m.paravertebralSpace) },
        visibleOnUs: true,
        note: 'wedge deep to the IIM/SCTL and superficial to the pleura (blocks.md §1.1); centre ~52 mm below the skin',
      },
    ],
    shadows: [
      {
        id: 'tp-shadow',
        castBy: 'transverse process',
        contour: pts([...tpTop.map(([x, y]) => [x, y + 1.2] as const), [m.shadowEdgeX, 41.4], [m.shadowEdgeX, m.depth], [m.xLeft, m.depth]]),
      },
    ],
    needle: inPlaneNeedle({ gauge: '22G Tuohy', lengthMm: 80, direction: 'lateral-to-medial' }, entry, target, FRAME_COUNT, schedule),
    keyFrames: [
      { frame: 0, tag: 'scout view', note: 'TP with its shadow medially, IIM and pleura laterally, paravertebral wedge between them' },
      { frame: 27, tag: 'needle visible', note: 'needle shaft in plane crossing the intercostal muscles' },
      { frame: 40, tag: 'target view', note: 'tip through the IIM in the paravertebral space, ~6 mm above the pleura' },
      { frame: 57, tag: 'spread of local anaesthetic', note: 'anechoic spread in the space with the pleura pushed anteriorly (the endpoint, blocks.md §1.1)' },
    ],
    injection: {
      startFrame: s.startFrame,
      endFrame: s.endFrame,
      finalContour: pocket,
      maxPleuralDisplacementMm: m.pleuralPush.maxMm,
      note: 'the pleura moves away from the probe by up to 3 mm (Gaussian, σ 8 mm, centred 5 mm medial to the probe centre); structure outlines keep their pre-injection positions',
    },
    motion: [
      `lung sliding: the pleural line's texture and the artefact texture below it shift laterally by ±${m.sliding.amplitudeMm} mm over one ${m.sliding.periodS} s breath, with frame-to-frame shimmer`,
      'speckle elsewhere is stable with a small frame-to-frame fluctuation (electronic noise and 6% scatterer renewal)',
    ],
    notInView: [
      { label: 'intercostal vessels', reason: 'run within the space; identify them with colour Doppler, which this sample does not simulate' },
      { label: 'intervertebral foramen / epidural space', reason: 'medial to the TP tip, inside its acoustic shadow' },
      { label: 'sympathetic chain', reason: 'anterior to the space, medial under the TP shadow; not resolved on ultrasound' },
      { label: 'spinous process and lamina', reason: 'medial to this field of view' },
    ],
    figures: [
      { what: 'skin to centre of the paravertebral space (needle target)', valueMm: 52, source: 'blocks.md §1.1: median skin-to-space depth ~55 mm (landmark series, S6); value here illustrative within it' },
      { what: 'skin to posterior surface of the TP', valueMm: 37, source: 'illustrative; set so the target lies ~1.5 cm beyond the TP (blocks.md §1.1: "space ~1–2 cm beyond the TP")' },
      { what: 'skin to parietal pleura, 10 mm lateral to the probe centre', valueMm: 55.8, source: 'illustrative' },
      { what: 'target to pleura (vertical)', valueMm: r2(58.15 - 52), source: 'illustrative' },
      { what: 'imaging depth', valueMm: 69, source: 'illustrative' },
      { what: 'probe footprint', valueMm: 48, source: 'illustrative; linear probe ~6–13 MHz per blocks.md §1.1 (10 MHz here)' },
    ],
  };
}

/** Ground truth of assets/samples/thoracic-paravertebral.dcm. */
export const THORACIC_PARAVERTEBRAL_GEOMETRY: SampleGeometry = build();
