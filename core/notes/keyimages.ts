import { encode as encodePngBytes } from 'fast-png';
import { placeLabels, type LabelRequest, type Rect, type Segment } from '../geometry/labelLayout';
import { FONT_ASCENT, FONT_CELL_H, FONT_CELL_W, forEachTextPixel } from './font6x13';

/**
 * Key images: annotations and measurement labels burned into a decoded RGBA frame, encoded as PNG.
 *
 * Pure TypeScript so the CLI (Node) and the app (browser) produce the same pixels; the app's renderer
 * may draw the same overlays with Canvas for interaction, but exports use this.
 *
 * Coordinates are image pixels: x to the right, y down, origin at the top-left corner of the top-left
 * pixel (as core/dicom/calibration.ts `Point2`), so pixel (i, j) has its centre at (i + 0.5, j + 0.5).
 * Strokes are anti-aliased by coverage (distance from the pixel centre to the ideal shape) and
 * composited with "source over".
 */

/** A decoded frame: `data` is RGBA, 4 bytes per pixel, row-major, `width × height × 4` bytes. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/** A point in image pixel coordinates (px). */
export interface Px {
  x: number;
  y: number;
}

/** Colour as [r, g, b, a], each 0–255. */
export type Rgba = readonly [number, number, number, number];

/** Colours by role, chosen for contrast on greyscale ultrasound. */
export const OVERLAY_COLORS = {
  target: [64, 220, 96, 255],
  'at-risk': [255, 72, 72, 255],
  landmark: [255, 214, 64, 255],
  other: [120, 200, 255, 255],
  needle: [255, 160, 32, 255],
  measurement: [0, 230, 230, 255],
  text: [255, 255, 255, 255],
  textBackground: [0, 0, 0, 170],
} as const satisfies Record<string, Rgba>;

interface StrokeStyle {
  color?: Rgba;
  /** Stroke width, px. */
  widthPx?: number;
}

/** What can be drawn. Widths and radii in px. */
export type OverlayShape =
  | ({ kind: 'line'; a: Px; b: Px } & StrokeStyle)
  | ({ kind: 'polyline'; points: Px[]; closed?: boolean; fill?: Rgba } & StrokeStyle)
  | ({ kind: 'ellipse'; center: Px; rx: number; ry: number; rotationDeg?: number; fill?: Rgba } & StrokeStyle)
  /** Arrow from `from` with the head at `to`. */
  | ({ kind: 'arrow'; from: Px; to: Px; headPx?: number } & StrokeStyle)
  | ({ kind: 'point'; at: Px; radiusPx?: number } & StrokeStyle)
  /**
   * Text with a dark box behind it. `at` is the top-left of the box unless `anchor` says otherwise;
   * the box is moved inside the image when it would overflow. `scale` is an integer pixel zoom of the
   * 6×13 font (default: chosen from the image size). With `near`, the label is placed beside that
   * point by the shared label layout (core/geometry/labelLayout: clear of the other labels, of lines
   * and arrows, inside the image, with a leader line when moved away) and `at`/`anchor` are ignored.
   */
  | { kind: 'label'; at: Px; near?: Px; text: string; color?: Rgba; background?: Rgba; scale?: number; anchor?: 'top-left' | 'center' | 'bottom-left' };

/** A coverage mask over a clipped rectangle of the image. */
class Mask {
  readonly cov: Float32Array;
  constructor(
    readonly x0: number,
    readonly y0: number,
    readonly w: number,
    readonly h: number,
  ) {
    this.cov = new Float32Array(Math.max(0, w * h));
  }
  static forBox(img: RgbaImage, minX: number, minY: number, maxX: number, maxY: number): Mask | null {
    const x0 = Math.max(0, Math.floor(minX));
    const y0 = Math.max(0, Math.floor(minY));
    const x1 = Math.min(img.width, Math.ceil(maxX));
    const y1 = Math.min(img.height, Math.ceil(maxY));
    if (x1 <= x0 || y1 <= y0 || !Number.isFinite(x0 + y0 + x1 + y1)) return null;
    return new Mask(x0, y0, x1 - x0, y1 - y0);
  }
  max(i: number, j: number, c: number): void {
    const k = (j - this.y0) * this.w + (i - this.x0);
    if (c > this.cov[k]!) this.cov[k] = c;
  }
}

