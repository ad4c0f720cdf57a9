import { describe, it, expect } from 'vitest';
import type { ProbePose } from '../../../../core/anatomy/plan3d';
import type { AtlasCategory } from '../../../../core/anatomy/atlas-manifest';
import { renderBmode, type BmodeImage, type SimStructure } from '../../../../core/sim/bmode';

/**
 * The simulated B-mode image on hand-made sections (plane mm: u lateral, v depth), where the
 * expected picture follows from the physics the simulator claims: specular echoes only near normal
 * incidence, TGC, shadows and enhancement, speckle statistics, faint reverberations, calibration.
 */

const linear: ProbePose = { kind: 'linear', position: [0, 0, 0], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 60, widthMm: 40 };
const curved: ProbePose = { kind: 'curvilinear', position: [0, 0, 0], beamDir: [0, -1, 0], lateralDir: [1, 0, 0], depthMm: 120, widthMm: 60, radiusMm: 50 };

/** A closed polygon contour from plane points. */
const poly = (pts: [number, number][]) => ({ closed: true, points: Float32Array.from(pts.flat()) });
/** A rectangle centred at (u, v), w × h mm, turned `deg` (clockwise on screen, + = its right end deeper). */
function rect(u: number, v: number, w: number, h: number, deg = 0) {
  const a = (deg * Math.PI) / 180, c = Math.cos(a), s = Math.sin(a);
  const corner = (x: number, y: number): [number, number] => [u + x * c - y * s, v + x * s + y * c];
  return poly([corner(-w / 2, -h / 2), corner(w / 2, -h / 2), corner(w / 2, h / 2), corner(-w / 2, h / 2)]);
}
const circle = (u: number, v: number, r: number) => poly(Array.from({ length: 64 }, (_, k) => [u + r * Math.cos((2 * Math.PI * k) / 64), v + r * Math.sin((2 * Math.PI * k) / 64)] as [number, number]));
const st = (id: string, category: AtlasCategory | null, contours: SimStructure['contours']): SimStructure => ({ id, category, contours });

const render = (pose: ProbePose, structures: SimStructure[], extra: Partial<Parameters<typeof renderBmode>[2]> = {}) => renderBmode(pose, structures, { columns: 400, rows: 400, ...extra });

/** Grey value at a plane point (mm). */
function at(img: BmodeImage, u: number, v: number): number {
  const x = Math.floor(img.originPx.x + u / img.mmPerPx), y = Math.floor(img.originPx.y + v / img.mmPerPx);
  return img.pixels[y * img.columns + x]!;
}
/** Mean and standard deviation of the grey values in a plane box (mm). */
function stats(img: BmodeImage, u0: number, u1: number, v0: number, v1: number): { mean: number; sd: number } {
  let s = 0, s2 = 0, n = 0;
  for (let u = u0; u <= u1; u += img.mmPerPx) {
    for (let v = v0; v <= v1; v += img.mmPerPx) {
      const g = at(img, u, v);
      s += g;
      s2 += g * g;
      n++;
    }
  }
  const mean = s / n;
  return { mean, sd: Math.sqrt(Math.max(0, s2 / n - mean * mean)) };
}
/** Brightest grey within ±halfMm of the line from a to b (across it), averaged along it. */
function lineBrightness(img: BmodeImage, a: [number, number], b: [number, number], halfMm = 0.8): number {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const t = [(b[0] - a[0]) / len, (b[1] - a[1]) / len], n = [-t[1]!, t[0]!];
  let sum = 0, count = 0;
  for (let d = len * 0.2; d <= len * 0.8; d += img.mmPerPx) {
    let best = 0;
    for (let o = -halfMm; o <= halfMm; o += img.mmPerPx / 2) best = Math.max(best, at(img, a[0] + t[0]! * d + n[0]! * o, a[1] + t[1]! * d + n[1]! * o));
    sum += best;
    count++;
  }
  return sum / count;
}

