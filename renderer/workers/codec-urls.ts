/**
 * Where the decode workers get the codecs' WebAssembly: bundled by Vite (`?url`) and fetched from
 * the app's own origin (the CSP allows 'wasm-unsafe-eval' and nothing remote). Also used by pages
 * that decode with core on their main thread (tests, benchmarks) to compare.
 */
import jpegWasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsWasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
// 12-bit lossy JPEG (dcmjs-codecs; no "exports" map, so the file path). Fetched on the first 12-bit frame only.
import jpeg12WasmUrl from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { CODEC_WASM_FILES } from '../../core/dicom/codecs';

const WASM_URLS: Record<string, string> = {
  [CODEC_WASM_FILES.jpeg.fileName]: jpegWasmUrl,
  [CODEC_WASM_FILES.jpegls.fileName]: charlsWasmUrl,
  [CODEC_WASM_FILES.j2k.fileName]: openjpegWasmUrl,
  [CODEC_WASM_FILES.htj2k.fileName]: openjphWasmUrl,
  [CODEC_WASM_FILES.jpeg12.fileName]: jpeg12WasmUrl,
};

/** The bytes of a codec's .wasm file (CODEC_WASM_FILES[*].fileName), fetched from the app's origin. */
export async function loadWasm(fileName: string): Promise<Uint8Array> {
  const url = WASM_URLS[fileName];
  if (!url) throw new Error(`unknown codec ${fileName}`);
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${fileName}: HTTP ${res.status}`);
  return new Uint8Array(await res.arrayBuffer());
}