function composite(img: RgbaImage, mask: Mask, color: Rgba): void {
  const [r, g, b, a] = color;
  const d = img.data;
  for (let jj = 0; jj < mask.h; jj++) {
    for (let ii = 0; ii < mask.w; ii++) {
      const c = mask.cov[jj * mask.w + ii]!;
      if (c <= 0) continue;
      const alpha = (Math.min(1, c) * a) / 255;
      const o = ((mask.y0 + jj) * img.width + (mask.x0 + ii)) * 4;
      const da = d[o + 3]! / 255;
      const outA = alpha + da * (1 - alpha);
      if (outA <= 0) continue;
      d[o] = Math.round((r * alpha + d[o]! * da * (1 - alpha)) / outA);
      d[o + 1] = Math.round((g * alpha + d[o + 1]! * da * (1 - alpha)) / outA);
      d[o + 2] = Math.round((b * alpha + d[o + 2]! * da * (1 - alpha)) / outA);
      d[o + 3] = Math.round(outA * 255);
    }
  }
}

function distToSegment(px: number, py: number, a: Px, b: Px): number {
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len2 = vx * vx + vy * vy;
  let t = len2 > 0 ? ((px - a.x) * vx + (py - a.y) * vy) / len2 : 0;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  const dx = px - (a.x + t * vx);
  const dy = py - (a.y + t * vy);
  return Math.sqrt(dx * dx + dy * dy);
}

/** Adds the coverage of a stroked segment of width `w` px to the mask (max, so joins don't double). */
function strokeSegment(mask: Mask, a: Px, b: Px, w: number): void {
  const half = w / 2;
  const minX = Math.max(mask.x0, Math.floor(Math.min(a.x, b.x) - half - 1));
  const maxX = Math.min(mask.x0 + mask.w, Math.ceil(Math.max(a.x, b.x) + half + 1));
  const minY = Math.max(mask.y0, Math.floor(Math.min(a.y, b.y) - half - 1));
  const maxY = Math.min(mask.y0 + mask.h, Math.ceil(Math.max(a.y, b.y) + half + 1));
  for (let j = minY; j < maxY; j++) {
    for (let i = minX; i < maxX; i++) {
      const d = distToSegment(i + 0.5, j + 0.5, a, b);
      const c = half + 0.5 - d;
      if (c > 0) mask.max(i, j, c);
    }
  }
}

/** Even-odd fill of a closed polygon (scanline at pixel centres). */
function fillPolygon(mask: Mask, pts: Px[]): void {
  if (pts.length < 3) return;
  for (let j = mask.y0; j < mask.y0 + mask.h; j++) {
    const y = j + 0.5;
    const xs: number[] = [];
    for (let k = 0; k < pts.length; k++) {
      const p = pts[k]!;
      const q = pts[(k + 1) % pts.length]!;
      if ((p.y <= y && q.y > y) || (q.y <= y && p.y > y)) xs.push(p.x + ((y - p.y) / (q.y - p.y)) * (q.x - p.x));
    }
    xs.sort((u, v) => u - v);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(mask.x0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(mask.x0 + mask.w - 1, Math.floor(xs[k + 1]! - 0.5));
      for (let i = from; i <= to; i++) mask.max(i, j, 1);
    }
  }
}

function bbox(points: Px[], pad: number): [number, number, number, number] {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const p of points) {
    minX = Math.min(minX, p.x);
    minY = Math.min(minY, p.y);
    maxX = Math.max(maxX, p.x);
    maxY = Math.max(maxY, p.y);
  }
  return [minX - pad, minY - pad, maxX + pad, maxY + pad];
}

/** Points on an ellipse outline (closed polyline), dense enough for smooth strokes. */
export function ellipsePoints(center: Px, rx: number, ry: number, rotationDeg = 0): Px[] {
  const perimeter = Math.PI * (3 * (rx + ry) - Math.sqrt((3 * rx + ry) * (rx + 3 * ry)));
  const n = Math.max(24, Math.ceil(perimeter / 2));
  const th = (rotationDeg * Math.PI) / 180;
  const c = Math.cos(th);
  const s = Math.sin(th);
  const out: Px[] = [];
  for (let k = 0; k < n; k++) {
    const t = (2 * Math.PI * k) / n;
    const ex = rx * Math.cos(t);
    const ey = ry * Math.sin(t);
    out.push({ x: center.x + ex * c - ey * s, y: center.y + ex * s + ey * c });
  }
  return out;
}

function defaultStroke(img: RgbaImage): number {
  return Math.max(2, Math.round(Math.min(img.width, img.height) / 300));
}

/** Integer zoom of the 6×13 font that keeps labels legible on this image (1 up to 480 px, then more). */
export function defaultLabelScale(img: { width: number; height: number }): number {
  return Math.max(1, Math.round(Math.min(img.width, img.height) / 480));
}

