import { describe, it, expect } from 'vitest';
import { decode } from 'fast-png';
import { drawOverlays, encodePng, measureLabel, renderKeyImage, type RgbaImage } from '../../../../core/notes/keyimages';
import { FONT_GLYPHS } from '../../../../core/notes/font6x13';

function blank(width: number, height: number, grey = 0): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set([grey, grey, grey, 255], i * 4);
  return { width, height, data };
}
const px = (img: RgbaImage, x: number, y: number) => Array.from(img.data.slice((y * img.width + x) * 4, (y * img.width + x) * 4 + 4));
const RED = [255, 0, 0, 255] as const;

describe('key image drawing', () => {
  it('a 2-px horizontal line covers its two rows between its ends and nothing else', () => {
    const src = blank(100, 50);
    const out = drawOverlays(src, [{ kind: 'line', a: { x: 10, y: 20 }, b: { x: 90, y: 20 }, color: RED, widthPx: 2 }]);
    // The line's centre is y = 20, so rows 19 and 20 (centres 19.5, 20.5) are fully covered.
    expect(px(out, 50, 19)).toEqual([255, 0, 0, 255]);
    expect(px(out, 50, 20)).toEqual([255, 0, 0, 255]);
    expect(px(out, 50, 17)).toEqual([0, 0, 0, 255]);
    expect(px(out, 50, 23)).toEqual([0, 0, 0, 255]);
    expect(px(out, 95, 20)).toEqual([0, 0, 0, 255]);
    expect(px(out, 5, 20)).toEqual([0, 0, 0, 255]);
    // The input is untouched.
    expect(px(src, 50, 20)).toEqual([0, 0, 0, 255]);
  });

  it('an ellipse outline passes through its four extreme points and leaves the centre', () => {
    const out = drawOverlays(blank(100, 60), [{ kind: 'ellipse', center: { x: 50, y: 30 }, rx: 30, ry: 15, color: RED, widthPx: 2 }]);
    for (const [x, y] of [[80, 30], [19, 30], [50, 45], [50, 14]] as const) expect(px(out, x, y)[0], `${x},${y}`).toBeGreaterThan(100);
    expect(px(out, 50, 30)).toEqual([0, 0, 0, 255]);
  });

  it('a rotated ellipse (90°) swaps its axes', () => {
    const out = drawOverlays(blank(100, 100), [{ kind: 'ellipse', center: { x: 50, y: 50 }, rx: 30, ry: 10, rotationDeg: 90, color: RED, widthPx: 2 }]);
    expect(px(out, 50, 80)[0]).toBeGreaterThan(100);
    expect(px(out, 80, 50)[0]).toBe(0);
  });

  it('an arrow has a filled head at its tip and a shaft', () => {
    const out = drawOverlays(blank(100, 40), [{ kind: 'arrow', from: { x: 10, y: 20 }, to: { x: 90, y: 20 }, color: RED, widthPx: 2, headPx: 16 }]);
    expect(px(out, 88, 20)[0]).toBe(255); // near tip
    expect(px(out, 78, 23)[0]).toBe(255); // inside the head, off the shaft
    expect(px(out, 30, 23)[0]).toBe(0); // beside the shaft
    expect(px(out, 30, 20)[0]).toBe(255);
  });

  it('a closed polyline can be filled with a translucent colour (source-over blending)', () => {
    const out = drawOverlays(blank(40, 40, 100), [{ kind: 'polyline', points: [{ x: 5, y: 5 }, { x: 35, y: 5 }, { x: 35, y: 35 }, { x: 5, y: 35 }], closed: true, color: RED, widthPx: 1, fill: [0, 0, 255, 128] }]);
    const inside = px(out, 20, 20);
    // 128/255 of blue over grey 100: b = 255·a + 100·(1 − a), r = g = 100·(1 − a)
    const a = 128 / 255;
    expect(inside[2]).toBe(Math.round(255 * a + 100 * (1 - a)));
    expect(inside[0]).toBe(Math.round(100 * (1 - a)));
    expect(px(out, 2, 2)).toEqual([100, 100, 100, 255]);
  });

  it('labels draw the 6×13 glyphs on a dark box and stay inside the image', () => {
    const out = drawOverlays(blank(60, 40, 200), [{ kind: 'label', at: { x: 0, y: 0 }, text: 'I', scale: 1, color: [255, 255, 255, 255], background: [0, 0, 0, 255] }]);
    const size = measureLabel('I', 1);
    expect(size).toEqual({ width: 6 + 4, height: 13 + 4 });
    const glyph = FONT_GLYPHS['I']!;
    for (let gy = 0; gy < 13; gy++) {
      const bits = parseInt(glyph.slice(gy * 2, gy * 2 + 2), 16);
      for (let gx = 0; gx < 6; gx++) {
        const on = ((bits >> (5 - gx)) & 1) === 1;
        expect(px(out, 2 + gx, 2 + gy)[0], `glyph pixel ${gx},${gy}`).toBe(on ? 255 : 0);
      }
    }
    expect(px(out, 30, 30)).toEqual([200, 200, 200, 255]);
    // A label asked to start past the right edge is moved inside.
    const edge = drawOverlays(blank(60, 40, 200), [{ kind: 'label', at: { x: 58, y: 35 }, text: 'mm', scale: 1, background: [0, 0, 0, 255] }]);
    expect(px(edge, 59, 39)).toEqual([0, 0, 0, 255]);
  });

  it('labels placed `near` a point avoid each other and the arrow (core/geometry/labelLayout)', () => {
    // 200 × 100 grey image: stroke 2 px, so the layout gap is 2 + 2 = 4 px; font scale 1, so "AAAA"
    // is 4 × 6 + 2 × 2 = 28 px wide and 13 + 2 × 2 = 17 px tall.
    const near = { x: 100, y: 50 };
    const out = drawOverlays(blank(200, 100, 128), [
      { kind: 'arrow', from: { x: 100, y: 0 }, to: { x: 100, y: 100 }, color: RED },
      { kind: 'label', at: near, near, text: 'AAAA' },
      { kind: 'label', at: near, near, text: 'AAAA' },
    ]);
    // The dark box (alpha 170 over grey 128 → 43) of the first: up-right, x 104–132, y 29–46 (bottom
    // at 50 − 4); the second would touch it at right-middle, so it goes down-right: y 54–71.
    const bg = [43, 43, 43, 255];
    expect(px(out, 131, 29)).toEqual(bg);
    expect(px(out, 131, 45)).toEqual(bg);
    expect(px(out, 131, 47)).toEqual([128, 128, 128, 255]);
    expect(px(out, 131, 54)).toEqual(bg);
    expect(px(out, 131, 70)).toEqual(bg);
    expect(px(out, 131, 71)).toEqual([128, 128, 128, 255]);
    // Nothing to the left of the arrow (the up-left box would also be free, but right comes first).
    expect(px(out, 80, 40)).toEqual([128, 128, 128, 255]);
  });

  it('every printable ASCII character and the unit symbols have a glyph', () => {
    for (let c = 32; c < 127; c++) expect(FONT_GLYPHS[String.fromCharCode(c)], String.fromCharCode(c)).toHaveLength(26);
    for (const ch of ['°', 'µ', '±', '×', '≤', '≥', '–']) expect(FONT_GLYPHS[ch], ch).toHaveLength(26);
  });

  it('shapes outside the image are clipped without error', () => {
    const out = drawOverlays(blank(20, 20), [
      { kind: 'line', a: { x: -50, y: -50 }, b: { x: -10, y: -10 } },
      { kind: 'ellipse', center: { x: 1000, y: 5 }, rx: 3, ry: 3 },
      { kind: 'polyline', points: [] },
    ]);
    expect(out.data.every((v, i) => (i % 4 === 3 ? v === 255 : v === 0))).toBe(true);
  });

  it('rejects a frame whose byte count does not match its size', () => {
    expect(() => drawOverlays({ width: 10, height: 10, data: new Uint8Array(10) }, [])).toThrow(/expected 10×10×4/);
  });
});

