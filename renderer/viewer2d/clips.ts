/**
 * Open clips on the main thread: each file parsed once (core/dicom openDicom, no pixels; see
 * clip-open.ts for how files are opened), frames decoded in the worker pool, kept in the budgeted
 * frame cache and prefetched ahead of the playhead. One instance per app (getClipStore()).
 *
 * Frames are core's DecodedFrame (greyscale, or RGBA where the browser has no bitmaps) or, for
 * colour in the browser, ImageBitmaps the display draws directly (renderer/workers/protocol.ts).
 * The viewer's own frames are freed as soon as the cache drops them (a bitmap is closed, a pixel
 * buffer goes back to the decoders), unless they are on screen (pinned); frames handed out through
 * the public API (frame(), request()) are the caller's to keep — bitmaps are read back into RGBA
 * for them.
 */
import { dicomErrorToAppError } from '../../core/dicom/errors';
import type { DecodedFrame } from '../../core/dicom/types';
import type { AppError } from '../../core/result';
import type { OpenedFile } from '../bridge/types';
import { useFiles } from '../state/files';
import { reportError } from '../state/messages';
import { playhead, useViewer, type LoopMode } from '../state/viewer';
import { DecodePool } from '../workers/pool';
import { clipHeader, framePayload, frameBytes, type ViewerFrame } from '../workers/protocol';
import { MAX_SPEED } from './cine-clock';
import { openClipFiles, setThumbnail, THUMBNAIL_PX, type Clip, type FileToOpen, type OpenerHost } from './clip-open';
import { frameBudgetBytes, reserveBytes } from './clip-memory';
import { ClipProgress } from './clip-progress';
import { FrameCache, MB } from './frame-cache';
import { asDecoded, pixelBuffer } from './frame-pixels';
import { adaptiveStride, keepPlan, keepScore, lookaheadFrames, planOrder, playbackPath, prefetchStride, type Direction } from './prefetch';

export type { Clip };

/** Transient frames (clips larger than the cache, see keepPlan) are decoded this far ahead, s of playback. */
const TRANSIENT_WINDOW_S = 0.5;

type FrameListener = (clipId: string, index: number, frame: ViewerFrame) => void;

const key = (clipId: string, i: number) => `${clipId}:${i}`;

export class ClipStore implements OpenerHost {
  readonly cache: FrameCache<ViewerFrame>;
  readonly pool: DecodePool;
  private clips = new Map<string, Clip>();
  private listeners = new Set<FrameListener>();
  private readonly progress: ClipProgress;
  /** When recent decodes completed (performance.now()), for the measured decode rate. */
  private completions: number[] = [];
  /** Frames handed out through the public API: their buffers are never recycled. */
  private escaped = new WeakSet<ViewerFrame>();
  /** Frames on screen (pinned by the player), and those dropped while pinned (freed on unpin). */
  private pinned = new Map<ViewerFrame, number>();
  private droppedWhilePinned = new WeakSet<ViewerFrame>();
  /** Frames (by key) awaited through request(). */
  private publicWant = new Map<string, number>();
  /** The first-frame decode of each clip put on screen. */
  private firstLoads = new Map<string, Promise<void>>();

  constructor(pool = new DecodePool()) {
    this.pool = pool;
    this.cache = new FrameCache<ViewerFrame>(useViewer.getState().settings.cacheBudgetMb * MB, (_k, f) => this.dropped(f));
    this.progress = new ClipProgress(this.clips, this.cache);
    useViewer.subscribe((s, prev) => {
      if (s.settings.cacheBudgetMb !== prev.settings.cacheBudgetMb) this.updateBudget();
      if (s.clipId !== prev.clipId) {
        if (prev.clipId && s.progress[prev.clipId]) s.setProgress(prev.clipId, null);
        const c = this.get(s.clipId);
        if (c) {
          c.loadStartedAtMs = performance.now();
          this.progress.soon(c.id);
        }
      }
    });
  }

  /** The memory setting, shared between files, frames in transit, a reserve and the cache (clip-memory.ts). */
  private updateBudget(): void {
    let fileBytes = 0;
    for (const c of this.clips.values()) fileBytes += c.fileBytes;
    this.cache.setBudget(frameBudgetBytes({ settingMb: useViewer.getState().settings.cacheBudgetMb, fileBytes, transitBytes: this.transitBytes, reserveBytes: this.reserveBytes }));
  }