function drawPolyline(img: RgbaImage, points: Px[], closed: boolean, color: Rgba, w: number, fill?: Rgba): void {
  if (points.length === 0) return;
  const box = bbox(points, w + 2);
  if (fill && closed) {
    const m = Mask.forBox(img, ...box);
    if (m) {
      fillPolygon(m, points);
      composite(img, m, fill);
    }
  }
  const m = Mask.forBox(img, ...box);
  if (!m) return;
  if (points.length === 1) strokeSegment(m, points[0]!, points[0]!, w);
  for (let k = 0; k + 1 < points.length; k++) strokeSegment(m, points[k]!, points[k + 1]!, w);
  if (closed && points.length > 2) strokeSegment(m, points[points.length - 1]!, points[0]!, w);
  composite(img, m, color);
}

function drawArrow(img: RgbaImage, from: Px, to: Px, color: Rgba, w: number, headPx: number): void {
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const len = Math.hypot(dx, dy);
  if (len === 0) return;
  const ux = dx / len;
  const uy = dy / len;
  const head = Math.min(headPx, len);
  const base = { x: to.x - ux * head, y: to.y - uy * head };
  const half = head * 0.45;
  const left = { x: base.x - uy * half, y: base.y + ux * half };
  const right = { x: base.x + uy * half, y: base.y - ux * half };
  const m = Mask.forBox(img, ...bbox([from, to, left, right], w + 2));
  if (!m) return;
  strokeSegment(m, from, base, w);
  fillPolygon(m, [to, left, right]);
  strokeSegment(m, to, left, 1);
  strokeSegment(m, left, right, 1);
  strokeSegment(m, right, to, 1);
  composite(img, m, color);
}

/** Size of a text label in px at a scale (with 2-px padding per side at scale 1). */
export function measureLabel(text: string, scale: number): { width: number; height: number } {
  const lines = text.split('\n');
  const cols = Math.max(...lines.map((l) => [...l].length));
  const pad = 2 * scale;
  return { width: cols * FONT_CELL_W * scale + 2 * pad, height: lines.length * FONT_CELL_H * scale + 2 * pad };
}

type LabelShape = Extract<OverlayShape, { kind: 'label' }>;

/** The box (image px) a label without `near` is drawn in: `at` by its `anchor`, moved inside the image. */
function fixedLabelBox(img: RgbaImage, shape: LabelShape): Rect {
  const size = measureLabel(shape.text, labelScale(img, shape));
  let x = shape.at.x;
  let y = shape.at.y;
  if (shape.anchor === 'center') {
    x -= size.width / 2;
    y -= size.height / 2;
  } else if (shape.anchor === 'bottom-left') {
    y -= size.height;
  }
  x = Math.round(Math.min(Math.max(0, x), Math.max(0, img.width - size.width)));
  y = Math.round(Math.min(Math.max(0, y), Math.max(0, img.height - size.height)));
  return { x0: x, y0: y, x1: x + size.width, y1: y + size.height };
}

const labelScale = (img: RgbaImage, shape: LabelShape) => Math.max(1, Math.round(shape.scale ?? defaultLabelScale(img)));

/**
 * Where each label goes (image px boxes, by index into `shapes`), and the leader lines of labels
 * placed away from their `near` point. Fixed labels first (the others avoid them), then the placed
 * ones, tallest first (a needle's block of numbers before one-line names), clear of lines and arrows.
 */
function layoutLabels(img: RgbaImage, shapes: readonly OverlayShape[]): { boxes: Map<number, Rect>; leaders: { seg: Segment; color: Rgba }[] } {
  const boxes = new Map<number, Rect>();
  const obstacles: Segment[] = [];
  const requests: (LabelRequest & { index: number })[] = [];
  shapes.forEach((s, index) => {
    if (s.kind === 'line') obstacles.push({ a: s.a, b: s.b });
    else if (s.kind === 'arrow') obstacles.push({ a: s.from, b: s.to });
    else if (s.kind === 'label' && !s.near) boxes.set(index, fixedLabelBox(img, s));
    else if (s.kind === 'label' && s.near) requests.push({ index, id: String(index), anchor: s.near, sizes: [measureLabel(s.text, labelScale(img, s))] });
  });
  requests.sort((p, q) => q.sizes[0]!.height - p.sizes[0]!.height);
  const placed = placeLabels(requests, { viewport: { x0: 0, y0: 0, x1: img.width, y1: img.height }, obstacles, avoid: [...boxes.values()], gap: 2 + defaultStroke(img) });
  const leaders: { seg: Segment; color: Rgba }[] = [];
  placed.forEach((p, k) => {
    const shape = shapes[requests[k]!.index] as LabelShape;
    boxes.set(requests[k]!.index, { x0: Math.round(p.box.x0), y0: Math.round(p.box.y0), x1: Math.round(p.box.x1), y1: Math.round(p.box.y1) });
    if (p.leader) leaders.push({ seg: p.leader, color: shape.color ?? OVERLAY_COLORS.text });
  });
  return { boxes, leaders };
}

