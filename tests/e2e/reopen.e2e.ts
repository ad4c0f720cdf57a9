/**
 * Issue 20 item 5, reopening work, in browser mode: files opened through the File System Access
 * picker are kept as handles in IndexedDB, so a case reopened after a reload (from "Open case…" or
 * the recent-cases list on the empty screen) opens its clips with no locate dialog; locating a clip
 * does not mark the case unsaved; Ctrl+S saves while a number field has focus.
 *
 * Headless Chromium cannot drive the real `showOpenFilePicker` dialog, so each test replaces only
 * the dialog: its stand-in returns handles of files the test put in the Origin Private File System
 * (real FileSystemFileHandle objects, which the app stores and reads exactly as picked ones).
 * Screenshots go to test-output/screenshots (reopen-*.png).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/shared';
import { appUrl, screenshot, sessionPerTest, storedKeys } from './browser';

const SAMPLES = path.join(repoRoot, 'assets/samples');
const CLIP = 'thoracic-paravertebral.dcm';
const CASE = 'thoracic-paravertebral.bpcase';

const session = sessionPerTest('reopen');

/** Before any page script: `showOpenFilePicker` answers with OPFS handles of the names in `window.__nextPick`. */
async function standInPicker(page: Page): Promise<void> {
  await page.context().addInitScript(() => {
    const w = window as unknown as { __nextPick?: string[]; __picks: number; showOpenFilePicker: () => Promise<FileSystemFileHandle[]> };
    w.__picks = 0;
    w.showOpenFilePicker = async () => {
      w.__picks++;
      const root = await navigator.storage.getDirectory();
      const names = w.__nextPick ?? [];
      w.__nextPick = [];
      return Promise.all(names.map((n) => root.getFileHandle(n)));
    };
  });
}

/** Put files (from assets/samples) into the page origin's private file system. */
async function putInOpfs(page: Page, names: string[]): Promise<void> {
  for (const name of names) {
    const b64 = readFileSync(path.join(SAMPLES, name)).toString('base64');
    await page.evaluate(
      async ({ name, b64 }) => {
        const root = await navigator.storage.getDirectory();
        const w = await (await root.getFileHandle(name, { create: true })).createWritable();
        await w.write(Uint8Array.from(atob(b64), (c) => c.charCodeAt(0)));
        await w.close();
      },
      { name, b64 },
    );
  }
}

const nextPick = (page: Page, names: string[]) => page.evaluate((n) => ((window as unknown as { __nextPick: string[] }).__nextPick = n), names);
const picks = (page: Page) => page.evaluate(() => (window as unknown as { __picks: number }).__picks);

async function openCaseWithPicker(page: Page): Promise<void> {
  await nextPick(page, [CASE]);
  await page.getByRole('button', { name: 'Open case…' }).first().click();
  await page.getByText(`Opened ${CASE}`).waitFor({ timeout: 20_000 });
}

const locateDialog = (page: Page) => page.getByRole('dialog', { name: /Locate (a )?moved clip/ });

