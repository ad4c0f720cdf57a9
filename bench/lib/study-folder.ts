/**
 * A study folder for the viewer benchmark: N colour ultrasound clips (default 100 × 60 frames,
 * 800 × 600, JPEG baseline YBR_FULL_422, 30 fps), one study in four series, written into a temporary
 * folder with the project's own sample generator (core/samples: the synthetic thoracic
 * paravertebral, ganglion impar and celiac plexus scans of core/samples/synth) and DICOM writer
 * (core/dicom/write, US Multi-frame). Never from the shared fixtures.
 *
 * Each clip shows one of the three synthetic scans (640 × 480 greyscale, at a clip-specific phase)
 * inside an 800 × 600 scanner screen: a header bar whose colour pattern encodes the clip number,
 * and a moving colour-flow box (so thumbnails differ and every frame changes). The synthesised
 * greyscale frames (≈ 0.2–0.4 s each) are cached under node_modules/.cache; the folder itself is
 * written afresh every run.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSampleClip, sampleGeometryOf } from '../../core/samples/clips';
import type { SampleId } from '../../core/samples/index';
import { TAG } from '../../core/dicom/write/tags';
import { uidFromSeed } from '../../core/dicom/write/uid';
import { writeUsMultiframe } from '../../core/dicom/write/us-multiframe';
import { loadNodeJpegEncoder } from '../../build/scripts/lib/jpeg-encoder-node';

export interface StudyFolderSpec {
  clips: number;
  frames: number;
  columns: number;
  rows: number;
  fps: number;
}

export const STUDY_FOLDER: StudyFolderSpec = { clips: 100, frames: 60, columns: 800, rows: 600, fps: 30 };

const SCANS: readonly SampleId[] = ['thoracic-paravertebral', 'ganglion-impar', 'celiac-plexus'];
const CACHE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../node_modules/.cache/blockplan-bench-synth');
const SERIES = 4;

/** Frame i of a synthetic scan (greyscale, its own size), synthesised once and cached. */
function scanFrames(id: SampleId, log: (s: string) => void): (i: number) => Uint8Array {
  const g = sampleGeometryOf(id);
  let clip: ReturnType<typeof createSampleClip> | null = null;
  const memo = new Map<number, Uint8Array>();
  return (i) => {
    const k = i % g.frameCount;
    const hit = memo.get(k);
    if (hit) return hit;
    const file = path.join(CACHE, `${id}-${g.columns}x${g.rows}-${k}.gray`);
    let px: Uint8Array;
    if (existsSync(file)) px = new Uint8Array(readFileSync(file));
    else {
      if (!clip) {
        log(`  synthesising ${id} (${g.frameCount} frames, cached for later runs) …`);
        clip = createSampleClip(id);
      }
      px = clip.frame(k);
      mkdirSync(CACHE, { recursive: true });
      writeFileSync(`${file}.tmp`, px);
      renameSync(`${file}.tmp`, file);
    }
    memo.set(k, px);
    return px;
  };
}

/** HSV-ish colour of a clip's header stripe. */
function stripe(k: number, s: number): [number, number, number] {
  const h = ((k * 37 + s * 91) % 360) / 60;
  const x = Math.round(200 * (1 - Math.abs((h % 2) - 1)));
  const c: [number, number, number][] = [[200, x, 40], [x, 200, 40], [40, 200, x], [40, x, 200], [x, 40, 200], [200, 40, x]];
  return c[Math.floor(h) % 6]!;
}

