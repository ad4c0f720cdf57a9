/**
 * The 3D anatomy workspace in headless Chromium (WebGL2 through SwiftShader). Every test starts its
 * own browser on a fresh page and sets up what it needs, so each runs alone (`vitest -t "…"`) and in
 * any order:
 *  - the thoracic paravertebral sample opens ready in 3D, its 3D view and simulated image match their
 *    baselines, and a moved probe no longer matches (the comparison catches a real change);
 *  - moving the probe with the keyboard changes the simulated image; depth, gain and the image modes;
 *  - a sweep saved as a clip opens in the 2D viewer, calibrated in mm, and plays;
 *  - placing the probe and the needle on a new case, camera presets, 3D edits undo;
 *  - tying the clip frame to the probe; importing a model with its units.
 * No console errors; every control has an accessible name.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { appUrl, launch, screenshot, type Session } from './browser';
import { diffPng, expectScreenshot } from './viewer-screens';
import { anatomyFixturesDir } from '../support/shared';

let s: Session;
beforeEach(async () => {
  s = await launch();
  const res = await s.page.goto(appUrl());
  expect(res?.status()).toBe(200);
  await s.page.getByTestId('empty-state').waitFor();
});
afterEach(async () => {
  await s?.close();
});

/** Errors other than the GPU driver's performance notes. */
const errors = () => s.consoleErrors.filter((e) => !/GPU stall due to ReadPixels/.test(e));

async function atlasReady(page: Page): Promise<void> {
  await page.getByTestId('scene3d').waitFor({ timeout: 60_000 });
  await page.waitForFunction(() => document.querySelector('[data-testid="scene3d"]')?.getAttribute('data-atlas') === 'ready', null, { timeout: 120_000 });
}

/** Open a sample case (by its button name) and show it in 3D, atlas loaded. */
async function openSampleIn3d(page: Page, name: RegExp): Promise<void> {
  await page.getByRole('button', { name: 'Sample cases…' }).click();
  await page.getByRole('dialog', { name: 'Open a sample case' }).getByRole('button', { name }).click();
  await page.getByText(/Opened the sample case/).waitFor({ timeout: 60_000 });
  await page.keyboard.press('Control+2');
  await atlasReady(page);
}

const simFrames = (page: Page) => page.evaluate(() => Number(document.querySelector('[data-testid="sim-image"]')?.getAttribute('data-frames') ?? 0));
const fingerprint = (page: Page) => page.evaluate(() => document.querySelector('[data-testid="sim-image"]')?.getAttribute('data-fingerprint') ?? '');

/** Wait for the simulated image to show a frame made after `after` frames (and differing from `prev` when given). */
async function nextSimFrame(page: Page, after: number, prev?: string): Promise<void> {
  await page.waitForFunction(
    ([n, p]) => {
      const el = document.querySelector('[data-testid="sim-image"]');
      return !!el && Number(el.getAttribute('data-frames')) > (n as number) && (p === null || el.getAttribute('data-fingerprint') !== p);
    },
    [after, prev ?? null] as const,
    { timeout: 60_000 },
  );
}

const canvas3d = (page: Page) => page.getByTestId('scene3d').locator('canvas').first();

/** Pixels of the 3D canvas that differ from its background colour (#14191e) by more than a little. */
async function nonBackgroundFraction(page: Page): Promise<number> {
  const png = decode(await canvas3d(page).screenshot());
  const { width, height, data, channels } = png;
  let n = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    if (Math.abs(data[o]! - 0x14) + Math.abs(data[o + 1]! - 0x19) + Math.abs(data[o + 2]! - 0x1e) > 24) n++;
  }
  return n / (width * height);
}

/** Wait until the camera has settled (the preset animation is 350 ms) and a frame is drawn. */
const settle = (page: Page, ms = 900) => page.waitForTimeout(ms);

async function clickCanvas(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await canvas3d(page).boundingBox())!;
  await page.mouse.click(box.x + box.width * fx, box.y + box.height * fy);
}

