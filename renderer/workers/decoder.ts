/**
 * The decode worker's logic, without the worker: keeps clip headers, decodes one frame per job with
 * core/dicom, and (for the first frame of a clip) makes a thumbnail. decode.worker.ts wires it to
 * postMessage; tests drive it directly with Node's codecs.
 */
import type { DicomCodecs } from '../../core/dicom/codecs';
import { decodeFrame } from '../../core/dicom/decode';
import { dicomError } from '../../core/dicom/errors';
import { toRgba } from '../../core/dicom/pixels';
import { compactFrame, downscaleRgba, imageForFrame, payloadTransferables, releaseBuffers, type ClipHeader, type FromWorker, type Thumbnail, type ToWorker } from './protocol';

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

export function createDecoder(deps: DecoderDeps): (msg: ToWorker) => Promise<Reply | null> {
  const headers = new Map<string, ClipHeader>();
  /** Buffers the codecs returned during the current decode (jobs run one at a time). */
  const made: ArrayBuffer[] = [];
  const codecs = trackingCodecs(deps.codecs, made);
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
          made.length = 0;
          // Colour frames are written straight into the recycled buffer (no copy, no new buffer).
          r = await decodeFrame(image, index, codecs, msg.out ? { into: msg.out } : {});
        } catch (e) {
          r = { ok: false as const, error: dicomError('decode-failed', `Frame ${msg.index + 1} could not be decoded.`, { ...(h.fileName ? { fileName: h.fileName } : {}), detail: String(e) }) };
        }
        const inputs = payloadTransferables(msg.payload);
        if (!r.ok) {
          releaseBuffers(made);
          made.length = 0;
          return msg.returnInputs ? { msg: { type: 'error', id: msg.id, error: r.error, inputs }, transfer: inputs } : { msg: { type: 'error', id: msg.id, error: r.error }, transfer: [] };
        }
        const decodeMs = now() - t0;
        let thumbnail: Thumbnail | undefined;
        if (msg.thumbnailPx) {
          const f = r.value;
          thumbnail = downscaleRgba(toRgba(f), f.width, f.height, msg.thumbnailPx);
        }
        const { frame, transfer } = compactFrame(r.value, msg.out);
        if (thumbnail) transfer.push(thumbnail.rgba.buffer as ArrayBuffer);
        // Codec outputs are not needed any more: free them now rather than at this worker's next
        // garbage collection (which waits for tens of MB). The payload goes back to the pool when
        // asked (it is reused), else it is freed too. Never what is sent as the frame.
        const back = msg.returnInputs ? inputs.filter((b) => !transfer.includes(b)) : [];
        releaseBuffers([...made, ...(msg.returnInputs ? [] : inputs)].filter((b) => !transfer.includes(b)));
        made.length = 0;
        transfer.push(...back);
        return { msg: { type: 'frame', id: msg.id, frame, decodeMs, ...(thumbnail ? { thumbnail } : {}), ...(back.length ? { inputs: back } : {}) }, transfer };
      }
    }
  };
}