/** Frame i of clip k: the scan at a clip-specific phase inside a scanner screen (RGB). */
function composeFrame(spec: StudyFolderSpec, k: number, i: number, scan: (i: number) => Uint8Array, sw: number, sh: number): Uint8Array {
  const { columns: w, rows: h } = spec;
  const out = new Uint8Array(w * h * 3);
  const src = scan(i + k * 7);
  const ox = Math.floor((w - sw) / 2);
  const oy = Math.max(40, Math.floor((h - sh) / 2));
  for (let y = 0; y < sh && y + oy < h; y++) {
    for (let x = 0; x < sw; x++) {
      const v = src[y * sw + x]!;
      const o = ((y + oy) * w + x + ox) * 3;
      out[o] = out[o + 1] = out[o + 2] = v;
    }
  }
  // Header bar: eight stripes whose colours encode the clip number.
  for (let y = 6; y < 30; y++) {
    for (let x = 10; x < w - 10; x++) {
      const [r, g, b] = stripe(k, Math.floor((x - 10) / ((w - 20) / 8)));
      const o = (y * w + x) * 3;
      out[o] = r;
      out[o + 1] = g;
      out[o + 2] = b;
    }
  }
  // A colour-flow box that drifts with the frame, over the brighter tissue.
  const bx = ox + ((k * 53 + i * 3) % (sw - 160));
  const by = oy + 60 + ((k * 29) % (sh - 200));
  for (let y = by; y < by + 100; y++) {
    for (let x = bx; x < bx + 140; x++) {
      const o = (y * w + x) * 3;
      const v = out[o]!;
      if (v > 60 && ((x + y + i * 5) & 31) < 14) {
        out[o] = Math.min(255, v + 120);
        out[o + 1] = 30;
        out[o + 2] = 255 - v;
      }
    }
  }
  return out;
}

/** Write the study folder into `dir`; returns the file paths and their total size, bytes. */
export async function writeStudyFolder(dir: string, spec: StudyFolderSpec = STUDY_FOLDER, log: (s: string) => void = () => {}): Promise<{ files: string[]; bytes: number }> {
  mkdirSync(dir, { recursive: true });
  const encoder = await loadNodeJpegEncoder();
  const scans = SCANS.map((id) => ({ id, g: sampleGeometryOf(id), frame: scanFrames(id, log) }));
  const study = uidFromSeed('blockplan-bench/study-folder/study');
  const files: string[] = [];
  let bytes = 0;
  const t0 = performance.now();
  for (let k = 0; k < spec.clips; k++) {
    const scan = scans[k % scans.length]!;
    const series = k % SERIES;
    const g = scan.g;
    const ox = Math.floor((spec.columns - g.columns) / 2);
    const oy = Math.max(40, Math.floor((spec.rows - g.rows) / 2));
    const r = writeUsMultiframe(
      {
        rows: spec.rows,
        columns: spec.columns,
        frameCount: spec.frames,
        frame: (i) => composeFrame(spec, k, i, scan.frame, g.columns, g.rows),
        frameTimeMs: 1000 / spec.fps,
        photometric: 'YBR_FULL_422',
        regions: [
          {
            x0: g.region.x0 + ox,
            y0: g.region.y0 + oy,
            x1: g.region.x1 + ox,
            y1: g.region.y1 + oy,
            mmPerPxX: g.mmPerPx,
            mmPerPxY: g.mmPerPx,
            referencePixel: { xPx: g.reference.x + ox, yPx: g.reference.y + oy, physicalXMm: 0, physicalYMm: 0 },
          },
        ],
        jpegQuality: 85,
        uidSeed: `blockplan-bench/study-folder/clip-${k}`,
        date: '20250101',
        time: '120000',
        studyDescription: 'BlockPlan benchmark study folder (synthetic)',
        seriesDescription: `Synthetic series ${series + 1}`,
        extraElements: [
          { tag: TAG.StudyInstanceUID, vr: 'UI', value: study },
          { tag: TAG.SeriesInstanceUID, vr: 'UI', value: uidFromSeed(`blockplan-bench/study-folder/series-${series}`) },
          { tag: TAG.SeriesNumber, vr: 'IS', value: String(series + 1) },
          { tag: TAG.InstanceNumber, vr: 'IS', value: String(Math.floor(k / SERIES) + 1) },
        ],
      },
      encoder,
    );
    if (!r.ok) throw new Error(`${r.error.title} ${r.error.detail ?? ''}`);
    const file = path.join(dir, `IMG${String(k + 1).padStart(4, '0')}.dcm`);
    writeFileSync(file, r.value.bytes);
    files.push(file);
    bytes += r.value.bytes.byteLength;
    if ((k + 1) % 20 === 0) log(`  ${k + 1}/${spec.clips} clips written (${(bytes / 1e6).toFixed(0)} MB, ${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  }
  return { files, bytes };
}
