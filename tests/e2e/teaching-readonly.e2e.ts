/**
 * A read-only teaching case under review (issue 15, follow-up): a .bpcasez made by `blockplan publish`
 * from the TPVB sample, opened in the (browser-mode) app. Every control shown that would change the
 * expert's plan is disabled (read-only for text fields) with the reason as tooltip and accessible
 * description — the key-frame × of both lists, the planned-dose fields — and trying to edit anyway
 * (typing, clicking ×, Delete on a selected mark, K) leaves the plan as it was, the keys saying why.
 * Reading the plan still works: jumping to a key frame, selecting a mark.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { main } from '../../core/cli/main';
import { repoRoot } from '../support/shared';
import { appUrl, screenshot, sessionPerTest } from './browser';

const session = sessionPerTest('teaching-readonly');
const REASON = 'This teaching case is read-only: the plan is the expert’s answer.';

/** The accessible description a control gets from aria-describedby (the text of each element it names). */
const description = (l: Locator) =>
  l.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(/\s+/)
      .filter(Boolean)
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );

/** What the page shows of the plan: key-frame rows of each list, marks, needle cards, the case state. */
async function planShown(page: Page) {
  return {
    keyFrames: await page.locator('.kf-row').count(),
    marks: await page.getByTestId('mark-item').count(),
    needles: await page.getByTestId('needle-card').count(),
    state: await page.getByTestId('case-state').textContent(),
  };
}

/** A message saying the reason appeared (messages stack at the foot of the right column). */
async function saysWhy(page: Page): Promise<void> {
  await page.getByTestId('message').filter({ hasText: REASON }).first().waitFor({ timeout: 10_000 });
}

describe('read-only teaching case: the plan controls say they are read-only', () => {
  it('review mode of a published TPVB bundle: key-frame × and dose fields locked with the reason; edits change nothing', async () => {
    const work = mkdtempSync(path.join(os.tmpdir(), 'bp-teaching-ro-'));
    const out = path.join(work, 'site');
    const lines: string[] = [];
    const code = await main(['publish', path.join(repoRoot, 'assets/samples/thoracic-paravertebral.bpcase'), '--out', out, '--objective', 'Stop the needle above the pleura'], { out: (t) => lines.push(t), err: (t) => lines.push(t), cwd: work });
    expect(code, lines.join('\n')).toBe(0);

    const { page, consoleErrors } = session();
    await page.goto(appUrl());
    await page.getByTestId('empty-state').waitFor();
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open case…' }).first().click()]);
    await chooser.setFiles(path.join(out, 'teaching/case.bpcasez'));
    await page.getByTestId('viewer2d').waitFor({ timeout: 60_000 });
    const teach = page.getByRole('complementary', { name: 'Teaching case' });
    await teach.getByRole('button', { name: 'Review the expert plan' }).click();
    await teach.getByTestId('planned-dose').waitFor();
    // The clip's key frames are listed in the left panel and the plan once the clip has loaded.
    await expect.poll(() => teach.getByRole('button', { name: /^Remove key frame / }).count(), { timeout: 60_000 }).toBeGreaterThan(0);
    const before = await planShown(page);
    expect(before.marks).toBeGreaterThan(0);

    // Key-frame ×, in both lists: disabled, saying why.
    const removes = page.getByRole('button', { name: /^Remove key frame / });
    expect(await removes.count()).toBe(before.keyFrames);
    for (const x of await removes.all()) {
      expect(await x.isDisabled()).toBe(true);
      expect(await x.getAttribute('title')).toBe(REASON);
      expect(await description(x)).toBe(REASON);
    }
    // Planned dose: the agent and adrenaline disabled, the figures read-only (still readable), saying why.
    const dose = teach.getByTestId('planned-dose');
    const agent = dose.getByRole('combobox', { name: 'Agent' });
    expect(await agent.isDisabled()).toBe(true);
    expect(await description(agent)).toBe(REASON);
    expect(await dose.getByRole('checkbox', { name: 'With adrenaline' }).isDisabled()).toBe(true);
    const volume = dose.getByRole('textbox', { name: 'Volume per site (mL)' });
    for (const name of ['Concentration (%)', 'Volume per site (mL)', 'Sites per side (n)', 'Sides (1 or 2)', 'Skin infiltration, lidocaine 1 % (mL)']) {
      const f = dose.getByRole('textbox', { name, exact: true });
      expect(await f.isEditable(), name).toBe(false);
      expect(await f.getAttribute('title'), name).toBe(REASON);
      expect(await description(f), name).toContain(REASON);
    }
    const volumeBefore = await volume.inputValue();
    expect(volumeBefore).not.toBe(''); // the template's volume stays shown
    await dose.scrollIntoViewIfNeeded();
    await screenshot(page, 'teaching-readonly-01-dose');

    // Edit attempts: typing into a figure, clicking ×, Delete on a selected mark, K.
    await volume.click();
    await page.keyboard.type('99');
    expect(await volume.inputValue()).toBe(volumeBefore);
    await removes.first().click({ force: true });
    await teach.getByRole('heading', { name: 'Key frames' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'teaching-readonly-02-key-frames');
    await teach.getByTestId('mark-item').first().getByRole('button').first().click(); // selecting a mark still works
    await expect.poll(() => teach.locator('.mark-item.selected').count(), { timeout: 10_000 }).toBeGreaterThan(0); // in the Plan and Annotations lists
    const editor = teach.getByTestId('annotation-editor');
    await editor.scrollIntoViewIfNeeded();
    expect(await editor.getByRole('textbox', { name: 'Label' }).isEditable()).toBe(false);
    expect(await editor.getByRole('button', { name: 'Delete' }).isDisabled()).toBe(true);
    await screenshot(page, 'teaching-readonly-02b-selected-mark');
    await page.keyboard.press('Delete');
    await saysWhy(page);
    await page.getByRole('button', { name: /^Dismiss message/ }).first().click();
    await page.getByTestId('viewer2d').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('k');
    await saysWhy(page);
    expect(await page.getByRole('menu').count(), 'no key-frame menu').toBe(0);
    const bookmark = page.getByRole('button', { name: 'Mark this frame as a key frame' });
    expect(await bookmark.isDisabled()).toBe(true);
    expect(await description(bookmark)).toBe(REASON);
    await screenshot(page, 'teaching-readonly-03-refused');
    expect(await planShown(page)).toEqual(before);

    // Reading the plan still works: a key frame's row jumps to its frame.
    const jump = page.getByRole('button', { name: /^Go to / }).first();
    expect(await jump.isDisabled()).toBe(false);
    await jump.click();
    expect(await planShown(page)).toEqual(before);

    // Rehearsing lifts read-only for the trainee's own attempt: the tools and key frames work again.
    await teach.getByRole('button', { name: 'Rehearse' }).click();
    const rehearsal = page.getByRole('complementary', { name: 'Rehearsal' });
    await rehearsal.getByRole('heading', { name: 'Rehearsal' }).waitFor();
    await page.getByTestId('viewer2d').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('n');
    expect(await rehearsal.getByRole('button', { name: 'Needle path', exact: true }).getAttribute('aria-pressed')).toBe('true');
    expect(await bookmark.isDisabled()).toBe(false);
    expect(consoleErrors).toEqual([]);
  }, 300_000);
});
