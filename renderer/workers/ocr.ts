/**
 * The OCR port in the app: tesseract.js, which runs Tesseract's WebAssembly build in its own Web
 * Worker. Everything is served by the app itself (Vite `?url` assets): the worker script, the
 * non-SIMD LSTM core (its .wasm is embedded in the .wasm.js, compiled under 'wasm-unsafe-eval') and
 * the English model of @tesseract.js-data/eng, fetched here and handed to the worker as data — no CDN,
 * no blob: worker (workerBlobURL off), nothing cached in IndexedDB (cacheMethod 'none').
 */
import { createWorker, OEM } from 'tesseract.js';
import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import coreUrl from 'tesseract.js-core/tesseract-core-lstm.wasm.js?url';
import engUrl from '@tesseract.js-data/eng/4.0.0/eng.traineddata.gz?url';
import { toPgm, wordsOf, type OcrEngine, type TessBlocks } from '../../core/deid/ocr';

/** An OCR engine backed by one tesseract.js worker; `close()` terminates it. */
export interface BrowserOcrEngine extends OcrEngine {
  close(): Promise<void>;
}

/** Start the OCR worker (loads ≈ 4 MB of model and the WebAssembly core from the app's origin). */
export async function createBrowserOcr(): Promise<BrowserOcrEngine> {
  const res = await fetch(engUrl);
  if (!res.ok) throw new Error(`the OCR model could not be loaded (HTTP ${res.status})`);
  const data = new Uint8Array(await res.arrayBuffer());
  const worker = await createWorker([{ code: 'eng', data }] as unknown as string[], OEM.LSTM_ONLY, {
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
