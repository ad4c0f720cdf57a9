/**
 * The cine viewer end to end, in headless Chromium against browser mode: real fixture clips opened
 * through the file chooser and by drag-and-drop, playback rate measured on the frame counter,
 * stepping, zoom, overlays, key frames, failed files, the sample clip; screenshots compared with
 * committed baselines (tests/e2e/baselines, BLOCKPLAN_UPDATE_BASELINES=1 to regenerate).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDicom } from '../../core/dicom/parse';
import { appUrl, sessionPerTest, type Session } from './browser';
import { expectScreenshot } from './viewer-screens';
import { dicomFixturesDir } from '../support/shared';
import { SAMPLES_FOLDER, sampleClipFile } from '../../core/samples/index';

const FIXTURES = dicomFixturesDir();
const SAMPLES = path.resolve(__dirname, '../..', SAMPLES_FOLDER);
const IM1 = 'cornerstonejs-dicomParser/IM00001.fragmented_no_bot_jpeg_baseline.50.dcm';
const ECHO10 = 'wearemothership-dicom-test-files/US-PAL-8-10x-echo.dcm';
const ECHO11 = 'dbdicom/US-PAL-8-11x-echo_0020.dcm';
const OB2 = 'pydicom-data/OBXXXX1A_2frame.dcm';

/** Frames per second of a fixture at its native rate (core's timing, itself tested against dcmdump). */
function fileFps(rel: string): { fps: number; frames: number } {
  const r = openDicom(new Uint8Array(readFileSync(path.join(FIXTURES, rel))));
  if (!r.ok) throw new Error(r.error.message);
  return { fps: r.value.timing.fps, frames: r.value.frameCount };
}

/** A tag's value as DCMTK's dcmdump prints it. */
function dcm(rel: string, tag: string): string {
  const out = execFileSync('dcmdump', ['-q', '+P', tag, path.join(FIXTURES, rel)], { encoding: 'utf8' });
  return /\[(.*)\]/.exec(out)?.[1] ?? '';
}

/** Every test has a browser context of its own (empty storage) and opens the app itself: each runs alone. */
const session = sessionPerTest('viewer');
let s: Session;
let page: Page;

async function freshApp(): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  // Let the app warm its decode workers (it does so when idle), as a user's first seconds would.
  await page.waitForFunction(() => document.readyState === 'complete');
  await page.waitForTimeout(1200);
}

/** Open fixtures through the "Open DICOM…" button and the browser's file chooser. */
async function openWithChooser(rels: string[], dir = FIXTURES): Promise<void> {
  // On a heavily loaded machine Chromium occasionally drops the chooser's change event; try once more.
  for (let attempt = 0; ; attempt++) {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
    await chooser.setFiles(rels.map((r) => path.join(dir, r)));
    const opened = await page
      .getByTestId('viewer2d')
      .waitFor({ timeout: 8000 })
      .then(() => true)
      .catch(() => false);
    if (opened || attempt === 1) return;
    console.warn('file chooser: no files arrived, retrying once');
  }
}

/** Drop files on the window as a drag-and-drop from the desktop would. */
async function drop(files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const bin = atob(f.b64);
      const bytes = new Uint8Array(bin.length);
      for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      dt.items.add(new File([bytes], f.name, { type: 'application/dicom' }));
    }
    const target = document.querySelector('.app')!;
    target.dispatchEvent(new DragEvent('dragover', { dataTransfer: dt, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true, cancelable: true }));
  }, payload);
}

const counter = () => page.getByTestId('frame-counter');

async function waitFrame(text: string): Promise<void> {
  await page.waitForFunction((t) => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === t, text, { timeout: 10_000 });
}

/** Wait until every frame of the clip on screen is decoded (no loading bar, queue empty). */
async function settle(): Promise<void> {
  await page.waitForTimeout(300);
  await page.waitForFunction(() => !document.querySelector('[data-testid="loading-bar"]'), undefined, { timeout: 20_000 });
  await page.waitForTimeout(300);
}

/**
 * Play for `ms` and count frame advances on the visible counter (wrapping at the end of a loop).
 * Returns frames per second of wall-clock time.
 */
