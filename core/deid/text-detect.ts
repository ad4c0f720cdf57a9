/**
 * The fast pre-check for burned-in text: bright, glyph-sized connected components that line up in
 * rows. Runs on every frame in a few milliseconds; OCR (./ocr.ts) then reads only the lines it finds,
 * on a sample of frames plus every frame whose text outside the ultrasound regions changes.
 *
 * Ultrasound scanners draw their annotations (name, ID, date of birth, hospital, operator) in the
 * brightest grey or a saturated colour, usually in bands outside the image regions. Inside a region,
 * text competes with speckle, so only near-saturated ink counts there and OCR must confirm it.
 */

/** An axis-aligned rectangle in image px: [x0, x1) × [y0, y1). */
export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** A frame's luminance (max of R, G, B for colour), 8 bits, row-major. */
export interface LumaImage {
  width: number;
  height: number;
  data: Uint8Array;
}

/** A candidate line of text found by the pre-check. */
export interface TextLine extends Rect {
  /** Number of glyph-like components in the line. */
  glyphs: number;
  /** True when the line lies (mostly) inside an ultrasound region. */
  insideRegion: boolean;
}

export interface DetectOptions {
  /** Ink threshold outside the regions (0–255). Default 150. */
  inkOutside?: number;
  /** Ink threshold inside the regions (near-saturated). Default 215. */
  inkInside?: number;
  /** Largest glyph height, px. Default 48. */
  maxGlyphPx?: number;
}

/** Luminance of an RGBA frame: max(R, G, B), so coloured annotations count as bright. */
export function lumaFromRgba(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): LumaImage {
  const n = width * height;
  const data = new Uint8Array(n);
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    const r = rgba[i]!;
    const g = rgba[i + 1]!;
    const b = rgba[i + 2]!;
    data[p] = r > g ? (r > b ? r : b) : g > b ? g : b;
  }
  return { width, height, data };
}

/** True when (x, y) lies inside any rectangle. */
export function inAnyRect(rects: readonly Rect[], x: number, y: number): boolean {
  for (const r of rects) if (x >= r.x0 && x < r.x1 && y >= r.y0 && y < r.y1) return true;
  return false;
}

/** Per-pixel region membership (1 inside any region), computed once per clip. */
export function regionMask(width: number, height: number, regions: readonly Rect[]): Uint8Array {
  const m = new Uint8Array(width * height);
  for (const r of regions) {
    for (let y = Math.max(0, r.y0); y < Math.min(height, r.y1); y++) m.fill(1, y * width + Math.max(0, r.x0), y * width + Math.min(width, r.x1));
  }
  return m;
}

/** The ink mask: 1 where a pixel is bright enough to be text at its place. */
export function inkMask(img: LumaImage, inRegion: Uint8Array, opts: DetectOptions = {}): Uint8Array {
  const tOut = opts.inkOutside ?? 150;
  const tIn = opts.inkInside ?? 215;
  const n = img.width * img.height;
  const ink = new Uint8Array(n);
  for (let p = 0; p < n; p++) ink[p] = img.data[p]! >= (inRegion[p] ? tIn : tOut) ? 1 : 0;
  return ink;
}

interface Comp extends Rect {
  area: number;
}

/** 8-connected components of the ink mask (scanline flood fill), with their boxes and areas. */
function components(ink: Uint8Array, width: number, height: number, maxSide: number): Comp[] {
  const seen = new Uint8Array(ink.length);
  const stack = new Int32Array(ink.length);
  const out: Comp[] = [];
  for (let p0 = 0; p0 < ink.length; p0++) {
    if (!ink[p0] || seen[p0]) continue;
    let sp = 0;
    stack[sp++] = p0;
    seen[p0] = 1;
    let x0 = width, y0 = height, x1 = -1, y1 = -1, area = 0;
    while (sp > 0) {
      const p = stack[--sp]!;
      const x = p % width;
      const y = (p - x) / width;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (ink[q] && !seen[q]) {
            seen[q] = 1;
            stack[sp++] = q;
          }
        }
      }
    }
    if (x1 - x0 + 1 <= maxSide * 4 && y1 - y0 + 1 <= maxSide) out.push({ x0, y0, x1: x1 + 1, y1: y1 + 1, area });
  }
  return out;
}

