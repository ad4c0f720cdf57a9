/**
 * Bundles are read off the UI thread (issue 12 item 4): the request goes to a worker and the clips
 * come back as transferred buffers. The worker here runs the real answerBundleRequest behind
 * structuredClone with the same transfer list, asynchronously, as postMessage does.
 */
import { createHash } from 'node:crypto';
import { strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, serializeCase } from '../../../../core/plan/index';
import { answerBundleRequest, readBundleOffThread, type BundleReply, type BundleRequest, type BundleWorkerLike } from '../../../../renderer/workers/bundleReader';
import { sampleCase } from '../../core/plan/fixtures';
import { craftZip, deflated, zerosDeflated } from '../../core/plan/zip-craft';

class InProcessWorker implements BundleWorkerLike {
  onmessage: ((e: MessageEvent<BundleReply>) => void) | null = null;
  onerror: ((e: ErrorEvent | Event) => void) | null = null;
  terminated = false;
  transferred: Transferable[] = [];
  constructor(private readonly crash = false) {}
  postMessage(msg: BundleRequest): void {
    const copy = structuredClone(msg);
    setTimeout(() => {
      if (this.crash) return this.onerror?.(new ErrorEvent('error', { message: 'Out of memory' }));
      const { reply, transfer } = answerBundleRequest(copy);
      this.transferred = transfer;
      this.onmessage?.(new MessageEvent('message', { data: structuredClone(reply, { transfer }) }));
    }, 1);
  }
  terminate(): void {
    this.terminated = true;
  }
}

const clip = new Uint8Array(4000).map((_, i) => (i * 13) % 256);
const plan = (() => {
  const c = sampleCase();
  return { ...c, clips: [{ ...c.clips[0]!, sha256: createHash('sha256').update(clip).digest('hex') }] };
})();

describe('readBundleOffThread', () => {
  it('reads a bundle in the worker: the case, each clip (its buffer transferred), the caller keeps its bytes', async () => {
    const z = buildBundle(plan, new Map([['c1', clip]]));
    if (!z.ok) throw new Error(z.error.title);
    const w = new InProcessWorker();
    const r = await readBundleOffThread(z.value, 'ok.bpcasez', () => w);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.plan.clips[0]!.path).toBe('clips/01-tpvb.dcm');
    expect(Array.from(r.value.clipBytes.get('c1')!)).toEqual(Array.from(clip));
    expect(w.transferred).toHaveLength(1);
    expect(z.value.byteLength).toBeGreaterThan(4000); // not detached
    expect(w.terminated).toBe(true);
  });

  it('a decompression bomb comes back as the error to show, naming the file', async () => {
    const caseText = strToU8(serializeCase({ ...plan, clips: [{ ...plan.clips[0]!, path: 'clips/a.dcm' }] }));
    const bomb = craftZip([
      { name: 'case.json', method: 8, data: deflated(caseText), declaredSize: caseText.length },
      { name: 'clips/a.dcm', method: 8, data: zerosDeflated(1024), declaredSize: 1024 ** 3 },
    ]);
    const r = await readBundleOffThread(bomb, 'bomb.bpcasez', () => new InProcessWorker());
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'bundle/too-large', file: 'bomb.bpcasez' }) });
  });

  it('a worker that dies (out of memory) is an error naming the file, never a hang or a rejection', async () => {
    const r = await readBundleOffThread(new Uint8Array(10), 'big.bpcasez', () => new InProcessWorker(true));
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'bundle/read-failed', file: 'big.bpcasez', detail: 'Out of memory' }) });
  });
});
