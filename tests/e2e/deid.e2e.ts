/**
 * The educator's de-identify dialog in browser mode (headless Chromium, the app's CSP): open a clip
 * with burned-in name, ID, date of birth and hospital, find the text (tesseract.js in its worker,
 * model and core served by the app), review the proposed masks, preview, apply and save. The saved
 * file is de-identified (dciodvfy, no identifying value in its bytes) and no request left the origin.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { repoRoot } from '../support/shared';
import { makePhiClip } from '../support/deid-clip';
import { appUrl, launch, screenshot, type Session } from './browser';

const OUT = path.join(repoRoot, 'test-output/e2e-deid');
const CLIP = path.join(OUT, 'clip-with-text.dcm');
let s: Session;
let page: Page;
const foreign: string[] = [];

beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  const clip = await makePhiClip({ columns: 480, rows: 360, frames: 3, extra: [{ tag: 0x00201040, vr: 'LO', value: '' }] });
  writeFileSync(CLIP, clip.bytes);
  s = await launch();
  page = s.page;
  const origin = new URL(appUrl()).origin;
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('blob:') && !u.startsWith('data:')) foreign.push(u);
  });
});
afterAll(async () => {
  await s?.close();
});

describe('de-identify dialog', () => {
  it('finds the burned-in text, masks it, saves a de-identified clip', async () => {
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
    await chooser.setFiles(CLIP);
    await page.getByTestId('viewer2d').waitFor();
    // The shortcut needs the clip read and in view (else it says 'Open a clip first'): its frame counter shows then.
    await page.getByTestId('frame-counter').filter({ hasText: 'Frame 1 / 3' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Control+Shift+D');
    const dlg = page.getByRole('dialog', { name: 'De-identify clip for teaching' });
    await dlg.waitFor();
    await dlg.locator('canvas.deid-canvas').waitFor();
    await screenshot(page, 'deid-01-dialog');
    await dlg.getByRole('button', { name: 'Find burned-in text' }).click();
    await expect.poll(async () => (await dlg.getByRole('status').textContent()) ?? '', { timeout: 180_000, interval: 1000 }).toMatch(/word\(s\) read/);
    await screenshot(page, 'deid-02-found');
    const masks = await dlg.getByRole('list', { name: 'Mask rectangles' }).getByRole('listitem').count();
    expect(masks).toBeGreaterThanOrEqual(3);
    await expect(dlg.locator('.deid-words').textContent()).resolves.toMatch(/HOSPITAL/);
    await dlg.getByRole('checkbox', { name: 'Preview masked frame' }).check();
    await screenshot(page, 'deid-03-preview');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 180_000 }), dlg.getByRole('button', { name: /Apply masks, de-identify and save/ }).click()]);
    const saved = path.join(OUT, 'deid-001.dcm');
    await download.saveAs(saved);
    await dlg.getByLabel('De-identification report').waitFor({ timeout: 60_000 });
    await screenshot(page, 'deid-04-report');
    const bytes = readFileSync(saved).toString('latin1');
    for (const v of ['KOWALSKI', 'PID48213579', 'ST MARY HOSPITAL', '19750314']) expect(bytes.includes(v), v).toBe(false);
    const v = execFileSync('sh', ['-c', `dciodvfy "${saved}" 2>&1 || true`], { encoding: 'utf8' });
    expect(v.split('\n').filter((l) => l.startsWith('Error'))).toEqual([]);
    expect(foreign).toEqual([]);
    expect(s.consoleErrors).toEqual([]);
  }, 400_000);
});
