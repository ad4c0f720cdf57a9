/**
 * The committed sample clips (assets/samples/*.dcm) against their ground truth (core/samples/geometry),
 * read only by independent tools: dciodvfy, dcmdump, and DCMTK's decoder (dcmdjpeg + dcm2pnm).
 * Also checks that regenerating them gives byte-identical files.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CELIAC_PLEXUS_GEOMETRY as CP,
  GANGLION_IMPAR_GEOMETRY as GI,
  SAMPLE_GEOMETRIES,
  THORACIC_PARAVERTEBRAL_GEOMETRY as TP,
  sampleStructure,
  type Point2,
  type SampleGeometry,
} from '../../../../core/samples/geometry';
import { sampleInstanceUids } from '../../../../core/samples/clips';
import { GI_MM } from '../../../../core/samples/geometry-ganglion-impar';
import { TPVB_MM } from '../../../../core/samples/geometry-thoracic-paravertebral';
import { dciodvfy, dcmdump, decodeAllFrames, dumpValue, requireTools, type PnmImage } from '../dicom/write/dcmtk';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
const assets = join(repoRoot, 'assets/samples');

let tmp: string;
const decoded = new Map<string, { count: number; frame: (i: number) => PnmImage }>();
let regen: { status: number | null; out: string };

beforeAll(() => {
  requireTools(['dciodvfy', 'dcmdump', 'dcmdjpeg', 'dcm2pnm']);
  tmp = mkdtempSync(join(tmpdir(), 'bp-samples-'));
  const out = join(tmp, 'regen');
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(repoRoot, 'build/scripts/make-samples.ts'), '--out', out], {
    cwd: repoRoot,
    encoding: 'utf8',
    timeout: 900_000,
  });
  regen = { status: r.status, out: `${r.stdout}${r.stderr}` };
  for (const g of SAMPLE_GEOMETRIES) {
    const d = join(tmp, g.blockId);
    mkdirSync(d);
    decoded.set(g.blockId, decodeAllFrames(join(assets, g.fileName), d));
  }
}, 1_000_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

// ---- image helpers (px coordinates as in core/samples/types: pixel (i, j) covers [i, i+1) × [j, j+1)) ----

const px = (img: PnmImage, x: number, y: number) => img.data[Math.floor(y) * img.width + Math.floor(x)]!;
const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
const mmToPx = (g: SampleGeometry, xMm: number, yMm: number): Point2 => ({ x: g.reference.x + xMm / g.mmPerPx, y: g.reference.y + yMm / g.mmPerPx });

function yOn(line: readonly Point2[], x: number): number {
  const pts = [...line].sort((a, b) => a.x - b.x);
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i]!,
      b = pts[i + 1]!;
    if (x >= a.x && x <= b.x) return a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  throw new Error(`x ${x} outside polyline`);
}

function inPoly(x: number, y: number, poly: readonly Point2[]): boolean {
  let c = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!,
      b = poly[j]!;
    if (a.y > y !== b.y > y && x < ((b.x - a.x) * (y - a.y)) / (b.y - a.y) + a.x) c = !c;
  }
  return c;
}

/** Mean of pixels whose centre is inside `poly` and at least `erode` px from every edge. */
function meanInside(img: PnmImage, poly: readonly Point2[], erode: number): { mean: number; n: number } {
  const xs = poly.map((p) => p.x),
    ys = poly.map((p) => p.y);
  const v: number[] = [];
  for (let y = Math.floor(Math.min(...ys)); y < Math.ceil(Math.max(...ys)); y++) {
    for (let x = Math.floor(Math.min(...xs)); x < Math.ceil(Math.max(...xs)); x++) {
      const cx = x + 0.5,
        cy = y + 0.5;
      if (!inPoly(cx, cy, poly)) continue;
      let ok = true;
      for (let i = 0, j = poly.length - 1; i < poly.length && ok; j = i++) {
        const a = poly[j]!,
          b = poly[i]!;
        const dx = b.x - a.x,
          dy = b.y - a.y;
        const t = Math.max(0, Math.min(1, ((cx - a.x) * dx + (cy - a.y) * dy) / (dx * dx + dy * dy || 1)));
        if (Math.hypot(a.x + t * dx - cx, a.y + t * dy - cy) < erode) ok = false;
      }
      if (ok && x >= 0 && y >= 0 && x < img.width && y < img.height) v.push(px(img, x, y));
    }
  }
  return { mean: v.length ? mean(v) : NaN, n: v.length };
}

