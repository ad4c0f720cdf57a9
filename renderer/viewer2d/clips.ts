/**
 * Open clips on the main thread: parse each file once (core/dicom openDicom, no pixels), decode
 * frames in the worker pool, keep them in the budgeted frame cache and prefetch ahead of the
 * playhead. One instance per app (getClipStore()).
 *
 * Failure rule: a file that cannot be opened (or whose first frame cannot be decoded) is marked
 * failed in the files store with its reason, reported once in the messages store, and never stops
 * the other files.
 */
import { dicomErrorToAppError } from '../../core/dicom/errors';
import { openDicom } from '../../core/dicom/parse';
import type { DecodedFrame, DicomImage, PatientInfo } from '../../core/dicom/types';
import type { OpenedFile } from '../bridge/types';
import { summarizeDicom, useFiles, type DicomSummary } from '../state/files';
import { notify, reportError } from '../state/messages';
import { playhead, useViewer, type LoopMode } from '../state/viewer';
import { DecodePool } from '../workers/pool';
import { clipHeader, framePayload, frameBytes, type Thumbnail } from '../workers/protocol';
import { MAX_SPEED } from './cine-clock';
import { FrameCache, MB } from './frame-cache';
import { adaptiveStride, isTransient, keepPlan, keepScore, lookaheadFrames, planOrder, playbackPath, prefetchStride, type Direction, type KeepPlan } from './prefetch';

/** Size of the thumbnails in the file list, px (longest side). */
export const THUMBNAIL_PX = 160;
/** Decoded frames always get at least this much, whatever the open files take, bytes. */
const MIN_FRAME_BUDGET = 64 * MB;
/**
 * Memory the viewer needs besides files and frames, reserved out of the memory setting, bytes: each
 * decode worker's WebAssembly heap and JavaScript heap (measured 7–45 MB per worker while playing,
 * docs/BENCHMARKS.md, Viewer) and the display's canvases and compositor buffers (≈ 15–30 MB at
 * 1440 × 900).
 */
export const RESERVE_PER_WORKER = 32 * MB;
export const DISPLAY_RESERVE = 16 * MB;
/** Transient frames (clips larger than the cache, see keepPlan) are decoded this far ahead, s of playback. */
const TRANSIENT_WINDOW_S = 0.5;
/** The progress bar appears only when loading takes longer than this, ms. */
const PROGRESS_DELAY_MS = 300;

export interface Clip {
  /** The file id in the files store. */
  id: string;
  name: string;
  image: DicomImage;
  summary: DicomSummary;
  /** Shown only when the user turns the patient overlay on. Never logged. */
  patient: PatientInfo;
  /** Bytes of one decoded frame (what the cache budget counts). */
  frameBytes: number;
  /** Size of the DICOM file held in memory, bytes (counts against the memory setting). */
  fileBytes: number;
  /** When the file's bytes were handed to the viewer (performance.now()), for time to first frame. */
  openedAtMs: number;
  firstFrameMs?: number;
  loadStartedAtMs: number;
  loadCancelled: boolean;
  failedFrames: Set<number>;
  reportedFrameFailure: boolean;
  /** What stays decoded (set by schedule). */
  plan?: KeepPlan;
}

type FrameListener = (clipId: string, index: number, frame: DecodedFrame) => void;

const key = (clipId: string, i: number) => `${clipId}:${i}`;

/** The buffer of a frame's pixels. */
const pixelBuffer = (f: DecodedFrame): ArrayBuffer => (f.kind === 'rgb' ? f.rgba.buffer : f.pixels.buffer) as ArrayBuffer;

const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

export class ClipStore {
  readonly cache: FrameCache<DecodedFrame>;
  readonly pool: DecodePool;
  private clips = new Map<string, Clip>();
  private listeners = new Set<FrameListener>();
  private progressTimer: ReturnType<typeof setTimeout> | null = null;
  private progressPending = new Set<string>();
  /** When recent decodes completed (performance.now()), for the measured decode rate. */
  private completions: number[] = [];
  /**
   * Frames handed out through the public API (frame(), request()): their buffers are never recycled
   * (the garbage collector frees them). The viewer's own frames are recycled when evicted.
   */
  private escaped = new WeakSet<DecodedFrame>();
  /** Frames on screen (pinned by the player), and those evicted while pinned (recycled on unpin). */
  private pinned = new Map<DecodedFrame, number>();
  private evictedWhilePinned = new WeakSet<DecodedFrame>();
  /** Frames (by key) awaited through request(). */
  private publicWant = new Map<string, number>();

