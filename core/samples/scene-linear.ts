/**
 * Paints a linear-probe sample from its spec (./linear-sample.ts): tissue bands with fibre streaks,
 * subcutaneous fat, nerves (hypoechoic roots or a bright honeycomb), vessels (arteries pulsate), bone
 * with its shadow, fascial lines, bowel, the needle advancing along its schedule, and local
 * anaesthetic spreading around the target. Everything is drawn from the same millimetre data the
 * ground truth is built from, with the synthetic scanner of ./synth.
 */
import { ellipseOutline, mmFrame } from './geometry-helpers';
import type { LinearSampleSpec, Mm, SpecStructure } from './linear-sample';
import { buildClip, linearScanner, type SampleClip } from './synth/clip';
import type { Painter } from './synth/engine';
import { createRng, type Rng } from './synth/prng';
import { ATTEN, ECHO, bone, fatSepta, fillPolygon, paintNeedle, specLine, streaks, vessel, wavy } from './synth/scene-kit';
import { boxOf, ellipseValue, inPolygon, yAt } from './synth/shapes';
import type { BeamGrid } from './synth/beam';
import type { Point2, SampleGeometry } from './types';

const smooth = (t: number) => (t <= 0 ? 0 : t >= 1 ? 1 : t * t * (3 - 2 * t));

/** Fraction (0–1) of the final injection at `frame`. */
export function linearSpreadProgress(s: Pick<LinearSampleSpec, 'injection'>, frame: number): number {
  return smooth((frame - s.injection.startFrame) / (s.injection.endFrame - s.injection.startFrame));
}

export function createLinearSampleClip(s: LinearSampleSpec, g: SampleGeometry): SampleClip {
  const seed = `blockplan-sample/${s.blockId}`;
  const { p, pts, px } = mmFrame(g);
  const { grid, params, full } = linearScanner(g, { lateral: 0.4, axial: 0.13, specLateral: 0.28, specAxial: 0.11 }, 0.09);
  const n = grid.nBeams * grid.nSamples;
  const half = s.widthMm / 2;
  const flat = (y: number) => pts([[-half - 1, y], [half + 1, y]]);
  const wrng = createRng(`${seed}/wavy`);
  /** A band's line, extended past the image edges and made gently wavy. */
  const edge = (line: readonly Mm[]) => wavy(pts([[line[0]![0] - 1, line[0]![1]], ...line, [line[line.length - 1]![0] + 1, line[line.length - 1]![1]]]), wrng, px(0.25));
  const outlineOf = (st: SpecStructure): Point2[] => {
    const sh = st.shape;
    if (sh.kind === 'band') return [...edge(sh.top), ...edge(sh.bottom).reverse()];
    if (sh.kind === 'outline') return pts(sh.points);
    if (sh.kind === 'oval') return ellipseOutline(p, sh.center, sh.rx, sh.ry, sh.rotationDeg ?? 0, 48);
    return pts(sh.points);
  };
  const arteries = s.structures.filter((st) => st.look.kind === 'vessel' && st.look.artery);

  const paintStatic = (pt: Painter) => {
    const rng = createRng(`${seed}/static`);
    pt.fill(full, () => 1, s.backgroundEcho, 0);
    fillPolygon(pt, [...flat(-1), ...flat(s.dermisMm).reverse()], ECHO.dermis);
    specLine(pt, grid, flat(0.15), { amp: 6, sigma: 0.9, rng, vary: 0.2 });
    for (const st of s.structures) {
      if (st.look.kind === 'vessel' && st.look.artery) continue; // per frame (pulsation)
      paintStructure(pt, grid, rng, st, outlineOf(st), { p, pts, px }, 0);
    }
  };

  const needleScratch = new Float32Array(n);
  const paintFrame = (frame: number, pt: Painter) => {
    const rng = createRng(`${seed}/frame`);
    // Arteries pulsate (1 Hz heartbeat at the clip's frame rate).
    const beat = 0.5 - 0.5 * Math.cos((2 * Math.PI * frame) / s.frameRateFps);
    for (const a of arteries) paintStructure(pt, grid, rng, a, outlineOf(a), { p, pts, px }, a.look.kind === 'vessel' ? ((a.look.pulsePercent ?? 6) / 100) * beat : 0);
    const prog = linearSpreadProgress(s, frame);
    if (prog > 0) {
      const inj = s.injection;
      const c = p(inj.center[0], inj.center[1]);
      const rx = px(inj.rx) * Math.sqrt(prog);
      const ry = px(inj.ry) * Math.sqrt(prog);
      const pad = Math.max(rx, ry) + 3;
      pt.fill({ xMin: c.x - pad, yMin: c.y - pad, xMax: c.x + pad, yMax: c.y + pad }, (x, y) => {
        const v = ellipseValue(x, y, c.x, c.y, rx, ry, inj.rotationDeg);
        return v < 1 ? Math.min(1, (1 - v) * 4) : 0;
      }, ECHO.fluid, ATTEN.fluid, true);
    }
    const tip = g.needle.tipByFrame[frame];
    if (tip) paintNeedle(grid, pt.maps.spec, needleScratch, g.needle.entry, tip, { amp: 16, sigma: 1.3, reverbCount: 3, reverbSpacing: px(1.4), reverbDecay: 0.4 });
    return undefined;
  };

  return buildClip({ geometry: g, grid, params, seed, paintStatic, paintFrame });
}

