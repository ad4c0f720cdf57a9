/**
 * Draws the thoracic paravertebral sample from its geometry (geometry-thoracic-paravertebral.ts):
 * layered back muscles, the transverse process with its shadow, the internal intercostal membrane,
 * the paravertebral wedge, the sliding pleura with lung artefact below it, the needle advancing
 * lateral → medial, and local anaesthetic spread pushing the pleura anteriorly.
 */
import { TPVB_MM, THORACIC_PARAVERTEBRAL_GEOMETRY as G } from './geometry-thoracic-paravertebral';
import { mmFrame } from './geometry-helpers';
import { buildClip, linearScanner, type SampleClip } from './synth/clip';
import type { Painter, PostLayer } from './synth/engine';
import { blurSeparable, gaussianKernel, kernelEnergy } from './synth/field';
import { createRng, fillNormal } from './synth/prng';
import { ATTEN, ECHO, bone, fatSepta, fillLayer, fillPolygon, paintNeedle, specLine, streaks, wavy } from './synth/scene-kit';
import { boxOf, ellipseValue, inPolygon, yAt } from './synth/shapes';
import type { Point2 } from './types';

const SEED = 'blockplan-sample/thoracic-paravertebral';

const smooth = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/** Fraction (0–1) of the final injection at `frame`. */
export function tpvbSpreadProgress(frame: number): number {
  const s = TPVB_MM.spread;
  return smooth((frame - s.startFrame) / (s.endFrame - s.startFrame));
}

/** Lateral shift of the lung surface at `frame` (lung sliding), mm. */
export function tpvbSlidingMm(frame: number): number {
  const { amplitudeMm, periodS } = TPVB_MM.sliding;
  return amplitudeMm * Math.sin((2 * Math.PI * (frame / G.frameRateFps)) / periodS);
}

