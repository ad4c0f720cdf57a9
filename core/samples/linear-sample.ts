/**
 * Linear-probe samples described as data (issue 20 item 7): the interscalene, femoral, erector spinae
 * plane and TAP samples are each a `LinearSampleSpec` in millimetres — tissue bands, outlined
 * structures, nerves and vessels, bone, fascial lines, the needle's schedule and the injection — from
 * which `linearSampleGeometry` derives the ground truth (core/samples/types SampleGeometry, in px) and
 * scene-linear.ts paints the clip. One spec feeds both, so the image and the numbers agree.
 *
 * Millimetres: x to the image right, y = depth below the skin at the probe centre (./types).
 * Clinical figures come from reference/blocks.md with its source ids (each spec's `figures`); layer
 * thicknesses and positions not given by a source are marked illustrative.
 */
import { clipBasics, ellipseOutline, inPlaneNeedle, mmFrame } from './geometry-helpers';
import type { SampleId } from './index';
import type { KeyFrameTag, SampleFigure, SampleGeometry, SampleStructure, StructureRole } from './types';

/** A point in mm (x, depth). */
export type Mm = readonly [number, number];

/** How a structure is painted. */
export type Look =
  /** A band of tissue (between two x-monotonic lines) or an outlined area with fibre streaks (muscle). */
  | { kind: 'muscle'; echo?: number; streakAngleDeg?: number; streaks?: number }
  /** Subcutaneous fat: dark with thin septa. */
  | { kind: 'fat' }
  /** Peripheral nerve or root: hypoechoic fascicles (root) or a bright honeycomb (nerve), bright epineurium. */
  | { kind: 'nerve'; echogenic: boolean }
  /** Artery (pulsates by `pulsePercent` of its radius) or vein: anechoic lumen, bright wall. */
  | { kind: 'vessel'; artery: boolean; pulsePercent?: number }
  /** Bone: bright cortex along its first `surfacePoints` outline points, shadow beneath. */
  | { kind: 'bone'; surfacePoints: number }
  /** A bright fascial or serosal line (polyline); `airBelow` for the pleura (reverberation, no tissue deep to it). */
  | { kind: 'line'; amp: number; airBelow?: boolean }
  /** Bowel: mixed echoes with bright gas lines and shadowing. */
  | { kind: 'bowel' }
  /** A potential space / fascial plane: drawn by its bounding lines only; the outline is for the plan. */
  | { kind: 'plane' };

/** One structure of a sample: how it is outlined for the plan and how it is painted. */
export interface SpecStructure {
  id: string;
  label: string;
  role: StructureRole;
  /** `band`: between the `top` and `bottom` lines across the image; `outline`: a closed polygon; `oval`; `line`: an open polyline. */
  shape: { kind: 'band'; top: readonly Mm[]; bottom: readonly Mm[] } | { kind: 'outline'; points: readonly Mm[] } | { kind: 'oval'; center: Mm; rx: number; ry: number; rotationDeg?: number } | { kind: 'line'; points: readonly Mm[] };
  look: Look;
  visibleOnUs?: boolean;
  note?: string;
}

export interface LinearSampleSpec {
  blockId: SampleId;
  title: string;
  view: string;
  orientation: { left: string; right: string };
  /** Image width and depth of the calibrated region, mm; the image is 640 × 480 px with the region centred. */
  widthMm: number;
  depthMm: number;
  frequencyMHz: number;
  frameCount: number;
  frameRateFps: number;
  /** Background echo of the region below the bands (deep muscle). */
  backgroundEcho: number;
  /** Bottom of the dermis, mm. */
  dermisMm: number;
  /** Painted in order (later over earlier); the skin line is added by the builder. */
  structures: readonly SpecStructure[];
  needle: {
    gauge: string;
    lengthMm: number;
    direction: string;
    entry: Mm;
    target: Mm;
    /** (frame, fraction of entry→target) pairs; see geometry-helpers needleTrack. */
    schedule: readonly (readonly [number, number])[];
  };
  injection: { center: Mm; rx: number; ry: number; rotationDeg: number; startFrame: number; endFrame: number; note: string };
  keyFrames: readonly { frame: number; tag: KeyFrameTag; note: string }[];
  motion: readonly string[];
  notInView: readonly { label: string; reason: string }[];
  figures: readonly SampleFigure[];
}

/**
 * The clip timing the linear samples share: 40 frames at 20 fps (2 s; illustrative). Their needles
 * advance on `LINEAR_NEEDLE_SCHEDULE` or a close variant, and their key frames sit at 0 (scout), 20
 * (needle visible), 27 (target) and 38 (spread).
 */
