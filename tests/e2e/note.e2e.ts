/**
 * e2e: the procedure note in browser mode (headless Chromium against the built app).
 *
 * Opens the thoracic paravertebral sample case, fills the note (weight, agent, concentration,
 * volume), is refused on the wrong side, confirms the right side, downloads all five formats and
 * checks each with a tool that is not ours: pdftotext (poppler) for the PDF, dciodvfy (dicom3tools)
 * for the SR, the official FHIR R4 JSON schema (ajv) for the bundle, plain text for Markdown/HTML.
 * The expected planned numbers are computed here from the case and its clip (core/plan measureClip,
 * as `blockplan measure` does), the dose by hand (0.5 % × 20 mL = 100 mg).
 *
 * The path is measured in user actions (clicks, choices and typed fields), not in milliseconds.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDicom } from '../../core/dicom/index';
import { measureClip, parseCase, type Case } from '../../core/plan/index';
import { fhirErrors } from '../unit/core/notes/fhirSchema';
import { dciodvfyErrors, normalise, pdfText, run } from '../unit/core/notes/tools';
import { SAMPLES_FOLDER, sampleCaseFile, type SampleId } from '../../core/samples/index';
import { openSample, screenshot, sessionPerTest } from './browser';

const repoRoot = path.resolve(__dirname, '../..');
const OUT = path.join(repoRoot, 'test-output/note-e2e');
const SAMPLE: SampleId = 'thoracic-paravertebral';
const CASE_DIR = path.join(repoRoot, SAMPLES_FOLDER);
mkdirSync(OUT, { recursive: true });

/** Every test has a browser context of its own and builds what it needs: each runs alone (`vitest -t`). */
const session = sessionPerTest('note');

/**
 * The sample case, and its planned numbers as the plan measures them (mm to 0.1, degrees to 1) —
 * the note must carry these. Read from the files each time (no state kept between tests).
 */
function sampleCase(): { plan: Case; planned: { depth: string; path: string; angle: string; clearance: string } } {
  const caseText = readFileSync(path.join(CASE_DIR, sampleCaseFile(SAMPLE)), 'utf8');
  const parsed = parseCase(caseText, sampleCaseFile(SAMPLE));
  if (!parsed.ok) throw new Error(parsed.error.title);
  const plan = parsed.value.plan;
  const clipBytes = readFileSync(path.join(CASE_DIR, plan.clips[0]!.path));
  const sha = createHash('sha256').update(clipBytes).digest('hex');
  if (sha !== plan.clips[0]!.sha256) {
    throw new Error(`${SAMPLE}.bpcase is stale: its clip hash differs from assets/samples/${plan.clips[0]!.path}. Run \`npm run sample-cases\`.`);
  }
  const img = openDicom(new Uint8Array(clipBytes), { fileName: plan.clips[0]!.path });
  if (!img.ok) throw new Error(img.error.message);
  const m = measureClip(plan, plan.clips[0]!.id, img.value.calibration).needlePaths[0]!;
  expect(m.targetDepth?.unit).toBe('mm');
  return {
    plan,
    planned: {
      depth: `${m.targetDepth!.value.toFixed(1)} mm`,
      path: `${m.pathLength!.value.toFixed(1)} mm`,
      angle: `${m.angleToSkin!.value.toFixed(0)}°`,
      clearance: `${m.clearances[0]!.path.distance!.value.toFixed(1)} mm`,
    },
  };
}

/** The sample case's note editor, open, with a weight of 70 kg. */
async function noteEditorWithWeight(page: Page) {
  await openSample(page, /Thoracic paravertebral block/);
  await page.getByRole('tab', { name: 'Note' }).click();
  await page.getByRole('button', { name: 'Open note editor' }).click();
  const editor = page.getByRole('dialog', { name: 'Procedure note' });
  await editor.waitFor();
  await editor.getByLabel('Weight (kg)').fill('70');
  return editor;
}

/**
 * The five files of the sample's note (ropivacaine 0.5 % 20 mL, 70 kg, side confirmed Right),
 * exported once per test file by whichever test needs them first, in that test's own page; the
 * format tests only read them, so they pass alone and in any order.
 */
