/** A tiny promise wrapper over one IndexedDB object store (browser mode's recent files and autosave). */
const DB_NAME = 'blockplan';
const STORE = 'kv';

/**
 * The connection, opened once and kept: a write issued while the page unloads (the autosave on
 * `pagehide`) then reaches IndexedDB in the same task, instead of after an asynchronous open that
 * may never finish.
 */
let db: IDBDatabase | null = null;
let opening: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  opening ??= new Promise<IDBDatabase>((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => {
      const conn = req.result;
      // Another tab upgrading the database, or the browser closing it: open again next time.
      conn.onversionchange = () => {
        conn.close();
        forget(conn);
      };
      conn.onclose = () => forget(conn);
      db = conn;
      resolve(conn);
    };
    req.onerror = () => {
      opening = null;
      reject(req.error ?? new Error('IndexedDB unavailable'));
    };
  });
  return opening;
}

function forget(conn: IDBDatabase): void {
  if (db === conn) {
    db = null;
    opening = null;
  }
}

/** Starts the transaction synchronously (throws if the connection is closed), settles when it ends. */
function run<T>(conn: IDBDatabase, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const t = conn.transaction(STORE, mode);
  const req = fn(t.objectStore(STORE));
  return new Promise<T>((resolve, reject) => {
    t.oncomplete = () => resolve(req.result);
    t.onerror = () => reject(t.error ?? new Error('IndexedDB transaction failed'));
    t.onabort = () => reject(t.error ?? new Error('IndexedDB transaction aborted'));
    // Commit now rather than when the event loop comes back (which an unloading page may not see).
    if (mode === 'readwrite') (t as IDBTransaction & { commit?: () => void }).commit?.();
  });
}

/** One request in its own transaction; issued synchronously when the connection is already open. */
function tx<T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  if (db) {
    try {
      return run(db, mode, fn);
    } catch {
      // Closed under us (InvalidStateError): open again below.
      forget(db);
    }
  }
  return open().then((conn) => run(conn, mode, fn));
}

export const kvGet = <T>(key: string): Promise<T | undefined> => tx('readonly', (s) => s.get(key) as IDBRequest<T | undefined>);
export const kvSet = (key: string, value: unknown): Promise<IDBValidKey> => tx('readwrite', (s) => s.put(value, key));
export const kvDelete = (key: string): Promise<undefined> => tx('readwrite', (s) => s.delete(key) as IDBRequest<undefined>);

/** Every key in the store. */
export const kvKeys = (): Promise<IDBValidKey[]> => tx('readonly', (s) => s.getAllKeys());
/** Remove everything in the store. */
export const kvClear = (): Promise<undefined> => tx('readwrite', (s) => s.clear() as IDBRequest<undefined>);
