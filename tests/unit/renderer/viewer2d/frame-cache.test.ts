import { describe, expect, it } from 'vitest';
import { FrameCache, MB } from '../../../../renderer/viewer2d/frame-cache';
import { adaptiveStride, lookaheadFrames, playbackDistance, playbackPath, prefetchLimit, prefetchOrder, prefetchStride } from '../../../../renderer/viewer2d/prefetch';
import type { LoopMode } from '../../../../renderer/viewer2d/cine-clock';

describe('frame cache budget', () => {
  it('never holds more bytes than the budget and evicts the least recently used first', () => {
    const evicted: string[] = [];
    const c = new FrameCache<number>(10 * MB, (k) => evicted.push(k));
    for (let i = 0; i < 10; i++) expect(c.put(`a:${i}`, i, 1 * MB)).toBe(true);
    expect(c.usedBytes).toBe(10 * MB);
    c.get('a:0'); // touch: a:1 is now the least recently used
    c.put('a:10', 10, 1 * MB);
    expect(evicted).toEqual(['a:1']);
    c.put('big', 0, 3 * MB);
    expect(evicted).toEqual(['a:1', 'a:2', 'a:3', 'a:4']);
    expect(c.usedBytes).toBeLessThanOrEqual(10 * MB);
    expect(c.has('a:0')).toBe(true);
  });

  it('refuses an entry larger than the whole budget, and shrinking the budget evicts', () => {
    const c = new FrameCache<number>(4 * MB);
    expect(c.put('x', 1, 5 * MB)).toBe(false);
    expect(c.size).toBe(0);
    for (let i = 0; i < 4; i++) c.put(`k${i}`, i, MB);
    c.setBudget(2 * MB);
    expect(c.usedBytes).toBe(2 * MB);
    expect(c.keys()).toEqual(['k2', 'k3']);
  });

  it('replacing a key does not count it twice', () => {
    const c = new FrameCache<number>(4 * MB);
    c.put('k', 1, 2 * MB);
    c.put('k', 2, 3 * MB);
    expect(c.usedBytes).toBe(3 * MB);
    expect(c.get('k')).toBe(2);
  });

  it('evicts by keep score first, and never for an entry worth less', () => {
    const c = new FrameCache<number>(3 * MB);
    const score: Record<string, number> = { a: 10, b: 5, c: 1, d: 3, e: 0 };
    c.setKeepScore((k) => score[k] ?? -Infinity);
    c.put('a', 0, MB);
    c.put('b', 0, MB);
    c.put('c', 0, MB);
    expect(c.put('d', 0, MB)).toBe(true); // evicts c (score 1 < 3)
    expect(c.keys().sort()).toEqual(['a', 'b', 'd']);
    expect(c.put('e', 0, MB)).toBe(false); // worth less than everything held
    expect(c.keys().sort()).toEqual(['a', 'b', 'd']);
  });

  it('deletes all frames of a clip', () => {
    const c = new FrameCache<number>(10 * MB);
    for (let i = 0; i < 3; i++) c.put(`c1:${i}`, i, MB);
    c.put('c2:0', 0, MB);
    expect(c.deleteWhere((k) => k.startsWith('c1:'))).toBe(3);
    expect(c.keys()).toEqual(['c2:0']);
    expect(c.usedBytes).toBe(MB);
  });
});

