/**
 * decodeFrame: one frame of an opened DicomImage → a grayscale frame (stored values, for
 * viewer-side window/level) or display-ready RGBA8 colour.
 */
import { err, ok, type Result } from '../result';
import { CodecError, type CodecOutput, type DicomCodecs } from './codecs';
import { jpegHoldsRgb, readJ2kHeader, readJpegHeader, withAdobeRgbMarker, type CodestreamHeader } from './codestream';
import { describeThrown, dicomError, type DicomError, type DicomErrorCode } from './errors';
import { colourToRgba, maskStored, minMax, paletteToRgba, type ColourModel, type Samples } from './pixels';
import { decodeRle } from './rle';
import type { DecodedFrame, DicomImage } from './types';

interface RawFrame {
  samples: Samples;
  /** Colour-by-plane layout. */
  planar: boolean;
  /** Colour model of the samples (codecs may already have converted to RGB). */
  model: ColourModel;
}

/**
 * Decode frame `index` (0-based) of `image`. Never throws: corrupt data, codec failures and
 * aborts all come back as a typed DicomError naming the file and the frame.
 */
export interface DecodeOptions {
  /**
   * A buffer to write a colour frame's RGBA8 into (RGB, YBR and palette colour) instead of a new one
   * (the viewer's recycled frame buffers): used when its size is exactly rows × columns × 4 bytes,
   * else ignored. Greyscale frames never use it. Its contents are undefined after a failed decode.
   */
  into?: ArrayBuffer;
}

export async function decodeFrame(image: DicomImage, index: number, codecs: DicomCodecs, options: DecodeOptions = {}): Promise<Result<DecodedFrame, DicomError>> {
  const fileName = image.fileName;
  const frameLabel = `frame ${index + 1} of ${image.frameCount} (index ${index})`;
  const fail = (code: DicomErrorCode, what: string, detail?: string) =>
    err(dicomError(code, what, { fileName, transferSyntaxUid: image.meta.transferSyntaxUid, ...(detail ? { detail } : {}) }));
  if (!Number.isInteger(index) || index < 0 || index >= image.frameCount) {
    return fail('frame-out-of-range', `There is no frame at index ${index}: the clip has ${image.frameCount} frame(s), indices 0–${image.frameCount - 1}.`);
  }
  if (index >= image.availableFrames) {
    return err(
      dicomError('truncated', `${capital(frameLabel)} is missing: the file is incomplete (${image.availableFrames} of ${image.frameCount} frames present).`, {
        fileName,
        missingFrames: image.frameCount - image.availableFrames,
      }),
    );
  }
  try {
    const raw = await rawFrame(image, index, codecs);
    if (typeof raw === 'string') return fail('decode-failed', `${capital(frameLabel)} could not be decoded (${raw}).`);
    if ('code' in raw) return err(raw);
    const m = image.meta;
    const into = options.into && options.into.byteLength === m.rows * m.columns * 4 ? new Uint8ClampedArray(options.into) : undefined;
    return ok(toDecoded(image, raw, into));
  } catch (e) {
    const codec = e instanceof CodecError ? ` by the ${e.codec} codec` : '';
    return fail('decode-failed', `${capital(frameLabel)} could not be decoded${codec}.`, describeThrown(e));
  }
}

const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function joinFragments(fragments: Uint8Array[]): Uint8Array {
  if (fragments.length === 1) return fragments[0]!;
  const total = fragments.reduce((s, f) => s + f.length, 0);
  const out = new Uint8Array(total);
  let o = 0;
  for (const f of fragments) {
    out.set(f, o);
    o += f.length;
  }
  return out;
}

/** Little-endian bytes → typed samples (copy: the result is owned by the caller). */
function bytesToSamples(b: Uint8Array, bitsAllocated: number, swap16: boolean): Samples {
  if (bitsAllocated === 8) return b.slice();
  const bytes = bitsAllocated / 8;
  const n = Math.floor(b.length / bytes);
  const copy = new Uint8Array(n * bytes);
  if (!swap16) copy.set(b.subarray(0, n * bytes));
  else for (let i = 0; i < n * bytes; i += bytes) for (let k = 0; k < bytes; k++) copy[i + k] = b[i + bytes - 1 - k]!;
  return bitsAllocated === 16 ? new Uint16Array(copy.buffer, 0, n) : new Uint32Array(copy.buffer, 0, n);
}

