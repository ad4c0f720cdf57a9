/**
 * Teaching cases in the (browser-mode) app, issue 15:
 * - a .bpcasez made by the project's own pipeline (`blockplan publish` of the bundled TPVB sample)
 *   opens read-only in teaching mode; reviewing shows the expert plan with "Choose block" disabled
 *   and saying why; Rehearse starts the rehearsal;
 * - "Publish as teaching page…" runs the same workflow as the CLI: a case whose title names the
 *   patient is stopped by the PHI check, naming case.json, and nothing is downloaded; a clean case
 *   downloads a zip holding the app (every file of the build's list) and the de-identified case, with
 *   no identifying byte of the clip's header or the case anywhere in it; the unzipped folder, served
 *   on 127.0.0.1, opens the case in the read-only teaching page, where Save is disabled and says why.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { main } from '../../core/cli/main';
import { serveFolder } from '../../core/cli/commands/serve';
import { buildBundle } from '../../core/plan/bundle';
import { createCase } from '../../core/plan/case';
import { sha256Hex } from '../../core/plan/hash';
import type { Case } from '../../core/plan/schema';
import { repoRoot } from '../support/shared';
import { makePhiClip } from '../support/deid-clip';
import { appUrl, screenshot, sessionPerTest } from './browser';

const session = sessionPerTest('teaching-app');
const work = mkdtempSync(path.join(os.tmpdir(), 'bp-teaching-app-'));
/** Values of the generated clip's header and burned-in text (core/samples/synth/burned-text.ts) and of the case. */
const IDENTIFYING = ['KOWALSKI', 'Kowalski', 'PID48213579', '19750314', 'ST MARY HOSPITAL'];

async function openCaseFile(page: Page, file: string): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open case…' }).first().click()]);
  await chooser.setFiles(file);
  await page.getByTestId('viewer2d').waitFor({ timeout: 60_000 });
}

/** A plain (not teaching) bundle of a generated clip whose header and pixels name the patient. */
async function phiBundle(name: string, title: string): Promise<string> {
  const clip = await makePhiClip({ columns: 320, rows: 240, frames: 3, inside: false });
  const plan: Case = {
    ...createCase({ title, now: '2026-01-02T03:04:05.000Z' }),
    patient: { name: 'Anna Kowalski', id: 'PID48213579' },
    needlePaths: [{ id: 'n1', clipId: 'c1', frameIndex: null, entry: { x: 90, y: 70 }, target: { x: 200, y: 180 }, mode: 'in-plane', label: '' }],
    clips: [{ id: 'c1', path: 'KOWALSKI.dcm', displayName: 'KOWALSKI.dcm', sopInstanceUid: clip.sopInstanceUid, studyInstanceUid: clip.studyInstanceUid, seriesInstanceUid: null, sha256: sha256Hex(clip.bytes), byteLength: clip.bytes.length, frameCount: 3, rows: 240, columns: 320, beam: { kind: 'unknown' }, origin: { kind: 'file' } }],
  };
  const b = buildBundle(plan, new Map([['c1', clip.bytes]]));
  if (!b.ok) throw new Error(b.error.title);
  const file = path.join(work, name);
  writeFileSync(file, b.value);
  return file;
}

async function openPublishDialog(page: Page) {
  await page.getByRole('tab', { name: 'Teaching' }).click();
  const button = page.getByRole('button', { name: 'Publish as teaching page…' });
  await button.focus();
  await page.keyboard.press('Enter'); // the keyboard reaches it
  const dlg = page.getByRole('dialog', { name: 'Publish as teaching page' });
  await dlg.waitFor();
  return dlg;
}

