/**
 * The decode pool's types: workers as the pool sees them, jobs, outcomes and options (pool.ts).
 */
import type { DicomError } from '../../core/dicom/errors';
import type { Result } from '../../core/result';
import type { NativeCheck } from './native-check';
import type { ClipHeader, FrameDecoder, FramePayload, FromWorker, Thumbnail, ToWorker, ViewerFrame } from './protocol';

/** What the pool needs of a worker (a real Worker, or an in-process stand-in in tests). */
export interface WorkerLike {
  postMessage(msg: ToWorker, transfer: Transferable[]): void;
  onmessage: ((e: MessageEvent<FromWorker>) => void) | null;
  onerror: ((e: ErrorEvent | Event) => void) | null;
  terminate(): void;
}

export interface Decoded {
  frame: ViewerFrame;
  /** Time the worker spent on the job, ms. */
  decodeMs: number;
  decoder: FrameDecoder;
  thumbnail?: Thumbnail;
}

/** null: the job was cancelled before it ran. */
export type DecodeOutcome = Result<Decoded, DicomError> | null;
export type JobOutcome = Result<Omit<Decoded, 'frame'> & { frame?: ViewerFrame }, DicomError> | null;

export interface Job {
  id: number;
  key: string;
  clipId: string;
  index: number;
  priority: number;
  thumbnailPx?: number;
  thumbnailOnly?: boolean;
  promise: Promise<JobOutcome>;
  /** The outcome as decode() gives it (one promise per job, shared by every caller). */
  decoded?: Promise<DecodeOutcome>;
  resolve(o: JobOutcome): void;
}

export interface Slot {
  worker: WorkerLike;
  inFlight: Map<number, Job>;
  clips: Set<string>;
  warmWaiters: Map<number, (ms: number) => void>;
}

export interface ClipEntry {
  header: ClipHeader;
  payload(index: number, alloc: (bytes: number) => Uint8Array): FramePayload | undefined;
  /** Bytes of a decoded greyscale/RGBA frame of this clip (known after the first one), for recycled buffers. */
  outBytes?: number;
  /** The browser's decoder: not a JPEG clip, not checked yet, being checked, or the verdict. */
  native: 'no' | 'unchecked' | 'checking' | NativeCheck;
}

export interface PoolOptions {
  /** Number of workers (default: logical cores, 1–4). */
  size?: number;
  /** Jobs sent to one worker before it answers (default 2: hides message latency). */
  perWorker?: number;
  /** Jobs in flight per worker for clips the browser decodes (default 4: its decodes run in parallel). */
  nativePerWorker?: number;
  /**
   * Try the browser's JPEG decoder (checked per clip; default: where the browser has
   * createImageBitmap and OffscreenCanvas).
   */
  nativeJpeg?: boolean;
  /** Colour frames as ImageBitmaps (default: as nativeJpeg's default). */
  bitmaps?: boolean;
  createWorker?: () => WorkerLike;
}
