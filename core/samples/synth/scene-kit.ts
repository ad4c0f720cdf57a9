/**
 * Building blocks shared by the sample scenes: layers, specular lines, bone, vessels, tissue texture,
 * the needle with its reverberation, and the burned-in depth ticks. All coordinates are image px.
 */
import type { Point2 } from '../types';
import type { BeamGrid } from './beam';
import type { Painter } from './engine';
import { smoothProfile, type Rng } from './prng';
import { boxOf, distToPolyline, distToSegment, ellipseValue, inPolygon, yAt, type Box } from './shapes';

/** Echo levels of tissues (1 ≈ liver parenchyma). Illustrative, tuned by eye against typical B-mode appearance. */
export const ECHO = {
  dermis: 3.0,
  fat: 0.1,
  muscle: 0.11,
  ligament: 1.3,
  liver: 1.0,
  pancreas: 1.7,
  brightFat: 2.6,
  fluid: 0.004,
  softTissue: 0.5,
} as const;

/** Relative two-way attenuation, dB per mm (see engine.ts). */
export const ATTEN = { bone: 40, air: 60, fluid: -0.35, blood: -0.2 } as const;

export function boxUnion(...boxes: Box[]): Box {
  return {
    xMin: Math.min(...boxes.map((b) => b.xMin)),
    yMin: Math.min(...boxes.map((b) => b.yMin)),
    xMax: Math.max(...boxes.map((b) => b.xMax)),
    yMax: Math.max(...boxes.map((b) => b.yMax)),
  };
}

/**
 * A gently wavy copy of an x-monotonic polyline: resampled every `stepPx` and displaced in y by a
 * smooth random profile of amplitude `ampPx` (fascia and skin are never ruler-straight).
 */
export function wavy(pts: readonly Point2[], rng: Rng, ampPx: number, stepPx = 4): Point2[] {
  const x0 = pts[0]!.x,
    x1 = pts[pts.length - 1]!.x;
  const n = Math.max(2, Math.ceil((x1 - x0) / stepPx) + 1);
  const prof = smoothProfile(rng, n, 5);
  return Array.from({ length: n }, (_, k) => {
    const x = x0 + ((x1 - x0) * k) / (n - 1);
    return { x, y: yAt(pts, x) + ampPx * prof[k]! };
  });
}

/**
 * Fibrous septa of subcutaneous fat: `count` short, gently curved echogenic lines, mostly parallel to
 * the skin, between depths y0 and y1 (px) across x0–x1.
 */
export function fatSepta(pt: Painter, grid: BeamGrid, rng: Rng, box: Box, count: number, opts: { lenMin: number; lenMax: number; amp: number; sigma: number }): void {
  for (let k = 0; k < count; k++) {
    const x = rng.range(box.xMin, box.xMax);
    const y = rng.range(box.yMin, box.yMax);
    const len = rng.range(opts.lenMin, opts.lenMax);
    const a = (rng.range(-25, 25) * Math.PI) / 180;
    const bend = rng.range(-0.25, 0.25) * len;
    const mid = { x: x + (len / 2) * Math.cos(a) - bend * Math.sin(a), y: y + (len / 2) * Math.sin(a) + bend * Math.cos(a) };
    const end = { x: x + len * Math.cos(a), y: y + len * Math.sin(a) };
    specLine(pt, grid, [{ x, y }, mid, end], { amp: opts.amp * rng.range(0.5, 1.1), sigma: opts.sigma, rng, vary: 0.6 });
  }
}

/** Fill the band between two x-monotonic polylines (top ≤ y < bottom). */
export function fillLayer(pt: Painter, top: readonly Point2[], bottom: readonly Point2[], echo: number, atten?: number): void {
  const box = boxOf([...top, ...bottom], 1);
  pt.fill(box, (x, y) => (y >= yAt(top, x) && y < yAt(bottom, x) ? 1 : 0), echo, atten);
}

export function fillPolygon(pt: Painter, poly: readonly Point2[], echo: number, atten?: number, clearSpec = false): void {
  pt.fill(boxOf(poly, 1), (x, y) => (inPolygon(x, y, poly) ? 1 : 0), echo, atten, clearSpec);
}

/**
 * A specular line along a polyline: Gaussian cross-section σ (px), amplitude modulated along its
 * length by a smooth random profile (strength `vary`), and by the angle to the beam (a surface seen
 * edge-on by the beam reflects little back): factor (1 − angleLoss) + angleLoss·|n·beam|^2.
 */
