/**
 * RLE Lossless encoding (PS3.5 Annex G; transfer syntax 1.2.840.10008.1.2.5), the inverse of
 * core/dicom/rle.ts. Lossless, so masked frames of a de-identified clip keep every other pixel exactly.
 *
 * A frame is a 64-byte header (number of segments, then 15 uint32 offsets from the frame start) and
 * one PackBits segment per byte plane: sample by sample (R, G, B or the single grey sample), most
 * significant byte first (G.2). Each row is coded on its own (G.3.1: runs do not cross rows) and
 * every segment is padded to an even length.
 */

/** Transfer Syntax UID of RLE Lossless. */
export const RLE_LOSSLESS = '1.2.840.10008.1.2.5';

/** PackBits-encode `n` bytes of `src` read with `stride` from `start`, appending to `out` at `o`. Returns the new `o`. */
function packRow(src: Uint8Array, start: number, stride: number, n: number, out: Uint8Array, o: number): number {
  let i = 0;
  while (i < n) {
    // Length of the run of equal bytes starting at i (max 128).
    const v = src[start + i * stride]!;
    let run = 1;
    while (i + run < n && run < 128 && src[start + (i + run) * stride] === v) run++;
    if (run >= 2) {
      out[o++] = 257 - run; // replicate (257 − run) as a signed byte −(run − 1)
      out[o++] = v;
      i += run;
      continue;
    }
    // Literal: up to 128 bytes, stopping before a run of 3 or more equal bytes (a run of 2 costs the same either way).
    let lit = 1;
    while (i + lit < n && lit < 128) {
      const a = src[start + (i + lit) * stride]!;
      if (i + lit + 2 < n && a === src[start + (i + lit + 1) * stride] && a === src[start + (i + lit + 2) * stride]) break;
      lit++;
    }
    out[o++] = lit - 1;
    for (let k = 0; k < lit; k++) out[o++] = src[start + (i + k) * stride]!;
    i += lit;
  }
  return o;
}

/**
 * Encode one frame. `data` holds the samples in native order (colour-by-pixel, little-endian for
 * 16/32-bit samples), as `decodeRle` returns them.
 *
 * @param samples Samples per Pixel (1 or 3).
 * @param bytesPerSample Bits Allocated / 8 (1, 2 or 4).
 */
export function encodeRleFrame(data: Uint8Array, rows: number, columns: number, samples: number, bytesPerSample: number): Uint8Array {
  const nSeg = samples * bytesPerSample;
  if (nSeg > 15) throw new Error(`RLE allows at most 15 segments; ${samples} samples of ${bytesPerSample * 8} bits need ${nSeg}`);
  const pixels = rows * columns;
  if (data.length < pixels * nSeg) throw new Error(`frame has ${data.length} bytes, ${pixels * nSeg} expected`);
  // Worst case per row: one header byte per 128 literal bytes.
  const rowMax = columns + Math.ceil(columns / 128);
  const out = new Uint8Array(64 + nSeg * (rows * rowMax + 1));
  const dv = new DataView(out.buffer);
  dv.setUint32(0, nSeg, true);
  let o = 64;
  for (let s = 0; s < nSeg; s++) {
    dv.setUint32(4 + 4 * s, o, true);
    const sample = Math.floor(s / bytesPerSample);
    const k = s % bytesPerSample; // 0 = most significant byte
    const byteInSample = bytesPerSample - 1 - k;
    const first = sample * bytesPerSample + byteInSample;
    for (let r = 0; r < rows; r++) o = packRow(data, first + r * columns * nSeg, nSeg, columns, out, o);
    if (o % 2 === 1) out[o++] = 0x80; // no-op byte keeps the next segment even
  }
  return out.slice(0, o);
}
