/**
 * Celiac plexus block sample: transverse epigastric view below the xiphoid, curvilinear probe,
 * needle in plane from the patient's right (image left) through the left lobe of the liver to the
 * pre-aortic space at the origin of the celiac trunk (US-guided anterior approach, blocks.md §1.2).
 *
 * blocks.md §1.2: "depth: no figure found [?]; measure it from the image" — every depth and size here
 * is illustrative. The plane contains the celiac trunk rising from the aorta; its hepatic and splenic
 * branches leave the plane after a few mm, and the SMA origin (~1 cm caudal) is not in this plane.
 */
import { clipBasics, ellipseOutline, inPlaneNeedle, mmFrame, r2 } from './geometry-helpers';
import type { SampleGeometry } from './types';
import { sampleClipFile } from './index';

const MM_PER_PX = 0.35;
/** Probe face radius (mm), full sector angle (deg), imaging depth along a beam (mm): illustrative abdominal curvilinear probe. */
const PROBE = { radiusMm: 50, fovDeg: 60, depthMm: 150, frequencyMHz: 3.5 } as const;
const REFERENCE = { x: 320, y: 40 } as const;
const APEX = { x: REFERENCE.x, y: r2(REFERENCE.y - PROBE.radiusMm / MM_PER_PX) };

/** Bounding box of the sector, px (inclusive). */
function sectorBounds(): { x0: number; y0: number; x1: number; y1: number } {
  const half = ((PROBE.fovDeg / 2) * Math.PI) / 180;
  const rOut = (PROBE.radiusMm + PROBE.depthMm) / MM_PER_PX;
  const rIn = PROBE.radiusMm / MM_PER_PX;
  const apexY = REFERENCE.y - rIn;
  return {
    x0: Math.floor(REFERENCE.x - rOut * Math.sin(half)),
    x1: Math.floor(REFERENCE.x + rOut * Math.sin(half)),
    y0: Math.floor(apexY + rIn * Math.cos(half)),
    y1: Math.floor(apexY + rOut),
  };
}

const BASE = { rows: 480, columns: 640, mmPerPx: MM_PER_PX, region: sectorBounds(), reference: REFERENCE } as const;

/** Anatomy in mm (x to the image right = patient's left, y = depth below the skin at the probe centre). */
export const CELIAC_MM = {
  probe: PROBE,
  /** Radial depths (below the probe face along a beam), mm. */
  subcutBottom: 13,
  rectusBottom: 22,
  peritoneum: 23.5,
  /** Left lobe of the liver: top follows radial depth 24 mm; posterior (lower) surface, image left → the tip. */
  liverTopRadial: 24,
  liverLower: [[-78.5, 86], [-65, 86], [-45, 82], [-25, 76], [-10, 71], [5, 66], [20, 58], [35, 46], [46, 34]],
  liverTipAngleDeg: 25,
  /** Portal branches (bright walls) and a hepatic vein (no bright wall): centre x, y, radius, mm. */
  portalBranches: [[-35, 45, 3.0], [-28, 60, 2.2], [5, 40, 1.8], [-55, 70, 2.5]],
  hepaticVeins: [[-50, 58, 4.0]],
  stomach: { center: [40, 53], rx: 16, ry: 10, rotationDeg: -15, wallMm: 4.5 },
  pancreas: [[8, 66.5], [20, 65], [34, 65.5], [48, 68], [48, 77.5], [34, 76], [20, 75.5], [8, 76.5]],
  /** Echogenic retroperitoneal fat around the celiac origin. */
  celiacFat: { center: [3, 84], rx: 13, ry: 7 },
  aorta: { center: [4, 100], r: 11, pulseMm: 0.6, heartRateBpm: 75 },
  /** Celiac trunk centre line from the aortic wall anteriorly, outer radius mm; branch stubs leaving the plane. */
  celiacTrunk: { points: [[4, 89.5], [4, 80.5]], r: 3.2 },
  hepaticStub: { points: [[4, 80.5], [0, 78.5]], r: 2.4 },
  splenicStub: { points: [[4, 80.5], [8.5, 78.8]], r: 2.4 },
  ivc: { center: [-26, 94], rx: 11, ry: 7.5 },
  rightCrus: [[-13.5, 90], [-9.5, 89.5], [-7.5, 104], [-5, 116], [-10, 117], [-12.5, 104]],
  leftCrus: [[17.5, 92], [21, 93], [19, 105], [15, 117], [11, 116], [15.5, 104]],
  vertebra: { center: [0, 131], rx: 22, ry: 15 },
  target: { center: [1, 86.5], rx: 8, ry: 3.2 },
  needleEntry: [-40, -6.7],
  needleTarget: [-4, 87.5],
} as const;

const FRAME_COUNT = 60;
const FPS = 20;