describe('teaching cases in the app', () => {
  it('a bundle made by blockplan publish from the TPVB sample opens read-only: review, then rehearse', async () => {
    const out = path.join(work, 'site-from-sample');
    const lines: string[] = [];
    const code = await main(['publish', path.join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase'), '--out', out, '--objective', 'Stop the needle above the pleura'], { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: work });
    expect(code, lines.join('\n')).toBe(0);
    const { page, consoleErrors } = session();
    await openCaseFile(page, path.join(out, 'teaching/case.bpcasez'));
    const teach = page.getByRole('complementary', { name: 'Teaching case' });
    await teach.getByText('Stop the needle above the pleura').waitFor({ timeout: 30_000 });
    expect(await page.getByRole('tab', { name: 'Plan' }).count(), 'no editing tabs').toBe(0);
    expect(await page.getByTestId('viewer2d').locator('[data-needle-id]').count(), 'the answer is hidden until chosen').toBe(0);
    await screenshot(page, 'teaching-app-01-opened');

    await teach.getByRole('button', { name: 'Review the expert plan' }).click();
    const change = teach.getByRole('button', { name: /^(Change…|Choose block…)/ });
    await change.waitFor();
    expect(await change.isDisabled()).toBe(true);
    expect(await change.getAttribute('title')).toBe('This teaching case is read-only: the plan is the expert’s answer.');
    await expect(change.evaluate((b) => document.getElementById(b.getAttribute('aria-describedby') ?? '')?.textContent)).resolves.toBe('This teaching case is read-only: the plan is the expert’s answer.');
    await screenshot(page, 'teaching-app-02-review');
    // Shift+B (Choose block) says why instead of opening the picker.
    await page.getByTestId('viewer2d').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('Shift+B');
    await page.getByText('This teaching case is read-only: the plan is the expert’s answer.').first().waitFor();
    expect(await page.getByRole('dialog').count()).toBe(0);

    await teach.getByRole('button', { name: 'Rehearse' }).click();
    await page.getByRole('complementary', { name: 'Rehearsal' }).getByRole('heading', { name: 'Rehearsal' }).waitFor();
    await screenshot(page, 'teaching-app-03-rehearsing');
    expect(consoleErrors).toEqual([]);
  }, 300_000);

  it('Publish as teaching page: the PHI check stops a case naming the patient, a clean case downloads a working site', async () => {
    const { page, consoleErrors } = session();
    // 1. The case title names the patient: stopped, named, nothing downloaded.
    await openCaseFile(page, await phiBundle('named.bpcasez', 'Anna Kowalski, TPVB'));
    let downloads = 0;
    page.on('download', () => void downloads++);
    let dlg = await openPublishDialog(page);
    await screenshot(page, 'teaching-app-04-publish-dialog');
    await dlg.getByRole('button', { name: 'Publish and download…' }).click();
    const alert = dlg.getByRole('alert');
    await alert.waitFor({ timeout: 240_000 });
    expect(await alert.textContent()).toMatch(/Export stopped: the teaching case still holds identifying information\..*case\.json/s);
    await screenshot(page, 'teaching-app-05-publish-stopped');
    expect(downloads).toBe(0);
    await dlg.getByRole('button', { name: 'Cancel' }).click();

    // 2. A clean title: a zip of the app and the de-identified case.
    await openCaseFile(page, await phiBundle('clean.bpcasez', 'TPVB teaching case'));
    dlg = await openPublishDialog(page);
    const downloaded = page.waitForEvent('download', { timeout: 300_000 });
    await dlg.getByRole('button', { name: 'Publish and download…' }).click();
    await dlg.getByRole('progressbar', { name: 'Publishing progress' }).waitFor();
    await expect.poll(async () => (await dlg.getByRole('status').textContent()) ?? '', { timeout: 120_000 }).toMatch(/^Clip 1 of 1: /);
    await screenshot(page, 'teaching-app-06-publishing');
    const download = await downloaded;
    expect(download.suggestedFilename()).toBe('blockplan-teaching-case.zip');
    const zipPath = path.join(work, 'site.zip');
    await download.saveAs(zipPath);
    await dlg.getByLabel('Publishing report').waitFor();
    await screenshot(page, 'teaching-app-07-published');

    const entries = unzipSync(new Uint8Array(readFileSync(zipPath)));
    const names = Object.keys(entries).filter((n) => !n.endsWith('/'));
    const listed = (JSON.parse(readFileSync(path.join(repoRoot, 'dist/renderer/app-files.json'), 'utf8')) as { files: string[] }).files;
    expect(names.sort()).toEqual([...listed, 'teach.html', 'teaching/case.bpcasez'].map((f) => `blockplan-teaching-case/${f}`).sort());
    // No identifying byte anywhere: the site's files, and the bundle's files inside it.
    const bundle = unzipSync(entries['blockplan-teaching-case/teaching/case.bpcasez']!);
    const all = [...Object.values(entries), ...Object.values(bundle)].map((b) => Buffer.from(b).toString('latin1'));
    for (const v of IDENTIFYING) expect(all.some((t) => t.includes(v)), v).toBe(false);
    const caseJson = JSON.parse(new TextDecoder().decode(bundle['case.json'])) as Case;
    expect(caseJson.teaching?.deidentificationFlags).toMatchObject({ 'ps3.15-basic-profile': true, 'phi-check-passed': true });
    expect(caseJson.clips.map((c) => c.displayName)).toEqual(['Clip 1']);

    // 3. The unzipped folder, served on 127.0.0.1, is the read-only teaching page: Save disabled, saying why.
    const site = path.join(work, 'unzipped');
    for (const [n, b] of Object.entries(entries)) {
      if (n.endsWith('/')) continue;
      mkdirSync(path.dirname(path.join(site, n)), { recursive: true });
      writeFileSync(path.join(site, n), b);
    }
    const srv = await serveFolder(path.join(site, 'blockplan-teaching-case'), 0);
    try {
      await page.goto(`${srv.url}teach.html`);
      const teach = page.getByRole('complementary', { name: 'Teaching case' });
      await teach.getByText(/nothing you do here is sent anywhere/).waitFor({ timeout: 60_000 }); // published, read-only
      const save = page.getByRole('toolbar', { name: 'Main toolbar' }).getByRole('button', { name: 'Save case' });
      expect(await save.isDisabled()).toBe(true);
      expect(await save.getAttribute('title')).toBe('This published teaching case cannot be saved.');
      await teach.getByRole('button', { name: 'Review the expert plan' }).click();
      const panelSave = teach.getByRole('button', { name: 'Save', exact: true });
      expect(await panelSave.isDisabled()).toBe(true);
      await screenshot(page, 'teaching-app-08-served-review');
    } finally {
      await srv.close();
    }
    expect(consoleErrors).toEqual([]);
  }, 600_000);
});
