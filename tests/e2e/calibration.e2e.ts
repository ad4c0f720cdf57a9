/**
 * Manual (two-point) calibration end to end (issue 20 item 2), in headless Chromium against browser
 * mode: open an uncalibrated echo clip from the fixtures (no ultrasound regions, no pixel spacing —
 * MANIFEST.tsv), measure a line (px), draw a second line and calibrate with it by typing its true
 * length in cm; the first line then reads in mm with the hand-computed value and "(manual)", the
 * viewer's badge and the plan panel say "manual"; undo returns to px. Screenshots of each step go to
 * test-output/screenshots (calibration-*.png).
 */
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { dicomFixturesDir } from '../support/shared';
import { appUrl, imageToPage, openSample, screenshot, sessionPerTest, type Session } from './browser';

/** 600 × 430 px, 11 frames, RLE palette colour, no US regions (MANIFEST.tsv `us_regions` 0). */
const ECHO = path.join(dicomFixturesDir(), 'dbdicom/US-PAL-8-11x-echo_0020.dcm');

const session = sessionPerTest('calibration');
let s: Session;
let page: Page;
beforeEach(() => {
  s = session();
  page = s.page;
});

type Pt = { x: number; y: number };

/** Page coordinates of an image point, through the transform the plan layer publishes. */
const toPage = (p: Pt): Promise<Pt> => imageToPage(page, p);

/** Draw a line with the line tool (M), dragged from `a` to `b` (image px). */
async function drawLine(a: Pt, b: Pt): Promise<void> {
  await page.keyboard.press('m');
  const pa = await toPage(a);
  const pb = await toPage(b);
  await page.mouse.move(pa.x, pa.y);
  await page.mouse.down();
  await page.mouse.move(pb.x, pb.y, { steps: 6 });
  await page.mouse.up();
}

const tab = (name: string) => page.getByRole('tab', { name, exact: true }).click();

describe('manual calibration', () => {
  it('turns an uncalibrated clip’s px readouts into mm, marked manual, and undo turns them back', async () => {
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
    await chooser.setFiles([ECHO]);
    await page.getByTestId('frame-counter').filter({ hasText: 'Frame 1 / 11' }).waitFor();
    // Every frame decoded and the layout settled before drawing (as the viewer tests' settle()).
    await page.waitForFunction(() => !document.querySelector('[data-testid="loading-bar"]'), undefined, { timeout: 20_000 });
    await page.waitForTimeout(500);
    await screenshot(page, 'calibration-0-opened');
    const badge = page.getByTestId('overlay-calibration');
    await expect(badge.textContent()).resolves.toMatch(/^Not calibrated/);

    // Step 1: a 200 px horizontal line reads in px.
    await drawLine({ x: 100, y: 400 }, { x: 300, y: 400 });
    await tab('Plan');
    const measure = page.getByTestId('mark-measure').first();
    await measure.filter({ hasText: 'length 200 px' }).waitFor();
    await screenshot(page, 'calibration-1-line-in-px');

    // Step 2: a 150 px vertical line along the sector, calibrated as 3 cm (= 30 mm → 0.2 mm/px).
    await drawLine({ x: 372, y: 100 }, { x: 372, y: 250 });
    await tab('Annotations');
    const length = page.getByLabel('True length', { exact: true });
    await length.fill('3');
    await page.getByLabel('Unit of the true length').selectOption('cm');
    await screenshot(page, 'calibration-2-typed-length');
    await page.getByRole('button', { name: 'Calibrate', exact: true }).click();

    // Step 3, hand-computed: 30 mm / 150 px = 0.2 mm/px, so the 200 px line is 200 × 0.2 = 40.0 mm.
    await badge.filter({ hasText: /manual calibration/ }).waitFor();
    await expect(badge.textContent()).resolves.toBe('Calibrated: 0.200 mm/px (manual calibration)');
    await tab('Plan');
    // Depths from the top of the image (no transducer face marked): 400 px and 100 px × 0.2 mm/px.
    await measure.filter({ hasText: 'length 40.0 mm (manual)' }).waitFor();
    await expect(measure.textContent()).resolves.toBe('length 40.0 mm (manual) · depth 80.0 mm (manual)');
    await expect(page.getByTestId('mark-measure').nth(1).textContent()).resolves.toBe('length 30.0 mm (manual) · depth 20.0 mm (manual)');
    await expect(page.getByTestId('plan-calibration').textContent()).resolves.toBe('Calibrated manually: 0.2 mm/px, from your 30 mm line. Numbers measured with it read “(manual)”.');
    await expect(page.getByRole('complementary', { name: 'Files and series' }).locator('.badge-ok').textContent()).resolves.toBe('mm · manual');
    // The depth scale appears with the manual calibration (the file has no region: along the whole image).
    const scale = page.getByTestId('depth-scale');
    await scale.waitFor();
    await expect(scale.getAttribute('aria-label')).resolves.toMatch(/^Depth scale, \d+ mm deep/);
    await page.getByRole('button', { name: /^Dismiss message: Calibrated manually/ }).click();
    await page.getByTestId('role-group-landmark').scrollIntoViewIfNeeded();
    await screenshot(page, 'calibration-3-mm-manual');

    // Undo takes the calibration off (one step): px again.
    await page.keyboard.press('Control+z');
    await measure.filter({ hasText: 'length 200 px' }).waitFor();
    await expect(badge.textContent()).resolves.toMatch(/^Not calibrated/);
    await expect(scale.count()).resolves.toBe(0);
    expect(s.consoleErrors).toEqual([]);
  });

  it('keeps the depth scale in view at 3× zoom (issue 20 item 3)', async () => {
    await openSample(page, /Thoracic paravertebral block/);
    const scale = page.getByTestId('depth-scale');
    await scale.waitFor();
    const readout = page.getByTestId('zoom-readout');
    const percent = async () => Number(/Zoom (\d+) percent/.exec((await readout.getAttribute('aria-label')) ?? '')?.[1]);
    const fit = await percent();
    // Zoom in (=, 1.25× a step) to at least three times the fitted size.
    while ((await percent()) < 3 * fit) await page.keyboard.press('=');
    await page.waitForTimeout(300);
    const view = (await page.getByTestId('viewer2d').boundingBox())!;
    const labels = await scale.locator('text.ruler-label').evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x, y: r.y, w: r.width, h: r.height })));
    const inView = labels.filter((r) => r.w > 0 && r.x >= view.x && r.y >= view.y && r.x + r.w <= view.x + view.width && r.y + r.h <= view.y + view.height);
    expect(inView.length, `depth labels in view at ${await percent()}% (fit ${fit}%)`).toBeGreaterThanOrEqual(2);
    await screenshot(page, 'calibration-4-depth-scale-3x');
    expect(s.consoleErrors).toEqual([]);
  });
});
