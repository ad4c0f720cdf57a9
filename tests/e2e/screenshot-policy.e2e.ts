/**
 * The screenshot policy (viewer-screens.ts SCREENSHOT_POLICY) fails on a real change: on a committed
 * baseline, a label moved by one pixel, or one digit's box redrawn, is refused; the baseline itself
 * passes. Runs without a browser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decode, encode } from 'fast-png';
import { describe, expect, it } from 'vitest';
import { BASELINE_DIR, compareToBaseline, SCREENSHOT_POLICY } from './viewer-screens';

const baseline = new Uint8Array(readFileSync(path.join(BASELINE_DIR, 'viewer-im00001-first-frame.png')));

type Box = { x: number; y: number; w: number; h: number };

/** The baseline with each pixel of `box` replaced by `f(read, x, y)` (channel values; `read` reads the original). */
function edited(box: Box, f: (read: (x: number, y: number, c: number) => number, x: number, y: number, c: number) => number): Uint8Array {
  const img = decode(baseline);
  const src = img.data as Uint8Array;
  const out = new Uint8Array(src);
  const read = (x: number, y: number, c: number) => src[(y * img.width + x) * img.channels + c]!;
  for (let y = box.y; y < box.y + box.h; y++)
    for (let x = box.x; x < box.x + box.w; x++) for (let c = 0; c < Math.min(3, img.channels); c++) out[(y * img.width + x) * img.channels + c] = f(read, x, y, c);
  return encode({ width: img.width, height: img.height, data: out, channels: img.channels, depth: 8 });
}

/** The frame counter's text, "Frame 1 / 8 · 0.00 s / 0.35 s" (top left of the viewer), px. */
const COUNTER: Box = { x: 10, y: 30, w: 190, h: 16 };

describe('screenshot policy', () => {
  it('the baseline matches itself', () => {
    expect(compareToBaseline(baseline, baseline)).toMatchObject({ ok: true, differing: 0 });
  });

  it('refuses the frame counter moved right by one pixel', () => {
    const r = compareToBaseline(
      edited(COUNTER, (read, x, y, c) => read(x - 1, y, c)),
      baseline,
    );
    expect(r.differing).toBeGreaterThan(SCREENSHOT_POLICY.maxPixels);
    expect(r.ok).toBe(false);
    // The policy this replaces (1 % of the pixels) let it through.
    expect(r.fraction).toBeLessThan(0.01);
  });

  it('refuses one digit’s box (7 × 11 px) of the counter redrawn', () => {
    const r = compareToBaseline(
      edited({ x: COUNTER.x + 50, y: COUNTER.y + 3, w: 7, h: 11 }, (read, x, y, c) => 255 - read(x, y, c)),
      baseline,
    );
    expect(r.differing).toBeGreaterThan(SCREENSHOT_POLICY.maxPixels);
    expect(r.ok).toBe(false);
  });
});
