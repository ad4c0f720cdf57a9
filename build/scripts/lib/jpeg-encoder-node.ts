/**
 * Node glue for the JPEG encoder: loads @cornerstonejs/codec-libjpeg-turbo-8bit (libjpeg-turbo
 * compiled to WebAssembly) from node_modules, passing the .wasm bytes directly so no fetch or path
 * guessing is involved, and adapts it to core's `JpegBaselineEncoder` interface.
 *
 * The codec's encoder defaults to progressive JPEG; we switch that off, because the transfer syntax
 * we write (JPEG Baseline, 1.2.840.10008.1.2.4.50) requires sequential baseline (SOF0) bitstreams.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JpegBaselineEncoder } from '../../../core/dicom/write/jpeg-encoder';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned: boolean;
}
interface WasmJpegEncoder {
  getDecodedBuffer(frameInfo: FrameInfo): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  encode(): void;
  setProgressive(progressive: number): void;
  setQuality(quality: number): void;
  setSubSampling(subSampling: number): void;
  delete(): void;
}
interface LibJpegTurboModule {
  JPEGEncoder: new () => WasmJpegEncoder;
}

/** libjpeg-turbo TJSAMP_422 (turbojpeg.h): 2×1 luminance sampling, i.e. YBR_FULL_422. */
const TJSAMP_422 = 1;

let modulePromise: Promise<LibJpegTurboModule> | undefined;

async function loadModule(): Promise<LibJpegTurboModule> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as (opts: { wasmBinary: Uint8Array }) => Promise<LibJpegTurboModule>;
  const wasmPath = require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm');
  return factory({ wasmBinary: readFileSync(wasmPath) });
}

/**
 * A baseline JPEG encoder backed by libjpeg-turbo WebAssembly. The module loads once per process.
 * Note the codec sizes its output buffer to the raw frame size, so frames must be large enough
 * (roughly ≥ 32×32 px) for the JPEG headers to fit.
 */
export async function loadNodeJpegEncoder(): Promise<JpegBaselineEncoder> {
  modulePromise ??= loadModule();
  const mod = await modulePromise;
  return {
    encode(pixels, width, height, components, quality) {
      const enc = new mod.JPEGEncoder();
      try {
        const input = enc.getDecodedBuffer({ width, height, bitsPerSample: 8, componentCount: components, isSigned: false });
        input.set(pixels);
        enc.setProgressive(0);
        enc.setQuality(quality);
        if (components === 3) enc.setSubSampling(TJSAMP_422);
        enc.encode();
        // getEncodedBuffer returns a fresh copy outside WASM memory; copy into a plain Uint8Array.
        return Uint8Array.from(enc.getEncodedBuffer());
      } finally {
        enc.delete();
      }
    },
  };
}
