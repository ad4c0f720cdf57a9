/** The Node OCR engine (tesseract.js) for a test file: started before its tests, closed after. */
import { afterAll, beforeAll } from 'vitest';
import { createNodeOcr, type NodeOcrEngine } from '../../core/cli/ocr-node';

export function nodeOcrPerFile(): () => NodeOcrEngine {
  let ocr: NodeOcrEngine | undefined;
  beforeAll(async () => {
    ocr = await createNodeOcr();
  }, 120_000);
  afterAll(async () => {
    await ocr?.close();
  });
  return () => {
    if (!ocr) throw new Error('nodeOcrPerFile: the OCR engine is not started (outside a test?)');
    return ocr;
  };
}
