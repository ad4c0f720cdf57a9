/**
 * Read a chosen or dropped file's bytes in a worker (read.worker.ts) when the browser allows it:
 * a file arrives in many small chunks, and taking them on the main thread competes with the viewer
 * while a study folder of many clips is read one file after another. Falls back to reading here.
 */
let worker: Worker | null | undefined;
let nextId = 1;
const waiting = new Map<number, { resolve(b: ArrayBuffer): void; reject(e: Error): void }>();

function readerWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./read.worker.ts', import.meta.url), { type: 'module', name: 'blockplan-read' });
    worker.onmessage = (e: MessageEvent<{ id: number; buffer?: ArrayBuffer; error?: string }>) => {
      const w = waiting.get(e.data.id);
      waiting.delete(e.data.id);
      if (e.data.buffer) w?.resolve(e.data.buffer);
      else w?.reject(new Error(e.data.error ?? 'read failed'));
    };
    worker.onerror = () => {
      for (const w of waiting.values()) w.reject(new Error('the file reader stopped'));
      waiting.clear();
      worker?.terminate();
      worker = null;
    };
  } catch {
    worker = null;
  }
  return worker;
}

/** The whole file, read off the main thread where possible. */
export function readFileBytes(file: File): Promise<ArrayBuffer> {
  const w = typeof Worker === 'undefined' ? null : readerWorker();
  if (!w) return file.arrayBuffer();
  const id = nextId++;
  return new Promise<ArrayBuffer>((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    w.postMessage({ id, file });
  }).catch(() => file.arrayBuffer());
}
