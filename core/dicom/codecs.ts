/**
 * WebAssembly codecs (the maintained @cornerstonejs/codec-* builds, and dcmjs-codecs for 12-bit
 * lossy JPEG) and the JPEG lossless decoder, behind one small interface that runs unchanged in Node
 * and in a browser Web Worker.
 *
 * The .wasm bytes are loaded through an injected function, so core/ never touches the file system
 * or fetch: the CLI passes bytes read from node_modules (core/cli/node-codecs.ts), the renderer
 * passes bytes fetched from Vite `?url` imports. Each codec is instantiated lazily on first use.
 *
 * Safety: every codec call is wrapped. Embind/C++ exceptions (thrown as numbers), emscripten aborts
 * (RuntimeError) and JS exceptions become a `CodecError`; after any failure the WebAssembly
 * instance is dropped and a fresh one is created for the next call (an aborted instance is dead).
 */
import libjpegTurboFactory from '@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasmjs';
import charlsFactory from '@cornerstonejs/codec-charls/decodewasmjs';
import openjpegFactory from '@cornerstonejs/codec-openjpeg/decodewasmjs';
import openjphFactory from '@cornerstonejs/codec-openjph/wasmjs';
import { Decoder as JpegLosslessDecoder } from 'jpeg-lossless-decoder-js';
import { readJpegHeader } from './codestream';
import { describeThrown } from './errors';

/**
 * The .wasm file each codec needs: the npm package that ships it, the file name (in the package's
 * dist/ folder, beside its main entry) and the package export that points at it (a renderer can
 * import `${package}/${exportName}?url`).
 */
export const CODEC_WASM_FILES = {
  jpeg: { package: '@cornerstonejs/codec-libjpeg-turbo-8bit', fileName: 'libjpegturbowasm_decode.wasm', exportName: 'decodewasm' },
  jpegls: { package: '@cornerstonejs/codec-charls', fileName: 'charlswasm_decode.wasm', exportName: 'decodewasm' },
  j2k: { package: '@cornerstonejs/codec-openjpeg', fileName: 'openjpegwasm_decode.wasm', exportName: 'decodewasm' },
  htj2k: { package: '@cornerstonejs/codec-openjph', fileName: 'openjphjs.wasm', exportName: 'wasm' },
  /**
   * 12-bit lossy JPEG: the dcmjs-codecs WebAssembly (IJG libjpeg 6b built for 12-bit samples, the
   * library DCMTK's dcmdjpeg uses too). The package has no "exports" map, so the file is reached by
   * its path. It also holds other codecs (≈ 4 MB); only its 12-bit JPEG decoder is used, and it is
   * loaded on the first 12-bit frame only.
   */
  jpeg12: { package: 'dcmjs-codecs', fileName: 'dcmjs-native-codecs.wasm', exportName: 'build/dcmjs-native-codecs.wasm' },
} as const;

export type WasmCodecName = keyof typeof CODEC_WASM_FILES;
/** The codecs built with emscripten/embind (instantiated through their factory). */
type EmbindCodecName = Exclude<WasmCodecName, 'jpeg12'>;

export interface CodecLoader {
  /** Return the bytes of the named .wasm file (one of CODEC_WASM_FILES[*].fileName). */
  loadWasm: (fileName: string) => Promise<Uint8Array>;
  /**
   * Optional faster decoder for lossy 8-bit JPEG, tried before the WebAssembly libjpeg-turbo with the
   * same bytes (Node: native SIMD libjpeg-turbo, see core/cli/node-codecs.ts). It must either return
   * exactly the samples the WebAssembly decoder would return (RGB for colour, one channel for
   * greyscale, 8 bits, interleaved), or `undefined` to decline a codestream it cannot guarantee that
   * for. If it throws, the WebAssembly decoder runs instead, so a damaged frame gets the same result
   * or error as without it.
   */
  nativeJpeg?: (bytes: Uint8Array) => Promise<CodecOutput | undefined>;
}

/** Decoded samples as the codec produced them. */
export interface CodecOutput {
  width: number;
  height: number;
  components: number;
  /** Bits per sample the codestream declares. */
  bitsPerSample: number;
  signed: boolean;
  /** Samples: 8-bit in a Uint8Array, or 16-bit in a Uint16Array/Int16Array. */
  samples: Uint8Array | Uint16Array | Int16Array;
  /** True when components are stored plane after plane (JPEG-LS interleave mode 0). */
  planar: boolean;
}

export class CodecError extends Error {
  constructor(
    message: string,
    readonly codec: string,
  ) {
    super(message);
  }
}

