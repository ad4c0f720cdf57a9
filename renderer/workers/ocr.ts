/**
 * The OCR port in the app: tesseract.js, which runs Tesseract's WebAssembly build in its own Web
 * Worker. Everything is served by the app itself (Vite `?url` assets): the worker script, the
 * non-SIMD LSTM core (its .wasm is embedded in the .wasm.js, compiled under 'wasm-unsafe-eval') and
 * the English model of @tesseract.js-data/eng, which Vite copies from renderer/public/ocr/eng (a
 * symbolic link into node_modules) to ocr/eng/eng.traineddata.gz beside the app — tesseract.js wants a
 * folder URL for it (its in-memory `{ code, data }` form is broken in 7.0: the data is passed as the
 * language name). No CDN, no blob: worker (workerBlobURL off), nothing cached (cacheMethod 'none').
 */
import { createWorker, OEM } from 'tesseract.js';
import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import coreUrl from 'tesseract.js-core/tesseract-core-lstm.wasm.js?url';
import { toPgm, wordsOf, type OcrEngine, type TessBlocks } from '../../core/deid/ocr';

/** An OCR engine backed by one tesseract.js worker; `close()` terminates it. */
export interface BrowserOcrEngine extends OcrEngine {
  close(): Promise<void>;
}

/** Start the OCR worker (loads ≈ 4 MB of model and the WebAssembly core from the app's origin). */
export async function createBrowserOcr(): Promise<BrowserOcrEngine> {
  const worker = await createWorker('eng', OEM.LSTM_ONLY, {
    langPath: new URL('ocr/eng', window.location.href).href,
    workerPath: workerUrl,
    corePath: coreUrl,
    workerBlobURL: false,
    cacheMethod: 'none',
    gzip: true,
  });
  return {
    async recognize(image) {
      const r = await worker.recognize(toPgm(image) as unknown as Blob, {}, { blocks: true, text: false });
      return wordsOf(r.data as TessBlocks);
    },
    async close() {
      await worker.terminate();
    },
  };
}