/**
 * Points (mm) where beams first meet the vertebral body (an ellipse), from the left-most to the
 * right-most beam that hits it: the bright anterior cortex, and the top edge of its shadow.
 */
export function celiacVertebraFrontMm(): [number, number][] {
  const { center, rx, ry } = CELIAC_MM.vertebra;
  const R = PROBE.radiusMm;
  const half = ((PROBE.fovDeg / 2) * Math.PI) / 180;
  const ox = -center[0],
    oy = -R - center[1];
  const out: [number, number][] = [];
  const steps = 600;
  for (let k = 0; k <= steps; k++) {
    const th = -half + (2 * half * k) / steps;
    const dx = Math.sin(th),
      dy = Math.cos(th);
    const A = (dx * dx) / (rx * rx) + (dy * dy) / (ry * ry);
    const B = 2 * ((ox * dx) / (rx * rx) + (oy * dy) / (ry * ry));
    const C = (ox * ox) / (rx * rx) + (oy * oy) / (ry * ry) - 1;
    const disc = B * B - 4 * A * C;
    if (disc < 0) continue;
    const t = (-B - Math.sqrt(disc)) / (2 * A);
    out.push([t * dx, -R + t * dy]);
  }
  // keep every 10th point (and the last) so the exported outline stays small
  return out.filter((_, i) => i % 10 === 0 || i === out.length - 1);
}

