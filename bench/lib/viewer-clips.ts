/**
 * Benchmark clips for the viewer, written with the project's DICOM writer (core/dicom/write:
 * US Multi-frame Image Storage, JPEG Baseline, YBR_FULL_422) and libjpeg-turbo in Node. Deterministic
 * content that changes every frame like a real clip (scrolling speckle, a sweeping bright interface,
 * a colour-flow box), so JPEG sizes and decode costs are realistic. Cached under node_modules/.cache.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeUsMultiframe } from '../../core/dicom/write/us-multiframe';
import { loadNodeJpegEncoder } from '../../build/scripts/lib/jpeg-encoder-node';

export interface BenchClipSpec {
  name: string;
  frames: number;
  columns: number;
  rows: number;
  fps: number;
}

export const BENCH_CLIPS: readonly BenchClipSpec[] = [
  { name: 'bench-300f-800x600-30fps', frames: 300, columns: 800, rows: 600, fps: 30 },
  { name: 'bench-1000f-640x480-60fps', frames: 1000, columns: 640, rows: 480, fps: 60 },
];

const CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/blockplan-bench-viewer');
const VERSION = 2;

/** xorshift32, deterministic. */
function prng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

function frameMaker(spec: BenchClipSpec): (i: number) => Uint8Array {
  const { columns: w, rows: h } = spec;
  // A speckle texture twice as tall as the image, scrolled a little every frame.
  const rnd = prng(12345);
  const raw = new Float32Array(w * h * 2);
  for (let i = 0; i < raw.length; i++) raw[i] = Math.sqrt(-2 * Math.log(1 - rnd() * 0.999)); // Rayleigh
  // Speckle is correlated over a few pixels (the probe's point-spread function): blur 3 × 2.
  const tex = new Uint8Array(w * h * 2);
  for (let y = 0; y < h * 2; y++) {
    for (let x = 0; x < w; x++) {
      const xl = x > 0 ? x - 1 : x;
      const xr = x < w - 1 ? x + 1 : x;
      const yd = y < h * 2 - 1 ? y + 1 : y;
      const v = (raw[y * w + xl]! + raw[y * w + x]! + raw[y * w + xr]! + raw[yd * w + xl]! + raw[yd * w + x]! + raw[yd * w + xr]!) / 6;
      tex[y * w + x] = Math.min(255, Math.floor(v * 110));
    }
  }
  return (i) => {
    const out = new Uint8Array(w * h * 3);
    const shift = (i * 3) % h;
    const band = Math.floor((h * (0.3 + 0.4 * (0.5 + 0.5 * Math.sin(i / 15))))); // bright interface row
    const bx0 = Math.floor(w * 0.55);
    const bx1 = Math.floor(w * 0.75);
    const by0 = Math.floor(h * 0.2);
    const by1 = Math.floor(h * 0.5);
    for (let y = 0; y < h; y++) {
      const atten = 1 - (0.6 * y) / h;
      const near = Math.abs(y - band) < 3 ? 140 : 0;
      const shadow = y > band + 3 && (y - band) % 64 < 48 ? 0.45 : 1;
      for (let x = 0; x < w; x++) {
        const g = Math.min(255, tex[(y + shift) * w + x]! * atten * shadow + near);
        const o = (y * w + x) * 3;
        if (x >= bx0 && x < bx1 && y >= by0 && y < by1 && ((x + y + i * 5) & 63) < 24) {
          // colour-flow pixels
          const v = (x * 7 + y * 3 + i * 11) & 255;
          out[o] = v;
          out[o + 1] = 40;
          out[o + 2] = 255 - v;
        } else {
          out[o] = out[o + 1] = out[o + 2] = g;
        }
      }
    }
    return out;
  };
}

/** Path of a benchmark clip, generated on first use. */
export async function benchClip(spec: BenchClipSpec, log: (s: string) => void = () => {}): Promise<string> {
  mkdirSync(CACHE, { recursive: true });
  const file = path.join(CACHE, `${spec.name}-v${VERSION}.dcm`);
  if (existsSync(file)) return file;
  log(`generating ${spec.name} (${spec.frames} frames ${spec.columns}×${spec.rows} @ ${spec.fps} fps) …`);
  const encoder = await loadNodeJpegEncoder();
  const make = frameMaker(spec);
  const mmPerPx = 0.1;
  const r = writeUsMultiframe(
    {
      rows: spec.rows,
      columns: spec.columns,
      frameCount: spec.frames,
      frame: make,
      frameTimeMs: 1000 / spec.fps,
      photometric: 'YBR_FULL_422',
      regions: [{ x0: 0, y0: 0, x1: spec.columns - 1, y1: spec.rows - 1, mmPerPxX: mmPerPx, mmPerPxY: mmPerPx, referencePixel: { xPx: Math.floor(spec.columns / 2), yPx: 0, physicalXMm: 0, physicalYMm: 0 } }],
      jpegQuality: 85,
      uidSeed: `blockplan-bench/${spec.name}`,
      date: '20250101',
      time: '120000',
      seriesDescription: `Benchmark ${spec.name}`,
      studyDescription: 'BlockPlan viewer benchmark (synthetic)',
    },
    encoder,
  );
  if (!r.ok) throw new Error(`${r.error.title} ${r.error.detail ?? ''}`);
  writeFileSync(`${file}.tmp`, r.value.bytes);
  renameSync(`${file}.tmp`, file);
  log(`  ${(r.value.bytes.length / 1e6).toFixed(1)} MB, compression ${r.value.compressionRatio.toFixed(1)}:1`);
  return file;
}

export function readClip(file: string): Uint8Array {
  return new Uint8Array(readFileSync(file));
}
