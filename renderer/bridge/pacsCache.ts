/**
 * IndexedDB storage for the PACS instance cache (core/app/pacsCache.ts keeps it within its size
 * limit). One database of its own, so clearing it never touches recent files or the autosave. Falls
 * back to memory when IndexedDB is unavailable.
 */
import { memoryCacheStore, type CacheEntryInfo, type CacheStorePort } from '../../core/app/pacsCache';

const DB = 'blockplan-pacs-cache';
const DATA = 'bytes';
const INFO = 'info';

function req<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

let opened: Promise<IDBDatabase> | null = null;
function open(): Promise<IDBDatabase> {
  opened ??= new Promise((resolve, reject) => {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      r.result.createObjectStore(DATA);
      r.result.createObjectStore(INFO);
    };
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => {
      opened = null;
      reject(r.error);
    };
  });
  return opened;
}

async function tx<T>(stores: string[], mode: IDBTransactionMode, fn: (t: IDBTransaction) => Promise<T>): Promise<T> {
  const db = await open();
  const t = db.transaction(stores, mode);
  const done = new Promise<void>((res, rej) => {
    t.oncomplete = () => res();
    t.onerror = () => rej(t.error);
    t.onabort = () => rej(t.error);
  });
  const v = await fn(t);
  await done;
  return v;
}

export function indexedDbCacheStore(): CacheStorePort {
  if (typeof indexedDB === 'undefined') return memoryCacheStore();
  return {
    list: () => tx([INFO], 'readonly', (t) => req(t.objectStore(INFO).getAll() as IDBRequest<CacheEntryInfo[]>)),
    get: async (key) => (await tx([DATA], 'readonly', (t) => req(t.objectStore(DATA).get(key) as IDBRequest<Uint8Array | undefined>))) ?? null,
    put: (key, bytes, usedAt) =>
      tx([DATA, INFO], 'readwrite', async (t) => {
        t.objectStore(DATA).put(bytes, key);
        t.objectStore(INFO).put({ key, bytes: bytes.byteLength, usedAt } satisfies CacheEntryInfo, key);
      }),
    touch: (key, usedAt) =>
      tx([INFO], 'readwrite', async (t) => {
        const s = t.objectStore(INFO);
        const e = (await req(s.get(key) as IDBRequest<CacheEntryInfo | undefined>)) ?? null;
        if (e) s.put({ ...e, usedAt }, key);
      }),
    delete: (key) =>
      tx([DATA, INFO], 'readwrite', async (t) => {
        t.objectStore(DATA).delete(key);
        t.objectStore(INFO).delete(key);
      }),
  };
}
