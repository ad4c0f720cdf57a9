/**
 * Block planning end to end, in headless Chromium against browser mode (issue 5):
 * open the synthetic TPVB sample clip, choose Thoracic paravertebral in the block picker, draw the
 * pleura, a transverse process, the target and the needle path, read depth / angle / clearance from
 * the plan panel and check them against core/geometry computed here from the same points (and
 * against hand-computed values: the clip's geometry is known), undo and redo, save (a download),
 * reload, open the saved case and get the same plan. Also: the sample cases, a damaged case file,
 * and the recovery offer after an unsaved reload. Screenshots go to test-output/screenshots.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDicom, type Calibration } from '../../core/dicom/index';
import { computeNeedleMetrics, formatMeasurement } from '../../core/geometry/index';
import { annotationsForPath, beamOf, parseCase, type Case } from '../../core/plan/index';
import { THORACIC_PARAVERTEBRAL_GEOMETRY as G, sampleStructure } from '../../core/samples/geometry';
import { SAMPLES, SAMPLES_FOLDER, sampleClipFile } from '../../core/samples/index';
import { repoRoot } from '../support/shared';
import { appUrl, imageToPage, screenshot, sessionPerTest, type Session } from './browser';

const CLIP = path.join(repoRoot, SAMPLES_FOLDER, sampleClipFile('thoracic-paravertebral'));
const OUT = path.join(repoRoot, 'test-output/e2e-plan');

/** Every test has a browser context of its own and builds what it needs: each runs alone (`vitest -t`). */
const session = sessionPerTest('plan');
let s: Session;
let page: Page;
beforeEach(() => {
  s = session();
  page = s.page;
});

mkdirSync(OUT, { recursive: true });

/** The sample clip's calibration, read here from the file (core/dicom). */
function clipCalibration(): Calibration {
  const opened = openDicom(new Uint8Array(readFileSync(CLIP)));
  if (!opened.ok) throw new Error(`sample clip unreadable: ${opened.error.message}`);
  return opened.value.calibration;
}

type Pt = { x: number; y: number };

/** Page coordinates of an image point, through the transform the plan layer publishes. */
const toPage = (p: Pt): Promise<Pt> => imageToPage(page, p);

async function clickImage(p: Pt): Promise<void> {
  const q = await toPage(p);
  await page.mouse.click(q.x, q.y);
}

async function chooseLabel(label: string): Promise<void> {
  await page.getByLabel('Label', { exact: true }).selectOption({ label });
}

async function tool(name: string): Promise<void> {
  await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name, exact: true }).click();
}

/** The numbers of the needle card in the plan panel: displayed text, value and unit. */
async function panelNumbers(): Promise<Record<string, { text: string; value: number; unit: string }>> {
  return page.getByTestId('needle-card').first().evaluate((card) => {
    const out: Record<string, { text: string; value: number; unit: string }> = {};
    for (const dd of Array.from(card.querySelectorAll('dd[data-testid]'))) {
      out[dd.getAttribute('data-testid')!] = { text: dd.querySelector('.value')?.textContent ?? '', value: Number(dd.getAttribute('data-value')), unit: dd.getAttribute('data-unit') ?? '' };
    }
    const rows = Array.from(card.querySelectorAll('[data-testid="needle-clearance"]'));
    rows.forEach((r, i) => {
      const cells = r.querySelectorAll('td');
      out[`clearance-${i}`] = { text: `${r.querySelector('th')?.textContent}|${cells[0]?.textContent}|${cells[1]?.textContent}`, value: NaN, unit: '' };
    });
    return out;
  });
}

/** Distance from point p to segment ab (plain arithmetic, for the hand checks). */
function pointSeg(p: Pt, a: Pt, b: Pt): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(p.x - (a.x + t * dx), p.y - (a.y + t * dy));
}

/** Smallest distance between segment ab and a polyline, by dense sampling of ab (hand check, px). */
function segPolylineBrute(a: Pt, b: Pt, poly: Pt[]): number {
  let best = Infinity;
  for (let k = 0; k <= 4000; k++) {
    const p = { x: a.x + ((b.x - a.x) * k) / 4000, y: a.y + ((b.y - a.y) * k) / 4000 };
    for (let i = 1; i < poly.length; i++) best = Math.min(best, pointSeg(p, poly[i - 1]!, poly[i]!));
  }
  return best;
}

type Numbers = Record<string, { text: string; value: number; unit: string }>;

