/**
 * An in-process stand-in for the decode worker: the real decoder logic (renderer/workers/decoder.ts
 * with core/dicom and Node's WebAssembly codecs), messages passed through structuredClone with
 * their transfer lists, asynchronously, as postMessage does.
 */
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { createDecoder } from '../../../../renderer/workers/decoder';
import type { WorkerLike } from '../../../../renderer/workers/pool';
import type { FromWorker, ToWorker } from '../../../../renderer/workers/protocol';

const codecs = createNodeCodecs();

export class FakeWorker implements WorkerLike {
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((e: ErrorEvent | Event) => void) | null = null;
  terminated = false;
  /** Frame indices in the order this worker decoded them. */
  readonly decoded: number[] = [];
  private handle = createDecoder({ codecs, warm: async () => void (await codecs.jpeg(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])).catch(() => undefined)) });
  private chain = Promise.resolve();
  constructor(
    private readonly opts: { crashOn?: number; onDecode?: (index: number) => void } = {},
  ) {}
  postMessage(msg: ToWorker, transfer: Transferable[]): void {
    const copy = structuredClone(msg, { transfer });
    this.chain = this.chain.then(async () => {
      await new Promise((r) => setTimeout(r, 1));
      if (this.terminated) return;
      if (copy.type === 'decode') {
        if (copy.index === this.opts.crashOn) {
          this.onerror?.(new ErrorEvent('error', { message: 'simulated crash' }));
          return;
        }
        this.decoded.push(copy.index);
        this.opts.onDecode?.(copy.index);
      }
      const reply = await this.handle(copy);
      if (reply && !this.terminated) this.onmessage?.(new MessageEvent('message', { data: structuredClone(reply.msg, { transfer: reply.transfer }) }));
      const next = await reply?.followUp;
      if (next && !this.terminated) this.onmessage?.(new MessageEvent('message', { data: structuredClone(next.msg, { transfer: next.transfer }) }));
    });
  }
  terminate(): void {
    this.terminated = true;
  }
}
