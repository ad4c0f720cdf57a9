/**
 * A pool of decode workers with one priority queue.
 *
 * Jobs are (clip, frame) pairs with a priority (lower = sooner): the viewer gives the frame on
 * screen the top priority and frames ahead of the playhead increasing ones, and re-ranks or cancels
 * queued jobs as the playhead moves. A frame's bytes are cut from the file only when its job is sent
 * (see protocol.ts), so a long queue costs no memory; the buffers that carry them go to the worker
 * and come back for the next job, and the pixel buffers of dropped frames are decoded into again
 * (recycle()), so playing a clip larger than the memory setting leaves no garbage of its own
 * to pile up until the next garbage collection.
 */
import type { DicomError } from '../../core/dicom/errors';
import { dicomError } from '../../core/dicom/errors';
import type { DecodedFrame } from '../../core/dicom/types';
import type { Result } from '../../core/result';
import { frameBytes, payloadTransferables, type ClipHeader, type FramePayload, type FromWorker, type Thumbnail, type ToWorker } from './protocol';

/** What the pool needs of a worker (a real Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(msg: ToWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent | Event) => void) | null;
  terminate(): void;
}

export interface Decoded {
  frame: DecodedFrame;
  /** Time the worker spent decoding, ms. */
  decodeMs: number;
  thumbnail?: Thumbnail;
}

/** null: the job was cancelled before it ran. */
export type DecodeOutcome = Result<Decoded, DicomError> | null;

interface Job {
  id: number;
  key: string;
  clipId: string;
  index: number;
  priority: number;
  thumbnailPx?: number;
  promise: Promise<DecodeOutcome>;
  resolve(o: DecodeOutcome): void;
}

interface Slot {
  worker: WorkerLike;
  inFlight: Map<number, Job>;
  clips: Set<string>;
  warmWaiters: Map<number, (ms: number) => void>;
}

interface ClipEntry {
  header: ClipHeader;
  payload(index: number, alloc: (bytes: number) => Uint8Array): FramePayload | undefined;
  /** Bytes of a decoded frame of this clip (known after the first one), for recycled buffers. */
  outBytes?: number;
}

export interface PoolOptions {
  /** Number of workers (default: logical cores, 1–4). */
  size?: number;
  /** Jobs sent to one worker before it answers (default 2: hides message latency). */
  perWorker?: number;
  createWorker?: () => WorkerLike;
}

/** Default pool size: one worker per logical core, at least 1, at most 4. */
export function defaultPoolSize(): number {
  const hc = typeof navigator !== 'undefined' && navigator.hardwareConcurrency ? navigator.hardwareConcurrency : 2;
  return Math.max(1, Math.min(4, hc));
}

export function createBrowserWorker(): WorkerLike {
  return new Worker(new URL('./decode.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-decode' }) as unknown as WorkerLike;
}

/** Buffers for compressed frame bytes are allocated in multiples of this, bytes. */
const INPUT_QUANTUM = 64 * 1024;

export class DecodePool {
  readonly size: number;
  private readonly perWorker: number;
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
  /** Frames decoded and total worker decode time, ms (for diagnostics and benchmarks). */
  readonly stats = { decoded: 0, failed: 0, decodeMs: 0, recycled: 0, inputsReused: 0 };
  /** Pixel buffers of frames the viewer dropped, by size, waiting to be decoded into (recycle()). */
  private spare = new Map<number, ArrayBuffer[]>();
  /** Buffers for compressed frame bytes, back from the workers, reused for the next jobs. */
  private inputs: ArrayBuffer[] = [];
  private readonly allocInput = (bytes: number): Uint8Array => {
    let best = -1;
    for (let i = 0; i < this.inputs.length; i++) {
      const b = this.inputs[i]!;
      if (b.byteLength >= bytes && (best < 0 || b.byteLength < this.inputs[best]!.byteLength)) best = i;
    }
    if (best >= 0) this.stats.inputsReused++;
    const buf = best >= 0 ? this.inputs.splice(best, 1)[0]! : new ArrayBuffer(Math.max(INPUT_QUANTUM, Math.ceil(bytes / INPUT_QUANTUM) * INPUT_QUANTUM));
    return new Uint8Array(buf, 0, bytes);
  };

  constructor(opts: PoolOptions = {}) {
    this.size = opts.size ?? defaultPoolSize();
    this.perWorker = opts.perWorker ?? 2;
    this.createWorker = opts.createWorker ?? createBrowserWorker;
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
    this.clips.set(clipId, { header, payload });
  }

  /**
   * Offer the pixel buffer of a frame nobody holds any more: the next decode of a frame of that
   * size writes into it instead of a new buffer. A dropped buffer that arrived from a worker stays
   * in memory until the main thread's next garbage collection (V8 waits for tens of MB of them);
   * a recycled one is reused at once. At most `maxSpare` buffers per size are kept.
   */
  recycle(buffer: ArrayBuffer): void {
    if (!(buffer.byteLength > 0)) return;
    let list = this.spare.get(buffer.byteLength);
    if (!list) {
      if (![...this.clips.values()].some((c) => c.outBytes === buffer.byteLength)) return;
      list = [];
      this.spare.set(buffer.byteLength, list);
    }
    if (list.length < this.maxSpare && !list.includes(buffer)) list.push(buffer);
  }