/** For points along a→b (fractions f0..f1), the max pixel within ±r px perpendicular; returns their mean. */
function ridge(img: PnmImage, a: Point2, b: Point2, f0: number, f1: number, r = 2, offsetPx = 0): number {
  const len = Math.hypot(b.x - a.x, b.y - a.y);
  const nx = -(b.y - a.y) / len,
    ny = (b.x - a.x) / len;
  const v: number[] = [];
  for (let f = f0; f <= f1 + 1e-9; f += 1 / len) {
    const x = a.x + f * (b.x - a.x) + offsetPx * nx,
      y = a.y + f * (b.y - a.y) + offsetPx * ny;
    let m = 0;
    for (let k = -r; k <= r; k++) m = Math.max(m, px(img, x + k * nx, y + k * ny));
    v.push(m);
  }
  return mean(v);
}

function polyline(g: SampleGeometry, id: string): readonly Point2[] {
  const s = sampleStructure(g, id)!.shape;
  if (s.kind === 'ellipse') throw new Error(`${id} is an ellipse`);
  return s.points;
}

// ---- tests ----

describe('sample clips: files', () => {
  it('regenerating them (npm run samples) gives byte-identical files', () => {
    expect(regen.status, regen.out).toBe(0);
    for (const g of SAMPLE_GEOMETRIES) {
      const a = readFileSync(join(assets, g.fileName));
      const b = readFileSync(join(tmp, 'regen', g.fileName));
      expect(b.length, g.fileName).toBe(a.length);
      expect(b.equals(a), `${g.fileName} differs from the committed file: rerun npm run samples and commit`).toBe(true);
    }
  });

  for (const g of SAMPLE_GEOMETRIES) {
    it(`${g.fileName}: dciodvfy reports no errors (and no warnings)`, () => {
      const v = dciodvfy(join(assets, g.fileName));
      expect(v.output).toContain('USMultiFrameImage');
      expect(v.errors, v.output).toEqual([]);
      expect(v.warnings, v.output).toEqual([]);
    });

    it(`${g.fileName}: dcmdump shows the stated frames, frame time, region and deltas; small file`, () => {
      const file = join(assets, g.fileName);
      const d = dcmdump(file);
      expect(dumpValue(d, '(0002,0010)')).toBe('=JPEGBaseline');
      expect(dumpValue(d, '(0008,0016)')).toBe('=UltrasoundMultiframeImageStorage');
      expect(Number(dumpValue(d, '(0028,0008)'))).toBe(g.frameCount);
      expect(Number(dumpValue(d, '(0018,1063)'))).toBeCloseTo(g.frameTimeMs, 6);
      expect(Number(dumpValue(d, '(0018,0040)'))).toBe(g.frameRateFps);
      expect([Number(dumpValue(d, '(0028,0010)')), Number(dumpValue(d, '(0028,0011)'))]).toEqual([g.rows, g.columns]);
      expect(Number(dumpValue(d, '(0018,602c)')) * 10).toBeCloseTo(g.mmPerPx, 12);
      expect(Number(dumpValue(d, '(0018,602e)')) * 10).toBeCloseTo(g.mmPerPx, 12);
      expect([dumpValue(d, '(0018,6024)'), dumpValue(d, '(0018,6026)'), dumpValue(d, '(0018,6012)'), dumpValue(d, '(0018,6014)')]).toEqual(['3', '3', '1', '1']);
      expect(['(0018,6018)', '(0018,601a)', '(0018,601c)', '(0018,601e)'].map((t) => Number(dumpValue(d, t)))).toEqual([g.region.x0, g.region.y0, g.region.x1, g.region.y1]);
      expect(Number(dumpValue(d, '(0018,6020)')) + g.region.x0).toBe(g.reference.x);
      expect(Number(dumpValue(d, '(0018,6022)')) + g.region.y0).toBe(g.reference.y);
      expect(dumpValue(d, '(0010,0010)')).toBe('SYNTHETIC^SAMPLE');
      expect(dumpValue(d, '(0008,0070)')).toBe('BlockPlan synthetic');
      expect(dumpValue(d, '(0008,0018)')).toBe(sampleInstanceUids(g).instance);
      expect(readFileSync(file).length).toBeLessThan(5_000_000);
      expect(decoded.get(g.blockId)!.count).toBe(g.frameCount);
    });
  }
});

