/**
 * Issue 13 item 7: while a clip plays, the frame on screen goes to the playhead (outside React),
 * not into the viewer store, so components that select the store's frame (annotation layer,
 * key-frame panel) do not re-render at the clip's rate; the store's frame settles on the frame
 * shown when playback stops. Drives the real Player (renderer/viewer2d/player.ts) over the real
 * clip store and decoder, with cornerstone-core replaced by a stand-in (jsdom has no canvas) and
 * animation frames stepped by hand.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { act, render } from '@testing-library/react';
import { Profiler } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

interface FakeEnabled {
  canvas: { width: number; height: number };
  image?: unknown;
  viewport?: unknown;
}
const enabled = new Map<HTMLElement, FakeEnabled>();
const loaders = new Map<string, (id: string) => { promise: Promise<unknown> }>();
vi.mock('cornerstone-core', () => ({
  EVENTS: { IMAGE_RENDERED: 'cornerstoneimagerendered' },
  enable: (el: HTMLElement) => enabled.set(el, { canvas: { width: 800, height: 600 } }),
  disable: (el: HTMLElement) => enabled.delete(el),
  resize: () => undefined,
  registerImageLoader: (scheme: string, fn: (id: string) => { promise: Promise<unknown> }) => loaders.set(scheme, fn),
  loadImage: (id: string) => loaders.get(id.split(':')[0]!)!(id).promise,
  getEnabledElement: (el: HTMLElement) => enabled.get(el)!,
  displayImage: (el: HTMLElement, image: unknown, viewport: unknown) => {
    Object.assign(enabled.get(el)!, { image, viewport });
    el.dispatchEvent(new Event('cornerstoneimagerendered'));
  },
  setViewport: (el: HTMLElement, viewport: unknown) => Object.assign(enabled.get(el)!, { viewport }),
  internal: { getTransform: () => ({ m: [1, 0, 0, 1, 0, 0] }) },
}));

const { useFiles } = await import('../../../../renderer/state/files');
const { playhead, useViewer } = await import('../../../../renderer/state/viewer');
const { ClipStore } = await import('../../../../renderer/viewer2d/clips');
const { Player } = await import('../../../../renderer/viewer2d/player');
const { DecodePool } = await import('../../../../renderer/workers/pool');
const { FakeWorker } = await import('../workers/fake-worker');
const { KeyFramesPanel } = await import('../../../../renderer/ui/KeyFramesPanel');

const SAMPLE = path.resolve(__dirname, '../../../../assets/samples/thoracic-paravertebral.dcm');

let rafQueue: FrameRequestCallback[] = [];
beforeEach(() => {
  rafQueue = [];
  vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => rafQueue.push(cb));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  useFiles.setState({ files: [] });
  useViewer.setState({ clipId: null, clipUid: null, frameCount: 0, frame: 0, playing: false, speed: 1, loop: 'loop', keyFrames: [], progress: {} });
});
afterEach(() => vi.unstubAllGlobals());

/** Run the pending animation frames at time `t` (ms). */
function tick(t: number): void {
  const q = rafQueue;
  rafQueue = [];
  for (const cb of q) cb(t);
}

describe('frame-rate state during playback', () => {
  it('moves only the playhead while playing; the store frame settles on the frame shown at pause', async () => {
    const pool = new DecodePool({ size: 2, createWorker: () => new FakeWorker() });
    const store = new ClipStore(pool);
    const bytes = new Uint8Array(readFileSync(SAMPLE));
    const [id] = await store.openFiles([{ name: 'thoracic-paravertebral.dcm', path: 'thoracic-paravertebral.dcm', bytes }]);
    expect(id).toBeDefined();
    const n = useViewer.getState().frameCount;
    expect(n).toBeGreaterThan(20);
    // Every frame decoded before playing, so the clock never waits for a decode.
    await Promise.all(Array.from({ length: n }, (_, i) => store.load(id!, i, i)));

    // A component selecting the store's frame (the key-frame panel does): its commits are counted.
    let panelRenders = 0;
    render(
      <Profiler id="kf" onRender={() => panelRenders++}>
        <KeyFramesPanel clipUid={useViewer.getState().clipUid} />
      </Profiler>,
    );
    const el = document.createElement('div');
    document.body.appendChild(el);
    const player = new Player(el, store);

    const storeFrames: number[] = [];
    // Distinct values of the store's frame (a nested set notifies a listener twice with the same state).
    const offStore = useViewer.subscribe((s) => {
      if (s.frame !== (storeFrames.at(-1) ?? 0)) storeFrames.push(s.frame);
    });
    const shown = new Set<number>();
    const offHead = playhead.subscribe((f) => shown.add(f));
    const rendersBefore = panelRenders;

    const frameMs = useFiles.getState().files[0]!.dicom!.frameTimesMs[0]!;
    act(() => useViewer.getState().play());
    let t = performance.now();
    for (let k = 0; k < 120; k++) {
      t += 1000 / 60;
      act(() => tick(t));
    }
    const playedFrames = Math.floor((120 * (1000 / 60)) / frameMs);
    // The playhead followed playback frame by frame…
    expect(shown.size).toBeGreaterThanOrEqual(Math.min(n - 1, playedFrames - 2));
    // …while the store's frame and the panel stayed still.
    expect(storeFrames).toEqual([]);
    expect(panelRenders).toBe(rendersBefore);

    act(() => useViewer.getState().pause());
    // Settled: the store holds the frame on screen, once.
    expect(storeFrames).toHaveLength(1);
    expect(useViewer.getState().frame).toBe(playhead.frame);
    expect(useViewer.getState().frame).toBeGreaterThan(0);
    expect(panelRenders).toBe(rendersBefore + 1);

    offStore();
    offHead();
    player.destroy();
    pool.destroy();
  });
});
