/**
 * The depth scale and the cornerstone viewport: the ruler's ticks sit at the image rows of their
 * depth (Physical Delta Y), and the viewport we hand to cornerstone fits the image exactly as
 * cornerstone's own transform (internal.calculateTransform) lays it out.
 */
import { describe, expect, it } from 'vitest';
import type { UltrasoundRegion } from '../../../../core/dicom/calibration';
import { apply, depthRuler, rulerSteps, type Affine } from '../../../../renderer/viewer2d/ruler';
import { cornerstone, fitScale, toCornerstoneImage, toViewport } from '../../../../renderer/viewer2d/cs';
import type { ViewState } from '../../../../renderer/state/viewer';
import type { GrayFrame, RgbFrame } from '../../../../core/dicom/types';

// The thoracic paravertebral sample's region (dcmdump of assets/samples/thoracic-paravertebral.dcm):
// x 160–479, y 20–479, Physical Delta Y 0.015 cm, Reference Pixel Y0 0 (physical value 0).
const REGION: UltrasoundRegion = { index: 0, x0: 160, y0: 20, x1: 479, y1: 479, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.015, deltaY: 0.015, referencePixelY0: 0 };
const MM_PER_PX = 0.15;
const ID: Affine = [1, 0, 0, 1, 0, 0];

describe('depth scale', () => {
  it('stays in view at 3× zoom when the region edge is off the canvas (issue 20)', () => {
    // 3× zoom, panned so the region's right edge (x 480 → screen 840) is beyond an 800 px canvas.
    const m: Affine = [3, 0, 0, 3, -600, -300];
    const r = depthRuler(REGION, MM_PER_PX, m, { w: 800, h: 600 })!;
    // The column under screen x = 800 − 48: image x (752 + 600) / 3 = 450.67, inside the region.
    expect(r.line[0].x).toBeCloseTo(752, 9);
    // Ticks still sit at their depth rows: screen y = 3 · (20 + d / 0.15) − 300.
    for (const t of r.ticks) expect(t.from.y).toBeCloseTo(3 * (20 + t.depthMm / MM_PER_PX) - 300, 6);
    const onCanvas = r.labels.filter((l) => l.at.x > 0 && l.at.x < 800 && l.at.y > 0 && l.at.y < 600);
    expect(onCanvas.length).toBeGreaterThanOrEqual(3);
    // Unzoomed, the ruler keeps to the region edge.
    expect(depthRuler(REGION, MM_PER_PX, ID, { w: 800, h: 600 })!.line[0].x).toBeCloseTo(480, 9);
  });

  it('puts the tick for d mm on image row y0 + d / (mm per px), along the region edge', () => {
    const r = depthRuler(REGION, MM_PER_PX, ID, { w: 1000, h: 1000 })!;
    expect(r.totalMm).toBeCloseTo(460 * 0.15, 9); // 69 mm
    for (const t of r.ticks) {
      expect(t.from.x).toBeCloseTo(480, 9);
      expect(t.from.y).toBeCloseTo(20 + t.depthMm / MM_PER_PX, 6);
    }
    // 6.67 screen px per mm at 1:1 → labels every 5 mm, ticks every mm, 0 … 69.
    expect(r.labelStepMm).toBe(5);
    expect(r.ticks.map((t) => t.depthMm)).toEqual(Array.from({ length: 70 }, (_, i) => i));
    expect(r.labels.map((l) => l.text)).toEqual(['0', '5', '10', '15', '20', '25', '30', '35', '40', '45', '50', '55', '60', '65']);
    // Room on the right of the region: ticks point outward (+x).
    expect(r.ticks[0]!.to.x).toBeGreaterThan(r.ticks[0]!.from.x);
  });

  it('starts depth at the Reference Pixel Y0 (relative to the region top)', () => {
    const r = depthRuler({ ...REGION, referencePixelY0: 20 }, MM_PER_PX, ID, { w: 1000, h: 1000 })!;
    expect(r.ticks[0]!.from.y).toBeCloseTo(40, 9);
    expect(r.totalMm).toBeCloseTo(440 * 0.15, 9);
  });

  it('follows the view: zoomed, rotated 90° and flipped', () => {
    // screen = R90 · 2 · flipX · p + (500, 100)
    const m: Affine = [0, 2, 2, 0, 100, 100];
    const r = depthRuler(REGION, MM_PER_PX, m, { w: 2000, h: 2000 })!;
    const at10 = r.ticks.find((t) => t.depthMm === 10)!;
    const expected = apply(m, { x: 480, y: 20 + 10 / MM_PER_PX });
    expect(at10.from.x).toBeCloseTo(expected.x, 9);
    expect(at10.from.y).toBeCloseTo(expected.y, 9);
    // Twice the screen px per mm → labels every 5 mm still (13.3 px/mm × 5 = 67 px ≥ 28 px).
    expect(rulerSteps(2 / MM_PER_PX)).toEqual({ label: 5, minor: 1 });
  });

  it('keeps labels off the canvas edge and out of the top band of text overlays', () => {
    // Region edge on the canvas' right edge: labels must go inward.
    const r = depthRuler({ ...REGION, x1: 999 }, MM_PER_PX, ID, { w: 1000, h: 1000 })!;
    expect(r.labels.every((l) => l.at.x < 1000 - 4)).toBe(true);
    // Rotated so the ruler runs near the top with the region below it: outward would put the labels
    // into the top 52 px (the text overlays), so they go on the region side.
    const m: Affine = [0, -1, -1, 0, 600, 140]; // (x, y) → (600 − y, 140 − x): region edge x = 100 at screen y = 40
    const top = depthRuler({ ...REGION, x0: 0, x1: 99 }, MM_PER_PX, m, { w: 1000, h: 1000 }, { clearTopPx: 52 })!;
    expect(top.line[0].y).toBeCloseTo(40, 9);
    const outward = depthRuler({ ...REGION, x0: 0, x1: 99 }, MM_PER_PX, m, { w: 1000, h: 1000 })!;
    expect(outward.labels.every((l) => l.at.y < 40)).toBe(true);
    expect(top.labels.filter((l) => l.at.y < 52).length).toBe(0);
  });

  it('chooses wider label steps when zoomed out', () => {
    expect(rulerSteps(0.5).label).toBe(100);
    expect(rulerSteps(1).label).toBe(50);
    expect(rulerSteps(2).label).toBe(20);
    expect(rulerSteps(3).label).toBe(10);
  });
});