export interface DicomCodecs {
  /** JPEG baseline/extended 8-bit (libjpeg-turbo): colour is converted to RGB by the codec. */
  jpeg(bytes: Uint8Array): Promise<CodecOutput>;
  /**
   * JPEG extended (process 2 & 4) with 12-bit samples (IJG libjpeg 6b 12-bit, dcmjs-codecs
   * WebAssembly): samples 0–4095 in a Uint16Array. As for jpeg(), colour is converted to RGB by the
   * codec (YCbCr unless an Adobe marker or 'R','G','B' component ids say RGB).
   */
  jpeg12(bytes: Uint8Array): Promise<CodecOutput>;
  /** JPEG lossless process 14 (any selection value), 2–16 bits (jpeg-lossless-decoder-js). */
  jpegLossless(bytes: Uint8Array, bytesPerSample: number): Promise<CodecOutput>;
  /** JPEG-LS lossless and near-lossless (CharLS). */
  jpegls(bytes: Uint8Array): Promise<CodecOutput>;
  /** JPEG 2000 (OpenJPEG); the codec applies the inverse component transform (RCT/ICT). */
  j2k(bytes: Uint8Array): Promise<CodecOutput>;
  /** High-Throughput JPEG 2000 (OpenJPH). */
  htj2k(bytes: Uint8Array): Promise<CodecOutput>;
}

/* Minimal shapes of the embind objects we use. */
interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}
interface EmbindDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  getDecodedBuffer(): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getInterleaveMode?(): number;
  delete(): void;
}
type EmscriptenModule = Record<string, new () => EmbindDecoder>;
type Factory = (opts: Record<string, unknown>) => Promise<EmscriptenModule>;

const asFactory = (f: unknown): Factory => {
  const x = f as { default?: unknown };
  return (typeof f === 'function' ? f : x.default) as Factory;
};

const SPEC: Record<EmbindCodecName, { factory: Factory; className: string }> = {
  jpeg: { factory: asFactory(libjpegTurboFactory), className: 'JPEGDecoder' },
  jpegls: { factory: asFactory(charlsFactory), className: 'JpegLSDecoder' },
  j2k: { factory: asFactory(openjpegFactory), className: 'J2KDecoder' },
  htj2k: { factory: asFactory(openjphFactory), className: 'HTJ2KDecoder' },
};

