/**
 * The 3D anatomy workspace in headless Chromium (WebGL2 through SwiftShader): the atlas renders,
 * placing the probe fills the cross-section panel and moving it updates the panel, picking (or
 * typing) the entry and target shows the needle numbers, and the thoracic paravertebral sample opens
 * ready (probe on the back, plane through transverse process, pleura and paravertebral space, the
 * needle's clearance to the pleura). No console errors; every control has an accessible name.
 */
import { decode } from 'fast-png';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import path from 'node:path';
import { appUrl, launch, screenshot, type Session } from './browser';
import { anatomyFixturesDir } from '../support/shared';

let s: Session;
beforeAll(async () => {
  s = await launch();
  const res = await s.page.goto(appUrl());
  expect(res?.status()).toBe(200);
  await s.page.getByTestId('empty-state').waitFor();
});
afterAll(async () => {
  await s?.close();
});

/** Errors other than the GPU driver's performance notes (warnings, not errors, but filter defensively). */
const errors = () => s.consoleErrors.filter((e) => !/GPU stall due to ReadPixels/.test(e));

async function atlasReady(page: Page): Promise<void> {
  await page.getByTestId('scene3d').waitFor();
  await page.waitForFunction(() => document.querySelector('[data-testid="scene3d"]')?.getAttribute('data-atlas') === 'ready', null, { timeout: 90_000 });
}

const canvas = (page: Page) => page.getByTestId('scene3d').locator('canvas').first();

/** Pixels of the canvas that differ from its background colour (#14191e) by more than a little. */
async function nonBackgroundFraction(page: Page): Promise<number> {
  const png = decode(await canvas(page).screenshot());
  const { width, height, data, channels } = png;
  const bg = [0x14, 0x19, 0x1e];
  let n = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * channels;
    if (Math.abs(data[o]! - bg[0]!) + Math.abs(data[o + 1]! - bg[1]!) + Math.abs(data[o + 2]! - bg[2]!) > 24) n++;
  }
  return n / (width * height);
}

/** Wait until the camera has settled (the preset animation is 350 ms) and a frame is drawn. */
const settle = (page: Page, ms = 900) => page.waitForTimeout(ms);

