import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkClips, clipFromFile, clipPathForCase, findFileBySha256, readCaseFile, resolveClipPath, writeCaseFile } from '../../../../core/node/index';
import { createCase, executeCommand, type Case } from '../../../../core/plan/index';
import { dicomFixturesDir } from '../../../support/shared';

const fixture = resolve(dicomFixturesDir(), 'pydicom-data/OBXXXX1A_2frame.dcm');

/** dcmdump's value of one attribute (independent of our parser). */
function dcmdump(file: string, key: string): string {
  const out = execFileSync('dcmdump', ['+P', key, file], { encoding: 'utf8' });
  const m = out.match(/\)\s+[A-Z]{2}\s+(?:\[(.*?)\]|(\S+))/);
  if (!m) throw new Error(`dcmdump gave no ${key}: ${out}`);
  return (m[1] ?? m[2])!;
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bp-case-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function caseWithFixture(): Promise<{ casePath: string; plan: Case }> {
  await mkdir(join(dir, 'clips'));
  await copyFile(fixture, join(dir, 'clips', 'ob.dcm'));
  const casePath = join(dir, 'ob.bpcase');
  const clip = await clipFromFile(casePath, join(dir, 'clips', 'ob.dcm'), { id: 'c1' });
  if (!clip.ok) throw new Error(clip.error.title);
  const r = executeCommand(createCase({ id: 'k', title: 'OB', now: '2026-01-01T00:00:00.000Z' }), { type: 'add-clip', clip: clip.value });
  if (!r.ok) throw new Error(r.error.title);
  return { casePath, plan: r.value };
}

describe('case files on disk', () => {
  it('clipFromFile reads UIDs and sizes that match dcmdump, hashes the bytes, and stores a relative path', async () => {
    const { plan } = await caseWithFixture();
    const c = plan.clips[0]!;
    expect(c.path).toBe('clips/ob.dcm');
    expect(c.sopInstanceUid).toBe(dcmdump(fixture, 'SOPInstanceUID'));
    expect(c.studyInstanceUid).toBe(dcmdump(fixture, 'StudyInstanceUID'));
    expect(c.seriesInstanceUid).toBe(dcmdump(fixture, 'SeriesInstanceUID'));
    expect(c.frameCount).toBe(Number(dcmdump(fixture, 'NumberOfFrames')));
    expect(c.rows).toBe(Number(dcmdump(fixture, 'Rows')));
    expect(c.columns).toBe(Number(dcmdump(fixture, 'Columns')));
    expect(c.sha256).toBe(createHash('sha256').update(await readFile(fixture)).digest('hex'));
  });

  it('saves atomically and reads back the same case with updatedAt set', async () => {
    const { casePath, plan } = await caseWithFixture();
    const saved = await writeCaseFile(casePath, plan, '2026-02-03T04:05:06.000Z');
    expect(saved.ok).toBe(true);
    const back = await readCaseFile(casePath);
    expect(back.ok).toBe(true);
    if (!back.ok || !saved.ok) return;
    expect(back.value.plan).toEqual(saved.value);
    expect(back.value.plan.updatedAt).toBe('2026-02-03T04:05:06.000Z');
    expect(back.value.plan.createdAt).toBe('2026-01-01T00:00:00.000Z');
  });

  it('read errors name the file: missing, damaged', async () => {
    const missing = await readCaseFile(join(dir, 'nope.bpcase'));
    expect(!missing.ok && missing.error.code).toBe('case/not-found');
    expect(!missing.ok && missing.error.file).toBe(join(dir, 'nope.bpcase'));
    await writeFile(join(dir, 'bad.bpcase'), '{"schemaVersion":2,');
    const bad = await readCaseFile(join(dir, 'bad.bpcase'));
    expect(!bad.ok && bad.error.code).toBe('case/damaged-json');
  });

  it('clip paths are relative with / and resolve back', () => {
    const casePath = join(dir, 'cases', 'a.bpcase');
    expect(clipPathForCase(casePath, join(dir, 'cases', 'clips', 'x.dcm'))).toBe('clips/x.dcm');
    expect(clipPathForCase(casePath, join(dir, 'other', 'y.dcm'))).toBe('../other/y.dcm');
    expect(resolveClipPath(casePath, { path: '../other/y.dcm' })).toBe(join(dir, 'other', 'y.dcm'));
  });

  it('checkClips reports ok, changed and missing; a moved clip is found again by its hash', async () => {
    const { casePath, plan } = await caseWithFixture();
    expect((await checkClips(casePath, plan)).map((s) => s.status)).toEqual(['ok']);
    const bytes = await readFile(join(dir, 'clips', 'ob.dcm'));
    bytes[bytes.length - 1] ^= 1;
    await writeFile(join(dir, 'clips', 'ob.dcm'), bytes);
    expect((await checkClips(casePath, plan)).map((s) => s.status)).toEqual(['changed']);
    await rm(join(dir, 'clips', 'ob.dcm'));
    expect((await checkClips(casePath, plan)).map((s) => s.status)).toEqual(['missing']);

    // Move the original elsewhere, among decoys: same name with other bytes, same size with other bytes.
    const elsewhere = join(dir, 'moved', 'deep', 'er');
    await mkdir(elsewhere, { recursive: true });
    await writeFile(join(dir, 'moved', 'ob.dcm'), 'not the clip');
    await writeFile(join(dir, 'moved', 'same-size.dcm'), bytes); // one byte differs
    await copyFile(fixture, join(elsewhere, 'renamed.dcm'));
    const c = plan.clips[0]!;
    const found = await findFileBySha256(join(dir, 'moved'), c.sha256, { byteLength: c.byteLength, preferName: 'ob.dcm' });
    expect(found.ok && found.value).toBe(join(elsewhere, 'renamed.dcm'));
    const none = await findFileBySha256(join(dir, 'moved'), 'f'.repeat(64));
    expect(none.ok && none.value).toBeNull();
    const notDir = await findFileBySha256(join(dir, 'moved', 'ob.dcm'), c.sha256);
    expect(!notDir.ok && notDir.error.code).toBe('locate/not-a-folder');
    // Too shallow a search does not reach it
    const shallow = await findFileBySha256(join(dir, 'moved'), c.sha256, { maxDepth: 1 });
    expect(shallow.ok && shallow.value).toBeNull();
  });
});
