/**
 * Issue 17 e2e: the celiac plexus sample, an antithrombotic drug with a last dose yesterday, the
 * guidance and its source in the plan panel, a decision to delay recorded in the note, and the five
 * exported formats — each still valid (pdftotext, dciodvfy/dsrdump, the R4 JSON schema) and carrying
 * the decision.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Download } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fhirErrors } from '../unit/core/notes/fhirSchema';
import { formatUtcOffset } from '../../core/app/ports';
import { dciodvfyErrors, normalise, pdfText, run } from '../unit/core/notes/tools';
import { launch, openSample, screenshot, type Session } from './browser';

const OUT = path.resolve('test-output/anticoag-e2e');
let s: Session;
beforeAll(async () => {
  mkdirSync(OUT, { recursive: true });
  s = await launch({ width: 1440, height: 1500 });
});
afterAll(async () => {
  await s?.close();
});

const local = (d: Date) => {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
};

describe('browser mode: antithrombotic drug before the block', () => {
  it('celiac plexus + last dose yesterday: the delay and its source in the plan panel, the decision in all five exports', async () => {
    const page = s.page;
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await openSample(page, /Celiac plexus/);
    const panel = page.getByTestId('anticoag-section');
    await panel.scrollIntoViewIfNeeded();

    const yesterday = new Date(Date.now() - 24 * 3_600_000);
    const now = new Date();
    // Warfarin first: the pain guideline's intermediate-risk interval gives a computed delay with its source.
    await panel.getByLabel('Drug').selectOption('warfarin');
    await panel.getByLabel('Last dose (local time)').fill(local(yesterday));
    await panel.getByLabel('Planned block (local time)').fill(local(now));
    await expect(panel.getByTestId('anticoag-earliest').innerText()).resolves.toMatch(/Earliest block: [\s\S]*\(120 h after the last dose; (ESAIC\/ESRA 2022|ASRA\/ESRA pain 2018), table/);
    await expect(panel.locator('[data-guideline="asra-pain-2018"]').innerText()).resolves.toMatch(/at least 120 h \(5 days\) after the last dose \("5 days, normal INR"\)/);
    await expect(panel.getByTestId('anticoag-planned').innerText()).resolves.toMatch(/BEFORE the earliest time/);
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'anticoag-warfarin');

    // Clopidogrel: the guidelines' figures could not be confirmed and the panel says so; the label's
    // neuraxial figure applies to this deep block (BlockPlan's reading) and gives the delay, with its source.
    await panel.getByLabel('Drug').selectOption('clopidogrel');
    const pain = panel.locator('[data-guideline="asra-pain-2018"]');
    await expect(pain.innerText()).resolves.toMatch(/intermediate-risk procedure/);
    await expect(pain.innerText()).resolves.toMatch(/sympathetic block \(e\.g\. celiac plexus/);
    await expect(pain.innerText()).resolves.toMatch(/no confirmed figure for clopidogrel.*Check the guideline/);
    const label = panel.locator('[data-guideline="clopidogrel-label-us"]');
    await expect(label.innerText()).resolves.toMatch(/at least 120 h \(5 days\) after the last dose \("5 to 7 days prior to labor, delivery, or neuraxial blockade"\)/);
    await expect(label.innerText()).resolves.toMatch(/BlockPlan's reading/);
    const earliest = new Date(yesterday.getTime() + 120 * 3_600_000);
    await expect(panel.getByTestId('anticoag-earliest').innerText()).resolves.toContain(
      `Earliest block: ${local(earliest).replace('T', ' ')} local time (UTC${formatUtcOffset(-earliest.getTimezoneOffset())}) (120 h after the last dose; Clopidogrel US label, section 8.1 (neuraxial blockade))`,
    );
    await expect(panel.getByTestId('anticoag-planned').innerText()).resolves.toMatch(/BEFORE the earliest time/);
    await expect(panel.getByTestId('anticoag-restart').innerText()).resolves.toMatch(/“as soon as hemostasis is achieved” \(Clopidogrel US label, section 5\.3/);
    await label.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'anticoag-clopidogrel-label');
    await panel.getByRole('radio', { name: 'Delay the block' }).check();
    await panel.getByLabel('Reason').fill('Clopidogrel taken yesterday; intermediate-risk procedure');
    await panel.getByRole('button', { name: 'Record in the note' }).click();
    await expect(panel.getByTestId('anticoag-recorded').innerText()).resolves.toMatch(/In the note: Clopidogrel — delay the block/);
    await panel.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'anticoag-clopidogrel-delay');

    // Export all five formats.
    await page.getByRole('tab', { name: 'Note' }).click();
    await page.getByRole('button', { name: 'Open note editor' }).click();
    const editor = page.getByRole('dialog', { name: 'Procedure note' });
    await editor.waitFor();
    // Follow-up: the sources' checks after a celiac plexus block are suggested; two are added, one recorded.
    const fu = editor.getByTestId('follow-up');
    await fu.scrollIntoViewIfNeeded();
    await fu.getByRole('checkbox', { name: /Orthostatic hypotension/ }).check();
    await fu.getByRole('checkbox', { name: /^Diarrhoea/ }).check();
    await fu.getByRole('button', { name: 'Add 2 chosen checks to the note' }).click();
    await expect(fu.getByTestId('follow-up-pending').innerText()).resolves.toBe('2 of 2 checks still to record.');
    const ortho = fu.locator('[data-check-id="orthostatic"]');
    await expect(ortho.innerText()).resolves.toMatch(/Source: Celiac plexus block: StatPearls/);
    await ortho.getByLabel('Outcome').selectOption('abnormal');
    await ortho.getByLabel('Findings').fill('BP 128/74 lying, 96/60 standing at 2 h');
    await ortho.getByLabel('Findings').blur();
    await expect(fu.getByTestId('follow-up-pending').innerText()).resolves.toBe('1 of 2 checks still to record.');
    await fu.evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'anticoag-follow-up');
    await editor.getByRole('button', { name: 'Export note…', exact: true }).click();
    const sbyb = page.getByRole('dialog', { name: 'Side check before export' });
    await sbyb.waitFor();
    await sbyb.getByRole('radio', { name: /n\/a/ }).check();
    await sbyb.getByRole('button', { name: /^Check .* and export 5 files/ }).click();
    await page.getByRole('dialog', { name: 'Note exported' }).waitFor({ timeout: 60_000 });
    // Each file is a download the browser starts after the page's click: its event may come after the dialog shows.
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(5);
    const saved = new Map<string, string>();
    for (const d of downloads) {
      const file = path.join(OUT, d.suggestedFilename());
      await d.saveAs(file);
      saved.set(file.endsWith('.fhir.json') ? 'fhir' : path.extname(file).slice(1), file);
    }

    const md = readFileSync(saved.get('md')!, 'utf8');
    expect(md).toContain('## Antithrombotic drug and timing of the block');
    expect(md).toMatch(/Decision \| delay the block/);
    expect(md).toContain('Clopidogrel taken yesterday; intermediate-risk procedure');
    expect(md).toContain('ASRA/ESRA pain 2018');
    expect(md).toMatch(/\(120 h after the last dose; Clopidogrel US label, section 8\.1/);
    expect(md).toContain('## Follow-up checks');
    expect(md).toContain('abnormal: BP 128/74 lying, 96/60 standing at 2 h');
    expect(md).toMatch(/Diarrhoea\. \| .* \| not recorded yet \|/);
    expect(readFileSync(saved.get('html')!, 'utf8')).toContain('id="anticoagulation"');
    expect(normalise(pdfText(saved.get('pdf')!))).toContain('delay the block');
    const v = dciodvfyErrors(saved.get('dcm')!);
    expect(v.errors, v.all).toEqual([]);
    expect(normalise(run('dsrdump', ['-Ph', '+Pl', saved.get('dcm')!]).stdout)).toContain('decision: delay the block');
    const fhir = JSON.parse(readFileSync(saved.get('fhir')!, 'utf8'));
    expect(fhirErrors(fhir)).toEqual([]);
    expect(JSON.stringify(fhir)).toContain('decision: delay the block');
    expect(s.consoleErrors).toEqual([]);
  }, 180_000);
});