describe('surface echoes: bright only where the beam meets a surface near-perpendicular', () => {
  it('a bone cortex facing the probe is bright; turned 60° it is far dimmer', () => {
    const top = (deg: number): [[number, number], [number, number]] => {
      const a = (deg * Math.PI) / 180;
      return [[-8 * Math.cos(a) + 2 * Math.sin(a), 20 - 8 * Math.sin(a) - 2 * Math.cos(a)], [8 * Math.cos(a) + 2 * Math.sin(a), 20 + 8 * Math.sin(a) - 2 * Math.cos(a)]];
    };
    const square = render(linear, [st('b', 'bone', [rect(0, 20, 16, 4, 0)])]);
    const steep = render(linear, [st('b', 'bone', [rect(0, 20, 16, 4, 60)])]);
    const s = lineBrightness(square, ...top(0));
    const o = lineBrightness(steep, ...top(60));
    expect(s).toBeGreaterThan(210);
    expect(o).toBeLessThan(s - 60);
  });

  it('a soft-tissue boundary shows as a line where the beam crosses it square, not where the beam runs along it', () => {
    // A muscle block: its top edge (perpendicular to the beam) and its side edge (parallel).
    const img = render(linear, [st('m', 'muscle', [rect(6, 30, 20, 20)])]);
    const topEdge = lineBrightness(img, [0, 20], [12, 20]);
    const muscle = stats(img, 0, 12, 24, 36).mean;
    const fat = stats(img, -15, -8, 24, 36).mean;
    expect(topEdge).toBeGreaterThan(Math.max(muscle, fat) + 40);
    // Along the side edge (u = −4) the grey stays between the two tissues' means (a soft boundary, no outline).
    const side = stats(img, -4.4, -3.6, 24, 36).mean;
    expect(side).toBeLessThan(Math.max(muscle, fat) + 8);
  });
});

describe('attenuation and time-gain compensation', () => {
  it('the automatic TGC keeps homogeneous tissue even with depth', () => {
    const img = render(linear, [st('liver', 'organ', [rect(0, 31, 60, 62)])]);
    const shallow = stats(img, -15, 15, 5, 10).mean;
    const deep = stats(img, -15, 15, 50, 55).mean;
    expect(Math.abs(shallow - deep)).toBeLessThan(20);
    expect(shallow).toBeGreaterThan(60);
  });

  it('shows posterior enhancement below a vessel and an acoustic shadow below bone', () => {
    const img = render(linear, [st('liver', 'organ', [rect(0, 31, 60, 62)]), st('vessel', 'vessel', [circle(-10, 18, 5)]), st('rib', 'bone', [circle(10, 18, 4)])]);
    const beside = stats(img, -2, 2, 35, 45).mean;
    expect(stats(img, -12, -8, 35, 45).mean).toBeGreaterThan(beside + 6);
    expect(stats(img, 8, 12, 35, 45).mean).toBeLessThan(beside * 0.4);
    // The lumen itself is anechoic.
    expect(stats(img, -12, -8, 16, 20).mean).toBeLessThan(40);
  });
});

describe('speckle texture', () => {
  it('gives each tissue its mean and texture: parenchyma finely speckled, muscle darker and spottier', () => {
    const img = render(linear, [st('liver', 'organ', [rect(-10, 30, 20, 40)]), st('m', 'muscle', [rect(10, 30, 20, 40)])]);
    const organ = stats(img, -16, -4, 20, 40), muscle = stats(img, 4, 16, 20, 40);
    expect(organ.mean).toBeGreaterThan(muscle.mean + 15);
    // Log-compressed Rayleigh speckle has an SD of 5.6 dB; compounding two looks lowers it (≈ 4 dB ≈ 17 grey levels at 60 dB).
    expect(organ.sd).toBeGreaterThan(8);
    expect(organ.sd).toBeLessThan(30);
    expect(muscle.sd).toBeGreaterThan(organ.sd);
  });

  it('moves with the anatomy when the probe slides along its long axis, and decorrelates when it moves across the plane', () => {
    const slab = [st('liver', 'organ', [rect(0, 31, 80, 62)])];
    const a = render(linear, slab);
    const shifted = render({ ...linear, position: [2, 0, 0] }, slab.map((s) => ({ ...s, contours: [rect(-2, 31, 80, 62)] })));
    const across = render({ ...linear, position: [0, 0, 3] }, slab);
    const corr = (x: BmodeImage, y: BmodeImage, du: number) => {
      const p: number[] = [], q: number[] = [];
      for (let u = -10; u <= 10; u += 0.3) for (let v = 20; v <= 40; v += 0.3) {
        p.push(at(x, u, v));
        q.push(at(y, u - du, v));
      }
      const m = (z: number[]) => z.reduce((s, v) => s + v, 0) / z.length;
      const mp = m(p), mq = m(q);
      let sxy = 0, sx = 0, sy = 0;
      for (let i = 0; i < p.length; i++) {
        sxy += (p[i]! - mp) * (q[i]! - mq);
        sx += (p[i]! - mp) ** 2;
        sy += (q[i]! - mq) ** 2;
      }
      return sxy / Math.sqrt(sx * sy);
    };
    expect(corr(a, shifted, 2)).toBeGreaterThan(0.8); // the same tissue, 2 mm to the left in the image
    expect(Math.abs(corr(a, across, 0))).toBeLessThan(0.3);
  });
});