describe('PNG encoding', () => {
  it('writes a valid RGBA PNG that decodes back to the same pixels', () => {
    const out = drawOverlays(blank(64, 48, 30), [{ kind: 'line', a: { x: 0, y: 0 }, b: { x: 63, y: 47 }, color: RED }]);
    const png = encodePng(out);
    expect(Array.from(png.slice(0, 8))).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    // IHDR: width, height (big-endian), bit depth 8, colour type 6 (RGBA).
    const dv = new DataView(png.buffer, png.byteOffset);
    expect(dv.getUint32(16)).toBe(64);
    expect(dv.getUint32(20)).toBe(48);
    expect(png[24]).toBe(8);
    expect(png[25]).toBe(6);
    const back = decode(png);
    expect(back.channels).toBe(4);
    expect(Buffer.from(back.data as Uint8Array).equals(Buffer.from(out.data))).toBe(true);
  });

  it('renderKeyImage returns PNG bytes with the caption and frame reference', () => {
    const k = renderKeyImage(blank(32, 32), [{ kind: 'point', at: { x: 16, y: 16 } }], 'Clip 1, frame 3', { clipId: 'c1', frameIndex: 3 });
    expect(k).toMatchObject({ caption: 'Clip 1, frame 3', clipId: 'c1', frameIndex: 3, width: 32, height: 32 });
    expect(decode(k.png).width).toBe(32);
  });
});