export function specLine(
  pt: Painter,
  grid: BeamGrid,
  pts: readonly Point2[],
  opts: { amp: number; sigma: number; rng: Rng; vary?: number; angleLoss?: number; shift?: number },
): void {
  const vary = opts.vary ?? 0.3;
  const angleLoss = opts.angleLoss ?? 0.6;
  const box = boxOf(pts, opts.sigma * 3 + 1);
  const profLen = Math.ceil(box.xMax - box.xMin + 64);
  const prof = smoothProfile(opts.rng, profLen, 6);
  const shift = opts.shift ?? 0;
  pt.addSpec(box, (x, y) => {
    let best = Infinity,
      bi = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      const d = distToSegment(x, y, pts[i]!, pts[i + 1]!);
      if (d < best) {
        best = d;
        bi = i;
      }
    }
    if (best > opts.sigma * 3) return 0;
    const a = pts[bi]!,
      b = pts[bi + 1]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const nx = -(b.y - a.y) / len,
      ny = (b.x - a.x) / len;
    const [bx, by] = grid.beamDirAt(x, y);
    const cosN = nx * bx + ny * by;
    const angle = 1 - angleLoss + angleLoss * cosN * cosN;
    let k = Math.floor(x - box.xMin + 32 - shift);
    if (k < 0) k = 0;
    else if (k >= profLen) k = profLen - 1;
    const mod = Math.max(0.15, 1 + vary * prof[k]!);
    return opts.amp * angle * mod * Math.exp((-best * best) / (2 * opts.sigma * opts.sigma));
  });
}

/** Bone: bright cortex along `surface`, no scatter and strong attenuation inside `outline`. */
export function bone(pt: Painter, grid: BeamGrid, outline: readonly Point2[], surface: readonly Point2[], opts: { amp: number; sigma: number; rng: Rng }): void {
  fillPolygon(pt, outline, 0.02, ATTEN.bone, true);
  specLine(pt, grid, surface, { amp: opts.amp, sigma: opts.sigma, rng: opts.rng, vary: 0.25, angleLoss: 0.45 });
}

/**
 * A vessel or fluid-filled structure as an ellipse: anechoic lumen with posterior enhancement and,
 * when `wallAmp` > 0, a specular wall that is brightest where it faces the beam.
 */
export function vessel(
  pt: Painter,
  grid: BeamGrid,
  e: { cx: number; cy: number; rx: number; ry: number; rotationDeg?: number },
  opts: { wallAmp: number; wallSigma: number; echo?: number; atten?: number },
): void {
  const rot = e.rotationDeg ?? 0;
  const pad = Math.max(e.rx, e.ry) + opts.wallSigma * 3 + 2;
  const box = { xMin: e.cx - pad, yMin: e.cy - pad, xMax: e.cx + pad, yMax: e.cy + pad };
  pt.fill(box, (x, y) => (ellipseValue(x, y, e.cx, e.cy, e.rx, e.ry, rot) < 1 ? 1 : 0), opts.echo ?? ECHO.fluid, opts.atten ?? ATTEN.blood, true);
  if (opts.wallAmp > 0) {
    const mean = (e.rx + e.ry) / 2;
    pt.addSpec(box, (x, y) => {
      const v = ellipseValue(x, y, e.cx, e.cy, e.rx, e.ry, rot);
      const d = (Math.sqrt(v) - 1) * mean; // approximate distance to the outline, px
      if (Math.abs(d) > opts.wallSigma * 3) return 0;
      const dx = x - e.cx,
        dy = y - e.cy;
      const r = Math.hypot(dx, dy) || 1;
      const [bx, by] = grid.beamDirAt(x, y);
      const c = (dx * bx + dy * by) / r;
      return opts.wallAmp * (0.15 + 0.85 * c * c) * Math.exp((-d * d) / (2 * opts.wallSigma * opts.wallSigma));
    });
  }
}

/**
 * A tube (vessel seen along its length) around a polyline: anechoic lumen of radius r (px) and a
 * specular wall, bright where the wall faces the beam and faint where it runs along the beam.
 * `openEnds` skips the wall within r of the polyline's end points (where the vessel joins another).
 */
export function tube(pt: Painter, grid: BeamGrid, pts: readonly Point2[], r: number, opts: { wallAmp: number; wallSigma: number; openEnds?: boolean }): void {
  const box = boxOf(pts, r + opts.wallSigma * 3 + 2);
  pt.fill(box, (x, y) => (distToPolyline(x, y, pts) < r ? 1 : 0), ECHO.fluid, ATTEN.blood, true);
  const first = pts[0]!,
    last = pts[pts.length - 1]!;
  pt.addSpec(box, (x, y) => {
    let best = Infinity,
      bi = 0;
    for (let i = 0; i + 1 < pts.length; i++) {
      const di = distToSegment(x, y, pts[i]!, pts[i + 1]!);
      if (di < best) {
        best = di;
        bi = i;
      }
    }
    const d = best - r;
    if (Math.abs(d) > opts.wallSigma * 3) return 0;
    if (opts.openEnds && (Math.hypot(x - first.x, y - first.y) < r * 1.2 || Math.hypot(x - last.x, y - last.y) < r * 1.2)) return 0;
    const a = pts[bi]!,
      b = pts[bi + 1]!;
    const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
    const [bx, by] = grid.beamDirAt(x, y);
    const sinT = Math.abs(((b.x - a.x) / len) * by - ((b.y - a.y) / len) * bx); // 1 when the tube is across the beam
    return opts.wallAmp * (0.15 + 0.85 * sinT * sinT) * Math.exp((-d * d) / (2 * opts.wallSigma * opts.wallSigma));
  });
}