const gray = (over: Partial<GrayFrame> = {}): GrayFrame => ({
  kind: 'gray',
  width: 320,
  height: 240,
  pixels: new Uint16Array(320 * 240),
  rescaleSlope: 2,
  rescaleIntercept: -100,
  minValue: -100,
  maxValue: 2 * 4095 - 100,
  invert: false,
  ...over,
});

describe('cornerstone image and viewport', () => {
  it('keeps stored values and the modality LUT for grayscale (cornerstone applies window/level)', () => {
    const img = toCornerstoneImage(gray({ windowCenter: 1000, windowWidth: 400 }), 'blockplan:f1:0', { rowMm: 0.15, colMm: 0.15 }, null);
    expect(img.color).toBe(false);
    expect(img.minPixelValue).toBe(0);
    expect(img.maxPixelValue).toBe(4095);
    expect(img.slope).toBe(2);
    expect(img.intercept).toBe(-100);
    expect([img.windowCenter, img.windowWidth]).toEqual([1000, 400]);
    expect(img.rowPixelSpacing).toBe(0.15);
  });

  it('uses the frame range as the window when the file has none (PS3.3 C.11.2.1.2)', () => {
    const img = toCornerstoneImage(gray(), 'x', { rowMm: 1, colMm: 1 }, null);
    expect(img.windowWidth).toBe(2 * 4095 + 1);
    expect(img.windowCenter).toBeCloseTo((-100 + 2 * 4095 - 100 + 1) / 2, 9);
  });

  it('marks colour frames as RGBA for cornerstone', () => {
    const f: RgbFrame = { kind: 'rgb', width: 4, height: 2, rgba: new Uint8ClampedArray(32) };
    const img = toCornerstoneImage(f, 'x', { rowMm: 1, colMm: 1 }, null);
    expect(img.color && img.rgba).toBe(true);
    expect(img.getPixelData()).toBe(f.rgba);
  });

  const view = (over: Partial<ViewState> = {}): ViewState => ({ zoom: 'fit', panX: 0, panY: 0, rotationDeg: 0, hflip: false, invert: false, voi: null, colour: null, ...over });

  /** The canvas positions of the image corners under cornerstone's own transform. */
  function corners(canvas: { width: number; height: number }, v: ViewState, frame: GrayFrame) {
    const image = toCornerstoneImage(frame, 'x', { rowMm: 1, colMm: 1 }, null);
    const fit = fitScale(canvas.width, canvas.height, image, v.rotationDeg);
    const viewport = toViewport(v, image, fit);
    const t = cornerstone.internal.calculateTransform({ canvas, viewport, image });
    const m = t.m;
    return [
      [0, 0],
      [frame.width, 0],
      [0, frame.height],
      [frame.width, frame.height],
    ].map(([x, y]) => ({ x: m[0]! * x! + m[2]! * y! + m[4]!, y: m[1]! * x! + m[3]! * y! + m[5]! }));
  }

  it('fits the image to the canvas exactly (touching two edges), also rotated 90°', () => {
    for (const rotationDeg of [0, 90] as const) {
      const pts = corners({ width: 800, height: 700 }, view({ rotationDeg }), gray());
      const xs = pts.map((p) => p.x);
      const ys = pts.map((p) => p.y);
      const w = Math.max(...xs) - Math.min(...xs);
      const h = Math.max(...ys) - Math.min(...ys);
      expect(Math.min(...xs)).toBeGreaterThanOrEqual(-1e-6);
      expect(Math.max(...xs)).toBeLessThanOrEqual(800 + 1e-6);
      expect(Math.min(...ys)).toBeGreaterThanOrEqual(-1e-6);
      expect(Math.max(...ys)).toBeLessThanOrEqual(700 + 1e-6);
      // One dimension fills the canvas.
      expect(Math.abs(w - 800) < 1e-6 || Math.abs(h - 700) < 1e-6).toBe(true);
      // Aspect kept (320 × 240, or 240 × 320 when rotated).
      expect(w / h).toBeCloseTo(rotationDeg === 90 ? 240 / 320 : 320 / 240, 9);
    }
  });

  it('applies zoom and pan as cornerstone does (pan in image px along the screen axes)', () => {
    const pts = corners({ width: 800, height: 600 }, view({ zoom: 2, panX: 10, panY: -5 }), gray());
    // Image centre (160, 120) → canvas centre + 2 × (10, −5).
    const c = { x: (pts[0]!.x + pts[3]!.x) / 2, y: (pts[0]!.y + pts[3]!.y) / 2 };
    expect(c.x).toBeCloseTo(400 + 20, 9);
    expect(c.y).toBeCloseTo(300 - 10, 9);
    expect(pts[1]!.x - pts[0]!.x).toBeCloseTo(640, 9);
  });

  it('inverts MONOCHROME1 by default and toggles on request; colour keeps cornerstone\'s fast path', () => {
    const mono1 = toCornerstoneImage(gray({ invert: true }), 'x', { rowMm: 1, colMm: 1 }, null);
    expect(toViewport(view(), mono1, 1).invert).toBe(true);
    expect(toViewport(view({ invert: true }), mono1, 1).invert).toBe(false);
    const rgb = toCornerstoneImage({ kind: 'rgb', width: 2, height: 2, rgba: new Uint8ClampedArray(16) }, 'x', { rowMm: 1, colMm: 1 }, null);
    expect(toViewport(view({ voi: { windowCenter: 1, windowWidth: 2 } }), rgb, 1).voi).toEqual({ windowWidth: 255, windowCenter: 128 });
  });
});