let exported: Promise<Map<string, string>> | null = null;
function exportedNote(page: Page): Promise<Map<string, string>> {
  exported ??= (async () => {
    const dir = path.join(OUT, 'formats');
    mkdirSync(dir, { recursive: true });
    const editor = await noteEditorWithWeight(page);
    // The sample's worked note holds the injection (ropivacaine 0.5 % 20 mL).
    await editor.getByText('0.5 % × 20 mL = 100 mg').waitFor();
    await editor.getByRole('button', { name: 'Export note…', exact: true }).click();
    const sbyb = page.getByRole('dialog', { name: 'Side check before export' });
    await sbyb.getByRole('radio', { name: 'Right' }).check();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await sbyb.getByRole('button', { name: 'Check Right and export 5 files' }).click();
    await page.getByRole('dialog', { name: 'Note exported' }).waitFor({ timeout: 60_000 });
    // Each file is a download the browser starts after the page's click: its event may come after the dialog shows.
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(5);
    const saved = new Map<string, string>();
    for (const d of downloads) {
      const file = path.join(dir, d.suggestedFilename());
      await d.saveAs(file);
      saved.set(path.extname(file) === '.json' ? 'fhir' : path.extname(file).slice(1), file);
    }
    expect([...saved.keys()].sort()).toEqual(['dcm', 'fhir', 'html', 'md', 'pdf']);
    return saved;
  })();
  return exported;
}

/** Every visible control inside `root` without an accessible name (a rough accname: aria-label, labelledby, <label>, text, title). */
async function unnamedControls(page: Page, root: string): Promise<string[]> {
  return page.evaluate((sel) => {
    const scope = document.querySelector(sel);
    if (!scope) return [`no ${sel}`];
    const out: string[] = [];
    for (const el of scope.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="radio"], [role="tab"]')) {
      if (el.offsetParent === null || (el as HTMLInputElement).type === 'hidden') continue;
      const by = el.getAttribute('aria-labelledby');
      const labels = (el as HTMLInputElement).labels;
      const name =
        el.getAttribute('aria-label') ||
        (by ? by.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '') ||
        (labels && labels.length ? [...labels].map((l) => l.textContent ?? '').join(' ') : '') ||
        (el.tagName === 'BUTTON' ? el.textContent : '') ||
        el.getAttribute('title') ||
        '';
      if (!name.trim()) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  }, root);
}

