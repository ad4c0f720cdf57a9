/**
 * Imaging conventions of the 2D viewer end to end (issue 20 item 4), in headless Chromium against
 * browser mode: brightness/contrast on a colour clip (IM00001, colour Doppler, YBR JPEG) changes the
 * canvas pixels as the linear formula of renderer/state/colourAdjust.ts says and reset restores them;
 * the wheel setting switches between zoom and frame steps and is kept; a mark of another frame is
 * listed as "hidden on this frame" with a way back; arrow keys move a taken handle exactly 1 / 10
 * image px (checked in the saved case), one undo step each. Screenshots go to test-output/screenshots.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { parseCase } from '../../core/plan/index';
import { SAMPLES_FOLDER, sampleClipFile } from '../../core/samples/index';
import { dicomFixturesDir, repoRoot } from '../support/shared';
import { appUrl, imageToPage, screenshot, sessionPerTest, type Session } from './browser';

const IM1 = path.join(dicomFixturesDir(), 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm');
const TPVB = path.join(repoRoot, SAMPLES_FOLDER, sampleClipFile('thoracic-paravertebral'));

const session = sessionPerTest('viewer-imaging');
let s: Session;
let page: Page;
beforeEach(() => {
  s = session();
  page = s.page;
});

async function open(file: string): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
  await chooser.setFiles(file);
  await page.getByTestId('plan-layer').waitFor({ timeout: 30_000 });
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading-bar"]'), undefined, { timeout: 30_000 });
  await page.waitForTimeout(300);
}

const frameText = () => page.getByTestId('frame-counter').textContent().then((t) => t?.trim());

/** The RGB values of a square of the viewer canvas around its centre (canvas px). */
function centrePixels(half = 40): Promise<number[]> {
  return page.evaluate((h) => {
    const c = document.querySelector<HTMLCanvasElement>('[data-testid="viewport"] canvas')!;
    const d = c.getContext('2d')!.getImageData(Math.round(c.width / 2) - h, Math.round(c.height / 2) - h, 2 * h, 2 * h).data;
    const out: number[] = [];
    for (let i = 0; i < d.length; i += 4) out.push(d[i]!, d[i + 1]!, d[i + 2]!);
    return out;
  }, half);
}

/** Wait for the canvas to draw again after a change of the view. */
const painted = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));

const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);

describe('viewer: brightness/contrast on colour clips', () => {
  it('a preset changes the canvas pixels by the formula, right-drag and Shift+drag adjust with feedback, reset restores', async () => {
    await open(IM1);
    const readout = page.getByTestId('bc-readout');
    await expect(readout.textContent()).resolves.toBe('B/C as stored');
    // Magnified past 4× the viewer samples nearest pixels, so both of cornerstone's colour paths (the
    // frame's bitmap as is, or its pixels through the lookup table) put exactly the image's levels on screen.
    await page.keyboard.press('1');
    for (let i = 0; i < 7; i++) await page.keyboard.press('=');
    await painted();
    const before = await centrePixels();
    const zoomed = await page.getByTestId('zoom-readout').textContent();
    expect(before.some((v) => v > 40)).toBe(true); // the centre of the clip is not black

    // Brighter (+15 %): every channel + 15 × 2.55 = 38.25 levels, clamped at 255 (LUT rounding: ±1).
    await page.getByRole('combobox', { name: /Brightness and contrast preset/ }).selectOption({ label: 'Brighter' });
    await painted();
    const brighter = await centrePixels();
    const expected = before.map((v) => Math.min(255, v + 38.25));
    expect(maxDiff(brighter, expected)).toBeLessThanOrEqual(1);
    await expect(readout.textContent()).resolves.toBe('B +15 % · C 100 %');

    // More contrast (150 %): (v − 127.5) × 1.5 + 127.5, clamped.
    await page.getByRole('combobox', { name: /Brightness and contrast preset/ }).selectOption({ label: 'More contrast' });
    await painted();
    const contrast = await centrePixels();
    expect(maxDiff(contrast, before.map((v) => Math.max(0, Math.min(255, (v - 127.5) * 1.5 + 127.5))))).toBeLessThanOrEqual(1);
    await screenshot(page, 'viewer-imaging-colour-more-contrast');

    // Reset (W): the stored pixels again.
    await page.keyboard.press('w');
    await painted();
    expect(maxDiff(await centrePixels(), before)).toBeLessThanOrEqual(1);
    await expect(readout.textContent()).resolves.toBe('B/C as stored');

    // Right-drag up and to the left: brighter and more contrast, its values shown while dragging.
    const box = (await page.getByTestId('viewport').boundingBox())!;
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx, cy);
    await page.mouse.down({ button: 'right' });
    await page.mouse.move(cx - 60, cy - 60, { steps: 4 });
    await expect(page.getByTestId('viewport').getAttribute('data-drag')).resolves.toBe('colour');
    await expect(page.getByTestId('drag-status').textContent()).resolves.toMatch(/^Brightness \+\d+ % · contrast \d+ %$/);
    await screenshot(page, 'viewer-imaging-colour-right-drag');
    await page.mouse.up({ button: 'right' });
    await expect(page.getByTestId('drag-status').count()).resolves.toBe(0);
    const dragged = (await readout.textContent())!;
    const m = /^B \+(\d+) % · C (\d+) %$/.exec(dragged);
    expect(m).not.toBeNull();
    expect(Number(m![2])).toBeGreaterThan(100);
    await painted();
    expect(maxDiff(await centrePixels(), before)).toBeGreaterThan(10);

    // Shift+drag does the same (no longer a silent pan): the zoom/pan stays, the values change.
    await page.keyboard.down('Shift');
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    await page.mouse.move(cx + 80, cy + 80, { steps: 4 });
    await expect(page.getByTestId('drag-status').isVisible()).resolves.toBe(true);
    await page.mouse.up();
    await page.keyboard.up('Shift');
    await expect(readout.textContent()).resolves.not.toBe(dragged);
    await expect(page.getByTestId('zoom-readout').textContent()).resolves.toBe(zoomed);

    await page.getByRole('button', { name: /Reset window\/level .* brightness\/contrast/ }).click();
    await painted();
    expect(maxDiff(await centrePixels(), before)).toBeLessThanOrEqual(1);
    expect(s.consoleErrors).toEqual([]);
  });
});

