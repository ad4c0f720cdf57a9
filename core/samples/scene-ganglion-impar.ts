/**
 * Draws the ganglion impar sample from its geometry (geometry-ganglion-impar.ts): skin, subcutaneous
 * fat, the dorsal sacrococcygeal ligament, the sacral and coccygeal cortices with their shadows, the
 * hypoechoic SCJ cleft between them, and a needle advancing caudal → cranial through the joint.
 */
import { GANGLION_IMPAR_GEOMETRY as G, GI_MM } from './geometry-ganglion-impar';
import { mmFrame } from './geometry-helpers';
import { buildClip, linearScanner, type SampleClip } from './synth/clip';
import type { Painter } from './synth/engine';
import { createRng } from './synth/prng';
import { ECHO, bone, fatSepta, fillLayer, fillPolygon, paintNeedle, specLine, streaks, wavy } from './synth/scene-kit';
import { boxOf, yAt } from './synth/shapes';

const SEED = 'blockplan-sample/ganglion-impar';

export function createGanglionImparClip(): SampleClip {
  const g = G;
  const m = GI_MM;
  const { p, pts, px } = mmFrame(g);
  const { grid, params, full } = linearScanner(g, { lateral: 0.42, axial: 0.13, specLateral: 0.28, specAxial: 0.11 }, 0.1);
  const n = grid.nBeams * grid.nSamples;
  const flat = (y: number) => pts([[m.xLeft - 1, y], [m.xRight + 1, y]]);
  const cl = m.cleft;
  const cleftX = (y: number) => cl.x0 + cl.slope * (y - cl.y0);
  const cleftPoly = pts([
    [cleftX(cl.y0) - cl.halfWidth, cl.y0 - 0.3],
    [cleftX(cl.y0) + cl.halfWidth, cl.y0 - 0.3],
    [cleftX(cl.y1) + cl.halfWidth, cl.y1],
    [cleftX(cl.y1) - cl.halfWidth, cl.y1],
  ]);
  const sacrumOutline = pts([...m.sacrumDorsal, [cleftX(cl.y1) - cl.halfWidth, cl.y1], ...[...m.sacrumVentral].reverse().slice(1), [m.xLeft - 1, m.sacrumVentral[0][1]], [m.xLeft - 1, m.sacrumDorsal[0][1]]]);
  const coccyxOutline = pts([...m.coccyxDorsal, [m.xRight + 1, m.coccyxDorsal[m.coccyxDorsal.length - 1]![1]], [m.xRight + 1, m.coccyxVentral[m.coccyxVentral.length - 1]![1]], ...[...m.coccyxVentral].reverse(), [cleftX(cl.y0) + cl.halfWidth, cl.y0]]);
  // Dorsal bone line across the joint (for the layers above it), x increasing.
  const boneTop = pts([[m.xLeft - 1, m.sacrumDorsal[0][1]], ...m.sacrumDorsal, ...m.coccyxDorsal, [m.xRight + 1, m.coccyxDorsal[m.coccyxDorsal.length - 1]![1]]]);
  const ligTop = boneTop.map((q) => ({ x: q.x, y: q.y - px(1.9) }));

  const paintStatic = (pt: Painter) => {
    const rng = createRng(`${SEED}/static`);
    const wrng = createRng(`${SEED}/wavy`);
    pt.fill(full, () => 1, 0.35, 0);
    fillLayer(pt, flat(-1), flat(m.dermis), ECHO.dermis);
    specLine(pt, grid, flat(0.12), { amp: 6, sigma: 1.2, rng, vary: 0.2 });
    const fatBottom = wavy(ligTop, wrng, px(0.25));
    fillLayer(pt, flat(m.dermis), fatBottom, ECHO.fat);
    // fat lobules separated by thin septa
    fatSepta(pt, grid, rng, { xMin: p(m.xLeft, 0).x, yMin: p(0, m.dermis + 0.8).y, xMax: p(m.xRight, 0).x, yMax: p(0, 8.5).y }, 45, { lenMin: px(1.5), lenMax: px(4), amp: 2.6, sigma: 1.3 });
    specLine(pt, grid, fatBottom, { amp: 5, sigma: 1.6, rng, vary: 0.6 });
    // ligamentous layer over the bone (fibrillar), bridging the joint
    fillLayer(pt, fatBottom, boneTop, ECHO.ligament * 0.35);
    streaks(pt, rng, (x, y) => y > yAt(fatBottom, x) + 2 && y < yAt(boneTop, x) - 2, boxOf([...fatBottom, ...boneTop]), {
      count: 120,
      angleDeg: 8,
      spreadDeg: 6,
      lenMin: 6,
      lenMax: 14,
      width: 1.1,
      amp: 1.4,
      target: 'spec',
    });
    specLine(pt, grid, pts(m.ligament), { amp: 4, sigma: 1.6, rng, vary: 0.5 });
    // presacral soft tissue (only seen through the joint window) and the bones
    bone(pt, grid, sacrumOutline, pts(m.sacrumDorsal), { amp: 32, sigma: 2.2, rng });
    bone(pt, grid, coccyxOutline, pts(m.coccyxDorsal), { amp: 30, sigma: 2.2, rng });
    // the joint cleft: hypoechoic fibrocartilage
    fillPolygon(pt, cleftPoly, 0.12, 0);
  };

  const needleScratch = new Float32Array(n);
  const paintFrame = (frame: number, pt: Painter) => {
    const tip = g.needle.tipByFrame[frame];
    if (tip) paintNeedle(grid, pt.maps.spec, needleScratch, g.needle.entry, tip, { amp: 15, sigma: 2.1, reverbCount: 3, reverbSpacing: px(1.2), reverbDecay: 0.4 });
    return undefined;
  };

  return buildClip({ geometry: g, grid, params, seed: SEED, paintStatic, paintFrame });
}