/** A fresh app with the TPVB sample clip opened through the file chooser and Thoracic paravertebral (right, T5) chosen. */
async function openClipAndChooseBlock(shot?: string): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
  await chooser.setFiles(CLIP);
  await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: 'Choose block…' }).click();
  const dlg = page.getByRole('dialog', { name: 'Choose the block' });
  await dlg.waitFor();
  // The picker moves the focus to its search box a moment after it opens (a timer): type once it has.
  await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label')), { timeout: 10_000 }).toBe('Search blocks by name or alias');
  await page.keyboard.type('paraverteb');
  await expect(dlg.getByRole('listbox', { name: 'Blocks' }).getByRole('option', { selected: true }).textContent()).resolves.toMatch(/^Thoracic paravertebral block/);
  await dlg.getByRole('combobox', { name: 'Side' }).selectOption('right');
  await dlg.getByRole('textbox', { name: 'Level' }).fill('T5');
  if (shot) await screenshot(page, shot);
  await dlg.getByRole('button', { name: 'Use this block' }).click();
  await dlg.waitFor({ state: 'detached' });
}

/**
 * Draw, on the clip opened by openClipAndChooseBlock, the pleura (polyline, Enter), a transverse
 * process (contour closed on its first vertex), the target (point) and the needle path, with the
 * sample's ground-truth points. Returns the needle card's numbers.
 */
async function drawPlan(shots = false): Promise<Numbers> {
  const pleura = sampleStructure(G, 'pleura')!.shape;
  const tp = sampleStructure(G, 'transverse-process')!.shape;
  if (pleura.kind !== 'polyline' || tp.kind !== 'contour') throw new Error('unexpected sample shapes');
  await chooseLabel('Parietal pleura / lung');
  await tool('Polyline');
  for (const p of pleura.points) await clickImage(p);
  await page.keyboard.press('Enter');
  await chooseLabel('Transverse process');
  await tool('Closed contour');
  for (const p of tp.points.filter((_, i) => i % 2 === 0)) await clickImage(p);
  await clickImage(tp.points[0]!);
  await chooseLabel('Paravertebral space');
  await tool('Point');
  await clickImage(G.needle.target);
  if (shots) await screenshot(page, 'plan-02-structures');
  // The needle path: entry at the skin, then the target.
  await tool('Needle path');
  await clickImage(G.needle.entry);
  const mid = await toPage({ x: (G.needle.entry.x + G.needle.target.x) / 2, y: (G.needle.entry.y + G.needle.target.y) / 2 });
  await page.mouse.move(mid.x, mid.y, { steps: 4 });
  await page.getByTestId('needle-hud').waitFor(); // live numbers while drawing
  if (shots) await screenshot(page, 'plan-03-needle-drawing');
  await clickImage(G.needle.target);
  await tool('Select and edit');
  await page.getByTestId('needle-card').waitFor();
  return panelNumbers();
}

/** Save the case (Ctrl+S: a download in browser mode) and return where the download was kept. */
async function saveToFile(): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  // Saved once the case reports it (the clip is then kept in this browser for reopening).
  await page.getByRole('status').filter({ hasText: 'Saved thoracic-paravertebral-right-T5.bpcase' }).waitFor();
  expect(download.suggestedFilename()).toBe('thoracic-paravertebral-right-T5.bpcase');
  const file = path.join(OUT, `${path.basename(download.suggestedFilename(), '.bpcase')}-${process.pid}-${Date.now()}.bpcase`);
  await download.saveAs(file);
  return file;
}

/** A sample's button in the samples dialog: its title, matched literally (titles hold parentheses, e.g. "(TAP)"). */
const titlePattern = (title: string) => new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));

/** A fresh app with a sample case opened from the empty state's samples dialog. */
async function openSampleCase(title: string): Promise<Numbers> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').getByRole('button', { name: 'Open sample case' }).click();
  const dlg = page.getByRole('dialog', { name: 'Open a sample case' });
  await dlg.getByRole('button', { name: titlePattern(title) }).click();
  await page.waitForFunction((t) => document.querySelector('.block-name')?.textContent?.startsWith(t), title, { timeout: 20_000 });
  await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
  await page.getByTestId('needle-card').first().waitFor();
  return panelNumbers();
}

