/**
 * The cache of retrieved instances (by SOP Instance UID) with a size limit: the least recently used
 * are dropped first when a new one would exceed it. Storage is a port (the app: IndexedDB in the
 * renderer, renderer/bridge/pacsCache.ts; tests: memory). An instance larger than the limit is not
 * cached at all.
 */
export interface CacheEntryInfo {
  key: string;
  /** Size, bytes. */
  bytes: number;
  /** Last use, ms since the epoch. */
  usedAt: number;
}

export interface CacheStorePort {
  list(): Promise<CacheEntryInfo[]>;
  get(key: string): Promise<Uint8Array | null>;
  put(key: string, bytes: Uint8Array, usedAt: number): Promise<void>;
  touch(key: string, usedAt: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export class InstanceCache {
  constructor(
    private readonly store: CacheStorePort,
    /** Size limit, bytes. */
    public limitBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  async get(sopInstanceUid: string): Promise<Uint8Array | null> {
    const b = await this.store.get(sopInstanceUid);
    if (b) await this.store.touch(sopInstanceUid, this.now());
    return b;
  }

  /** Stores `bytes`, first evicting least recently used entries so the total stays within the limit. */
  async put(sopInstanceUid: string, bytes: Uint8Array): Promise<boolean> {
    if (bytes.byteLength > this.limitBytes) return false;
    const entries = (await this.store.list()).filter((e) => e.key !== sopInstanceUid).sort((a, b) => a.usedAt - b.usedAt);
    let total = entries.reduce((s, e) => s + e.bytes, 0) + bytes.byteLength;
    for (const e of entries) {
      if (total <= this.limitBytes) break;
      await this.store.delete(e.key);
      total -= e.bytes;
    }
    await this.store.put(sopInstanceUid, bytes, this.now());
    return true;
  }

  /** Bytes used and entries. */
  async usage(): Promise<{ bytes: number; entries: number }> {
    const l = await this.store.list();
    return { bytes: l.reduce((s, e) => s + e.bytes, 0), entries: l.length };
  }

  /** Shrink to the limit now (after the user lowered it). */
  async trim(): Promise<void> {
    const entries = (await this.store.list()).sort((a, b) => a.usedAt - b.usedAt);
    let total = entries.reduce((s, e) => s + e.bytes, 0);
    for (const e of entries) {
      if (total <= this.limitBytes) break;
      await this.store.delete(e.key);
      total -= e.bytes;
    }
  }

  async clear(): Promise<void> {
    for (const e of await this.store.list()) await this.store.delete(e.key);
  }
}

/** A cache store in memory (tests; a fallback when IndexedDB is unavailable). */
export function memoryCacheStore(): CacheStorePort {
  const m = new Map<string, { bytes: Uint8Array; usedAt: number }>();
  return {
    list: async () => [...m].map(([key, v]) => ({ key, bytes: v.bytes.byteLength, usedAt: v.usedAt })),
    get: async (k) => m.get(k)?.bytes ?? null,
    put: async (k, bytes, usedAt) => void m.set(k, { bytes, usedAt }),
    touch: async (k, usedAt) => {
      const v = m.get(k);
      if (v) v.usedAt = usedAt;
    },
    delete: async (k) => void m.delete(k),
  };
}
