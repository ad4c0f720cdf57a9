/**
 * The OCR port in Node (CLI, benchmark, tests): tesseract.js, which runs Tesseract's WebAssembly
 * build in a worker thread, with the English LSTM model shipped in @tesseract.js-data/eng (read from
 * node_modules; nothing is downloaded and nothing is cached to disk).
 */
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { toPgm, wordsOf, type OcrEngine, type TessBlocks } from '../deid/ocr';

const require = createRequire(import.meta.url);

/** Folder holding eng.traineddata.gz (the "4.0.0" fast LSTM model of @tesseract.js-data/eng). */
export function engTrainedDataDir(): string {
  return (require('@tesseract.js-data/eng') as { langPath: string }).langPath;
}


/** An OCR engine with one tesseract.js worker; `close()` ends the worker thread. */
export interface NodeOcrEngine extends OcrEngine {
  close(): Promise<void>;
  /** Number of recognize calls so far. */
  calls(): number;
}

/** Start a tesseract.js worker (≈ 2–3 s: loads the WebAssembly core and the model). */
export async function createNodeOcr(): Promise<NodeOcrEngine> {
  const worker: Worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: engTrainedDataDir(),
    gzip: true,
    cacheMethod: 'none',
  });
  let n = 0;
  return {
    async recognize(image) {
      n++;
      const r = await worker.recognize(Buffer.from(toPgm(image)), {}, { blocks: true, text: false });
      return wordsOf(r.data as TessBlocks);
    },
    async close() {
      await worker.terminate();
    },
    calls: () => n,
  };
}