export const LINEAR_CLIP_TIMING = { frameCount: 40, frameRateFps: 20 } as const;

/** The needle's advance in a linear sample, (frame, fraction of entry → target): in at frame 5, a pause at 14–17 ~40% of the way, at the target by frame 27. */
export const LINEAR_NEEDLE_SCHEDULE: readonly (readonly [number, number])[] = [[5, 0.04], [14, 0.42], [17, 0.44], [24, 0.9], [27, 1]];

/** The motion of a linear sample with no vessel that pulsates. */
export const STILL_TISSUE_MOTION: readonly string[] = ['the needle advances and local anaesthetic spreads; the tissues are otherwise still'];

/** Region rows (460) and the image layout shared by the linear samples. */
const ROWS = 480;
const COLUMNS = 640;
const REGION_ROWS = 460;
const TOP = 20;

/** Pixel size of a spec, mm per px (the depth fills 460 rows). */
export const specMmPerPx = (s: Pick<LinearSampleSpec, 'depthMm'>) => s.depthMm / REGION_ROWS;

/** The sample geometry (ground truth in px) of a spec. */
export function linearSampleGeometry(s: LinearSampleSpec): SampleGeometry {
  const mmPerPx = specMmPerPx(s);
  const regionCols = 2 * Math.round(s.widthMm / mmPerPx / 2); // even: the reference pixel (probe centre) is a whole px
  const x0 = Math.round((COLUMNS - regionCols) / 2);
  const layout = { rows: ROWS, columns: COLUMNS, mmPerPx, region: { x0, y0: TOP, x1: x0 + regionCols - 1, y1: TOP + REGION_ROWS - 1 }, reference: { x: x0 + regionCols / 2, y: TOP } };
  const { p, pts } = mmFrame(layout);
  const half = s.widthMm / 2;
  const structures: SampleStructure[] = [{ id: 'skin', label: 'skin', role: 'landmark', shape: { kind: 'polyline', points: pts([[-half, 0], [half, 0]]) }, visibleOnUs: true }];
  for (const st of s.structures) {
    const sh = st.shape;
    const shape: SampleStructure['shape'] =
      sh.kind === 'band'
        ? { kind: 'contour', points: [...pts(sh.top), ...pts([...sh.bottom].reverse())] }
        : sh.kind === 'outline'
          ? { kind: 'contour', points: pts(sh.points) }
          : sh.kind === 'line'
            ? { kind: 'polyline', points: pts(sh.points) }
            : { kind: 'ellipse', center: p(sh.center[0], sh.center[1]), radiusX: sh.rx / mmPerPx, radiusY: sh.ry / mmPerPx, rotationDeg: sh.rotationDeg ?? 0 };
    structures.push({ id: st.id, label: st.label, role: st.role, shape, visibleOnUs: st.visibleOnUs ?? true, ...(st.note ? { note: st.note } : {}) });
  }
  const entry = p(s.needle.entry[0], s.needle.entry[1]);
  const target = p(s.needle.target[0], s.needle.target[1]);
  const inj = s.injection;
  const pocket = ellipseOutline(p, inj.center, inj.rx, inj.ry, inj.rotationDeg);
  return {
    blockId: s.blockId,
    fileName: `${s.blockId}.dcm`,
    title: s.title,
    view: s.view,
    orientation: s.orientation,
    ...clipBasics(layout, s.frameCount, s.frameRateFps),
    probe: { kind: 'linear', frequencyMHz: s.frequencyMHz, footprintMm: regionCols * mmPerPx, depthMm: s.depthMm },
    structures,
    shadows: s.structures
      .filter((st) => st.look.kind === 'bone' && st.shape.kind === 'outline')
      .map((st) => {
        const o = st.shape.kind === 'outline' ? st.shape.points : [];
        const xs = o.map(([x]) => x);
        return { id: `${st.id}-shadow`, castBy: st.label, contour: pts([[Math.min(...xs), Math.max(...o.map(([, y]) => y))], [Math.max(...xs), Math.max(...o.map(([, y]) => y))], [Math.max(...xs), s.depthMm], [Math.min(...xs), s.depthMm]]) };
      }),
    needle: inPlaneNeedle(s.needle, entry, target, s.frameCount, s.needle.schedule),
    keyFrames: s.keyFrames,
    injection: { startFrame: inj.startFrame, endFrame: inj.endFrame, finalContour: pocket, maxPleuralDisplacementMm: 0, note: inj.note },
    motion: s.motion,
    notInView: s.notInView,
    figures: s.figures,
  };
}