/**
 * Scatter short bright streaks (perimysium, fibrous septa) inside a region: `count` elliptical blobs
 * added to the echo map (more scatterers) or, with target 'spec', to the specular map (coherent reflectors),
 * with random position, angle around `angleDeg` ± `spreadDeg`, length σ in [lenMin, lenMax] px.
 */
export function streaks(
  pt: Painter,
  rng: Rng,
  inside: (x: number, y: number) => boolean,
  box: Box,
  opts: { count: number; angleDeg: number; spreadDeg: number; lenMin: number; lenMax: number; width: number; amp: number; target?: 'echo' | 'spec' },
): void {
  let placed = 0;
  for (let tries = 0; placed < opts.count && tries < opts.count * 20; tries++) {
    const x = rng.range(box.xMin, box.xMax);
    const y = rng.range(box.yMin, box.yMax);
    if (!inside(x, y)) continue;
    const ang = ((opts.angleDeg + rng.range(-opts.spreadDeg, opts.spreadDeg)) * Math.PI) / 180;
    pt.blob(x, y, rng.range(opts.lenMin, opts.lenMax), opts.width, ang, opts.amp * rng.range(0.5, 1.2), opts.target);
    placed++;
  }
}

/** Needle appearance parameters (px). */
export interface NeedleLook {
  amp: number;
  sigma: number;
  reverbCount: number;
  reverbSpacing: number;
  reverbDecay: number;
}

/**
 * Paint a needle from `entry` to `tip` into `spec`, with reverberation copies deeper along each beam.
 * Brightness falls when the needle is steep to the beam (specular reflection goes elsewhere).
 */
export function paintNeedle(grid: BeamGrid, spec: Float32Array, scratch: Float32Array, entry: Point2, tip: Point2, look: NeedleLook): void {
  scratch.fill(0);
  const dx = tip.x - entry.x,
    dy = tip.y - entry.y;
  const len = Math.hypot(dx, dy);
  if (len < 0.5) return;
  const ux = dx / len,
    uy = dy / len;
  const box = boxOf([entry, tip], look.sigma * 4 + 2);
  const r = grid.range(box);
  if (!r) return;
  const { nBeams, cx, cy } = grid;
  for (let s = r.s0; s < r.s1; s++) {
    for (let b = r.b0; b < r.b1; b++) {
      const i = s * nBeams + b;
      const x = cx[i]!,
        y = cy[i]!;
      const d = distToSegment(x, y, entry, tip);
      if (d > look.sigma * 4) continue;
      const [bx, by] = grid.beamDirAt(x, y);
      const sinA = Math.abs(ux * by - uy * bx);
      const angle = 0.3 + 0.7 * sinA * sinA;
      const dt = Math.hypot(x - tip.x, y - tip.y);
      const tipBoost = 1 + 0.8 * Math.exp((-dt * dt) / (2 * (look.sigma * 2.5) ** 2));
      scratch[i] = look.amp * angle * tipBoost * Math.exp((-d * d) / (2 * look.sigma * look.sigma));
    }
  }
  // Reverberation: copies shifted deeper along the beam (sample axis).
  const { nSamples } = grid;
  for (let s = r.s0; s < Math.min(nSamples, r.s1 + Math.ceil(look.reverbSpacing * look.reverbCount) + 1); s++) {
    for (let b = r.b0; b < r.b1; b++) {
      const i = s * nBeams + b;
      let v = scratch[i]!;
      let w = 1;
      for (let k = 1; k <= look.reverbCount; k++) {
        w *= look.reverbDecay;
        const sf = s - k * look.reverbSpacing;
        const s0 = Math.floor(sf);
        if (s0 < 0) break;
        const f = sf - s0;
        const a = scratch[s0 * nBeams + b]!;
        const c = s0 + 1 < nSamples ? scratch[(s0 + 1) * nBeams + b]! : 0;
        v += w * ((1 - f) * a + f * c);
      }
      if (v > 0) spec[i] = spec[i]! + v;
    }
  }
}

/**
 * Burn in depth ticks right of the region (every 5 mm, longer every 10 mm, from the skin row) and a
 * small orientation marker at the top-left, as scanners do. Not patient-identifying.
 */
export function drawTicks(img: Uint8Array, columns: number, rows: number, opts: { x: number; skinRow: number; mmPerPx: number; depthMm: number; markerX: number; markerY: number }): void {
  for (let d = 0; d <= opts.depthMm + 1e-9; d += 5) {
    const y = Math.round(opts.skinRow + d / opts.mmPerPx);
    if (y < 0 || y >= rows) continue;
    const len = d % 10 === 0 ? 7 : 4;
    for (let x = opts.x; x < opts.x + len && x < columns; x++) img[y * columns + x] = 200;
  }
  for (let y = opts.markerY; y < opts.markerY + 5; y++) for (let x = opts.markerX; x < opts.markerX + 5; x++) if (x >= 0 && x < columns && y >= 0 && y < rows) img[y * columns + x] = 220;
}
