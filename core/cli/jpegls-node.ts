/**
 * JPEG-LS lossless encoding in Node for the re-encoded masked frames (transfer syntax
 * 1.2.840.10008.1.2.4.80): CharLS compiled to WebAssembly (@cornerstonejs/codec-charls, its full
 * build with the encoder), loaded from node_modules. Smaller than RLE on speckle; decoded by
 * BlockPlan's own CharLS decoder and by DCMTK's dcmdjpls.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { LosslessFrameEncoder } from '../deid/pixels';

interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
}
interface CharlsEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  getEncodedBuffer(): Uint8Array;
  setNearLossless(n: number): void;
  setInterleaveMode(mode: number): void;
  encode(): void;
  delete(): void;
}
interface CharlsModule {
  JpegLSEncoder: new () => CharlsEncoder;
}

/** JPEG-LS Lossless Image Compression. */
export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';

/** Load CharLS and return the encoder port (interleaved by sample for colour, as decoded). */
export async function loadJpegLsEncoder(): Promise<LosslessFrameEncoder> {
  const require = createRequire(import.meta.url);
  const factory = require('@cornerstonejs/codec-charls/wasmjs') as (o: { wasmBinary: Uint8Array }) => Promise<CharlsModule>;
  const mod = await factory({ wasmBinary: readFileSync(require.resolve('@cornerstonejs/codec-charls/wasm')) });
  return {
    transferSyntaxUid: JPEG_LS_LOSSLESS,
    encode(data, rows, columns, samples, bytesPerSample) {
      const enc = new mod.JpegLSEncoder();
      try {
        const input = enc.getDecodedBuffer({ width: columns, height: rows, bitsPerSample: bytesPerSample * 8, componentCount: samples });
        input.set(data.subarray(0, input.length));
        enc.setNearLossless(0);
        if (samples === 3) enc.setInterleaveMode(2); // CharLS "sample" interleave: R,G,B per pixel
        enc.encode();
        return Uint8Array.from(enc.getEncodedBuffer());
      } finally {
        enc.delete();
      }
    },
  };
}
