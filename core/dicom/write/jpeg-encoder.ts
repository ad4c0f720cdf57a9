/**
 * The JPEG encoder the writer needs, injected so core/ stays free of Node and WebAssembly loading.
 * In Node, build/scripts/lib/jpeg-encoder-node.ts wraps @cornerstonejs/codec-libjpeg-turbo-8bit.
 */
export interface JpegBaselineEncoder {
  /**
   * Encode one 8-bit frame as a baseline sequential JPEG (SOF0, Huffman) bitstream, SOI to EOI.
   *
   * @param pixels `width × height × components` bytes, row-major; interleaved R,G,B when components is 3.
   * @param components 1 for greyscale; 3 for colour, which the encoder stores as YCbCr 4:2:2.
   * @param quality libjpeg quality, 1–100.
   */
  encode(pixels: Uint8Array, width: number, height: number, components: 1 | 3, quality: number): Uint8Array;
}

/** JPEG markers the writer checks in the encoder's output (ITU-T T.81 Table B.1). */
export const JPEG_MARKER = { SOI: 0xd8, EOI: 0xd9, SOF0: 0xc0, SOS: 0xda } as const;

/**
 * The parameters of the first frame header of a JPEG bitstream: the SOF marker code and its
 * precision, lines, samples per line and components; or an error message.
 */
export function readJpegFrameHeader(
  jpeg: Uint8Array,
): { sof: number; precision: number; rows: number; columns: number; components: number; samplingH: number[]; samplingV: number[] } | string {
  if (jpeg.length < 4 || jpeg[0] !== 0xff || jpeg[1] !== JPEG_MARKER.SOI) return 'does not start with SOI';
  let i = 2;
  while (i + 4 <= jpeg.length) {
    if (jpeg[i] !== 0xff) return `no marker at byte ${i}`;
    const marker = jpeg[i + 1]!;
    if (marker === 0xff) {
      i += 1; // fill byte
      continue;
    }
    const len = (jpeg[i + 2]! << 8) | jpeg[i + 3]!;
    // SOF0..SOF15 except DHT (C4), JPG (C8), DAC (CC)
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const p = i + 4;
      if (p + 6 > jpeg.length) return 'truncated frame header';
      const nc = jpeg[p + 5]!;
      const samplingH: number[] = [];
      const samplingV: number[] = [];
      for (let c = 0; c < nc; c++) {
        const hv = jpeg[p + 6 + c * 3 + 1] ?? 0;
        samplingH.push(hv >> 4);
        samplingV.push(hv & 0x0f);
      }
      return {
        sof: marker,
        precision: jpeg[p]!,
        rows: (jpeg[p + 1]! << 8) | jpeg[p + 2]!,
        columns: (jpeg[p + 3]! << 8) | jpeg[p + 4]!,
        components: nc,
        samplingH,
        samplingV,
      };
    }
    if (marker === JPEG_MARKER.SOS) return 'scan data before any frame header';
    i += 2 + len;
  }
  return 'no frame header found';
}
