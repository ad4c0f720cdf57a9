/**
 * Draws the celiac plexus sample from its geometry (geometry-celiac-plexus.ts) through a curvilinear
 * probe: abdominal wall, left lobe of the liver with vessels, stomach with its layered wall,
 * pancreas, echogenic fat around the celiac origin, the pulsating aorta with the celiac trunk, IVC,
 * crura, vertebral body with its shadow, and a 22G needle advancing through the liver.
 */
import { CELIAC_MM, CELIAC_PLEXUS_GEOMETRY as G, celiacVertebraFrontMm } from './geometry-celiac-plexus';
import { mmFrame } from './geometry-helpers';
import { curvilinearGrid } from './synth/beam';
import { buildClip, regionBox, scannerParams, type SampleClip } from './synth/clip';
import type { Painter } from './synth/engine';
import { createRng } from './synth/prng';
import { ATTEN, ECHO, bone, fillPolygon, paintNeedle, specLine, streaks, tube, vessel } from './synth/scene-kit';
import { boxOf, ellipseValue, inPolygon } from './synth/shapes';
import type { Point2 } from './types';

const SEED = 'blockplan-sample/celiac-plexus';
const N_BEAMS = 384;

/** Aortic radius at `frame`, mm: end-diastolic radius plus a systolic pulse (fast rise, slower fall). */
export function celiacAortaRadiusMm(frame: number): number {
  const a = CELIAC_MM.aorta;
  const beat = 60 / a.heartRateBpm;
  const phase = ((frame / G.frameRateFps) % beat) / beat;
  const pulse = phase < 0.15 ? Math.sin((phase / 0.15) * (Math.PI / 2)) : Math.max(0, Math.cos(((phase - 0.15) / 0.5) * (Math.PI / 2)));
  return a.r + a.pulseMm * pulse;
}

