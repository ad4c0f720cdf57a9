/**
 * e2e: the PACS panel in browser mode against the test Orthanc (through the local server's
 * forwarder): add a server, search (patients hidden by default), see ultrasound instances and frames,
 * open a study's 60-frame clip with a progress bar, and a clear message for a server that wants a login.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useOrthanc, type OrthancState } from '../support/orthanc';
import { appUrl, launch, screenshot, type Session } from './browser';

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
    await expect.poll(() => table.getByRole('row').count()).toBe(4);
    await expect.poll(async () => (await table.textContent()) ?? '').toMatch(/1 \/ 60/);
    const text = (await table.textContent()) ?? '';
    expect(text).not.toContain('SYNTHETIC');
    expect(text).toContain('hidden');
    await screenshot(page, 'pacs-results');

    const first = table.getByRole('button', { name: /Retrieve and open/ }).first();
    await first.click();
    await page.getByText(/Retrieved 1 instance/).first().waitFor({ timeout: 60_000 });
    await expect.poll(() => page.locator('.clip-item').count()).toBe(1);
    await screenshot(page, 'pacs-retrieved');

    await page.getByLabel('Show patient names').check();
    await expect.poll(async () => (await table.textContent()) ?? '').toContain('SYNTHETIC, SAMPLE');
    expect(s.consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('a server that wants a login: a message naming it', async () => {
    const { page } = s;
    await addServer('Locked PACS', orthanc.state.auth.dicomweb);
    await page.getByRole('form', { name: 'Search the PACS' }).getByRole('button', { name: 'Search' }).click();
    await page.getByText(/“Locked PACS”.*asked for a login \(HTTP 401\)/).first().waitFor();
    await screenshot(page, 'pacs-401');
  });
});