async function measurePlaybackFps(ms: number): Promise<{ fps: number; advances: number; samples: number }> {
  await page.keyboard.press('Space');
  const r = await page.evaluate(
    (dur) =>
      new Promise<{ advances: number; elapsed: number; samples: number }>((resolve) => {
        const el = document.querySelector('[data-testid="frame-counter"]')!;
        const parse = () => {
          const m = /Frame (\d+) \/ (\d+)/.exec(el.textContent ?? '');
          return m ? { i: Number(m[1]), n: Number(m[2]) } : null;
        };
        let prev = parse();
        let advances = 0;
        let samples = 0;
        let t0 = 0;
        const obs = new MutationObserver(() => {
          const cur = parse();
          if (!cur || !prev) return;
          if (cur.i !== prev.i) {
            if (samples === 0) t0 = performance.now();
            else advances += (cur.i - prev.i + cur.n) % cur.n;
            samples++;
          }
          prev = cur;
        });
        obs.observe(el, { characterData: true, childList: true, subtree: true });
        setTimeout(() => {
          obs.disconnect();
          resolve({ advances, elapsed: performance.now() - t0, samples });
        }, dur);
      }),
    ms,
  );
  await page.keyboard.press('Space');
  return { fps: (r.advances * 1000) / r.elapsed, advances: r.advances, samples: r.samples };
}

beforeEach(async () => {
  s = session();
  page = s.page;
  await freshApp();
});

