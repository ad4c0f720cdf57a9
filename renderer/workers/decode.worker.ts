/**
 * Decode worker (one of a pool, see pool.ts): core/dicom's codecs (WebAssembly, codec-urls.ts) and
 * the browser's own image decoding (browser-imaging.ts).
 */
import { createCodecs } from '../../core/dicom/codecs';
import { browserImaging } from './browser-imaging';
import { loadWasm } from './codec-urls';
import { createDecoder } from './decoder';
import type { ToWorker } from './protocol';

const codecs = createCodecs({ loadWasm });

const browser = browserImaging();

/** A small JPEG made by the browser, decoded once by each decoder so the first clip's frame is fast. */
async function warm(): Promise<void> {
  const c = new OffscreenCanvas(16, 16);
  const g = c.getContext('2d');
  if (!g) return;
  g.fillStyle = '#808080';
  g.fillRect(0, 0, 16, 16);
  const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.9 });
  const bytes = new Uint8Array(await blob.arrayBuffer());
  await codecs.jpeg(bytes);
  if (browser) (await browser.decodeJpeg([bytes])).close();
}

const handle = createDecoder({ codecs, warm, ...(browser ? { browser } : {}) });
const post = (self as unknown as { postMessage(m: unknown, transfer: Transferable[]): void }).postMessage.bind(self);

// Each job runs as it arrives: WebAssembly decodes queue inside the decoder (one at a time), the
// browser's decodes run beside them (the pool sends a few at a time).
self.addEventListener('message', (e: MessageEvent<ToWorker>) => {
  void handle(e.data).then(async (reply) => {
    if (!reply) return;
    post(reply.msg, reply.transfer);
    const next = await reply.followUp;
    if (next) post(next.msg, next.transfer);
  });
});
