/**
 * Decoded frames in memory, within a byte budget (default 512 MB, a setting).
 *
 * Eviction order: entries with the lowest *keep score* go first; among equal scores the least
 * recently used goes first (plain LRU when no scorer is set). The viewer sets a scorer that ranks
 * the playing clip's frames (prefetch.ts keepScore: the window ahead, then the frames that stay,
 * then the transient ones) and every other clip's frames below them: in a loop that does not fit
 * the budget, plain LRU would evict exactly the frame needed next and re-decode the whole clip on
 * every pass; the plan re-decodes about the part that does not fit, once per pass (see
 * docs/BENCHMARKS.md, Viewer).
 *
 * Sizes are in bytes of pixel data (what the typed arrays hold); the budget is a ceiling on that sum.
 */

/** Higher = keep longer. Return -Infinity for "evict first", +Infinity to pin. */
export type KeepScore = (key: string) => number;

interface Entry<V> {
  value: V;
  bytes: number;
  /** Monotonic use counter (higher = used more recently). */
  used: number;
}

export const MB = 1024 * 1024;
/** Default cache budget, MB (issue 4: 512 MB). */
export const DEFAULT_CACHE_BUDGET_MB = 512;

export class FrameCache<V> {
  private entries = new Map<string, Entry<V>>();
  private used = 0;
  private clock = 0;
  private budget: number;
  private scorer: KeepScore | null = null;

  constructor(
    budgetBytes: number,
    private readonly onEvict?: (key: string, value: V) => void,
  ) {
    this.budget = Math.max(0, budgetBytes);
  }

  get budgetBytes(): number {
    return this.budget;
  }
  /** Sum of the sizes of the entries held, bytes. */
  get usedBytes(): number {
    return this.used;
  }
  get size(): number {
    return this.entries.size;
  }

  /** Change the budget; evicts at once when the new budget is smaller. */
  setBudget(bytes: number): void {
    this.budget = Math.max(0, bytes);
    this.evictUntil(0);
  }

  /** Set (or clear) the keep-score function used to choose victims. */
  setKeepScore(fn: KeepScore | null): void {
    this.scorer = fn;
  }

  has(key: string): boolean {
    return this.entries.has(key);
  }

  /** Get and mark as recently used. */
  get(key: string): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    e.used = ++this.clock;
    return e.value;
  }

  /** Get without touching recency. */
  peek(key: string): V | undefined {
    return this.entries.get(key)?.value;
  }

  /**
   * Insert (or replace). Returns false when the entry is not kept: larger than the whole budget, or
   * worth less (by the keep score) than everything that would have to be evicted for it.
   */
  put(key: string, value: V, bytes: number): boolean {
    if (bytes > this.budget) return false;
    const old = this.entries.get(key);
    if (old) {
      this.used -= old.bytes;
      this.entries.delete(key);
    }
    const need = this.used + bytes - this.budget;
    if (need > 0) {
      const score = this.scorer ? this.scorer(key) : Infinity;
      if (!this.evictUntil(bytes, score)) {
        if (old) this.onEvict?.(key, old.value);
        return false;
      }
    }
    this.entries.set(key, { value, bytes, used: ++this.clock });
    this.used += bytes;
    return true;
  }

  delete(key: string): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.used -= e.bytes;
    this.onEvict?.(key, e.value);
    return true;
  }

  /** Remove every entry whose key matches (e.g. all frames of a closed clip). */
  deleteWhere(pred: (key: string) => boolean): number {
    let n = 0;
    for (const k of [...this.entries.keys()]) if (pred(k) && this.delete(k)) n++;
    return n;
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Evict until `extra` more bytes fit. Victims must not score above `incomingScore`, so a frame
   * needed later never pushes out one needed sooner (equal scores: least recently used goes).
   * Returns false (evicting nothing) when that is impossible.
   */
  private evictUntil(extra: number, incomingScore = Infinity): boolean {
    if (this.used + extra <= this.budget) return true;
    const ranked = [...this.entries.entries()].map(([k, e]) => ({ k, e, s: this.scorer ? this.scorer(k) : -Infinity }));
    const worse = (a: (typeof ranked)[number], b: (typeof ranked)[number]) => a.s - b.s || a.e.used - b.e.used;
    const victims: typeof ranked = [];
    let freed = 0;
    // Usually one victim makes room (a frame replaces a frame): pick the lowest by a scan; sort only
    // when many have to go (a smaller budget, a larger frame).
    const many = this.used + extra - this.budget > 4 * (this.used / Math.max(1, ranked.length));
    if (many) ranked.sort(worse);
    const taken = new Set<number>();
    for (let round = 0; round < ranked.length && this.used - freed + extra > this.budget; round++) {
      let pick = -1;
      if (many) pick = round;
      else for (let i = 0; i < ranked.length; i++) if (!taken.has(i) && (pick < 0 || worse(ranked[i]!, ranked[pick]!) < 0)) pick = i;
      const r = ranked[pick]!;
      if (r.s > incomingScore) return false;
      taken.add(pick);
      victims.push(r);
      freed += r.e.bytes;
    }
    if (this.used - freed + extra > this.budget) return false;
    for (const v of victims) {
      this.entries.delete(v.k);
      this.used -= v.e.bytes;
      this.onEvict?.(v.k, v.e.value);
    }
    return true;
  }
}
