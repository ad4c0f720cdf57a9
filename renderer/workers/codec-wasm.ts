/**
 * WebAssembly codec loading for code outside the decode workers (the de-identify dialog decodes and
 * re-encodes a whole clip): the same `?url` assets the decode worker fetches from the app's origin.
 */
import jpegWasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url';
import charlsWasmUrl from '@cornerstonejs/codec-charls/decodewasm?url';
import openjpegWasmUrl from '@cornerstonejs/codec-openjpeg/decodewasm?url';
import openjphWasmUrl from '@cornerstonejs/codec-openjph/wasm?url';
import jpeg12WasmUrl from 'dcmjs-codecs/build/dcmjs-native-codecs.wasm?url';
import { CODEC_WASM_FILES, createCodecs, type DicomCodecs } from '../../core/dicom/codecs';

const URLS: Record<string, string> = {
  [CODEC_WASM_FILES.jpeg.fileName]: jpegWasmUrl,
  [CODEC_WASM_FILES.jpegls.fileName]: charlsWasmUrl,
  [CODEC_WASM_FILES.j2k.fileName]: openjpegWasmUrl,
  [CODEC_WASM_FILES.htj2k.fileName]: openjphWasmUrl,
  [CODEC_WASM_FILES.jpeg12.fileName]: jpeg12WasmUrl,
};

let codecs: DicomCodecs | undefined;

/** One set of codecs for the page (created on first use; each .wasm fetched when first needed). */
export function pageCodecs(): DicomCodecs {
  codecs ??= createCodecs({
    loadWasm: async (fileName) => {
      const url = URLS[fileName];
      if (!url) throw new Error(`unknown codec ${fileName}`);
      const res = await fetch(url);
      if (!res.ok) throw new Error(`${fileName}: HTTP ${res.status}`);
      return new Uint8Array(await res.arrayBuffer());
    },
  });
  return codecs;
}
