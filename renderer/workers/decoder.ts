/**
 * The decode worker's logic, without the worker: keeps clip headers, decodes one frame per job with
 * core/dicom — or, for JPEG clips that passed the first-frame check (native-check.ts), with the
 * browser's own decoder — and makes thumbnails. decode.worker.ts wires it to postMessage; tests
 * drive it directly with Node's codecs (no browser imaging there: frames come back as core's RGBA).
 *
 * WebAssembly decodes run one at a time (they share the list of codec buffers to free and the RGBA
 * scratch); browser decodes run beside them, several in flight, on the browser's own threads.
 */
import type { DicomCodecs } from '../../core/dicom/codecs';
import { jpegHoldsRgb, readJpegHeader } from '../../core/dicom/codestream';
import { decodeFrame } from '../../core/dicom/decode';
import { dicomError, type DicomError } from '../../core/dicom/errors';
import { toRgba } from '../../core/dicom/pixels';
import type { DecodedFrame, DicomImage } from '../../core/dicom/types';
import type { BrowserImaging } from './browser-imaging';
import { jpegSignature, maxDiffFrames, maxDiffToReference, nativeCandidateFrame, NATIVE_JPEG_TOLERANCE, type NativeCheck } from './native-check';
import { compactFrame, downscaleRgba, imageForFrame, payloadTransferables, releaseBuffers, type ClipHeader, type FrameDecoder, type FromWorker, type Thumbnail, type ToWorker, type ViewerFrame } from './protocol';

export interface DecoderDeps {
  codecs: DicomCodecs;
  /** Prepare codecs (e.g. instantiate the JPEG WebAssembly) so the first real frame is fast. */
  warm?: () => Promise<void>;
  now?: () => number;
  /** The browser's decoder, bitmaps and thumbnail encoder (decode workers; absent in Node). */
  browser?: BrowserImaging;
}

export interface Reply {
  msg: FromWorker;
  transfer: Transferable[];
  /** A second message to send when it is ready (the first-frame comparison's verdict). */
  followUp?: Promise<Reply>;
}

type DecodeMsg = Extract<ToWorker, { type: 'decode' }>;

/** A decoded job, ready to send. */
interface Delivered {
  frame?: ViewerFrame;
  decoder: FrameDecoder;
  thumbnail?: Thumbnail;
  /** The first-frame comparison, finished after the frame is sent. */
  later?: Promise<NativeCheck>;
  transfer: Transferable[];
  /** Buffers the frame does not use (freed after sending). */
  spent: ArrayBuffer[];
}

/**
 * The codecs, noting the buffers each returns (in `made`): after a decode the worker frees them at
 * once (releaseBuffers) instead of leaving a frame's worth of garbage per decode for the worker's
 * garbage collector, which lets tens of MB pile up first (docs/BENCHMARKS.md, Viewer).
 */
