/**
 * The messages between the viewer and its decode workers, and the pure helpers on both sides.
 *
 * The main thread parses each file once (core/dicom openDicom, no pixels) and keeps the bytes. A
 * worker receives a clip's header once (no patient data, no pixel bytes) and then, per decode job,
 * only that frame's compressed fragments (or its native slice), copied into a buffer that is
 * transferred there and back. So no worker ever holds a whole file and memory does not grow with
 * the number of workers.
 */
import type { DecodedFrame, DicomImage, DicomMeta, PaletteLut } from '../../core/dicom/types';
import type { DicomError } from '../../core/dicom/errors';
import type { TransferSyntaxInfo } from '../../core/dicom/transfer-syntax';
import type { NativeCheck } from './native-check';

/** What a worker needs to decode any frame of a clip. */
export interface ClipHeader {
  fileName?: string;
  /** The header, with patient fields removed (workers never see them). */
  meta: DicomMeta;
  transferSyntax: TransferSyntaxInfo;
  frameCount: number;
  availableFrames: number;
  palette?: PaletteLut;
  pixel: { kind: 'native'; frameBytes: number; swap16: boolean; swap8InWords: boolean } | { kind: 'encapsulated' };
}

/** One frame's stored bytes. */
export type FramePayload = { kind: 'native'; data: Uint8Array } | { kind: 'encapsulated'; fragments: Uint8Array[] };

/**
 * A small preview of a frame for the file list: a JPEG made in the worker (browser), or RGBA the
 * main thread encodes (where the worker has no OffscreenCanvas, e.g. tests in Node).
 */
export type Thumbnail = { width: number; height: number; jpeg: Blob; rgba?: undefined } | { width: number; height: number; rgba: Uint8ClampedArray; jpeg?: undefined };

/**
 * A colour frame as a bitmap (browser workers): decoded by the browser's JPEG decoder, or made from
 * core's RGBA in the worker. Transferred without a copy; the display draws it in one step. Its
 * pixels equal core's RGBA for the frame (renderer/workers/native-check.ts).
 */
export interface BitmapFrame {
  kind: 'bitmap';
  width: number;
  height: number;
  bitmap: ImageBitmap;
}

/** What the viewer holds per frame: core's decoded frame (greyscale, or RGBA without bitmaps) or a bitmap. */
export type ViewerFrame = DecodedFrame | BitmapFrame;

/** Which decoder produced a frame. */
export type FrameDecoder = 'browser' | 'wasm';

/**
 * Box-filter `rgba` (w × h) down so its longest side is at most `maxPx`. Cheap enough to run next
 * to a decode (one pass over the frame).
 */
export function downscaleRgba(rgba: Uint8ClampedArray, w: number, h: number, maxPx: number): { width: number; height: number; rgba: Uint8ClampedArray } {
  const k = Math.max(1, Math.ceil(Math.max(w, h) / maxPx));
  const tw = Math.max(1, Math.floor(w / k));
  const th = Math.max(1, Math.floor(h / k));
  const out = new Uint8ClampedArray(tw * th * 4);
  const n = k * k;
  for (let ty = 0; ty < th; ty++) {
    for (let tx = 0; tx < tw; tx++) {
      let r = 0;
      let g = 0;
      let b = 0;
      for (let dy = 0; dy < k; dy++) {
        let i = ((ty * k + dy) * w + tx * k) * 4;
        for (let dx = 0; dx < k; dx++, i += 4) {
          r += rgba[i]!;
          g += rgba[i + 1]!;
          b += rgba[i + 2]!;
        }
      }
      const o = (ty * tw + tx) * 4;
      out[o] = r / n;
      out[o + 1] = g / n;
      out[o + 2] = b / n;
      out[o + 3] = 255;
    }
  }
  return { width: tw, height: th, rgba: out };
}