/** Interactive elements of the 3D workspace that have no accessible name. */
async function unnamedControls(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const root = document.querySelector('[data-testid="scene3d"]')!;
    const out: string[] = [];
    for (const el of root.querySelectorAll<HTMLElement>('button, input, select, textarea, [role="tab"], [role="radio"]')) {
      const labelled = el.getAttribute('aria-labelledby');
      const name =
        el.getAttribute('aria-label') ||
        (labelled && document.getElementById(labelled)?.textContent?.trim()) ||
        ((el as HTMLInputElement).labels?.length ? [...(el as HTMLInputElement).labels!].map((l) => l.textContent).join(' ').trim() : '') ||
        (el.tagName === 'BUTTON' ? el.textContent?.trim() : '') ||
        el.getAttribute('title') ||
        (el as HTMLInputElement).placeholder;
      if (!name) out.push(el.outerHTML.slice(0, 120));
    }
    return out;
  });
}

/** Give the 3D view the keyboard focus without clicking on the anatomy (a click could place things). */
const focus3d = (page: Page) => page.getByRole('region', { name: /3D anatomy view/ }).focus();

describe('3D anatomy workspace', () => {
  it('opens the TPVB sample ready in 3D; the view and the simulated image match their baselines, and a moved probe does not', async () => {
    await openSampleIn3d(s.page, /Thoracic paravertebral/);
    await nextSimFrame(s.page, 0);
    await settle(s.page, 2000);
    expect(await nonBackgroundFraction(s.page)).toBeGreaterThan(0.1);
    // The plane cuts the T5 vertebra (its TP), the pleura and the paravertebral space; the needle is in it.
    await s.page.getByRole('radio', { name: 'Outlines' }).click();
    const outlines = (await s.page.getByTestId('cross-section').getByRole('img').getAttribute('aria-label'))!;
    expect(outlines).toMatch(/T5 vertebra/);
    expect(outlines).toMatch(/parietal pleura/i);
    expect(outlines).toMatch(/paravertebral space/i);
    await s.page.getByRole('radio', { name: 'Simulated' }).click();
    await s.page.getByTestId('sim-image').locator('canvas').waitFor();
    await settle(s.page, 500);
    await screenshot(s.page, 'scene3d-sample-tpvb');
    // Baselines (BLOCKPLAN_UPDATE_BASELINES=1 to rewrite): ≤ 1 % of the simulated image's pixels and
    // ≤ 2 % of the 3D view's may differ by more than 24 grey levels (anti-aliasing, font hinting).
    await expectScreenshot(s.page.getByTestId('sim-image').locator('.s3d-sim-box'), 'scene3d-tpvb-sim', { maxFraction: 0.01 });
    await expectScreenshot(canvas3d(s.page), 'scene3d-tpvb-canvas', { maxFraction: 0.02 });
    // A real change (the probe slid 2 mm) fails the same comparison.
    const n = await simFrames(s.page);
    const before = await fingerprint(s.page);
    await focus3d(s.page);
    await s.page.keyboard.press('ArrowRight');
    await nextSimFrame(s.page, n, before);
    await settle(s.page, 500);
    const moved = new Uint8Array(await s.page.getByTestId('sim-image').locator('.s3d-sim-box').screenshot());
    const base = new Uint8Array(await import('node:fs').then((fs) => fs.readFileSync(path.join(__dirname, 'baselines', 'scene3d-tpvb-sim.png'))));
    expect(diffPng(moved, base).fraction).toBeGreaterThan(0.05);
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('moving the probe with the keyboard changes the simulated image; depth and gain change it too', async () => {
    await openSampleIn3d(s.page, /Thoracic paravertebral/);
    await nextSimFrame(s.page, 0);
    const pose = () => s.page.getByLabel('Probe pose').textContent();
    await s.page.getByRole('tab', { name: 'Probe' }).click();
    // Each key gives a new simulated image; the slides also move the probe face on the skin.
    const steps: [string, () => Promise<void>, boolean][] = [
      ['slide (→)', () => s.page.keyboard.press('ArrowRight'), true],
      ['sweep (↑)', () => s.page.keyboard.press('ArrowUp'), true],
      ['turn (Shift+→)', () => s.page.keyboard.press('Shift+ArrowRight'), false],
      ['tilt (Shift+↑)', () => s.page.keyboard.press('Shift+ArrowUp'), false],
    ];
    for (const [what, press, slides] of steps) {
      const n = await simFrames(s.page);
      const fp = await fingerprint(s.page);
      const p = await pose();
      await focus3d(s.page);
      await press();
      await nextSimFrame(s.page, n, fp);
      if (slides) expect(await pose(), what).not.toBe(p);
    }
    // Page Down: 5 mm deeper (the depth shown under the image follows).
    const depth = s.page.getByLabel('Imaging depth', { exact: true });
    expect(await depth.textContent()).toBe('69 mm');
    let n = await simFrames(s.page);
    await focus3d(s.page);
    await s.page.keyboard.press('PageDown');
    await nextSimFrame(s.page, n);
    expect(await depth.textContent()).toBe('74 mm');
    // Gain: brighter image.
    const mean = () =>
      s.page.evaluate(() => {
        const c = document.querySelector<HTMLCanvasElement>('[data-testid="sim-image"] canvas')!;
        const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
        let sum = 0;
        for (let i = 0; i < d.length; i += 4) sum += d[i]!;
        return sum / (d.length / 4);
      });
    const dim = await mean();
    n = await simFrames(s.page);
    await s.page.getByLabel('Gain (dB)').fill('10');
    await nextSimFrame(s.page, n);
    expect(await mean()).toBeGreaterThan(dim + 10);
    // The gain is a display setting; the depth change is the last edit of the plan, one undo step named after it.
    await s.page.getByRole('button', { name: 'Undo change probe depth' }).click();
    await s.page.waitForFunction(() => document.querySelector('[aria-label="Imaging depth"]')?.textContent === '69 mm');
    await screenshot(s.page, 'scene3d-probe-moved');
    expect(errors()).toEqual([]);
  });

  it('saves a sweep as a DICOM clip that opens in the 2D viewer, calibrated in mm, and plays', async () => {
    await openSampleIn3d(s.page, /Thoracic paravertebral/);
    await nextSimFrame(s.page, 0);
    await s.page.getByRole('tab', { name: 'Probe' }).click();
    await s.page.getByRole('radio', { name: 'Sweep' }).click();
    await s.page.getByLabel('Frames of the clip').fill('8');
    await s.page.getByLabel('Sweep across the plane (mm)').fill('10');
    const download = s.page.waitForEvent('download', { timeout: 120_000 });
    await s.page.getByRole('button', { name: 'Save clip…' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^simulated-sweep-.*\.dcm$/);
    await s.page.getByText(/Saved the simulated clip/).waitFor({ timeout: 60_000 });
    // The 2D viewer shows it: 8 frames, calibrated in mm.
    const counter = s.page.getByTestId('frame-counter');
    await s.page.waitForFunction(() => /\/\s*8\b/.test(document.querySelector('[data-testid="frame-counter"]')?.textContent ?? ''), null, { timeout: 60_000 });
    expect(await s.page.getByTestId('overlay-calibration').textContent()).toMatch(/mm/);
    // Play: the frame counter advances.
    const first = await counter.textContent();
    await s.page.getByTestId('play-button').click();
    await s.page.waitForFunction((t) => document.querySelector('[data-testid="frame-counter"]')?.textContent !== t, first, { timeout: 20_000 });
    await screenshot(s.page, 'scene3d-clip-in-2d');
    expect(errors()).toEqual([]);
  });

  it('on a new case: places the probe on the skin, picks the needle, and undoes both', async () => {
    await s.page.keyboard.press('Control+2');
    await atlasReady(s.page);
    await s.page.getByRole('button', { name: 'Posterior view' }).click();
    await settle(s.page);
    await s.page.getByRole('button', { name: 'Place the probe on the skin' }).click();
    await clickCanvas(s.page, 0.5, 0.45);
    await nextSimFrame(s.page, 0);
    await s.page.getByRole('radio', { name: 'Outlines' }).click();
    await s.page.waitForFunction(() => Number(document.querySelector('[data-testid="cross-section"]')?.getAttribute('data-structures')) > 0);
    expect(await s.page.getByTestId('cross-section').getByRole('img').getAttribute('aria-label')).toMatch(/Skin of the back/);
    await s.page.getByRole('button', { name: 'Pick the needle entry on the skin' }).click();
    await clickCanvas(s.page, 0.56, 0.5);
    await s.page.getByText('Now click the target.').waitFor();
    await clickCanvas(s.page, 0.53, 0.52);
    const length = s.page.getByTestId('needle-length');
    await length.waitFor();
    expect(await length.textContent()).toMatch(/^\d+\.\d mm$/);
    expect(await s.page.getByLabel('Needle numbers').textContent()).toMatch(/Angle to skin normal\d+°/);
    await settle(s.page);
    await screenshot(s.page, 'scene3d-needle-picked');
    // Each 3D edit is one undo step: the needle, then the probe.
    await s.page.keyboard.press('Control+Z');
    await length.waitFor({ state: 'detached' });
    await s.page.keyboard.press('Control+Z');
    await s.page.getByText(/Place the probe on the skin to see/).waitFor();
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('camera presets change the view', async () => {
    await s.page.keyboard.press('Control+2');
    await atlasReady(s.page);
    await s.page.getByRole('button', { name: 'Posterior view' }).click();
    await settle(s.page);
    const back = await canvas3d(s.page).screenshot();
    await s.page.keyboard.press('Shift+A');
    await settle(s.page);
    const front = await canvas3d(s.page).screenshot();
    expect(diffPng(new Uint8Array(back), new Uint8Array(front)).fraction).toBeGreaterThan(0.05);
    expect(await nonBackgroundFraction(s.page)).toBeGreaterThan(0.1);
    expect(errors()).toEqual([]);
  });

  it('ties the clip frame shown in 2D to the probe: the 3D needle appears on the clip; undo unties it', async () => {
    await openSampleIn3d(s.page, /Thoracic paravertebral/);
    await s.page.keyboard.press('Control+3');
    await s.page.getByTestId('plan-layer').waitFor({ timeout: 60_000 });
    await s.page.getByRole('tab', { name: 'Probe' }).click();
    // The sample is tied to its clip already; untie and tie again.
    await s.page.getByRole('button', { name: /^Untie / }).click();
    await s.page.getByTestId('trajectory-3d-on-clip').waitFor({ state: 'detached' });
    const tie = s.page.getByRole('button', { name: /^Tie frame \d+ of / });
    await tie.click();
    await s.page.getByTestId('trajectory-3d-on-clip').waitFor({ timeout: 10_000 });
    expect(await s.page.getByTestId('trajectory-3d-on-clip').getAttribute('aria-label')).toMatch(/^3D needle/);
    await screenshot(s.page, 'scene3d-clip-link');
    await s.page.keyboard.press('Control+Z');
    await s.page.getByTestId('trajectory-3d-on-clip').waitFor({ state: 'detached' });
    expect(errors()).toEqual([]);
  });

  it('imports a model file (HuBMAP GLB in metres), shows the detected units, and takes the user’s override', async () => {
    await s.page.keyboard.press('Control+2');
    await atlasReady(s.page);
    await s.page.getByRole('tab', { name: 'Models' }).click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('models-panel').getByRole('button', { name: 'Import model…' }).click();
    await (await chooser).setFiles(path.join(anatomyFixturesDir(), 'hubmap-hra-ccf-releases', 'v1.3_VH_M_Kidney_L.glb'));
    await s.page.getByText(/Imported v1\.3_VH_M_Kidney_L\.glb/).waitFor({ timeout: 60_000 });
    const units = s.page.getByRole('combobox', { name: 'Units of v1.3_VH_M_Kidney_L.glb' });
    expect(await units.inputValue()).toBe('m');
    await units.selectOption('mm');
    await s.page.getByTestId('models-panel').getByText('Units set by you.').waitFor();
    expect(await units.inputValue()).toBe('mm');
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });
});
