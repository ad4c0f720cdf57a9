/**
 * e2e: the PDF note's Unicode fonts load in the built app (browser mode, the app's CSP) and the PDF
 * keeps CJK, Latin-extended and Greek text (pdftotext), with the dose panel and planned-dose check on
 * screen (screenshots: test-output/screenshots/pdf-unicode-*.png).
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { normalise, pdfText, run } from '../unit/core/notes/tools';
import { launch, openSample, screenshot, type Session } from './browser';

const OUT = path.resolve(__dirname, '../../test-output/note-pdf-e2e');
let s: Session;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await launch();
});
afterAll(async () => {
  await s?.close();
});

describe('browser mode: PDF note with Unicode text', () => {
  it('downloads a tagged PDF whose text keeps 山田 太郎, Đorđević and μg', async () => {
    const page = s.page;
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await openSample(page, /Thoracic paravertebral block/);
    await page.getByRole('tab', { name: 'Note' }).click();
    await page.getByRole('button', { name: 'Open note editor' }).click();
    const editor = page.getByRole('dialog', { name: 'Procedure note' });
    await editor.getByLabel('Patient name', { exact: true }).fill('山田 太郎');
    await editor.getByLabel('Operator', { exact: true }).fill('Dr Đorđević');
    await editor.getByLabel('Add an injection').selectOption('ropivacaine');
    // The sample's worked note already has one injection; the added one is the last.
    const added = editor.getByRole('listitem', { name: /^Injection \d+$/ }).last();
    await added.getByLabel('Concentration (%)').fill('0.5');
    await added.getByLabel('Volume (mL)').fill('20');
    await added.getByLabel('Adjuncts').fill('dexmedetomidine 50 μg');
    await editor.getByRole('button', { name: 'Export note…', exact: true }).click();
    const sbyb = page.getByRole('dialog', { name: 'Side check before export' });
    await sbyb.getByRole('radio', { name: 'Right' }).check();
    // The typed patient differs from the clips' header, so an SR would stop the export (tested in
    // note.e2e); this test is about the PDF's text.
    await sbyb.getByRole('checkbox', { name: 'DICOM Structured Report' }).uncheck();
    await sbyb.getByRole('button', { name: /^Check Right and export/ }).click();
    await page.getByRole('dialog', { name: 'Note exported' }).waitFor({ timeout: 90_000 });
    await screenshot(page, 'pdf-unicode-exported');
    // Each file is a download the browser starts after the page's click: its event may come after the dialog shows.
    await expect.poll(() => downloads.some((d) => d.suggestedFilename().endsWith('.pdf')), { timeout: 10_000 }).toBe(true);
    const pdf = downloads.find((d) => d.suggestedFilename().endsWith('.pdf'));
    expect(pdf, downloads.map((d) => d.suggestedFilename()).join(', ')).toBeDefined();
    const file = path.join(OUT, 'note.pdf');
    await pdf!.saveAs(file);
    const text = normalise(pdfText(file));
    for (const t of ['山田 太郎', 'Đorđević', '50 μg']) expect(text).toContain(t);
    expect(run('pdfinfo', [file]).stdout).toMatch(/^Tagged:\s+yes$/m);
    expect(run('pdffonts', [file]).stdout).toMatch(/DroidSansFallback/);
    expect(s.consoleErrors).toEqual([]);
  });
});