  constructor(pool = new DecodePool()) {
    this.pool = pool;
    this.cache = new FrameCache<DecodedFrame>(useViewer.getState().settings.cacheBudgetMb * MB, (_k, f) => this.evicted(f));
    useViewer.subscribe((s, prev) => {
      if (s.settings.cacheBudgetMb !== prev.settings.cacheBudgetMb) this.updateBudget();
      if (s.clipId !== prev.clipId) {
        if (prev.clipId && s.progress[prev.clipId]) s.setProgress(prev.clipId, null);
        const c = this.get(s.clipId);
        if (c) {
          c.loadStartedAtMs = performance.now();
          this.progressSoon(c.id);
        }
      }
    });
  }

  /**
   * The memory setting covers the open clips as a whole: the DICOM files' own bytes (held to decode
   * from) count against it, so do the frames on their way between the cache and the decoders (in
   * flight, and dropped frames' buffers waiting to be decoded into; see transitBytes), so does a
   * fixed reserve for the decoders' and the display's own memory (reserveBytes), and decoded frames
   * in the cache get the rest (at least 64 MB).
   */
  private updateBudget(): void {
    let fileBytes = 0;
    for (const c of this.clips.values()) fileBytes += c.fileBytes;
    const total = useViewer.getState().settings.cacheBudgetMb * MB;
    this.cache.setBudget(Math.max(MIN_FRAME_BUDGET, total - fileBytes - this.transitBytes - this.reserveBytes));
  }

  /** The decode workers' and the display's working memory, reserved out of the memory setting, bytes. */
  get reserveBytes(): number {
    return this.pool.size * RESERVE_PER_WORKER + DISPLAY_RESERVE;
  }

  /** Memory for frames outside the cache: the pool's frames in transit × the largest open clip's frame, bytes. */
  get transitBytes(): number {
    let frame = 0;
    for (const c of this.clips.values()) frame = Math.max(frame, c.frameBytes);
    return this.pool.framesInTransit * frame;
  }

  get(clipId: string | null | undefined): Clip | undefined {
    return clipId ? this.clips.get(clipId) : undefined;
  }

  /**
   * A decoded frame, or undefined (marks it recently used). The caller may keep it as long as it
   * likes (its buffer is then never recycled; see peek for the player's own use).
   */
  frame(clipId: string, i: number): DecodedFrame | undefined {
    const f = this.cache.get(key(clipId, i));
    if (f) this.escaped.add(f);
    return f;
  }

  /**
   * The viewer's own access to a cached frame (marks it recently used). Its pixel buffer goes back to
   * the decoders when the cache evicts it (it is then empty), unless pinned (pin() while on screen).
   */
  peek(clipId: string, i: number): DecodedFrame | undefined {
    return this.cache.get(key(clipId, i));
  }

  /** Keep a frame's pixels while it is on screen (cornerstone draws from them). */
  pin(f: DecodedFrame): void {
    this.pinned.set(f, (this.pinned.get(f) ?? 0) + 1);
  }

  unpin(f: DecodedFrame): void {
    const n = (this.pinned.get(f) ?? 0) - 1;
    if (n > 0) {
      this.pinned.set(f, n);
      return;
    }
    this.pinned.delete(f);
    if (this.evictedWhilePinned.has(f)) {
      this.evictedWhilePinned.delete(f);
      if (!this.escaped.has(f)) this.pool.recycle(pixelBuffer(f));
    }
  }

  private evicted(f: DecodedFrame): void {
    if (this.escaped.has(f)) return;
    if (this.pinned.has(f)) this.evictedWhilePinned.add(f);
    else this.pool.recycle(pixelBuffer(f));
  }

  has(clipId: string, i: number): boolean {
    return this.cache.has(key(clipId, i));
  }