function build(): SampleGeometry {
  const { p, pts } = mmFrame(BASE);
  const m = CELIAC_MM;
  const R = PROBE.radiusMm;
  const half = ((PROBE.fovDeg / 2) * Math.PI) / 180;
  /** Point at radial distance r from the apex (mm) and beam angle th (rad), in the reference mm frame. */
  const polar = (r: number, th: number): [number, number] => [r * Math.sin(th), -R + r * Math.cos(th)];
  const arc = (r: number, th0: number, th1: number, n: number) => Array.from({ length: n }, (_, k) => polar(r, th0 + ((th1 - th0) * k) / (n - 1)));
  const tipTh = (m.liverTipAngleDeg * Math.PI) / 180;
  const liver = [...pts(arc(R + m.liverTopRadial, -half, tipTh, 24)), ...pts([...m.liverLower].reverse())];
  // Vertebral body: the part of its outline the beams reach first; shadow between the outermost hit beams.
  const vbFront = celiacVertebraFrontMm();
  const apexMm = { x: 0, y: -R };
  const rOut = R + PROBE.depthMm;
  const thFirst = Math.atan2(vbFront[0]![0] - apexMm.x, vbFront[0]![1] - apexMm.y);
  const thLast = Math.atan2(vbFront[vbFront.length - 1]![0] - apexMm.x, vbFront[vbFront.length - 1]![1] - apexMm.y);
  const vbShadow = [
    ...vbFront.map(([x, y]): [number, number] => {
      const len = Math.hypot(x - apexMm.x, y - apexMm.y);
      const k = (len + 1.5) / len;
      return [apexMm.x + (x - apexMm.x) * k, apexMm.y + (y - apexMm.y) * k];
    }),
    ...arc(rOut, thLast, thFirst, 12),
  ];
  const vb = m.vertebra;
  const vbContour: [number, number][] = Array.from({ length: 48 }, (_, k) => [vb.center[0] + vb.rx * Math.cos((2 * Math.PI * k) / 48), vb.center[1] + vb.ry * Math.sin((2 * Math.PI * k) / 48)]);
  const entry = p(m.needleEntry[0], m.needleEntry[1]);
  const target = p(m.needleTarget[0], m.needleTarget[1]);
  const schedule = [[6, 0.12], [20, 0.45], [24, 0.47], [38, 0.93], [44, 1]] as const;
  const a = m.aorta;
  return {
    blockId: 'celiac-plexus',
    fileName: sampleClipFile('celiac-plexus'),
    title: 'Celiac plexus block — transverse epigastric view (synthetic)',
    view: 'transverse epigastric view below the xiphoid at the origin of the celiac trunk; needle in plane from the patient’s right through the left lobe of the liver',
    orientation: { left: "patient's right", right: "patient's left" },
    ...clipBasics(BASE, FRAME_COUNT, FPS),
    probe: { kind: 'curvilinear', frequencyMHz: PROBE.frequencyMHz, apex: { ...APEX }, radiusMm: R, fieldOfViewDeg: PROBE.fovDeg, depthMm: PROBE.depthMm },
    structures: [
      { id: 'skin', label: 'skin', role: 'landmark', shape: { kind: 'polyline', points: pts(arc(R, -half, half, 25)) }, visibleOnUs: true, note: 'follows the curved probe face' },
      { id: 'liver-left-lobe', label: 'left lobe of liver', role: 'landmark', shape: { kind: 'contour', points: liver }, visibleOnUs: true, note: 'the needle passes through it (a fine needle through the liver is accepted practice, blocks.md §1.2)' },
      { id: 'stomach', label: 'stomach', role: 'at-risk', shape: { kind: 'contour', points: ellipseOutline(p, m.stomach.center, m.stomach.rx, m.stomach.ry, m.stomach.rotationDeg) }, visibleOnUs: true },
      { id: 'pancreas', label: 'pancreas (body)', role: 'at-risk', shape: { kind: 'contour', points: pts(m.pancreas) }, visibleOnUs: true },
      { id: 'aorta', label: 'aorta', role: 'at-risk', shape: { kind: 'ellipse', center: p(a.center[0], a.center[1]), radiusX: r2(a.r / MM_PER_PX), radiusY: r2(a.r / MM_PER_PX), rotationDeg: 0 }, visibleOnUs: true, note: `22 mm diameter (illustrative); pulsates ±${a.pulseMm} mm in radius at ${a.heartRateBpm} bpm; outline is end-diastolic` },
      { id: 'celiac-trunk', label: 'celiac trunk', role: 'at-risk', shape: { kind: 'polyline', points: pts([...m.celiacTrunk.points]) }, visibleOnUs: true, note: 'centre line from the anterior aortic wall; outer diameter 6.4 mm; hepatic and splenic branches leave the plane after ~4 mm' },
      { id: 'ivc', label: 'inferior vena cava (IVC)', role: 'at-risk', shape: { kind: 'ellipse', center: p(m.ivc.center[0], m.ivc.center[1]), radiusX: r2(m.ivc.rx / MM_PER_PX), radiusY: r2(m.ivc.ry / MM_PER_PX), rotationDeg: 0 }, visibleOnUs: true },
      { id: 'right-crus', label: 'right diaphragmatic crus', role: 'landmark', shape: { kind: 'contour', points: pts(m.rightCrus) }, visibleOnUs: true },
      { id: 'left-crus', label: 'left diaphragmatic crus', role: 'landmark', shape: { kind: 'contour', points: pts(m.leftCrus) }, visibleOnUs: true },
      { id: 'vertebral-body', label: 'vertebral body', role: 'landmark', shape: { kind: 'contour', points: pts(vbContour) }, visibleOnUs: true, note: 'anterior cortex seen, 116 mm below the skin at the midline; the rest is shadow; outline indicative (ellipse 44 × 30 mm)' },
      {
        id: 'pre-aortic-space',
        label: 'pre-aortic space at the celiac origin (celiac plexus)',
        role: 'target',
        shape: { kind: 'contour', points: ellipseOutline(p, m.target.center, m.target.rx, m.target.ry, 0) },
        visibleOnUs: true,
        note: 'in front of and beside the aorta around the origin of the celiac trunk (blocks.md §1.2); the celiac trunk runs through it',
      },
    ],
    shadows: [{ id: 'vertebral-shadow', castBy: 'vertebral body', contour: pts(vbShadow) }],
    needle: inPlaneNeedle({ gauge: '22G Chiba', lengthMm: 150, direction: "patient's right to left (image left → right), anterior → posterior" }, entry, target, FRAME_COUNT, schedule),
    keyFrames: [
      { frame: 0, tag: 'scout view', note: 'aorta in cross-section with the celiac trunk rising anteriorly, IVC, crura, vertebral body, liver, stomach and pancreas' },
      { frame: 28, tag: 'needle visible', note: 'needle shaft crossing the left lobe of the liver' },
      { frame: 44, tag: 'target view', note: 'tip in the pre-aortic space beside the celiac origin, ~4 mm from the aortic wall' },
    ],
    motion: [`aortic pulsation: radius +${a.pulseMm} mm in systole at ${a.heartRateBpm} bpm`, 'speckle has a small frame-to-frame fluctuation'],
    notInView: [
      { label: 'superior mesenteric artery (SMA)', reason: 'its origin is ~1 cm caudal to the celiac trunk; tilt or slide the probe caudally, or use the sagittal view' },
      { label: 'kidneys', reason: 'posterolateral, outside this epigastric plane' },
    ],
    figures: [
      { what: 'skin to needle target (pre-aortic space)', valueMm: 87.5, source: 'illustrative (blocks.md §1.2: no depth figure found)' },
      { what: 'skin to anterior aortic wall at the midline', valueMm: 89, source: 'illustrative' },
      { what: 'aortic diameter', valueMm: 22, source: 'illustrative adult abdominal aorta' },
      { what: 'imaging depth', valueMm: PROBE.depthMm, source: 'illustrative; curvilinear 3.5 MHz (blocks.md §1.2: ~2–5 MHz [?])' },
      { what: 'probe face radius', valueMm: R, source: 'illustrative' },
    ],
  };
}

/** Ground truth of assets/samples/celiac-plexus.dcm. */
export const CELIAC_PLEXUS_GEOMETRY: SampleGeometry = build();
