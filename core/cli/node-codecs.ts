/**
 * Node-side codecs for core/dicom (CLI, benchmarks, tests):
 * - WebAssembly loading: reads the .wasm files from node_modules (resolved through each codec
 *   package, so it works from any working directory), including dcmjs-codecs' module for 12-bit
 *   lossy JPEG (see core/dicom/codecs.ts);
 * - a native JPEG fast path: 8-bit baseline/extended JPEG frames are decoded natively instead of by
 *   the WebAssembly libjpeg-turbo, which has no SIMD: preferably by BlockPlan's own thin binding of
 *   the system's libjpeg-turbo (TurboJPEG, native/turbojpeg, built by `npm run build:native` where a
 *   C compiler and libturbojpeg's headers exist; the same tjDecompress2 call the WebAssembly codec
 *   makes), else by sharp (libvips with its bundled mozjpeg, the libjpeg-turbo fork with the same
 *   SIMD decoder, but ≈ 2 ms of per-call overhead: docs/BENCHMARKS.md). The fast path only takes
 *   codestreams for which it returns exactly the samples the WebAssembly decoder returns (checked
 *   frame by frame on every JPEG fixture and sample clip in tests/unit/core/cli/node-codecs.test.ts);
 *   everything else, and every frame it fails on, goes to the WebAssembly decoder as before.
 *
 * Set BLOCKPLAN_NATIVE_JPEG=0 to turn the fast path off (WebAssembly only). With neither the
 * binding built nor sharp installed the WebAssembly decoder is used.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type SharpFactory from 'sharp';
import { CODEC_WASM_FILES, createCodecs, type CodecOutput, type DicomCodecs } from '../dicom/codecs';

const require = createRequire(import.meta.url);

/** Absolute path of a codec's .wasm file inside node_modules. */
export function wasmPath(fileName: string): string {
  const spec = Object.values(CODEC_WASM_FILES).find((c) => c.fileName === fileName);
  if (!spec) throw new Error(`unknown codec file ${fileName}`);
  // The main entry lives beside the .wasm files (dist/ in the @cornerstonejs codecs, build/ in dcmjs-codecs).
  return join(dirname(require.resolve(spec.package)), spec.fileName);
}

/** Read a codec's .wasm bytes from node_modules. */
export async function loadWasmFromNodeModules(fileName: string): Promise<Uint8Array> {
  const b = await readFile(wasmPath(fileName));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}

/** What the native path needs to know about a JPEG codestream, or why it declines it. */
export type NativeJpegCheck =
  | { ok: true; width: number; height: number; components: 1 | 3; sof: number; sampling: number[] }
  | { ok: false; reason: string };

/**
 * Chroma sampling layouts the native path takes, as the luma (h << 4 | v) factor with both chroma
 * components at 1×1: 4:4:4, 4:2:2, 4:2:0, 4:4:0 and 4:1:1. Each is compared with the WebAssembly
 * decoder in the unit test (odd sizes included); anything else goes to the WebAssembly decoder.
 */
export const NATIVE_JPEG_LUMA_SAMPLING: readonly number[] = [0x11, 0x21, 0x22, 0x12, 0x41];

/**
 * Decide whether a JPEG codestream can take the native path, reading its markers up to the first
 * SOS (ITU-T T.81 B.2). Declines (with the reason) anything where libvips could differ from the
 * WebAssembly libjpeg-turbo call (tjDecompress2 to RGB or grey, default options):
 * - not SOF0/SOF1 (baseline / extended sequential Huffman), or not 8-bit, or several frame headers;
 * - not 1 or 3 components (CMYK/YCCK: libvips converts ink to RGB its own way);
 * - an Adobe APP14 marker (colour transform flag: RGB or YCCK data, or the marker decode.ts adds for
 *   RGB frames) or 'R','G','B' component identifiers: no YCbCr→RGB conversion wanted;
 * - an ICC profile (APP2 ICC_PROFILE): sharp would colour-manage to sRGB;
 * - unusual sampling (see NATIVE_JPEG_LUMA_SAMPLING; greyscale must be 1×1).
 */
