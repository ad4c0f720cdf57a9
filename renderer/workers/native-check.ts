/**
 * When the browser's own JPEG decoder may stand in for core's WebAssembly libjpeg-turbo.
 *
 * The browser decodes 8-bit sequential JPEG (Chromium: libjpeg-turbo with SIMD, on its own
 * threads), several frames in flight, and hands over an ImageBitmap the display draws without a
 * copy. It cannot decode 12-bit or lossless JPEG, and it decides the colour model of a
 * 3-component codestream from the markers alone, where core also reads the DICOM Photometric
 * Interpretation (core/dicom/codestream.ts jpegHoldsRgb) — so a clip whose data are RGB without a
 * marker comes out colour-converted. Hence the rule, per clip:
 *
 *   1. a frame is a *candidate* when its codestream is 8-bit baseline/extended Huffman JPEG of the
 *      size and component count the header states, without EXIF data (the browser would rotate)
 *      or an ICC profile (the browser would colour-manage);
 *   2. the first frame decoded is decoded both ways and compared sample by sample
 *      (NATIVE_JPEG_TOLERANCE); only when they agree does the clip use the browser's decoder;
 *   3. then only for frames whose colour markers (the *signature*: SOF type, components, JFIF,
 *      Adobe transform, component ids, sampling) are those of the frame that was compared.
 *
 * Everything else — and every frame the browser fails on — is decoded by WebAssembly as before.
 */
import type { CodestreamHeader } from '../../core/dicom/codestream';
import type { DecodedFrame, DicomMeta } from '../../core/dicom/types';
import type { ClipHeader } from './protocol';

/**
 * The largest difference between the browser's and the WebAssembly decoder's samples that still
 * counts as "the same pixels", per 8-bit sample: 0, i.e. bit-identical. Both are libjpeg-turbo with
 * its default accurate integer IDCT and fancy upsampling, whose SIMD and C paths are specified to
 * give identical output; any difference means a different decoder or colour conversion.
 */
export const NATIVE_JPEG_TOLERANCE = 0;

/** The outcome of comparing the two decoders on a clip's first frame. */
export interface NativeCheck {
  /** The browser's decoder is used for this clip. */
  accepted: boolean;
  /** Largest |browser − WebAssembly| over all samples (NaN when the browser could not decode it). */
  maxDiff: number;
  /** The colour signature of the frame compared (see jpegSignature). */
  signature: string;
  /** Why not, in words (for diagnostics). */
  reason?: string;
  /** Time of each decode, ms. */
  browserMs: number;
  wasmMs: number;
}

/** Could frames of this clip be decoded by the browser at all (before looking at a codestream)? */
export function nativeCandidateClip(h: ClipHeader): boolean {
  const enc = h.transferSyntax.encoding;
  return h.pixel.kind === 'encapsulated' && (enc === 'jpeg-baseline' || enc === 'jpeg-extended') && h.meta.bitsAllocated === 8 && (h.meta.samplesPerPixel === 1 || h.meta.samplesPerPixel === 3);
}

/** T.81 SOF0 (baseline) and SOF1 (extended sequential, Huffman): what DICOM's lossy JPEG uses. */
const SEQUENTIAL_HUFFMAN = new Set([0xc0, 0xc1]);

/** Is this frame's codestream one the browser may decode (rule 1)? */
export function nativeCandidateFrame(jh: CodestreamHeader | undefined, meta: Pick<DicomMeta, 'rows' | 'columns' | 'samplesPerPixel'>, bytes: Uint8Array): jh is CodestreamHeader {
  return (
    !!jh &&
    jh.family === 'jpeg' &&
    jh.sof !== undefined &&
    SEQUENTIAL_HUFFMAN.has(jh.sof) &&
    jh.precision === 8 &&
    jh.width === meta.columns &&
    jh.height === meta.rows &&
    jh.components === meta.samplesPerPixel &&
    !hasExif(bytes) &&
    !hasIccProfile(bytes)
  );
}

/** What decides how a decoder converts colour: frames with equal signatures convert alike. */
export function jpegSignature(jh: CodestreamHeader): string {
  return [jh.sof, jh.components, jh.jfif ? 'jfif' : '', jh.adobeTransform ?? '', (jh.componentIds ?? []).join('.'), (jh.sampling ?? []).join('.')].join('|');
}

/** An APP1 "Exif" segment before the first scan (browsers apply its orientation). */
export const hasExif = (b: Uint8Array): boolean => hasAppSegment(b, 0xe1, 'Exif');

/** An APP2 "ICC_PROFILE" segment before the first scan (browsers colour-manage by it). */
export const hasIccProfile = (b: Uint8Array): boolean => hasAppSegment(b, 0xe2, 'ICC_PROFILE');

/** Is there an APPn segment (`marker`) whose data start with `id`, before the first scan? */
function hasAppSegment(b: Uint8Array, marker: number, id: string): boolean {
  let i = 2;
  for (let guard = 0; i + 4 + id.length <= b.length && guard < 1000; guard++) {
    if (b[i] !== 0xff) return false;
    const m = b[i + 1]!;
    if (m === 0xda || m === 0xd9) return false;
    if (m === 0xff) {
      i++;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (m === marker && [...id].every((c, k) => b[i + 4 + k] === c.charCodeAt(0))) return true;
    i += 2 + len;
  }
  return false;
}

/**
 * Largest difference between two decodes of the same frame. `browserRgba` is what the browser
 * drew (RGBA); `wasm` the WebAssembly decode through core (colour: RGBA, compared on R, G, B;
 * greyscale: stored values, which the browser gives as R = G = B).
 */
export function maxDiffToReference(browserRgba: ArrayLike<number>, wasm: DecodedFrame): number {
  const n = wasm.width * wasm.height;
  if (browserRgba.length < n * 4) return Number.POSITIVE_INFINITY;
  let max = 0;
  if (wasm.kind === 'rgb') {
    const ref = wasm.rgba;
    for (let i = 0; i < n * 4; i += 4) {
      const d = Math.max(Math.abs(ref[i]! - browserRgba[i]!), Math.abs(ref[i + 1]! - browserRgba[i + 1]!), Math.abs(ref[i + 2]! - browserRgba[i + 2]!));
      if (d > max) max = d;
    }
    return max;
  }
  const ref = wasm.pixels;
  for (let p = 0, i = 0; p < n; p++, i += 4) {
    const v = ref[p]!;
    const d = Math.max(Math.abs(v - browserRgba[i]!), Math.abs(v - browserRgba[i + 1]!), Math.abs(v - browserRgba[i + 2]!));
    if (d > max) max = d;
  }
  return max;
}

/** Largest difference between two decodes of a frame through core (same kind and size expected). */
export function maxDiffFrames(a: DecodedFrame, b: DecodedFrame): number {
  if (a.kind !== b.kind || a.width !== b.width || a.height !== b.height) return Number.POSITIVE_INFINITY;
  const x: ArrayLike<number> = a.kind === 'rgb' ? a.rgba : a.pixels;
  const y: ArrayLike<number> = b.kind === 'rgb' ? b.rgba : (b as Extract<DecodedFrame, { kind: 'gray' }>).pixels;
  if (x.length !== y.length) return Number.POSITIVE_INFINITY;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (d > max) max = d;
  }
  return max;
}
