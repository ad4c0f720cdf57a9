/**
 * Read the image size from a codestream header before handing it to a codec, so a damaged or
 * mismatched frame is rejected without the codec allocating for it.
 * JPEG / JPEG-LS: ITU-T T.81 B.2.2 frame header (SOFn), T.87 (SOF55 = FFF7).
 * JPEG 2000: ISO/IEC 15444-1 A.5.1 SIZ marker (FF51), inside a raw codestream or a JP2 'jp2c' box.
 */

export interface CodestreamHeader {
  /** 'jpeg' = DCT (SOF0/1/2…), 'jpeg-lossless' = SOF3 (process 14), 'jpeg-ls' = SOF55, 'j2k'. */
  family: 'jpeg' | 'jpeg-lossless' | 'jpeg-ls' | 'j2k';
  sof?: number;
  precision: number;
  width: number;
  height: number;
  components: number;
  /** JPEG only: a JFIF APP0 marker is present (JFIF mandates YCbCr). */
  jfif?: boolean;
  /** JPEG only: the Adobe APP14 colour transform flag (0 = none/RGB, 1 = YCbCr), when present. */
  adobeTransform?: number;
  /** JPEG only: component identifiers and sampling factors (h << 4 | v) from the frame header. */
  componentIds?: number[];
  sampling?: number[];
}

/** Parse JPEG markers up to the first SOF. Undefined when no frame header is found. */
export function readJpegHeader(b: Uint8Array): CodestreamHeader | undefined {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return undefined;
  let i = 2;
  let guard = 0;
  let jfif = false;
  let adobeTransform: number | undefined;
  while (i + 4 <= b.length && guard++ < 10_000) {
    if (b[i] !== 0xff) {
      i++;
      continue;
    }
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++;
      continue;
    }
    if (m === 0xd8 || (m >= 0xd0 && m <= 0xd7) || m === 0x01) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2) return undefined;
    const isSof = (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) || m === 0xf7;
    if (isSof) {
      if (i + 10 > b.length) return undefined;
      const precision = b[i + 4]!;
      const height = (b[i + 5]! << 8) | b[i + 6]!;
      const width = (b[i + 7]! << 8) | b[i + 8]!;
      const components = b[i + 9]!;
      const family = m === 0xf7 ? 'jpeg-ls' : m === 0xc3 || m === 0xc7 || m === 0xcb || m === 0xcf ? 'jpeg-lossless' : 'jpeg';
      const componentIds: number[] = [];
      const sampling: number[] = [];
      for (let c = 0; c < components && i + 12 + 3 * c <= b.length; c++) {
        componentIds.push(b[i + 10 + 3 * c]!);
        sampling.push(b[i + 11 + 3 * c]!);
      }
      const h: CodestreamHeader = { family, sof: m, precision, width, height, components, jfif, componentIds, sampling };
      if (adobeTransform !== undefined) h.adobeTransform = adobeTransform;
      return h;
    }
    if (m === 0xe0 && len >= 7 && i + 9 <= b.length && b[i + 4] === 0x4a && b[i + 5] === 0x46 && b[i + 6] === 0x49 && b[i + 7] === 0x46 && b[i + 8] === 0) jfif = true;
    if (m === 0xee && len >= 14 && i + 16 <= b.length && b[i + 4] === 0x41 && b[i + 5] === 0x64 && b[i + 6] === 0x6f && b[i + 7] === 0x62 && b[i + 8] === 0x65) {
      adobeTransform = b[i + 15]!;
    }
    if (m === 0xda || m === 0xd9) return undefined;
    i += 2 + len;
  }
  return undefined;
}

/** Parse the SIZ marker of a JPEG 2000 codestream (raw, or the first jp2c box of a JP2 file). */
export function readJ2kHeader(b: Uint8Array): CodestreamHeader | undefined {
  let s = 0;
  if (b.length >= 12 && b[4] === 0x6a && b[5] === 0x50 && b[6] === 0x20 && b[7] === 0x20) {
    // JP2 boxes: find 'jp2c'.
    let p = 0;
    let guard = 0;
    s = -1;
    while (p + 8 <= b.length && guard++ < 1000) {
      let len = ((b[p]! << 24) >>> 0) + (b[p + 1]! << 16) + (b[p + 2]! << 8) + b[p + 3]!;
      const type = String.fromCharCode(b[p + 4]!, b[p + 5]!, b[p + 6]!, b[p + 7]!);
      let head = 8;
      if (len === 1) {
        if (p + 16 > b.length) return undefined;
        len = ((b[p + 12]! << 24) >>> 0) + (b[p + 13]! << 16) + (b[p + 14]! << 8) + b[p + 15]!;
        head = 16;
      }
      if (type === 'jp2c') {
        s = p + head;
        break;
      }
      if (len === 0 || len < head) return undefined;
      p += len;
    }
    if (s < 0) return undefined;
  }
  if (s + 42 > b.length || b[s] !== 0xff || b[s + 1] !== 0x4f || b[s + 2] !== 0xff || b[s + 3] !== 0x51) return undefined;
  const u32 = (o: number) => ((b[o]! << 24) >>> 0) + (b[o + 1]! << 16) + (b[o + 2]! << 8) + b[o + 3]!;
  const q = s + 4; // Lsiz
  const xsiz = u32(q + 4);
  const ysiz = u32(q + 8);
  const xo = u32(q + 12);
  const yo = u32(q + 16);
  const components = (b[q + 36]! << 8) | b[q + 37]!;
  if (q + 38 + 3 > b.length) return undefined;
  const ssiz = b[q + 38]!;
  return { family: 'j2k', precision: (ssiz & 0x7f) + 1, width: xsiz - xo, height: ysiz - yo, components };
}

/**
 * Whether a 3-component lossy JPEG holds YCbCr (the codec must convert to RGB) or RGB.
 *
 * libjpeg decides from the JFIF marker (YCbCr), the Adobe APP14 transform flag, else the component
 * identifiers ('R','G','B' → RGB, anything else → YCbCr). Without either marker, the DICOM
 * Photometric Interpretation is the better witness: RGB means the encoder did not transform
 * (PS3.5 8.2.1) — unless the chroma is subsampled, which only makes sense for YCbCr data.
 */
export function jpegHoldsRgb(h: CodestreamHeader, photometric: string): boolean {
  if (h.components !== 3) return false;
  if (h.jfif) return false;
  if (h.adobeTransform !== undefined) return h.adobeTransform === 0;
  const ids = h.componentIds ?? [];
  if (ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42) return true;
  const subsampled = (h.sampling ?? []).some((s) => s !== (h.sampling ?? [])[0]);
  return photometric === 'RGB' && !subsampled;
}

/** Insert an Adobe APP14 marker with transform 0 after SOI, so libjpeg decodes without colour conversion. */
export function withAdobeRgbMarker(b: Uint8Array): Uint8Array {
  const app14 = [0xff, 0xee, 0x00, 0x0e, 0x41, 0x64, 0x6f, 0x62, 0x65, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00, 0x00];
  const out = new Uint8Array(b.length + app14.length);
  out.set(b.subarray(0, 2), 0);
  out.set(app14, 2);
  out.set(b.subarray(2), 2 + app14.length);
  return out;
}
