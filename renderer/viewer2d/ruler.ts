/**
 * The depth scale: a ruler in mm along the depth (y) axis of the calibrated ultrasound region,
 * mapped to the screen through the viewport's transform, so it follows zoom, pan, rotation and flip.
 * Pure geometry; unit-tested.
 *
 * Depth 0 is the region's Reference Pixel Y0 (relative to the region's top, PS3.3 C.8.5.5.1.3) when
 * the file gives one, else the region's top row: the transducer face on linear and curved probes.
 * The reference pixel's physical value is taken as 0 mm (core does not read Reference Pixel
 * Physical Value Y); the overlay's tooltip says so.
 */
import type { UltrasoundRegion } from '../../core/dicom/calibration';
import type { Affine } from '../../core/geometry/view-transform';

/** Image px → screen px: x' = a·x + c·y + e, y' = b·x + d·y + f (cornerstone's transform.m). */
export type { Affine };

export interface Pt {
  x: number;
  y: number;
}

export interface RulerTick {
  from: Pt;
  to: Pt;
  major: boolean;
  /** Depth at this tick, mm (integer). */
  depthMm: number;
}

export interface RulerLabel {
  at: Pt;
  text: string;
}

export interface DepthRuler {
  line: [Pt, Pt];
  ticks: RulerTick[];
  labels: RulerLabel[];
  /** Depth of the whole region, mm. */
  totalMm: number;
  /** mm between labelled ticks. */
  labelStepMm: number;
}

export const apply = (m: Affine, p: Pt): Pt => ({ x: m[0] * p.x + m[2] * p.y + m[4], y: m[1] * p.x + m[3] * p.y + m[5] });

/** Label spacing (mm) and minor tick spacing (mm) for a given screen px per mm. */
export function rulerSteps(pxPerMm: number, minLabelGapPx = 28): { label: number; minor: number } {
  const steps: [number, number][] = [
    [1, 0.5],
    [2, 1],
    [5, 1],
    [10, 5],
    [20, 10],
    [50, 10],
    [100, 50],
  ];
  for (const [label, minor] of steps) if (label * pxPerMm >= minLabelGapPx) return { label, minor: minor * pxPerMm >= 5 ? minor : label };
  return { label: 200, minor: 100 };
}

/** Margin (screen px) kept between a ruler moved into view and the canvas edge, room for its labels. */
const IN_VIEW_MARGIN_PX = 48;

/**
 * The image column the ruler runs down: the region's right edge, or — when zoom or pan has taken that
 * edge off the canvas — the column inside the region under a point `IN_VIEW_MARGIN_PX` in from the
 * canvas's right edge (clamped to the region), so a depth scale stays in view at any zoom (issue 20).
 */
function rulerColumn(region: UltrasoundRegion, top: number, bottom: number, m: Affine, canvas: { w: number; h: number }): number {
  const edge = region.x1 + 1;
  const visible = (x: number) =>
    Array.from({ length: 17 }, (_, k) => apply(m, { x, y: top + ((bottom - top) * k) / 16 })).some((p) => p.x >= 4 && p.x <= canvas.w - 4 && p.y >= 4 && p.y <= canvas.h - 4);
  if (visible(edge)) return edge;
  const det = m[0] * m[3] - m[1] * m[2];
  if (!Number.isFinite(det) || det === 0) return edge;
  const sx = canvas.w - IN_VIEW_MARGIN_PX - m[4];
  const sy = canvas.h / 2 - m[5];
  const x = (m[3] * sx - m[2] * sy) / det;
  return Math.min(edge, Math.max(region.x0, x));
}

/**
 * The ruler for `region` (deltaY in cm/px → `mmPerPxY`), drawn along the region's right edge (or,
 * when that edge is off the canvas, along a column inside the region near the canvas's right side), ticks
 * and labels on the side away from the region's centre when they fit inside the canvas (and below
 * `clearTopPx`, where the text overlays are), else on the inner side.
 */
export function depthRuler(region: UltrasoundRegion, mmPerPxY: number, m: Affine, canvas: { w: number; h: number }, opts: { clearTopPx?: number } = {}): DepthRuler | null {
  if (!(mmPerPxY > 0)) return null;
  const bottom = region.y1 + 1;
  const ref = region.referencePixelY0;
  const top = ref !== undefined && ref >= 0 && region.y0 + ref < bottom ? region.y0 + ref : region.y0;
  const xr = rulerColumn(region, top, bottom, m, canvas);
  const totalMm = (bottom - top) * mmPerPxY;
  const p0 = apply(m, { x: xr, y: top });
  const p1 = apply(m, { x: xr, y: bottom });
  const len = Math.hypot(p1.x - p0.x, p1.y - p0.y);
  if (!(len > 1) || !(totalMm > 0)) return null;
  const pxPerMm = len / totalMm;
  const { label, minor } = rulerSteps(pxPerMm);
  const ux = (p1.x - p0.x) / len;
  const uy = (p1.y - p0.y) / len;
  // Unit normal, pointing away from the region's centre.
  let nx = -uy;
  let ny = ux;
  const c = apply(m, { x: (region.x0 + xr) / 2, y: (region.y0 + bottom) / 2 });
  if (nx * (p0.x - c.x) + ny * (p0.y - c.y) < 0) {
    nx = -nx;
    ny = -ny;
  }
  // Labels must stay on the canvas and clear of the text overlays along the top edge; take the
  // side (outward first) that breaks that least.
  const clearTop = opts.clearTopPx ?? 0;
  const bad = (sx: number, sy: number) => {
    let n = 0;
    for (let k = 0; k <= 8; k++) {
      const t = (k / 8) * len;
      const p = { x: p0.x + ux * t + sx * 22, y: p0.y + uy * t + sy * 22 };
      if (p.x < 4 || p.y < 4 || p.x > canvas.w - 4 || p.y > canvas.h - 4 || p.y < clearTop) n++;
    }
    return n;
  };
  if (bad(-nx, -ny) < bad(nx, ny)) {
    nx = -nx;
    ny = -ny;
  }
  const ticks: RulerTick[] = [];
  const labels: RulerLabel[] = [];
  const count = Math.floor(totalMm / minor + 1e-9);
  for (let k = 0; k <= count; k++) {
    const d = k * minor;
    const t = d * pxPerMm;
    const at = { x: p0.x + ux * t, y: p0.y + uy * t };
    const major = Math.abs(d / label - Math.round(d / label)) < 1e-9;
    const l = major ? 10 : 5;
    ticks.push({ from: at, to: { x: at.x + nx * l, y: at.y + ny * l }, major, depthMm: Math.round(d * 10) / 10 });
    if (major) labels.push({ at: { x: at.x + nx * 20, y: at.y + ny * 20 }, text: String(Math.round(d * 10) / 10) });
  }
  return { line: [p0, p1], ticks, labels, totalMm, labelStepMm: label };
}
