/**
 * The burned-in text scan with the real OCR (tesseract.js, as the CLI and the app run it) on the
 * project's sample clips, which carry no text inside their regions: speckle and bright fascia must
 * not become masks that black out anatomy in teaching images; a name burned inside a region still
 * does (the KOWALSKI clip).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanImage } from '../../../../core/app/deidentify';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { openDicom } from '../../../../core/dicom/parse';
import { looksLikeTextInside } from '../../../../core/deid/scan';
import { makePhiClip } from '../../../support/deid-clip';
import { nodeOcrPerFile } from '../../../support/node-ocr';

const ocr = nodeOcrPerFile();
const samples = path.resolve(__dirname, '../../../../assets/samples');

describe('burned-in text inside the regions (real OCR)', () => {
  it('counts letters and digits, not dashes or quotes, and wants confidence', () => {
    expect(looksLikeTextInside({ text: 'KOWALSKI', confidence: 95 })).toBe(true);
    expect(looksLikeTextInside({ text: '——', confidence: 90 })).toBe(false);
    expect(looksLikeTextInside({ text: '“EE”', confidence: 90 })).toBe(false);
    expect(looksLikeTextInside({ text: 'GARE,', confidence: 44 })).toBe(false);
    expect(looksLikeTextInside({ text: 'Łódź', confidence: 80 })).toBe(true);
  });

  it.each(['thoracic-paravertebral', 'transversus-abdominis-plane', 'ganglion-impar'])('%s: no mask inside the region (the sample has no text there)', async (id) => {
    const img = openDicom(new Uint8Array(readFileSync(path.join(samples, `${id}.dcm`))));
    if (!img.ok) throw new Error(img.error.message);
    const r = await scanImage(img.value, { codecs: createNodeCodecs(), ocr: ocr() });
    expect(r.ocrFrames.length).toBeGreaterThan(0); // OCR did read frames (the pre-check saw candidate lines)
    expect(r.insideTextLines).toEqual([]);
  }, 120_000);

  it('a name burned inside the region is still found', async () => {
    const clip = await makePhiClip({ frames: 2 });
    const img = openDicom(clip.bytes);
    if (!img.ok) throw new Error(img.error.message);
    const r = await scanImage(img.value, { codecs: createNodeCodecs(), ocr: ocr() });
    expect(r.insideTextLines.length).toBe(1);
    expect(r.words.some((w) => w.line.insideRegion && w.text.includes('KOWALSKI'))).toBe(true);
  }, 120_000);
});
