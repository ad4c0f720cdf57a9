/** `blockplan pacs search|get|store` against the test Orthanc (the same workflows as the app). */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../../../core/cli/main';
import { useOrthanc, type OrthancState } from '../../../support/orthanc';

const root = path.resolve(__dirname, '../../../..');
const STUDY = '2.25.297593135385129527219157888555169888946'; // ganglion impar sample
let orthanc: { state: OrthancState; release(): Promise<void> };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'blockplan-cli-pacs-'));

async function cli(args: string[], env: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  Object.assign(process.env, env);
  const code = await main(args, { out: (t) => out.push(t), err: (t) => err.push(t), cwd: tmp });
  return { code, out: out.join('\n'), err: err.join('\n') };
}

beforeAll(async () => {
  orthanc = await useOrthanc();
}, 120_000);
afterAll(async () => {
  await orthanc?.release();
  rmSync(tmp, { recursive: true, force: true });
});

describe('blockplan pacs', () => {
  it('search hides patient names unless asked, and needs the password for the auth server', async () => {
    const url = orthanc.state.open.dicomweb;
    const plain = await cli(['pacs', 'search', '--url', url, '--patient-name', 'SYNTH', '--counts']);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(STUDY);
    expect(plain.out).toMatch(/2025-01-01 {2}BlockPlan synthetic sample clips {2}[A-Z/]*US[A-Z/]* {2}1 US instance\(s\), 50 frame\(s\)/);
    expect(plain.out).not.toContain('SYNTHETIC^SAMPLE');
    const shown = await cli(['pacs', 'search', '--url', url, '--patient-name', 'SYNTH', '--json', '--show-patient']);
    expect(JSON.parse(shown.out)[0].patientName).toBe('SYNTHETIC^SAMPLE');
    const a = orthanc.state.auth;
    const refused = await cli(['pacs', 'search', '--url', a.dicomweb]);
    expect(refused.code).toBe(1);
    expect(refused.err).toMatch(/asked for a login \(HTTP 401\)/);
    const okAuth = await cli(['pacs', 'search', '--url', a.dicomweb, '--user', a.user, '--password-env', 'BP_TEST_PW', '--json'], { BP_TEST_PW: a.password });
    expect(okAuth.code).toBe(0);
    expect(JSON.parse(okAuth.out).length).toBeGreaterThanOrEqual(3);
    const usage = await cli(['pacs', 'search', '--url', url, '--from', '2025-13-45']);
    expect(usage.code).toBe(1);
    expect(usage.err).toMatch(/not a date/);
  });

  it('get writes the clip complete and byte-identical; store wraps a PDF into the study and QIDO finds it', async () => {
    const url = orthanc.state.open.dicomweb;
    const got = await cli(['pacs', 'get', '--url', url, '--study', STUDY, '--out', 'got']);
    expect(got.code, got.err).toBe(0);
    const files = readdirSync(path.join(tmp, 'got'));
    expect(files.length).toBe(1);
    expect(readFileSync(path.join(tmp, 'got', files[0]!)).equals(readFileSync(path.join(root, 'assets/samples/ganglion-impar.dcm')))).toBe(true);

    const doc = await PDFDocument.create();
    doc.addPage([200, 200]);
    writeFileSync(path.join(tmp, 'note.pdf'), await doc.save());
    const stored = await cli(['pacs', 'store', '--url', url, '--like', path.join('got', files[0]!), 'note.pdf']);
    expect(stored.code, stored.err).toBe(0);
    const sop = /— ([\d.]+)$/.exec(stored.out.trim())![1]!;
    expect(stored.out).toMatch(/note\.pdf: stored/);
    const listed = await cli(['pacs', 'search', '--url', url, '--patient-name', 'SYNTH', '--modality', 'any', '--json']);
    expect(JSON.parse(listed.out).find((s: { studyInstanceUid: string }) => s.studyInstanceUid === STUDY).modalities).toContain('DOC');
    expect(sop).toMatch(/^2\.25\./);
  });
});