  private get maxSpare(): number {
    return this.size * this.perWorker;
  }

  /**
   * Decoded frames that can be outside the viewer's cache at once: in the workers (perWorker each)
   * and in the recycle list. The memory setting reserves room for them.
   */
  get framesInTransit(): number {
    return this.size * this.perWorker + this.maxSpare;
  }

  /** Cancel a clip's queued jobs and forget it in every worker. */
  removeClip(clipId: string): void {
    this.cancel(clipId);
    this.clips.delete(clipId);
    for (const size of [...this.spare.keys()]) if (![...this.clips.values()].some((c) => c.outBytes === size)) this.spare.delete(size);
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
    const key = `${clipId}:${index}`;
    const existing = this.jobs.get(key);
    if (existing) {
      if (priority < existing.priority) existing.priority = priority;
      if (opts.thumbnailPx && !existing.thumbnailPx && this.queue.includes(existing)) existing.thumbnailPx = opts.thumbnailPx;
      return existing.promise;
    }
    if (!this.clips.has(clipId)) return Promise.resolve({ ok: false, error: dicomError('decode-failed', `Frame ${index + 1}: this clip is closed.`) });
    let resolve!: (o: DecodeOutcome) => void;
    const promise = new Promise<DecodeOutcome>((r) => (resolve = r));
    const job: Job = { id: this.nextId++, key, clipId, index, priority, promise, resolve, ...(opts.thumbnailPx ? { thumbnailPx: opts.thumbnailPx } : {}) };
    this.jobs.set(key, job);
    this.queue.push(job);
    this.pump();
    return promise;
  }

  /**
   * Re-rank a clip's queued jobs: `rank(index)` gives the new priority, or null to cancel the job.
   * Jobs already sent to a worker are not affected.
   */
  reprioritize(clipId: string, rank: (index: number) => number | null): void {
    const keep: Job[] = [];
    for (const j of this.queue) {
      if (j.clipId !== clipId) {
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

  destroy(): void {
    this.cancel();
    for (const s of this.slots) {
      for (const j of s.inFlight.values()) this.finish(j, null);
      s.worker.terminate();
    }
    this.slots = [];
    this.spare.clear();
    this.inputs = [];
  }

  private finish(job: Job, outcome: DecodeOutcome): void {
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
    if (msg.inputs) for (const b of msg.inputs) if (b.byteLength > 0 && this.inputs.length < this.maxSpare + 2) this.inputs.push(b);
    const job = slot.inFlight.get(msg.id);
    if (!job) return;
    slot.inFlight.delete(msg.id);
    if (msg.type === 'frame') {
      this.stats.decoded++;
      const clip = this.clips.get(job.clipId);
      if (clip) clip.outBytes = frameBytes(msg.frame);
      this.stats.decodeMs += msg.decodeMs;
      this.finish(job, { ok: true, value: { frame: msg.frame, decodeMs: msg.decodeMs, ...(msg.thumbnail ? { thumbnail: msg.thumbnail } : {}) } });
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
      const header = this.clips.get(j.clipId)?.header;
      this.finish(j, {
        ok: false,
        error: dicomError('decode-failed', `Frame ${j.index + 1} could not be decoded: the decoder stopped.`, {
          ...(header?.fileName ? { fileName: header.fileName } : {}),
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

  private pump(): void {
    if (this.queue.length === 0) return;
    if (this.respawns <= 3) this.ensureWorkers(this.size);
    for (;;) {
      if (this.queue.length === 0) return;
      // The least busy worker, preferring one that already knows the clip of the next job.
      const best = this.pickJob();
      const job = this.queue[best]!;
      if (job.priority >= DecodePool.BACKGROUND && this.backgroundInFlight() >= this.backgroundLimit) return;
      let slot: Slot | undefined;
      for (const s of this.slots) {
        if (s.inFlight.size >= this.perWorker) continue;
        if (!slot || s.inFlight.size < slot.inFlight.size || (s.inFlight.size === slot.inFlight.size && s.clips.has(job.clipId) && !slot.clips.has(job.clipId))) slot = s;
      }
      if (!slot) return;
      this.queue.splice(best, 1);
      const clip = this.clips.get(job.clipId);
      const payload = clip?.payload(job.index, this.allocInput);
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
      const out = clip.outBytes ? this.spare.get(clip.outBytes)?.pop() : undefined;
      if (out) this.stats.recycled++;
      const msg: ToWorker = {
        type: 'decode',
        id: job.id,
        clipId: job.clipId,
        index: job.index,
        payload,
        returnInputs: true,
        ...(job.thumbnailPx ? { thumbnailPx: job.thumbnailPx } : {}),
        ...(out ? { out } : {}),
      };
      // The payload's buffer travels to the worker and back, and the pixels go into a recycled
      // buffer: every buffer a message carries stays referenced by that message until the receiving
      // thread's next garbage collection, so buffers that circulate cost nothing extra while fresh
      // ones per job would pile up by tens of MB (docs/BENCHMARKS.md, Viewer).
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