async function rawFrame(image: DicomImage, index: number, codecs: DicomCodecs): Promise<RawFrame | DicomError | string> {
  const m = image.meta;
  const pi = m.photometricInterpretation;
  const spp = m.samplesPerPixel;
  const nativeModel: ColourModel = pi === 'YBR_FULL' || pi === 'YBR_FULL_422' || pi === 'YBR_PARTIAL_422' || pi === 'YBR_PARTIAL_420' ? pi : 'RGB';
  const px = image.pixel;
  const mismatch = (what: string) =>
    dicomError('inconsistent-sizes', `Frame ${index + 1} of ${image.frameCount} (index ${index}): ${what}`, { fileName: image.fileName, transferSyntaxUid: m.transferSyntaxUid });

  if (px.kind === 'native') {
    const start = index * px.frameBytes;
    let bytes = px.data.subarray(start, start + px.frameBytes);
    if (px.swap8InWords) {
      const s = new Uint8Array(bytes.length);
      for (let i = 0; i + 1 < bytes.length; i += 2) {
        s[i] = bytes[i + 1]!;
        s[i + 1] = bytes[i]!;
      }
      bytes = s;
    }
    return { samples: bytesToSamples(bytes, m.bitsAllocated, px.swap16), planar: m.planarConfiguration === 1, model: nativeModel };
  }

  const frame = px.frames[index]!;
  const data = joinFragments(frame.fragments);
  const enc = image.transferSyntax.encoding;
  if (enc === 'rle') {
    const r = decodeRle(data, m.rows, m.columns, spp, m.bitsAllocated / 8);
    if (typeof r === 'string') return r;
    return { samples: bytesToSamples(r.data, m.bitsAllocated, false), planar: false, model: nativeModel };
  }

  // Compressed codestreams: check the header against the DICOM attributes before decoding.
  let header: CodestreamHeader | undefined;
  if (enc === 'jpeg-2000' || enc === 'htj2k') header = readJ2kHeader(data);
  else header = readJpegHeader(data);
  if (!header) return 'no valid codestream header';
  if (header.width !== m.columns || header.height !== m.rows) {
    return mismatch(`the compressed image is ${header.width} × ${header.height}, the header says ${m.columns} × ${m.rows}.`);
  }
  if (header.components !== spp) return mismatch(`the compressed image has ${header.components} components, the header says ${spp}.`);

  let out: CodecOutput;
  let model: ColourModel = nativeModel;
  if (header.family === 'jpeg') {
    // JPEG baseline/extended: 8-bit samples (libjpeg-turbo) or, extended process 4, 12-bit samples
    // (IJG libjpeg 12-bit); T.81 allows no other precision for the DCT processes.
    if (header.precision !== 8 && header.precision !== 12) {
      return dicomError('unsupported-image', `${header.precision}-bit lossy JPEG is not supported (frame ${index + 1} of ${image.frameCount}): the JPEG standard has only 8- and 12-bit lossy JPEG.`, {
        fileName: image.fileName,
        transferSyntaxUid: m.transferSyntaxUid,
        action: 'Export the clip again uncompressed, as JPEG baseline (8-bit) or lossless from the scanner or PACS.',
      });
    }
    if (header.precision === 12 && m.bitsAllocated !== 16) {
      return mismatch(`the compressed image has 12-bit samples, the header says Bits Allocated ${m.bitsAllocated} (16 expected).`);
    }
    // Both codecs convert YCbCr to RGB themselves; when the data are RGB but carry no marker that
    // says so, add one (see jpegHoldsRgb) so the codec does not convert them.
    const rgbData = jpegHoldsRgb(header, pi);
    const needsMarker = rgbData && !header.jfif && header.adobeTransform === undefined && !(header.componentIds?.join() === '82,71,66');
    const bytes = needsMarker ? withAdobeRgbMarker(data) : data;
    out = header.precision === 12 ? await codecs.jpeg12(bytes) : await codecs.jpeg(bytes);
    model = 'RGB';
  } else if (header.family === 'jpeg-lossless') {
    out = await codecs.jpegLossless(data, header.precision > 8 ? 2 : 1);
  } else if (header.family === 'jpeg-ls') {
    // CharLS can spend many seconds on a codestream that lacks its end: require EOI (FFD9).
    if (!endsWithEoi(data)) return 'the JPEG-LS codestream has no end-of-image marker (it is cut or damaged)';
    out = await codecs.jpegls(data);
  } else if (enc === 'htj2k') {
    out = await codecs.htj2k(data);
  } else {
    out = await codecs.j2k(data);
  }
  if (enc === 'jpeg-2000' || enc === 'htj2k') {
    // The J2K codecs apply the inverse RCT/ICT themselves when the codestream uses it.
    if (pi === 'YBR_RCT' || pi === 'YBR_ICT') model = 'RGB';
  }
  if (model === 'YBR_FULL_422' || model === 'YBR_PARTIAL_422') {
    // Outside native data the codec output is never subsampled.
    model = model === 'YBR_FULL_422' ? 'YBR_FULL' : 'YBR_PARTIAL_420';
  }
  if (out.width !== m.columns || out.height !== m.rows || out.components !== spp) {
    return mismatch(`the codec produced ${out.width} × ${out.height} × ${out.components}, the header says ${m.columns} × ${m.rows} × ${spp}.`);
  }
  let samples: Samples = out.samples;
  if (m.bitsAllocated === 8 && !(samples instanceof Uint8Array)) {
    samples = Uint8Array.from(samples, (v) => (v < 0 ? 0 : v > 255 ? 255 : v));
  } else if (m.bitsAllocated === 16 && samples instanceof Uint8Array) {
    samples = Uint16Array.from(samples);
  } else if (m.bitsAllocated === 32) {
    samples = Uint32Array.from(samples as ArrayLike<number>);
  }
  return { samples, planar: out.planar, model };
}

