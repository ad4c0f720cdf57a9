/**
 * The decode worker's logic, without the worker: keeps clip headers, decodes one frame per job with
 * core/dicom, and (for the first frame of a clip) makes a thumbnail. decode.worker.ts wires it to
 * postMessage; tests drive it directly with Node's codecs.
 */
import type { DicomCodecs } from '../../core/dicom/codecs';
import { decodeFrame } from '../../core/dicom/decode';
import { dicomError } from '../../core/dicom/errors';
import { toRgba } from '../../core/dicom/pixels';
import { compactFrame, downscaleRgba, imageForFrame, type ClipHeader, type FromWorker, type Thumbnail, type ToWorker } from './protocol';

export interface DecoderDeps {
  codecs: DicomCodecs;
  /** Prepare codecs (e.g. instantiate the JPEG WebAssembly) so the first real frame is fast. */
  warm?: () => Promise<void>;
  now?: () => number;
}

export interface Reply {
  msg: FromWorker;
  transfer: Transferable[];
}

export function createDecoder(deps: DecoderDeps): (msg: ToWorker) => Promise<Reply | null> {
  const headers = new Map<string, ClipHeader>();
  const now = deps.now ?? (() => performance.now());
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
      case 'decode': {
        const h = headers.get(msg.clipId);
        if (!h) {
          return { msg: { type: 'error', id: msg.id, error: dicomError('decode-failed', `Frame ${msg.index + 1}: the decoder lost track of this clip.`, { action: 'Close the clip and open it again.' }) }, transfer: [] };
        }
        const t0 = now();
        let r;
        try {
          const { image, index } = imageForFrame(h, msg.index, msg.payload);
          r = await decodeFrame(image, index, deps.codecs);
        } catch (e) {
          r = { ok: false as const, error: dicomError('decode-failed', `Frame ${msg.index + 1} could not be decoded.`, { ...(h.fileName ? { fileName: h.fileName } : {}), detail: String(e) }) };
        }
        if (!r.ok) return { msg: { type: 'error', id: msg.id, error: r.error }, transfer: [] };
        const decodeMs = now() - t0;
        let thumbnail: Thumbnail | undefined;
        if (msg.thumbnailPx) {
          const f = r.value;
          thumbnail = downscaleRgba(toRgba(f), f.width, f.height, msg.thumbnailPx);
        }
        const { frame, transfer } = compactFrame(r.value);
        if (thumbnail) transfer.push(thumbnail.rgba.buffer as ArrayBuffer);
        return { msg: { type: 'frame', id: msg.id, frame, decodeMs, ...(thumbnail ? { thumbnail } : {}) }, transfer };
      }
    }
  };
}
