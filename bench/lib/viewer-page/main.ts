/**
 * Decode throughput, side by side in one browser page: BlockPlan's decode pool (renderer/workers)
 * and @cornerstonejs/dicom-image-loader (the loader OHIF uses, with @cornerstonejs/core), on the
 * same file and the same frames. Driven by bench/viewer.bench.ts through window.bench.
 */
import { init as csInit, imageLoader } from '@cornerstonejs/core';
import { init as dilInit, wadouri } from '@cornerstonejs/dicom-image-loader';
import { openDicom } from '../../../core/dicom/parse';
import { DecodePool } from '../../../renderer/workers/pool';
import { clipHeader, framePayload } from '../../../renderer/workers/protocol';

export interface DecodeRun {
  frames: number;
  ms: number;
  fps: number;
  /** Checksum of the decoded pixels (both loaders must decode the same frames). */
  firstFrameBytes: number;
}

async function fetchBytes(url: string): Promise<Uint8Array> {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
  return new Uint8Array(await r.arrayBuffer());
}

let pool: DecodePool | null = null;

/** BlockPlan: parse once, decode `frames` frames through the worker pool (all requested at once). */
async function blockplan(url: string, frames: number, workers: number): Promise<DecodeRun> {
  const bytes = await fetchBytes(url);
  pool?.destroy();
  pool = new DecodePool({ size: workers });
  await pool.warm();
  const t0 = performance.now();
  const r = openDicom(bytes, { fileName: url });
  if (!r.ok) throw new Error(r.error.message);
  const img = r.value;
  pool.addClip('bench', clipHeader(img), (i) => framePayload(img, i));
  const n = Math.min(frames, img.availableFrames);
  const out = await Promise.all(Array.from({ length: n }, (_, i) => pool!.decode('bench', i, i)));
  const ms = performance.now() - t0;
  const first = out[0];
  if (!first || !first.ok) throw new Error('decode failed');
  const f = first.value.frame;
  return { frames: n, ms, fps: (n * 1000) / ms, firstFrameBytes: f.kind === 'rgb' ? f.rgba.byteLength : f.pixels.byteLength };
}

let csReady: Promise<void> | null = null;

/** @cornerstonejs/dicom-image-loader: the same file through its dicomfile: loader, `frames` frames. */
async function cornerstone(url: string, frames: number, workers: number): Promise<DecodeRun> {
  csReady ??= (async () => {
    await csInit();
    dilInit({ maxWebWorkers: workers });
  })();
  await csReady;
  const bytes = await fetchBytes(url);
  const id = wadouri.fileManager.add(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/dicom' }));
  // Parse (and warm its workers) on frame 1 first, as a viewer would when the clip opens.
  await imageLoader.loadImage(`${id}?frame=1`);
  const t0 = performance.now();
  const n = frames;
  const images = await Promise.all(Array.from({ length: n }, (_, i) => imageLoader.loadImage(`${id}?frame=${i + 1}`)));
  const ms = performance.now() - t0;
  const px = images[0]!.getPixelData();
  return { frames: n, ms, fps: (n * 1000) / ms, firstFrameBytes: px.byteLength };
}

declare global {
  interface Window {
    bench: { blockplan: typeof blockplan; cornerstone: typeof cornerstone };
  }
}
window.bench = { blockplan, cornerstone };
document.getElementById('status')!.textContent = 'ready';
