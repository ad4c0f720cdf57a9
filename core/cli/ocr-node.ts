/**
 * The OCR port in Node (CLI, benchmark, tests): tesseract.js, which runs Tesseract's WebAssembly
 * build in a worker thread, with the English LSTM model shipped in @tesseract.js-data/eng (read from
 * node_modules; nothing is downloaded and nothing is cached to disk).
 */
import { createRequire } from 'node:module';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import type { OcrEngine, OcrWord } from '../deid/ocr';
import type { LumaImage } from '../deid/text-detect';

const require = createRequire(import.meta.url);

/** Folder holding eng.traineddata.gz (the "4.0.0" fast LSTM model of @tesseract.js-data/eng). */
export function engTrainedDataDir(): string {
  return (require('@tesseract.js-data/eng') as { langPath: string }).langPath;
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
interface TessBlocks {
  blocks?: { paragraphs: { lines: { words: TessWord[] }[] }[] }[] | null;
}

/** Words of a tesseract.js result. */
export function wordsOf(data: TessBlocks): OcrWord[] {
  return (data.blocks ?? []).flatMap((b) => b.paragraphs.flatMap((p) => p.lines.flatMap((l) => l.words))).map((w) => ({ text: w.text, confidence: w.confidence, bbox: { ...w.bbox } }));
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
