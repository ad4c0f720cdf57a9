import { createHash } from 'node:crypto';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle, isSafeEntry, readBundle, serializeCase, sha256Hex, type Case } from '../../../../core/plan/index';
import { sampleCase } from './fixtures';

function withClipBytes(bytes: Uint8Array): Case {
  const c = sampleCase();
  return { ...c, clips: [{ ...c.clips[0]!, sha256: createHash('sha256').update(bytes).digest('hex') }] };
}

describe('bundled case (.bpcasez)', () => {
  const bytes = new Uint8Array(5000).map((_, i) => (i * 31) % 251);

  it('sha256Hex agrees with Node crypto', () => {
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(sha256Hex(new Uint8Array())).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('round-trips the case and the clip bytes; clip paths become entry names', () => {
    const plan = withClipBytes(bytes);
    const z = buildBundle(plan, new Map([['c1', bytes]]));
    expect(z.ok).toBe(true);
    if (!z.ok) return;
    const entries = Object.keys(unzipSync(z.value)).sort();
    expect(entries).toEqual(['case.json', 'clips/01-tpvb.dcm']);
    const r = readBundle(z.value, 'x.bpcasez');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.plan.clips[0]!.path).toBe('clips/01-tpvb.dcm');
    expect({ ...r.value.plan, clips: plan.clips }).toEqual(plan);
    expect(r.value.clipBytes.get('c1')).toEqual(bytes);
  });

  it('refuses to bundle a clip whose bytes changed, or that is missing', () => {
    const plan = withClipBytes(bytes);
    const changed = bytes.slice();
    changed[10] ^= 1;
    const r = buildBundle(plan, new Map([['c1', changed]]));
    expect(!r.ok && r.error.code).toBe('bundle/clip-changed');
    expect(!r.ok && r.error.file).toBe('clips/tpvb.dcm');
    const m = buildBundle(plan, new Map());
    expect(!m.ok && m.error.code).toBe('bundle/missing-clip');
  });

  it('detects damage: not a zip, no case, tampered clip, unsafe entry names ignored', () => {
    expect((readBundle(strToU8('hello'), 'a.bpcasez') as { error: { code: string } }).error.code).toBe('bundle/damaged');
    expect((readBundle(zipSync({ 'x.txt': strToU8('x') }), 'a.bpcasez') as { error: { code: string } }).error.code).toBe('bundle/no-case');
    const plan = withClipBytes(bytes);
    const tampered = bytes.slice();
    tampered[0] ^= 0xff;
    const zt = zipSync({ 'case.json': strToU8(serializeCase({ ...plan, clips: [{ ...plan.clips[0]!, path: 'clips/a.dcm' }] })), 'clips/a.dcm': tampered });
    expect((readBundle(zt, 'a.bpcasez') as { error: { code: string } }).error.code).toBe('bundle/clip-changed');
    // A case pointing at "../a.dcm": refused by name, the entry is never extracted.
    const zs = zipSync({ 'case.json': strToU8(serializeCase({ ...plan, clips: [{ ...plan.clips[0]!, path: '../a.dcm' }] })), '../a.dcm': bytes });
    expect((readBundle(zs, 'a.bpcasez') as { error: { code: string } }).error.code).toBe('bundle/unsafe-name');
    for (const bad of ['../x', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', './a', '']) expect(isSafeEntry(bad), bad).toBe(false);
    for (const good of ['case.json', 'clips/01-a.dcm']) expect(isSafeEntry(good), good).toBe(true);
  });
});
