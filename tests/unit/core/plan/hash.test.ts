import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { clipFacts, clipFactsAsync, setClipHasher } from '../../../../core/plan/clip-facts';
import { sha256Hex, sha256HexAsync } from '../../../../core/plan/hash';
import { sharedDir } from '../../../support/shared';

const fixture = () => new Uint8Array(readFileSync(join(sharedDir(), 'fixtures/dicom/cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm')));

describe('sha256HexAsync (WebCrypto where present)', () => {
  it('gives the same hex digest as sha256Hex and Node crypto, with WebCrypto and without', async () => {
    const bytes = fixture();
    const node = createHash('sha256').update(bytes).digest('hex');
    expect(await sha256HexAsync(bytes)).toBe(node);
    expect(await sha256HexAsync(bytes, null)).toBe(node);
    let called = 0;
    const counted = (a: 'SHA-256', d: Uint8Array) => (called++, crypto.subtle.digest(a, d as Uint8Array<ArrayBuffer>));
    expect(await sha256HexAsync(bytes, counted)).toBe(node);
    expect(called).toBe(1);
    expect(sha256Hex(bytes)).toBe(node);
    // FIPS 180-2 test vector "abc".
    expect(await sha256HexAsync(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('hashes a view into a larger buffer by its own bytes only', async () => {
    const big = fixture();
    const view = big.subarray(100, 5000);
    expect(await sha256HexAsync(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });
});

describe('clipFactsAsync', () => {
  it('gives the same facts as clipFacts for a real clip, and shares its memo', async () => {
    const a = fixture();
    const viaAsync = await clipFactsAsync(a, 'IM00001');
    const b = fixture();
    const viaSync = clipFacts(b, 'IM00001');
    expect(viaAsync.ok && viaSync.ok).toBe(true);
    if (!viaAsync.ok || !viaSync.ok) return;
    expect(viaAsync.value).toEqual(viaSync.value);
    expect(clipFacts(a, 'IM00001')).toEqual({ ok: true, value: viaAsync.value });
  });

  it('hashes with the hasher the app sets (the renderer worker), once per byte array', async () => {
    const seen: number[] = [];
    setClipHasher(async (b) => (seen.push(b.byteLength), sha256HexAsync(b)));
    try {
      const bytes = fixture();
      const r = await clipFactsAsync(bytes, 'IM00001');
      await clipFactsAsync(bytes, 'IM00001');
      expect(seen).toEqual([bytes.byteLength]);
      expect(r.ok && r.value.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    } finally {
      setClipHasher(sha256HexAsync);
    }
  });

  it('reports a file that is not DICOM by name', async () => {
    const r = await clipFactsAsync(new Uint8Array(200), 'notes.txt');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.file ?? r.error.title).toContain('notes.txt');
  });
});