describe('browser mode: planning a thoracic paravertebral block', () => {
  it('opens the sample clip and chooses the block in the picker', async () => {
    await openClipAndChooseBlock('plan-01-block-picker');
    await expect(page.locator('.block-name').textContent()).resolves.toBe('Thoracic paravertebral block');
    expect(s.consoleErrors).toEqual([]);
  });

  it('draws the pleura, a transverse process, the target and the needle path', async () => {
    await openClipAndChooseBlock();
    const numbers = await drawPlan(true);
    await screenshot(page, 'plan-04-needle-numbers');
    const groups = await page.locator('[data-testid^="role-group-"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-testid'), e.querySelectorAll('[data-testid="mark-item"]').length]));
    expect(groups).toEqual([
      ['role-group-target', 1],
      ['role-group-landmark', 1],
      ['role-group-at-risk', 1],
    ]);
    expect(numbers['needle-depth']!.unit).toBe('mm');
    expect(s.consoleErrors).toEqual([]);
  });

  it('undoes and redoes the needle path', async () => {
    await openClipAndChooseBlock();
    const before = await drawPlan();
    await page.keyboard.press('Control+z');
    await page.getByTestId('needle-card').waitFor({ state: 'detached' });
    await expect(page.locator('[data-needle-id]').count()).resolves.toBe(0);
    await screenshot(page, 'plan-05-undo');
    await page.keyboard.press('Control+Shift+Z');
    await page.getByTestId('needle-card').waitFor();
    expect(await panelNumbers()).toEqual(before);
  });

  it('saves the case (a download) whose points give the panel’s numbers through core/geometry and by hand', async () => {
    await openClipAndChooseBlock();
    const before = await drawPlan();
    const savedFile = await saveToFile();
    await expect(page.getByTestId('case-state').textContent()).resolves.toBe('Saved');
    const parsed = parseCase(readFileSync(savedFile, 'utf8'), savedFile);
    if (!parsed.ok) throw new Error(parsed.error.title);
    const plan: Case = parsed.value.plan;
    expect(plan.block).toEqual({ templateId: 'thoracic-paravertebral', side: 'right', level: 'T5', approach: null });
    expect(plan.clips[0]!.path).toBe(sampleClipFile('thoracic-paravertebral'));
    expect(plan.annotations.map((a) => [a.structureId, a.role, a.kind])).toEqual([
      ['parietal-pleura', 'at-risk', 'polyline'],
      ['transverse-process', 'landmark', 'contour'],
      ['paravertebral-space', 'target', 'point'],
    ]);
    const n = plan.needlePaths[0]!;
    // Clicks land on whole screen pixels: the stored points are within a screen pixel of the intended ones.
    expect(Math.hypot(n.target.x - G.needle.target.x, n.target.y - G.needle.target.y)).toBeLessThan(1.5);

    // Independently: core/geometry on the saved points with the clip's calibration.
    const ref = computeNeedleMetrics(n, annotationsForPath(plan, n), clipCalibration(), { marginMm: plan.settings.marginMm, steepAngleDeg: plan.settings.steepAngleDeg, image: { columns: 640, rows: 480 }, beam: beamOf(plan.clips[0]!) });
    expect(before['needle-length']!.text).toBe(formatMeasurement(ref.pathLength));
    expect(before['needle-depth']!.text).toBe(formatMeasurement(ref.targetDepth));
    expect(before['needle-angle-skin']!.text).toBe(formatMeasurement(ref.angleToSkin!));
    expect(before['needle-angle-beam']!.text).toBe(formatMeasurement(ref.angleToBeam!));
    const side = (c: { crosses: boolean; distance: Parameters<typeof formatMeasurement>[0] } | null) => (c ? (c.crosses ? 'crosses' : formatMeasurement(c.distance)) : '—');
    expect(before['clearance-0']!.text).toBe(`${plan.annotations[0]!.label}|${side(ref.clearances[0]!.path)}|${side(ref.clearances[0]!.extension)}`);
    // The entry is on the skin line (the region's top edge; a click just above it snaps onto it), so everything is in mm.
    expect(n.entry.y).toBe(G.region.y0);
    for (const k of ['needle-length', 'needle-depth', 'needle-entry-offset']) expect(before[k]!.unit, k).toBe('mm');

    // By hand, from the clip's known geometry: 0.15 mm/px, the skin line is the top of the calibrated region (row 20).
    const mm = G.mmPerPx;
    expect(before['needle-depth']!.value).toBeCloseTo((n.target.y - G.region.y0) * mm, 6);
    expect(before['needle-depth']!.value).toBeCloseTo(52.0, 0); // the sample's target depth, 52 mm, within a click
    expect(before['needle-length']!.value).toBeCloseTo(Math.hypot(n.target.x - n.entry.x, n.target.y - n.entry.y) * mm, 6);
    const skinDeg = (Math.atan2(Math.abs(n.target.y - n.entry.y), Math.abs(n.target.x - n.entry.x)) * 180) / Math.PI;
    expect(before['needle-angle-skin']!.value).toBeCloseTo(skinDeg, 6);
    expect(before['needle-angle-skin']!.value).toBeCloseTo(G.needle.angleToSkinDeg, 0);
    // A clip opened on its own has no probe geometry: the beam is assumed vertical (90° − angle to skin).
    expect(before['needle-angle-beam']!.value).toBeCloseTo(90 - skinDeg, 6);
    const pleuraPts = plan.annotations[0]!.points;
    const handClearanceMm = segPolylineBrute(n.entry, n.target, pleuraPts) * mm;
    expect(ref.clearances[0]!.path.distance.value).toBeCloseTo(handClearanceMm, 2);
    // The sample's pleura lies 6.15 mm below the target (vertically); the clearance (shortest) is less.
    expect(handClearanceMm).toBeGreaterThan(4);
    expect(handClearanceMm).toBeLessThan(6.2);
    writeFileSync(path.join(OUT, 'numbers.json'), JSON.stringify({ panel: before, hand: { depthMm: (n.target.y - 20) * mm, angleToSkinDeg: skinDeg, pleuraClearanceMm: handClearanceMm } }, null, 2));
  });

  it('reloads, opens the saved case and gets the same plan', async () => {
    await openClipAndChooseBlock();
    const before = await drawPlan();
    const savedFile = await saveToFile();
    await page.reload();
    await page.getByTestId('empty-state').waitFor();
    // Saved: nothing to recover.
    await page.waitForTimeout(500);
    await expect(page.getByRole('dialog').allTextContents()).resolves.toEqual([]);
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open case…' }).first().click()]);
    await chooser.setFiles(savedFile);
    await page.getByTestId('needle-card').waitFor({ timeout: 20_000 });
    await page.getByTestId('plan-layer').waitFor();
    await expect(page.locator('.block-name').textContent()).resolves.toBe('Thoracic paravertebral block');
    expect(await panelNumbers()).toEqual(before);
    // Drawn once the shown clip's facts (its hash, possibly taken in a worker) match the case's clip.
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 10_000 }).toBe(3);
    await screenshot(page, 'plan-06-reopened');
    expect(s.consoleErrors).toEqual([]);
  });

  it('draws an ellipse and an arrow with text by keyboard shortcut; Escape cancels, Delete removes', async () => {
    const before = await openSampleCase('Thoracic paravertebral block');
    await chooseLabel('Free text…');
    await page.getByLabel('Text', { exact: true }).fill('Fluid pocket');
    await page.getByLabel('Role', { exact: true }).selectOption('landmark');
    await page.locator('body').click({ position: { x: 5, y: 5 } }); // leave the text field so keys reach the app
    // The sample's marks drawn before counting them.
    await page.locator('.plan-svg [data-annotation-id]').first().waitFor();
    const n0 = await page.locator('.plan-svg [data-annotation-id]').count();
    // A polyline cancelled with Escape adds nothing.
    await page.keyboard.press('y');
    await clickImage({ x: 300, y: 150 });
    await clickImage({ x: 340, y: 160 });
    await page.getByTestId('plan-draft').waitFor();
    await page.keyboard.press('Escape');
    await page.getByTestId('plan-draft').waitFor({ state: 'detached' });
    // An ellipse, dragged corner to corner.
    await page.keyboard.press('e');
    const a = await toPage({ x: 330, y: 300 });
    const b = await toPage({ x: 400, y: 340 });
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 5 });
    await page.mouse.up();
    // An arrow with its text typed on the image.
    await page.keyboard.press('a');
    const t0 = await toPage({ x: 420, y: 120 });
    const t1 = await toPage({ x: 360, y: 240 });
    await page.mouse.move(t0.x, t0.y);
    await page.mouse.down();
    await page.mouse.move(t1.x, t1.y, { steps: 5 });
    await page.mouse.up();
    const input = page.getByRole('textbox', { name: 'Arrow text' });
    await input.waitFor();
    await input.fill('lateral edge of the TP shadow');
    await screenshot(page, 'plan-06b-arrow-text');
    await input.press('Enter');
    await page.keyboard.press('v');
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 10_000 }).toBe(n0 + 2);
    await expect.poll(() => page.locator('.plan-svg .ann-label', { hasText: 'Fluid pocket: lateral edge of the TP shadow' }).count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'plan-06c-ellipse-arrow');
    // The arrow is selected: Delete removes it, undo brings it back, undo again removes it.
    await page.keyboard.press('Delete');
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 10_000 }).toBe(n0 + 1);
    await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 10_000 }).toBe(n0 + 2);
    // Then undo the arrow's text, the arrow and the ellipse.
    for (let i = 0; i < 3; i++) await page.keyboard.press('Control+z');
    await expect.poll(() => page.locator('.plan-svg [data-annotation-id]').count(), { timeout: 10_000 }).toBe(n0);
    expect(await panelNumbers()).toEqual(before);
    expect(s.consoleErrors).toEqual([]);
  });

  it('gives every control an accessible name (panel, tools, dialogs)', async () => {
    await openSampleCase('Thoracic paravertebral block');
    const unnamed = async () => {
      const snap = await page.locator('body').ariaSnapshot();
      return snap.split('\n').filter((l) => /^\s*- (button|combobox|textbox|checkbox|radio|spinbutton|link|tab|option|slider)\s*(\[[^\]]*\])?:?\s*$/.test(l));
    };
    expect(await unnamed()).toEqual([]);
    await page.getByRole('tab', { name: 'Annotations' }).click();
    await page.locator('.plan-svg [data-annotation-id]').first().evaluate(() => undefined);
    expect(await unnamed()).toEqual([]);
    await page.getByRole('tab', { name: 'Plan' }).click();
    await page.getByRole('button', { name: 'Change…' }).click();
    await page.getByRole('dialog', { name: 'Choose the block' }).waitFor();
    expect(await unnamed()).toEqual([]);
  });

  it('shows the block card with its sources', async () => {
    await openSampleCase('Thoracic paravertebral block');
    await page.locator('summary', { hasText: 'Block card' }).click();
    await page.getByRole('article', { name: /Block card/ }).getByRole('link').first().waitFor();
    await screenshot(page, 'plan-07-block-card');
  });
});

