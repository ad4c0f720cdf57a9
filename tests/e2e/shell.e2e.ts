import { describe, expect, it } from 'vitest';
import { appUrl, screenshot, sessionPerTest } from './browser';

/** Each test has a browser context of its own (runnable alone, in any order). */
const session = sessionPerTest('shell');

/** The app's empty state in this test's page. */
async function openApp() {
  const s = session();
  const res = await s.page.goto(appUrl());
  await s.page.getByTestId('empty-state').waitFor();
  return { s, res };
}

describe('browser mode: app shell', () => {
  it('loads with no console errors and shows the empty state', async () => {
    const { s, res } = await openApp();
    expect(res?.status()).toBe(200);
    // The server sends the same CSP as the desktop app.
    expect(res?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
    await expect(s.page.getByRole('button', { name: /Open DICOM/ }).first().isVisible()).resolves.toBe(true);
    await screenshot(s.page, 'shell-empty');
    expect(s.consoleErrors).toEqual([]);
  });

  it('opens and closes the shortcuts dialog by keyboard', async () => {
    const { s } = await openApp();
    await s.page.keyboard.press('Shift+?');
    const dlg = s.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await dlg.waitFor();
    await screenshot(s.page, 'shell-shortcuts');
    await s.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    await s.page.keyboard.press('F1');
    await dlg.waitFor();
    await s.page.keyboard.press('Escape');
    await dlg.waitFor({ state: 'detached' });
    expect(s.consoleErrors).toEqual([]);
  });

  it('enforces the CSP: inline scripts and remote requests are refused', async () => {
    const { s } = await openApp();
    const blocked = await s.page.evaluate(async () => {
      const results: string[] = [];
      // (DevTools evaluation is exempt from CSP, so test what page content could do: an inline script.)
      const el = document.createElement('script');
      el.textContent = 'window.__inlineRan = true;';
      document.head.appendChild(el);
      await new Promise((r) => setTimeout(r, 50));
      results.push((window as unknown as { __inlineRan?: boolean }).__inlineRan ? 'inline script ran' : 'inline script blocked');
      try {
        await fetch('https://example.com/');
        results.push('remote fetch allowed');
      } catch {
        results.push('remote fetch blocked');
      }
      return results;
    });
    expect(blocked).toEqual(['inline script blocked', 'remote fetch blocked']);
    s.consoleErrors.length = 0; // the refusals above are logged as CSP violations by design
  });
});