export function createCeliacPlexusClip(): SampleClip {
  const g = G;
  const m = CELIAC_MM;
  const { p, pts, px } = mmFrame(g);
  if (g.probe.kind !== 'curvilinear') throw new Error('celiac sample expects a curvilinear probe');
  const half = ((g.probe.fieldOfViewDeg / 2) * Math.PI) / 180;
  const radiusPx = px(g.probe.radiusMm);
  const grid = curvilinearGrid({
    apex: g.probe.apex,
    radiusPx,
    depthPx: px(g.probe.depthMm),
    halfAngle: half,
    nBeams: N_BEAMS,
    rows: g.rows,
    columns: g.columns,
    mmPerPx: g.mmPerPx,
  });
  // Lateral beam spacing at mid-depth (mm), to express the PSF in beams.
  const midR = g.probe.radiusMm + g.probe.depthMm / 2;
  const mmPerBeam = (midR * 2 * half) / N_BEAMS;
  const params = scannerParams(grid, { lateral: 0.9, axial: 0.32, specLateral: 0.6, specAxial: 0.25 }, mmPerBeam, {
    depthLossDbPerMm: 0.035,
    dynamicRangeDb: 48,
    whiteLevel: 18,
    noiseFloor: 0.07,
    freshSpeckle: 0.06,
  });
  const apex = g.probe.apex;
  const radial = (x: number, y: number) => Math.hypot(x - apex.x, y - apex.y) - radiusPx; // px below the probe face
  const full = regionBox(g);
  const ell = (c: readonly [number, number], rx: number, ry: number) => ({ cx: p(c[0], c[1]).x, cy: p(c[0], c[1]).y, rx: px(rx), ry: px(ry) });
  /** Points of an arc at radial depth d (mm) across the sector. */
  const arcAt = (dMm: number, nPts = 40): Point2[] =>
    Array.from({ length: nPts }, (_, k) => {
      const th = -half - 0.05 + ((2 * half + 0.1) * k) / (nPts - 1);
      const r = radiusPx + px(dMm);
      return { x: apex.x + r * Math.sin(th), y: apex.y + r * Math.cos(th) };
    });
  const liver = g.structures.find((s) => s.id === 'liver-left-lobe')!.shape;
  const liverPoly = liver.kind === 'contour' ? liver.points : [];
  const pancreas = pts(m.pancreas);
  const rightCrus = pts(m.rightCrus);
  const leftCrus = pts(m.leftCrus);
  const aortaC = p(m.aorta.center[0], m.aorta.center[1]);

  const paintStatic = (pt: Painter) => {
    const rng = createRng(`${SEED}/static`);
    // Retroperitoneal and mesenteric fat behind the liver: bright and coarse.
    pt.fill(full, () => 1, 1.1, 0);
    streaks(pt, rng, () => true, { xMin: full.xMin, yMin: p(0, 30).y, xMax: full.xMax, yMax: full.yMax }, { count: 700, angleDeg: 0, spreadDeg: 90, lenMin: 3, lenMax: 7, width: 2.5, amp: 1.6 });
    streaks(pt, rng, () => true, { xMin: full.xMin, yMin: p(0, 30).y, xMax: full.xMax, yMax: full.yMax }, { count: 160, angleDeg: 0, spreadDeg: 90, lenMin: 3, lenMax: 9, width: 1.2, amp: 2.5, target: 'spec' });
    // Abdominal wall, following the probe face.
    pt.fill(full, (x, y) => (radial(x, y) < px(2) ? 1 : 0), ECHO.dermis);
    pt.fill(full, (x, y) => {
      const d = radial(x, y);
      return d >= px(2) && d < px(m.subcutBottom) ? 1 : 0;
    }, 0.12);
    pt.fill(full, (x, y) => {
      const d = radial(x, y);
      return d >= px(m.subcutBottom) && d < px(m.rectusBottom) ? 1 : 0;
    }, 0.2);
    pt.fill(full, (x, y) => {
      const d = radial(x, y);
      return Math.abs(x - apex.x) < px(5) && d >= px(m.subcutBottom) && d < px(m.rectusBottom) ? 1 : 0;
    }, 1.1);
    pt.fill(full, (x, y) => {
      const d = radial(x, y);
      return d >= px(m.rectusBottom) && d < px(m.peritoneum) ? 1 : 0;
    }, 0.9);
    streaks(pt, rng, (x, y) => {
      const d = radial(x, y);
      return d > px(m.subcutBottom + 1) && d < px(m.rectusBottom - 1) && Math.abs(x - apex.x) > px(6);
    }, full, { count: 160, angleDeg: 0, spreadDeg: 12, lenMin: 3, lenMax: 7, width: 0.9, amp: 2.5, target: 'spec' });
    specLine(pt, grid, arcAt(0.3), { amp: 5, sigma: 0.9, rng, vary: 0.2, angleLoss: 0.2 });
    specLine(pt, grid, arcAt(m.subcutBottom), { amp: 6, sigma: 1.0, rng, vary: 0.5 });
    specLine(pt, grid, arcAt(m.rectusBottom), { amp: 6, sigma: 1.0, rng, vary: 0.5 });
    specLine(pt, grid, arcAt(m.peritoneum), { amp: 5, sigma: 1.0, rng, vary: 0.5 });
    // Left lobe of the liver: homogeneous with fine bright portal tracts.
    fillPolygon(pt, liverPoly, ECHO.liver * 0.7, undefined, true);
    streaks(pt, rng, (x, y) => inPolygon(x, y, liverPoly), boxOf(liverPoly), { count: 90, angleDeg: 0, spreadDeg: 90, lenMin: 1, lenMax: 2.5, width: 0.8, amp: 2.0, target: 'spec' });
    specLine(pt, grid, pts(m.liverLower), { amp: 5, sigma: 1.0, rng, vary: 0.5 });
    for (const [x, y, r] of m.portalBranches) vessel(pt, grid, ell([x, y], r, r * 0.85), { wallAmp: 7, wallSigma: 1.0 });
    for (const [x, y, r] of m.hepaticVeins) vessel(pt, grid, ell([x, y], r, r * 0.8), { wallAmp: 0, wallSigma: 1 });
    // Stomach: layered wall (serosa bright, muscularis dark, submucosa bright, mucosa dark) around fluid contents with debris.
    const st = m.stomach;
    const sc = p(st.center[0], st.center[1]);
    const srx = px(st.rx),
      sry = px(st.ry);
    const wall = px(st.wallMm);
    const sBox = { xMin: sc.x - srx - 4, yMin: sc.y - srx - 4, xMax: sc.x + srx + 4, yMax: sc.y + srx + 4 };
    pt.fill(sBox, (x, y) => {
      const v = Math.sqrt(ellipseValue(x, y, sc.x, sc.y, srx, sry, st.rotationDeg));
      if (v >= 1) return 0;
      return 1;
    }, 0.05, ATTEN.fluid);
    const layerEcho = [2.4, 0.1, 2.6, 0.25];
    layerEcho.forEach((e, k) => {
      pt.fill(sBox, (x, y) => {
        const v = Math.sqrt(ellipseValue(x, y, sc.x, sc.y, srx, sry, st.rotationDeg));
        const depthIn = (1 - v) * (srx + sry) * 0.5; // px inside the outline
        return depthIn >= (wall * k) / 4 && depthIn < (wall * (k + 1)) / 4 ? 1 : 0;
      }, e);
    });
    for (let k = 0; k < 18; k++) {
      const a = rng.range(0, 2 * Math.PI);
      const rr = rng.range(0, 0.6);
      pt.blob(sc.x + rr * (srx - wall) * Math.cos(a), sc.y + rr * (sry - wall) * Math.sin(a), rng.range(1, 2.5), 1.0, rng.range(0, 3), rng.range(1.5, 3), 'spec');
    }
    // Pancreas, echogenic fat around the celiac origin.
    fillPolygon(pt, pancreas, 0.55, undefined, true);
    specLine(pt, grid, [...pancreas, pancreas[0]!], { amp: 2.5, sigma: 1.0, rng, vary: 0.6 });
    const cf = m.celiacFat;
    const cfe = ell(cf.center, cf.rx, cf.ry);
    pt.fill({ xMin: cfe.cx - cfe.rx - 2, yMin: cfe.cy - cfe.ry - 2, xMax: cfe.cx + cfe.rx + 2, yMax: cfe.cy + cfe.ry + 2 }, (x, y) => {
      const v = ellipseValue(x, y, cfe.cx, cfe.cy, cfe.rx, cfe.ry, 0);
      return v < 1 ? Math.min(1, (1 - v) * 2.5) : 0;
    }, ECHO.brightFat);
    // Crura (muscle), IVC, vertebral body.
    fillPolygon(pt, rightCrus, 0.07);
    fillPolygon(pt, leftCrus, 0.07);
    vessel(pt, grid, ell(m.ivc.center, m.ivc.rx, m.ivc.ry), { wallAmp: 3, wallSigma: 1.0, echo: 0.01 });
    const vb = m.vertebra;
    const vbC = p(vb.center[0], vb.center[1]);
    const vbOutline = Array.from({ length: 72 }, (_, k) => ({ x: vbC.x + px(vb.rx) * Math.cos((2 * Math.PI * k) / 72), y: vbC.y + px(vb.ry) * Math.sin((2 * Math.PI * k) / 72) }));
    const vbFront = pts(celiacVertebraFrontMm());
    bone(pt, grid, vbOutline, vbFront, { amp: 30, sigma: 1.3, rng });
    // Aortic lumen at its end-diastolic size; the pulsating wall is drawn per frame.
    vessel(pt, grid, ell(m.aorta.center, m.aorta.r, m.aorta.r), { wallAmp: 0, wallSigma: 1, echo: 0.003, atten: ATTEN.blood });
  };
  const trunk = pts([...m.celiacTrunk.points]);
  // The trunk's lumen starts inside the aorta so the aortic wall opens where it joins.
  const trunkIn = [{ x: trunk[0]!.x, y: trunk[0]!.y + px(2) }, ...trunk];

  const needleScratch = new Float32Array(grid.nBeams * grid.nSamples);
  const paintFrame = (frame: number, pt: Painter) => {
    const r = px(celiacAortaRadiusMm(frame));
    vessel(pt, grid, { cx: aortaC.x, cy: aortaC.y, rx: r, ry: r }, { wallAmp: 11, wallSigma: 1.1, echo: 0.003, atten: ATTEN.blood });
    // Celiac trunk and the stubs of its hepatic and splenic branches (they leave the plane).
    tube(pt, grid, trunkIn, px(m.celiacTrunk.r - 0.5), { wallAmp: 7, wallSigma: 1.0, openEnds: true });
    tube(pt, grid, pts(m.hepaticStub.points), px(m.hepaticStub.r - 0.5), { wallAmp: 7, wallSigma: 1.0, openEnds: true });
    tube(pt, grid, pts(m.splenicStub.points), px(m.splenicStub.r - 0.5), { wallAmp: 7, wallSigma: 1.0, openEnds: true });
    const tip = g.needle.tipByFrame[frame];
    if (tip) paintNeedle(grid, pt.maps.spec, needleScratch, g.needle.entry, tip, { amp: 14, sigma: 1.0, reverbCount: 3, reverbSpacing: px(1.4), reverbDecay: 0.4 });
    return undefined;
  };

  return buildClip({ geometry: g, grid, params, seed: SEED, paintStatic, paintFrame });
}
