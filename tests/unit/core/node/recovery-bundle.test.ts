import { chmod, copyFile, mkdir, mkdtemp, readdir, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  clipFromFile,
  discardRecovery,
  exportBundleFile,
  importBundleFile,
  pendingRecoveries,
  readCaseFile,
  writeCaseFile,
  writeRecovery,
} from '../../../../core/node/index';
import { createCase, executeCommand, type Case } from '../../../../core/plan/index';
import { dicomFixturesDir } from '../../../support/shared';

const fixture = resolve(dicomFixturesDir(), 'pydicom-data/OBXXXX1A_2frame.dcm');

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bp-rec-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function plan(id = 'case-9', title = 'T'): Case {
  return createCase({ id, title, now: '2026-01-01T00:00:00.000Z' });
}

describe('recovery files', () => {
  it('offers an autosave of a never-saved case, and of a case saved before the autosave', async () => {
    const rec = join(dir, 'recovery');
    await mkdir(rec);
    expect((await writeRecovery(rec, plan('new'), { casePath: null, now: '2026-01-01T00:01:00.000Z' })).ok).toBe(true);
    const casePath = join(dir, 'saved.bpcase');
    await writeCaseFile(casePath, plan('saved'));
    const old = new Date('2026-01-01T00:00:00Z');
    await utimes(casePath, old, old); // saved at 00:00, autosaved at 00:05
    await writeRecovery(rec, { ...plan('saved'), title: 'edited' }, { casePath, now: '2026-01-01T00:05:00.000Z' });
    const { recoveries, damaged } = await pendingRecoveries(rec);
    expect(damaged).toEqual([]);
    expect(recoveries.map((r) => [r.caseId, r.casePath, r.plan.title])).toEqual([
      ['new', null, 'T'],
      ['saved', casePath, 'edited'],
    ]);
  });

  it.runIf(process.platform !== 'win32')('recovery files hold patient data: owner-only (0600), even over an older 0644 one (issue 12 item 14)', async () => {
    const rec = join(dir, 'recovery');
    await mkdir(rec);
    const w = await writeRecovery(rec, plan('p'), { casePath: null });
    expect(w.ok).toBe(true);
    if (!w.ok) return;
    expect((await stat(w.value)).mode & 0o777).toBe(0o600);
    await chmod(w.value, 0o644);
    await writeRecovery(rec, plan('p'), { casePath: null });
    expect((await stat(w.value)).mode & 0o777).toBe(0o600);
  });

  it('does not offer an autosave older than the saved case; reports damaged ones; discard deletes', async () => {
    const rec = join(dir, 'recovery');
    await mkdir(rec);
    const casePath = join(dir, 'saved.bpcase');
    await writeRecovery(rec, plan('saved'), { casePath, now: '2000-01-01T00:00:00.000Z' });
    await writeCaseFile(casePath, plan('saved')); // saved now, after the autosave
    await writeFile(join(rec, 'broken.bprecovery'), '{"kind":"blockplan-recovery"');
    const { recoveries, damaged } = await pendingRecoveries(rec);
    expect(recoveries).toEqual([]);
    expect(damaged.map((d) => d.code)).toEqual(['recovery/damaged']);
    await discardRecovery(rec, 'saved');
    expect((await readdir(rec)).sort()).toEqual(['broken.bprecovery']);
  });

  it('offers the autosave when the saved case file has disappeared', async () => {
    const rec = join(dir, 'recovery');
    await mkdir(rec);
    await writeRecovery(rec, plan('gone'), { casePath: join(dir, 'gone.bpcase'), now: '2000-01-01T00:00:00.000Z' });
    expect((await pendingRecoveries(rec)).recoveries.map((r) => r.caseId)).toEqual(['gone']);
  });
});

describe('bundles on disk', () => {
  it('export then import gives the same case and identical clip bytes in a new folder', async () => {
    await mkdir(join(dir, 'src', 'clips'), { recursive: true });
    await copyFile(fixture, join(dir, 'src', 'clips', 'ob.dcm'));
    const casePath = join(dir, 'src', 'ob.bpcase');
    const clip = await clipFromFile(casePath, join(dir, 'src', 'clips', 'ob.dcm'), { id: 'c1' });
    if (!clip.ok) throw new Error(clip.error.title);
    let p = executeCommand(plan('b'), { type: 'add-clip', clip: clip.value });
    if (!p.ok) throw new Error(p.error.title);
    p = executeCommand(p.value, { type: 'add-annotation', annotation: { id: 'a', clipId: 'c1', kind: 'point', points: [{ x: 5, y: 6 }], role: 'target', frameIndex: 1 } });
    if (!p.ok) throw new Error(p.error.title);
    const saved = await writeCaseFile(casePath, p.value);
    if (!saved.ok) throw new Error(saved.error.title);

    const out = join(dir, 'ob.bpcasez');
    expect((await exportBundleFile(saved.value, casePath, out)).ok).toBe(true);
    const imported = await importBundleFile(out, join(dir, 'dest'));
    expect(imported.ok).toBe(true);
    if (!imported.ok) return;
    expect(imported.value.casePath).toBe(join(dir, 'dest', 'ob.bpcase'));
    const back = await readCaseFile(imported.value.casePath);
    if (!back.ok) throw new Error(back.error.title);
    expect(back.value.plan.annotations).toEqual(saved.value.annotations);
    expect(back.value.plan.clips[0]!.sha256).toBe(saved.value.clips[0]!.sha256);
    const clipPath = join(dir, 'dest', ...back.value.plan.clips[0]!.path.split('/'));
    expect(Buffer.compare(await readFile(clipPath), await readFile(fixture))).toBe(0);

    // Importing again into the same folder refuses to overwrite.
    const again = await importBundleFile(out, join(dir, 'dest'));
    expect(!again.ok && again.error.code).toBe('bundle/would-overwrite');
  });

  it('export fails, naming the clip, when a clip is missing', async () => {
    const casePath = join(dir, 'x.bpcase');
    const p = executeCommand(plan('x'), {
      type: 'add-clip',
      clip: { id: 'c', path: 'clips/none.dcm', displayName: 'none.dcm', sopInstanceUid: null, studyInstanceUid: null, seriesInstanceUid: null, sha256: '0'.repeat(64), frameCount: 1, rows: 1, columns: 1 },
    });
    if (!p.ok) throw new Error(p.error.title);
    const r = await exportBundleFile(p.value, casePath, join(dir, 'x.bpcasez'));
    expect(!r.ok && r.error.code).toBe('bundle/missing-clip');
    expect(!r.ok && r.error.file).toBe(join(dir, 'clips', 'none.dcm'));
  });
});
