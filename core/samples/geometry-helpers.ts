/**
 * Helpers to define sample anatomy in millimetres and export it in image px.
 */
import type { Point2, SampleGeometry, SampleNeedle } from './types';

/** Round to 0.01 px so exported numbers stay readable and stable. */
export function r2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** A mm → px converter for a sample frame (reference point = skin at the probe centre). */
export function mmFrame(g: Pick<SampleGeometry, 'reference' | 'mmPerPx'>): {
  p: (xMm: number, yMm: number) => Point2;
  pts: (list: readonly (readonly [number, number])[]) => Point2[];
  px: (mm: number) => number;
} {
  const p = (xMm: number, yMm: number): Point2 => ({ x: r2(g.reference.x + xMm / g.mmPerPx), y: r2(g.reference.y + yMm / g.mmPerPx) });
  return { p, pts: (list) => list.map(([x, y]) => p(x, y)), px: (mm) => mm / g.mmPerPx };
}

/**
 * Tip positions per frame for a straight needle moving from `entry` toward `target`.
 * `schedule` lists (frame, fraction of the entry→target distance) pairs in increasing frame order;
 * between them the tip eases (smoothstep), before the first pair the needle is absent (null), after
 * the last it stays where the last pair put it.
 */
export function needleTrack(entry: Point2, target: Point2, frameCount: number, schedule: readonly (readonly [number, number])[]): (Point2 | null)[] {
  const out: (Point2 | null)[] = [];
  for (let f = 0; f < frameCount; f++) {
    const first = schedule[0]!;
    if (f < first[0]) {
      out.push(null);
      continue;
    }
    let frac = schedule[schedule.length - 1]![1];
    for (let k = 0; k + 1 < schedule.length; k++) {
      const [f0, a0] = schedule[k]!;
      const [f1, a1] = schedule[k + 1]!;
      if (f >= f0 && f <= f1) {
        const t = f1 === f0 ? 1 : (f - f0) / (f1 - f0);
        const e = t * t * (3 - 2 * t);
        frac = a0 + (a1 - a0) * e;
        break;
      }
    }
    out.push({ x: r2(entry.x + (target.x - entry.x) * frac), y: r2(entry.y + (target.y - entry.y) * frac) });
  }
  return out;
}

/** Angle of the entry→target line to the horizontal skin line, degrees (0–90). */
export function angleToSkinDeg(entry: Point2, target: Point2): number {
  return Math.round(((Math.atan2(Math.abs(target.y - entry.y), Math.abs(target.x - entry.x)) * 180) / Math.PI) * 10) / 10;
}

/** Image layout of a sample: size (px), isotropic pixel size, calibrated region and reference pixel (skin at the probe centre). */
export type SampleLayout = Pick<SampleGeometry, 'rows' | 'columns' | 'mmPerPx' | 'region' | 'reference'>;

/**
 * The frame and calibration fields every sample geometry has, from its layout and timing: size,
 * frame count and rate, Frame Time (1000 / fps ms), pixel size, region, reference and the skin row
 * (the reference's row).
 */
export function clipBasics(layout: SampleLayout, frameCount: number, frameRateFps: number): Pick<SampleGeometry, 'rows' | 'columns' | 'frameCount' | 'frameRateFps' | 'frameTimeMs' | 'mmPerPx' | 'region' | 'reference' | 'skinRowPx'> {
  return {
    rows: layout.rows,
    columns: layout.columns,
    frameCount,
    frameRateFps,
    frameTimeMs: 1000 / frameRateFps,
    mmPerPx: layout.mmPerPx,
    region: { ...layout.region },
    reference: { ...layout.reference },
    skinRowPx: layout.reference.y,
  };
}

/**
 * A straight in-plane needle from `entry` to `target` (px): its angle to the skin, the tip per frame
 * along `schedule` (see `needleTrack`), the first frame it is in the tissue and the frame it reaches
 * the target.
 */
export function inPlaneNeedle(
  n: Pick<SampleNeedle, 'gauge' | 'lengthMm' | 'direction'>,
  entry: Point2,
  target: Point2,
  frameCount: number,
  schedule: readonly (readonly [number, number])[],
): SampleNeedle {
  return {
    gauge: n.gauge,
    lengthMm: n.lengthMm,
    approach: 'in-plane',
    direction: n.direction,
    entry,
    target,
    angleToSkinDeg: angleToSkinDeg(entry, target),
    tipByFrame: needleTrack(entry, target, frameCount, schedule),
    firstFrame: schedule[0]![0],
    reachesTargetFrame: schedule[schedule.length - 1]![0],
  };
}

/** The point at angle `a` (rad) on an ellipse with centre `c`, semi-axes `rx`, `ry` and rotation `rotationDeg`, mm. */
export function ellipsePointMm(c: readonly [number, number], rx: number, ry: number, rotationDeg: number, a: number): [number, number] {
  const r = (rotationDeg * Math.PI) / 180;
  const u = rx * Math.cos(a);
  const v = ry * Math.sin(a);
  return [c[0] + u * Math.cos(r) - v * Math.sin(r), c[1] + u * Math.sin(r) + v * Math.cos(r)];
}

/** `n` evenly spaced points around an ellipse given in mm, converted to px by `p` (see `mmFrame`). */
export function ellipseOutline(p: (xMm: number, yMm: number) => Point2, c: readonly [number, number], rx: number, ry: number, rotationDeg: number, n = 36): Point2[] {
  return Array.from({ length: n }, (_, k) => {
    const [x, y] = ellipsePointMm(c, rx, ry, rotationDeg, (2 * Math.PI * k) / n);
    return p(x, y);
  });
}
