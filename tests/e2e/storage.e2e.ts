/**
 * Issue 12 items 14 and 7 in browser mode: the app says that opened cases and clips stay in the
 * browser's storage and clears them; leaving with unsaved changes asks (beforeunload).
 * Screenshots go to test-output/screenshots (storage-*.png).
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dialog } from 'playwright-core';
import { repoRoot } from '../support/shared';
import { appUrl, launch, screenshot, storedKeys, type Session } from './browser';

const CLIP = path.join(repoRoot, 'assets/samples/thoracic-paravertebral.dcm');

let s: Session;
beforeAll(async () => {
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('browser mode: what stays in the browser, and leaving with unsaved changes', () => {
  it('the start screen says cases and clips stay in this browser', async () => {
    const page = s.page;
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    await expect(page.getByTestId('storage-note').textContent()).resolves.toMatch(/cases and clips you open stay in this browser’s storage until you clear them/);
    await screenshot(page, 'storage-01-start');
  });

  it('asks before leaving while the case has unsaved changes, and stays when told to', async () => {
    const page = s.page;
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
    await chooser.setFiles(CLIP);
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
    await page.getByRole('button', { name: 'Choose block…' }).click();
    const dlg = page.getByRole('dialog', { name: 'Choose the block' });
    // The picker moves the focus to its search box a moment after it opens (a timer): type once it has.
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 10_000 }).toBe('Search blocks by name or alias');
    await page.keyboard.type('paraverteb');
    await dlg.getByRole('button', { name: 'Use this block' }).click();
    await dlg.waitFor({ state: 'detached' });
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('Unsaved changes');
    const seen: string[] = [];
    const stay = (d: Dialog) => {
      seen.push(d.type());
      void d.dismiss();
    };
    page.on('dialog', stay);
    await page.reload({ timeout: 5000 }).catch(() => undefined); // cancelled by the user
    page.off('dialog', stay);
    expect(seen).toEqual(['beforeunload']);
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('Unsaved changes'); // still here
  });

  it('after a save the case is stored; the dialog says so and clears them', async () => {
    const page = s.page;
    await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
    await page.getByRole('status').filter({ hasText: /^Saved / }).first().waitFor();
    expect(await storedKeys(s.page)).toEqual(['file:thoracic-paravertebral.bpcase', 'recent']);
    await page.getByRole('button', { name: 'Stored in this browser…' }).click();
    const dlg = page.getByRole('dialog', { name: 'Stored in this browser' });
    // The summary reads IndexedDB ("Checking…" first): wait for it.
    await expect.poll(() => dlg.getByTestId('storage-summary').textContent(), { timeout: 10_000 }).toBe('Stored now: 1 case (< 0.1 MB).');
    await screenshot(page, 'storage-02-dialog');
    await dlg.getByRole('button', { name: 'Clear stored cases and clips' }).click();
    // Clearing is asynchronous (IndexedDB); wait for the summary to say so.
    await dlg.getByTestId('storage-summary').filter({ hasText: 'Nothing is stored in this browser now.' }).waitFor();
    expect(await storedKeys(s.page)).toEqual([]);
    await screenshot(page, 'storage-03-cleared');
    await dlg.getByRole('button', { name: 'Done' }).click();
    // Saved and clean: leaving does not ask.
    const seen: string[] = [];
    page.on('dialog', (d) => {
      seen.push(d.type());
      void d.accept();
    });
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    expect(seen).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  });
});
