/**
 * The decode pool with in-process workers running the real decoder logic (core/dicom + Node's
 * WebAssembly codecs), messages passed through structuredClone as postMessage would.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import { decodeFrame } from '../../../../core/dicom/decode';
import { openDicom } from '../../../../core/dicom/parse';
import type { DicomImage } from '../../../../core/dicom/types';
import { DecodePool } from '../../../../renderer/workers/pool';
import { FakeWorker } from './fake-worker';
import { clipHeader, framePayload } from '../../../../renderer/workers/protocol';
import { dicomFixturesDir } from '../../../support/shared';

const FIXTURES = dicomFixturesDir();
const codecs = createNodeCodecs();

function open(rel: string): DicomImage {
  const r = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, rel))), { fileName: path.basename(rel) });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Records the order in which frames are decoded across all fake workers. */
const order: number[] = [];
const worker = (crashOn?: number) => new FakeWorker({ onDecode: (i) => order.push(i), ...(crashOn !== undefined ? { crashOn } : {}) });

describe('decode pool', () => {
  it('decodes every frame of a clip, identical to core, and warms its workers', async () => {
    const img = open('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm');
    const pool = new DecodePool({ size: 2, createWorker: () => worker() });
    const warm = await pool.warm();
    expect(warm).toHaveLength(2);
    pool.addClip('c1', clipHeader(img), (i) => framePayload(img, i));
    const results = await Promise.all(Array.from({ length: img.frameCount }, (_, i) => pool.decode('c1', i, i)));
    for (let i = 0; i < img.frameCount; i++) {
      const r = results[i];
      if (!r || !r.ok) throw new Error(`frame ${i} failed`);
      const ref = await decodeFrame(img, i, codecs);
      if (!ref.ok || ref.value.kind !== 'rgb' || r.value.frame.kind !== 'rgb') throw new Error('expected rgb');
      expect(Buffer.compare(Buffer.from(r.value.frame.rgba), Buffer.from(ref.value.rgba))).toBe(0);
    }
    expect(pool.stats.decoded).toBe(img.frameCount);
    pool.destroy();
  });

  it('runs the most urgent job first, shares duplicate requests, and cancels on request', async () => {
    const img = open('wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm');
    const pool = new DecodePool({ size: 1, perWorker: 1, createWorker: () => worker() });
    pool.addClip('c', clipHeader(img), (i) => framePayload(img, i));
    order.length = 0;
    const first = pool.decode('c', 0, 0); // dispatched at once
    const p9 = pool.decode('c', 9, 9);
    const p5 = pool.decode('c', 5, 5);
    const p7 = pool.decode('c', 7, 7);
    const p2 = pool.decode('c', 2, 2);
    expect(pool.decode('c', 5, 1)).toBe(p5); // shared, and now more urgent than 2
    pool.reprioritize('c', (i) => (i === 7 ? null : i === 9 ? 3 : i === 5 ? 1 : i));
    expect(await p7).toBeNull();
    await Promise.all([first, p9, p5, p2]);
    expect(order).toEqual([0, 5, 2, 9]);
    pool.decode('c', 8, 8);
    pool.cancel('c');
    expect(pool.queued).toBe(0);
    pool.destroy();
  });

  it('reports a crashed worker as a decode failure naming the file, then carries on with a new worker', async () => {
    const img = open('pydicom-data/OBXXXX1A_2frame.dcm');
    let n = 0;
    const pool = new DecodePool({ size: 1, perWorker: 1, createWorker: () => worker(n++ === 0 ? 1 : undefined) });
    pool.addClip('c', clipHeader(img), (i) => framePayload(img, i));
    const r1 = await pool.decode('c', 1, 0);
    expect(r1 && !r1.ok && r1.error.code).toBe('decode-failed');
    if (r1 && !r1.ok) {
      expect(r1.error.message).toContain('OBXXXX1A_2frame.dcm');
      expect(r1.error.message).toContain('Frame 2');
    }
    const r0 = await pool.decode('c', 0, 0);
    expect(r0?.ok).toBe(true);
    pool.destroy();
  });

  it('fails a frame the file does not hold without stopping', async () => {
    const img = open('pydicom-data/OBXXXX1A_2frame.dcm');
    const pool = new DecodePool({ size: 1, createWorker: () => worker() });
    pool.addClip('c', clipHeader(img), (i) => framePayload(img, i));
    const r = await pool.decode('c', 5, 0);
    expect(r && !r.ok && r.error.code).toBe('truncated');
    expect((await pool.decode('c', 0, 0))?.ok).toBe(true);
    pool.destroy();
  });
});