describe('browser mode: procedure note', () => {
  it('goes from the sample plan to a confirmed note in all five formats in a few actions', async () => {
    const s = session();
    const page = s.page;
    const { planned } = sampleCase();
    const downloads: Download[] = [];
    page.on('download', (d) => downloads.push(d));
    await openSample(page, /Thoracic paravertebral block/);

    // From here every user action is counted.
    let actions = 0;
    const act = async <T>(f: () => Promise<T>): Promise<T> => {
      actions++;
      return f();
    };
    const t0 = Date.now();

    await act(() => page.getByRole('tab', { name: 'Note' }).click());
    await page.getByRole('button', { name: 'Open note editor' }).waitFor();
    await page.getByText('Skin-to-target depth').waitFor();
    await screenshot(page, 'note-tab');
    await act(() => page.getByRole('button', { name: 'Open note editor' }).click());
    const editor = page.getByRole('dialog', { name: 'Procedure note' });
    await editor.waitFor();

    // Prefilled from the plan: block, side, approach; planned numbers.
    await expect(editor.getByLabel('Block (standard name)').inputValue()).resolves.toMatch(/paravertebral/i);
    await expect(editor.getByRole('button', { name: 'Side: Right' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(editor.locator('.planned-table').innerText()).resolves.toContain(planned.depth);

    // The sample's worked note: ropivacaine 0.5 % 20 mL at 70 kg; the user corrects the weight.
    await act(() => editor.getByLabel('Weight (kg)').fill('70'));
    await editor.getByText('0.5 % × 20 mL = 100 mg').waitFor();
    // Ropivacaine: 3 mg/kg × 70 kg = 210 mg, ceiling 200 mg → maximum 200 mg; 100 / 200 = 50 %.
    await expect(editor.locator('.dose-agent').first().innerText()).resolves.toMatch(/50 %[\s\S]*200 mg \(ceiling/);
    await editor.locator('#note-section-injectate').scrollIntoViewIfNeeded();
    await screenshot(page, 'note-editor-dose');

    // Invalid input stays in the field with a message and blocks nothing else.
    await editor.getByLabel('Height (cm)').fill('900');
    await editor.getByText('Must be at most 250 cm.').waitFor();
    await screenshot(page, 'note-editor-invalid');
    await editor.getByLabel('Height (cm)').fill('');
    await expect(editor.getByText('Must be at most 250 cm.').count()).resolves.toBe(0);

    expect(await unnamedControls(page, '.note-editor')).toEqual([]);

    // The side check before export: the wrong side is refused and nothing is written.
    await act(() => editor.getByRole('button', { name: 'Export note…', exact: true }).click());
    const sbyb = page.getByRole('dialog', { name: 'Side check before export' });
    await sbyb.waitFor();
    await expect(sbyb.getByTestId('sbyb-planned-side').innerText()).resolves.toMatch(/right/i);
    expect(await unnamedControls(page, '.modal')).toEqual([]);
    await act(() => sbyb.getByRole('radio', { name: 'Left' }).check());
    await act(() => sbyb.getByRole('button', { name: /^Check Left and export/ }).click());
    const alert = sbyb.getByRole('alert');
    await alert.waitFor();
    const refusal = normalise(await alert.innerText());
    expect(refusal).toContain('Export stopped: the sides disagree.');
    expect(refusal).toContain("The plan's block side is Right.");
    expect(refusal).toContain('You stated Left');
    expect(refusal).toMatch(/How to resolve/);
    await screenshot(page, 'note-sbyb-refused');
    await page.waitForTimeout(300);
    expect(downloads).toHaveLength(0);

    // The right side: all five formats are downloaded.
    await act(() => sbyb.getByRole('radio', { name: 'Right' }).check());
    await screenshot(page, 'note-sbyb');
    await act(() => sbyb.getByRole('button', { name: 'Check Right and export 5 files' }).click());
    await page.getByRole('dialog', { name: 'Note exported' }).waitFor({ timeout: 60_000 });
    const elapsedMs = Date.now() - t0;
    // Each file is a download the browser starts after the page's click: its event may come after the dialog shows.
    await expect.poll(() => downloads.length, { timeout: 10_000 }).toBe(5);
    expect(downloads.map((d) => d.suggestedFilename()).sort()).toEqual(
      [`${SAMPLE}-note.dcm`, `${SAMPLE}-note.fhir.json`, `${SAMPLE}-note.html`, `${SAMPLE}-note.md`, `${SAMPLE}-note.pdf`].sort(),
    );
    await screenshot(page, 'note-exported');

    // The path: tab, editor, 4 fields, export, (wrong side + confirm), side, confirm.
    console.log(`note flow: ${actions} user actions (2 of them the refused wrong side), ${elapsedMs} ms`);
    expect(actions).toBeLessThanOrEqual(11);

    for (const d of downloads) await d.saveAs(path.join(OUT, d.suggestedFilename()));
    expect(s.consoleErrors).toEqual([]);
  });

  it('PDF text (pdftotext) holds the block, side, drug, dose and planned numbers', async () => {
    const saved = await exportedNote(session().page);
    const { planned } = sampleCase();
    const text = normalise(pdfText(saved.get('pdf')!));
    expect(text).toMatch(/Paravertebral block/i);
    expect(text).toContain('Right');
    expect(text).toContain('Ropivacaine');
    expect(text).toContain('100 mg');
    for (const v of Object.values(planned)) expect(text).toContain(v);
    expect(text).toMatch(/Side stated at export \(export check\) Right/);
    expect(text).not.toMatch(/matches the plan/);
  });

  it('the DICOM SR passes dciodvfy with no errors and lists the measurements (dsrdump)', async () => {
    const saved = await exportedNote(session().page);
    const file = saved.get('dcm')!;
    const v = dciodvfyErrors(file);
    expect(v.errors, v.all).toEqual([]);
    const dump = run('dsrdump', ['-Ph', file]).stdout;
    expect(dump).toContain('(mm,UCUM');
  });

  it('the FHIR bundle validates against the official R4 JSON schema', async () => {
    const saved = await exportedNote(session().page);
    const json = JSON.parse(readFileSync(saved.get('fhir')!, 'utf8'));
    expect(fhirErrors(json)).toEqual([]);
    const resources = json.entry.map((e: { resource: { resourceType: string } }) => e.resource);
    expect(resources.some((r: { resourceType: string }) => r.resourceType === 'Procedure')).toBe(true);
    expect(JSON.stringify(json)).toContain('"code":"24028007"'); // SNOMED CT Right
  });

  it('Markdown and HTML hold the planned numbers and the dose; HTML runs no script', async () => {
    const saved = await exportedNote(session().page);
    const { planned } = sampleCase();
    const md = readFileSync(saved.get('md')!, 'utf8');
    for (const v of Object.values(planned)) expect(md).toContain(v);
    expect(md).toContain('Ropivacaine');
    expect(md).toContain('100 mg');
    const html = readFileSync(saved.get('html')!, 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(normalise(html.replace(/<[^>]+>/g, ' '))).toContain(planned.depth);
  });

  it('LAST essentials are one click away from the toolbar, with lipid volumes for the weight', async () => {
    const page = session().page;
    const editor = await noteEditorWithWeight(page);
    // The weight is in the note once the dose uses it (ropivacaine 100 mg of 200 mg at 70 kg).
    // No height: the mL/kg volumes use the 70 kg as entered (the worked note's 170 cm would give
    // the Devine ideal body weight, 61.4 kg, and 92 mL).
    await editor.getByLabel('Height (cm)').fill('');
    await editor.getByLabel('Weight (kg)').press('Tab');
    await expect.poll(() => editor.locator('.dose-agent').first().innerText(), { timeout: 10_000 }).toMatch(/50 %/);
    await page.getByRole('toolbar').getByRole('button', { name: /LAST essentials/ }).click();
    const dlg = page.getByRole('dialog', { name: /LAST/ });
    await dlg.waitFor();
    // 70 kg (≤ 70 kg regimen): bolus 1.5 mL/kg = 105 mL; 0.25 mL/kg/min = 17.5 mL/min; 12 mL/kg = 840 mL.
    const text = normalise(await dlg.innerText());
    expect(text).toContain('105 mL over 2–3 min');
    expect(text).toContain('17.5 mL/min');
    expect(text).toContain('840 mL');
    await screenshot(page, 'note-last');
    await page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
  });

  it('exports the annotated clip as a WebM that Chromium plays at the clip’s own length', async () => {
    const s = session();
    const page = s.page;
    const { plan } = sampleCase();
    const editor = await noteEditorWithWeight(page);
    await editor.locator('#note-section-images').scrollIntoViewIfNeeded();
    await screenshot(page, 'note-key-images');
    const [download] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), editor.getByRole('button', { name: /Export annotated clip/ }).click()]);
    const file = path.join(OUT, download.suggestedFilename());
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect(bytes.subarray(0, 4).toString('hex')).toBe('1a45dfa3'); // EBML
    expect(bytes.subarray(0, 64).toString('latin1')).toContain('webm');
    // Decode it with Chromium's media stack (not our code): size and duration.
    const info = await page.evaluate(async (b64) => {
      const bin = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const v = document.createElement('video');
      v.muted = true;
      v.src = URL.createObjectURL(new Blob([bin], { type: 'video/webm' }));
      await new Promise<void>((res, rej) => {
        v.onloadedmetadata = () => res();
        v.onerror = () => rej(new Error(`video error ${v.error?.code}`));
      });
      if (!Number.isFinite(v.duration)) {
        v.currentTime = 1e9;
        await new Promise((r) => (v.ontimeupdate = r));
      }
      return { w: v.videoWidth, h: v.videoHeight, duration: v.duration };
    }, bytes.toString('base64'));
    expect(info.w).toBe(plan.clips[0]!.columns);
    expect(info.h).toBe(plan.clips[0]!.rows);
    const dicomDurationS = (() => {
      const img = openDicom(new Uint8Array(readFileSync(path.join(CASE_DIR, plan.clips[0]!.path))), {});
      if (!img.ok) throw new Error(img.error.message);
      return img.value.timing.frameTimesMs.reduce((a, x) => a + x, 0) / 1000;
    })();
    // Recorded in real time: within two frame intervals of the clip's duration.
    expect(Math.abs(info.duration - dicomDurationS)).toBeLessThan((2 * dicomDurationS) / plan.clips[0]!.frameCount + 0.05);
    writeFileSync(path.join(OUT, 'video-info.json'), JSON.stringify({ ...info, dicomDurationS }));
    expect(s.consoleErrors).toEqual([]);
  });
});