/** Main thread → worker. */
export type ToWorker =
  | { type: 'warm'; id: number }
  | { type: 'clip'; clipId: string; header: ClipHeader }
  | {
      type: 'decode';
      id: number;
      clipId: string;
      index: number;
      payload: FramePayload;
      thumbnailPx?: number;
      /** Only the thumbnail is wanted (the file list), not the frame. */
      thumbnailOnly?: boolean;
      /** Deliver colour frames as ImageBitmaps (the viewer) rather than RGBA. */
      bitmap?: boolean;
      /**
       * Use the browser's JPEG decoder for this frame when its codestream has this colour
       * signature (the one checked on the clip's first frame; native-check.ts).
       */
      native?: string;
      /** Decode with both decoders and compare (the clip's first frame); the reply carries the verdict. */
      check?: boolean;
      /**
       * The pixel buffer of a frame the viewer no longer holds, to decode into (returned with the
       * frame). Recycling keeps dropped frames from piling up until the next garbage collection.
       */
      out?: ArrayBuffer;
      /** Send the payload's buffers back with the reply (`inputs`), to be used for another job. */
      returnInputs?: boolean;
    }
  | { type: 'forget'; clipId: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'warm'; id: number; ms: number }
  | {
      type: 'frame';
      id: number;
      /** Absent for thumbnail-only jobs. */
      frame?: ViewerFrame;
      decodeMs: number;
      decoder: FrameDecoder;
      thumbnail?: Thumbnail;
      inputs?: ArrayBuffer[];
    }
  /**
   * After the frame of a `check` job: the comparison of the decoders (null: that frame could not
   * be compared, e.g. not a candidate; another frame is to be checked).
   */
  | { type: 'check'; clipId: string; check: NativeCheck | null }
  | { type: 'error'; id: number; error: DicomError; inputs?: ArrayBuffer[] };

export function clipHeader(img: DicomImage): ClipHeader {
  const px = img.pixel;
  const h: ClipHeader = {
    meta: { ...img.meta, patient: {} },
    transferSyntax: img.transferSyntax,
    frameCount: img.frameCount,
    availableFrames: img.availableFrames,
    pixel:
      px.kind === 'native'
        ? { kind: 'native', frameBytes: px.frameBytes, swap16: px.swap16, swap8InWords: px.swap8InWords }
        : { kind: 'encapsulated' },
  };
  if (img.fileName !== undefined) h.fileName = img.fileName;
  if (img.palette) h.palette = img.palette;
  return h;
}

/**
 * The stored bytes of frame `index`, copied into buffers of their own (so they can be sent without
 * cloning the whole file). With `alloc`, all of them go into the one array it returns (the decode
 * pool passes buffers it reuses from job to job); otherwise each is a new slice. Undefined when the
 * frame is not present in the file.
 */
export function framePayload(img: DicomImage, index: number, alloc?: (bytes: number) => Uint8Array): FramePayload | undefined {
  if (index < 0 || index >= img.availableFrames) return undefined;
  const px = img.pixel;
  if (px.kind === 'native') {
    const start = index * px.frameBytes;
    if (!alloc) return { kind: 'native', data: px.data.slice(start, start + px.frameBytes) };
    const data = alloc(px.frameBytes);
    data.set(px.data.subarray(start, start + px.frameBytes));
    return { kind: 'native', data };
  }
  const f = px.frames[index];
  if (!f) return undefined;
  if (!alloc) return { kind: 'encapsulated', fragments: f.fragments.map((x) => x.slice()) };
  const all = alloc(f.fragments.reduce((n, x) => n + x.byteLength, 0));
  const fragments: Uint8Array[] = [];
  let o = 0;
  for (const x of f.fragments) {
    all.set(x, o);
    fragments.push(all.subarray(o, o + x.byteLength));
    o += x.byteLength;
  }
  return { kind: 'encapsulated', fragments };
}

/** The buffers of a payload, each once (they hold only this frame's bytes). */
export function payloadTransferables(p: FramePayload): ArrayBuffer[] {
  const list = p.kind === 'native' ? [p.data] : p.fragments;
  return [...new Set(list.map((b) => b.buffer as ArrayBuffer))];
}

/**
 * Free buffers at once instead of at the next garbage collection: ArrayBuffer.prototype.transfer(0)
 * detaches them. This returns the memory immediately only for buffers allocated in this thread; a
 * buffer that arrived by postMessage stays referenced by its message until that is collected.
 * Only for buffers nothing uses any more; a no-op where transfer is not available.
 */
