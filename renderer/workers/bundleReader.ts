/**
 * Reading a bundled case (.bpcasez) off the UI thread: core/plan's readBundle (bounded inflation,
 * only the entries the case references, see BUNDLE_LIMITS) runs in bundle.worker.ts, so even a
 * large or hostile bundle never blocks the window. The clips come back as transferred buffers.
 */
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import { readBundle, type Case, type ReadBundle } from '../../core/plan/index';

/** Sent to the worker: the bundle's bytes (copied by postMessage; the caller keeps its own). */
export interface BundleRequest {
  bytes: Uint8Array;
  fileName: string;
}

/** The worker's answer: the case and each clip's bytes by id, or the error to show. */
export type BundleReply = { ok: true; plan: Case; clips: [string, Uint8Array][]; migrated: boolean } | { ok: false; error: AppError };

/** The worker's side: read one bundle; returns the reply and the buffers to transfer. */
export function answerBundleRequest(req: BundleRequest): { reply: BundleReply; transfer: Transferable[] } {
  const r = readBundle(req.bytes, req.fileName);
  if (!r.ok) return { reply: { ok: false, error: r.error }, transfer: [] };
  const clips = [...r.value.clipBytes];
  // Each clip owns its buffer (readBundle never returns views of the bundle), so each can move.
  const transfer = [...new Set(clips.map(([, b]) => b.buffer))].filter((b): b is ArrayBuffer => Object.prototype.toString.call(b) === '[object ArrayBuffer]');
  return { reply: { ok: true, plan: r.value.plan, clips, migrated: r.value.migrated }, transfer };
}

/** What the client needs of a worker (a real Worker, or an in-process stand-in in tests). */
export interface BundleWorkerLike {
  onmessage: ((e: MessageEvent<BundleReply>) => void) | null;
  onerror: ((e: ErrorEvent | Event) => void) | null;
  postMessage(msg: BundleRequest): void;
  terminate(): void;
}

function createBundleWorker(): BundleWorkerLike | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return new Worker(new URL('./bundle.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-bundle' }) as unknown as BundleWorkerLike;
}

/**
 * Read and check a bundle in a worker of its own (ended when it answers). Where no Worker exists
 * (unit tests under jsdom) it reads in place. Never rejects: a crashed or out-of-memory worker is
 * an AppError naming the file.
 */
export function readBundleOffThread(bytes: Uint8Array, fileName: string, create: () => BundleWorkerLike | undefined = createBundleWorker): Promise<Result<ReadBundle>> {
  const worker = create();
  if (!worker) return Promise.resolve(readBundle(bytes, fileName));
  return new Promise((resolve) => {
    worker.onmessage = (e) => {
      worker.terminate();
      const r = e.data;
      resolve(r.ok ? ok({ plan: r.plan, clipBytes: new Map(r.clips), migrated: r.migrated }) : err(r.error));
    };
    worker.onerror = (e) => {
      worker.terminate();
      const detail = e instanceof ErrorEvent ? e.message : 'the reader stopped';
      resolve(err(appError('bundle/read-failed', 'The bundled case could not be read (the reader ran out of memory or stopped).', { file: fileName, action: 'Unzip the bundle and open its case file instead.', detail })));
    };
    worker.postMessage({ bytes, fileName });
  });
}