  onFrame(l: FrameListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * Open DICOM files: list them at once, parse them one by one (yielding to the UI between files),
   * decode each first frame (thumbnail) and show the first clip that opens.
   */
  async openFiles(opened: OpenedFile[], opts: { select?: boolean } = {}): Promise<string[]> {
    const t0 = performance.now();
    const files = useFiles.getState();
    const added = files.add(opened, 'dicom', 'reading');
    const ok: string[] = [];
    let failed = 0;
    for (const [k, f] of added.entries()) {
      if (k > 0) await yieldToUi();
      const r = openDicom(f.bytes, { fileName: f.name });
      if (!r.ok) {
        const e = dicomErrorToAppError(r.error);
        useFiles.getState().update(f.id, { status: 'failed', error: e, bytes: new Uint8Array(0) });
        reportError(e);
        failed++;
        continue;
      }
      const image = r.value;
      const summary = summarizeDicom(image, f.path);
      const m = image.meta;
      const bytesPerFrame = m.samplesPerPixel === 3 || m.photometricInterpretation === 'PALETTE COLOR' ? m.rows * m.columns * 4 : m.rows * m.columns * Math.ceil(m.bitsAllocated / 8);
      const clip: Clip = {
        id: f.id,
        name: f.name,
        image,
        summary,
        patient: m.patient,
        frameBytes: bytesPerFrame,
        fileBytes: f.bytes.byteLength,
        openedAtMs: t0,
        loadStartedAtMs: performance.now(),
        loadCancelled: false,
        failedFrames: new Set(),
        reportedFrameFailure: false,
      };
      this.clips.set(f.id, clip);
      this.updateBudget();
      this.pool.addClip(f.id, clipHeader(image), (i, alloc) => framePayload(image, i, alloc));
      useFiles.getState().update(f.id, { status: 'ready', dicom: summary });
      if (image.availableFrames === 0) {
        this.fail(clip, { code: 'dicom/truncated', title: 'The DICOM file holds no complete frame', action: 'The file may have been copied incompletely; copy or export it again.', file: f.name });
        failed++;
        continue;
      }
      ok.push(f.id);
      if (ok.length === 1 && (opts.select ?? true)) this.select(f.id);
      // The first frame (with thumbnail) of every clip, in the order opened, ahead of prefetching.
      void this.load(f.id, 0, -1_000_000 + k, THUMBNAIL_PX);
    }
    if (failed > 0 && ok.length > 0) {
      // Each failure is already reported; say that the rest opened (the files panel lists all).
      notify(`${ok.length} of ${added.length} DICOM files opened; ${failed} could not be opened (see the files panel)`, 'warning');
    }
    return ok;
  }

  /** Put a clip on screen. */
  select(clipId: string): void {
    const c = this.clips.get(clipId);
    if (!c) return;
    useViewer.getState().select(clipId, { frameCount: c.image.availableFrames, clipUid: c.summary.clipUid });
  }

  /**
   * Decode frame i (sharing any pending job). Resolves with the frame, or undefined when it was
   * cancelled, the clip was closed or the frame failed (failures are reported once per clip). The
   * caller may keep the frame as long as it likes.
   */
  async request(clipId: string, i: number, priority: number, thumbnailPx?: number): Promise<DecodedFrame | undefined> {
    const k = key(clipId, i);
    // Marked before anything can evict it (a shared job may complete through another caller first).
    this.publicWant.set(k, (this.publicWant.get(k) ?? 0) + 1);
    try {
      const f = await this.load(clipId, i, priority, thumbnailPx);
      if (f) this.escaped.add(f);
      return f;
    } finally {
      const n = (this.publicWant.get(k) ?? 1) - 1;
      if (n > 0) this.publicWant.set(k, n);
      else this.publicWant.delete(k);
    }
  }

  /** request() for the viewer itself: the frame's buffer is recycled once evicted (see peek). */
  async load(clipId: string, i: number, priority: number, thumbnailPx?: number): Promise<DecodedFrame | undefined> {
    const cached = this.cache.peek(key(clipId, i));
    if (cached && !thumbnailPx) return cached;
    const r = await this.pool.decode(clipId, i, priority, thumbnailPx ? { thumbnailPx } : {});
    const clip = this.clips.get(clipId);
    if (r === null || !clip) return undefined;
    if (!r.ok) {
      clip.failedFrames.add(i);
      if (i === 0 && !clip.firstFrameMs) this.fail(clip, dicomErrorToAppError(r.error));
      else if (!clip.reportedFrameFailure) {
        clip.reportedFrameFailure = true;
        reportError(dicomErrorToAppError(r.error), 'warning');
      }
      return undefined;
    }
    const frame = r.value.frame;
    if (this.publicWant.has(key(clipId, i))) this.escaped.add(frame);
    const t = performance.now();
    this.completions.push(t);
    while (this.completions.length && this.completions[0]! < t - 2000) this.completions.shift();
    if (this.cache.peek(key(clipId, i)) !== frame) this.cache.put(key(clipId, i), frame, frameBytes(frame));
    if (thumbnailPx && r.value.thumbnail) void this.setThumbnail(clipId, r.value.thumbnail);
    for (const l of this.listeners) l(clipId, i, frame);
    this.progressSoon(clipId);
    return frame;
  }

  /** Frames decoded per second over the last 2 s. */
  decodeFps(now = performance.now()): number {
    while (this.completions.length && this.completions[0]! < now - 2000) this.completions.shift();
    return this.completions.length / 2;
  }

  /**
   * Prefetch around the playhead: rank the cache by next use, re-rank or cancel queued jobs, and
   * request the frames of the window that are missing.
   */
  schedule(clipId: string, playhead: number, mode: LoopMode, dir: Direction, speed: number, displayHz = 60, playing = false): void {
    const clip = this.clips.get(clipId);
    if (!clip) return;
    const n = clip.image.availableFrames;
    if (n === 0) return;
    const prefix = `${clipId}:`;
    const capacity = Math.max(1, Math.floor(this.cache.budgetBytes / clip.frameBytes));
    // Urgent: the next 1.5 s of playback. Kept decoded: the whole clip when it fits, else the
    // residents and a short window ahead (transient frames are decoded just before they are due).
    const look = lookaheadFrames(clip.summary.fps, speed);
    // The window is sized for the fastest speed, so the plan (which frames stay) does not change
    // with the speed: no frames to re-decode when the user speeds up or slows down.
    const plan = keepPlan(n, capacity, lookaheadFrames(clip.summary.fps, MAX_SPEED, TRANSIENT_WINDOW_S));
    clip.plan = plan;
    this.cache.setKeepScore((k) => (k.startsWith(prefix) ? keepScore(plan, playhead, Number(k.slice(prefix.length)), mode, dir) : -Infinity));
    let stride = prefetchStride(clip.summary.fps, speed, displayHz);
    if (playing) {
      // Behind: more than a third of the next half-second of playback is not decoded.
      const soon = playbackPath(playhead, n, mode, dir, Math.max(4, Math.ceil(clip.summary.fps * speed * 0.5)));
      const missing = soon.filter((f) => !this.cache.has(key(clipId, f))).length;
      stride = adaptiveStride(stride, clip.summary.fps, speed, this.decodeFps(), missing > soon.length / 3);
    }
    const order = planOrder(plan, playhead, mode, dir, stride, clip.loadCancelled ? Math.min(n, Math.max(1, capacity - 1), look) : n);
    // Frames within the lookahead are urgent; the rest of the window is background work.
    const rank = new Map<number, number>();
    order.forEach((f, k) => rank.set(f, k < look ? k : DecodePool.BACKGROUND + k));
    this.pool.reprioritize(clipId, (i) => rank.get(i) ?? null);
    for (const f of order) {
      if (clip.failedFrames.has(f) || this.cache.has(key(clipId, f)) || this.pool.hasJob(clipId, f)) continue;
      void this.load(clipId, f, rank.get(f)!);
    }
    this.progressSoon(clipId);
  }

  /** Stop background loading of a clip; frames still decode as they are shown (short lookahead). */
  cancelLoading(clipId: string): void {
    const clip = this.clips.get(clipId);
    if (!clip) return;
    clip.loadCancelled = true;
    const s = useViewer.getState();
    this.schedule(clipId, s.clipId === clipId ? playhead.frame : 0, s.loop, 1, s.speed);
    this.updateProgress(clipId);
  }

  /** Resume background loading after a cancel. */
  resumeLoading(clipId: string): void {
    const clip = this.clips.get(clipId);
    if (!clip) return;
    clip.loadCancelled = false;
    clip.loadStartedAtMs = performance.now();
    const s = useViewer.getState();
    this.schedule(clipId, s.clipId === clipId ? playhead.frame : 0, s.loop, 1, s.speed);
  }

  /** Close a clip: its frames, its jobs, its entry in the files store. */
  close(clipId: string): void {
    this.pool.removeClip(clipId);
    this.cache.deleteWhere((k) => k.startsWith(`${clipId}:`));
    this.clips.delete(clipId);
    this.updateBudget();
    useViewer.getState().setProgress(clipId, null);
    const v = useViewer.getState();
    if (v.clipId === clipId) {
      const next = [...this.clips.values()].find((c) => !c.failedFrames.has(0));
      if (next) this.select(next.id);
      else v.select(null);
    }
    useFiles.getState().remove(clipId);
  }

  /**
   * Frames of a clip held in the cache, and how many stay decoded: the whole clip when it fits, else
   * its resident frames (the transient ones come and go during playback, see keepPlan).
   */
  progressOf(clipId: string): { done: number; total: number } {
    const clip = this.clips.get(clipId);
    if (!clip) return { done: 0, total: 0 };
    const n = clip.image.availableFrames;
    const capacity = Math.max(1, Math.floor(this.cache.budgetBytes / clip.frameBytes));
    const transient = clip.plan && clip.plan.n === n ? clip.plan.transient : Math.max(0, n - capacity);
    const total = n - transient;
    let done = 0;
    const prefix = `${clipId}:`;
    for (const k of this.cache.keys()) if (k.startsWith(prefix) && !isTransient(Number(k.slice(prefix.length)), n, transient)) done++;
    for (const f of clip.failedFrames) if (!isTransient(f, n, transient)) done++;
    return { done: Math.min(done, total), total };
  }

  /** Encode a thumbnail for the file list (off the critical path of the first frame). */
  private async setThumbnail(clipId: string, t: Thumbnail): Promise<void> {
    if (typeof OffscreenCanvas === 'undefined' || typeof URL === 'undefined' || !URL.createObjectURL) return;
    await new Promise((r) => setTimeout(r, 0));
    const c = new OffscreenCanvas(t.width, t.height);
    const g = c.getContext('2d');
    if (!g) return;
    g.putImageData(new ImageData(t.rgba as Uint8ClampedArray<ArrayBuffer>, t.width, t.height), 0, 0);
    const blob = await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 });
    if (this.clips.has(clipId)) useFiles.getState().update(clipId, { thumbnailUrl: URL.createObjectURL(blob) });
  }

  private fail(clip: Clip, e: ReturnType<typeof dicomErrorToAppError>): void {
    useFiles.getState().update(clip.id, { status: 'failed', error: e });
    reportError(e);
    this.pool.removeClip(clip.id);
    this.clips.delete(clip.id);
    this.updateBudget();
    const v = useViewer.getState();
    if (v.clipId === clip.id) {
      const next = [...this.clips.values()][0];
      if (next) this.select(next.id);
      else v.select(null);
    }
  }

  private progressSoon(clipId: string): void {
    this.progressPending.add(clipId);
    if (this.progressTimer) return;
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      const ids = [...this.progressPending];
      this.progressPending.clear();
      for (const id of ids) this.updateProgress(id);
    }, 100);
  }

  private updateProgress(clipId: string): void {
    const clip = this.clips.get(clipId);
    const v = useViewer.getState();
    if (!clip) return;
    // Only the clip on screen loads in the background (the others hold their first frame).
    if (v.clipId !== clipId) {
      if (v.progress[clipId]) v.setProgress(clipId, null);
      return;
    }
    const { done, total } = this.progressOf(clipId);
    const show = !clip.loadCancelled && done < total && performance.now() - clip.loadStartedAtMs > PROGRESS_DELAY_MS;
    if (show) v.setProgress(clipId, { done, total, cancelled: false });
    else if (clip.loadCancelled && done < total) v.setProgress(clipId, { done, total, cancelled: true });
    else if (v.progress[clipId]) v.setProgress(clipId, null);
    if (done < total && !clip.loadCancelled) this.progressSoon(clipId);
  }
}

let instance: ClipStore | null = null;

/** The app's clip store (created on first use, with its worker pool). */
export function getClipStore(): ClipStore {
  instance ??= new ClipStore();
  return instance;
}

/** Tests only. */
export function setClipStoreForTests(s: ClipStore | null): void {
  instance = s;
}
