import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitTransform, invert, screenScale, toImage, toScreen } from '../../../../core/geometry/view-transform';

describe('view transform', () => {
  it('fits an image in a box, centred, aspect kept (hand-computed)', () => {
    // 640 × 480 image in 1000 × 500: scale = min(1000/640, 500/480) = 1.0417; width 666.7, left 166.7.
    const t = fitTransform({ columns: 640, rows: 480 }, { width: 1000, height: 500 });
    const s = 500 / 480;
    expect(screenScale(t)).toBeCloseTo(s, 12);
    const tl = toScreen(t, { x: 0, y: 0 });
    expect(tl.x).toBeCloseTo((1000 - 640 * s) / 2, 9);
    expect(tl.y).toBeCloseTo(0, 9);
    const br = toScreen(t, { x: 640, y: 480 });
    expect(br.x).toBeCloseTo(1000 - (1000 - 640 * s) / 2, 9);
    expect(br.y).toBeCloseTo(500, 9);
  });

  it('rotates 90° clockwise and flips as a viewer does', () => {
    // Rotated 90° cw, the image's top-left corner goes to the top-right of the displayed image.
    const t = fitTransform({ columns: 200, rows: 100 }, { width: 100, height: 200 }, { rotationDeg: 90 });
    const p = toScreen(t, { x: 0, y: 0 });
    expect(p.x).toBeCloseTo(100, 9);
    expect(p.y).toBeCloseTo(0, 9);
    const h = fitTransform({ columns: 200, rows: 100 }, { width: 200, height: 100 }, { flipH: true });
    expect(toScreen(h, { x: 0, y: 0 }).x).toBeCloseTo(200, 9);
    expect(toScreen(h, { x: 200, y: 100 }).y).toBeCloseTo(100, 9);
  });

  it('toImage inverts toScreen for any zoom, pan, rotation and flip', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0.1, max: 20, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.double({ min: -500, max: 500, noNaN: true }),
        fc.constantFrom(0, 90, 180, 270),
        fc.boolean(),
        fc.boolean(),
        fc.double({ min: -100, max: 900, noNaN: true }),
        fc.double({ min: -100, max: 700, noNaN: true }),
        (zoom, panX, panY, rotationDeg, flipH, flipV, x, y) => {
          const t = fitTransform({ columns: 800, rows: 600 }, { width: 1200, height: 700 }, { zoom, panX, panY, rotationDeg, flipH, flipV });
          const back = toImage(t, toScreen(t, { x, y }));
          expect(back.x).toBeCloseTo(x, 6);
          expect(back.y).toBeCloseTo(y, 6);
        },
      ),
    );
  });

  it('refuses a degenerate transform', () => {
    expect(() => invert({ a: 0, b: 0, c: 0, d: 0, e: 0, f: 0 })).toThrow(RangeError);
  });
});

describe('snapping onto a calibrated region', () => {
  const cal = {
    regions: [{ index: 0, x0: 160, y0: 20, x1: 479, y1: 479, spatialFormat: 1, dataType: 1, unitsX: 3, unitsY: 3, deltaX: 0.015, deltaY: 0.015 }],
  };
  it('pulls a point just outside the region onto its edge, within the screen radius only', async () => {
    const { snapIntoRegion } = await import('../../../../core/geometry/snap');
    // 0.4 image px above the top edge at 1.3 screen px per image px: 0.52 screen px → onto the edge.
    expect(snapIntoRegion({ x: 476, y: 19.6 }, cal, 1.3)).toEqual({ x: 476, y: 20 });
    // 10 image px above at 1 screen px/px is beyond the 8 px radius: unchanged.
    expect(snapIntoRegion({ x: 476, y: 10 }, cal, 1)).toEqual({ x: 476, y: 10 });
    // Inside: unchanged. Beyond the right edge (x1 + 1 = 480): to 480.
    expect(snapIntoRegion({ x: 300, y: 300 }, cal, 1)).toEqual({ x: 300, y: 300 });
    expect(snapIntoRegion({ x: 484, y: 300 }, cal, 2)).toEqual({ x: 480, y: 300 });
    // No regions (or a Doppler-only region): never moved.
    expect(snapIntoRegion({ x: 476, y: 19.6 }, { regions: [] }, 1)).toEqual({ x: 476, y: 19.6 });
    expect(snapIntoRegion({ x: 476, y: 19.6 }, { regions: [{ ...cal.regions[0]!, unitsX: 0, unitsY: 0 }] }, 1)).toEqual({ x: 476, y: 19.6 });
  });
});
