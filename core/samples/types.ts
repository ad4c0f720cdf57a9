/**
 * Types of the ground-truth geometry of the synthetic sample clips.
 *
 * Coordinates are IMAGE PIXELS unless a name says otherwise: x = column, y = row, origin at the
 * top-left corner of the top-left pixel (the convention of core/dicom/calibration.ts `Point2`), so
 * pixel (i, j) covers [i, i+1) × [j, j+1) and its centre is (i + 0.5, j + 0.5).
 * Every sample is isotropic: one px is `mmPerPx` mm along x and along y inside the calibrated region.
 * Millimetre coordinates (`…Mm`) are relative to the reference point: the skin at the centre of the
 * probe face (x positive to the image right, y = depth, positive down).
 */
import type { Point2 } from '../geometry/point';
import type { SampleId } from './index';

export type { Point2 };


/** Role of a structure in a plan; it sets the annotation colour (target, landmark, at-risk). */
export type StructureRole = 'target' | 'landmark' | 'at-risk';

/** A shape in image px. Polylines are open; contours are closed polygons (last point joins the first). */
export type SampleShape =
  | { kind: 'polyline'; points: readonly Point2[] }
  | { kind: 'contour'; points: readonly Point2[] }
  | {
      kind: 'ellipse';
      center: Point2;
      /** Semi-axis along the rotated x axis, px. */
      radiusX: number;
      /** Semi-axis along the rotated y axis, px. */
      radiusY: number;
      /** Rotation of the x semi-axis from the image x axis, degrees, clockwise on screen (y down). */
      rotationDeg: number;
    };

export interface SampleStructure {
  /** Stable id within the sample, e.g. `pleura`. */
  id: string;
  /** Clinical label as a clinician would write it on the image. */
  label: string;
  role: StructureRole;
  shape: SampleShape;
  /**
   * False when the structure lies in the imaging plane but cannot be seen on ultrasound (e.g. the
   * rectum in front of the coccyx, inside the acoustic shadow): its position is indicative only.
   */
  visibleOnUs: boolean;
  /** Why it matters, where a number came from, or what is approximate. */
  note?: string;
}

/** An area that is dark in every frame because something above it blocks the beam (bone, air). */
export interface AcousticShadow {
  id: string;
  /** What casts it, e.g. `transverse process`. */
  castBy: string;
  /** Closed contour of the shadow, px. */
  contour: readonly Point2[];
}

/** Standard key-frame tags of the viewer (issue 4, item 3). */
export type KeyFrameTag = 'scout view' | 'target view' | 'needle visible' | 'spread of local anaesthetic';

export interface SampleKeyFrame {
  /** 0-based frame index. */
  frame: number;
  tag: KeyFrameTag;
  note: string;
}

/** The needle as drawn in the clip: a straight in-plane needle advancing from `entry` toward `target`. */
export interface SampleNeedle {
  /** Gauge and length as suggested for the block (blocks.md), e.g. `22G`, mm. */
  gauge: string;
  lengthMm: number;
  approach: 'in-plane';
  /** Direction in clinical words, e.g. `lateral-to-medial`. */
  direction: string;
  /** Skin puncture point, px (may lie outside the sector of a curvilinear image but inside the region bounds). */
  entry: Point2;
  /** Final tip position, px: where the needle stops (the planned target point). */
  target: Point2;
  /** Insertion angle to the skin surface (horizontal at the probe centre), degrees. */
  angleToSkinDeg: number;
  /** Tip per frame, px; null while the needle has not yet entered the skin. Length = frameCount. */
  tipByFrame: readonly (Point2 | null)[];
  /** First frame with the needle in the tissue. */
  firstFrame: number;
  /** First frame at which the tip is at `target`. */
  reachesTargetFrame: number;
}

