/**
 * Node glue for the JPEG encoder: loads @cornerstonejs/codec-libjpeg-turbo-8bit (libjpeg-turbo
 * compiled to WebAssembly) from node_modules, passing the .wasm bytes directly so no fetch or path
 * guessing is involved, and adapts it to core's `JpegBaselineEncoder` interface (core/sim/jpeg.ts:
 * baseline, not the codec's default progressive JPEG, as the transfer syntax written requires).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { JpegBaselineEncoder } from '../../../core/dicom/write/jpeg-encoder';
import { loadLibjpegTurboEncoder } from '../../../core/sim/jpeg';

let encoderPromise: Promise<JpegBaselineEncoder> | undefined;

/**
 * A baseline JPEG encoder backed by libjpeg-turbo WebAssembly. The module loads once per process.
 * Note the codec sizes its output buffer to the raw frame size, so frames must be large enough
 * (roughly ≥ 32×32 px) for the JPEG headers to fit.
 */
export function loadNodeJpegEncoder(): Promise<JpegBaselineEncoder> {
  const require = createRequire(import.meta.url);
  encoderPromise ??= loadLibjpegTurboEncoder(async () => new Uint8Array(readFileSync(require.resolve('@cornerstonejs/codec-libjpeg-turbo-8bit/wasm'))));
  return encoderPromise;
}
