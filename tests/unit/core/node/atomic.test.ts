import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listStaleTemps, removeStaleTemps, writeFileAtomic } from '../../../../core/node/index';

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
});