type Frame = ReturnType<typeof mmFrame>;

/** Paint one structure; `swell` enlarges an artery's lumen (pulsation), as a fraction of its radius. */
function paintStructure(pt: Painter, grid: BeamGrid, rng: Rng, st: SpecStructure, outline: Point2[], f: Frame, swell: number): void {
  const look = st.look;
  const box = boxOf(outline, 1);
  const inside = (x: number, y: number) => inPolygon(x, y, outline);
  switch (look.kind) {
    case 'fat':
      fillPolygon(pt, outline, ECHO.fat);
      fatSepta(pt, grid, rng, boxOf(outline, -2), Math.round((box.xMax - box.xMin) * (box.yMax - box.yMin) / 900), { lenMin: f.px(1.5), lenMax: f.px(4.5), amp: 3, sigma: 1 });
      return;
    case 'muscle': {
      fillPolygon(pt, outline, look.echo ?? ECHO.muscle);
      const count = look.streaks ?? Math.round((box.xMax - box.xMin) * (box.yMax - box.yMin) / 350);
      streaks(pt, rng, inside, box, { count, angleDeg: look.streakAngleDeg ?? 0, spreadDeg: 20, lenMin: 2, lenMax: 5.5, width: 0.8, amp: 2.8, target: 'spec' });
      // The muscle's fascia: a band's upper edge; a faint epimysium around an outlined muscle.
      if (st.shape.kind === 'band') specLine(pt, grid, outline.slice(0, outline.length / 2), { amp: 5, sigma: 1.2, rng, vary: 0.6 });
      else specLine(pt, grid, [...outline, outline[0]!], { amp: 1.6, sigma: 1.2, rng, vary: 0.7 });
      return;
    }
    case 'nerve': {
      fillPolygon(pt, outline, look.echogenic ? 0.9 : 0.06);
      const n = Math.max(4, Math.round((box.xMax - box.xMin) * (box.yMax - box.yMin) / 60));
      // Fascicles: dark dots in a bright nerve, or bright septa between dark fascicles in a root.
      streaks(pt, rng, inside, boxOf(outline, -1), { count: look.echogenic ? n * 3 : n, angleDeg: 0, spreadDeg: 90, lenMin: 0.8, lenMax: 1.6, width: 0.8, amp: look.echogenic ? 4 : 2.2, target: 'spec' });
      specLine(pt, grid, [...outline, outline[0]!], { amp: look.echogenic ? 9 : 7, sigma: 1.1, rng, vary: 0.4 });
      return;
    }
    case 'vessel': {
      const sh = st.shape;
      if (sh.kind !== 'oval') return;
      const c = f.p(sh.center[0], sh.center[1]);
      vessel(pt, grid, { cx: c.x, cy: c.y, rx: f.px(sh.rx) * (1 + swell), ry: f.px(sh.ry) * (1 + swell), rotationDeg: sh.rotationDeg ?? 0 }, { wallAmp: look.artery ? 12 : 5, wallSigma: 1.2 });
      return;
    }
    case 'bone':
      bone(pt, grid, outline, outline.slice(0, look.surfacePoints), { amp: 32, sigma: 1.6, rng });
      return;
    case 'line':
      if (look.airBelow) {
        const b = boxOf(outline);
        pt.fill({ xMin: b.xMin, yMin: b.yMin, xMax: b.xMax, yMax: pt.grid.cy[pt.grid.cy.length - 1]! + 1 }, (x, y) => (y > yAt(outline, x) + 1.5 ? 1 : 0), 0.02, ATTEN.air);
      }
      specLine(pt, grid, outline, { amp: look.amp, sigma: 1.3, rng, vary: 0.45 });
      return;
    case 'bowel': {
      fillPolygon(pt, outline, 0.7);
      // gas: short bright curved lines that shadow what lies beneath them
      for (let k = 0; k < 7; k++) {
        const x = rng.range(box.xMin + 8, box.xMax - 8);
        const y = rng.range(box.yMin + 10, box.yMax - 6);
        if (!inside(x, y)) continue;
        const w = f.px(rng.range(1.5, 3.5));
        const arc = [{ x: x - w, y: y + w * 0.25 }, { x, y }, { x: x + w, y: y + w * 0.25 }];
        pt.fill({ xMin: x - w, yMin: y + 1, xMax: x + w, yMax: box.yMax }, (xx, yy) => (inside(xx, yy) && Math.abs(xx - x) < w * 0.8 && yy > y + 1.5 ? 1 : 0), 0.05, ATTEN.air * 0.3);
        specLine(pt, grid, arc, { amp: 14, sigma: 1.2, rng, vary: 0.3 });
      }
      return;
    }
    case 'plane':
      return;
  }
}
