/**
 * Find burned-in text in a clip: the pre-check (./text-detect.ts) on every frame, OCR (./ocr.ts) on
 * a sample of frames plus every frame whose annotations outside the regions change or that shows a
 * new candidate line inside a region — not blindly on all frames.
 */
import { isReadableWord, readLines, type FoundText, type OcrEngine } from './ocr';
import { detectTextLines, mergeRects, outsideInkSignature, regionMask, type DetectOptions, type LumaImage, type Rect, type TextLine } from './text-detect';

/** What the scan needs of a clip (decoded lazily, one frame at a time). */
export interface LumaSource {
  frameCount: number;
  width: number;
  height: number;
  /** Ultrasound regions as px rectangles [x0, x1) × [y0, y1). */
  regions: readonly Rect[];
  luma(index: number): Promise<LumaImage>;
}

export interface ScanOptions {
  /** Frames OCR reads in any case, spread evenly (first and last included). Default 6. */
  sampleFrames?: number;
  /** At most this many frames are read by OCR (the report says when the cap was reached). Default 60. */
  maxOcrFrames?: number;
  detect?: DetectOptions;
  /** Called after each frame with (frames done, frame count). */
  onProgress?: (done: number, total: number) => void;
}

/** A word found on a frame. */
export interface FoundWord extends FoundText {
  frame: number;
}

export interface ScanResult {
  frameCount: number;
  /** Frames OCR read, 0-based, ascending. */
  ocrFrames: number[];
  /** True when more frames asked for OCR than `maxOcrFrames`. */
  ocrCapped: boolean;
  /** Every word of two or more letters or digits OCR read, whatever its confidence (the PHI check compares them all). */
  words: FoundWord[];
  /** Candidate lines of the pre-check outside the regions, merged over all frames. */
  outsideLines: Rect[];
  /** Candidate lines inside the regions that OCR confirmed, merged over all frames. */
  insideTextLines: Rect[];
}

const INK_OUTSIDE = 150;
const INK_INSIDE = 215;
/**
 * OCR confidence (0–100) a word needs before a line INSIDE a region is masked. Outside the regions
 * every pre-check line is masked anyway; inside, speckle and bright fascia make OCR read fragments
 * ("CRP", "GARE,", "PUG") at up to 64 on the TPVB sample and two-letter ones ("EE", "LX") at up to
 * 79 on the TAP and ganglion impar samples (measured 2026-12-08), while burned-in text reads at 90+
 * (KOWALSKI inside the region: 95). Masking those fragments blacked out anatomy
 * in teaching images. A real name OCR reads at less is still caught by the PHI check afterwards,
 * which compares the masked output's OCR words with the header's identifying values.
 */
export const INSIDE_MASK_CONFIDENCE = 70;
/** Letters and digits a word inside a region needs (Unicode letters; dashes and quotes do not count). */
export const INSIDE_MASK_MIN_CHARS = 3;

/** Whether an OCR word inside a region is text worth masking (see {@link INSIDE_MASK_CONFIDENCE}). */
export function looksLikeTextInside(w: { text: string; confidence: number }): boolean {
  return w.confidence >= INSIDE_MASK_CONFIDENCE && w.text.replace(/[^\p{L}\p{N}]/gu, '').length >= INSIDE_MASK_MIN_CHARS;
}

function overlapRatio(a: Rect, b: Rect): number {
  const w = Math.min(a.x1, b.x1) - Math.max(a.x0, b.x0);
  const h = Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0);
  if (w <= 0 || h <= 0) return 0;
  const area = (r: Rect) => (r.x1 - r.x0) * (r.y1 - r.y0);
  return (w * h) / Math.min(area(a), area(b));
}

/** Evenly spread sample frames, first and last included. */
export function sampleFrames(frameCount: number, n: number): number[] {
  if (frameCount <= n) return Array.from({ length: frameCount }, (_, i) => i);
  const out = new Set<number>();
  for (let k = 0; k < n; k++) out.add(Math.round((k * (frameCount - 1)) / Math.max(1, n - 1)));
  return [...out].sort((a, b) => a - b);
}

/** Scan a clip for burned-in text. */
export async function scanBurnedInText(src: LumaSource, engine: OcrEngine, opts: ScanOptions = {}): Promise<ScanResult> {
  const detect = { inkOutside: INK_OUTSIDE, inkInside: INK_INSIDE, ...opts.detect };
  const inRegion = regionMask(src.width, src.height, src.regions);
  const samples = new Set(sampleFrames(src.frameCount, opts.sampleFrames ?? 6));
  const maxOcr = opts.maxOcrFrames ?? 60;
  const ocrFrames: number[] = [];
  let capped = false;
  const words: FoundWord[] = [];
  const outside: Rect[] = [];
  const seenInside: Rect[] = [];
  const confirmedInside: Rect[] = [];
  let lastSignature: number | undefined;

  for (let i = 0; i < src.frameCount; i++) {
    const img = await src.luma(i);
    const lines = detectTextLines(img, inRegion, detect);
    const signature = outsideInkSignature(img, inRegion, detect);
    const changed = lastSignature !== undefined && signature !== lastSignature;
    lastSignature = signature;
    let newInside = false;
    for (const l of lines) {
      if (!l.insideRegion) {
        if (!outside.some((r) => r.x0 <= l.x0 && r.y0 <= l.y0 && r.x1 >= l.x1 && r.y1 >= l.y1)) outside.push(lineRect(l));
        continue;
      }
      if (!seenInside.some((r) => overlapRatio(r, l) >= 0.5)) {
        seenInside.push(l);
        newInside = true;
      }
    }
    const wantOcr = lines.length > 0 && (samples.has(i) || changed || newInside);
    if (wantOcr) {
      if (ocrFrames.length >= maxOcr) capped = true;
      else {
        ocrFrames.push(i);
        const found = await readLines(engine, img, lines, detect.inkOutside, detect.inkInside);
        for (const f of found) {
          if (f.text.replace(/[^0-9A-Za-z\u00c0-\uffff]/g, '').length < 2) continue;
          words.push({ ...f, frame: i });
          if (!isReadableWord(f)) continue;
          if (f.line.insideRegion && !looksLikeTextInside(f)) continue;
          if (f.line.insideRegion && !confirmedInside.some((r) => overlapRatio(r, f.line) >= 0.9)) confirmedInside.push(lineRect(f.line));
        }
      }
    }
    opts.onProgress?.(i + 1, src.frameCount);
  }
  return {
    frameCount: src.frameCount,
    ocrFrames,
    ocrCapped: capped,
    words,
    outsideLines: mergeRects(outside),
    insideTextLines: mergeRects(confirmedInside),
  };
}

function lineRect(l: TextLine): Rect {
  return { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1 };
}
