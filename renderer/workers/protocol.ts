/**
 * The messages between the viewer and its decode workers, and the pure helpers on both sides.
 *
 * The main thread parses each file once (core/dicom openDicom, no pixels) and keeps the bytes. A
 * worker receives a clip's header once (no patient data, no pixel bytes) and then, per decode job,
 * only that frame's compressed fragments (or its native slice), copied and transferred. So no worker
 * ever holds a whole file and memory does not grow with the number of workers.
 */
import type { DecodedFrame, DicomImage, DicomMeta, PaletteLut } from '../../core/dicom/types';
import type { DicomError } from '../../core/dicom/errors';
import type { TransferSyntaxInfo } from '../../core/dicom/transfer-syntax';

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

/** A small RGBA preview of a frame (the main thread encodes it for the file list). */
export interface Thumbnail {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

/**
 * Box-filter `rgba` (w × h) down so its longest side is at most `maxPx`. Cheap enough to run next
 * to a decode (one pass over the frame).
 */
export function downscaleRgba(rgba: Uint8ClampedArray, w: number, h: number, maxPx: number): Thumbnail {
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
  | { type: 'decode'; id: number; clipId: string; index: number; payload: FramePayload; thumbnailPx?: number }
  | { type: 'forget'; clipId: string };

/** Worker → main thread. */
export type FromWorker =
  | { type: 'warm'; id: number; ms: number }
  | { type: 'frame'; id: number; frame: DecodedFrame; decodeMs: number; thumbnail?: Thumbnail }
  | { type: 'error'; id: number; error: DicomError };

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
 * The stored bytes of frame `index`, copied into buffers of their own (so they can be transferred
 * without cloning the whole file). Undefined when the frame is not present in the file.
 */
export function framePayload(img: DicomImage, index: number): FramePayload | undefined {
  if (index < 0 || index >= img.availableFrames) return undefined;
  const px = img.pixel;
  if (px.kind === 'native') {
    const start = index * px.frameBytes;
    return { kind: 'native', data: px.data.slice(start, start + px.frameBytes) };
  }
  const f = px.frames[index];
  if (!f) return undefined;
  return { kind: 'encapsulated', fragments: f.fragments.map((x) => x.slice()) };
}

/** Buffers of a payload, for the transfer list. */
export function payloadTransferables(p: FramePayload): ArrayBuffer[] {
  const list = p.kind === 'native' ? [p.data] : p.fragments;
  return list.map((b) => b.buffer as ArrayBuffer);
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

/**
 * Make a decoded frame's pixel array own its buffer exactly (so transferring it moves only the
 * frame), and list the buffer to transfer.
 */
export function compactFrame(f: DecodedFrame): { frame: DecodedFrame; transfer: ArrayBuffer[] } {
  if (f.kind === 'rgb') {
    const a = f.rgba;
    const own = a.byteOffset === 0 && a.byteLength === a.buffer.byteLength ? a : a.slice();
    return { frame: { ...f, rgba: own }, transfer: [own.buffer as ArrayBuffer] };
  }
  const p = f.pixels;
  const own = p.byteOffset === 0 && p.byteLength === p.buffer.byteLength ? p : p.slice();
  return { frame: { ...f, pixels: own }, transfer: [own.buffer as ArrayBuffer] };
}

/** Bytes of pixel data a decoded frame holds (what the cache budget counts). */
export function frameBytes(f: DecodedFrame): number {
  return f.kind === 'rgb' ? f.rgba.byteLength : f.pixels.byteLength;
}
