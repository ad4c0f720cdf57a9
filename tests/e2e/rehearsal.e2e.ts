/**
 * e2e: rehearsal mode (issue 14) in browser mode, headless Chromium against the built app.
 *
 * A trainee opens the thoracic paravertebral sample, starts rehearsing from the Teaching tab (the
 * expert answer is not on the page), and answers every task with the keyboard alone: steps the cine
 * to a frame and chooses it, marks the four structures with the marking cursor, places a needle path
 * whose target lies below the pleura, chooses side and approach, submits with Ctrl+Enter. The
 * feedback names the critical error (the path crosses the pleura) and draws the expert's marks. The
 * trainee tries again, draws the correct path with the mouse (the needle tool), submits, passes, and
 * the learning curve shows two points. Positions come from the sample case itself (core geometry).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../core/cli/main';
import { annotationShape, pointInPolygon, type Point2 } from '../../core/geometry/index';
import { parseCase, type Case } from '../../core/plan/index';
import { openSample, screenshot, sessionPerTest } from './browser';

/** Controls in an aria snapshot without an accessible name (`- button` with nothing after it). */
const UNNAMED = /^\s*- (button|textbox|combobox|spinbutton|checkbox|application|radio|slider)\s*$/m;

const repoRoot = path.resolve(__dirname, '../..');
const session = sessionPerTest('rehearsal');
let plan: Case;