/** True when a JPEG/JPEG-LS codestream ends with EOI (FFD9), allowing trailing zero padding. */
function endsWithEoi(b: Uint8Array): boolean {
  let n = b.length;
  while (n > 2 && b[n - 1] === 0 && b.length - n < 4) n--;
  return n >= 2 && b[n - 2] === 0xff && b[n - 1] === 0xd9;
}

function toDecoded(image: DicomImage, raw: RawFrame, into?: Uint8ClampedArray): DecodedFrame {
  const m = image.meta;
  const width = m.columns;
  const height = m.rows;
  if (m.samplesPerPixel === 3) {
    return { kind: 'rgb', width, height, rgba: colourToRgba(raw.samples, width, height, raw.model, raw.planar, m.bitsStored, into) };
  }
  const signed = m.pixelRepresentation === 1;
  const stored = maskStored(raw.samples, m.bitsAllocated, m.bitsStored, signed);
  const pixels = stored.length > width * height ? stored.subarray(0, width * height) : stored;
  if (m.photometricInterpretation === 'PALETTE COLOR' && image.palette) {
    return { kind: 'rgb', width, height, rgba: paletteToRgba(pixels, image.palette, into) };
  }
  const { min, max } = minMax(pixels);
  const a = min * m.rescaleSlope + m.rescaleIntercept;
  const b = max * m.rescaleSlope + m.rescaleIntercept;
  const frame: DecodedFrame = {
    kind: 'gray',
    width,
    height,
    pixels,
    rescaleSlope: m.rescaleSlope,
    rescaleIntercept: m.rescaleIntercept,
    minValue: Math.min(a, b),
    maxValue: Math.max(a, b),
    invert: m.photometricInterpretation === 'MONOCHROME1',
  };
  if (m.windowCenter !== undefined && m.windowWidth !== undefined) {
    frame.windowCenter = m.windowCenter;
    frame.windowWidth = m.windowWidth;
  }
  return frame;
}
