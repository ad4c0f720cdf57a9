import { describe, expect, it } from 'vitest';
import { InstanceCache, memoryCacheStore } from '../../../../core/app/pacsCache';

describe('instance cache with a size limit', () => {
  it('evicts the least recently used first, never exceeds the limit, skips what cannot fit', async () => {
    let t = 0;
    const c = new InstanceCache(memoryCacheStore(), 100, () => ++t);
    await c.put('a', new Uint8Array(40));
    await c.put('b', new Uint8Array(40));
    expect(await c.get('a')).not.toBeNull(); // a is now more recent than b
    await c.put('c', new Uint8Array(40)); // 120 > 100: b goes
    expect(await c.get('b')).toBeNull();
    expect(await c.get('a')).not.toBeNull();
    expect((await c.usage()).bytes).toBe(80);
    expect(await c.put('huge', new Uint8Array(101))).toBe(false);
    expect((await c.usage()).entries).toBe(2);
    c.limitBytes = 50;
    await c.trim();
    expect((await c.usage()).bytes).toBeLessThanOrEqual(50);
  });
});