function drawLabel(img: RgbaImage, shape: LabelShape, box: Rect): void {
  const scale = labelScale(img, shape);
  const x = box.x0;
  const y = box.y0;
  const bg = Mask.forBox(img, box.x0, box.y0, box.x1, box.y1);
  if (!bg) return;
  bg.cov.fill(1);
  composite(img, bg, shape.background ?? OVERLAY_COLORS.textBackground);
  const fg = new Mask(bg.x0, bg.y0, bg.w, bg.h);
  const pad = 2 * scale;
  shape.text.split('\n').forEach((line, row) => {
    forEachTextPixel(line, scale, (dx, dy) => {
      const i = x + pad + dx;
      const j = y + pad + row * FONT_CELL_H * scale + dy;
      if (i >= fg.x0 && i < fg.x0 + fg.w && j >= fg.y0 && j < fg.y0 + fg.h) fg.max(i, j, 1);
    });
  });
  composite(img, fg, shape.color ?? OVERLAY_COLORS.text);
}

/** Font metrics, for callers that place labels (baseline offset in px at scale 1). */
export const LABEL_FONT = { cellW: FONT_CELL_W, cellH: FONT_CELL_H, ascent: FONT_ASCENT } as const;

/** Draws the shapes onto a copy of the frame (the input is not modified), in order. */
export function drawOverlays(frame: RgbaImage, shapes: readonly OverlayShape[]): RgbaImage {
  if (frame.data.length !== frame.width * frame.height * 4) {
    throw new Error(`frame data has ${frame.data.length} bytes, expected ${frame.width}×${frame.height}×4`);
  }
  const img: RgbaImage = { width: frame.width, height: frame.height, data: new Uint8Array(frame.data) };
  const w0 = defaultStroke(img);
  const { boxes, leaders } = layoutLabels(img, shapes);
  for (const s of shapes) {
    switch (s.kind) {
      case 'line':
        drawPolyline(img, [s.a, s.b], false, s.color ?? OVERLAY_COLORS.measurement, s.widthPx ?? w0);
        break;
      case 'polyline':
        drawPolyline(img, s.points, s.closed ?? false, s.color ?? OVERLAY_COLORS.other, s.widthPx ?? w0, s.fill);
        break;
      case 'ellipse':
        drawPolyline(img, ellipsePoints(s.center, s.rx, s.ry, s.rotationDeg), true, s.color ?? OVERLAY_COLORS.other, s.widthPx ?? w0, s.fill);
        break;
      case 'arrow':
        drawArrow(img, s.from, s.to, s.color ?? OVERLAY_COLORS.needle, s.widthPx ?? w0, s.headPx ?? 6 * w0 + 4);
        break;
      case 'point': {
        const r = s.radiusPx ?? w0 + 2;
        drawPolyline(img, ellipsePoints(s.at, r, r), true, s.color ?? OVERLAY_COLORS.other, s.widthPx ?? w0, s.color ?? OVERLAY_COLORS.other);
        break;
      }
      case 'label':
        break;
    }
  }
  // Labels last, so no mark covers one; each leader under its label.
  for (const l of leaders) drawPolyline(img, [l.seg.a, l.seg.b], false, l.color, 1);
  shapes.forEach((s, i) => s.kind === 'label' && drawLabel(img, s, boxes.get(i)!));
  return img;
}

/** Encodes an RGBA frame as an 8-bit RGBA PNG (fast-png). */
export function encodePng(img: RgbaImage): Uint8Array {
  const data = img.data instanceof Uint8Array ? img.data : new Uint8Array(img.data.buffer, img.data.byteOffset, img.data.byteLength);
  return encodePngBytes({ width: img.width, height: img.height, data, channels: 4, depth: 8 });
}

/** A key image ready for export: PNG bytes plus what it shows. */
export interface KeyImage {
  /** Caption, e.g. "Clip 1, frame 12: needle path and clearances". */
  caption: string;
  clipId?: string;
  frameIndex?: number;
  width: number;
  height: number;
  png: Uint8Array;
}

/** Burns the shapes into the frame and encodes a PNG. */
export function renderKeyImage(frame: RgbaImage, shapes: readonly OverlayShape[], caption: string, ref: { clipId?: string; frameIndex?: number } = {}): KeyImage {
  const img = drawOverlays(frame, shapes);
  return { caption, clipId: ref.clipId, frameIndex: ref.frameIndex, width: img.width, height: img.height, png: encodePng(img) };
}
