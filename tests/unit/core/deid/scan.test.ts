/**
 * Which frames OCR reads: a sample (first and last included), every frame whose annotations outside
 * the regions change, and frames showing a new candidate line inside a region — not all frames. The
 * OCR port is a recorder here (what is tested is the choice of frames; real OCR is tested in
 * deidentify.test.ts); the pre-check runs on real generated frames.
 */
import { describe, expect, it } from 'vitest';
import { scanBurnedInText, sampleFrames, type LumaSource } from '../../../../core/deid/scan';
import type { OcrEngine } from '../../../../core/deid/ocr';
import { burnedTextFrames, type BurnedLine } from '../../../../core/samples/synth/burned-text';

function source(lines: BurnedLine[], frames: number): LumaSource {
  const region = { x0: 40, y0: 48, x1: 280, y1: 232 };
  const frame = burnedTextFrames({ columns: 320, rows: 240, frames, region, lines, seed: 'scan-test' });
  return { frameCount: frames, width: 320, height: 240, regions: [region], luma: async (i) => ({ width: 320, height: 240, data: frame(i) }) };
}

function recorder(): OcrEngine & { calls: number } {
  const r = {
    calls: 0,
    async recognize() {
      r.calls++;
      return [{ text: 'WORD', confidence: 90, bbox: { x0: 12, y0: 12, x1: 60, y1: 30 } }];
    },
  };
  return r;
}

describe('burned-in text scan', () => {
  it('samples evenly with first and last', () => {
    expect(sampleFrames(300, 6)).toEqual([0, 60, 120, 179, 239, 299]);
    expect(sampleFrames(3, 6)).toEqual([0, 1, 2]);
  });

  it('reads the samples plus the frame where the top band changes, not every frame', async () => {
    const lines: BurnedLine[] = [
      { text: 'NAME^PATIENT  ID 12345', x: 8, y: 6 },
      { text: 'TIME 10:15:07', x: 8, y: 24, fromFrame: 37 },
    ];
    const ocr = recorder();
    const r = await scanBurnedInText(source(lines, 60), ocr, { sampleFrames: 4 });
    expect(r.ocrFrames).toEqual([0, 20, 37, 39, 59]);
    expect(ocr.calls).toBe(5);
    expect(r.outsideLines.length).toBeGreaterThanOrEqual(2);
  });

  it('reads a frame where a new line appears inside a region, and frames with no text not at all', async () => {
    const lines: BurnedLine[] = [{ text: 'KOWALSKI', x: 60, y: 100, scale: 2, value: 255, fromFrame: 11 }];
    const ocr = recorder();
    const r = await scanBurnedInText(source(lines, 30), ocr, { sampleFrames: 3 });
    // Sample 0 shows no candidate line: no OCR; 11 shows a new line inside; 15 and 29 are samples with text.
    expect(r.ocrFrames).toEqual([11, 15, 29]);
    expect(r.insideTextLines.length).toBe(1);
  });
});
