/**
 * Helpers to define sample anatomy in millimetres and export it in image px.
 */
import type { Point2, SampleGeometry } from './types';

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
