/**
 * A JPEG Baseline encoder for saved simulated clips (core/dicom/write/us-multiframe needs one), over
 * the libjpeg-turbo WebAssembly codec (@cornerstonejs/codec-libjpeg-turbo-8bit) that each platform
 * loads its own way (Node: node_modules; the app's worker: a bundled URL). Its encoder defaults to
 * progressive JPEG; the transfer syntax written (1.2.840.10008.1.2.4.50) needs sequential baseline.
 */
import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs';
import type { JpegBaselineEncoder } from '../dicom/write/jpeg-encoder';

/** The part of the codec module the encoder uses. */
export interface LibJpegTurboModule {
  JPEGEncoder: new () => {
    getDecodedBuffer(frameInfo: { width: number; height: number; bitsPerSample: number; componentCount: number; isSigned: boolean }): Uint8Array;
    getEncodedBuffer(): Uint8Array;
    encode(): void;
    setProgressive(progressive: number): void;
    setQuality(quality: number): void;
    setSubSampling(subSampling: number): void;
    delete(): void;
  };
}

/** libjpeg-turbo TJSAMP_422 (turbojpeg.h): 2×1 luminance sampling, i.e. YBR_FULL_422. */
const TJSAMP_422 = 1;

/** Baseline JPEG encoder over a loaded codec module (frames of at least ~32 × 32 px). */
export function libjpegTurboEncoder(mod: LibJpegTurboModule): JpegBaselineEncoder {
  return {
    encode(pixels, width, height, components, quality) {
      const enc = new mod.JPEGEncoder();
      try {
        enc.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: components, isSigned: false }).set(pixels);
        enc.setProgressive(0);
        enc.setQuality(quality);
        if (components === 3) enc.setSubSampling(TJSAMP_422);
        enc.encode();
        return Uint8Array.from(enc.getEncodedBuffer());
      } finally {
        enc.delete();
      }
    },
  };
}

/**
 * Load the codec module (with its encoder) from the .wasm bytes the platform supplies (Node: read
 * from node_modules; the app's worker: fetched from the bundled URL), and wrap it as an encoder.
 */
export async function loadLibjpegTurboEncoder(loadWasm: () => Promise<Uint8Array>): Promise<JpegBaselineEncoder> {
  const wasmBinary = await loadWasm();
  const mod = await (libjpegTurboFactory as (o: { wasmBinary: Uint8Array }) => Promise<LibJpegTurboModule>)({ wasmBinary });
  return libjpegTurboEncoder(mod);
}
