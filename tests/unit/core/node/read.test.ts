/**
 * Issue 12 item 6: a path that names a device, a FIFO or a folder (or a huge file) must not hang or
 * exhaust memory. Every reader goes through core/node `readRegularFile`; these tests feed each of
 * them such paths, generated here, and expect a prompt, named refusal.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import type { CliIO } from '../../../../core/cli/types';
import { checkClips, clipFromFile, readCaseFile, readRegularFile, readRegularTextFile, sha256File } from '../../../../core/node/index';
import { createCase, serializeCase, type Case } from '../../../../core/plan/index';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bp-read-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';
function fifo(name: string): string {
  const p = join(dir, name);
  execFileSync('mkfifo', [p]);
  return p;
}

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t), cwd: dir };
}

describe('readRegularFile', () => {
  it('reads a regular file exactly', async () => {
    const p = join(dir, 'a.bin');
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 31) & 0xff);
    await writeFile(p, bytes);
    const r = await readRegularFile(p, { maxBytes: 1 << 20 });
    expect(r.ok && Buffer.from(r.value).equals(Buffer.from(bytes))).toBe(true);
    const text = join(dir, 't.txt');
    await writeFile(text, '\uFEFF{"a":"μg"}');
    const t = await readRegularTextFile(text, { maxBytes: 100 });
    expect(t.ok && t.value).toBe('\uFEFF{"a":"μg"}'); // as readFile(…, 'utf8')
  });

  it.runIf(posix)('refuses /dev/zero, a FIFO without a writer, and a folder — at once, naming what it is', async () => {
    const t0 = Date.now();
    const zero = await readRegularFile('/dev/zero', { maxBytes: 1 << 30 });
    expect(zero.ok).toBe(false);
    if (!zero.ok) expect([zero.error.code, zero.error.title, zero.error.file]).toEqual(['file/not-a-file', expect.stringMatching(/^This is a device, not a file/), '/dev/zero']);
    const f = fifo('clip.dcm');
    const pipe = await readRegularFile(f, { maxBytes: 1 << 30 });
    expect(!pipe.ok && pipe.error.title).toMatch(/a pipe \(FIFO\), not a file/);
    const folder = await readRegularFile(dir, { maxBytes: 1 << 30 });
    expect(!folder.ok && folder.error.title).toMatch(/a folder, not a file/);
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('refuses a file over the limit before reading it (a sparse 3 GB file)', async () => {
    const p = join(dir, 'huge.dcm');
    await writeFile(p, '');
    await truncate(p, 3 * 1024 ** 3); // sparse: no disk used
    const r = await readRegularFile(p, { maxBytes: 2 * 1024 ** 3 });
    expect(r.ok).toBe(false);
    if (!r.ok) expect([r.error.code, r.error.title]).toEqual(['file/too-large', 'The file is too large to open (3.0 GB; the limit is 2.0 GB).']);
  });

  it.runIf(posix)('noFollow refuses a symbolic link as the last component', async () => {
    const target = join(dir, 'real.dcm');
    await writeFile(target, 'x');
    const link = join(dir, 'link.dcm');
    await symlink(target, link);
    expect((await readRegularFile(link, { maxBytes: 10 })).ok).toBe(true);
    const r = await readRegularFile(link, { maxBytes: 10, noFollow: true });
    expect(!r.ok && r.error.code).toBe('file/symlink');
  });

  it('a missing file is "file/not-found" naming it', async () => {
    const r = await readRegularFile(join(dir, 'nope.dcm'), { maxBytes: 10 });
    expect(!r.ok && [r.error.code, r.error.file]).toEqual(['file/not-found', join(dir, 'nope.dcm')]);
  });
});

describe.runIf(posix)('every Node reader refuses devices, FIFOs and folders', () => {
  async function caseWithClipAt(clipPath: string): Promise<string> {
    const plan: Case = {
      ...createCase({ id: 'k', title: 'hostile', now: '2026-01-01T00:00:00.000Z' }),
    };
    const withClip = {
      ...plan,
      clips: [
        {
          id: 'c1', path: clipPath, displayName: 'clip', sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null,
          sha256: '0'.repeat(64), byteLength: 10, frameCount: 1, rows: 1, columns: 1, beam: { kind: 'unknown' as const }, origin: { kind: 'file' as const },
        },
      ],
    } as Case;
    const p = join(dir, 'hostile.bpcase');
    await writeFile(p, serializeCase(withClip));
    return p;
  }

  it('checkClips and sha256File: a clip at /dev/zero, a FIFO or a folder is reported, not read forever', async () => {
    const f = fifo('pipe.dcm');
    await mkdir(join(dir, 'folder.dcm'));
    for (const clip of ['/dev/zero', f, join(dir, 'folder.dcm')]) {
      const casePath = await caseWithClipAt(clip);
      const c = await readCaseFile(casePath);
      expect(c.ok).toBe(true);
      if (!c.ok) continue;
      const t0 = Date.now();
      expect(await checkClips(casePath, c.value.plan)).toEqual([{ clipId: 'c1', status: 'missing', path: clip }]);
      await expect(sha256File(clip)).rejects.toThrow(/not a file/);
      expect(Date.now() - t0).toBeLessThan(5000);
    }
  });

  it('readCaseFile and clipFromFile refuse them with a message naming the file', async () => {
    const f = fifo('case.bpcase');
    const c = await readCaseFile(f);
    expect(!c.ok && [c.error.code, c.error.file]).toEqual(['case/not-a-file', f]);
    expect(!c.ok && c.error.title).toMatch(/pipe \(FIFO\), not a case file/);
    const z = await readCaseFile('/dev/zero');
    expect(!z.ok && z.error.title).toMatch(/a device, not a case file/);
    const clip = await clipFromFile(join(dir, 'x.bpcase'), '/dev/zero', { id: 'c1' });
    expect(!clip.ok && [clip.error.code, clip.error.title]).toEqual(['clip/read-failed', expect.stringMatching(/^The clip could not be read: this is a device/)]);
  });

  it('the CLI (inspect, frames) answers "error: <file>: is a device, not a regular file", exit 1', async () => {
    const f = fifo('pipe.dcm');
    const io = capture();
    expect(await main(['inspect', '/dev/zero', f, dir], io)).toBe(1);
    expect(io.stderr).toEqual([
      'error: /dev/zero: is a device, not a regular file',
      `error: ${f}: is a pipe (FIFO), not a regular file`,
      `error: ${dir}: is a folder, not a regular file`,
    ]);
    const fr = capture();
    expect(await main(['frames', '/dev/zero', '--out', join(dir, 'out')], fr)).toBe(1);
    expect(fr.stderr).toEqual(['error: /dev/zero: is a device, not a regular file']);
  });

  it('the CLI as a real process does not hang on a FIFO (exits within seconds)', () => {
    const f = fifo('clip.dcm');
    const t0 = Date.now();
    let status = 0;
    let stderr = '';
    try {
      execFileSync(process.execPath, [join(__dirname, '../../../../bin/blockplan.mjs'), 'inspect', f], { encoding: 'utf8', timeout: 20_000, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      status = (e as { status: number }).status;
      stderr = String((e as { stderr: string }).stderr);
    }
    expect(status).toBe(1);
    expect(stderr).toContain('is a pipe (FIFO), not a regular file');
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it.runIf(process.platform === 'linux')('reads exactly the size seen at open: /proc/self/status (size 0) gives 0 bytes', async () => {
    const r = await readRegularFile('/proc/self/status', { maxBytes: 1 << 20 });
    expect(r.ok && r.value.byteLength).toBe(0);
    expect((await readFile('/proc/self/status', 'utf8')).length).toBeGreaterThan(0); // readFile would have read it
  });
});
