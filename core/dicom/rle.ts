/**
 * RLE Lossless decoding (PS3.5 Annex G). Small enough to own (the architecture note says so).
 *
 * A frame is a 64-byte header (number of segments ≤ 15, then 15 uint32 segment offsets) and
 * PackBits-coded segments. Each segment is one byte plane: for every sample (R, G, B or the single
 * gray sample) the most significant byte comes first (G.2). Output is planar: segment s fills
 * plane s of `rows × columns` bytes, which this function interleaves into native sample order.
 */

export interface RleResult {
  /** Samples in native order (colour-by-pixel), little-endian for 16/32-bit samples. */
  data: Uint8Array;
}

/** Decode one PackBits segment into exactly `out.length` bytes. Returns an error string on bad data. */
export function decodePackBits(src: Uint8Array, start: number, end: number, out: Uint8Array): string | undefined {
  let i = start;
  let o = 0;
  const n = out.length;
  while (o < n) {
    if (i >= end) return `RLE segment ends after ${o} of ${n} bytes`;
    const h = src[i++]!;
    if (h < 128) {
      // Literal run of h + 1 bytes.
      const count = h + 1;
      if (i + count > end) return 'RLE literal run passes the end of its segment';
      const take = Math.min(count, n - o);
      out.set(src.subarray(i, i + take), o);
      o += take;
      i += count;
    } else if (h > 128) {
      // Replicate the next byte 257 - h times.
      if (i >= end) return 'RLE replicate run passes the end of its segment';
      const count = Math.min(257 - h, n - o);
      out.fill(src[i++]!, o, o + count);
      o += count;
    }
    // h === 128: no-op.
  }
  return undefined;
}

/**
 * Decode an RLE frame. `bytesPerSample` is Bits Allocated / 8; `samples` is Samples per Pixel.
 * Errors (as strings) on a header that does not fit the image or segments that run out.
 */
export function decodeRle(frame: Uint8Array, rows: number, columns: number, samples: number, bytesPerSample: number): RleResult | string {
  if (frame.length < 64) return 'RLE frame shorter than its 64-byte header';
  const dv = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const nSeg = dv.getUint32(0, true);
  const expected = samples * bytesPerSample;
  if (nSeg !== expected) return `RLE frame has ${nSeg} segments; ${expected} expected for ${samples} sample(s) of ${bytesPerSample * 8} bits`;
  const offsets: number[] = [];
  for (let s = 0; s < nSeg; s++) offsets.push(dv.getUint32(4 + 4 * s, true));
  for (let s = 0; s < nSeg; s++) {
    const o = offsets[s]!;
    if (o < 64 || o > frame.length || (s > 0 && o < offsets[s - 1]!)) return `RLE segment ${s + 1} offset ${o} is outside the frame`;
  }
  const pixels = rows * columns;
  const plane = new Uint8Array(pixels);
  const out = new Uint8Array(pixels * expected);
  for (let s = 0; s < nSeg; s++) {
    const start = offsets[s]!;
    const end = s + 1 < nSeg ? offsets[s + 1]! : frame.length;
    const e = decodePackBits(frame, start, end, plane);
    if (e) return `${e} (segment ${s + 1} of ${nSeg})`;
    // Segment s: sample = floor(s / bytesPerSample), byte k (0 = most significant).
    const sample = Math.floor(s / bytesPerSample);
    const k = s % bytesPerSample;
    const byteInSample = bytesPerSample - 1 - k; // little-endian position
    const stride = expected;
    let o = sample * bytesPerSample + byteInSample;
    for (let p = 0; p < pixels; p++, o += stride) out[o] = plane[p]!;
  }
  return { data: out };
}
