/**
 * A pool of decode workers with one priority queue.
 *
 * Jobs are (clip, frame) pairs with a priority (lower = sooner): the viewer gives the frame on
 * screen the top priority and frames ahead of the playhead increasing ones, and re-ranks or cancels
 * queued jobs as the playhead moves. A frame's bytes are cut from the file only when its job is sent
 * (see protocol.ts), so a long queue costs no memory; the buffers that carry them circulate
 * (buffers.ts).
 *
 * JPEG clips: the first frame sent is decoded both by the browser's decoder and by WebAssembly and
 * compared (native-check.ts); when they agree, the clip's frames go to the browser's decoder,
 * several in flight per worker. Colour frames come back as ImageBitmaps when `bitmaps` is on.
 */
import type { DicomError } from '../../core/dicom/errors';
import { dicomError } from '../../core/dicom/errors';
import type { Result } from '../../core/result';
import { PoolBuffers } from './buffers';
import { nativeCandidateClip, type NativeCheck } from './native-check';
import type { ClipEntry, DecodeOutcome, Job, JobOutcome, PoolOptions, Slot, WorkerLike } from './pool-types';
import { frameBytes, payloadTransferables, type ClipHeader, type FramePayload, type FromWorker, type Thumbnail, type ToWorker } from './protocol';

import { browserImagingAvailable, createBrowserWorker, defaultPoolSize } from './pool-env';

export type { Decoded, DecodeOutcome, PoolOptions, WorkerLike } from './pool-types';
export { createBrowserWorker, defaultPoolSize } from './pool-env';

const closed = (index: number) => ({ ok: false as const, error: dicomError('decode-failed', `Frame ${index + 1}: this clip is closed.`) });

export class DecodePool {
  readonly size: number;
  private readonly perWorker: number;
  private readonly nativePerWorker: number;
  readonly nativeJpeg: boolean;
  readonly bitmaps: boolean;
  private readonly createWorker: () => WorkerLike;
  private slots: Slot[] = [];
  private queue: Job[] = [];
  private jobs = new Map<string, Job>();
  private clips = new Map<string, ClipEntry>();
  private nextId = 1;
  private respawns = 0;
  /** Jobs at or above this priority are background work (prefetch beyond the playhead's window). */
  static readonly BACKGROUND = 1_000_000;
  /** How many background jobs may run at once (fewer than the workers while playing, so the
   * display keeps a core on small machines). */
  private backgroundLimit = Infinity;
  private readonly buffers: PoolBuffers;
  /** Jobs sent with `check` (their clip's verdict follows their frame). */
  private checkJobs = new Set<number>();
  /** Frames decoded (by the browser's decoder), failed, total worker time (ms), recycled buffers. */
  readonly stats = { decoded: 0, browserDecoded: 0, failed: 0, decodeMs: 0, recycled: 0, inputsReused: 0 };

  constructor(opts: PoolOptions = {}) {
    this.size = opts.size ?? defaultPoolSize();
    this.perWorker = opts.perWorker ?? 2;
    this.nativeJpeg = opts.nativeJpeg ?? browserImagingAvailable();
    this.bitmaps = opts.bitmaps ?? browserImagingAvailable();
    this.nativePerWorker = this.nativeJpeg ? Math.max(this.perWorker, opts.nativePerWorker ?? 4) : this.perWorker;
    this.createWorker = opts.createWorker ?? createBrowserWorker;
    this.buffers = new PoolBuffers(this.size * this.perWorker, this.stats);
  }

  /** Jobs waiting (not yet sent to a worker). */
  get queued(): number {
    return this.queue.length;
  }
  get inFlight(): number {
    return this.slots.reduce((n, s) => n + s.inFlight.size, 0);
  }

  /** Limit concurrent background jobs (Infinity: no limit). */
  setBackgroundLimit(n: number): void {
    this.backgroundLimit = Math.max(0, n);
    this.pump();
  }

  /** Start every worker and prepare its codecs; resolves with each worker's warm-up time, ms. */
  warm(): Promise<number[]> {
    this.ensureWorkers(this.size);
    return Promise.all(
      this.slots.map(
        (s) =>
          new Promise<number>((resolve) => {
            const id = this.nextId++;
            s.warmWaiters.set(id, resolve);
            s.worker.postMessage({ type: 'warm', id }, []);
          }),
      ),
    );
  }