/** Pixels inside a closed outline shrunk towards its centre by `scale`, farther than `awayPx` from the needle line. */
function insidePocket(img: PnmImage, g: SampleGeometry, scale: number, awayPx: number): number {
  const poly = g.injection!.finalContour;
  const c = { x: mean(poly.map((p) => p.x)), y: mean(poly.map((p) => p.y)) };
  const inner = poly.map((p) => ({ x: c.x + (p.x - c.x) * scale, y: c.y + (p.y - c.y) * scale }));
  const { entry, target } = g.needle;
  const len = Math.hypot(target.x - entry.x, target.y - entry.y);
  const v: number[] = [];
  for (let y = Math.floor(Math.min(...inner.map((p) => p.y))); y <= Math.ceil(Math.max(...inner.map((p) => p.y))); y++) {
    for (let x = Math.floor(Math.min(...inner.map((p) => p.x))); x <= Math.ceil(Math.max(...inner.map((p) => p.x))); x++) {
      if (!inPoly(x + 0.5, y + 0.5, inner)) continue;
      const d = Math.abs((x + 0.5 - entry.x) * (target.y - entry.y) - (y + 0.5 - entry.y) * (target.x - entry.x)) / len;
      // the needle lies along the line and its reverberations below it, down each beam (vertical here)
      const lineY = entry.y + ((target.y - entry.y) * (x + 0.5 - entry.x)) / (target.x - entry.x);
      if (d < awayPx || (y + 0.5 > lineY && y + 0.5 < lineY + 8 * awayPx)) continue;
      v.push(px(img, x, y));
    }
  }
  return mean(v);
}

describe('every sample: the key frames show what their labels say (DCMTK decode)', () => {
  for (const g of SAMPLE_GEOMETRIES) {
    it(`${g.blockId}: scout without the needle, needle visible and target view with it, spread with fluid`, () => {
      const f = (i: number) => decoded.get(g.blockId)!.frame(i);
      const n = g.needle;
      const len = Math.hypot(n.target.x - n.entry.x, n.target.y - n.entry.y);
      const base = f(0);
      expect(n.tipByFrame[0]).toBeNull();
      for (const k of g.keyFrames) {
        const tip = n.tipByFrame[k.frame];
        if (k.tag === 'scout view') {
          expect(tip, `${k.tag} frame ${k.frame}`).toBeNull();
        } else if (k.tag === 'needle visible' || k.tag === 'target view') {
          expect(tip, `${k.tag} frame ${k.frame}`).not.toBeNull();
          const frac = Math.hypot(tip!.x - n.entry.x, tip!.y - n.entry.y) / len;
          if (k.tag === 'target view') expect(frac).toBe(1);
          else expect(frac).toBeGreaterThan(0.3);
          // The shaft drawn so far is bright where frame 0 has tissue only.
          const shaft = ridge(f(k.frame), n.entry, n.target, 0.1, frac - 0.05) - ridge(base, n.entry, n.target, 0.1, frac - 0.05);
          expect(shaft, `${g.blockId} ${k.tag} frame ${k.frame}: needle brightness over the tissue`).toBeGreaterThan(30);
        } else if (k.tag === 'spread of local anaesthetic') {
          expect(g.injection, 'a spread key frame needs an injection').toBeDefined();
          expect(k.frame).toBeGreaterThanOrEqual(g.injection!.startFrame);
          // The pocket's middle is anechoic: much darker than the same pixels before the injection.
          const before = insidePocket(base, g, 0.6, 3);
          const after = insidePocket(f(k.frame), g, 0.6, 3);
          expect(after, `${g.blockId} spread frame ${k.frame}: ${after.toFixed(1)} vs ${before.toFixed(1)} before`).toBeLessThan(0.6 * before);
        }
      }
    });
  }
});

