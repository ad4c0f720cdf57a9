/**
 * OCR of the candidate text lines, through a port so core stays free of tesseract.js: the CLI adapter
 * (core/cli/ocr-node.ts) runs tesseract.js in a Node worker thread, the app's in a Web Worker
 * (renderer/workers/ocr.ts). Both load the English traineddata shipped in @tesseract.js-data/eng.
 *
 * Scanner fonts are small bitmaps (≈ 8–13 px high) that OCR engines read badly as they are. Each line
 * is cut out, reduced to its ink (black on white, so speckle behind it disappears), enlarged 3× with
 * bilinear interpolation and a cut at 30 % coverage (which rounds the bitmap's staircase edges), and
 * the lines of a frame are stacked into one image for one OCR call. Measured on the 6×13 fixed font:
 * unscaled, tesseract read "DOE^JOHN" as "TEIN"; with this preparation, every test word exactly.
 */
import type { LumaImage, Rect, TextLine } from './text-detect';

/** A word the OCR engine read, with its box in the image it was given (px). */
export interface OcrWord {
  text: string;
  /** 0–100. */
  confidence: number;
  bbox: Rect;
}

/** The OCR port. `image` is 8-bit grey, dark text on white. Implementations may be slow (seconds). */
export interface OcrEngine {
  recognize(image: LumaImage): Promise<OcrWord[]>;
}

/** A word found in a frame, in frame px. */
export interface FoundText {
  text: string;
  confidence: number;
  rect: Rect;
  /** The candidate line it was read from. */
  line: TextLine;
}

/** Enlargement of the lines before OCR. */
export const OCR_SCALE = 3;
const CUT = 0.3;
const MARGIN = 12;

interface Placement {
  line: TextLine;
  /** Top of the enlarged line in the composed image, px. */
  top: number;
  /** Left of the enlarged line, px. */
  left: number;
  /** The line's box in the frame with its padding, px. */
  src: Rect;
}

/**
 * Compose the lines of a frame into one image for OCR: each line's ink (pixels ≥ `ink`) enlarged by
 * OCR_SCALE, black on white, stacked with white margins.
 */
export function composeLines(img: LumaImage, lines: readonly TextLine[], inkOutside: number, inkInside: number): { image: LumaImage; placements: Placement[] } {
  const placements: Placement[] = [];
  let width = 0;
  let height = MARGIN;
  for (const line of lines) {
    const pad = 2;
    const src = { x0: Math.max(0, line.x0 - pad), y0: Math.max(0, line.y0 - pad), x1: Math.min(img.width, line.x1 + pad), y1: Math.min(img.height, line.y1 + pad) };
    placements.push({ line, top: height, left: MARGIN, src });
    height += (src.y1 - src.y0) * OCR_SCALE + MARGIN;
    width = Math.max(width, (src.x1 - src.x0) * OCR_SCALE + 2 * MARGIN);
  }
  const data = new Uint8Array(width * height).fill(255);
  for (const p of placements) {
    const t = p.line.insideRegion ? inkInside : inkOutside;
    const sw = p.src.x1 - p.src.x0;
    const sh = p.src.y1 - p.src.y0;
    const ink = (x: number, y: number) => (x < 0 || y < 0 || x >= sw || y >= sh ? 0 : img.data[(p.src.y0 + y) * img.width + p.src.x0 + x]! >= t ? 1 : 0);
    for (let y = 0; y < sh * OCR_SCALE; y++) {
      const fy = (y + 0.5) / OCR_SCALE - 0.5;
      const yi = Math.floor(fy);
      const ay = fy - yi;
      const row = (p.top + y) * width + p.left;
      for (let x = 0; x < sw * OCR_SCALE; x++) {
        const fx = (x + 0.5) / OCR_SCALE - 0.5;
        const xi = Math.floor(fx);
        const ax = fx - xi;
        const v = ink(xi, yi) * (1 - ax) * (1 - ay) + ink(xi + 1, yi) * ax * (1 - ay) + ink(xi, yi + 1) * (1 - ax) * ay + ink(xi + 1, yi + 1) * ax * ay;
        if (v >= CUT) data[row + x] = 0;
      }
    }
  }
  return { image: { width, height, data }, placements };
}

/** Map words from the composed image back to frame px (via the line each word's centre falls in). */
export function mapWords(words: readonly OcrWord[], placements: readonly Placement[]): FoundText[] {
  const out: FoundText[] = [];
  for (const w of words) {
    const cy = (w.bbox.y0 + w.bbox.y1) / 2;
    const p = placements.find((q) => cy >= q.top && cy < q.top + (q.src.y1 - q.src.y0) * OCR_SCALE);
    if (!p) continue;
    const x0 = p.src.x0 + Math.floor((w.bbox.x0 - p.left) / OCR_SCALE);
    const x1 = p.src.x0 + Math.ceil((w.bbox.x1 - p.left) / OCR_SCALE);
    const rect = {
      x0: Math.max(p.src.x0, x0),
      x1: Math.min(p.src.x1, Math.max(x1, x0 + 1)),
      y0: p.src.y0,
      y1: p.src.y1,
    };
    out.push({ text: w.text, confidence: w.confidence, rect, line: p.line });
  }
  return out;
}

/** Read the candidate lines of one frame. No lines: no OCR call. */
export async function readLines(engine: OcrEngine, img: LumaImage, lines: readonly TextLine[], inkOutside: number, inkInside: number): Promise<FoundText[]> {
  if (lines.length === 0) return [];
  const { image, placements } = composeLines(img, lines, inkOutside, inkInside);
  const words = await engine.recognize(image);
  return mapWords(words, placements);
}

/** A word counts as text when it has at least two letters or digits and some confidence. */
export function isReadableWord(w: { text: string; confidence: number }): boolean {
  return w.text.replace(/[^0-9A-Za-z\u00c0-\uffff]/g, '').length >= 2 && w.confidence >= 30;
}

/** A binary PGM (P5) of an 8-bit grey image: the simplest format Tesseract's Leptonica reads. */
export function toPgm(img: LumaImage): Uint8Array {
  const head = `P5\n${img.width} ${img.height}\n255\n`;
  const out = new Uint8Array(head.length + img.data.length);
  for (let i = 0; i < head.length; i++) out[i] = head.charCodeAt(i);
  out.set(img.data, head.length);
  return out;
}

interface TessWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
}
/** The part of a tesseract.js result (`{ blocks: true }`) the adapters read. */
export interface TessBlocks {
  blocks?: { paragraphs: { lines: { words: TessWord[] }[] }[] }[] | null;
}

/** Words of a tesseract.js result (shared by the Node and browser adapters). */
export function wordsOf(data: TessBlocks): OcrWord[] {
  return (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words))).map((w) => ({ text: w.text, confidence: w.confidence, bbox: { ...w.bbox } }));
}
