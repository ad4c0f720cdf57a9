/**
 * Decode worker (one of a pool, see pool.ts). WebAssembly codecs are bundled by Vite (`?url`) and
 * fetched from the app's own origin (the CSP allows 'wasm-unsafe-eval' and nothing remote).
 */
import jpegWasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsWasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
// 12-bit lossy JPEG (dcmjs-codecs; no "exports" map, so the file path). Fetched on the first 12-bit frame only.
import jpeg12WasmUrl from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { CODEC_WASM_FILES, createCodecs } from '../../core/dicom/codecs';
import { browserImaging } from './browser-imaging';
import { createDecoder } from './decoder';
import type { ToWorker } from './protocol';

const WASM_URLS: Record<string, string> = {
  [CODEC_WASM_FILES.jpeg.fileName]: jpegWasmUrl,
  [CODEC_WASM_FILES.jpegls.fileName]: charlsWasmUrl,
  [CODEC_WASM_FILES.j2k.fileName]: openjpegWasmUrl,
  [CODEC_WASM_FILES.htj2k.fileName]: openjphWasmUrl,
  [CODEC_WASM_FILES.jpeg12.fileName]: jpeg12WasmUrl,
};

async function loadWasm(fileName: string): Promise<Uint8Array> {
  const url = WASM_URLS[fileName];
  if (!url) throw new Error(`unknown codec ${fileName}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${fileName}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

const codecs = createCodecs({ loadWasm });

const browser = browserImaging();

/** A small JPEG made by the browser, decoded once by each decoder so the first clip's frame is fast. */
async function warm(): Promise<void> {
  const c = new OffscreenCanvas(16, 16);
  const g = c.getContext('2d');
  if (!g) return;
  g.fillStyle = '#808080';
  g.fillRect(0, 0, 16, 16);
  const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  await codecs.jpeg(bytes);
  if (browser) (await browser.decodeJpeg([bytes])).close();
}

const handle = createDecoder({ codecs, warm, ...(browser ? { browser } : {}) });
const post = (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage.bind(self);

// Each job runs as it arrives: WebAssembly decodes queue inside the decoder (one at a time), the
// browser's decodes run beside them (the pool sends a few at a time).
self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  void handle(e.data).then((reply) => {
    if (reply) post(reply.msg, reply.transfer);
  });
});
