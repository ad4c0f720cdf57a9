/**
 * Labels, measurement values, split view and messages on screen (issue 20 item 3), in headless
 * Chromium against browser mode, on the thoracic paravertebral sample: the labels' boxes do not
 * overlap each other nor cross the needle path, and none is cut off, at fit and at 2× zoom; the line
 * tool's length is drawn beside the line (0.15 mm/px from the clip's region: 200 px = 30.0 mm); split
 * view keeps the speed and loop controls; a message never covers a button. Screenshots:
 * test-output/screenshots/labels-*.png.
 */
import type { Page } from 'playwright-core';
import { beforeEach, describe, expect, it } from 'vitest';
import { imageToPage, openSample, screenshot, sessionPerTest, type Session } from './browser';

const session = sessionPerTest('labels');
let s: Session;
let page: Page;
beforeEach(() => {
  s = session();
  page = s.page;
});

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  full: string;
}

const overlap = (p: Box, q: Box) => p.x < q.x + q.w && q.x < p.x + p.w && p.y < q.y + q.h && q.y < p.y + p.h;

/** The drawn captions' boxes (page px), with their text and full text. */
async function labelBoxes(): Promise<Box[]> {
  return page.locator('.plan-svg text.ann-label').evaluateAll((els) =>
    els.map((e) => {
      const r = e.getBoundingClientRect();
      return { x: r.x, y: r.y, w: r.width, h: r.height, text: (e.childNodes[e.childNodes.length - 1]?.textContent ?? '').trim(), full: e.getAttribute('data-full') ?? '' };
    }),
  );
}

/** Does the segment a–b pass through the box (sampled every 0.5 px)? */
function crosses(b: Box, a: { x: number; y: number }, c: { x: number; y: number }): boolean {
  const n = Math.ceil(Math.hypot(c.x - a.x, c.y - a.y) * 2);
  for (let k = 0; k <= n; k++) {
    const x = a.x + ((c.x - a.x) * k) / n;
    const y = a.y + ((c.y - a.y) * k) / n;
    if (x > b.x && x < b.x + b.w && y > b.y && y < b.y + b.h) return true;
  }
  return false;
}

/** Every caption inside the viewer, in full, apart from the others and off the needle shaft. */
async function expectLegibleLabels(name: string, atLeast: number): Promise<Box[]> {
  const boxes = await labelBoxes();
  expect(boxes.length, name).toBeGreaterThanOrEqual(atLeast);
  const view = (await page.getByTestId('plan-layer').boundingBox())!;
  const shaft = await page.locator('.plan-svg .needle-shaft').first().evaluate((l) => {
    const r = (l as unknown as SVGLineElement).ownerSVGElement!.getBoundingClientRect();
    const g = (n: string) => Number(l.getAttribute(n));
    return { a: { x: r.x + g('x1'), y: r.y + g('y1') }, b: { x: r.x + g('x2'), y: r.y + g('y2') } };
  });
  // The 3D needle drawn on the clip (the sample's probe is tied to it): its line is kept clear too.
  const needle3d = await page.locator('[data-testid="trajectory-3d-on-clip"] line').last().evaluate((l) => {
    const r = (l as unknown as SVGLineElement).ownerSVGElement!.getBoundingClientRect();
    const g = (n: string) => Number(l.getAttribute(n));
    return { a: { x: r.x + g('x1'), y: r.y + g('y1') }, b: { x: r.x + g('x2'), y: r.y + g('y2') } };
  });
  for (const b of boxes) {
    expect(b.text, `${name}: "${b.full}" shortened`).toBe(b.full);
    expect(crosses(b, needle3d.a, needle3d.b), `${name}: "${b.text}" on the 3D needle`).toBe(false);
    const inside = b.x >= view.x && b.y >= view.y && b.x + b.w <= view.x + view.width && b.y + b.h <= view.y + view.height;
    expect(inside, `${name}: "${b.text}" cut off by the viewer's edge`).toBe(true);
    expect(crosses(b, shaft.a, shaft.b), `${name}: "${b.text}" on the needle path`).toBe(false);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlap(boxes[i]!, boxes[j]!), `${name}: "${boxes[i]!.text}" overlaps "${boxes[j]!.text}"`).toBe(false);
  }
  return boxes;
}

async function zoomTo(factor: number): Promise<void> {
  const readout = page.getByTestId('zoom-readout');
  const percent = async () => Number(/Zoom (\d+) percent/.exec((await readout.getAttribute('aria-label')) ?? '')?.[1]);
  const fit = await percent();
  while ((await percent()) < factor * fit * 0.97) await page.keyboard.press('=');
  await page.waitForTimeout(300);
}

