/**
 * Decode throughput, side by side in one browser page: BlockPlan's decode pool (renderer/workers)
 * and @cornerstonejs/dicom-image-loader (the loader OHIF uses, with @cornerstonejs/core), on the
 * same file and the same frames. Driven by bench/viewer.bench.ts through window.bench.
 */
import { init as csInit, imageLoader } from '@cornerstonejs/core';
import { init as dilInit, wadouri } from '@cornerstonejs/dicom-image-loader';
import { openDicom } from '../../../core/dicom/parse';
import { DecodePool } from '../../../renderer/workers/pool';
import { clipHeader, framePayload, frameBytes } from '../../../renderer/workers/protocol';

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

let prepared: { bytes: Uint8Array; url: string } | null = null;

/**
 * BlockPlan, untimed part: fetch the file, start and warm a fresh pool (its workers compile their
 * WebAssembly), with the browser's JPEG decoder where the first-frame check allows it (`native`)
 * or WebAssembly only.
 */
async function blockplanPrepare(url: string, workers: number, native = true): Promise<void> {
  prepared = { bytes: await fetchBytes(url), url };
  pool?.destroy();
  pool = new DecodePool({ size: workers, nativeJpeg: native, bitmaps: true });
  await pool.warm();
}

/**
 * BlockPlan, timed: parse once, decode `frames` frames through the worker pool (all requested at
 * once) to display-ready frames in this thread (colour: ImageBitmaps the display draws as they are).
 */
async function blockplanRun(frames: number): Promise<DecodeRun & { browserDecoded: number }> {
  if (!pool || !prepared) throw new Error('blockplanPrepare first');
  const p = pool;
  const t0 = performance.now();
  const r = openDicom(prepared.bytes, { fileName: prepared.url });
  if (!r.ok) throw new Error(r.error.message);
  const img = r.value;
  p.addClip('bench', clipHeader(img), (i, alloc) => framePayload(img, i, alloc));
  const n = Math.min(frames, img.availableFrames);
  const out = await Promise.all(Array.from({ length: n }, (_, i) => p.decode('bench', i, i)));
  const ms = performance.now() - t0;
  const first = out[0];
  if (!first || !first.ok) throw new Error('decode failed');
  const size = frameBytes(first.value.frame);
  for (const o of out) if (o?.ok && o.value.frame.kind === 'bitmap') o.value.frame.bitmap.close();
  return { frames: n, ms, fps: (n * 1000) / ms, firstFrameBytes: size, browserDecoded: p.stats.browserDecoded };
}

async function blockplan(url: string, frames: number, workers: number, native = true): Promise<DecodeRun & { browserDecoded: number }> {
  await blockplanPrepare(url, workers, native);
  return blockplanRun(frames);
}

let csReady: Promise<void> | null = null;
let csFile: string | null = null;

