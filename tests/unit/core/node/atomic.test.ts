import { spawn } from 'node:child_process';
import { chmod, lstat, mkdir, mkdtemp, readdir, readFile, realpath, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listStaleTemps, removeStaleTemps, resolveWriteTarget, writeFileAtomic } from '../../../../core/node/index';

const repoRoot = resolve(__dirname, '../../../..');
let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bp-atomic-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('writes, then replaces, keeping the file mode', async () => {
    const p = join(dir, 'a.bpcase');
    expect((await writeFileAtomic(p, 'one')).ok).toBe(true);
    await chmod(p, 0o640);
    expect((await writeFileAtomic(p, new Uint8Array([1, 2, 3]))).ok).toBe(true);
    expect([...(await readFile(p))]).toEqual([1, 2, 3]);
    expect((await stat(p)).mode & 0o777).toBe(0o640);
    expect(await readdir(dir)).toEqual(['a.bpcase']); // no temp files left
  });

  it('a write that throws midway leaves the previous file intact and removes the temp file', async () => {
    const p = join(dir, 'case.bpcase');
    await writeFile(p, 'PREVIOUS');
    const big = 'x'.repeat(10_000);
    let calls = 0;
    const r = await writeFileAtomic(p, big, {
      chunkBytes: 1000,
      hooks: {
        afterChunk: (n) => {
          calls++;
          if (n >= 3000) throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
        },
      },
    });
    expect(calls).toBe(3); // it really was midway
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('file/disk-full');
    expect(r.error.file).toBe(p);
    expect(r.error.action).toMatch(/previous version is unchanged/);
    expect(await readFile(p, 'utf8')).toBe('PREVIOUS');
    expect(await readdir(dir)).toEqual(['case.bpcase']);
  });

  it('a failure between write and rename leaves the previous file intact', async () => {
    const p = join(dir, 'case.bpcase');
    await writeFile(p, 'PREVIOUS');
    let seenTemp = '';
    const r = await writeFileAtomic(p, 'NEW CONTENT', {
      hooks: {
        beforeRename: async (tmp) => {
          seenTemp = tmp;
          expect(await readFile(tmp, 'utf8')).toBe('NEW CONTENT'); // fully written and flushed
          throw new Error('simulated crash');
        },
      },
    });
    expect(r.ok).toBe(false);
    expect(seenTemp.startsWith(join(dir, '.case.bpcase.'))).toBe(true);
    expect(await readFile(p, 'utf8')).toBe('PREVIOUS');
  });

  it('a process killed between write and rename leaves the previous file intact (real crash)', async () => {
    const p = join(dir, 'case.bpcase');
    await writeFile(p, 'PREVIOUS');
    const script = join(dir, 'child.mts');
    await writeFile(
      script,
      `import { writeFileAtomic } from ${JSON.stringify(join(repoRoot, 'core/node/atomic.ts'))};
await writeFileAtomic(${JSON.stringify(p)}, 'N'.repeat(100000), { hooks: { beforeRename: () => new Promise(() => { process.stdout.write('READY\\n'); }) } });
process.stdout.write('DONE\\n');`,
    );
    const child = spawn(process.execPath, ['--import', 'tsx', script], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    await new Promise<void>((resolveReady, reject) => {
      child.stdout.on('data', (d: Buffer) => {
        if (d.toString().includes('READY')) resolveReady();
      });
      child.on('exit', (code) => reject(new Error(`child exited early (${code}): ${stderr}`)));
    });
    const exited = new Promise((r) => child.on('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(await readFile(p, 'utf8')).toBe('PREVIOUS');
    // The interrupted save left its temp file behind; it is recognised and cleaned up.
    const temps = await listStaleTemps(p);
    expect(temps.length).toBe(1);
    expect((await readFile(temps[0]!, 'utf8')).length).toBe(100000);
    expect(await removeStaleTemps(p, 60_000)).toBe(0); // too recent: might be another window's save
    expect(await removeStaleTemps(p, 0)).toBe(1);
    expect(await readdir(dir)).toEqual(['case.bpcase', 'child.mts'].sort());
  }, 30_000);

  it('explains a missing folder', async () => {
    const r = await writeFileAtomic(join(dir, 'nope', 'a.bpcase'), 'x');
    expect(!r.ok && r.error.code).toBe('file/no-folder');
  });

  it('keeps the replaced file\'s mode exactly, whatever the umask (0600 stays 0600, 0664 stays 0664)', async () => {
    for (const mode of [0o600, 0o664, 0o640]) {
      const p = join(dir, `m${mode.toString(8)}.bpcase`);
      await writeFile(p, 'old');
      await chmod(p, mode);
      expect((await writeFileAtomic(p, 'new')).ok).toBe(true);
      expect((await stat(p)).mode & 0o777, mode.toString(8)).toBe(mode);
    }
    // An explicit mode is exact for new and replaced files alike.
    const a = join(dir, 'autosave');
    expect((await writeFileAtomic(a, 'x', { mode: 0o600 })).ok).toBe(true);
    expect((await stat(a)).mode & 0o777).toBe(0o600);
    await chmod(a, 0o644);
    expect((await writeFileAtomic(a, 'y', { mode: 0o600 })).ok).toBe(true);
    expect((await stat(a)).mode & 0o777).toBe(0o600);
  });

  it.runIf(process.platform !== 'win32')('writes through a symbolic link to its target, which stays a link', async () => {
    await mkdir(join(dir, 'real'));
    const target = join(dir, 'real', 'case.bpcase');
    await writeFile(target, 'OLD');
    await chmod(target, 0o600);
    const link = join(dir, 'teaching.bpcase');
    await symlink(join('real', 'case.bpcase'), link);
    expect(await resolveWriteTarget(link)).toEqual({ ok: true, value: await realpath(target) });
    expect((await writeFileAtomic(link, 'NEW')).ok).toBe(true);
    expect((await lstat(link)).isSymbolicLink()).toBe(true);
    expect(await readFile(target, 'utf8')).toBe('NEW');
    expect((await stat(target)).mode & 0o777).toBe(0o600);
    expect(await readdir(join(dir, 'real'))).toEqual(['case.bpcase']);
    // A link to a file that no longer exists is refused (never creates a file wherever it points).
    const dangling = join(dir, 'gone.bpcase');
    await symlink(join(dir, 'nowhere', 'x.bpcase'), dangling);
    const r = await writeFileAtomic(dangling, 'x');
    expect(!r.ok && r.error.code).toBe('file/dangling-link');
  });

  it('three saves of one file in the same millisecond all succeed and leave one whole file, no temp files', async () => {
    const p = join(dir, 'c.bpcase');
    const texts = ['A'.repeat(300_000), 'B'.repeat(300_000), 'C'.repeat(300_000)];
    const rs = await Promise.all(texts.map((t) => writeFileAtomic(p, t, { chunkBytes: 4096 })));
    expect(rs.map((r) => r.ok)).toEqual([true, true, true]);
    expect(texts).toContain(await readFile(p, 'utf8'));
    expect(await readdir(dir)).toEqual(['c.bpcase']);
  });

  it('removes stale temp files of earlier interrupted saves (older than a minute), not other files', async () => {
    const p = join(dir, 'c.bpcase');
    const stale = join(dir, '.c.bpcase.4242.k3j4h5g6.tmp');
    const fresh = join(dir, '.c.bpcase.4243.abcdef01.tmp');
    const unrelated = join(dir, '.c.bpcase.notes.tmp');
    for (const f of [stale, fresh, unrelated]) await writeFile(f, 'partial');
    const old = new Date(Date.now() - 10 * 60_000);
    await utimes(stale, old, old);
    await utimes(unrelated, old, old);
    expect((await writeFileAtomic(p, 'x')).ok).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['.c.bpcase.4243.abcdef01.tmp', '.c.bpcase.notes.tmp', 'c.bpcase']);
  });
});