/** Probe of the synthetic scanner. */
export type SampleProbe =
  | {
      kind: 'linear';
      /** Centre frequency, MHz (illustrative). */
      frequencyMHz: number;
      /** Footprint = image width, mm. */
      footprintMm: number;
      /** Imaging depth from the skin, mm. */
      depthMm: number;
    }
  | {
      kind: 'curvilinear';
      frequencyMHz: number;
      /** Centre of curvature of the probe face (the virtual apex of the sector), px; lies above the image. */
      apex: Point2;
      /** Radius of curvature of the probe face, mm. */
      radiusMm: number;
      /** Full opening angle of the sector, degrees. */
      fieldOfViewDeg: number;
      /** Imaging depth along each beam from the skin, mm. */
      depthMm: number;
    };

/** A depth or size used in the sample with where it comes from. */
export interface SampleFigure {
  what: string;
  valueMm: number;
  /** `blocks.md §1.1 …` for a cited figure, or `illustrative` when no source gives it. */
  source: string;
}

/** Local anaesthetic injected at the end of a clip (an anechoic pocket that grows around the tip). */
export interface SampleInjection {
  /** First frame with fluid visible. */
  startFrame: number;
  /** Frame at which the pocket reaches its final size (it stays until the last frame). */
  endFrame: number;
  /** Outline of the pocket in the last frame, px. */
  finalContour: readonly Point2[];
  /** Largest displacement of the pleura away from the probe (anteriorly) in the last frame, mm; 0 if none. */
  maxPleuralDisplacementMm: number;
  note: string;
}

export interface SampleGeometry {
  blockId: SampleId;
  /** File name under assets/samples, e.g. `thoracic-paravertebral.dcm`. */
  fileName: string;
  title: string;
  /** The ultrasound view, e.g. `transverse intercostal view at the tip of the transverse process`. */
  view: string;
  /** What the left and right image edges face. */
  orientation: { left: string; right: string };
  rows: number;
  columns: number;
  frameCount: number;
  frameRateFps: number;
  /** 1000 / frameRateFps, ms (the file's Frame Time). */
  frameTimeMs: number;
  /** Isotropic pixel size inside the calibrated region, mm per px. */
  mmPerPx: number;
  /** The calibrated ultrasound region (Sequence of Ultrasound Regions item 0), px, inclusive bounds. */
  region: { x0: number; y0: number; x1: number; y1: number };
  /** Reference pixel (skin at the probe centre), px; physical value (0 mm, 0 mm). */
  reference: Point2;
  /**
   * Row of the skin line, px (y of `reference`). For the linear samples the skin is this row across
   * the image; for the curvilinear sample it is the row of the skin at the probe centre and the skin
   * follows the probe's arc (structure `skin`).
   */
  skinRowPx: number;
  probe: SampleProbe;
  structures: readonly SampleStructure[];
  shadows: readonly AcousticShadow[];
  needle: SampleNeedle;
  keyFrames: readonly SampleKeyFrame[];
  /** Injection shown at the end of the clip, when there is one. Structures keep their pre-injection positions. */
  injection?: SampleInjection;
  /** Motion in the clip other than the needle (pleural sliding, pulsation), in words with amounts. */
  motion: readonly string[];
  /** Structures of the block that this plane does not show, and why. */
  notInView: readonly { label: string; reason: string }[];
  figures: readonly SampleFigure[];
}

/** mm (relative to the reference point) → image px for a sample. */
export function mmToPx(g: Pick<SampleGeometry, 'reference' | 'mmPerPx'>, p: { xMm: number; yMm: number }): Point2 {
  return { x: g.reference.x + p.xMm / g.mmPerPx, y: g.reference.y + p.yMm / g.mmPerPx };
}

/** Image px → mm relative to the reference point (x to the image right, y = depth below the skin at the probe centre). */
export function pxToMm(g: Pick<SampleGeometry, 'reference' | 'mmPerPx'>, p: Point2): { xMm: number; yMm: number } {
  return { xMm: (p.x - g.reference.x) * g.mmPerPx, yMm: (p.y - g.reference.y) * g.mmPerPx };
}
