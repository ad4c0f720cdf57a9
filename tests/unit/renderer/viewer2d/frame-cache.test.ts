import { describe, expect, it } from 'vitest';
import { FrameCache, MB } from '../../../../renderer/viewer2d/frame-cache';
import { adaptiveStride, isTransient, keepPlan, keepScore, lookaheadFrames, planOrder, playbackDistance, playbackPath, prefetchOrder, prefetchStride, type KeepPlan } from '../../../../renderer/viewer2d/prefetch';
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

  it('keeps the whole clip when it fits, else residents plus a window, with transient frames spread evenly', () => {
    expect(keepPlan(100, 200, 45)).toEqual({ n: 100, transient: 0, window: 100 });
    const p = keepPlan(300, 242, 60);
    // Residents + transient frames inside the window + one in flight fit in the cache …
    const inWindow = (plan: KeepPlan, from: number) => Array.from({ length: plan.window }, (_, d) => (from + d) % plan.n).filter((f) => isTransient(f, plan.n, plan.transient)).length;
    for (let from = 0; from < 300; from++) expect(300 - p.transient + inWindow(p, from) + 1).toBeLessThanOrEqual(242);
    // … with as few transient frames as that allows (one fewer would not fit).
    expect(300 - (p.transient - 1) + Math.ceil((60 * (p.transient - 1)) / 300) + 1).toBeGreaterThan(242);
    // Spread evenly: exactly m of them, never two in a row while fewer than half the frames are transient.
    const t = Array.from({ length: 300 }, (_, f) => isTransient(f, 300, p.transient));
    expect(t.filter(Boolean)).toHaveLength(p.transient);
    expect(t.some((x, f) => x && t[(f + 1) % 300])).toBe(false);
    expect(lookaheadFrames(30, 1)).toBe(45);
    expect(lookaheadFrames(30, 4)).toBe(180);
    expect(lookaheadFrames(2, 1)).toBe(8);
  });

  it('ranks the window, then residents, then transient frames; orders the window first and leaves transient frames beyond it out', () => {
    const p = keepPlan(300, 242, 15);
    const transient = Array.from({ length: 300 }, (_, f) => f).filter((f) => isTransient(f, 300, p.transient));
    const farTransient = transient.find((f) => f > 100)!;
    const nearResident = [20, 21].find((f) => !isTransient(f, 300, p.transient))!;
    const farResident = [290, 291].find((f) => !isTransient(f, 300, p.transient))!;
    const s = (f: number) => keepScore(p, 0, f, 'loop');
    expect(s(3)).toBeGreaterThan(s(nearResident));
    expect(s(nearResident)).toBeGreaterThan(s(farResident));
    expect(s(farResident)).toBeGreaterThan(s(farTransient));
    const order = planOrder(p, 0, 'loop', 1);
    expect(order.slice(0, 15)).toEqual(Array.from({ length: 15 }, (_, f) => f));
    expect(order).not.toContain(farTransient);
    expect(order).toHaveLength(300 - transient.filter((f) => f >= 15).length);
  });
});

/**
 * Simulate looping playback of an n-frame clip at `speed` × 30 fps on a 60 Hz display with a cache
 * of `capacity` frames, as the clip store does: every 50 ms rank the cache and decode the planned
 * frames that are missing (instantly); count decodes per pass after three passes.
 */
function decodesPerPass(n: number, capacity: number, speed: number, mode: LoopMode, policy: 'plan' | 'lru'): number {
  const fps = 30;
  let sched = 0;
  let plan = keepPlan(n, capacity, lookaheadFrames(fps, speed, 0.5));
  const cache = new FrameCache<number>(capacity);
  if (policy === 'plan') cache.setKeepScore((k) => keepScore(plan, sched, Number(k), mode));
  let decodes = 0;
  let pos = 0;
  const ticksPerPass = Math.round((n / (fps * speed)) * 60);
  for (let tick = 0; tick < ticksPerPass * 4; tick++) {
    if (tick === ticksPerPass * 3) decodes = 0;
    const playhead = Math.floor(pos) % n;
    if (tick % 3 === 0) {
      sched = playhead;
      plan = keepPlan(n, capacity, lookaheadFrames(fps, speed, 0.5));
      const order = policy === 'plan' ? planOrder(plan, playhead, mode, 1) : prefetchOrder(playhead, n, mode, 1, lookaheadFrames(fps, speed));
      for (const f of order) {
        if (cache.has(String(f))) continue;
        decodes++;
        cache.put(String(f), f, 1);
      }
    }
    if (!cache.has(String(playhead))) {
      // A demand miss: the frame due had been evicted. Never happens with the plan.
      expect(policy).toBe('lru');
      decodes++;
      cache.put(String(playhead), playhead, 1);
    }
    cache.get(String(playhead));
    pos += (fps * speed) / 60;
  }
  return decodes;
}

describe('cache and prefetch together', () => {
  it('decodes a clip that fits once, then never again', () => {
    expect(decodesPerPass(100, 150, 1, 'loop', 'plan')).toBe(0);
    expect(decodesPerPass(100, 150, 4, 'loop', 'plan')).toBe(0);
  });

  it('re-decodes only about the part that does not fit, once per pass, at 1× and 4× (plain LRU re-decodes every frame)', () => {
    // 300 frames of 800×600 RGBA (1.83 MiB) in the 465 MiB left by the memory setting: 253 fit.
    const n = 300;
    const capacity = Math.floor((465 * MB) / (800 * 600 * 4));
    expect(capacity).toBe(253);
    expect(decodesPerPass(n, capacity, 1, 'loop', 'lru')).toBeGreaterThanOrEqual(n);
    for (const speed of [1, 4]) {
      const plan = keepPlan(n, capacity, lookaheadFrames(30, speed, 0.5));
      const d = decodesPerPass(n, capacity, speed, 'loop', 'plan');
      // The transient frames, each once (± one at the edge of the pass) …
      expect(Math.abs(d - plan.transient)).toBeLessThanOrEqual(1);
      // … which is little more than what does not fit (the window's share at 4×).
      expect(d).toBeLessThanOrEqual(Math.ceil((n - capacity) * (speed === 1 ? 1.1 : 1.3)));
    }
  });
});

describe('plan at high speed', () => {
  it('decodes only every stride-th transient frame when the display cannot show them all', () => {
    // 1000 frames, room for 330: 60 fps at 4× on a 60 Hz display, stride 2.
    const p = keepPlan(1000, 330, lookaheadFrames(60, 4, 0.5));
    const stride = prefetchStride(60, 4, 60);
    expect(stride).toBe(2);
    // A Frame Time of 16.6667 ms (DS, rounded) is 59.9999 fps: still 2.
    expect(prefetchStride(1000 / 16.6667, 4, 60)).toBe(2);
    const order = planOrder(p, 0, 'loop', 1, stride);
    const transientInOrder = order.filter((f) => isTransient(f, 1000, p.transient));
    expect(transientInOrder.length).toBeGreaterThan(0);
    expect(transientInOrder.every((f) => f % 2 === 0)).toBe(true);
    // Residents are all there (they stay decoded), and every refresh-sized step of 4 due frames
    // within the window still has a decoded candidate.
    const set = new Set(order);
    for (let f = 0; f < 1000; f++) if (!isTransient(f, 1000, p.transient)) expect(set.has(f)).toBe(true);
    for (let f = 0; f + 4 <= p.window; f += 4) expect([f, f + 1, f + 2, f + 3].some((x) => set.has(x))).toBe(true);
  });
});