describe('browser mode: case files', () => {
  it('a damaged case file: a clear message naming it, and the open case stays', async () => {
    const before = await openSampleCase('Thoracic paravertebral block');
    const bad = path.join(OUT, 'damaged.bpcase');
    writeFileSync(bad, '{"schemaVersion": 2, "id": "x", "annotations": [');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open case' }).first().click()]);
    await chooser.setFiles(bad);
    const msg = page.locator('.message-error').last();
    await msg.waitFor();
    await expect(msg.textContent()).resolves.toMatch(/damaged: it is not valid JSON/);
    await expect(msg.textContent()).resolves.toMatch(/damaged\.bpcase/);
    expect(await panelNumbers()).toEqual(before);
    await screenshot(page, 'plan-08-damaged-file');
  });

  it('offers unsaved work back after a reload', async () => {
    // A saved case (its clip then kept in this browser), an edit after saving, then the page goes
    // away (autosave on unload).
    await openClipAndChooseBlock();
    const before = await drawPlan();
    await saveToFile();
    await page.getByRole('tab', { name: 'Annotations' }).click();
    await page.getByRole('button', { name: 'Hide Transverse process' }).click();
    await page.reload();
    const dlg = page.getByRole('dialog', { name: 'Restore unsaved work?' });
    await dlg.waitFor({ timeout: 10_000 });
    await screenshot(page, 'plan-09-recovery');
    await dlg.getByRole('button', { name: 'Restore' }).click();
    await page.getByTestId('plan-layer').waitFor({ timeout: 20_000 });
    await page.getByRole('tab', { name: 'Annotations' }).click();
    await page.getByRole('button', { name: 'Show Transverse process' }).waitFor();
    await page.getByRole('tab', { name: 'Plan' }).click();
    expect(await panelNumbers()).toEqual(before);
    expect(s.consoleErrors).toEqual([]);
  });

  it('opens each sample case from the samples dialog (all seven: issue 20 item 7)', async () => {
    expect(SAMPLES.length).toBeGreaterThanOrEqual(7);
    await page.goto(appUrl());
    await page.getByTestId('empty-state').getByRole('button', { name: 'Open sample case' }).click();
    for (const { title, id } of SAMPLES) {
      const dlg = page.getByRole('dialog', { name: 'Open a sample case' });
      await dlg.waitFor();
      if (id === 'thoracic-paravertebral') await screenshot(page, 'plan-10-samples');
      await dlg.getByRole('button', { name: titlePattern(title) }).click();
      // A sample opens as saved: switching to the next asks nothing.
      await page.waitForFunction((t) => document.querySelector('.block-name')?.textContent?.startsWith(t), title, { timeout: 20_000 });
      await page.getByTestId('needle-card').first().waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, `plan-11-sample-${id}`);
      await page.getByRole('tab', { name: 'Plan' }).click();
      await page.getByRole('button', { name: 'Sample cases…' }).click();
    }
    await expect(page.getByRole('dialog', { name: 'Unsaved changes' }).count()).resolves.toBe(0);
    expect(s.consoleErrors).toEqual([]);
  });
});
