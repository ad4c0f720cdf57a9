/**
 * Opening a study folder (issue 19): every file is listed at once and read one at a time, in path
 * order; the first clip goes on screen before the rest are read; the others get thumbnails from
 * thumbnail-only jobs (no frame kept on the main thread); Stop in the files panel ends the reading
 * and takes the files not read yet off the list. Real decoder logic in in-process workers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { useFiles } from '../../../../renderer/state/files';
import { useMessages } from '../../../../renderer/state/messages';
import { useViewer } from '../../../../renderer/state/viewer';
import { LeftPanel } from '../../../../renderer/ui/LeftPanel';
import { ClipStore, setClipStoreForTests } from '../../../../renderer/viewer2d/clips';
import type { FileToOpen } from '../../../../renderer/viewer2d/clip-open';
import { DecodePool } from '../../../../renderer/workers/pool';
import { FakeWorker } from '../workers/fake-worker';
import { dicomFixturesDir } from '../../../support/shared';

const BYTES = new Uint8Array(readFileSync(path.join(dicomFixturesDir(), 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm')));
const N = 12;

/** Pending files whose reads finish only when released (in any order), like a folder from disk. */
function folder(): { files: FileToOpen[]; reads: string[]; release(name: string): void } {
  const gates = new Map<string, () => void>();
  const reads: string[] = [];
  // The file chooser gives a folder in no particular order.
  const names = Array.from({ length: N }, (_, i) => `study/IMG${i + 1}.dcm`).sort(() => 0.5 - Math.random());
  const files: FileToOpen[] = names.map((p) => ({
    name: path.basename(p),
    path: p,
    read: () =>
      new Promise((resolve) => {
        reads.push(path.basename(p));
        gates.set(path.basename(p), () => resolve({ ok: true, value: BYTES.slice() }));
      }),
  }));
  return { files, reads, release: (name) => gates.get(name)?.() };
}

const settle = (ms = 30) => act(() => new Promise((r) => setTimeout(r, ms)));

let pool: DecodePool;
let store: ClipStore;
beforeEach(() => {
  useFiles.setState({ files: [], reading: null });
  useMessages.getState().clear();
  useViewer.setState({ clipId: null, clipUid: null, frameCount: 0, frame: 0, keyFrames: [], progress: {} });
  pool = new DecodePool({ size: 2, createWorker: () => new FakeWorker() });
  store = new ClipStore(pool);
  setClipStoreForTests(store);
});
afterEach(() => {
  pool.destroy();
  setClipStoreForTests(null);
});

describe('opening a study folder', () => {
  it('lists every file at once, shows the first clip before the rest are read, and stops on request', async () => {
    render(<LeftPanel />);
    const f = folder();
    let opened: string[] | null = null;
    void store.openFiles(f.files).then((ids) => (opened = ids));
    await settle();
    // Listed at once, read one at a time from the first by path (nothing read ahead until the first clip is up).
    expect(useFiles.getState().files).toHaveLength(N);
    expect(useFiles.getState().files.every((x) => x.status === 'reading')).toBe(true);
    expect(useFiles.getState().reading).toMatchObject({ done: 0, total: N });
    expect(f.reads).toEqual(['IMG1.dcm']);
    expect(screen.getByRole('group', { name: 'Reading files' }).textContent).toContain(`0 of ${N}`);

    f.release('IMG1.dcm');
    await settle(100);
    // The first clip is on screen while the other eleven are not read yet.
    const first = useFiles.getState().files.find((x) => x.name === 'IMG1.dcm')!;
    expect(useViewer.getState().clipId).toBe(first.id);
    expect(first.status).toBe('ready');
    expect(useFiles.getState().files.filter((x) => x.status === 'reading')).toHaveLength(N - 1);
    for (let k = 0; k < 300 && !store.has(first.id, 0); k++) await settle(20);
    expect(store.has(first.id, 0)).toBe(true);

    // The next files are read in path order (IMG2 before IMG10), two ahead.
    for (let k = 0; k < 50 && f.reads.length < 4; k++) await settle(20);
    expect(f.reads.slice(0, 4)).toEqual(['IMG1.dcm', 'IMG2.dcm', 'IMG3.dcm', 'IMG4.dcm']);
    for (const n of ['IMG2.dcm', 'IMG3.dcm', 'IMG4.dcm']) f.release(n);
    const others = () => useFiles.getState().files.filter((x) => ['IMG2.dcm', 'IMG3.dcm', 'IMG4.dcm'].includes(x.name));
    // (List updates are batched, so a clip can be decoded before its row says "ready".)
    const listedAndDecoded = () => others().every((x) => x.status === 'ready' && store.get(x.id)?.firstFrameDecoded);
    for (let k = 0; k < 300 && !listedAndDecoded(); k++) await settle(20);
    // Their thumbnails were decoded (thumbnail-only jobs): no frame of theirs is held on the main thread.
    expect(listedAndDecoded()).toBe(true);
    expect(others().some((x) => store.has(x.id, 0))).toBe(false);

    // Stop: the files not read yet leave the list; the opened clips stay.
    await userEvent.click(screen.getByRole('button', { name: 'Stop' }));
    f.release('IMG5.dcm');
    f.release('IMG6.dcm');
    for (let k = 0; k < 100 && opened === null; k++) await settle(20);
    expect(opened).toHaveLength(4);
    expect(useFiles.getState().files.map((x) => x.name).sort()).toEqual(['IMG1.dcm', 'IMG2.dcm', 'IMG3.dcm', 'IMG4.dcm']);
    expect(useFiles.getState().reading).toBeNull();
    expect(screen.queryByRole('group', { name: 'Reading files' })).toBeNull();
    expect(useMessages.getState().messages.map((m) => m.title)).toContain(`Stopped reading: 4 of ${N} DICOM files opened.`);
  });
});
