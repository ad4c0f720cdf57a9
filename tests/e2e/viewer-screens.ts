/**
 * Screenshot baselines for the e2e tests: a pixel diff (fast-png decode, per-pixel max channel
 * difference) against PNGs committed in tests/e2e/baselines/, under one policy (SCREENSHOT_POLICY).
 * Set BLOCKPLAN_UPDATE_BASELINES=1 to write new baselines instead of comparing.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'fast-png';
import type { Locator, Page } from 'playwright-core';
import { SCREENSHOT_DIR } from './browser';

export const BASELINE_DIR = path.resolve(__dirname, 'baselines');
export const UPDATE = process.env.BLOCKPLAN_UPDATE_BASELINES === '1';

export interface DiffResult {
  width: number;
  height: number;
  /** Pixels whose largest channel difference exceeds `threshold`. */
  differing: number;
  fraction: number;
  /** Mean absolute difference over all channels (0–255). */
  meanAbs: number;
}

interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

function toRgba(png: Uint8Array): Rgba {
  const img = decode(png);
  const ch = img.channels;
  const n = img.width * img.height;
  const src = img.data as Uint8Array;
  if (img.depth !== 8) throw new Error('only 8-bit PNGs are compared');
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (ch >= 3) {
      data[i * 4] = src[i * ch]!;
      data[i * 4 + 1] = src[i * ch + 1]!;
      data[i * 4 + 2] = src[i * ch + 2]!;
    } else {
      data[i * 4] = data[i * 4 + 1] = data[i * 4 + 2] = src[i * ch]!;
    }
    data[i * 4 + 3] = 255;
  }
  return { width: img.width, height: img.height, data };
}

/** Compare two PNGs; also returns a diff image (differing pixels in red over a dimmed copy). */
export function diffPng(a: Uint8Array, b: Uint8Array, threshold = 24): DiffResult & { diff: Uint8Array } {
  const x = toRgba(a);
  const y = toRgba(b);
  if (x.width !== y.width || x.height !== y.height) {
    return { width: x.width, height: x.height, differing: x.width * x.height, fraction: 1, meanAbs: 255, diff: a };
  }
  const n = x.width * x.height;
  const out = new Uint8Array(n * 4);
  let differing = 0;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    let m = 0;
    for (let c = 0; c < 3; c++) {
      const d = Math.abs(x.data[i * 4 + c]! - y.data[i * 4 + c]!);
      sum += d;
      if (d > m) m = d;
    }
    const o = i * 4;
    if (m > threshold) {
      differing++;
      out[o] = 255;
      out[o + 1] = 0;
      out[o + 2] = 0;
    } else {
      out[o] = out[o + 1] = out[o + 2] = x.data[o]! >> 2;
    }
    out[o + 3] = 255;
  }
  return { width: x.width, height: x.height, differing, fraction: differing / n, meanAbs: sum / (n * 3), diff: encode({ width: x.width, height: x.height, data: out, channels: 4, depth: 8 }) };
}

/**
 * How much a screenshot may differ from its baseline: at most `maxPixels` pixels whose largest
 * channel difference exceeds `threshold` (0–255). Tight on purpose: a changed digit or a one-pixel
 * shift of a label moves 30–100 pixels (tests/e2e/screenshot-policy.e2e.ts proves such changes
 * fail); rendering the same build on the same machine differs by none. Baselines are therefore
 * bound to the machine's fonts: regenerate them (BLOCKPLAN_UPDATE_BASELINES=1, then look at them)
 * when the installed fonts change.
 */
export const SCREENSHOT_POLICY = { threshold: 24, maxPixels: 8 } as const;

/**
 * A looser tolerance than SCREENSHOT_POLICY for one shot. `maxFraction` (of the shot's pixels) is
 * for images rendered by WebGL or a simulation whose noise differs run to run; a test that uses it
 * must also show that a real change (e.g. the probe moved 2 mm) exceeds it.
 */
export interface ScreenshotTolerance {
  maxPixels?: number;
  maxFraction?: number;
  threshold?: number;
}

/** The screenshot policy's verdict on two PNGs: whether they match, and the diff. */
export function compareToBaseline(shot: Uint8Array, baseline: Uint8Array, opts: ScreenshotTolerance = {}): DiffResult & { diff: Uint8Array; ok: boolean; maxPixels: number } {
  const r = diffPng(shot, baseline, opts.threshold ?? SCREENSHOT_POLICY.threshold);
  const maxPixels = opts.maxPixels ?? (opts.maxFraction !== undefined ? Math.floor(opts.maxFraction * r.width * r.height) : SCREENSHOT_POLICY.maxPixels);
  return { ...r, maxPixels, ok: r.differing <= maxPixels };
}

/**
 * Screenshot `target` and compare it with baselines/<name>.png under SCREENSHOT_POLICY. `mask`:
 * elements whose content is expected to change from run to run (timings), painted over in both.
 * Writes the shot (and a diff on failure) to test-output/screenshots/.
 */
export async function expectScreenshot(target: Page | Locator, name: string, opts: ScreenshotTolerance & { mask?: Locator[] } = {}): Promise<DiffResult> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const shot = new Uint8Array(await target.screenshot({ animations: 'disabled', caret: 'hide', mask: opts.mask, maskColor: '#ff00ff' }));
  writeFileSync(path.join(SCREENSHOT_DIR, `${name}.png`), shot);
  const base = path.join(BASELINE_DIR, `${name}.png`);
  if (UPDATE) {
    mkdirSync(BASELINE_DIR, { recursive: true });
    writeFileSync(base, shot);
    return { width: 0, height: 0, differing: 0, fraction: 0, meanAbs: 0 };
  }
  if (!existsSync(base)) throw new Error(`No baseline ${path.relative(process.cwd(), base)}: run with BLOCKPLAN_UPDATE_BASELINES=1 and review the image before committing it.`);
  const r = compareToBaseline(shot, new Uint8Array(readFileSync(base)), opts);
  if (!r.ok) {
    writeFileSync(path.join(SCREENSHOT_DIR, `${name}-diff.png`), r.diff);
    throw new Error(`Screenshot ${name} differs from its baseline: ${r.differing} pixels (allowed ${r.maxPixels}), mean abs ${r.meanAbs.toFixed(2)}. See test-output/screenshots/${name}-diff.png.`);
  }
  return r;
}