describe('thoracic paravertebral clip shows its geometry (DCMTK decode)', () => {
  const f = (i: number) => decoded.get(TP.blockId)!.frame(i);
  const pleura = () => polyline(TP, 'pleura');

  it('the pleura is a bright line at the stated depth, much brighter than the tissue above it', () => {
    const img = f(0);
    const peaks: number[] = [],
      offsets: number[] = [],
      above: number[] = [];
    for (let xMm = 2; xMm <= 22; xMm += 0.5) {
      const x = mmToPx(TP, xMm, 0).x;
      const yp = yOn(pleura(), x);
      let best = -1,
        by = 0;
      for (let y = Math.floor(yp - 13); y <= Math.ceil(yp + 13); y++) {
        if (px(img, x, y) > best) {
          best = px(img, x, y);
          by = y + 0.5;
        }
      }
      peaks.push(best);
      offsets.push(Math.abs(by - yp) * TP.mmPerPx);
      for (let y = yp - 6 / TP.mmPerPx; y < yp - 3 / TP.mmPerPx; y++) above.push(px(img, x, y));
    }
    expect(mean(peaks)).toBeGreaterThan(2 * mean(above));
    expect(mean(peaks)).toBeGreaterThan(170);
    offsets.sort((a, b) => a - b);
    expect(offsets[Math.floor(offsets.length / 2)]).toBeLessThanOrEqual(0.5); // median peak within 0.5 mm of the stated line
  });

  it('the transverse process casts a dark acoustic shadow; its cortex is bright', () => {
    const img = f(0);
    const sh = meanInside(img, TP.shadows[0]!.contour, 8);
    expect(sh.n).toBeGreaterThan(5000);
    expect(sh.mean).toBeLessThan(20);
    const tpTop = mmToPx(TP, -18, 37.05);
    const cortex = ridge(img, { x: tpTop.x - 30, y: tpTop.y }, { x: tpTop.x + 30, y: tpTop.y }, 0, 1, 6);
    expect(cortex).toBeGreaterThan(200);
  });

  it('the needle is bright along its stated path only when the clip says it is there', () => {
    const n = TP.needle;
    const at = n.reachesTargetFrame;
    const onPath = ridge(f(at), n.entry, n.target, 0.15, 0.95);
    const before = ridge(f(0), n.entry, n.target, 0.15, 0.95);
    const beside = ridge(f(at), n.entry, n.target, 0.15, 0.95, 2, -2 / TP.mmPerPx);
    expect(onPath - before).toBeGreaterThan(40);
    expect(onPath - beside).toBeGreaterThan(40);
    // mid-advance: bright up to the tip, not beyond it
    const mid = 24;
    const tip = n.tipByFrame[mid]!;
    const frac = Math.hypot(tip.x - n.entry.x, tip.y - n.entry.y) / Math.hypot(n.target.x - n.entry.x, n.target.y - n.entry.y);
    expect(frac).toBeGreaterThan(0.3);
    expect(frac).toBeLessThan(0.8);
    expect(ridge(f(mid), n.entry, n.target, 0.1, frac - 0.05) - ridge(f(0), n.entry, n.target, 0.1, frac - 0.05)).toBeGreaterThan(40);
    expect(Math.abs(ridge(f(mid), n.entry, n.target, frac + 0.08, 0.95) - ridge(f(0), n.entry, n.target, frac + 0.08, 0.95))).toBeLessThan(15);
  });

  it('lung sliding: the texture below the pleura changes between frames, the muscle above barely does', () => {
    const a = f(0),
      b = f(15);
    const lung: number[] = [],
      muscle: number[] = [];
    for (let xMm = 4; xMm <= 22; xMm += 0.3) {
      const x = mmToPx(TP, xMm, 0).x;
      const yp = yOn(pleura(), x);
      for (let dMm = 1.5; dMm <= 5; dMm += 0.3) lung.push(Math.abs(px(a, x, yp + dMm / TP.mmPerPx) - px(b, x, yp + dMm / TP.mmPerPx)));
      for (let yMm = 25; yMm <= 28; yMm += 0.3) muscle.push(Math.abs(px(a, x, mmToPx(TP, 0, yMm).y) - px(b, x, mmToPx(TP, 0, yMm).y)));
    }
    expect(mean(lung)).toBeGreaterThan(3 * mean(muscle));
  });

  it('local anaesthetic: an anechoic pocket grows around the tip and the pleura is pushed ~3 mm deeper', () => {
    const inj = TP.injection!;
    const last = f(TP.frameCount - 1);
    const c = inj.finalContour;
    const cx = mean(c.map((p) => p.x)),
      cy = mean(c.map((p) => p.y));
    // inner 70% of the pocket, medial to the tip (away from the needle and its reverberations) but
    // lateral to the TP's shadow edge (dark anyway)
    const xMin = mmToPx(TP, TPVB_MM.shadowEdgeX + 1, 0).x;
    const xMax = TP.needle.target.x - 0.6 / TP.mmPerPx;
    const core = c.map((p) => ({ x: Math.max(xMin, Math.min(xMax, cx + 0.7 * (p.x - cx))), y: cy + 0.7 * (p.y - cy) }));
    const fluid = meanInside(last, core, 0);
    const tissue = meanInside(f(0), core, 0);
    expect(fluid.n).toBeGreaterThan(100);
    expect(fluid.mean).toBeLessThan(20);
    expect(tissue.mean - fluid.mean).toBeGreaterThan(15);
    expect(meanInside(f(inj.startFrame - 1), core, 0).mean - fluid.mean).toBeGreaterThan(15);
    // pleural peak at x = −6 mm (centre of the push): frame 0 vs the last frame
    const x = mmToPx(TP, -6, 0).x;
    const yp = yOn(pleura(), x);
    const peakRow = (img: PnmImage) => {
      let best = -1,
        by = 0;
      for (let y = Math.floor(yp - 8); y <= Math.ceil(yp + 6 / TP.mmPerPx); y++) {
        const v = px(img, x, y) + px(img, x - 1, y) + px(img, x + 1, y);
        if (v > best) {
          best = v;
          by = y;
        }
      }
      return by;
    };
    const shiftMm = (peakRow(last) - peakRow(f(0))) * TP.mmPerPx;
    expect(shiftMm).toBeGreaterThan(inj.maxPleuralDisplacementMm - 0.8);
    expect(shiftMm).toBeLessThan(inj.maxPleuralDisplacementMm + 0.8);
  });
});