export function releaseBuffers(buffers: readonly ArrayBuffer[]): void {
  for (const b of buffers as readonly (ArrayBuffer & { transfer?: (length: number) => ArrayBuffer })[]) {
    try {
      if (b.byteLength > 0) b.transfer?.(0);
    } catch {
      /* detached already, or not transferable */
    }
  }
}

/**
 * Rebuild, in the worker, a DicomImage that decodeFrame can read for one frame. Returns the index
 * to pass to decodeFrame. Native frames are given as a one-frame image (their slice starts at 0);
 * encapsulated frames keep their index so messages name the right frame.
 */
export function imageForFrame(h: ClipHeader, index: number, payload: FramePayload): { image: DicomImage; index: number } {
  const base = {
    meta: h.meta,
    transferSyntax: h.transferSyntax,
    warnings: [],
    timing: { frameTimesMs: [], source: 'assumed' as const, assumed: true, fps: 0 },
    calibration: { regions: [] },
    ...(h.fileName !== undefined ? { fileName: h.fileName } : {}),
    ...(h.palette ? { palette: h.palette } : {}),
  };
  if (payload.kind === 'native') {
    if (h.pixel.kind !== 'native') throw new Error('payload and header disagree');
    return {
      image: {
        ...base,
        frameCount: 1,
        availableFrames: 1,
        pixel: { kind: 'native', data: payload.data, frameBytes: h.pixel.frameBytes, swap16: h.pixel.swap16, swap8InWords: h.pixel.swap8InWords },
      },
      index: 0,
    };
  }
  const frames: { fragments: Uint8Array[] }[] = [];
  frames[index] = { fragments: payload.fragments };
  return { image: { ...base, frameCount: h.frameCount, availableFrames: h.availableFrames, pixel: { kind: 'encapsulated', frames } }, index };
}

type PixelArray = Uint8ClampedArray | Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | Float32Array | Float64Array;

/** The same kind of typed array as `a`, over `buf`. */
function sameKindOver(a: PixelArray, buf: ArrayBuffer): PixelArray {
  const C = a.constructor as new (b: ArrayBuffer, offset: number, length: number) => PixelArray;
  return new C(buf, 0, a.length);
}

/**
 * Make a decoded frame's pixel array own its buffer exactly (so transferring it moves only the
 * frame), and list the buffer to transfer. With `out` (a recycled buffer of exactly the frame's
 * size) the pixels are copied into it (unless decodeFrame wrote them there already, its `into`);
 * otherwise `out` is ignored. The decoder's buffer, when the
 * frame no longer uses it, is freed at once (it was made in this thread).
 */
export function compactFrame(f: DecodedFrame, out?: ArrayBuffer): { frame: DecodedFrame; transfer: ArrayBuffer[]; recycled: boolean } {
  const a: PixelArray = f.kind === 'rgb' ? f.rgba : (f.pixels as PixelArray);
  let own: PixelArray;
  let recycled = false;
  if (out && out === a.buffer && a.byteOffset === 0 && a.byteLength === out.byteLength) {
    // Decoded into the recycled buffer already (decodeFrame's `into`).
    own = a;
    recycled = true;
  } else if (out && out.byteLength === a.byteLength && out !== a.buffer) {
    own = sameKindOver(a, out);
    own.set(a as never);
    releaseBuffers([a.buffer as ArrayBuffer]);
    recycled = true;
  } else if (a.byteOffset === 0 && a.byteLength === a.buffer.byteLength) {
    own = a;
  } else {
    own = a.slice();
    releaseBuffers([a.buffer as ArrayBuffer]);
  }
  const frame: DecodedFrame = f.kind === 'rgb' ? { ...f, rgba: own as Uint8ClampedArray } : ({ ...f, pixels: own } as DecodedFrame);
  return { frame, transfer: [own.buffer as ArrayBuffer], recycled };
}

/** Bytes of pixel data a frame holds (what the cache budget counts; a bitmap holds RGBA). */
export function frameBytes(f: ViewerFrame): number {
  return f.kind === 'bitmap' ? f.width * f.height * 4 : f.kind === 'rgb' ? f.rgba.byteLength : f.pixels.byteLength;
}
