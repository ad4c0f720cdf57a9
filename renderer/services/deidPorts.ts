import { pageCodecs } from '../workers/codec-wasm';
import { createBrowserOcr, type BrowserOcrEngine } from '../workers/ocr';

/**
 * The ports the de-identification workflow (core/app/deidentify) runs on in the app: the page's
 * WebAssembly codecs and the browser OCR engine (Tesseract in a worker, started once, on first use;
 * a failed start is tried again next time).
 */
export { pageCodecs };

let ocrPromise: Promise<BrowserOcrEngine> | undefined;

/** The OCR engine, started on first use. */
export function browserOcr(): Promise<BrowserOcrEngine> {
  ocrPromise ??= createBrowserOcr().catch((e: unknown) => {
    ocrPromise = undefined;
    throw e;
  });
  return ocrPromise;
}