export function checkNativeJpeg(b: Uint8Array): NativeJpegCheck {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return { ok: false, reason: 'no SOI marker' };
  let i = 2;
  let sofInfo: { sof: number; precision: number; width: number; height: number; ids: number[]; sampling: number[] } | undefined;
  for (let guard = 0; guard < 100_000; guard++) {
    if (i + 4 > b.length) return { ok: false, reason: 'the markers end before the scan' };
    if (b[i] !== 0xff) return { ok: false, reason: `no marker at byte ${i}` };
    const m = b[i + 1]!;
    if (m === 0xff) {
      i++; // fill byte
      continue;
    }
    if (m === 0x01 || (m >= 0xd0 && m <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (b[i + 2]! << 8) | b[i + 3]!;
    if (len < 2 || i + 2 + len > b.length) return { ok: false, reason: `bad length of marker FF${m.toString(16).toUpperCase()}` };
    const seg = b.subarray(i + 4, i + 2 + len);
    const isSof = m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc;
    if (isSof) {
      if (sofInfo) return { ok: false, reason: 'more than one frame header' };
      if (m !== 0xc0 && m !== 0xc1) return { ok: false, reason: `frame type FF${m.toString(16).toUpperCase()} is not baseline or extended sequential` };
      if (seg.length < 6) return { ok: false, reason: 'short frame header' };
      const nc = seg[5]!;
      if (seg.length < 6 + 3 * nc) return { ok: false, reason: 'short frame header' };
      const ids: number[] = [];
      const sampling: number[] = [];
      for (let c = 0; c < nc; c++) {
        ids.push(seg[6 + 3 * c]!);
        sampling.push(seg[7 + 3 * c]!);
      }
      sofInfo = { sof: m, precision: seg[0]!, height: (seg[1]! << 8) | seg[2]!, width: (seg[3]! << 8) | seg[4]!, ids, sampling };
    } else if (m === 0xee && seg.length >= 5 && String.fromCharCode(...seg.subarray(0, 5)) === 'Adobe') {
      return { ok: false, reason: 'Adobe APP14 colour transform marker' };
    } else if (m === 0xe2 && seg.length >= 12 && String.fromCharCode(...seg.subarray(0, 11)) === 'ICC_PROFILE') {
      return { ok: false, reason: 'embedded ICC profile' };
    } else if (m === 0xda) {
      break;
    } else if (m === 0xd9) {
      return { ok: false, reason: 'EOI before the scan' };
    }
    i += 2 + len;
  }
  if (!sofInfo) return { ok: false, reason: 'no frame header before the scan' };
  const { sof, precision, width, height, ids, sampling } = sofInfo;
  if (precision !== 8) return { ok: false, reason: `${precision}-bit samples` };
  if (width === 0 || height === 0) return { ok: false, reason: 'zero width or height (DNL)' };
  if (ids.length === 1) {
    if (sampling[0] !== 0x11) return { ok: false, reason: `greyscale sampling ${sampling[0]!.toString(16)}` };
    return { ok: true, width, height, components: 1, sof, sampling };
  }
  if (ids.length !== 3) return { ok: false, reason: `${ids.length} components` };
  if (ids[0] === 0x52 && ids[1] === 0x47 && ids[2] === 0x42) return { ok: false, reason: "'R','G','B' component identifiers (no colour transform)" };
  if (!NATIVE_JPEG_LUMA_SAMPLING.includes(sampling[0]!) || sampling[1] !== 0x11 || sampling[2] !== 0x11) {
    return { ok: false, reason: `sampling ${sampling.map((s) => s.toString(16)).join(',')}` };
  }
  return { ok: true, width, height, components: 3, sof, sampling };
}

type Sharp = typeof SharpFactory;
let sharpModule: Sharp | null | undefined;

/**
 * sharp, loaded on first use, with one libvips worker thread (a frame is decoded on one core, as
 * djpeg does) and the libvips operation cache off (every frame is decoded, never served from a
 * cache). Undefined when sharp is not installed or does not load on this platform.
 */
export function loadSharp(): Sharp | undefined {
  if (sharpModule === undefined) {
    try {
      const s = require('sharp') as Sharp;
      s.concurrency(1);
      s.cache(false);
      sharpModule = s;
    } catch {
      sharpModule = null;
    }
  }
  return sharpModule ?? undefined;
}

/**
 * The native JPEG decoder for CodecLoader.nativeJpeg: `undefined` for codestreams checkNativeJpeg
 * declines; throws when libvips fails or warns (failOn 'warning': corrupt data, premature end…), so
 * that frame goes to the WebAssembly decoder.
 */
export function createSharpJpegDecoder(sharp: Sharp): (bytes: Uint8Array) => Promise<CodecOutput | undefined> {
  return async (bytes) => {
    const c = checkNativeJpeg(bytes);
    if (!c.ok) return undefined;
    // No rotate()/autoOrient: EXIF orientation is ignored, as in the WebAssembly decoder.
    let img = sharp(bytes, { failOn: 'warning' });
    // libvips reads a one-component JPEG as B_W; without this sharp would expand it to sRGB.
    if (c.components === 1) img = img.toColourspace('b-w');
    const { data, info } = await img.raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
    const n = c.width * c.height * c.components;
    if (info.width !== c.width || info.height !== c.height || info.channels !== c.components || data.length !== n) {
      throw new Error(`native decoder returned ${info.width}×${info.height}×${info.channels}, expected ${c.width}×${c.height}×${c.components}`);
    }
    const samples = data.byteOffset === 0 && data.buffer.byteLength === n ? new Uint8Array(data.buffer, 0, n) : Uint8Array.from(data);
    return { width: c.width, height: c.height, components: c.components, bitsPerSample: 8, signed: false, samples, planar: false };
  };
}

/** BlockPlan's TurboJPEG binding (native/turbojpeg/turbojpeg.c). */
export interface TurboJpeg {
  /** Decode into `out` (exactly width × height × components samples); throws on any error or warning. */
  decode(jpeg: Uint8Array, out: Uint8Array, components: 1 | 3): [number, number];
  /** libjpeg-turbo version of the headers it was built with. */
  version(): string;
}

/** Where `npm run build:native` puts the binding (a path string: under jsdom the global URL is not Node's). */
export const TURBOJPEG_BINDING = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'native', 'turbojpeg', 'build', 'turbojpeg.node');

let turboModule: TurboJpeg | null | undefined;

/** The TurboJPEG binding, loaded on first use; undefined when it was not built (or does not load here). */
export function loadTurbojpeg(): TurboJpeg | undefined {
  if (turboModule === undefined) {
    try {
      turboModule = existsSync(TURBOJPEG_BINDING) ? (require(TURBOJPEG_BINDING) as TurboJpeg) : null;
    } catch {
      turboModule = null;
    }
  }
  return turboModule ?? undefined;
}

/**
 * The TurboJPEG binding as CodecLoader.nativeJpeg: `undefined` for codestreams checkNativeJpeg
 * declines (the same rules as for sharp, though this is the very library and call the WebAssembly
 * codec uses); throws on any libjpeg-turbo error or warning, so that frame goes to WebAssembly.
 */
export function createTurbojpegDecoder(tj: TurboJpeg): (bytes: Uint8Array) => Promise<CodecOutput | undefined> {
  return async (bytes) => {
    const c = checkNativeJpeg(bytes);
    if (!c.ok) return undefined;
    const samples = new Uint8Array(c.width * c.height * c.components);
    const [width, height] = tj.decode(bytes, samples, c.components);
    if (width !== c.width || height !== c.height) throw new Error(`native decoder read ${width}×${height}, the frame header says ${c.width}×${c.height}`);
    return { width, height, components: c.components, bitsPerSample: 8, signed: false, samples, planar: false };
  };
}

/** Which native JPEG decoder: the TurboJPEG binding, sharp, or whichever loads (the binding first). */
export type NativeJpegChoice = 'auto' | 'turbojpeg' | 'sharp';

export interface NodeCodecOptions {
  /** Use the native JPEG fast path when a native decoder loads (default: true unless BLOCKPLAN_NATIVE_JPEG=0). */
  nativeJpeg?: boolean;
  /** Which native decoder (default 'auto'). */
  nativeDecoder?: NativeJpegChoice;
}

/** The native JPEG decoder createNodeCodecs() uses with these options, or undefined (WebAssembly only). */
export function nativeJpegDecoder(options: NodeCodecOptions = {}): { name: 'turbojpeg' | 'sharp'; decode: (bytes: Uint8Array) => Promise<CodecOutput | undefined> } | undefined {
  const wanted = options.nativeJpeg ?? process.env.BLOCKPLAN_NATIVE_JPEG !== '0';
  if (!wanted) return undefined;
  const choice = options.nativeDecoder ?? 'auto';
  const tj = choice === 'sharp' ? undefined : loadTurbojpeg();
  if (tj) return { name: 'turbojpeg', decode: createTurbojpegDecoder(tj) };
  const sharp = choice === 'turbojpeg' ? undefined : loadSharp();
  return sharp ? { name: 'sharp', decode: createSharpJpegDecoder(sharp) } : undefined;
}

/** Whether the native JPEG fast path is on for createNodeCodecs() with these options (a native decoder loads, not disabled). */
export function nativeJpegEnabled(options: NodeCodecOptions = {}): boolean {
  return nativeJpegDecoder(options) !== undefined;
}

/** The codec set for Node (CLI, tests, benchmarks). */
export function createNodeCodecs(options: NodeCodecOptions = {}): DicomCodecs {
  const native = nativeJpegDecoder(options);
  return createCodecs({ loadWasm: loadWasmFromNodeModules, ...(native ? { nativeJpeg: native.decode } : {}) });
}