/** Create the codec set. Nothing is loaded until a codec is first used. */
export function createCodecs(loader: CodecLoader): DicomCodecs {
  const wasmBytes = new Map<WasmCodecName, Promise<Uint8Array>>();
  const instances = new Map<EmbindCodecName, Promise<EmscriptenModule>>();
  const lastMessages: string[] = [];

  /** The .wasm bytes of a codec, fetched once (again after a failed fetch). */
  const bytesOf = (name: WasmCodecName): Promise<Uint8Array> => {
    let bytes = wasmBytes.get(name);
    if (!bytes) {
      bytes = loader.loadWasm(CODEC_WASM_FILES[name].fileName);
      wasmBytes.set(name, bytes);
      bytes.catch(() => wasmBytes.delete(name));
    }
    return bytes;
  };

  const instance = (name: EmbindCodecName): Promise<EmscriptenModule> => {
    let p = instances.get(name);
    if (!p) {
      p = bytesOf(name).then((wasmBinary) =>
        SPEC[name].factory({
          wasmBinary,
          // Keep codec chatter off stdout/stderr; the last lines go into error details.
          print: () => {},
          printErr: (t: string) => {
            lastMessages.push(String(t));
            if (lastMessages.length > 5) lastMessages.shift();
          },
        }),
      );
      instances.set(name, p);
      p.catch(() => instances.delete(name));
    }
    return p;
  };

  const runWasm = async (name: EmbindCodecName, bytes: Uint8Array): Promise<CodecOutput> => {
    let mod: EmscriptenModule;
    try {
      mod = await instance(name);
    } catch (e) {
      throw new CodecError(`could not load the ${name} codec (${describeThrown(e)})`, name);
    }
    let dec: EmbindDecoder | undefined;
    lastMessages.length = 0;
    try {
      const Ctor = mod[SPEC[name].className]!;
      dec = new Ctor();
      const enc = dec.getEncodedBuffer(bytes.length);
      enc.set(bytes);
      dec.decode();
      const info = dec.getFrameInfo();
      const out = dec.getDecodedBuffer();
      const bps = info.bitsPerSample;
      const bytesPer = bps > 8 ? 2 : 1;
      const n = info.width * info.height * info.componentCount;
      if (out.length < n * bytesPer) throw new Error(`codec returned ${out.length} bytes for ${info.width}×${info.height}×${info.componentCount}`);
      // Copy out of the WebAssembly heap (the view dies with the decoder).
      // (Some builds hand out a Uint8ClampedArray view: normalise to a plain Uint8Array.)
      const copy = new Uint8Array(n * bytesPer);
      copy.set(new Uint8Array(out.buffer, out.byteOffset, n * bytesPer));
      const samples =
        bytesPer === 1 ? copy : info.isSigned ? new Int16Array(copy.buffer, 0, n) : new Uint16Array(copy.buffer, 0, n);
      const planar = name === 'jpegls' && info.componentCount > 1 && dec.getInterleaveMode?.() === 0;
      return { width: info.width, height: info.height, components: info.componentCount, bitsPerSample: bps, signed: !!info.isSigned, samples, planar };
    } catch (e) {
      // The instance may be in any state now (abort, leaked C++ exception): start afresh next time.
      instances.delete(name);
      const extra = lastMessages.length ? `: ${lastMessages.join(' ')}` : '';
      throw new CodecError(`${describeThrown(e)}${extra}`, name);
    } finally {
      try {
        dec?.delete();
      } catch {
        /* the instance is being discarded anyway */
      }
    }
  };

  const jpeg12 = createJpeg12(() => bytesOf('jpeg12'));
  const nativeJpeg = loader.nativeJpeg;
  return {
    jpeg12,
    jpeg: async (b) => {
      if (nativeJpeg) {
        try {
          const out = await nativeJpeg(b);
          if (out) return out;
        } catch {
          /* declined by failing: the WebAssembly decoder gives the result (or the error) */
        }
      }
      return runWasm('jpeg', b);
    },
    jpegls: (b) => runWasm('jpegls', b),
    j2k: (b) => runWasm('j2k', b),
    htj2k: (b) => runWasm('htj2k', b),
    jpegLossless: async (b, bytesPerSample) => {
      try {
        // The decoder wants its own ArrayBuffer.
        const copy = b.slice();
        const dec = new JpegLosslessDecoder();
        const out = dec.decode(copy.buffer, 0, copy.byteLength, bytesPerSample) as Uint8Array | Uint16Array;
        const f = dec.frame as unknown as { dimX: number; dimY: number; numComp: number; precision: number };
        const n = f.dimX * f.dimY * f.numComp;
        if (!out || out.length < n) throw new Error('short output');
        return {
          width: f.dimX,
          height: f.dimY,
          components: f.numComp,
          bitsPerSample: f.precision,
          signed: false,
          samples: out.length === n ? out : out.subarray(0, n),
          planar: false,
        };
      } catch (e) {
        throw new CodecError(describeThrown(e), 'jpeg-lossless');
      }
    },
  };
}

/* ---------------------------------------------------------------------------------------------
 * 12-bit lossy JPEG through dcmjs-codecs.
 *
 * dcmjs-codecs' `NativeCodecs` is a class with static methods around one WebAssembly instance.
 * Its own loader reads the .wasm with `eval("require('fs')")` in Node and `eval("fetch(…)")` in a
 * browser; the app's Content-Security-Policy has no 'unsafe-eval', so that loader cannot run in
 * the decode workers. Instead a subclass supplies the bytes from our injected loader by overriding
 * the one static method that fetches them (`_getWebAssemblyBytes`, dcmjs-codecs 0.0.8, pinned in
 * package.json). If a new version stops calling it, loading fails with a clear error instead of
 * falling back to the eval loader (tests/unit/core/dicom/jpeg12*.test.ts then fail).
 *
 * Errors inside the module are raised by throwing a JS Error through the WebAssembly frames, which
 * leaves libjpeg's allocations and the module's stack pointer behind: after any failure the
 * instance is dropped and the next frame gets a fresh one (as for the embind codecs above).
 * ------------------------------------------------------------------------------------------- */

/** The part of dcmjs-codecs' public API used here (see its index.d.ts). */
interface Jpeg12Context {
  getDecodedBuffer(): Uint8Array | undefined;
}
interface Jpeg12NativeCodecs {
  initializeAsync(opts?: Record<string, unknown>): Promise<void>;
  decodeJpeg(context: Jpeg12Context, parameters?: { convertColorspaceToRgb?: boolean }): Jpeg12Context;
  release(): void;
}
interface Jpeg12Lib {
  NativeCodecs: new () => unknown;
  Context: new (attrs: {
    width: number;
    height: number;
    bitsAllocated: number;
    bitsStored: number;
    samplesPerPixel: number;
    pixelRepresentation: number;
    planarConfiguration: number;
    photometricInterpretation: string;
    encodedBuffer: Uint8Array;
  }) => Jpeg12Context;
  log?: { setLevel?: (level: string) => void };
}