describe('labels on the clip', () => {
  it('TPVB sample: labels apart, in full and off the needle at fit and at 2× zoom', async () => {
    await openSample(page, /Thoracic paravertebral block/);
    await page.getByTestId('plan-layer').waitFor();
    await page.waitForTimeout(500);
    const fit = await expectLegibleLabels('fit', 9);
    expect(fit.map((b) => b.text)).toContain('internal intercostal membrane / superior costotransverse ligament');
    // The 3D needle's caption is placed with the others (apart from them, checked above).
    expect(fit.some((b) => b.text.startsWith('3D needle'))).toBe(true);
    await screenshot(page, 'labels-1-fit');
    await zoomTo(2);
    // Marks wholly off screen (the skin and the upper muscles) have no caption when zoomed in.
    await expectLegibleLabels('2× zoom', 5);
    await screenshot(page, 'labels-2-zoom-2x');
    // The panel lists the full name, wrapped, not clipped.
    await page.getByRole('tab', { name: 'Plan', exact: true }).click();
    const name = page.locator('[data-testid="mark-item"] .name', { hasText: 'internal intercostal membrane / superior costotransverse ligament' }).first();
    await name.scrollIntoViewIfNeeded();
    await expect(name.evaluate((e) => e.scrollWidth <= e.clientWidth + 1 && e.textContent)).resolves.toBe('internal intercostal membrane / superior costotransverse ligament');
    await screenshot(page, 'labels-5-panel');
    expect(s.consoleErrors).toEqual([]);
  });

  it('draws the line tool’s length beside the line', async () => {
    await openSample(page, /Thoracic paravertebral block/);
    await page.getByTestId('plan-layer').waitFor();
    // Dismiss the opening message first (it sits beside the viewer, nothing moves when it goes).
    const dismiss = page.getByRole('button', { name: /^Dismiss message: Opened the sample case/ });
    await dismiss.click();
    await dismiss.waitFor({ state: 'detached' });
    await page.keyboard.press('m');
    const a = await imageToPage(page, { x: 200, y: 120 });
    const b = await imageToPage(page, { x: 400, y: 120 });
    await page.mouse.move(a.x, a.y);
    await page.mouse.down();
    await page.mouse.move(b.x, b.y, { steps: 6 });
    await page.mouse.up();
    // 200 px × 0.15 mm/px (the region's Δx 0.015 cm/px) = 30.0 mm, within a pixel of the drag.
    const label = page.locator('.plan-svg [data-kind="line"] text.ann-label').last();
    await label.waitFor();
    const text = (await label.textContent())!;
    expect(text).toMatch(/^\d+\.\d mm$/);
    expect(Math.abs(Number(text.replace(' mm', '')) - 30)).toBeLessThanOrEqual(0.3);
    const box = (await label.boundingBox())!;
    // Beside the line: within 40 px of it vertically, between its ends horizontally (± the label's width).
    expect(Math.abs(box.y + box.height / 2 - a.y)).toBeLessThan(40);
    expect(box.x + box.width).toBeGreaterThan(a.x - box.width);
    expect(box.x).toBeLessThan(b.x + 10);
    await screenshot(page, 'labels-3-line-length');
    expect(s.consoleErrors).toEqual([]);
  });

  it('split view keeps the speed and loop controls, and messages cover no button', async () => {
    await openSample(page, /Thoracic paravertebral block/);
    // The "Opened the sample case" message is on screen: it covers no button.
    const message = page.getByTestId('message').first();
    await message.waitFor();
    await expectNoButtonUnder(message);
    // Dismissed before switching the layout.
    await page.getByRole('button', { name: /^Dismiss message: Opened the sample case/ }).click();
    await page.getByRole('radio', { name: 'Split 2D and 3D', exact: true }).click();
    await page.getByRole('region', { name: '3D anatomy' }).waitFor();
    await page.waitForTimeout(800);
    const pane = (await page.getByRole('region', { name: '2D clip' }).boundingBox())!;
    for (const control of [page.getByTestId('speed'), page.getByRole('radiogroup', { name: 'At the end of the clip' })]) {
      await expect.poll(() => control.isVisible(), { timeout: 10_000 }).toBe(true);
      const r = (await control.boundingBox())!;
      expect(r.x >= pane.x && r.x + r.width <= pane.x + pane.width + 0.5 && r.y + r.height <= pane.y + pane.height + 0.5, 'control inside the 2D pane').toBe(true);
    }
    await screenshot(page, 'labels-4-split');
    expect(s.consoleErrors).toEqual([]);
  });
});

/** No visible button (or other control) of the page intersects the message's box (controls scrolled out of their panel do not count). */
async function expectNoButtonUnder(message: ReturnType<Page['getByTestId']>): Promise<void> {
  const m = (await message.boundingBox())!;
  const hits = await page.evaluate((mb) => {
    const out: string[] = [];
    for (const el of document.querySelectorAll('button, select, input, [role="tab"], [role="radio"], a[href]')) {
      if (el.closest('[data-testid="message"]')) continue;
      if (getComputedStyle(el).visibility === 'hidden') continue;
      // The part of the control on screen: its box clipped by every scrolling or clipping ancestor.
      const b = el.getBoundingClientRect();
      const r = { x0: b.left, y0: b.top, x1: b.right, y1: b.bottom };
      for (let p = el.parentElement; p; p = p.parentElement) {
        const st = getComputedStyle(p);
        if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
        const c = p.getBoundingClientRect();
        r.x0 = Math.max(r.x0, c.left);
        r.y0 = Math.max(r.y0, c.top);
        r.x1 = Math.min(r.x1, c.right);
        r.y1 = Math.min(r.y1, c.bottom);
      }
      if (r.x1 - r.x0 <= 0 || r.y1 - r.y0 <= 0) continue;
      if (r.x0 < mb.x + mb.width && mb.x < r.x1 && r.y0 < mb.y + mb.height && mb.y < r.y1) out.push(el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName);
    }
    return out;
  }, m);
  expect(hits, 'controls under the message').toEqual([]);
}
