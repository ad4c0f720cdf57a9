/**
 * e2e (browser mode, the test Orthanc through the local server's forwarder): a clip retrieved from the
 * PACS and planned on is saved with the case (where it came from: the server's DICOMweb root and its
 * UIDs); in a fresh browser (no cache, nothing of the clip stored) the case opens, the PACS tab offers
 * the clip, and it opens again from the configured server — the same clip (the annotation is on it).
 * A case naming a server the user did not configure makes no request to it.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { useOrthanc, type OrthancState } from '../support/orthanc';
import { appUrl, imageToPage, launch, screenshot, type Session } from './browser';

let orthanc: { state: OrthancState; release(): Promise<void> };
const tmp = mkdtempSync(path.join(os.tmpdir(), 'blockplan-pacs-reopen-'));
const sessions: Session[] = [];

beforeAll(async () => {
  orthanc = await useOrthanc();
}, 120_000);
afterAll(async () => {
  for (const s of sessions) await s.close();
  await orthanc?.release();
  rmSync(tmp, { recursive: true, force: true });
});

async function fresh(): Promise<Session> {
  const s = await launch({ width: 1440, height: 900 });
  sessions.push(s);
  return s;
}

/** Opens the PACS tab; adds the test Orthanc unless a server with its address is configured already. */
async function pacsTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'PACS' }).click();
  await page.locator('.pacs-panel').waitFor();
}

async function openCaseFile(page: Page, file: string): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open case…' }).first().click()]);
  await chooser.setFiles(file);
}

/**
 * Retrieve the celiac plexus sample's clip from the PACS, plan one point on it and save the case
 * (a download): once per file, for whichever test needs it first (each test also runs alone).
 */
let savedCase: Promise<string> | null = null;
const retrieveAndSave = (): Promise<string> => (savedCase ??= retrieveAndSaveOnce());

async function retrieveAndSaveOnce(): Promise<string> {
  const { page } = await fresh();
  await page.goto(appUrl());
  await pacsTab(page);
  await page.getByRole('button', { name: 'Add…' }).click();
  const form = page.getByRole('form', { name: 'Add a PACS' });
  await form.getByLabel('Name', { exact: true }).fill('Reopen Orthanc');
  await form.getByLabel('DICOMweb address').fill(orthanc.state.open.dicomweb);
  await form.getByRole('button', { name: 'Save server' }).click();
  await form.waitFor({ state: 'detached' });
  await page.getByRole('combobox', { name: 'PACS', exact: true }).selectOption({ label: 'Reopen Orthanc' });
  const search = page.getByRole('form', { name: 'Search the PACS' });
  await search.getByLabel('Patient name', { exact: true }).fill('SYNTH');
  await search.getByRole('button', { name: 'Search' }).click();
  const table = page.getByRole('table', { name: 'Studies found' });
  // The celiac plexus sample's study (one 60-frame clip).
  const row = table.getByRole('row').filter({ hasText: /1 \/ 60/ }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.getByRole('button', { name: /Retrieve and open/ }).click();
  await page.getByText(/Retrieved 1 instance/).first().waitFor({ timeout: 60_000 });
  await page.getByTestId('plan-layer').waitFor();

  // Plan on it: one point (the clip joins the case with its origin).
  await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Point', exact: true }).click();
  const q = await imageToPage(page, { x: 200, y: 150 });
  await page.mouse.click(q.x, q.y);
  // Added once the clip's hash is taken (at once when it is known; else the click starts it).
  await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 15_000 }).toBe(1);

  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  const saved = path.join(tmp, download.suggestedFilename());
  await download.saveAs(saved);
  return saved;
}

describe('a case whose clip came from the PACS', () => {
  it('retrieve → plan on the clip → save: the case records the clip’s PACS origin', async () => {
    const saved = await retrieveAndSave();
    const plan = JSON.parse(readFileSync(saved, 'utf8'));
    expect(plan.clips).toHaveLength(1);
    const clip = plan.clips[0];
    expect(clip.origin).toMatchObject({ kind: 'dicomweb', wadoRoot: orthanc.state.open.dicomweb, studyUid: clip.studyInstanceUid, seriesUid: clip.seriesInstanceUid, instanceUid: clip.sopInstanceUid });
    expect(clip.path).toMatch(/^pacs:\/\/[^/]+\/[\d.]+\/[\d.]+\/[\d.]+\.dcm$/); // an address, not a path under the case folder
  });

  it('in a fresh browser (no cache): the case opens, the PACS tab offers the clip, and it opens from the configured server', async () => {
    const saved = await retrieveAndSave();
    const { page, consoleErrors } = await fresh();
    await openCaseFile(page, saved);
    await page.getByText(/came from a PACS: reopen it in the PACS tab/).first().waitFor();
    await expect(page.getByRole('dialog').count()).resolves.toBe(0); // not a "locate the moved file" question
    await pacsTab(page);
    const section = page.getByRole('region', { name: 'Clips of this case on a PACS' });
    await section.waitFor();
    // Offered on a configured server with the recorded address: “Reopen Orthanc” (added above), or
    // another server with the same address that an earlier test file configured in the same
    // browser-mode server (the forwarder's list outlives one browser).
    await expect.poll(async () => (await section.textContent()) ?? '', { timeout: 30_000 }).toMatch(/— on “(Reopen|Test) Orthanc”Reopen from PACS/);
    expect(await section.textContent()).not.toContain('not one of your PACS servers');
    await screenshot(page, 'pacs-reopen-offered');
    await section.getByRole('button', { name: /^Reopen .* from the PACS$/ }).click();
    await page.getByText(/Reopened 1 of 1 clip of the case from the PACS\./).first().waitFor({ timeout: 60_000 });
    await section.waitFor({ state: 'detached' });
    await page.getByTestId('plan-layer').waitFor();
    // The same clip: the point planned on it is shown on it.
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 30_000 }).toBe(1);
    await screenshot(page, 'pacs-reopened');
    // Results would go back to the server the clip came from, whichever server the panel shows.
    await expect.poll(async () => (await page.getByRole('region', { name: 'Send results to the PACS' }).textContent()) ?? '', { timeout: 10_000 }).toMatch(/To “(Reopen|Test) Orthanc”, where the clip came from\./);
    expect(consoleErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
  });

  it('a case naming a server that is not configured: no request to it; its address named, and an offer to add it', async () => {
    const saved = await retrieveAndSave();
    const elsewhere = 'http://127.0.0.1:9/dicom-web';
    const plan = JSON.parse(readFileSync(saved, 'utf8'));
    plan.clips[0].origin.wadoRoot = elsewhere;
    const edited = path.join(tmp, 'elsewhere.bpcase');
    writeFileSync(edited, JSON.stringify(plan));
    const { page } = await fresh();
    const forwarded: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/pacs/forward/')) forwarded.push(r.url());
    });
    await openCaseFile(page, edited);
    await pacsTab(page);
    const section = page.getByRole('region', { name: 'Clips of this case on a PACS' });
    await expect.poll(async () => (await section.textContent()) ?? '', { timeout: 30_000 }).toContain(`from ${elsewhere}, not one of your PACS servers`);
    await section.getByRole('button', { name: /^Reopen .* from the PACS$/ }).click();
    await page.getByText(/is not one of your PACS servers/).first().waitFor();
    expect(forwarded).toEqual([]);
    await section.getByRole('button', { name: 'Add this server…' }).click();
    await expect(page.getByRole('form', { name: 'Add a PACS' }).getByLabel('DICOMweb address').inputValue()).resolves.toBe(elsewhere);
    await screenshot(page, 'pacs-reopen-unknown-server');
  });
});
