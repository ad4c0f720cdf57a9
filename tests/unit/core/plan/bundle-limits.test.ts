/**
 * Hostile bundles (issue 12 items 4 and 15): a 3 MB .bpcasez with three 1 GiB entries inflated to
 * 3.3 GB; entry names were checked only under POSIX rules. The bundles are crafted here (zip-craft.ts
 * writes any sizes and names), the bomb from 1 MiB zero segments (no gigabyte is ever allocated).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { importBundleFile } from '../../../../core/node/index';
import { BUNDLE_LIMITS, buildBundle, isSafeEntry, readBundle, serializeCase, type Case } from '../../../../core/plan/index';
import { sampleCase } from './fixtures';
import { craftZip, deflated, zerosDeflated, type CraftedEntry } from './zip-craft';

const GiB = 1024 ** 3;
const clip = new Uint8Array(3000).map((_, i) => (i * 7) % 256);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

function caseWith(paths: string[], bytes = clip): Case {
  const c = sampleCase();
  return { ...c, clips: paths.map((path, i) => ({ ...c.clips[0]!, id: i === 0 ? 'c1' : `c${i + 1}`, path, sha256: sha(bytes) })) };
}
const caseEntry = (plan: Case): CraftedEntry => ({ name: 'case.json', method: 8, data: deflated(strToU8(serializeCase(plan))), declaredSize: strToU8(serializeCase(plan)).length });

const tmp = mkdtempSync(join(tmpdir(), 'bp-bundle-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('item 4: decompression bombs', () => {
  const bomb = zerosDeflated(1024); // 1 GiB of zeros in about 1 MB

  it('a 3 MB bundle with three 1 GiB entries is refused before anything is inflated, saying why', () => {
    const plan = caseWith(['clips/a.dcm', 'clips/b.dcm', 'clips/c.dcm']);
    const z = craftZip([caseEntry(plan), ...['a', 'b', 'c'].map((n): CraftedEntry => ({ name: `clips/${n}.dcm`, method: 8, data: bomb, declaredSize: GiB }))]);
    expect(z.length).toBeGreaterThan(3_000_000);
    expect(z.length).toBeLessThan(3_300_000);
    const before = process.memoryUsage();
    const t0 = performance.now();
    const r = readBundle(z, 'bomb.bpcasez');
    const ms = performance.now() - t0;
    const grew = process.memoryUsage().arrayBuffers - before.arrayBuffers;
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('bundle/too-large');
    expect(r.error.file).toBe('bomb.bpcasez');
    expect(r.error.title).toBe('The bundled case is not opened: its case and clips declare 3072 MB uncompressed, more than BlockPlan reads (2048 MB in all, 200:1 compression at most).');
    expect(r.error.action).toMatch(/decompression bomb/);
    expect(grew).toBeLessThan(64 * 1024 ** 2);
    expect(ms).toBeLessThan(2000);
  });

  it('one such entry alone is refused by its ratio', () => {
    const plan = caseWith(['clips/a.dcm']);
    const r = readBundle(craftZip([caseEntry(plan), { name: 'clips/a.dcm', method: 8, data: bomb, declaredSize: GiB }]), 'one.bpcasez');
    expect(!r.ok && r.error.title).toMatch(/clips\/a\.dcm declares 1024 MB from 1\.0 MB \(1\d\d\d:1\)/);
  });

  it('an entry that lies about its size is stopped as soon as it passes what it declared', () => {
    const plan = caseWith(['clips/a.dcm']);
    const before = process.memoryUsage().arrayBuffers;
    const r = readBundle(craftZip([caseEntry(plan), { name: 'clips/a.dcm', method: 8, data: bomb, declaredSize: 3000 }]), 'liar.bpcasez');
    expect(r).toEqual({ ok: false, error: expect.objectContaining({ code: 'bundle/damaged', detail: 'clips/a.dcm inflates to more than the 3000 bytes it declares' }) });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(64 * 1024 ** 2);
  });

  it('entries the case does not reference are never inflated, however large', () => {
    const plan = caseWith(['clips/a.dcm']);
    const z = craftZip([caseEntry(plan), { name: 'clips/a.dcm', method: 0, data: clip }, { name: 'junk.bin', method: 8, data: bomb, declaredSize: GiB }]);
    const t0 = performance.now();
    const r = readBundle(z, 'extra.bpcasez');
    expect(r.ok).toBe(true);
    expect(r.ok && r.value.clipBytes.get('c1')).toEqual(clip);
    expect(performance.now() - t0).toBeLessThan(1000); // inflating 1 GiB takes seconds
  });

  it('a case.json bomb is refused too (case text is at most 64 MB)', () => {
    const r = readBundle(craftZip([{ name: 'case.json', method: 8, data: zerosDeflated(100), declaredSize: 100 * 1024 ** 2 }]), 'case-bomb.bpcasez');
    expect(!r.ok && r.error.title).toMatch(/^The bundled case is not opened: case\.json declares 100 MB uncompressed/);
  });

  it('the limits leave room for real bundles: stored clips at 1:1 and a deflated case', () => {
    const plan = caseWith(['clips/a.dcm']);
    const z = buildBundle({ ...plan, clips: [{ ...plan.clips[0]!, path: 'x.dcm' }] }, new Map([['c1', clip]]));
    expect(z.ok && readBundle(z.value, 'real.bpcasez').ok).toBe(true);
    expect(BUNDLE_LIMITS.maxRatio).toBeGreaterThanOrEqual(100);
  });
});

describe('item 15: entry names under Windows rules too', () => {
  const unsafe = [
    'clips/C:/evil.bat', 'C:/x', 'C:evil.dcm', 'clips\\evil.dcm', '\\\\server\\share\\x', '//server/share/x', '/etc/passwd', '../x', 'a/../../b', './a', '',
    'clips/evil.dcm:stream', 'clips/a.dcm::$DATA', 'clips/CON', 'clips/con.dcm', 'clips/NUL.txt', 'clips/COM1', 'clips/lpt9.dcm', 'clips/CONIN$', 'aux/x.dcm',
    'clips/evil.bat.', 'clips/evil.bat ', 'clips/ lead.dcm', 'clips./a.dcm', 'clips/a?.dcm', 'clips/a*.dcm', 'clips/a<b.dcm', 'clips/a|b.dcm', 'clips/a"b.dcm',
    'clips/a\u0001.dcm', 'clips//a.dcm', `clips/${'a'.repeat(256)}`,
  ];
  const safe = ['case.json', 'clips/01-a.dcm', 'clips/01-CONSENT.dcm', 'clips/console.dcm', 'clips/Müller.dcm', 'clips/.hidden.dcm', 'clips/COM10.dcm'];

  it('isSafeEntry refuses drive letters, backslashes, UNC, device names, trailing dots/spaces, streams and reserved characters', () => {
    for (const n of unsafe) expect(isSafeEntry(n), JSON.stringify(n)).toBe(false);
    for (const n of safe) expect(isSafeEntry(n), JSON.stringify(n)).toBe(true);
  });

  it('a bundle whose case names a clip "clips/C:/evil.bat" is refused with the name, and import writes nothing', async () => {
    for (const name of ['clips/C:/evil.bat', 'clips/evil.bat.', 'clips/CON.dcm', 'clips/x.dcm:ads']) {
      const plan = caseWith([name]);
      const z = craftZip([caseEntry(plan), { name, method: 0, data: clip }]);
      const r = readBundle(z, 'evil.bpcasez');
      expect(r.ok).toBe(false);
      expect(!r.ok && r.error.code).toBe('bundle/unsafe-name');
      expect(!r.ok && r.error.title).toContain(JSON.stringify(name));
      const file = join(tmp, 'evil.bpcasez');
      writeFileSync(file, z);
      const dest = join(tmp, `dest-${readdirSync(tmp).length}`);
      const imported = await importBundleFile(file, dest);
      expect(!imported.ok && imported.error.code).toBe('bundle/unsafe-name');
      expect(() => readdirSync(dest)).toThrow(); // the folder was never created
    }
  });

  it('two clips whose names differ only in case are refused (one would overwrite the other on Windows and macOS)', () => {
    const plan = caseWith(['clips/a.dcm', 'clips/A.dcm']);
    const r = readBundle(craftZip([caseEntry(plan), { name: 'clips/a.dcm', method: 0, data: clip }, { name: 'clips/A.dcm', method: 0, data: clip }]), 'case.bpcasez');
    expect(!r.ok && r.error.title).toMatch(/differ only in letter case/);
  });

  it('two entries with one name are refused (which one is meant is unknowable)', () => {
    const plan = caseWith(['clips/a.dcm']);
    const r = readBundle(craftZip([caseEntry(plan), { name: 'clips/a.dcm', method: 0, data: clip }, { name: 'clips/a.dcm', method: 0, data: clip }]), 'dup.bpcasez');
    expect(!r.ok && r.error.title).toBe('The bundled case is damaged: two of its entries have the same name.');
  });

  it('buildBundle never writes a name its own reader refuses (trailing dots, device names, odd characters)', () => {
    const names = ['scan.', 'CON', 'nul.dcm', 'a:b.dcm', 'évil <1>.dcm', '   ', '..'];
    const c = sampleCase();
    const plan: Case = { ...c, clips: names.map((n, i) => ({ ...c.clips[0]!, id: `c${i}`, displayName: n, path: `x${i}.dcm`, sha256: sha(clip) })), keyFrames: [], annotations: [], needlePaths: [] };
    const z = buildBundle(plan, new Map(names.map((_, i) => [`c${i}`, clip])));
    if (!z.ok) throw new Error(z.error.title);
    for (const name of Object.keys(unzipSync(z.value))) expect(isSafeEntry(name), name).toBe(true);
    expect(readBundle(z.value, 'names.bpcasez').ok).toBe(true);
  });
});