/** @cornerstonejs/dicom-image-loader, untimed part: init, the file, frame 1 (parse, warm its workers), as a viewer opening the clip. */
async function cornerstonePrepare(url: string, workers: number): Promise<void> {
  csReady ??= (async () => {
    await csInit();
    dilInit({ maxWebWorkers: workers });
  })();
  await csReady;
  const bytes = await fetchBytes(url);
  csFile = wadouri.fileManager.add(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/dicom' }));
  await imageLoader.loadImage(`${csFile}?frame=1`);
}

/** @cornerstonejs/dicom-image-loader, timed: `frames` frames through its dicomfile: loader, all requested at once. */
async function cornerstoneRun(frames: number): Promise<DecodeRun> {
  if (!csFile) throw new Error('cornerstonePrepare first');
  const t0 = performance.now();
  const n = frames;
  const images = await Promise.all(Array.from({ length: n }, (_, i) => imageLoader.loadImage(`${csFile}?frame=${i + 1}`)));
  const ms = performance.now() - t0;
  const px = images[0]!.getPixelData();
  return { frames: n, ms, fps: (n * 1000) / ms, firstFrameBytes: px.byteLength };
}

async function cornerstone(url: string, frames: number, workers: number): Promise<DecodeRun> {
  await cornerstonePrepare(url, workers);
  return cornerstoneRun(frames);
}

/** The Cornerstone loader's run of the study-folder scenario (times from the folder input's change event, ms). */
export interface FolderPeerRun {
  clips: number;
  /** The first file's (by path) first frame decoded. */
  firstFrameMs: number;
  /** Every file's first frame decoded (what a thumbnail needs; no scaling or list rendering counted). */
  allFirstFramesMs: number;
  failed: number;
}

let folderPeer: Promise<FolderPeerRun> | null = null;

/**
 * Arm the study-folder scenario for @cornerstonejs/dicom-image-loader (untimed: init and its
 * workers): when the folder input gets files, each file is handed to the loader's dicomfile:
 * manager and frame 1 of every file is requested at once (the loader queues them on its workers),
 * the first file by path first, as a viewer built on it would fill a series list with thumbnails.
 */
async function cornerstoneFolderArm(workers: number): Promise<void> {
  csReady ??= (async () => {
    await csInit();
    dilInit({ maxWebWorkers: workers });
  })();
  await csReady;
  const input = document.getElementById('folder') as HTMLInputElement;
  folderPeer = new Promise((resolve, reject) => {
    input.addEventListener(
      'change',
      () => {
        const t0 = performance.now();
        const rel = (f: File) => (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name;
        const files = [...(input.files ?? [])].sort((a, b) => rel(a).localeCompare(rel(b), undefined, { numeric: true }));
        let firstFrameMs = 0;
        let failed = 0;
        const loads = files.map((f, i) =>
          imageLoader.loadImage(`${wadouri.fileManager.add(f)}?frame=1`).then(
            (img) => {
              if (!img.getPixelData().byteLength) failed++;
              if (i === 0) firstFrameMs = performance.now() - t0;
            },
            () => void failed++,
          ),
        );
        Promise.all(loads).then(() => resolve({ clips: files.length, firstFrameMs, allFirstFramesMs: performance.now() - t0, failed }), reject);
      },
      { once: true },
    );
  });
}

/** The folder scenario's result (after the folder input got its files). */
async function cornerstoneFolderResult(): Promise<FolderPeerRun> {
  if (!folderPeer) throw new Error('cornerstoneFolderArm first');
  return folderPeer;
}

/**
 * The browser's own JPEG decoder (createImageBitmap, read back through an OffscreenCanvas) against
 * core's libjpeg-turbo WebAssembly decode, on the same frames: are the pixels identical, and how
 * fast is each (single thread, this page)?
 */
async function nativeJpeg(url: string, frames: number): Promise<{ frames: number; identical: number; maxDiff: number; meanDiff: number; nativeMsPerFrame: number; wasmMsPerFrame: number }> {
  const bytes = await fetchBytes(url);
  const r = openDicom(bytes, { fileName: url });
  if (!r.ok) throw new Error(r.error.message);
  const img = r.value;
  const { createCodecs } = await import('../../../core/dicom/codecs');
  const { decodeFrame } = await import('../../../core/dicom/decode');
  const wasmUrl = (await import('@cornerstonejs/codec-libjpeg-turbo-8bit/decodewasm?url')).default;
  const codecs = createCodecs({ loadWasm: async () => new Uint8Array(await (await fetch(wasmUrl)).arrayBuffer()) });
  const n = Math.min(frames, img.availableFrames);
  await decodeFrame(img, 0, codecs); // warm
  const w = img.meta.columns;
  const h = img.meta.rows;
  const canvas = new OffscreenCanvas(w, h);
  const g = canvas.getContext('2d', { willReadFrequently: true })!;
  let identical = 0;
  let maxDiff = 0;
  let sumDiff = 0;
  let tNative = 0;
  let tWasm = 0;
  for (let i = 0; i < n; i++) {
    const p = framePayload(img, i);
    if (!p || p.kind !== 'encapsulated') throw new Error('not encapsulated');
    const jpeg = new Blob(p.fragments as Uint8Array<ArrayBuffer>[], { type: 'image/jpeg' });
    let t = performance.now();
    const bmp = await createImageBitmap(jpeg, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    g.drawImage(bmp, 0, 0);
    const native = g.getImageData(0, 0, w, h).data;
    bmp.close();
    tNative += performance.now() - t;
    t = performance.now();
    const d = await decodeFrame(img, i, codecs);
    tWasm += performance.now() - t;
    if (!d.ok || d.value.kind !== 'rgb') throw new Error('wasm decode failed');
    const ref = d.value.rgba;
    let m = 0;
    let sum = 0;
    for (let k = 0; k < ref.length; k += 4) {
      for (let c = 0; c < 3; c++) {
        const diff = Math.abs(ref[k + c]! - native[k + c]!);
        sum += diff;
        if (diff > m) m = diff;
      }
    }
    if (m === 0) identical++;
    maxDiff = Math.max(maxDiff, m);
    sumDiff += sum / ((ref.length / 4) * 3);
  }
  return { frames: n, identical, maxDiff, meanDiff: sumDiff / n, nativeMsPerFrame: tNative / n, wasmMsPerFrame: tWasm / n };
}

declare global {
  interface Window {
    bench: {
      blockplan: typeof blockplan;
      blockplanPrepare: typeof blockplanPrepare;
      blockplanRun: typeof blockplanRun;
      cornerstone: typeof cornerstone;
      cornerstonePrepare: typeof cornerstonePrepare;
      cornerstoneRun: typeof cornerstoneRun;
      nativeJpeg: typeof nativeJpeg;
      cornerstoneFolderArm: typeof cornerstoneFolderArm;
      cornerstoneFolderResult: typeof cornerstoneFolderResult;
    };
  }
}
window.bench = { blockplan, blockplanPrepare, blockplanRun, cornerstone, cornerstonePrepare, cornerstoneRun, nativeJpeg, cornerstoneFolderArm, cornerstoneFolderResult };
document.getElementById('status')!.textContent = 'ready';