  /**
   * Make a clip decodable. `payload(i, alloc)` copies frame i's bytes from the file (called at
   * dispatch), preferably into `alloc(bytes)`, an array over a buffer the pool reuses.
   */
  addClip(clipId: string, header: ClipHeader, payload: (index: number, alloc: (bytes: number) => Uint8Array) => FramePayload | undefined): void {
    this.clips.set(clipId, { header, payload, native: this.nativeJpeg && nativeCandidateClip(header) ? 'unchecked' : 'no' });
  }

  /** The first-frame comparison of a clip (undefined until it is done, or for a clip that is not a candidate). */
  nativeCheckOf(clipId: string): NativeCheck | undefined {
    const n = this.clips.get(clipId)?.native;
    return typeof n === 'object' ? n : undefined;
  }

  /** The first-frame comparison of a clip is under way (its frames go to WebAssembly meanwhile). */
  nativeCheckPending(clipId: string): boolean {
    return this.clips.get(clipId)?.native === 'checking';
  }

  /**
   * Offer the pixel buffer of a greyscale/RGBA frame nobody holds any more: the next decode of a frame
   * of that size writes into it instead of a new buffer (see buffers.ts).
   */
  recycle(buffer: ArrayBuffer): void {
    this.buffers.recycle(buffer, [...this.clips.values()].some((c) => c.outBytes === buffer.byteLength));
  }

  /**
   * Decoded frames that can be outside the viewer's cache at once: in the workers (their jobs in
   * flight) and in the recycle list. The memory setting reserves room for them.
   */
  get framesInTransit(): number {
    return this.size * this.nativePerWorker + this.size * this.perWorker;
  }

  /** Cancel a clip's queued jobs and forget it in every worker. */
  removeClip(clipId: string): void {
    this.cancel(clipId);
    this.clips.delete(clipId);
    this.buffers.keepSizes(new Set([...this.clips.values()].flatMap((c) => (c.outBytes ? [c.outBytes] : []))));
    for (const s of this.slots) {
      if (s.clips.delete(clipId)) s.worker.postMessage({ type: 'forget', clipId }, []);
    }
  }

  hasJob(clipId: string, index: number): boolean {
    return this.jobs.has(`${clipId}:${index}`);
  }

  /**
   * Decode frame `index` of a clip. A request for a frame already queued or running shares that job
   * (its priority is raised if this one is more urgent).
   */
  decode(clipId: string, index: number, priority: number, opts: { thumbnailPx?: number } = {}): Promise<DecodeOutcome> {
    const job = this.jobFor(clipId, index, priority, opts.thumbnailPx, false);
    if (!job) return Promise.resolve(closed(index));
    return (job.decoded ??= job.promise.then((o): DecodeOutcome => {
      if (!o || !o.ok) return o;
      const { frame, ...rest } = o.value;
      return frame ? { ok: true, value: { ...rest, frame } } : { ok: false, error: dicomError('decode-failed', `Frame ${index + 1}: the decoder sent no frame.`) };
    }));
  }

  /**
   * A thumbnail of frame `index` (longest side ≤ px), decoded in a worker and never sent to the main
   * thread as a frame (the file list of a large folder needs one picture per clip, not its frames).
   */
  async thumbnail(clipId: string, index: number, priority: number, px: number): Promise<Result<Thumbnail, DicomError> | null> {
    const job = this.jobFor(clipId, index, priority, px, true);
    const o = job ? await job.promise : closed(index);
    if (!o || !o.ok) return o;
    return o.value.thumbnail ? { ok: true, value: o.value.thumbnail } : { ok: false, error: dicomError('decode-failed', `Frame ${index + 1}: no thumbnail was made.`) };
  }

  /** The job for a frame (shared with an existing one), or null when the clip is not open. */
  private jobFor(clipId: string, index: number, priority: number, thumbnailPx: number | undefined, thumbnailOnly: boolean): Job | null {
    const key = `${clipId}:${index}${thumbnailOnly ? ':thumbnail' : ''}`;
    const existing = this.jobs.get(key);
    if (existing) {
      if (priority < existing.priority) existing.priority = priority;
      if (thumbnailPx && !existing.thumbnailPx && this.queue.includes(existing)) existing.thumbnailPx = thumbnailPx;
      return existing;
    }
    if (!this.clips.has(clipId)) return null;
    let resolve!: (o: JobOutcome) => void;
    const promise = new Promise<JobOutcome>((r) => (resolve = r));
    const job: Job = { id: this.nextId++, key, clipId, index, priority, promise, resolve, ...(thumbnailPx ? { thumbnailPx } : {}), ...(thumbnailOnly ? { thumbnailOnly } : {}) };
    this.jobs.set(key, job);
    this.queue.push(job);
    this.pump();
    return job;
  }

