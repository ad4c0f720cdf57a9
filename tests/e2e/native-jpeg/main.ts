/**
 * The browser-native JPEG path against core's WebAssembly decode, on the code path the viewer uses
 * (renderer/workers: the real decode worker, its first-frame check, bitmaps), for every file the
 * test lists (./list.json, files at ./f/<i>). For each file: the pool's verdict, how many frames
 * the browser decoded, and the largest difference of any delivered frame (bitmaps read back as the
 * viewer reads them) from core's WebAssembly decode in this page. Results on window.__native.
 * Built and driven by tests/e2e/viewer-native-jpeg.e2e.ts.
 */
import { createCodecs } from '../../../core/dicom/codecs';
import { decodeFrame } from '../../../core/dicom/decode';
import { openDicom } from '../../../core/dicom/parse';
import { asDecoded } from '../../../renderer/viewer2d/frame-pixels';
import { loadWasm } from '../../../renderer/workers/codec-urls';
import { maxDiffFrames, type NativeCheck } from '../../../renderer/workers/native-check';
import { DecodePool } from '../../../renderer/workers/pool';
import { clipHeader, framePayload } from '../../../renderer/workers/protocol';

export interface FileResult {
  name: string;
  frames: number;
  /** The first-frame check (undefined: not a candidate, never compared). */
  check?: NativeCheck;
  browserDecoded: number;
  /** Largest |delivered − WebAssembly| over every sample of every frame. */
  maxDiff: number;
  /** Frames that both the pool and core's WebAssembly decode reject (damaged in the file). */
  bothFailed: number;
  kinds: string[];
  errors: string[];
}

const codecs = createCodecs({ loadWasm });

async function one(name: string, url: string): Promise<FileResult> {
  const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
  const o = openDicom(bytes, { fileName: name });
  if (!o.ok) return { name, frames: 0, browserDecoded: 0, maxDiff: NaN, bothFailed: 0, kinds: [], errors: [o.error.message] };
  const img = o.value;
  const pool = new DecodePool({ size: 1, nativeJpeg: true, bitmaps: true });
  pool.addClip('c', clipHeader(img), (i, alloc) => framePayload(img, i, alloc));
  const r: FileResult = { name, frames: img.availableFrames, browserDecoded: 0, maxDiff: 0, bothFailed: 0, kinds: [], errors: [] };
  const compare = async (i: number, out: Awaited<ReturnType<DecodePool['decode']>>) => {
    if (!out || !out.ok) {
      // A frame damaged in the file fails both ways, with the same message.
      const ref = await decodeFrame(img, i, codecs);
      if (out && !ref.ok && ref.error.message === out.error.message) r.bothFailed++;
      else r.errors.push(`frame ${i}: ${out ? out.error.message : 'cancelled'}`);
      return;
    }
    const f = out.value.frame;
    if (!r.kinds.includes(f.kind)) r.kinds.push(f.kind);
    const ref = await decodeFrame(img, i, codecs);
    if (!ref.ok) {
      r.errors.push(`frame ${i}: reference failed: ${ref.error.message}`);
      return;
    }
    r.maxDiff = Math.max(r.maxDiff, maxDiffFrames(asDecoded(f), ref.value));
    if (f.kind === 'bitmap') f.bitmap.close();
  };
  // Frame 1 first (the check), then the rest all at once, as the viewer asks for them.
  await compare(0, await pool.decode('c', 0, 0));
  // Frame 1 is sent as WebAssembly decoded it; the verdict follows (frames asked meanwhile would go to WebAssembly).
  for (let k = 0; k < 500 && pool.nativeCheckPending('c'); k++) await new Promise((res) => setTimeout(res, 10));
  const rest = await Promise.all(Array.from({ length: img.availableFrames - 1 }, (_, k) => pool.decode('c', k + 1, k + 1)));
  for (const [k, out] of rest.entries()) await compare(k + 1, out);
  const check = pool.nativeCheckOf('c');
  if (check) r.check = check;
  r.browserDecoded = pool.stats.browserDecoded;
  pool.destroy();
  return r;
}

async function main(): Promise<FileResult[]> {
  const list = (await (await fetch('./list.json')).json()) as string[];
  const out: FileResult[] = [];
  for (const [i, name] of list.entries()) out.push(await one(name, `./f/${i}`));
  return out;
}

const w = window as unknown as { __native?: FileResult[] | { failed: string } };
main().then(
  (r) => (w.__native = r),
  (e) => (w.__native = { failed: String(e) }),
);