describe('decode pool: background work', () => {
  it('runs at most the background limit of low-priority jobs at once, urgent jobs always', async () => {
    const img = open('wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm');
    const pool = new DecodePool({ size: 2, perWorker: 1, createWorker: () => worker() });
    pool.addClip('c', clipHeader(img), (i) => framePayload(img, i));
    pool.setBackgroundLimit(1);
    const bg = [1, 2, 3].map((i) => pool.decode('c', i, DecodePool.BACKGROUND + i));
    // Two workers, but only one background job may run.
    expect(pool.inFlight).toBe(1);
    const urgent = pool.decode('c', 0, 0);
    expect(pool.inFlight).toBe(2);
    await Promise.all([urgent, ...bg]);
    expect(pool.stats.decoded).toBe(4);
    pool.destroy();
  });
});

describe('decode pool: buffers that circulate', () => {
  it('decodes into the recycled buffer of a dropped frame, pixel for pixel as core, and reuses payload buffers', async () => {
    const img = open('cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm');
    const pool = new DecodePool({ size: 1, perWorker: 1, createWorker: () => worker() });
    pool.addClip('c', clipHeader(img), (i, alloc) => framePayload(img, i, alloc));
    const r0 = await pool.decode('c', 0, 0);
    if (!r0?.ok || r0.value.frame.kind !== 'rgb') throw new Error('frame 0 failed');
    const dropped = r0.value.frame.rgba;
    const bytes = dropped.byteLength;
    pool.recycle(dropped.buffer as ArrayBuffer);
    for (let i = 1; i < img.frameCount; i++) {
      const r = await pool.decode('c', i, 0);
      if (!r?.ok || r.value.frame.kind !== 'rgb') throw new Error(`frame ${i} failed`);
      const ref = await decodeFrame(img, i, codecs);
      if (!ref.ok || ref.value.kind !== 'rgb') throw new Error('reference failed');
      expect(Buffer.compare(Buffer.from(r.value.frame.rgba), Buffer.from(ref.value.rgba))).toBe(0);
      expect(r.value.frame.rgba.byteLength).toBe(bytes);
      if (i === 1) {
        // The dropped frame's buffer went to the worker (it is empty here now) and came back as frame 1.
        expect(dropped.byteLength).toBe(0);
        expect(pool.stats.recycled).toBe(1);
      }
      pool.recycle(r.value.frame.rgba.buffer as ArrayBuffer);
    }
    // Every frame after the second was decoded into the buffer of the one before.
    expect(pool.stats.recycled).toBe(img.frameCount - 1);
    // The first job's payload buffer came back and carried every later job.
    expect(pool.stats.inputsReused).toBe(img.frameCount - 1);
    pool.destroy();
  });

  it('ignores a recycled buffer of another size', async () => {
    const img = open('pydicom-data/OBXXXX1A_2frame.dcm');
    const pool = new DecodePool({ size: 1, perWorker: 1, createWorker: () => worker() });
    pool.addClip('c', clipHeader(img), (i, alloc) => framePayload(img, i, alloc));
    expect((await pool.decode('c', 0, 0))?.ok).toBe(true);
    pool.recycle(new ArrayBuffer(16)); // no clip decodes to 16 bytes: not kept
    const r = await pool.decode('c', 1, 0);
    const ref = await decodeFrame(img, 1, codecs);
    if (!r?.ok || !ref.ok || r.value.frame.kind !== 'rgb' || ref.value.kind !== 'rgb') throw new Error('decode failed');
    expect(Buffer.compare(Buffer.from(r.value.frame.rgba), Buffer.from(ref.value.rgba))).toBe(0);
    expect(pool.stats.recycled).toBe(0);
    pool.destroy();
  });
});