describe('playback order', () => {
  it('measures distance along loop, bounce and once paths', () => {
    expect(playbackDistance(8, 2, 10, 'loop')).toBe(4);
    expect(playbackDistance(2, 8, 10, 'loop')).toBe(6);
    expect(playbackDistance(8, 2, 10, 'once')).toBe(16);
    expect(playbackDistance(2, 8, 10, 'once')).toBe(6);
    // bounce forward from 8 (n=10): 9, turn (9 again), 8, 7, …, 2
    expect(playbackDistance(8, 9, 10, 'bounce', 1)).toBe(1);
    expect(playbackDistance(8, 2, 10, 'bounce', 1)).toBe(9 - 8 + (9 - 2) + 1);
    expect(playbackDistance(3, 1, 10, 'bounce', -1)).toBe(2);
    expect(playbackDistance(3, 5, 10, 'bounce', -1)).toBe(3 + 5 + 1);
  });

  it('lists the path ahead once per frame', () => {
    expect(playbackPath(7, 10, 'loop', 1, 5)).toEqual([7, 8, 9, 0, 1]);
    expect(playbackPath(7, 10, 'bounce', 1, 6)).toEqual([7, 8, 9, 6, 5, 4]);
    expect(playbackPath(2, 10, 'bounce', -1, 5)).toEqual([2, 1, 0, 3, 4]);
    expect(playbackPath(7, 10, 'once', 1, 5)).toEqual([7, 8, 9, 6, 5]);
    expect(playbackPath(0, 4, 'loop', 1, 100)).toEqual([0, 1, 2, 3]);
  });

  it('puts stride frames first when more fall due than the display can show', () => {
    expect(prefetchOrder(0, 10, 'loop', 1, 8, 2)).toEqual([0, 2, 4, 6, 1, 3, 5, 7]);
    expect(prefetchStride(30, 1)).toBe(1);
    expect(prefetchStride(30, 4)).toBe(1); // 2 per refresh
    expect(prefetchStride(60, 4)).toBe(2); // 4 per refresh
  });

  it('skips frames on purpose when the decoders cannot keep up, and only then', () => {
    // 60 fps clip, decoders managing 40 frames/s and falling behind: every second frame.
    expect(adaptiveStride(1, 60, 1, 40, true)).toBe(2);
    // 25 frames/s: every third.
    expect(adaptiveStride(1, 60, 1, 25, true)).toBe(3);
    // Keeping up, or not behind, or no measurement: unchanged.
    expect(adaptiveStride(1, 60, 1, 70, true)).toBe(1);
    expect(adaptiveStride(1, 60, 1, 25, false)).toBe(1);
    expect(adaptiveStride(2, 60, 4, 0, true)).toBe(2);
    // On top of the display stride (60 fps at 4× = 4 per refresh → base 2, need 120/s).
    expect(adaptiveStride(2, 60, 4, 50, true)).toBe(6);
  });

  it('keeps the whole clip when it fits, else a short lookahead plus the free room', () => {
    expect(prefetchLimit(100, 200, 45)).toBe(100);
    expect(prefetchLimit(300, 266, 45)).toBe(45);
    expect(prefetchLimit(300, 266, 45, 100)).toBe(145);
    expect(prefetchLimit(300, 266, 45, 1000)).toBe(265);
    expect(lookaheadFrames(30, 1)).toBe(45);
    expect(lookaheadFrames(30, 4)).toBe(180);
    expect(lookaheadFrames(2, 1)).toBe(8);
  });
});

/**
 * Simulate looping playback of an n-frame clip with a cache holding `capacity` frames: each step,
 * prefetch the planned window, then advance one frame. Count decodes during the last loop.
 */
function decodesPerLoop(n: number, capacity: number, mode: LoopMode, policy: 'playback' | 'lru'): number {
  let playhead = 0;
  const cache = new FrameCache<number>(capacity);
  if (policy === 'playback') cache.setKeepScore((k) => -playbackDistance(playhead, Number(k), n, mode));
  let decodes = 0;
  for (let step = 0; step < n * 4; step++) {
    if (step === n * 3) decodes = 0;
    const limit = prefetchLimit(n, capacity, lookaheadFrames(30, 1), capacity - cache.size);
    for (const f of prefetchOrder(playhead, n, mode, 1, limit)) {
      if (cache.has(String(f))) continue;
      decodes++;
      cache.put(String(f), f, 1);
    }
    if (!cache.has(String(playhead))) {
      // A demand miss: the frame on screen had been evicted. Never happens with the playback policy.
      expect(policy).toBe('lru');
      decodes++;
      cache.put(String(playhead), playhead, 1);
    }
    cache.get(String(playhead));
    playhead = (playhead + 1) % n;
  }
  return decodes;
}

describe('cache and prefetch together', () => {
  it('decodes a clip that fits once, then never again', () => {
    expect(decodesPerLoop(100, 150, 'loop', 'playback')).toBe(0);
  });

  it('re-decodes only the part that does not fit when looping over budget (plain LRU re-decodes every frame)', () => {
    // 300 frames of 800×600 RGBA (1.83 MiB) in 512 MiB: 279 fit.
    const n = 300;
    const capacity = Math.floor((512 * MB) / (800 * 600 * 4));
    expect(capacity).toBe(279);
    const smart = decodesPerLoop(n, capacity, 'loop', 'playback');
    const lru = decodesPerLoop(n, capacity, 'loop', 'lru');
    expect(lru).toBeGreaterThanOrEqual(n);
    // Each frame that does not fit comes back once per pass (plus the odd one at the window edge).
    expect(smart).toBeLessThanOrEqual(Math.ceil((n - capacity) * 1.2));
  });
});