/**
 * Find candidate text lines in a frame. A line is two or more glyph-sized components (2–`maxGlyphPx`
 * px high) whose vertical extents overlap and whose gaps are at most 1.5 × their height, together at
 * least twice as wide as high.
 */
export function detectTextLines(img: LumaImage, inRegion: Uint8Array, opts: DetectOptions = {}): TextLine[] {
  const maxGlyph = opts.maxGlyphPx ?? 48;
  const ink = inkMask(img, inRegion, opts);
  const comps = components(ink, img.width, img.height, maxGlyph)
    .filter((c) => c.y1 - c.y0 >= 2 && c.area >= 2)
    .sort((a, b) => a.x0 - b.x0);
  interface Line extends Rect {
    glyphs: number;
    h: number;
  }
  const lines: Line[] = [];
  for (const c of comps) {
    const h = c.y1 - c.y0;
    let best: Line | undefined;
    for (const l of lines) {
      const overlap = Math.min(l.y1, c.y1) - Math.max(l.y0, c.y0);
      const gap = c.x0 - l.x1;
      if (overlap >= 0.5 * Math.min(h, l.h) && gap <= 1.5 * Math.max(h, l.h, 6) && gap >= -2 && h <= 2.5 * l.h && l.h <= 2.5 * h) {
        best = l;
        break;
      }
    }
    if (best) {
      best.x1 = Math.max(best.x1, c.x1);
      best.y0 = Math.min(best.y0, c.y0);
      best.y1 = Math.max(best.y1, c.y1);
      best.h = Math.max(best.h, h);
      best.glyphs++;
    } else lines.push({ x0: c.x0, y0: c.y0, x1: c.x1, y1: c.y1, glyphs: 1, h });
  }
  return lines
    .filter((l) => l.glyphs >= 2 && l.x1 - l.x0 >= 2 * (l.y1 - l.y0) && l.y1 - l.y0 <= maxGlyph)
    .map((l) => {
      let inside = 0;
      let total = 0;
      for (let y = l.y0; y < l.y1; y += 2) for (let x = l.x0; x < l.x1; x += 2, total++) inside += inRegion[y * img.width + x]!;
      return { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1, glyphs: l.glyphs, insideRegion: inside * 2 > total };
    });
}

/**
 * A signature of the ink outside the regions (FNV-1a over the ink bits): frames with the same
 * signature show the same annotations there, so OCR need not read them again.
 */
export function outsideInkSignature(img: LumaImage, inRegion: Uint8Array, opts: DetectOptions = {}): number {
  const t = opts.inkOutside ?? 150;
  let h = 0x811c9dc5;
  const n = img.width * img.height;
  for (let p = 0; p < n; p++) {
    if (inRegion[p]) continue;
    if (img.data[p]! >= t) h = Math.imul(h ^ (p & 0xffff) ^ (p >>> 16), 16777619) >>> 0;
  }
  return h;
}

/** Grow a rectangle by `pad` px on every side, clipped to the image. */
export function padRect(r: Rect, pad: number, width: number, height: number): Rect {
  return { x0: Math.max(0, r.x0 - pad), y0: Math.max(0, r.y0 - pad), x1: Math.min(width, r.x1 + pad), y1: Math.min(height, r.y1 + pad) };
}

/** Merge overlapping or touching rectangles until none overlap. */
export function mergeRects(rects: readonly Rect[]): Rect[] {
  const out = rects.map((r) => ({ ...r }));
  let changed = true;
  while (changed) {
    changed = false;
    for (let i = 0; i < out.length && !changed; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const a = out[i]!;
        const b = out[j]!;
        if (a.x0 <= b.x1 && b.x0 <= a.x1 && a.y0 <= b.y1 && b.y0 <= a.y1) {
          out[i] = { x0: Math.min(a.x0, b.x0), y0: Math.min(a.y0, b.y0), x1: Math.max(a.x1, b.x1), y1: Math.max(a.y1, b.y1) };
          out.splice(j, 1);
          changed = true;
          break;
        }
      }
    }
  }
  return out;
}