describe('cine viewer: IM00001 (8-frame JPEG baseline, Frame Time Vector)', () => {
  it('shows the first frame with frame, rate and calibration overlays', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await expect(page.getByTestId('overlay-rate').textContent()).resolves.toMatch(/fps from the file \(Frame Time Vector\)/);
    await expect(page.getByTestId('overlay-calibration').textContent()).resolves.toMatch(/^Calibrated: 2\.29 mm\/px \(ultrasound region\)/);
    await page.getByTestId('depth-scale').waitFor();
    // The left panel lists it under its study with a thumbnail and the mm badge.
    const panel = page.getByRole('complementary', { name: 'Files and series' });
    await panel.getByText(dcm(IM1, '0008,1030')).waitFor();
    await panel.locator('.clip-thumb img').waitFor();
    await settle();
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-first-frame');
    await expectScreenshot(panel, 'viewer-im00001-files-panel');
    expect(s.consoleErrors).toEqual([]);
  });

  it('plays at the rate of its Frame Time Vector (within 10 %)', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await settle();
    const { fps } = fileFps(IM1);
    const r = await measurePlaybackFps(3000);
    expect(r.advances).toBeGreaterThan(40);
    expect(Math.abs(r.fps - fps) / fps).toBeLessThan(0.1);
    expect(s.consoleErrors).toEqual([]);
  });

  it('steps with the arrow keys and jumps with Home/End', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await page.getByTestId('viewport').focus();
    await page.keyboard.press('ArrowRight');
    await waitFrame('Frame 2 / 8');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitFrame('Frame 4 / 8');
    await page.keyboard.press('ArrowLeft');
    await waitFrame('Frame 3 / 8');
    await page.keyboard.press('End');
    await waitFrame('Frame 8 / 8');
    await page.keyboard.press('ArrowRight');
    await waitFrame('Frame 8 / 8');
    await page.keyboard.press('Home');
    await waitFrame('Frame 1 / 8');
    // The toolbar buttons dispatch the same commands.
    await page.getByRole('button', { name: 'Next frame' }).click();
    await waitFrame('Frame 2 / 8');
    await settle();
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-frame-2');
    expect(s.consoleErrors).toEqual([]);
  });

  it('zooms with + / − and the wheel, fits again, rotates, flips and inverts', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await settle();
    const zoom = page.getByTestId('zoom-readout');
    expect(await zoom.textContent()).toBe('Fit');
    await page.keyboard.press('=');
    await page.keyboard.press('=');
    const zoomed = Number((await zoom.textContent())!.replace('%', ''));
    await page.getByRole('button', { name: 'Zoom out' }).click();
    const less = Number((await zoom.textContent())!.replace('%', ''));
    expect(less).toBeLessThan(zoomed);
    expect(zoomed / less).toBeCloseTo(1.25, 1);
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-zoomed');
    // Wheel up over the image zooms in.
    const box = (await page.getByTestId('viewport').boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -300);
    // (The wheel event reaches the page after mouse.wheel returns.)
    await expect.poll(async () => Number((await zoom.textContent())!.replace('%', '')), { timeout: 10_000 }).toBeGreaterThan(less);
    await page.keyboard.press('f');
    expect(await zoom.textContent()).toBe('Fit');
    await page.keyboard.press('r');
    await page.keyboard.press('h');
    await page.keyboard.press('i');
    await expect(page.getByRole('button', { name: 'Flip left–right' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await expect(page.getByRole('button', { name: 'Invert grey levels' }).getAttribute('aria-pressed')).resolves.toBe('true');
    await page.waitForTimeout(200);
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-rotated-flipped-inverted');
    await page.keyboard.press('Shift+R');
    await expect(page.getByRole('button', { name: 'Invert grey levels' }).getAttribute('aria-pressed')).resolves.toBe('false');
    expect(s.consoleErrors).toEqual([]);
  });

  it('toggles overlays; patient details only when asked', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await settle();
    const patientName = dcm(IM1, '0010,0010');
    expect(patientName.length).toBeGreaterThan(0);
    const body = () => page.locator('body').innerText();
    expect(await body()).not.toContain(patientName);
    await page.keyboard.press('p');
    await page.getByTestId('overlay-patient').waitFor();
    expect(await page.getByTestId('overlay-patient').innerText()).toContain(patientName);
    await page.keyboard.press('p');
    await page.getByTestId('overlay-patient').waitFor({ state: 'detached' });
    await page.keyboard.press('d');
    await page.getByTestId('overlay-diagnostics').waitFor();
    await page.keyboard.press('o');
    await counter().waitFor({ state: 'detached' });
    await page.keyboard.press('s');
    await page.getByTestId('depth-scale').waitFor({ state: 'detached' });
    // The diagnostics' numbers are timings (they change every run): masked, the rest compared as tightly as any shot.
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-overlays-off-diagnostics-on', { mask: [page.getByTestId('overlay-diagnostics')] });
    await page.keyboard.press('o');
    await counter().waitFor();
    expect(s.consoleErrors).toEqual([]);
  });

  it('bookmarks key frames with tags, marks them on the scrubber and jumps to them', async () => {
    await openWithChooser([IM1]);
    await waitFrame('Frame 1 / 8');
    await page.keyboard.press('End');
    await waitFrame('Frame 8 / 8');
    await page.keyboard.press('k');
    await page.getByRole('menuitem', { name: 'Needle visible' }).click();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await page.getByRole('button', { name: 'Mark this frame as a key frame' }).click();
    await page.getByRole('menuitem', { name: 'Note (free text)…' }).click();
    await page.getByRole('textbox', { name: 'Key frame note' }).fill('hydrodissection');
    await page.keyboard.press('Enter');
    const list = page.getByRole('list', { name: 'Key frames' }).first();
    await list.getByText('hydrodissection').waitFor();
    await page.getByRole('button', { name: 'Key frame: Needle visible, frame 8' }).waitFor();
    await page.getByRole('button', { name: /^Go to Needle visible, frame 8/ }).first().click();
    await waitFrame('Frame 8 / 8');
    await page.getByRole('button', { name: 'Key frame: hydrodissection, frame 2' }).click();
    await waitFrame('Frame 2 / 8');
    await settle();
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-im00001-key-frames');
    expect(s.consoleErrors).toEqual([]);
  });
});