  /**
   * Re-rank a clip's queued frame jobs: `rank(index)` gives the new priority, or null to cancel the
   * job. Jobs already sent to a worker, and thumbnail jobs, are not affected.
   */
  reprioritize(clipId: string, rank: (index: number) => number | null): void {
    const keep: Job[] = [];
    for (const j of this.queue) {
      if (j.clipId !== clipId || j.thumbnailOnly) {
        keep.push(j);
        continue;
      }
      const p = rank(j.index);
      if (p === null) this.finish(j, null);
      else {
        j.priority = p;
        keep.push(j);
      }
    }
    this.queue = keep;
  }

  /** Cancel queued jobs of a clip (all clips when omitted). Running jobs complete. */
  cancel(clipId?: string): void {
    this.queue = this.queue.filter((j) => {
      if (clipId !== undefined && j.clipId !== clipId) return true;
      this.finish(j, null);
      return false;
    });
  }

  /** Cancel the queued thumbnail jobs of these clips (their frame jobs stay). */
  cancelThumbnails(clipIds: Iterable<string>): void {
    const ids = new Set(clipIds);
    this.queue = this.queue.filter((j) => {
      if (!j.thumbnailOnly || !ids.has(j.clipId)) return true;
      this.finish(j, null);
      return false;
    });
  }

  destroy(): void {
    this.cancel();
    for (const s of this.slots) {
      for (const j of s.inFlight.values()) this.finish(j, null);
      s.worker.terminate();
    }
    this.slots = [];
    this.buffers.clear();
  }

  private finish(job: Job, outcome: JobOutcome): void {
    if (this.jobs.get(job.key) === job) this.jobs.delete(job.key);
    job.resolve(outcome);
  }

  private ensureWorkers(n: number): void {
    while (this.slots.length < Math.min(n, this.size)) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const worker = this.createWorker();
    const slot: Slot = { worker, inFlight: new Map(), clips: new Set(), warmWaiters: new Map() };
    worker.onmessage = (e) => this.onMessage(slot, e.data);
    worker.onerror = (e) => this.onWorkerError(slot, e);
    return slot;
  }

  private onMessage(slot: Slot, msg: FromWorker): void {
    if (msg.type === 'warm') {
      slot.warmWaiters.get(msg.id)?.(msg.ms);
      slot.warmWaiters.delete(msg.id);
      return;
    }
    if (msg.type === 'check') {
      const clip = this.clips.get(msg.clipId);
      if (clip?.native === 'checking') clip.native = msg.check ?? 'unchecked';
      this.pump();
      return;
    }
    if (msg.inputs) this.buffers.returnInputs(msg.inputs);
    const job = slot.inFlight.get(msg.id);
    if (!job) {
      if (msg.type === 'frame' && msg.frame?.kind === 'bitmap') msg.frame.bitmap.close();
      return;
    }
    slot.inFlight.delete(msg.id);
    const clip = this.clips.get(job.clipId);
    // A check job that failed is asked again with another frame (its verdict comes as a 'check' message).
    if (clip?.native === 'checking' && msg.type === 'error' && this.checkJobs.has(job.id)) clip.native = 'unchecked';
    this.checkJobs.delete(job.id);
    if (msg.type === 'frame') {
      this.stats.decoded++;
      if (msg.decoder === 'browser') this.stats.browserDecoded++;
      if (clip && msg.frame && msg.frame.kind !== 'bitmap') clip.outBytes = frameBytes(msg.frame);
      this.stats.decodeMs += msg.decodeMs;
      this.finish(job, { ok: true, value: { decodeMs: msg.decodeMs, decoder: msg.decoder, ...(msg.frame ? { frame: msg.frame } : {}), ...(msg.thumbnail ? { thumbnail: msg.thumbnail } : {}) } });
    } else {
      this.stats.failed++;
      this.finish(job, { ok: false, error: msg.error });
    }
    this.pump();
  }

