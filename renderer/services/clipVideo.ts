/**
 * "Export annotated clip": a clip of the case with the plan burned in (annotations, needle path and
 * its numbers — the overlays of the key images), as a WebM video for teaching.
 *
 * Frames come decoded from the viewer's cache or worker pool (./frames.ts). The overlays are drawn by
 * core/notes (the same pixels as the key images) once per distinct set of marks, on a transparent
 * layer composited over each frame with Canvas 2D "source-over". The video is recorded from the
 * canvas with MediaRecorder, one frame requested per clip frame at the clip's own frame times
 * (Frame Time / Frame Time Vector …), so it plays at the speed it was acquired.
 *
 * Patient details are never burned in unless `burnInPatient` is set (then only what the user typed
 * into the note's identity fields).
 */
import { frameShapes } from '../../core/app/index';
import { drawOverlays } from '../../core/notes/keyimages';
import type { Case, ClipMeasurements } from '../../core/plan/index';
import { appError, err, ok, type Result } from '../../core/result';
import type { ClipRuntime } from '../state/case';
import { clipFrameTimes, decodedFrame, ensureClipOpen, frameRgba } from './frames';

/** The marks drawn on one frame of a clip: core/app's, the same as the key images. */
export { frameShapes };

/** The best WebM type this browser records, or null. */
export function webmMimeType(): string | null {
  if (typeof MediaRecorder === 'undefined') return null;
  for (const t of ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm']) if (MediaRecorder.isTypeSupported(t)) return t;
  return null;
}

/** Frame durations used for the video: the file's, with invalid entries replaced by their mean (33.3 ms if none). */
export function videoFrameTimes(fileTimes: readonly number[], count: number): number[] {
  const valid = fileTimes.filter((x) => Number.isFinite(x) && x > 0);
  const fallback = valid.length ? valid.reduce((s, x) => s + x, 0) / valid.length : 1000 / 30;
  return Array.from({ length: count }, (_, i) => {
    const d = fileTimes[i];
    return d !== undefined && Number.isFinite(d) && d > 0 ? d : fallback;
  });
}

/** Most decoded frame bytes held at once while recording (frames are decoded ahead so timing is exact). */
const MAX_HELD_BYTES = 1.5 * 1024 ** 3;

export interface ClipVideoOptions {
  burnInPatient?: { name?: string; id?: string } | null;
  onProgress?: (label: string, done: number, total: number) => void;
  /** Stop early (the recording so far is discarded). */
  signal?: AbortSignal;
}

/** Records the annotated clip; resolves with the WebM bytes. */
export async function recordAnnotatedClip(plan: Case, clipId: string, runtime: ClipRuntime | undefined, measured: ClipMeasurements | undefined, opts: ClipVideoOptions = {}): Promise<Result<Uint8Array>> {
  const clip = plan.clips.find((c) => c.id === clipId);
  if (!clip) return err(appError('note/clip-missing', 'The clip is not in the case.'));
  const mime = webmMimeType();
  if (!mime) return err(appError('note/video-unsupported', 'This browser cannot record video (no WebM MediaRecorder).', { action: 'Use the desktop app or a current Chromium-based browser.' }));
  const id = await ensureClipOpen(clip, runtime);
  if (!id.ok) return id;
  const n = clip.frameCount;
  if (n * clip.rows * clip.columns * 4 > MAX_HELD_BYTES) {
    return err(appError('note/video-too-long', `The clip “${clip.displayName}” is too long to record at once (${n} frames).`, { action: 'Export key images instead, or shorten the clip.' }));
  }
  const times = videoFrameTimes(clipFrameTimes(id.value), n);

  // 1. Decode every frame first (cached ones are taken as they are), so recording keeps exact time.
  const frames: ImageData[] = [];
  for (let i = 0; i < n; i++) {
    if (opts.signal?.aborted) return err(appError('note/video-cancelled', 'Video export cancelled.'));
    opts.onProgress?.(`Decoding frames (${i + 1} of ${n})…`, i, 2 * n);
    const f = await decodedFrame(id.value, i);
    if (!f.ok) return f;
    const rgba = frameRgba(f.value);
    frames.push(new ImageData(new Uint8ClampedArray(rgba.data.buffer as ArrayBuffer, rgba.data.byteOffset, rgba.data.byteLength), rgba.width, rgba.height));
  }
  const width = frames[0]!.width;
  const height = frames[0]!.height;

  // 2. Overlays: one transparent layer per distinct set of marks.
  const layers = new Map<string, HTMLCanvasElement>();
  const layerOf: string[] = [];
  for (let i = 0; i < n; i++) {
    const shapes = frameShapes(plan, clipId, i, measured);
    if (opts.burnInPatient && (opts.burnInPatient.name || opts.burnInPatient.id)) {
      shapes.push({ kind: 'label', at: { x: 4, y: 4 }, text: [opts.burnInPatient.name, opts.burnInPatient.id].filter(Boolean).join('  ') });
    }
    const key = JSON.stringify(shapes);
    layerOf.push(key);
    if (layers.has(key)) continue;
    const img = drawOverlays({ width, height, data: new Uint8Array(width * height * 4) }, shapes);
    const c = document.createElement('canvas');
    c.width = width;
    c.height = height;
    c.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(img.data.buffer as ArrayBuffer), width, height), 0, 0);
    layers.set(key, c);
  }

  // 3. Record at the clip's frame times.
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const g = canvas.getContext('2d')!;
  const stream = canvas.captureStream(0);
  const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
  if (!track) return err(appError('note/video-unsupported', 'This browser cannot capture a canvas as video.'));
  const rec = new MediaRecorder(stream, { mimeType: mime, videoBitsPerSecond: 8_000_000 });
  const chunks: Blob[] = [];
  rec.ondataavailable = (e) => {
    if (e.data.size) chunks.push(e.data);
  };
  const stopped = new Promise<void>((r) => (rec.onstop = () => r()));
  const draw = (i: number) => {
    g.putImageData(frames[i]!, 0, 0);
    g.drawImage(layers.get(layerOf[i]!)!, 0, 0);
    track.requestFrame();
  };
  rec.start();
  const t0 = performance.now();
  let due = 0;
  for (let i = 0; i < n; i++) {
    if (opts.signal?.aborted) break;
    draw(i);
    opts.onProgress?.(`Recording (${i + 1} of ${n} frames)…`, n + i, 2 * n);
    due += times[i]!;
    const wait = t0 + due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
  }
  // The last frame is shown for its own duration; a final request closes it in the container.
  track.requestFrame();
  rec.stop();
  await stopped;
  track.stop();
  if (opts.signal?.aborted) return err(appError('note/video-cancelled', 'Video export cancelled.'));
  const blob = new Blob(chunks, { type: 'video/webm' });
  return ok(new Uint8Array(await blob.arrayBuffer()));
}