function trackingCodecs(codecs: DicomCodecs, made: ArrayBuffer[]): DicomCodecs {
  return new Proxy(codecs, {
    get(target, prop, receiver) {
      const v: unknown = Reflect.get(target, prop, receiver);
      if (typeof v !== 'function') return v;
      return async (...args: unknown[]) => {
        const out: unknown = await (v as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        const samples = (out as { samples?: unknown } | null)?.samples;
        if (ArrayBuffer.isView(samples) && samples.buffer instanceof ArrayBuffer) made.push(samples.buffer);
        return out;
      };
    },
  });
}

function joinFragments(fragments: readonly Uint8Array[]): Uint8Array {
  if (fragments.length === 1) return fragments[0]!;
  const out = new Uint8Array(fragments.reduce((n, f) => n + f.byteLength, 0));
  let o = 0;
  for (const f of fragments) {
    out.set(f, o);
    o += f.byteLength;
  }
  return out;
}

export function createDecoder(deps: DecoderDeps): (msg: ToWorker) => Promise<Reply | null> {
  const headers = new Map<string, ClipHeader>();
  /** Buffers the codecs returned during the current WebAssembly decode. */
  const made: ArrayBuffer[] = [];
  const codecs = trackingCodecs(deps.codecs, made);
  const now = deps.now ?? (() => performance.now());
  const browser = deps.browser;
  let turn: Promise<unknown> = Promise.resolve();
  /** Run WebAssembly work one job at a time. */
  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const p = turn.then(fn, fn);
    turn = p.catch(() => undefined);
    return p;
  };
  /** RGBA a colour frame is decoded into before it becomes a bitmap (reused: one frame size at a time). */
  let scratch: ArrayBuffer | null = null;
  const scratchFor = (bytes: number): ArrayBuffer => (scratch && scratch.byteLength === bytes ? scratch : (scratch = new ArrayBuffer(bytes)));

  const thumbOfBitmap = async (b: ImageBitmap, px: number | undefined): Promise<Thumbnail | undefined> => (px && browser ? browser.thumbnail(b, px) : undefined);

  /** A bitmap frame (and its thumbnail) ready to send; for a thumbnail-only job the bitmap is closed. */
  async function deliverBitmap(bitmap: ImageBitmap, msg: DecodeMsg, decoder: FrameDecoder): Promise<Delivered> {
    const thumbnail = await thumbOfBitmap(bitmap, msg.thumbnailPx);
    if (msg.thumbnailOnly) {
      bitmap.close();
      return { decoder, ...(thumbnail ? { thumbnail } : {}), transfer: [], spent: msg.out ? [msg.out] : [] };
    }
    return { frame: { kind: 'bitmap', width: bitmap.width, height: bitmap.height, bitmap }, decoder, ...(thumbnail ? { thumbnail } : {}), transfer: [bitmap], spent: msg.out ? [msg.out] : [] };
  }

  /** A frame from core: as a bitmap when asked for and colour, else its pixels (into the recycled buffer). */
  async function deliver(f: DecodedFrame, msg: DecodeMsg, decoder: FrameDecoder): Promise<Delivered> {
    if (browser && msg.bitmap && f.kind === 'rgb') return deliverBitmap(await browser.fromRgba(f.rgba, f.width, f.height), msg, decoder);
    let thumbnail: Thumbnail | undefined;
    if (msg.thumbnailPx) {
      const rgba = toRgba(f);
      if (browser) {
        const b = await browser.fromRgba(rgba, f.width, f.height);
        thumbnail = await browser.thumbnail(b, msg.thumbnailPx);
        b.close();
      } else thumbnail = downscaleRgba(rgba, f.width, f.height, msg.thumbnailPx);
    }
    const thumbs: Transferable[] = thumbnail?.rgba ? [thumbnail.rgba.buffer as ArrayBuffer] : [];
    const pixels = (f.kind === 'rgb' ? f.rgba.buffer : f.pixels.buffer) as ArrayBuffer;
    if (msg.thumbnailOnly) return { decoder, ...(thumbnail ? { thumbnail } : {}), transfer: thumbs, spent: [pixels, ...(msg.out ? [msg.out] : [])] };
    const { frame, transfer } = compactFrame(f, msg.out);
    return { frame, decoder, ...(thumbnail ? { thumbnail } : {}), transfer: [...transfer, ...thumbs], spent: msg.out && !transfer.includes(msg.out) ? [msg.out] : [] };
  }

  /** Core's WebAssembly path, one job at a time; codec outputs not sent are freed at once. */
  const wasmPath = (image: DicomImage, index: number, msg: DecodeMsg): Promise<Delivered | DicomError> =>
    exclusive(async () => {
      made.length = 0;
      const m = image.meta;
      const colour = m.samplesPerPixel === 3 || m.photometricInterpretation === 'PALETTE COLOR';
      // Colour frames that become bitmaps are decoded into the scratch RGBA; others into the recycled buffer.
      const into = browser && msg.bitmap && colour ? scratchFor(m.rows * m.columns * 4) : msg.out;
      const r = await decodeFrame(image, index, codecs, into ? { into } : {});
      if (!r.ok) {
        releaseBuffers(made.splice(0));
        return r.error;
      }
      const d = await deliver(r.value, msg, 'wasm');
      d.spent.push(...made.splice(0).filter((b) => b !== scratch && !d.transfer.includes(b)));
      return d;
    });

  /** The browser's decoder for a frame of a checked clip; undefined when it fails (WebAssembly then). */
  async function browserPath(image: DicomImage, index: number, msg: DecodeMsg, fragments: readonly Uint8Array[], joined: Uint8Array): Promise<Delivered | undefined> {
    if (!browser) return undefined;
    const m = image.meta;
    try {
      if (m.samplesPerPixel === 3) {
        const bitmap = await browser.decodeJpeg(fragments);
        if (bitmap.width !== m.columns || bitmap.height !== m.rows || !msg.bitmap) {
          bitmap.close();
          return undefined;
        }
        return deliverBitmap(bitmap, msg, 'browser');
      }
      const out = await browser.grayJpeg(joined);
      const r = out ? await decodeFrame(image, index, { ...deps.codecs, jpeg: async () => out }, msg.out ? { into: msg.out } : {}) : undefined;
      if (!r?.ok) return undefined;
      return deliver(r.value, msg, 'browser');
    } catch {
      return undefined;
    }
  }

  /**
   * The clip's first frame: decoded by WebAssembly and sent at once (the first frame on screen does
   * not wait), then decoded by the browser and compared (NATIVE_JPEG_TOLERANCE); `later` carries the
   * verdict, sent as a message of its own.
   */
  async function checkPath(h: ClipHeader, image: DicomImage, index: number, msg: DecodeMsg, fragments: readonly Uint8Array[], joined: Uint8Array, signature: string): Promise<Delivered | DicomError> {
    const tw = now();
    const ref = await exclusive(async () => {
      made.length = 0;
      const r = await decodeFrame(image, index, codecs);
      return { r, bufs: made.splice(0) };
    });
    const wasmMs = now() - tw;
    if (!ref.r.ok) {
      releaseBuffers(ref.bufs);
      return ref.r.error;
    }
    const wasm = ref.r.value;
    // What is sent may be transferred: keep the pixels to compare with.
    const kept: DecodedFrame = wasm.kind === 'rgb' ? { ...wasm, rgba: wasm.rgba.slice() } : { ...wasm, pixels: wasm.pixels.slice() as typeof wasm.pixels };
    const d = await deliver(wasm, msg, 'wasm');
    d.spent.push(...ref.bufs.filter((b) => !d.transfer.includes(b)));
    // The payload goes back to the pool with the frame: the comparison works on its own copy.
    const own = joined.slice();
    const ownImage = imageForFrame(h, msg.index, { kind: 'encapsulated', fragments: [own] }).image;
    d.later = (async (): Promise<NativeCheck> => {
      const tb = now();
      let maxDiff = Number.NaN;
      let reason: string | undefined;
      try {
        if (image.meta.samplesPerPixel === 3) {
          const bitmap = await browser!.decodeJpeg([own]);
          maxDiff = maxDiffToReference(browser!.readRgba(bitmap), kept);
          bitmap.close();
        } else {
          const out = await browser!.grayJpeg(own);
          const nat = await decodeFrame(ownImage, index, { ...deps.codecs, jpeg: async () => out });
          maxDiff = nat.ok ? maxDiffFrames(nat.value, kept) : Number.POSITIVE_INFINITY;
        }
      } catch (e) {
        reason = `the browser could not decode it (${String(e)})`;
      }
      const accepted = maxDiff <= NATIVE_JPEG_TOLERANCE;
      if (!accepted && !reason) reason = `its pixels differ from the WebAssembly decode by up to ${maxDiff}`;
      return { accepted, maxDiff, signature, browserMs: now() - tb, wasmMs, ...(reason ? { reason } : {}) };
    })();
    return d;
  }

  async function decode(msg: DecodeMsg): Promise<Reply> {
    const h = headers.get(msg.clipId);
    const inputs = payloadTransferables(msg.payload);
    const failed = (error: DicomError): Reply =>
      msg.returnInputs ? { msg: { type: 'error', id: msg.id, error, inputs }, transfer: inputs } : { msg: { type: 'error', id: msg.id, error }, transfer: [] };
    if (!h) return failed(dicomError('decode-failed', `Frame ${msg.index + 1}: the decoder lost track of this clip.`, { action: 'Close the clip and open it again.' }));
    const t0 = now();
    let r: Delivered | DicomError;
    try {
      const { image, index } = imageForFrame(h, msg.index, msg.payload);
      let signature: string | undefined;
      let joined: Uint8Array | undefined;
      let converts = false;
      const fragments = msg.payload.kind === 'encapsulated' ? msg.payload.fragments : [];
      if (browser && (msg.native !== undefined || msg.check || msg.thumbnailOnly) && fragments.length > 0) {
        joined = joinFragments(fragments);
        const jh = readJpegHeader(joined);
        if (nativeCandidateFrame(jh, h.meta, joined)) {
          signature = jpegSignature(jh);
          // Core converts these from YCbCr (or they are greyscale), as the browser does from the markers.
          converts = !jpegHoldsRgb(jh, h.meta.photometricInterpretation);
        }
      }
      if (msg.check && signature !== undefined && joined) r = await checkPath(h, image, index, msg, fragments, joined, signature);
      else if (msg.thumbnailOnly && msg.thumbnailPx && browser && signature !== undefined && converts && h.meta.photometricInterpretation !== 'PALETTE COLOR') {
        // A thumbnail only (file list): decoded by the browser at the reduced size, without the
        // first-frame check (a preview; the clip's frames are checked when it is first shown).
        const thumbnail = await browser.jpegThumbnail(fragments, h.meta.columns, h.meta.rows, msg.thumbnailPx).catch(() => undefined);
        r = thumbnail ? { decoder: 'browser', thumbnail, transfer: [], spent: msg.out ? [msg.out] : [] } : await wasmPath(image, index, msg);
      } else r = (signature !== undefined && signature === msg.native && joined ? await browserPath(image, index, msg, fragments, joined) : undefined) ?? (await wasmPath(image, index, msg));
    } catch (e) {
      r = dicomError('decode-failed', `Frame ${msg.index + 1} could not be decoded.`, { ...(h.fileName ? { fileName: h.fileName } : {}), detail: String(e) });
    }
    if ('code' in r) return failed(r);
    // A check job whose frame could not be compared (not a candidate): the pool asks again with another frame.
    const later = msg.check ? (r.later ?? Promise.resolve(null)) : undefined;
    const followUp = later?.then((check): Reply => ({ msg: { type: 'check', clipId: msg.clipId, check }, transfer: [] }));
    const decodeMs = now() - t0;
    // The payload goes back to the pool when asked (it is reused), else it is freed with the rest.
    const back = msg.returnInputs ? inputs.filter((b) => !r.transfer.includes(b)) : [];
    releaseBuffers([...r.spent, ...(msg.returnInputs ? [] : inputs)].filter((b) => !r.transfer.includes(b)));
    return {
      msg: { type: 'frame', id: msg.id, decodeMs, decoder: r.decoder, ...(r.frame ? { frame: r.frame } : {}), ...(r.thumbnail ? { thumbnail: r.thumbnail } : {}), ...(back.length ? { inputs: back } : {}) },
      transfer: [...r.transfer, ...back],
      ...(followUp ? { followUp } : {}),
    };
  }

  return async (msg) => {
    switch (msg.type) {
      case 'clip':
        headers.set(msg.clipId, msg.header);
        return null;
      case 'forget':
        headers.delete(msg.clipId);
        return null;
      case 'warm': {
        const t0 = now();
        try {
          await deps.warm?.();
        } catch {
          /* warming is an optimisation; a real decode reports any failure */
        }
        return { msg: { type: 'warm', id: msg.id, ms: now() - t0 }, transfer: [] };
      }
      case 'decode':
        return decode(msg);
    }
  };
}