describe('cine viewer: RLE palette echo clips and OBXXXX1A', () => {
  it('groups the two echo clips (one series) dropped together, and plays each at its Frame Time', async () => {
    await drop([ECHO10, ECHO11].map((r) => ({ name: path.basename(r), bytes: new Uint8Array(readFileSync(path.join(FIXTURES, r))) })));
    await waitFrame('Frame 1 / 10');
    const panel = page.getByRole('complementary', { name: 'Files and series' });
    const series = panel.getByRole('list', { name: /Clips of/ });
    // The first clip is shown before the second file is read: wait for both clips, then check they are one series.
    await expect.poll(() => series.getByRole('listitem').count(), { timeout: 20_000 }).toBe(2);
    await expect(series.count()).resolves.toBe(1);
    await panel.locator('.clip-thumb img').nth(1).waitFor();
    await settle();
    await expectScreenshot(panel, 'viewer-echo-files-panel');
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-echo10-first-frame');
    for (const [rel, label] of [
      [ECHO10, 'US-PAL-8-10x-echo.dcm'],
      [ECHO11, 'US-PAL-8-11x-echo_0020.dcm'],
    ] as const) {
      await panel.getByRole('button', { name: new RegExp(`^${label.replace(/\./g, '\\.')}`) }).click();
      const { fps, frames } = fileFps(rel);
      await waitFrame(`Frame 1 / ${frames}`);
      await settle();
      const r = await measurePlaybackFps(3000);
      expect(Math.abs(r.fps - fps) / fps, `${label}: measured ${r.fps.toFixed(2)} fps, file ${fps.toFixed(2)} fps`).toBeLessThan(0.1);
    }
    expect(s.consoleErrors).toEqual([]);
  });

  it('plays a clip without a rate at an assumed 30 fps, says so, and draws the depth scale in mm', async () => {
    await openWithChooser([OB2]);
    await waitFrame('Frame 1 / 2');
    await expect(page.getByTestId('overlay-rate').textContent()).resolves.toMatch(/30 fps assumed/);
    await expect(page.getByTestId('overlay-calibration').textContent()).resolves.toMatch(/^Calibrated: 0\.262 mm\/px/);
    const depth = page.getByTestId('depth-scale');
    await depth.waitFor();
    await expect(depth.getAttribute('aria-label')).resolves.toMatch(/mm deep/);
    await settle();
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-obxxxx1a-first-frame');
    // Two frames alias on the counter whenever the display stalls for two frame times (on a busy
    // machine); at 0.5× each frame spans four display refreshes, so the count is reliable.
    await page.getByTestId('speed').selectOption('0.5');
    const r = await measurePlaybackFps(3000);
    expect(Math.abs(r.fps - 15) / 15).toBeLessThan(0.1);
    expect(s.consoleErrors).toEqual([]);
  });
});

describe('cine viewer: files that fail, and the sample clip', () => {
  it('lists a file that is not DICOM with its reason and opens the others', async () => {
    await drop([
      { name: 'scan-notes.dcm', bytes: new TextEncoder().encode('These are notes, not an image.') },
      { name: path.basename(OB2), bytes: new Uint8Array(readFileSync(path.join(FIXTURES, OB2))) },
    ]);
    await waitFrame('Frame 1 / 2');
    const failed = page.getByRole('region', { name: 'Files that could not be opened' });
    await failed.getByText('scan-notes.dcm').waitFor();
    await failed.getByText('Not a DICOM file').waitFor();
    await page.getByTestId('message').filter({ hasText: 'Not a DICOM file' }).first().waitFor();
    // The opened clip's thumbnail is part of the picture: wait for it (it is made off the main thread).
    await page.getByRole('complementary', { name: 'Files and series' }).locator('.clip-thumb img').first().waitFor();
    await expectScreenshot(page.getByRole('complementary', { name: 'Files and series' }), 'viewer-failed-file-panel');
    // The failure is reported through the messages store (console errors are not expected).
    expect(s.consoleErrors).toEqual([]);
  });

  it('shows the bundled synthetic sample clip calibrated, with its depth scale', async () => {
    await openWithChooser([sampleClipFile('thoracic-paravertebral')], SAMPLES);
    await waitFrame('Frame 1 / 60');
    await expect(page.getByTestId('overlay-calibration').textContent()).resolves.toMatch(/^Calibrated: 0\.150 mm\/px \(ultrasound region\)/);
    await expect(page.getByTestId('overlay-rate').textContent()).resolves.toMatch(/^20 fps from the file \(Frame Time\)/);
    await page.getByTestId('depth-scale').waitFor();
    await settle();
    await expectScreenshot(page.getByTestId('viewer2d'), 'viewer-sample-paravertebral');
    const r = await measurePlaybackFps(3000);
    expect(Math.abs(r.fps - 20) / 20).toBeLessThan(0.1);
    expect(s.consoleErrors).toEqual([]);
  });

  it('"Open sample case" in the empty state puts the sample clip in the viewer', async () => {
    await page.getByRole('button', { name: /Open sample case/ }).click();
    // The plan offers the sample cases in a dialog; the one chosen loads its clip here.
    await page.getByRole('dialog', { name: 'Open a sample case' }).getByRole('button', { name: /paravertebral/i }).click();
    await waitFrame('Frame 1 / 60');
    await expect(page.getByTestId('overlay-calibration').textContent()).resolves.toMatch(/^Calibrated: 0\.150 mm\/px/);
    expect(s.consoleErrors).toEqual([]);
  });
});