async function clickCanvas(page: Page, fx: number, fy: number): Promise<void> {
  const box = (await canvas(page).boundingBox())!;
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

describe('3D anatomy workspace', () => {
  it('renders the atlas (the canvas is not blank) with no console errors', async () => {
    await s.page.keyboard.press('Control+2');
    await atlasReady(s.page);
    await settle(s.page, 1500);
    const filled = await nonBackgroundFraction(s.page);
    await screenshot(s.page, 'scene3d-atlas');
    expect(filled).toBeGreaterThan(0.1);
    // The structure tree lists the atlas models.
    await expect(s.page.getByText('200 structures').isVisible()).resolves.toBe(true);
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('camera presets change the view (posterior vs anterior differ)', async () => {
    await s.page.getByRole('button', { name: 'Posterior view' }).click();
    await settle(s.page);
    const back = await canvas(s.page).screenshot();
    await s.page.keyboard.press('Shift+A'); // anterior view by its shortcut
    await settle(s.page);
    const front = await canvas(s.page).screenshot();
    expect(Buffer.compare(back, front)).not.toBe(0);
    expect(await nonBackgroundFraction(s.page)).toBeGreaterThan(0.1);
    await s.page.getByRole('button', { name: 'Posterior view' }).click();
    await settle(s.page);
  });

  it('placing the probe on the skin fills the cross-section panel, and moving it updates the panel', async () => {
    await s.page.getByRole('button', { name: 'Place the probe on the skin' }).click();
    await clickCanvas(s.page, 0.5, 0.45);
    const panel = s.page.getByTestId('cross-section');
    await panel.waitFor();
    await s.page.waitForFunction(() => Number(document.querySelector('[data-testid="cross-section"]')?.getAttribute('data-structures')) > 0);
    const before = (await panel.locator('svg').getAttribute('aria-label'))!;
    expect(before).toMatch(/Skin of the back/);
    const face = () => s.page.getByLabel('Probe pose').textContent();
    const faceBefore = await face();
    await screenshot(s.page, 'scene3d-probe');
    // Slide the probe along its face with the keyboard (the 3D view has the focus after the click) …
    for (let i = 0; i < 3; i++) await s.page.keyboard.press('ArrowRight');
    await s.page.waitForFunction((prev) => document.querySelector('[aria-label="Probe pose"]')?.textContent !== prev, faceBefore);
    // … and turn it a quarter turn (the depth field keeps 5° steps; one click here is 90°/18 … use the keys).
    const contoursBefore = await panel.locator('polygon.s3d-contour, polyline.s3d-contour').evaluateAll((els) => els.map((e) => e.getAttribute('points')).join('|'));
    for (let i = 0; i < 3; i++) await s.page.getByRole('button', { name: /Rotate the probe 5° on the skin/ }).click();
    await s.page.waitForFunction(
      (prev) => [...document.querySelectorAll('[data-testid="cross-section"] .s3d-contour')].map((e) => e.getAttribute('points')).join('|') !== prev,
      contoursBefore,
    );
    expect(await s.page.getByLabel('Probe pose').textContent()).toMatch(/oblique|transverse/);
    const ms = Number(await panel.getAttribute('data-compute-ms'));
    console.log(`cross-section per probe move (SwiftShader run, incl. labels): ${ms.toFixed(1)} ms`);
    expect(ms).toBeLessThan(100);
    await settle(s.page);
    await screenshot(s.page, 'scene3d-probe-moved');
    expect(errors()).toEqual([]);
  });

  it('picking the entry and the target on the surfaces shows the needle numbers', async () => {
    await s.page.getByRole('button', { name: 'Posterior view' }).click();
    await settle(s.page);
    await s.page.getByRole('button', { name: 'Pick the needle entry on the skin' }).click();
    await clickCanvas(s.page, 0.56, 0.5);
    await s.page.getByText('Now click the target.').waitFor();
    await clickCanvas(s.page, 0.53, 0.52);
    const length = s.page.getByTestId('needle-length');
    await length.waitFor();
    expect(await length.textContent()).toMatch(/^\d+\.\d mm$/);
    const numbers = (await s.page.getByLabel('Needle numbers').textContent())!;
    expect(numbers).toMatch(/Angle to skin normal\d+°/);
    expect(numbers).toMatch(/Target depth\d+\.\d mm/);
    expect(numbers).toMatch(/Cranio-caudal/);
    expect(numbers).toMatch(/Medio-lateral/);
    await settle(s.page);
    await screenshot(s.page, 'scene3d-needle-picked');
    expect(errors()).toEqual([]);
  });

  it('typed coordinates set the needle and its numbers (hand-checked length)', async () => {
    await s.page.getByText('Type coordinates').click();
    const set = async (name: string, v: string) => s.page.getByLabel(new RegExp(`^${name}`)).fill(v);
    await set('Entry x', '-30');
    await set('Entry y', '80');
    await set('Entry z', '460');
    await set('Target x', '-30');
    await set('Target y', '20');
    await set('Target z', '480');
    await s.page.getByRole('button', { name: 'Set needle' }).click();
    // √(60² + 20²) = 63.2 mm.
    await s.page.waitForFunction(() => document.querySelector('[data-testid="needle-length"]')?.textContent === '63.2 mm');
    expect(errors()).toEqual([]);
  });

  it('opens the thoracic paravertebral sample ready: probe, plane through TP, pleura and paravertebral space, clearance to the pleura', async () => {
    await s.page.getByRole('button', { name: 'Sample cases…' }).click();
    const dialog = s.page.getByRole('dialog', { name: 'Open a sample case' });
    await dialog.getByRole('button', { name: /Thoracic paravertebral/ }).click();
    // The open case has unsaved 3D edits (probe, needle): they went into the case, so it asks.
    const unsaved = s.page.getByRole('dialog', { name: 'Unsaved changes' });
    await unsaved.waitFor();
    await unsaved.getByRole('button', { name: 'Don’t save' }).click();
    await s.page.getByText(/Opened the sample case/).waitFor({ timeout: 30_000 });
    await s.page.keyboard.press('Control+2');
    await atlasReady(s.page);
    const panel = s.page.getByTestId('cross-section');
    await s.page.waitForFunction(() => /paravertebral space/.test(document.querySelector('[data-testid="cross-section"] svg')?.getAttribute('aria-label') ?? ''));
    const inPlane = (await panel.locator('svg').getAttribute('aria-label'))!;
    expect(inPlane).toMatch(/transverse process of T5|transverse process of T6/i);
    expect(inPlane).toMatch(/parietal pleura/i);
    expect(inPlane).toMatch(/paravertebral space/i);
    await s.page.getByRole('tab', { name: 'Needle' }).click();
    const table = s.page.getByRole('table', { name: '3D needle clearance to at-risk structures' });
    await table.waitFor();
    const showAll = s.page.getByTestId('needle-panel').getByRole('button', { name: /Show all/ });
    if (await showAll.count()) await showAll.click();
    const pleuraRow = table.getByRole('row', { name: /Right parietal pleura/ });
    expect(await pleuraRow.textContent()).toMatch(/\d+\.\d mm/);
    await expect(s.page.getByTestId('pierce-warning').count()).resolves.toBe(0);
    await settle(s.page, 1500);
    expect(await nonBackgroundFraction(s.page)).toBeGreaterThan(0.1);
    await screenshot(s.page, 'scene3d-sample-tpvb');
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('ties the clip frame shown in 2D to the probe: the 3D needle appears on the clip, the clip’s needle path in 3D', async () => {
    // The TPVB sample case is open (previous test) with its clip; show 2D and 3D side by side.
    await s.page.keyboard.press('Control+3');
    await s.page.getByTestId('plan-layer').waitFor({ timeout: 60_000 });
    await s.page.getByRole('tab', { name: 'Probe' }).click();
    const tie = s.page.getByRole('button', { name: /^Tie frame \d+ of / });
    await tie.waitFor({ timeout: 30_000 });
    await tie.click();
    await s.page.getByRole('button', { name: /^Untie / }).waitFor();
    // The 3D needle, projected into the clip's pixels, is drawn by the 2D annotation layer.
    await s.page.getByTestId('trajectory-3d-on-clip').waitFor({ timeout: 10_000 });
    const label = await s.page.getByTestId('trajectory-3d-on-clip').getAttribute('aria-label');
    expect(label).toMatch(/^3D needle/);
    await settle(s.page, 1500);
    await screenshot(s.page, 'scene3d-clip-link');
    // Undo unties it (the link is part of the case).
    await s.page.keyboard.press('Control+Z');
    await s.page.getByTestId('trajectory-3d-on-clip').waitFor({ state: 'detached' });
    await s.page.keyboard.press('Control+3');
    await s.page.keyboard.press('Control+2');
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });

  it('imports a model file (HuBMAP GLB in metres), shows the detected units, and takes the user’s override', async () => {
    await s.page.getByRole('tab', { name: 'Models' }).click();
    const chooser = s.page.waitForEvent('filechooser');
    await s.page.getByTestId('models-panel').getByRole('button', { name: 'Import model…' }).click();
    await (await chooser).setFiles(path.join(anatomyFixturesDir(), 'hubmap-hra-ccf-releases', 'v1.3_VH_M_Kidney_L.glb'));
    await s.page.getByText(/Imported v1\.3_VH_M_Kidney_L\.glb/).waitFor({ timeout: 60_000 });
    const units = s.page.getByRole('combobox', { name: 'Units of v1.3_VH_M_Kidney_L.glb' });
    expect(await units.inputValue()).toBe('m');
    await expect(s.page.getByTestId('models-panel').getByText(/Detected metres/).isVisible()).resolves.toBe(true);
    await units.selectOption('mm');
    await s.page.getByTestId('models-panel').getByText('Units set by you.').waitFor();
    expect(await units.inputValue()).toBe('mm');
    await s.page.getByRole('tab', { name: 'Structures' }).click();
    await s.page.getByText('v1.3_VH_M_Kidney_L.glb').first().waitFor();
    await settle(s.page);
    await screenshot(s.page, 'scene3d-import');
    expect(await unnamedControls(s.page)).toEqual([]);
    expect(errors()).toEqual([]);
  });
});
