/**
 * End to end against a real PACS (Orthanc + its DICOMweb plugin on 127.0.0.1, scripts/orthanc.mjs):
 * search → retrieve a multi-frame clip (bytes and decoded pixels equal to the uploaded file) → the
 * sample plan on it → SR, PDF and key images sent back with STOW-RS → QIDO finds them in the same
 * study → the SR and PDF retrieved back pass dciodvfy. Plus basic authentication.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { retrieveInstances, type RetrievedInstance } from '../../../../core/app/pacsRetrieve';
import { searchStudies, studyImages } from '../../../../core/app/pacsSearch';
import { sendResults } from '../../../../core/app/pacsSend';
import { nodePdfFontLoader } from '../../../../core/node/fonts';
import { connect } from '../../../../core/dicomweb/connect';
import { studyIdentityOf } from '../../../../core/dicom/write/study-identity';
import { parseCase, sha256Hex } from '../../../../core/plan/index';
import { ok } from '../../../../core/result';
import { useOrthanc, type OrthancState } from '../../../support/orthanc';
import { confirmedNote } from '../../../support/pacs-note';
import { dciodvfyErrors, run } from '../notes/tools';

const root = path.resolve(__dirname, '../../../..');
const CLIP = new Uint8Array(readFileSync(path.join(root, 'assets/samples/celiac-plexus.dcm')));
const STUDY = '2.25.136887544931730044429331174598348633252';
let orthanc: { state: OrthancState; release(): Promise<void> };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'blockplan-pacs-e2e-'));

beforeAll(async () => {
  orthanc = await useOrthanc();
}, 120_000);
afterAll(async () => {
  await orthanc?.release();
  rmSync(tmp, { recursive: true, force: true });
});

const open = () => connect({ name: 'Test Orthanc', baseUrl: orthanc.state.open.dicomweb, auth: { kind: 'none' } }, null);

describe('PACS round trip against Orthanc', () => {
  let retrieved: RetrievedInstance;

  it('finds the study and counts its ultrasound frames', async () => {
    const r = await searchStudies(open(), { patientName: 'synthetic', dateFrom: '2025-01-01', dateTo: '2025-01-01' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.studies.map((s) => s.studyUid)).toContain(STUDY);
    const s = r.value.studies.find((x) => x.studyUid === STUDY)!;
    expect(s.modalities).toContain('US');
    expect(s.patient.name).toBe('SYNTHETIC^SAMPLE');
    const counts = await studyImages(open(), STUDY);
    expect(counts.ok && counts.value.frames).toBeGreaterThanOrEqual(60);
    const paged = await searchStudies(open(), { limit: 1 });
    expect(paged.ok && paged.value.studies.length).toBe(1);
    expect(paged.ok && paged.value.more).toBe(true);
  });

  it('retrieves the 60-frame clip as stored: same bytes, same decoded pixels (DCMTK)', async () => {
    const got: RetrievedInstance[] = [];
    const progress: number[] = [];
    const r = await retrieveInstances({ client: open(), sink: { put: async (i) => (got.push(i), ok(undefined)) } }, { target: { studyUid: STUDY }, onProgress: (p) => progress.push(p.framesDone) });
    expect(r.ok && r.value.complete).toBe(true);
    expect(got.length).toBe(1);
    retrieved = got[0]!;
    expect(retrieved.frames).toBe(60);
    expect(retrieved.transferSyntaxUid).toBe('1.2.840.10008.1.2.4.50');
    expect(sha256Hex(retrieved.bytes)).toBe(sha256Hex(CLIP));
    expect(progress.at(-1)).toBe(60);
    const a = path.join(tmp, 'retrieved.dcm');
    const b = path.join(tmp, 'uploaded.dcm');
    writeFileSync(a, retrieved.bytes);
    writeFileSync(b, CLIP);
    // DCMTK decodes both (dcmdjpeg, then dcm2pnm per frame): the pixels must agree.
    run('dcmdjpeg', [a, `${a}.raw.dcm`]);
    run('dcmdjpeg', [b, `${b}.raw.dcm`]);
    for (const frame of ['1', '60']) {
      run('dcm2pnm', ['+F', frame, `${a}.raw.dcm`, path.join(tmp, `a${frame}.pgm`)]);
      run('dcm2pnm', ['+F', frame, `${b}.raw.dcm`, path.join(tmp, `b${frame}.pgm`)]);
      expect(readFileSync(path.join(tmp, `a${frame}.pgm`)).equals(readFileSync(path.join(tmp, `b${frame}.pgm`)))).toBe(true);
    }
  });

  it('plans on it, sends SR, PDF and key images back into the same study, and finds them there', async () => {
    const parsed = parseCase(readFileSync(path.join(root, 'assets/samples/celiac-plexus.bpcase'), 'utf8'), 'celiac-plexus.bpcase');
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const plan = parsed.value.plan;
    expect(plan.clips[0]!.sha256).toBe(sha256Hex(retrieved.bytes)); // the case's clip is the retrieved one
    const doc = await confirmedNote(plan, new Map([[plan.clips[0]!.id, retrieved.bytes]]), 'n/a', new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    expect(doc.keyImages.length).toBeGreaterThan(0);
    const sent = await sendResults(open(), { doc, studyInstance: retrieved.bytes, createdAt: new Date(), fonts: nodePdfFontLoader });
    expect(sent.ok, JSON.stringify(sent.ok ? '' : sent.error)).toBe(true);
    if (!sent.ok) return;
    expect(sent.value.studyUid).toBe(STUDY);
    expect(sent.value.results.map((x) => x.status)).toEqual(sent.value.results.map(() => 'stored'));
    expect(sent.value.results.length).toBe(2 + doc.keyImages.length);

    const listed = await open().searchInstances({ studyUid: STUDY });
    expect(listed.ok).toBe(true);
    if (!listed.ok) return;
    const uids = new Set(listed.value.map((i) => i.sopInstanceUid));
    for (const x of sent.value.results) expect(uids.has(x.sopInstanceUid), x.label).toBe(true);

    // The SR and the PDF come back from the PACS as valid DICOM (dciodvfy).
    for (const x of sent.value.results.slice(0, 2)) {
      const inst = listed.value.find((i) => i.sopInstanceUid === x.sopInstanceUid)!;
      const back: Uint8Array[] = [];
      const r = await open().retrieve({ studyUid: STUDY, seriesUid: inst.seriesUid, sopInstanceUid: inst.sopInstanceUid }, { onInstance: (p) => (back.push(p.bytes), ok(undefined)) });
      expect(r.error).toBeNull();
      const f = path.join(tmp, `${x.sopInstanceUid}.dcm`);
      writeFileSync(f, back[0]!);
      const v = dciodvfyErrors(f);
      expect(v.errors, `${x.label}\n${v.all}`).toEqual([]);
      // Filed with the study's identity as stored in the PACS (Study Date/Time, Study ID, Accession, Patient).
      const { sopClassUid: _c, sopInstanceUid: _i, ...identity } = studyIdentityOf(back[0]!)!;
      const { sopClassUid: _c2, sopInstanceUid: _i2, ...source } = studyIdentityOf(retrieved.bytes)!;
      expect(identity, x.label).toEqual(source);
    }
  });

  it('basic authentication: refused without the password, works with it', async () => {
    const { auth } = orthanc.state;
    const anon = await connect({ name: 'Auth Orthanc', baseUrl: auth.dicomweb, auth: { kind: 'none' } }, null).searchStudies({});
    expect(!anon.ok && anon.error.code).toBe('pacs/unauthorized');
    expect(!anon.ok && anon.error.title).toContain('“Auth Orthanc”');
    const wrong = await connect({ name: 'Auth Orthanc', baseUrl: auth.dicomweb, auth: { kind: 'basic', user: auth.user } }, 'wrong').searchStudies({});
    expect(!wrong.ok && wrong.error.code).toBe('pacs/unauthorized');
    const good = await connect({ name: 'Auth Orthanc', baseUrl: auth.dicomweb, auth: { kind: 'basic', user: auth.user } }, auth.password).searchStudies({ patientName: 'SYNTH' });
    expect(good.ok && good.value.studies.length).toBeGreaterThanOrEqual(3);
  });
});
