/**
 * e2e: the PACS panel in browser mode against the test Orthanc (through the local server's
 * forwarder): add a server, search (patients hidden by default), see ultrasound instances and frames,
 * open a study's 60-frame clip with a progress bar, and a clear message for a server that wants a login;
 * then, from the celiac plexus sample plan (its clip is the one in the PACS), Stop Before You Block
 * and send the SR, the PDF and the key images back: QIDO finds them in the clip's study, and the SR
 * retrieved from the PACS passes dciodvfy and carries the study's identity.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useOrthanc, type OrthancState } from '../support/orthanc';
import { studyIdentityOf } from '../../core/dicom/write/study-identity';
import { connectNode } from '../../core/node/dicomweb-http';
import { ok } from '../../core/result';
import dicomParser from 'dicom-parser';
import { instanceJson, multipartBody, MULTIPART_TYPE, startFaultServer } from '../support/pacs-fault-server';
import { dicomFixturesDir } from '../support/shared';
import { dciodvfyErrors } from '../unit/core/notes/tools';
import { appUrl, launch, openSample, screenshot, type Session } from './browser';

let s: Session;
let orthanc: { state: OrthancState; release(): Promise<void> };

beforeAll(async () => {
  orthanc = await useOrthanc();
  s = await launch({ width: 1440, height: 900 });
}, 120_000);
afterAll(async () => {
  await s?.close();
  await orthanc?.release();
});

async function addServer(name: string, url: string) {
  const { page } = s;
  await page.getByRole('button', { name: 'Add…' }).click();
  const form = page.getByRole('form', { name: 'Add a PACS' });
  await form.getByLabel('Name', { exact: true }).fill(name);
  await form.getByLabel('DICOMweb address').fill(url);
  await form.getByRole('button', { name: 'Save server' }).click();
  await form.waitFor({ state: 'detached' });
}

describe('PACS panel (browser mode)', () => {
  it('searches, hides patients by default, and opens a study’s clip with progress', async () => {
    const { page } = s;
    await page.goto(appUrl());
    await page.getByRole('tab', { name: 'PACS' }).click();
    await addServer('Test Orthanc', orthanc.state.open.dicomweb);
    const search = page.getByRole('form', { name: 'Search the PACS' });
    await search.getByLabel('Patient name', { exact: true }).fill('SYNTH');
    await search.getByRole('button', { name: 'Search' }).click();
    const table = page.getByRole('table', { name: 'Studies found' });
    await table.waitFor();
    await expect.poll(() => table.getByRole('row').count(), { timeout: 30_000 }).toBeGreaterThanOrEqual(4); // header + the 3 sample studies (+ any a bench run added)
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 30_000 }).toMatch(/1 \/ 60/);
    const text = (await table.textContent()) ?? '';
    expect(text).not.toContain('SYNTHETIC');
    expect(text).toContain('hidden');
    await screenshot(page, 'pacs-results');

    const first = table.getByRole('button', { name: /Retrieve and open/ }).first();
    await first.click();
    await page.getByText(/Retrieved 1 instance/).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.clip-item').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'pacs-retrieved');

    await page.getByLabel('Show patient names').check();
    await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 10_000 }).toContain('SYNTHETIC, SAMPLE');
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('a server that wants a login: a message naming it', async () => {
    const { page } = s;
    await addServer('Locked PACS', orthanc.state.auth.dicomweb);
    await page.getByRole('form', { name: 'Search the PACS' }).getByRole('button', { name: 'Search' }).click();
    await page.getByText(/“Locked PACS”.*asked for a login \(HTTP 401\)/).first().waitFor();
    await screenshot(page, 'pacs-401');
  });

  it('plan → Stop Before You Block → SR, PDF and key images stored into the clip’s study; QIDO finds them; the SR passes dciodvfy', async () => {
    const { page } = s;
    const clip = new Uint8Array(readFileSync(path.resolve(__dirname, '../../assets/samples/celiac-plexus.dcm')));
    const source = studyIdentityOf(clip)!;
    const pacs = connectNode({ name: 'Test Orthanc', baseUrl: orthanc.state.open.dicomweb, auth: { kind: 'none' } }, null);
    const before = await pacs.searchInstances({ studyUid: source.studyInstanceUid });
    expect(before.ok).toBe(true);
    const known = new Set(before.ok ? before.value.map((i) => i.sopInstanceUid) : []);
    const consoleBefore = s.consoleErrors.length; // the 401 of the test above is expected

    await openSample(page, /Coeliac plexus|Celiac plexus/i);
    await page.getByRole('tab', { name: 'PACS' }).click();
    const send = page.getByRole('region', { name: 'Send results to the PACS' });
    await send.waitFor();
    // A sample opened from disk: the results go to the server chosen in the panel, and the panel says so.
    await page.getByRole('combobox', { name: 'PACS', exact: true }).selectOption({ label: 'Test Orthanc' });
    await expect.poll(async () => (await send.textContent()) ?? '', { timeout: 10_000 }).toContain('To “Test Orthanc”, the server chosen above.');
    await send.getByRole('radio', { name: 'Midline (n/a)' }).check();
    await send.getByRole('button', { name: 'Send to PACS' }).click();
    const report = send.getByRole('list', { name: 'What the PACS stored' });
    await report.waitFor({ timeout: 120_000 });
    await expect.poll(async () => (await report.textContent()) ?? '', { timeout: 60_000 }).toMatch(/Stored: Structured report/);
    const text = (await report.textContent()) ?? '';
    expect(text).toMatch(/Stored: Note \(Encapsulated PDF\)/);
    expect(text).toMatch(/Stored: Key image 1/);
    expect(text).not.toMatch(/Not stored|Not confirmed/);
    await screenshot(page, 'pacs-sent');

    // QIDO: the new instances are in the clip's study (an SR, a PDF and the key images).
    const after = await pacs.searchInstances({ studyUid: source.studyInstanceUid });
    if (!after.ok) throw new Error(after.error.title);
    const added = after.value.filter((i) => !known.has(i.sopInstanceUid));
    const classes = added.map((i) => i.sopClassUid);
    expect(classes).toContain('1.2.840.10008.5.1.4.1.1.88.33'); // Comprehensive SR
    expect(classes).toContain('1.2.840.10008.5.1.4.1.1.104.1'); // Encapsulated PDF
    expect(classes.filter((c) => c === '1.2.840.10008.5.1.4.1.1.7').length).toBeGreaterThan(0); // Secondary Capture

    // WADO-RS: the SR as the PACS holds it passes dciodvfy and carries the study's identity.
    const sr = added.find((i) => i.sopClassUid === '1.2.840.10008.5.1.4.1.1.88.33')!;
    const back: Uint8Array[] = [];
    const got = await pacs.retrieve({ studyUid: source.studyInstanceUid, seriesUid: sr.seriesUid, sopInstanceUid: sr.sopInstanceUid }, { onInstance: (p) => (back.push(p.bytes), ok(undefined)) });
    expect(got.error).toBeNull();
    const dir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-pacs-e2e-'));
    try {
      const f = path.join(dir, 'sr.dcm');
      writeFileSync(f, back[0]!);
      const v = dciodvfyErrors(f);
      expect(v.errors, v.all).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const { sopClassUid: _a, sopInstanceUid: _b, ...identity } = studyIdentityOf(back[0]!)!;
    const { sopClassUid: _c, sopInstanceUid: _d, ...expected } = source;
    expect(identity).toEqual(expected);
    const errors = s.consoleErrors.slice(consoleBefore).filter((e) => !/favicon/.test(e));
    expect(errors, errors.join('\n')).toEqual([]);
  });

  it('a slow server: the retrieve shows its progress, Cancel stops it, and nothing half-read is opened', async () => {
    const { page } = s;
    const file = new Uint8Array(readFileSync(path.join(dicomFixturesDir(), 'dwv/gdcm-US-RGB-8-esopecho.dcm')));
    const sop = dicomParser.parseDicom(file).string('x00080018')!.trim();
    const [study, series] = ['1.2.826.0.1.3680043.8.498.1', '1.2.826.0.1.3680043.8.498.1.1'];
    const slow = await startFaultServer();
    try {
      let wadoClosed = false;
      slow.handler = (q, r) => {
        const url = q.url ?? '';
        if (/\/studies\?/.test(url) || /\/studies$/.test(url)) {
          const json = [{ '0020000D': { vr: 'UI', Value: [study] }, '00080020': { vr: 'DA', Value: ['20250102'] }, '00081030': { vr: 'LO', Value: ['Slow study'] }, '00100010': { vr: 'PN', Value: [{ Alphabetic: 'SLOW^PACS' }] } }];
          return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(JSON.stringify(json));
        }
        if (/\/instances(\?|$)/.test(url)) return void r.writeHead(200, { 'Content-Type': 'application/dicom+json' }).end(instanceJson([{ study, series, sop }]));
        // WADO-RS: the first kilobyte, then nothing (a slow server).
        r.writeHead(200, { 'Content-Type': MULTIPART_TYPE() });
        r.write(multipartBody([file]).subarray(0, 1000));
        r.on('close', () => (wadoClosed = true));
      };
      await page.goto(appUrl());
      await page.getByRole('tab', { name: 'PACS' }).click();
      const clipsBefore = await page.locator('.clip-item').count();
      await addServer('Slow PACS', slow.url);
      await page.getByRole('combobox', { name: 'PACS', exact: true }).selectOption({ label: 'Slow PACS' });
      const search = page.getByRole('form', { name: 'Search the PACS' });
      await search.getByLabel('Patient name', { exact: true }).fill('');
      await search.getByRole('button', { name: 'Search' }).click();
      const table = page.getByRole('table', { name: 'Studies found' });
      await expect.poll(async () => (await table.textContent()) ?? '', { timeout: 30_000 }).toContain('Slow study');
      await table.getByRole('button', { name: /Retrieve and open/ }).first().click();
      const bar = page.getByRole('progressbar', { name: 'Retrieve progress' });
      await bar.waitFor();
      await screenshot(page, 'pacs-slow-retrieve');
      await page.locator('.pacs-progress').getByRole('button', { name: 'Cancel' }).click();
      await page.getByText(/Retrieve cancelled: 0 of 1 clips opened; nothing incomplete was kept/).first().waitFor();
      await bar.waitFor({ state: 'detached' });
      expect(await page.locator('.clip-item').count()).toBe(clipsBefore);
      await expect.poll(() => wadoClosed, { timeout: 10_000 }).toBe(true); // the request to the PACS was closed too
    } finally {
      await slow.close();
    }
  });
});