  /** The decode workers' and the display's working memory, reserved out of the memory setting, bytes. */
  get reserveBytes(): number {
    return reserveBytes(this.pool.size);
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

  /** The clip is open (parsed and not closed). */
  isOpen(clipId: string): boolean {
    return this.clips.has(clipId);
  }

  /** A decoded frame as core's DecodedFrame, or undefined (marks it recently used). The caller may keep it. */
  frame(clipId: string, i: number): DecodedFrame | undefined {
    const f = this.cache.get(key(clipId, i));
    return f ? this.handOut(f) : undefined;
  }

  /** A frame for a caller outside the viewer: a bitmap is read back (the viewer keeps the bitmap). */
  private handOut(f: ViewerFrame): DecodedFrame {
    if (f.kind === 'bitmap') return asDecoded(f);
    this.escaped.add(f);
    return f;
  }

  /**
   * The viewer's own access to a cached frame (marks it recently used). It is freed when the cache
   * drops it, unless pinned (pin() while on screen).
   */
  peek(clipId: string, i: number): ViewerFrame | undefined {
    return this.cache.get(key(clipId, i));
  }

  /** Keep a frame while it is on screen (cornerstone draws from it). */
  pin(f: ViewerFrame): void {
    this.pinned.set(f, (this.pinned.get(f) ?? 0) + 1);
  }

  unpin(f: ViewerFrame): void {
    const n = (this.pinned.get(f) ?? 0) - 1;
    if (n > 0) {
      this.pinned.set(f, n);
      return;
    }
    this.pinned.delete(f);
    if (this.droppedWhilePinned.has(f)) {
      this.droppedWhilePinned.delete(f);
      this.free(f);
    }
  }

  private dropped(f: ViewerFrame): void {
    if (this.pinned.has(f)) this.droppedWhilePinned.add(f);
    else this.free(f);
  }

  /** Free a frame nobody holds: close a bitmap, give a pixel buffer back to the decoders. */
  private free(f: ViewerFrame): void {
    if (f.kind === 'bitmap') f.bitmap.close();
    else if (!this.escaped.has(f)) this.pool.recycle(pixelBuffer(f));
  }

  /** Frame `i` of a clip is decoded and cached. */
  has(clipId: string, i: number): boolean {
    return this.cache.has(key(clipId, i));
  }

  onFrame(l: FrameListener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /**
   * Open DICOM files (clip-open.ts): list them at once, read and parse them one by one, show the
   * first clip that opens, thumbnails for the others. Resolves with the ids of the clips that opened.
   */
  openFiles(files: readonly (OpenedFile | FileToOpen)[], opts: { select?: boolean } = {}): Promise<string[]> {
    return openClipFiles(this, files, opts);
  }

  /** clip-open.ts: a parsed clip joins the store (its decoders and the memory budget). */
  register(clip: Clip): void {
    this.clips.set(clip.id, clip);
    this.updateBudget();
    this.pool.addClip(clip.id, clipHeader(clip.image), (i, alloc) => framePayload(clip.image, i, alloc));
  }

  /** The first frame of the clip on screen, with its thumbnail. */
  private loadFirst(clipId: string): void {
    this.firstLoads.set(clipId, this.load(clipId, 0, -1_000_000, THUMBNAIL_PX).then(() => undefined));
  }

  /** clip-open.ts: resolves when the first frame of a clip put on screen has been decoded (or failed). */
  firstFrameLoaded(clipId: string): Promise<void> {
    return this.firstLoads.get(clipId) ?? Promise.resolve();
  }

  /** The first frame decoded, or failed: a clip whose first frame fails is closed as failed. */
  firstFrame(clipId: string, outcome: true | AppError): void {
    const clip = this.clips.get(clipId);
    if (!clip) return;
    if (outcome === true) clip.firstFrameDecoded = true;
    else if (!clip.firstFrameDecoded) this.fail(clip, outcome);
  }

  /** Put a clip on screen. */
  select(clipId: string): void {
    const c = this.clips.get(clipId);
    if (!c) return;
    // The first frame with its thumbnail first (the display's request then shares that job).
    if (!useFiles.getState().files.find((f) => f.id === clipId)?.thumbnailUrl) this.loadFirst(clipId);
    useViewer.getState().select(clipId, { frameCount: c.image.availableFrames, clipUid: c.summary.clipUid });
  }

  /**
   * Decode frame i (sharing any pending job). Resolves with the frame as core's DecodedFrame, or
   * undefined when it was cancelled, the clip was closed or the frame failed (failures are reported
   * once per clip). The caller may keep the frame as long as it likes.
   */
  async request(clipId: string, i: number, priority: number, thumbnailPx?: number): Promise<DecodedFrame | undefined> {
    const k = key(clipId, i);
    // Marked before anything can drop it (a shared job may complete through another caller first).
    this.publicWant.set(k, (this.publicWant.get(k) ?? 0) + 1);
    try {
      const f = await this.load(clipId, i, priority, thumbnailPx);
      return f ? this.handOut(f) : undefined;
    } finally {
      const n = (this.publicWant.get(k) ?? 1) - 1;
      if (n > 0) this.publicWant.set(k, n);
      else this.publicWant.delete(k);
    }
  }

  /** request() for the viewer itself: the frame is freed once the cache drops it (see peek). */
  async load(clipId: string, i: number, priority: number, thumbnailPx?: number): Promise<ViewerFrame | undefined> {
    const cached = this.cache.peek(key(clipId, i));
    if (cached && !thumbnailPx) return cached;
    const r = await this.pool.decode(clipId, i, priority, thumbnailPx ? { thumbnailPx } : {});
    const clip = this.clips.get(clipId);
    if (r === null) return undefined;
    if (!clip) {
      if (r.ok && r.value.frame.kind === 'bitmap') r.value.frame.bitmap.close();
      return undefined;
    }
    if (!r.ok) {
      clip.failedFrames.add(i);
      if (i === 0 && !clip.firstFrameDecoded) this.firstFrame(clipId, dicomErrorToAppError(r.error));
      else if (!clip.reportedFrameFailure) {
        clip.reportedFrameFailure = true;
        reportError(dicomErrorToAppError(r.error), 'warning');
      }
      return undefined;
    }
    if (i === 0) clip.firstFrameDecoded = true;
    const frame = r.value.frame;
    const k = key(clipId, i);
    if (this.publicWant.has(k) && frame.kind !== 'bitmap') this.escaped.add(frame);
    const t = performance.now();
    this.completions.push(t);
    while (this.completions.length && this.completions[0]! < t - 2000) this.completions.shift();
    if (this.cache.peek(k) !== frame) this.cache.put(k, frame, frameBytes(frame));
    if (thumbnailPx && r.value.thumbnail) void setThumbnail(this, clipId, r.value.thumbnail);
    // The job was already running without a thumbnail (e.g. the display asked first): one of its own.
    else if (thumbnailPx) {
      void this.pool.thumbnail(clipId, i, priority, thumbnailPx).then((t) => {
        if (t?.ok) void setThumbnail(this, clipId, t.value);
      });
    }
    for (const l of this.listeners) l(clipId, i, frame);
    // A frame the cache did not keep (worth less than all it holds) is freed once its callers and the
    // display had it (after this task), unless it is on screen then.
    if (this.cache.peek(k) !== frame) setTimeout(() => this.cache.peek(k) !== frame && this.dropped(frame), 0);
    this.progress.soon(clipId);
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
  schedule(clipId: string, at: number, mode: LoopMode, dir: Direction, speed: number, displayHz = 60, playing = false): void {
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
    this.cache.setKeepScore((k) => (k.startsWith(prefix) ? keepScore(plan, at, Number(k.slice(prefix.length)), mode, dir) : -Infinity));
    let stride = prefetchStride(clip.summary.fps, speed, displayHz);
    if (playing) {
      // Behind: more than a third of the next half-second of playback is not decoded.
      const soon = playbackPath(at, n, mode, dir, Math.max(4, Math.ceil(clip.summary.fps * speed * 0.5)));
      const missing = soon.filter((f) => !this.cache.has(key(clipId, f))).length;
      stride = adaptiveStride(stride, clip.summary.fps, speed, this.decodeFps(), missing > soon.length / 3);
    }
    const order = planOrder(plan, at, mode, dir, stride, clip.loadCancelled ? Math.min(n, Math.max(1, capacity - 1), look) : n);
    // Frames within the lookahead are urgent; the rest of the window is background work.
    const rank = new Map<number, number>();
    order.forEach((f, k) => rank.set(f, k < look ? k : DecodePool.BACKGROUND + k));
    this.pool.reprioritize(clipId, (i) => rank.get(i) ?? null);
    for (const f of order) {
      if (clip.failedFrames.has(f) || this.cache.has(key(clipId, f)) || this.pool.hasJob(clipId, f)) continue;
      void this.load(clipId, f, rank.get(f)!);
    }
    this.progress.soon(clipId);
  }

  /** Stop background loading of a clip; frames still decode as they are shown (short lookahead). */
  cancelLoading(clipId: string): void {
    const clip = this.clips.get(clipId);
    if (!clip) return;
    clip.loadCancelled = true;
    const s = useViewer.getState();
    this.schedule(clipId, s.clipId === clipId ? playhead.frame : 0, s.loop, 1, s.speed);
    this.progress.update(clipId);
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
    this.firstLoads.delete(clipId);
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

  /** Frames of a clip held in the cache, and how many stay decoded (clip-progress.ts). */
  progressOf(clipId: string): { done: number; total: number } {
    return this.progress.of(clipId);
  }

  private fail(clip: Clip, e: AppError): void {
    useFiles.getState().update(clip.id, { status: 'failed', error: e });
    reportError(e);
    this.pool.removeClip(clip.id);
    this.cache.deleteWhere((k) => k.startsWith(`${clip.id}:`));
    this.clips.delete(clip.id);
    this.updateBudget();
    const v = useViewer.getState();
    if (v.clipId === clip.id) {
      const next = [...this.clips.values()][0];
      if (next) this.select(next.id);
      else v.select(null);
    }
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
