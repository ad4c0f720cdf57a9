/**
 * Memory of the clip store: a frame the cache evicts gives its pixel buffer back to the decoders
 * (the next decode writes into it), but never a frame someone else holds — one handed out through
 * the public API (frame(), request(), e.g. the note export) or the frame on screen (pinned by the
 * player until it is replaced). Real decoder logic in in-process workers (FakeWorker).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../../../core/dicom/decode';
import { openDicom } from '../../../../core/dicom/parse';
import { createNodeCodecs } from '../../../../core/cli/node-codecs';
import type { DecodedFrame } from '../../../../core/dicom/types';
import { useFiles } from '../../../../renderer/state/files';
import { useMessages } from '../../../../renderer/state/messages';
import { useViewer } from '../../../../renderer/state/viewer';
import { ClipStore } from '../../../../renderer/viewer2d/clips';
import { DecodePool } from '../../../../renderer/workers/pool';
import type { ViewerFrame } from '../../../../renderer/workers/protocol';
import { FakeWorker } from '../workers/fake-worker';
import { dicomFixturesDir } from '../../../support/shared';

const REL = 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm';
const bytes = () => new Uint8Array(readFileSync(path.join(dicomFixturesDir(), REL)));
const codecs = createNodeCodecs();
const rgba = (f: DecodedFrame | ViewerFrame | undefined) => (f && f.kind === 'rgb' ? f.rgba : new Uint8ClampedArray(0));

let pool: DecodePool;
let store: ClipStore;
beforeEach(() => {
  useFiles.setState({ files: [] });
  useMessages.getState().clear();
  useViewer.setState({ clipId: null, clipUid: null, frameCount: 0, frame: 0, keyFrames: [], progress: {} });
  pool = new DecodePool({ size: 1, perWorker: 1, createWorker: () => new FakeWorker() });
  store = new ClipStore(pool);
});
afterEach(() => pool.destroy());

describe('clip store memory', () => {
  it('recycles the buffers of evicted frames, except frames handed out or on screen', async () => {
    const [id] = await store.openFiles([{ name: 'IM00001.dcm', path: REL, bytes: bytes() }], { select: false });
    if (!id) throw new Error('open failed');
    for (let i = 0; i < 6; i++) expect(await store.load(id, i, i)).toBeTruthy();
    const handedOut = store.frame(id, 1)!; // e.g. the note export holds it
    const onScreen = store.peek(id, 2)!;
    store.pin(onScreen);
    const plain = store.peek(id, 3)!;
    const sizes = [rgba(handedOut).byteLength, rgba(onScreen).byteLength, rgba(plain).byteLength];
    expect(sizes.every((n) => n > 0)).toBe(true);

    for (const i of [1, 2, 3]) expect(store.cache.delete(`${id}:${i}`)).toBe(true); // evicted (cache keys are clip:frame)
    // The next decodes write into evicted buffers (sent to the worker, so empty here now) …
    for (let i = 6; i < 8; i++) expect(await store.load(id, i, i)).toBeTruthy();
    expect(rgba(plain).byteLength).toBe(0);
    expect(pool.stats.recycled).toBeGreaterThan(0);
    // … but never into a frame someone holds.
    expect(rgba(handedOut).byteLength).toBe(sizes[0]);
    expect(rgba(onScreen).byteLength).toBe(sizes[1]);
    const opened = openDicom(bytes());
    if (!opened.ok) throw new Error(opened.error.message);
    const img = opened.value;
    const ref = async (i: number) => {
      const r = await decodeFrame(img, i, codecs);
      return rgba(r.ok ? r.value : undefined);
    };
    expect(Buffer.from(rgba(handedOut)).equals(Buffer.from(await ref(1)))).toBe(true);
    expect(Buffer.from(rgba(onScreen)).equals(Buffer.from(await ref(2)))).toBe(true);

    // Off screen, the evicted frame's buffer is recycled too.
    store.unpin(onScreen);
    for (let i = 0; i < 3; i++) expect(await store.load(id, i, i)).toBeTruthy();
    expect(rgba(onScreen).byteLength).toBe(0);
    expect(rgba(handedOut).byteLength).toBe(sizes[0]);
    // Frames decoded into recycled buffers are the file's frames, pixel for pixel.
    for (let i = 0; i < 8; i++) {
      const f = store.peek(id, i);
      if (f) expect(Buffer.from(rgba(f)).equals(Buffer.from(await ref(i)))).toBe(true);
    }
  });
});