describe('viewer: the mouse wheel setting', () => {
  it('zooms by default; set to step frames it steps (Shift+wheel zooms), and the setting is kept', async () => {
    await open(IM1);
    const zoom = page.getByTestId('zoom-readout');
    const box = (await page.getByTestId('viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    await expect.poll(() => zoom.textContent(), { timeout: 10_000 }).not.toBe('Fit');
    expect(await frameText()).toBe('Frame 1 / 8');
    await page.keyboard.press('f');

    const setting = page.getByRole('combobox', { name: /Mouse wheel on the image/ });
    await setting.selectOption('frames');
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, 100);
    await page.waitForFunction(() => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === 'Frame 2 / 8');
    await page.mouse.wheel(0, 200);
    await page.waitForFunction(() => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === 'Frame 4 / 8');
    expect(await zoom.textContent()).toBe('Fit');
    await page.keyboard.down('Shift');
    await page.mouse.wheel(0, -300);
    await page.keyboard.up('Shift');
    await expect.poll(() => zoom.textContent(), { timeout: 10_000 }).not.toBe('Fit');
    expect(await frameText()).toBe('Frame 4 / 8');

    // Shown in the shortcuts help, and kept for the next session (same browser profile).
    await page.keyboard.press('F1');
    const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect.poll(() => help.getByRole('row', { name: /Step frames \(setting in the Files panel\) Wheel/ }).count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'viewer-imaging-shortcuts-mouse');
    await page.keyboard.press('Escape');
    await open(IM1);
    await expect(page.getByRole('combobox', { name: /Mouse wheel on the image/ }).inputValue()).resolves.toBe('frames');
  });
});

describe('plan marks on other frames, and keyboard handles', () => {
  it('lists a mark of another frame as hidden with a way back; arrows move its handle 1 / 10 image px, undoable', async () => {
    await open(TPVB);
    const rightPanel = page.getByRole('complementary', { name: 'Plan' });
    await rightPanel.getByRole('tab', { name: 'Annotations' }).click();
    await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Point', exact: true }).click();
    const at = await imageToPage(page, { x: 300, y: 200 });
    await page.mouse.click(at.x, at.y);
    await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Select and edit', exact: true }).click();
    await page.keyboard.press('Escape'); // nothing selected: → steps frames
    const first = (await frameText())!;
    await page.keyboard.press('ArrowRight');
    await page.waitForFunction((t) => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() !== t, first);
    const item = rightPanel.getByTestId('all-marks-item');
    await expect.poll(() => item.getByTestId('mark-hidden-on-frame').textContent(), { timeout: 10_000 }).toMatch(/^hidden on this frame \(frame 1\)Show frame 1$/);
    await screenshot(page, 'viewer-imaging-hidden-on-this-frame');
    await item.getByRole('button', { name: /^Show frame 1, where/ }).click();
    await page.waitForFunction((t) => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === t, first);
    await expect.poll(() => item.getByTestId('mark-hidden-on-frame').count(), { timeout: 10_000 }).toBe(0);

    // Take the point's handle (press it with the select tool) and nudge it.
    const placed = await savedPoint();
    const q = await imageToPage(page, placed);
    await page.mouse.click(q.x, q.y);
    await page.getByTestId('handle-focus').waitFor();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await page.keyboard.press('ArrowUp');
    expect(await frameText()).toBe(first); // the arrows moved the handle, not the frame
    await screenshot(page, 'viewer-imaging-handle-nudged');
    const moved = await savedPoint();
    expect(moved.x - placed.x).toBe(2);
    expect(moved.y - placed.y).toBe(9);
    // One undo step per press.
    await page.keyboard.press('Control+z');
    const undone = await savedPoint();
    expect([undone.x - placed.x, undone.y - placed.y]).toEqual([2, 10]);
    // Escape releases the handle: → steps frames again.
    await page.keyboard.press('Escape');
    await expect.poll(() => page.getByTestId('handle-focus').count(), { timeout: 10_000 }).toBe(0);

    // Enter with the Point tool places a point (at the last pointer position) with its handle taken.
    await page.getByRole('toolbar', { name: 'Tools' }).getByRole('button', { name: 'Point', exact: true }).click();
    await page.keyboard.press('Enter');
    await page.getByTestId('handle-focus').waitFor();
    await expect.poll(() => rightPanel.getByTestId('all-marks-item').count(), { timeout: 10_000 }).toBe(2);
    expect(s.consoleErrors).toEqual([]);
  });
});

/** The last point annotation of the case, as saved (Ctrl+S: a download in browser mode). */
async function savedPoint(): Promise<{ x: number; y: number }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Control+s')]);
  const file = await download.path();
  const parsed = parseCase(readFileSync(file!, 'utf8'), 'saved.bpcase');
  if (!parsed.ok) throw new Error(parsed.error.title);
  const pts = parsed.value.plan.annotations.filter((a) => a.kind === 'point');
  return pts[pts.length - 1]!.points[0]!;
}