describe('ganglion impar clip shows its geometry (DCMTK decode)', () => {
  const f = (i: number) => decoded.get(GI.blockId)!.frame(i);

  it('sacral and coccygeal cortices are bright with dark shadows beneath; the SCJ is a gap between them', () => {
    const img = f(0);
    const sac = polyline(GI, 'sacrum');
    // dorsal cortex of the sacrum: first points of its contour (−19.2 … −5 mm)
    const cortex = ridge(img, sac[1]!, sac[3]!, 0, 1, 5);
    const fat = ridge(img, { x: sac[1]!.x, y: sac[1]!.y - 4 / GI.mmPerPx }, { x: sac[3]!.x, y: sac[3]!.y - 4 / GI.mmPerPx }, 0, 1, 5);
    expect(cortex).toBeGreaterThan(200);
    expect(cortex).toBeGreaterThan(1.8 * fat);
    for (const s of GI.shadows) {
      const m = meanInside(img, s.contour, 10);
      expect(m.n, s.id).toBeGreaterThan(3000);
      expect(m.mean, s.id).toBeLessThan(20);
    }
    // across the joint at the level of the dorsal cortex (and 0.5 mm below it): the gap is darker than the cortices
    const surface = [...GI_MM.sacrumDorsal, ...GI_MM.coccyxDorsal].map(([x, y]) => mmToPx(GI, x, y));
    const colMax = (xMm: number) => {
      const x = mmToPx(GI, xMm, 0).x;
      const ys = yOn(surface, x);
      let m = 0;
      for (let y = ys - 0.1 / GI.mmPerPx; y <= ys + 0.5 / GI.mmPerPx; y++) m = Math.max(m, px(img, x, y));
      return m;
    };
    const cl = GI_MM.cleft;
    const gapXs = [-0.8, -0.4, 0, 0.4, 0.8].map((d) => cl.x0 + d);
    const gap = mean(gapXs.map(colMax));
    const sides = mean([cl.x0 - cl.halfWidth - 1.5, cl.x0 - cl.halfWidth - 1, cl.x0 + cl.halfWidth + 1, cl.x0 + cl.halfWidth + 1.5].map(colMax));
    expect(sides).toBeGreaterThan(180);
    expect(gap).toBeLessThan(0.6 * sides);
  });

  it('the needle is bright above the bone at the stated frames and vanishes into the shadow beyond the joint', () => {
    const n = GI.needle;
    const at = n.reachesTargetFrame;
    // fraction of the path above the dorsal surface (~14 mm of 27.2 mm depth)
    const onPath = ridge(f(at), n.entry, n.target, 0.1, 0.45);
    expect(onPath - ridge(f(0), n.entry, n.target, 0.1, 0.45)).toBeGreaterThan(40);
    expect(onPath - ridge(f(at), n.entry, n.target, 0.1, 0.45, 2, 3 / GI.mmPerPx)).toBeGreaterThan(40);
    // deep part (inside the shadow, in front of the bone): not visible
    expect(ridge(f(at), n.entry, n.target, 0.8, 1)).toBeLessThan(30);
  });
});

