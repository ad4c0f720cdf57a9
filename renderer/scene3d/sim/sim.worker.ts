/**
 * The simulator worker: renders the simulated B-mode image of the probe plane off the main thread
 * (./engine), and encodes saved clips with the bundled libjpeg-turbo WebAssembly (fetched from the
 * app's own origin; the CSP allows 'wasm-unsafe-eval' and nothing remote). Requests run in arrival
 * order; the app sends a new frame only when the last one came back (latest wins).
 */
import jpegWasmUrl from '@cornerstonejs/codec-libjpeg-turbo-8bit/wasm?url';
import type { JpegBaselineEncoder } from '../../../core/dicom/write/jpeg-encoder';
import { appError } from '../../../core/result';
import { loadLibjpegTurboEncoder } from '../../../core/sim/jpeg';
import { createSimEngine } from './engine';
import type { ToSim } from './protocol';

let encoder: Promise<JpegBaselineEncoder> | null = null;
function loadEncoder(): Promise<JpegBaselineEncoder> {
  encoder ??= loadLibjpegTurboEncoder(async () => {
    const res = await fetch(jpegWasmUrl);
    if (!res.ok) throw new Error(`libjpeg-turbo: HTTP ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  });
  return encoder;
}

const engine = createSimEngine(loadEncoder);
const post = (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage.bind(self);

let chain: Promise<void> = Promise.resolve();
self.addEventListener('message', (e: MessageEvent<ToSim>) => {
  const msg = e.data;
  chain = chain.then(async () => {
    try {
      const r = await engine.handle(msg);
      if (r) post(r.reply, r.transfer);
    } catch (err) {
      const id = 'id' in msg ? msg.id : -1;
      post({ type: 'error', id, error: appError('sim/failed', 'The simulated image could not be made.', { action: 'Move the probe again; if it keeps failing, reload the 3D view.', detail: err instanceof Error ? err.message : String(err) }) }, []);
    }
  });
});