beforeAll(async () => {
  const parsed = parseCase(readFileSync(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase'), 'utf8'), 'sample');
  if (!parsed.ok) throw new Error(parsed.error.title);
  plan = parsed.value.plan;
});

const ann = (id: string) => plan.annotations.find((a) => a.id === id)!;

/** A point well inside a contour: the grid point (2 px) farthest from its edges. */
function interior(id: string): Point2 {
  const shape = annotationShape(ann(id))!;
  if (shape.kind !== 'polygon') throw new Error(`${id} is not a contour`);
  const pts = shape.points;
  let best = { p: pts[0]!, d: -1 };
  const xs = pts.map((p) => p.x);
  const ys = pts.map((p) => p.y);
  for (let x = Math.min(...xs); x <= Math.max(...xs); x += 2) {
    for (let y = Math.min(...ys); y <= Math.max(...ys); y += 2) {
      const p = { x: 320 + Math.round((x - 320) / 2) * 2, y: 240 + Math.round((y - 240) / 2) * 2 };
      if (!pointInPolygon(p, pts)) continue;
      const d = Math.min(...pts.map((q, i) => distToSeg(p, q, pts[(i + 1) % pts.length]!)));
      if (d > best.d) best = { p, d };
    }
  }
  return best.p;
}
function distToSeg(p: Point2, a: Point2, b: Point2): number {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const t = Math.max(0, Math.min(1, ((p.x - a.x) * dx + (p.y - a.y) * dy) / (dx * dx + dy * dy || 1)));
  return Math.hypot(a.x + t * dx - p.x, a.y + t * dy - p.y);
}
/** A vertex of a line structure, on the cursor's 2 px grid from its start (320, 240). */
const vertex = (id: string, i: number): Point2 => {
  const v = ann(id).points[i]!;
  return { x: 320 + Math.round((v.x - 320) / 2) * 2, y: 240 + Math.round((v.y - 240) / 2) * 2 };
};

/** Move the marking cursor (focused) from `from` to `to` with arrow keys: Shift steps 20 px, plain 2 px. */
async function moveCursor(page: Page, from: Point2, to: Point2): Promise<Point2> {
  for (const [d, neg, pos] of [[to.x - from.x, 'ArrowLeft', 'ArrowRight'], [to.y - from.y, 'ArrowUp', 'ArrowDown']] as const) {
    const key = d < 0 ? neg : pos;
    const big = Math.floor(Math.abs(d) / 20);
    const small = Math.round((Math.abs(d) - big * 20) / 2);
    for (let i = 0; i < big; i++) await page.keyboard.press(`Shift+${key}`);
    for (let i = 0; i < small; i++) await page.keyboard.press(key);
  }
  return to;
}

/** `blockplan rehearse CASE --attempt FILE --json`, run in-process. */
async function cliRehearse(casePath: string, attemptPath: string): Promise<{ score: number; maxScore: number; passed: boolean; criticalErrors: { kind: string; structure: string | null }[] }> {
  const out: string[] = [];
  const code = await main(['rehearse', casePath, '--attempt', attemptPath, '--json'], { out: (t) => out.push(t), err: () => undefined, cwd: repoRoot });
  expect(code).toBe(0);
  return JSON.parse(out.join(''));
}

/** Image px → page px through the annotation layer's published transform. */
async function toPage(page: Page, p: Point2): Promise<Point2> {
  const layer = page.getByTestId('plan-layer');
  const [a, b, c, d, e, f] = (await layer.getAttribute('data-transform'))!.split(' ').map(Number) as [number, number, number, number, number, number];
  const box = (await layer.boundingBox())!;
  return { x: box.x + a * p.x + c * p.y + e, y: box.y + b * p.x + d * p.y + f };
}

describe('rehearsal', () => {
  it('keyboard attempt with a path into the pleura → critical error and the expert overlay; retry with the mouse → passes; learning curve with two points', async () => {
    const s = session();
    const { page } = s;
    await openSample(page, /Thoracic paravertebral block/);
    await page.getByRole('tab', { name: 'Teaching' }).click();
    await page.getByRole('button', { name: 'Rehearse', exact: true }).waitFor();
    await screenshot(page, 'rehearsal-1-teaching-tab');

    // Start with the keyboard; the expert answer leaves the page (only the skin line stays as a hint).
    await page.getByRole('button', { name: 'Rehearse', exact: true }).focus();
    await page.keyboard.press('Enter');
    const panel = page.getByRole('complementary', { name: 'Rehearsal' });
    await panel.getByRole('heading', { name: 'Rehearsal' }).waitFor();
    const marks = await page.locator('[data-annotation-id]').evaluateAll((els) => els.map((e) => e.getAttribute('data-annotation-id')));
    expect(marks).toEqual(['skin']);
    expect(await page.locator('[data-needle-id], .needle').count()).toBe(0);
    // Every control of the panel has an accessible name.
    const tree = await panel.ariaSnapshot();
    expect(tree).not.toMatch(UNNAMED);
    await screenshot(page, 'rehearsal-2-tasks');

    // Name, typed.
    await panel.getByRole('textbox', { name: /Your name/ }).focus();
    await page.keyboard.type('Ada Trainee');

    // Find the view: step the cine to frame 41 with → and choose it.
    const useFrame = panel.getByRole('button', { name: 'Use this frame' });
    await useFrame.focus();
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    await panel.getByText('Showing frame 41 of 60').waitFor();
    await page.keyboard.press('Enter');
    await panel.getByTestId('view-answer').getByText('Chosen: frame 41.').waitFor();

    // Structures with the marking cursor: "Keys" for each, arrows, Enter.
    let cur: Point2 = { x: 320, y: 240 };
    const targets: [string, Point2][] = [
      ['transverse process', interior('transverse-process')],
      ['internal intercostal membrane', vertex('internal-intercostal-membrane', 1)],
      ['parietal pleura', vertex('pleura', 6)],
      ['paravertebral space', interior('paravertebral-space')],
    ];
    for (const [name, at] of targets) {
      await panel.getByRole('button', { name: new RegExp(`^Mark ${name}.* with the keyboard$`) }).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')), { timeout: 10_000 }).toBe('marking-cursor');
      cur = await moveCursor(page, cur, at);
      await page.keyboard.press('Enter');
    }
    await expect.poll(() => panel.getByText(/— marked \(point\)/).count(), { timeout: 10_000 }).toBe(4);

    // A wrong path: entry at the skin, target 4 mm below the pleural line.
    const pleuraBelow = vertex('pleura', 4);
    const wrongTarget = { x: pleuraBelow.x, y: pleuraBelow.y + 26 };
    await panel.getByRole('button', { name: 'Place the needle path with the keyboard' }).focus();
    await page.keyboard.press('Enter');
    cur = await moveCursor(page, cur, { x: 476, y: 20 });
    await page.keyboard.press('Enter');
    cur = await moveCursor(page, cur, wrongTarget);
    await screenshot(page, 'rehearsal-3-keyboard-needle');
    await page.keyboard.press('Enter');
    await panel.getByText('Needle path drawn.').waitFor();

    // Block details with the keyboard.
    await panel.getByRole('combobox', { name: 'Side' }).focus();
    await page.keyboard.press('ArrowDown'); // Left
    await page.keyboard.press('ArrowDown'); // Right
    await panel.getByRole('combobox', { name: 'Approach' }).focus();
    await page.keyboard.press('ArrowDown'); // the primary (first) approach
    expect(await panel.getByRole('combobox', { name: 'Side' }).inputValue()).toBe('right');
    expect(await panel.getByRole('combobox', { name: 'Approach' }).inputValue()).toBe('transverse-intercostal');

    // Submit (Ctrl+Enter) from the marking cursor.
    await page.getByTestId('marking-cursor').focus();
    await page.keyboard.press('Control+Enter');
    const fb = page.getByTestId('rehearsal-feedback');
    await fb.waitFor();
    await expect.poll(() => fb.getByRole('heading', { name: 'Critical errors' }).count(), { timeout: 10_000 }).toBe(1);
    const critical = fb.locator('.critical-list li');
    await expect.poll(() => critical.first().textContent(), { timeout: 10_000 }).toMatch(/Path crosses an at-risk structure: parietal pleura/);
    expect(await fb.getByText('Not passed').count()).toBe(1);
    // The expert overlay: the expert's structures and path in dashed blue beside the trainee's, numbered, with a legend.
    const layer = page.getByTestId('rehearsal-feedback-layer');
    await layer.waitFor();
    expect(await layer.locator('.fb-mark.expert').count()).toBeGreaterThanOrEqual(4);
    expect(await layer.locator('.fb-path.expert').count()).toBe(1);
    expect(await layer.locator('.fb-path.trainee').count()).toBe(1);
    expect(await layer.locator('.diff-marker.critical').count()).toBeGreaterThanOrEqual(1);
    expect(await layer.getByRole('note', { name: 'Legend' }).textContent()).toMatch(/Your marks.*Expert answer/);
    expect(await fb.ariaSnapshot()).not.toMatch(UNNAMED);
    await screenshot(page, 'rehearsal-4-feedback-critical');
    // The same score from the CLI: the attempt saved as a case file, scored by `blockplan rehearse`.
    const [saved] = await Promise.all([page.waitForEvent('download'), fb.getByRole('button', { name: 'Save attempt as a case file…' }).click()]);
    const cli = await cliRehearse(path.join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase'), (await saved.path())!);
    expect(await fb.locator('.score-number').textContent()).toBe(`${cli.score} / ${cli.maxScore}`);
    expect(cli.passed).toBe(false);
    expect(await critical.evaluateAll((els) => els.map((e) => e.getAttribute('data-kind')))).toEqual(cli.criticalErrors.map((c) => c.kind));
    expect(cli.criticalErrors[0]).toMatchObject({ kind: 'crosses-at-risk', structure: 'parietal pleura' });

    // Try again, keeping the marks; draw the expert's path with the mouse (the needle tool).
    await fb.getByRole('button', { name: 'Try again' }).click();
    await panel.getByRole('button', { name: 'Draw the needle path with the mouse' }).click();
    const n = plan.needlePaths[0]!;
    const e = await toPage(page, n.entry);
    const t = await toPage(page, n.target);
    await page.mouse.click(e.x, e.y);
    await page.mouse.click(t.x, t.y);
    await expect.poll(() => page.locator('[data-needle-id]').count(), { timeout: 10_000 }).toBe(1);
    await screenshot(page, 'rehearsal-5-retry-mouse-path');
    await panel.getByRole('button', { name: 'Submit attempt' }).click();
    await fb.waitFor();
    await expect.poll(() => fb.getByText('Passed', { exact: true }).count(), { timeout: 10_000 }).toBe(1);
    expect(await fb.getByRole('heading', { name: 'Critical errors' }).count()).toBe(0);
    await screenshot(page, 'rehearsal-6-feedback-passed');

    // The learning curve: two attempts, the first failed and the second passed.
    await fb.getByRole('button', { name: 'Learning curve…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Learning curve' });
    await dialog.waitFor();
    const chart = dialog.getByTestId('score-chart');
    expect(await chart.locator('circle.pt').count()).toBe(2);
    expect(await chart.locator('circle.pt.passed').count()).toBe(1);
    expect(await dialog.getByTestId('cusum-chart').locator('circle.pt').count()).toBe(2);
    expect(await dialog.getByRole('row').count()).toBe(3); // header + two attempts
    expect(await dialog.getByRole('combobox', { name: 'Trainee and block' }).inputValue()).toContain('Ada Trainee');
    expect(await dialog.ariaSnapshot()).not.toMatch(UNNAMED);
    await screenshot(page, 'rehearsal-7-learning-curve');
    // Export CSV: two rows of attempts.
    const [download] = await Promise.all([page.waitForEvent('download'), dialog.getByRole('button', { name: /Export all attempts as CSV/ }).click()]);
    const csv = readFileSync((await download.path())!, 'utf8').split('\r\n').filter(Boolean);
    expect(csv).toHaveLength(3);
    expect(csv[1]).toMatch(/^Ada Trainee,sample-thoracic-paravertebral,.*,no,crosses-at-risk: parietal pleura/);
    expect(csv[2]).toMatch(/,yes,,/);
    await page.keyboard.press('Escape');

    // Leaving restores the teaching case with its expert answer.
    await panel.getByRole('button', { name: 'Leave', exact: true }).click();
    await page.getByRole('tab', { name: 'Teaching' }).waitFor();
    await expect.poll(() => page.locator('[data-annotation-id="pleura"]').count(), { timeout: 10_000 }).toBe(1);
    expect(s.consoleErrors).toEqual([]);
  });
});

describe('teaching panel', () => {
  it('an educator sets a weight and a step explanation, previews as a trainee: the feedback uses them and nothing is recorded', async () => {
    const own = session();
    const { page } = own;
    await openSample(page, /Thoracic paravertebral block/);
    await page.getByRole('tab', { name: 'Teaching' }).click();
    const tab = page.getByRole('tabpanel', { name: 'Teaching' });
    await tab.getByRole('heading', { name: 'Tasks asked' }).waitFor();
    expect(await tab.ariaSnapshot()).not.toMatch(UNNAMED);
    // Plan the needle: 50 points instead of 40, and the educator's own explanation of the step.
    const points = tab.getByRole('spinbutton', { name: 'Points for Plan the needle' });
    await points.fill('50');
    const why = 'Aim for the wedge between the SCTL and the pleura; stay above the pleural line.';
    await tab.getByRole('textbox', { name: /Explanation of “Plan the needle”/ }).fill(why);
    // The expert's needle and volume make those block details askable.
    await tab.getByRole('spinbutton', { name: 'Expert’s volume per site, mL' }).fill('20');
    await tab.getByRole('checkbox', { name: /Volume per site/ }).check();
    await tab.getByRole('heading', { name: 'Tasks asked' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'rehearsal-teaching-settings');
    await tab.getByRole('heading', { name: 'Scoring' }).scrollIntoViewIfNeeded();
    await tab.getByText('Tolerances').click();
    await screenshot(page, 'rehearsal-teaching-tolerances');

    await tab.getByRole('button', { name: 'Preview as trainee' }).click();
    const panel = page.getByRole('complementary', { name: 'Rehearsal' });
    await panel.getByText(/educator preview \(not recorded\)/).waitFor();
    expect(await panel.getByRole('heading', { name: /Plan the needle \(50 points\)/ }).count()).toBe(1);
    expect(await panel.getByRole('spinbutton', { name: 'Volume per site, mL' }).count()).toBe(1);
    // Submitting an empty attempt: no name needed in a preview.
    await panel.getByRole('button', { name: 'Submit attempt' }).click();
    const fb = page.getByTestId('rehearsal-feedback');
    await fb.waitFor();
    expect(await fb.locator('tr', { hasText: 'Plan the needle' }).locator('td').textContent()).toBe('0 / 50');
    // Nothing chosen is no answer: no credit for the approach by default (it was 5 / 15).
    expect(await fb.locator('tr', { hasText: 'Choose the block details' }).locator('td').textContent()).toBe('0 / 15');
    const diff = fb.locator('.diff-list li', { hasText: 'No needle path was drawn.' });
    expect(await diff.textContent()).toContain(why);
    await fb.getByRole('heading', { name: 'Differences from the expert' }).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await screenshot(page, 'rehearsal-preview-differences');
    await fb.getByRole('button', { name: 'Leave' }).click();
    // Back in the teaching case with the settings kept, and no attempt was stored.
    await page.getByRole('tab', { name: 'Teaching' }).click();
    expect(await tab.getByRole('spinbutton', { name: 'Points for Plan the needle' }).inputValue()).toBe('50');
    await tab.getByRole('button', { name: 'Learning curves…' }).click();
    await page.getByRole('dialog', { name: 'Learning curve' }).getByText('No attempts are stored on this computer yet.').waitFor();
    expect(own.consoleErrors).toEqual([]);
  });
});