describe('celiac plexus clip shows its geometry (DCMTK decode)', () => {
  const f = (i: number) => decoded.get(CP.blockId)!.frame(i);
  const circle = (c: Point2, r: number, n = 48) => Array.from({ length: n }, (_, k) => ({ x: c.x + r * Math.cos((2 * Math.PI * k) / n), y: c.y + r * Math.sin((2 * Math.PI * k) / n) }));

  it('aorta and IVC lumens are anechoic inside brighter surroundings', () => {
    const img = f(0);
    const ao = sampleStructure(CP, 'aorta')!.shape;
    const ivc = sampleStructure(CP, 'ivc')!.shape;
    if (ao.kind !== 'ellipse' || ivc.kind !== 'ellipse') throw new Error('expected ellipses');
    expect(meanInside(img, circle(ao.center, ao.radiusX * 0.6), 0).mean).toBeLessThan(25);
    const ring: number[] = [];
    for (let k = 0; k < 72; k++) {
      const a = (2 * Math.PI * k) / 72;
      for (let r = ao.radiusX * 1.4; r < ao.radiusX * 1.8; r += 1) ring.push(px(img, ao.center.x + r * Math.cos(a), ao.center.y + r * Math.sin(a)));
    }
    expect(mean(ring)).toBeGreaterThan(60);
    const ivcCore = Array.from({ length: 36 }, (_, k) => ({
      x: ivc.center.x + 0.6 * ivc.radiusX * Math.cos((2 * Math.PI * k) / 36),
      y: ivc.center.y + 0.6 * ivc.radiusY * Math.sin((2 * Math.PI * k) / 36),
    }));
    expect(meanInside(img, ivcCore, 0).mean).toBeLessThan(25);
  });

  it('the vertebral body casts a dark shadow; outside the sector the image is black', () => {
    const img = f(0);
    const sh = meanInside(img, CP.shadows[0]!.contour, 6);
    expect(sh.n).toBeGreaterThan(3000);
    expect(sh.mean).toBeLessThan(20);
    expect(px(img, CP.region.x0 + 2, CP.region.y1 - 2)).toBe(0);
    expect(px(img, CP.region.x1 - 2, CP.region.y0 + 2)).toBe(0);
  });

  it('the needle is bright along its path through the liver at the target frame only', () => {
    const n = CP.needle;
    const at = n.reachesTargetFrame;
    const onPath = ridge(f(at), n.entry, n.target, 0.3, 0.8, 3);
    expect(onPath - ridge(f(0), n.entry, n.target, 0.3, 0.8, 3)).toBeGreaterThan(40);
    expect(onPath - ridge(f(at), n.entry, n.target, 0.3, 0.8, 3, -3 / CP.mmPerPx)).toBeGreaterThan(40);
  });

  it('the aorta pulsates: its anterior–posterior wall separation varies over a heartbeat', () => {
    const ao = sampleStructure(CP, 'aorta')!.shape;
    if (ao.kind !== 'ellipse') throw new Error('expected an ellipse');
    const sep = (img: PnmImage) => {
      const peak = (y0: number, y1: number) => {
        let best = -1,
          by = 0;
        for (let y = y0; y <= y1; y++) {
          const v = px(img, ao.center.x - 1, y) + px(img, ao.center.x, y) + px(img, ao.center.x + 1, y);
          if (v > best) {
            best = v;
            by = y;
          }
        }
        return by;
      };
      const r = ao.radiusX;
      return peak(Math.round(ao.center.y + r - 5), Math.round(ao.center.y + r + 8)) - peak(Math.round(ao.center.y - r - 8), Math.round(ao.center.y - r + 5));
    };
    const seps = Array.from({ length: 17 }, (_, i) => sep(f(i)));
    expect(Math.max(...seps) - Math.min(...seps)).toBeGreaterThanOrEqual(2);
    expect(Math.max(...seps) - Math.min(...seps)).toBeLessThanOrEqual(6);
  });
});