describe('browser mode: reopening work', () => {
  it('a reopened case opens its clips through the kept file handles, with no locate dialog — after a reload, from Open case… and from the recent list', async () => {
    const { page } = session();
    await standInPicker(page);
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    await putInOpfs(page, [CLIP, CASE]);

    // Day 1: the clip is opened through the picker (its handle is kept).
    await nextPick(page, [CLIP]);
    await page.getByRole('button', { name: 'Open DICOM…' }).first().click();
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });

    // Later: a reload forgets everything in memory; the case file is opened.
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    await openCaseWithPicker(page);
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
    expect(await locateDialog(page).count()).toBe(0);
    await expect(page.getByTestId('case-state').textContent()).resolves.not.toMatch(/Unsaved/);
    // The clip's handle is linked to its hash in the background once the case's clips are known (IndexedDB): wait for it.
    await expect.poll(async () => (await storedKeys(page)).some((k) => k.startsWith('handle-sha:')), { timeout: 10_000 }).toBe(true);
    const keys = await storedKeys(page);
    // The clip came through its handle: its bytes were never copied into storage.
    expect(keys).not.toContain(`file:${CLIP}`);
    expect(keys).toContain(`handle:${CLIP}`);
    await screenshot(page, 'reopen-01-case-from-handles');

    // Reload again: the empty screen lists the case; opening it from there needs no picker and no locate dialog.
    await page.reload();
    const row = page.getByTestId('recent-case').filter({ hasText: CASE });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/Thoracic paravertebral.*right, T5/);
    await expect(row.textContent()).resolves.toMatch(/Its clip is found/);
    await screenshot(page, 'reopen-02-recent-cases');
    const picksBefore = await picks(page);
    // From the keyboard: the row is a button (Tab to it, Enter opens).
    await row.getByRole('button', { name: new RegExp(`^Open ${CASE}`) }).focus();
    await screenshot(page, 'reopen-02b-recent-focused');
    await page.keyboard.press('Enter');
    await page.getByText(`Opened ${CASE}`).waitFor({ timeout: 20_000 });
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
    expect(await locateDialog(page).count()).toBe(0);
    expect(await picks(page)).toBe(picksBefore);
  });

  it('a case whose clip was never opened here asks to locate it; locating does not mark the case unsaved; the recent list says the clip is not found, and removes the case when asked', async () => {
    const { page } = session();
    await standInPicker(page);
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    await putInOpfs(page, [CLIP, CASE]);
    await openCaseWithPicker(page);
    const dlg = locateDialog(page);
    await dlg.waitFor();
    await nextPick(page, [CLIP]);
    await dlg.getByRole('button', { name: `Locate ${CLIP}…` }).click();
    await page.getByText(`Found ${CLIP}`).waitFor();
    await dlg.waitFor({ state: 'detached' });
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
    await expect(page.getByTestId('case-state').textContent()).resolves.not.toMatch(/Unsaved/);
    expect(await page.title()).not.toMatch(/^•/);
    await screenshot(page, 'reopen-03-after-locate');

    // In a fresh origin state but with the case kept and the handles forgotten, the list says so.
    await page.evaluate(
      () =>
        new Promise<void>((resolve, reject) => {
          const req = indexedDB.open('blockplan', 1);
          req.onsuccess = () => {
            const store = req.result.transaction('kv', 'readwrite').objectStore('kv');
            const keys = store.getAllKeys();
            keys.onsuccess = () => {
              for (const k of keys.result) if (String(k).startsWith('handle')) store.delete(k);
              store.transaction.oncomplete = () => (req.result.close(), resolve());
            };
          };
          req.onerror = () => reject(req.error);
        }),
    );
    await page.reload();
    const row = page.getByTestId('recent-case').filter({ hasText: CASE });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/1 of 1 clip not found: you will be asked to locate it/);
    await screenshot(page, 'reopen-04-recent-clip-missing');
    await row.getByRole('button', { name: `Remove ${CASE} from the recent list` }).click();
    await row.waitFor({ state: 'detached' });
    expect(await storedKeys(page)).not.toContain(`file:${CASE}`);
  });

  it('Ctrl+S saves while a number field has focus, with the value typed in it', async () => {
    const { page } = session();
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    await page.getByRole('button', { name: /sample/i }).first().click();
    await page.getByRole('button', { name: /Thoracic paravertebral/ }).click();
    await page.getByText(/Opened the sample case/).waitFor();
    const margin = page.getByRole('spinbutton', { name: 'Clearance margin, mm' });
    await margin.fill('7');
    const [download] = await Promise.all([page.waitForEvent('download'), margin.press('Control+s')]);
    const saved = JSON.parse(readFileSync((await download.path())!, 'utf8')) as { settings: { marginMm: number } };
    expect(saved.settings.marginMm).toBe(7);
    await expect(page.getByTestId('case-state').textContent()).resolves.not.toMatch(/Unsaved/);
  });
});