function createJpeg12(wasmBytes: () => Promise<Uint8Array>): (bytes: Uint8Array) => Promise<CodecOutput> {
  let ready: Promise<{ lib: Jpeg12Lib; codecs: Jpeg12NativeCodecs }> | undefined;

  const load = () => {
    if (!ready) {
      ready = (async () => {
        const [mod, wasm] = await Promise.all([import('dcmjs-codecs'), wasmBytes()]);
        // A webpack UMD bundle: Node's ESM loader and Vite both expose it as the default export.
        const lib = ((mod as { default?: unknown }).default ?? mod) as Jpeg12Lib;
        // Keep codec chatter off stdout/stderr (failures come back as exceptions).
        lib.log?.setLevel?.('silent');
        const Base = lib.NativeCodecs as unknown as new () => object;
        let injected = false;
        class InjectedWasm extends Base {
          /** Replaces dcmjs-codecs' eval-based loader (see above): a private copy of the injected bytes. */
          static async _getWebAssemblyBytes(): Promise<ArrayBuffer> {
            injected = true;
            return wasm.slice().buffer;
          }
        }
        const codecs = InjectedWasm as unknown as Jpeg12NativeCodecs;
        await codecs.initializeAsync({ logCodecsInfo: false, logCodecsTrace: false });
        if (!injected) {
          codecs.release();
          throw new Error('dcmjs-codecs did not take the injected WebAssembly bytes (its loader changed; BlockPlan expects version 0.0.8)');
        }
        return { lib, codecs };
      })();
      ready.catch(() => {
        ready = undefined;
      });
    }
    return ready;
  };

  return async (bytes) => {
    const h = readJpegHeader(bytes);
    if (!h || h.family !== 'jpeg') throw new CodecError('no lossy JPEG frame header', 'jpeg12');
    if (h.precision <= 8 || h.precision > 12) throw new CodecError(`${h.precision}-bit samples: this decoder is for 9–12-bit lossy JPEG`, 'jpeg12');
    if (h.width === 0 || h.height === 0 || (h.components !== 1 && h.components !== 3)) {
      throw new CodecError(`unsupported frame: ${h.width} × ${h.height} × ${h.components}`, 'jpeg12');
    }
    let api: { lib: Jpeg12Lib; codecs: Jpeg12NativeCodecs };
    try {
      api = await load();
    } catch (e) {
      throw new CodecError(`could not load the 12-bit JPEG codec (${describeThrown(e)})`, 'jpeg12');
    }
    const n = h.width * h.height * h.components;
    let decoded: Uint8Array | undefined;
    try {
      const context = new api.lib.Context({
        width: h.width,
        height: h.height,
        bitsAllocated: 16,
        bitsStored: h.precision,
        samplesPerPixel: h.components,
        pixelRepresentation: 0,
        planarConfiguration: 0,
        photometricInterpretation: h.components === 1 ? 'MONOCHROME2' : 'RGB',
        encodedBuffer: bytes,
      });
      // Colour: libjpeg converts to RGB (interleaved) from what the markers say, as libjpeg-turbo does.
      decoded = api.codecs.decodeJpeg(context, { convertColorspaceToRgb: h.components === 3 }).getDecodedBuffer();
    } catch (e) {
      // The instance may hold leaked allocations or a displaced stack: start afresh next time.
      try {
        api.codecs.release();
      } catch {
        /* being discarded anyway */
      }
      ready = undefined;
      throw new CodecError(describeThrown(e), 'jpeg12');
    }
    if (!decoded || decoded.length !== n * 2) {
      throw new CodecError(`codec returned ${decoded?.length ?? 0} bytes for ${h.width}×${h.height}×${h.components} 16-bit samples`, 'jpeg12');
    }
    // getDecodedBuffer() is a copy out of the WebAssembly heap; re-align it for 16-bit access.
    const own = decoded.byteOffset % 2 === 0 ? decoded : decoded.slice();
    const samples = new Uint16Array(own.buffer, own.byteOffset, n);
    return { width: h.width, height: h.height, components: h.components, bitsPerSample: h.precision, signed: false, samples, planar: false };
  };
}