  /** A worker died (script or WebAssembly failure): fail its jobs and replace it (a few times). */
  private onWorkerError(slot: Slot, e: ErrorEvent | Event): void {
    const detail = 'message' in e && e.message ? e.message : 'the decode worker stopped';
    for (const j of slot.inFlight.values()) {
      const clip = this.clips.get(j.clipId);
      if (clip?.native === 'checking' && this.checkJobs.delete(j.id)) clip.native = 'unchecked';
      this.finish(j, {
        ok: false,
        error: dicomError('decode-failed', `Frame ${j.index + 1} could not be decoded: the decoder stopped.`, {
          ...(clip?.header.fileName ? { fileName: clip.header.fileName } : {}),
          detail,
          action: 'Reload BlockPlan; if it happens again, export the clip again from the scanner or PACS.',
        }),
      });
    }
    slot.inFlight.clear();
    for (const w of slot.warmWaiters.values()) w(Number.NaN);
    slot.worker.terminate();
    this.slots = this.slots.filter((s) => s !== slot);
    if (this.respawns++ < 3) this.pump();
    else this.cancel();
  }

  /** Jobs a worker may hold at once for this clip. */
  private limitFor(clipId: string): number {
    const n = this.clips.get(clipId)?.native;
    return typeof n === 'object' && n.accepted ? this.nativePerWorker : this.perWorker;
  }

  private pump(): void {
    if (this.queue.length === 0) return;
    if (this.respawns <= 3) this.ensureWorkers(this.size);
    for (;;) {
      if (this.queue.length === 0) return;
      // The least busy worker, preferring one that already knows the clip of the next job.
      const best = this.pickJob();
      const job = this.queue[best]!;
      if (job.priority >= DecodePool.BACKGROUND && this.backgroundInFlight() >= this.backgroundLimit) return;
      const limit = this.limitFor(job.clipId);
      let slot: Slot | undefined;
      for (const s of this.slots) {
        if (s.inFlight.size >= limit) continue;
        if (!slot || s.inFlight.size < slot.inFlight.size || (s.inFlight.size === slot.inFlight.size && s.clips.has(job.clipId) && !slot.clips.has(job.clipId))) slot = s;
      }
      if (!slot) return;
      this.queue.splice(best, 1);
      const clip = this.clips.get(job.clipId);
      const payload = clip?.payload(job.index, this.buffers.allocInput);
      if (!clip || !payload) {
        this.finish(job, {
          ok: false,
          error: dicomError('truncated', `Frame ${job.index + 1} is not in the file.`, { ...(clip?.header.fileName ? { fileName: clip.header.fileName } : {}) }),
        });
        continue;
      }
      if (!slot.clips.has(job.clipId)) {
        slot.worker.postMessage({ type: 'clip', clipId: job.clipId, header: clip.header }, []);
        slot.clips.add(job.clipId);
      }
      slot.inFlight.set(job.id, job);
      const out = job.thumbnailOnly ? undefined : this.buffers.takeSpare(clip.outBytes);
      // The first frame job of a JPEG clip compares the decoders (not a thumbnail-only job: its
      // decode is a reduced-size preview).
      const check = clip.native === 'unchecked' && !job.thumbnailOnly;
      if (check) {
        clip.native = 'checking';
        this.checkJobs.add(job.id);
      }
      const verdict = typeof clip.native === 'object' && clip.native.accepted ? clip.native.signature : undefined;
      const msg: ToWorker = {
        type: 'decode',
        id: job.id,
        clipId: job.clipId,
        index: job.index,
        payload,
        returnInputs: true,
        ...(this.bitmaps ? { bitmap: true } : {}),
        ...(check ? { check: true } : {}),
        ...(verdict !== undefined ? { native: verdict } : {}),
        ...(job.thumbnailPx ? { thumbnailPx: job.thumbnailPx } : {}),
        ...(job.thumbnailOnly ? { thumbnailOnly: true } : {}),
        ...(out ? { out } : {}),
      };
      // The payload's buffer travels to the worker and back, and greyscale/RGBA pixels go into a
      // recycled buffer (buffers.ts).
      slot.worker.postMessage(msg, out ? [...payloadTransferables(payload), out] : payloadTransferables(payload));
    }
  }

  private backgroundInFlight(): number {
    let n = 0;
    for (const s of this.slots) for (const j of s.inFlight.values()) if (j.priority >= DecodePool.BACKGROUND) n++;
    return n;
  }

  private pickJob(): number {
    let best = 0;
    for (let i = 1; i < this.queue.length; i++) {
      const a = this.queue[i]!;
      const b = this.queue[best]!;
      if (a.priority < b.priority || (a.priority === b.priority && a.id < b.id)) best = i;
    }
    return best;
  }
}