export function createThoracicParavertebralClip(): SampleClip {
  const g = G;
  const m = TPVB_MM;
  const { p, pts, px } = mmFrame(g);
  const { grid, params, full } = linearScanner(g, { lateral: 0.45, axial: 0.14, specLateral: 0.3, specAxial: 0.12 }, 0.08);
  const { nBeams, nSamples } = grid;
  const n = nBeams * nSamples;
  const line = (list: readonly (readonly [number, number])[]) => pts([[list[0]![0] - 1, list[0]![1]], ...list, [list[list.length - 1]![0] + 1, list[list.length - 1]![1]]]);
  const flat = (y: number) => pts([[m.xLeft - 1, y], [m.xRight + 1, y]]);

  const wrng = createRng(`${SEED}/wavy`);
  const subcut = wavy(line(m.subcutBottom), wrng, px(0.35));
  const trap = wavy(line(m.trapeziusBottom), wrng, px(0.3));
  const rhomb = wavy(line(m.rhomboidBottom), wrng, px(0.3));
  const erector = wavy(line(m.erectorBottom), wrng, px(0.25));
  const tp = pts(m.transverseProcess);
  const tpTop = pts(m.transverseProcess.slice(0, 7));
  const iim = pts(m.iim);
  const pleura0 = pts([[m.xRight + 1, m.pleura[0][1]], ...m.pleura, [m.xLeft - 1, m.pleura[m.pleura.length - 1]![1]]]).reverse(); // x increasing
  const icFascia = pts(m.intercostalFascia);
  const pvs = pts(m.paravertebralSpace);

  const paintStatic = (pt: Painter) => {
    const rng = createRng(`${SEED}/static`);
    pt.fill(full, () => 1, ECHO.muscle, 0);
    // skin and subcutaneous fat with septa
    fillLayer(pt, flat(-1), flat(m.dermis), ECHO.dermis);
    fillLayer(pt, flat(m.dermis), subcut, ECHO.fat);
    specLine(pt, grid, flat(0.15), { amp: 6, sigma: 0.8, rng, vary: 0.2 });
    fatSepta(pt, grid, rng, { xMin: p(m.xLeft, 0).x, yMin: p(0, m.dermis + 0.6).y, xMax: p(m.xRight, 0).x, yMax: p(0, 6.6).y }, 40, { lenMin: px(1.5), lenMax: px(5), amp: 3.2, sigma: 0.9 });
    // muscles: trapezius, rhomboid major, erector spinae, with perimysial streaks
    const layerBox = (top: readonly Point2[], bottom: readonly Point2[]) => boxOf([...top, ...bottom]);
    const muscle = (top: readonly Point2[], bottom: readonly Point2[], echo: number, count: number, angleDeg: number) => {
      fillLayer(pt, top, bottom, echo);
      streaks(pt, rng, (x, y) => y > yAt(top, x) + 2 && y < yAt(bottom, x) - 2, layerBox(top, bottom), {
        count,
        angleDeg,
        spreadDeg: 25,
        lenMin: 2,
        lenMax: 5.5,
        width: 0.8,
        amp: 3.0,
        target: 'spec',
      });
    };
    muscle(subcut, trap, ECHO.muscle, 110, -8);
    muscle(trap, rhomb, ECHO.muscle * 1.1, 130, 10);
    muscle(rhomb, erector, ECHO.muscle * 1.15, 340, 0);
    // intercostal muscles lateral to the TP tip, down to the IIM / pleura (static tissue extends 5 mm below the pleura)
    const belowPleura = pleura0.map((q) => ({ x: q.x, y: q.y + px(5) }));
    fillLayer(pt, erector, belowPleura, ECHO.muscle * 1.05);
    streaks(pt, rng, (x, y) => x > p(m.shadowEdgeX, 0).x && y > yAt(erector, x) + 2 && y < yAt(pleura0, x) - 2 && !inPolygon(x, y, pvs), boxOf([...erector, ...pleura0]), {
      count: 260,
      angleDeg: 26,
      spreadDeg: 12,
      lenMin: 2.5,
      lenMax: 6,
      width: 0.8,
      amp: 2.6,
      target: 'spec',
    });
    // paravertebral space: hypoechoic wedge (fat, nerves) with sparse dots
    fillPolygon(pt, pvs, 0.3);
    streaks(pt, rng, (x, y) => inPolygon(x, y, pvs), boxOf(pvs), { count: 14, angleDeg: 20, spreadDeg: 40, lenMin: 1.2, lenMax: 2.5, width: 0.8, amp: 1.2, target: 'spec' });
    // fasciae
    specLine(pt, grid, subcut, { amp: 6, sigma: 1.2, rng, vary: 0.6 });
    specLine(pt, grid, trap, { amp: 7, sigma: 1.3, rng, vary: 0.6 });
    specLine(pt, grid, rhomb, { amp: 7, sigma: 1.4, rng, vary: 0.6 });
    specLine(pt, grid, erector.filter((q) => q.x > p(-11.6, 0).x), { amp: 6, sigma: 1.3, rng, vary: 0.6 });
    specLine(pt, grid, wavy(icFascia, wrng, px(0.2)), { amp: 3.5, sigma: 1.1, rng, vary: 0.7 });
    specLine(pt, grid, iim, { amp: 8, sigma: 1.3, rng, vary: 0.45 });
    // transverse process: bright cortex, shadow beneath
    bone(pt, grid, tp, tpTop, { amp: 34, sigma: 1.5, rng });
  };

  // Lung artefact texture below the pleura: a wider noise field that slides with breathing.
  const margin = Math.ceil(px(m.sliding.amplitudeMm)) + 4;
  const lw = nBeams + 2 * margin;
  const lungRng = createRng(`${SEED}/lung`);
  const lungI = fillNormal(lungRng, new Float32Array(lw * nSamples));
  const lungQ = fillNormal(lungRng, new Float32Array(lw * nSamples));
  const lkx = gaussianKernel(8);
  const lky = gaussianKernel(1.1);
  const lnorm = 1 / (Math.sqrt(kernelEnergy(lkx) * kernelEnergy(lky)) * 1.2533);
  const scratchA = new Float32Array(n);
  const scratchB = new Float32Array(n);
  const scratchT = new Float32Array(n);
  const envI = new Float32Array(n);
  const needleScratch = new Float32Array(n);

  const pleuraAt = (frame: number): Point2[] => {
    const prog = tpvbSpreadProgress(frame);
    const pp = m.pleuralPush;
    return pleura0.map((q) => {
      const xMm = (q.x - g.reference.x) * g.mmPerPx;
      const d = prog * pp.maxMm * Math.exp(-((xMm - pp.centerX) ** 2) / (2 * pp.sigmaX * pp.sigmaX));
      return { x: q.x, y: q.y + px(d) };
    });
  };

  const paintFrame = (frame: number, pt: Painter): PostLayer => {
    const maps = pt.maps;
    const pleura = pleuraAt(frame);
    const slidePx = px(tpvbSlidingMm(frame));
    // local anaesthetic pocket
    const prog = tpvbSpreadProgress(frame);
    if (prog > 0) {
      const s = m.spread;
      const c = p(s.center[0], s.center[1]);
      const rx = px(s.rx) * Math.sqrt(prog),
        ry = px(s.ry) * Math.sqrt(prog);
      const pad = rx + 3;
      pt.fill({ xMin: c.x - pad, yMin: c.y - pad, xMax: c.x + pad, yMax: c.y + pad }, (x, y) => {
        const v = ellipseValue(x, y, c.x, c.y, rx, ry, s.rotationDeg);
        return v < 1 ? Math.min(1, (1 - v) * 4) : 0;
      }, ECHO.fluid, ATTEN.fluid, true);
    }
    // air below the (possibly displaced) pleura
    const pBox = boxOf(pleura);
    pt.fill({ xMin: pBox.xMin, yMin: pBox.yMin, xMax: pBox.xMax, yMax: g.region.y1 + 1 }, (x, y) => (y > yAt(pleura, x) + 1 ? 1 : 0), 0, ATTEN.air);
    // pleural line: same texture every frame, shifted by the sliding
    specLine(pt, grid, pleura, { amp: 22, sigma: 1.5, rng: createRng(`${SEED}/pleura`), vary: 0.5, angleLoss: 0.3, shift: slidePx });
    // needle
    const tip = g.needle.tipByFrame[frame];
    if (tip) {
      paintNeedle(grid, maps.spec, needleScratch, g.needle.entry, tip, { amp: 16, sigma: 1.2, reverbCount: 3, reverbSpacing: px(1.6), reverbDecay: 0.4 });
    }
    // lung artefact layer
    const frng = createRng(`${SEED}/lung/${frame}`);
    const sh = slidePx;
    const i0 = Math.floor(sh);
    const f = sh - i0;
    const fresh = 0.5,
      keep = Math.sqrt(1 - fresh * fresh);
    for (const [src, out] of [
      [lungI, envI],
      [lungQ, scratchB],
    ] as const) {
      for (let s = 0; s < nSamples; s++) {
        for (let b = 0; b < nBeams; b++) {
          const col = b + margin - i0;
          const a0 = src[s * lw + col]!,
            a1 = src[s * lw + col - 1]!;
          scratchA[s * nBeams + b] = keep * ((1 - f) * a0 + f * a1) + fresh * frng.normal();
        }
      }
      blurSeparable(scratchA, out, scratchT, nBeams, nSamples, lkx, lky);
    }
    const values = new Float32Array(n);
    const gate = new Int32Array(nBeams).fill(-1);
    const decayPx = px(7);
    for (let b = 0; b < nBeams; b++) {
      const x = g.region.x0 + b + 0.5;
      const yp = yAt(pleura, x);
      const sp = Math.max(0, Math.min(nSamples - 1, Math.round(yp - g.region.y0 - 0.5)));
      gate[b] = sp;
      for (let s = sp + 2; s < nSamples; s++) {
        const y = g.region.y0 + s + 0.5;
        const i = s * nBeams + b;
        const e = Math.sqrt(envI[i]! * envI[i]! + scratchB[i]! * scratchB[i]!) * lnorm;
        const dpx = y - yp;
        values[i] = 1.3 * e * Math.exp(-dpx / decayPx) * Math.min(1, dpx / 4);
      }
    }
    return { values, gate };
  };

  return buildClip({ geometry: g, grid, params, seed: SEED, paintStatic, paintFrame });
}