describe('lung artefacts', () => {
  it('the pleural line is bright; its A-line reverberation at twice its depth is present but much fainter', () => {
    const img = render(linear, [st('parietal-pleura', 'pleura', [rect(0, 20.5, 60, 1)]), st('lung-test', null, [rect(0, 41, 60, 40)])]);
    const line = lineBrightness(img, [-10, 20.5], [10, 20.5], 1.2);
    const aLine = lineBrightness(img, [-10, 42], [10, 42], 1.5);
    const between = stats(img, -10, 10, 33, 36).mean;
    expect(line).toBeGreaterThan(220);
    expect(aLine).toBeLessThan(line - 50);
    expect(aLine).toBeGreaterThan(between + 10);
  });
});

describe('needle', () => {
  it('is bright when it lies across the beam and dimmer when steep (insonation angle)', () => {
    const flat = render(linear, [], { needle: { entry: { u: -15, v: 20 }, tip: { u: 15, v: 24 } } });
    const steep = render(linear, [], { needle: { entry: { u: -5, v: 5 }, tip: { u: 5, v: 45 } } });
    const b1 = lineBrightness(flat, [-15, 20], [15, 24], 0.6);
    const b2 = lineBrightness(steep, [-5, 5], [5, 45], 0.6);
    expect(b1).toBeGreaterThan(230);
    expect(b2).toBeLessThan(b1 - 20);
    expect(b2).toBeGreaterThan(stats(steep, -15, -8, 20, 30).mean + 30); // still visible
  });
});

describe('calibration', () => {
  it.each([
    ['linear', linear, { u: 5, v: 37 }],
    ['curvilinear', curved, { u: -20, v: 80 }],
  ] as const)('%s: a small reflector shows at its plane position through mmPerPx and originPx', (_k, pose, p) => {
    const img = render(pose, [st('liver', 'organ', [rect(0, 60, 200, 120)]), st('dot', 'bone', [circle(p.u, p.v, 1.5)])], { columns: 640, rows: 480 });
    let best = { g: -1, x: 0, y: 0 };
    const cx = img.originPx.x + p.u / img.mmPerPx, cy = img.originPx.y + p.v / img.mmPerPx;
    for (let y = Math.round(cy - 40); y <= cy + 40; y++) for (let x = Math.round(cx - 40); x <= cx + 40; x++) {
      const g = img.pixels[y * img.columns + x]!;
      if (g > best.g) best = { g, x, y };
    }
    expect(best.g).toBeGreaterThan(180);
    // The brightest echo is the top of the reflector (1.5 mm above its centre), within the resolution cell.
    expect(Math.abs((best.x + 0.5 - img.originPx.x) * img.mmPerPx - p.u)).toBeLessThan(1.5);
    expect(Math.abs((best.y + 0.5 - img.originPx.y) * img.mmPerPx - (p.v - 1.5))).toBeLessThan(1.2);
    expect(img.region.x0).toBeGreaterThanOrEqual(0);
    expect(img.region.y1).toBeLessThan(img.rows);
  });
});
