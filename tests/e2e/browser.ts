import { chromium, type BrowserContext, type Page, type ConsoleMessage } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

/** Debian's Chromium, headless, with a fresh profile and no background networking. */
export const CHROMIUM = process.env.BLOCKPLAN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

export interface Session {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function launch(viewport = { width: 1440, height: 900 }): Promise<Session> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-chromium-'));
  // A fresh, throw-away profile for every session.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    viewport,
    acceptDownloads: true,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      '--use-angle=swiftshader',
      '--enable-unsafe-swiftshader',
    ],
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return {
    context,
    page,
    consoleErrors,
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file });
  return file;
}

/** The browser-mode server URL started by global-setup.ts. */
export function appUrl(): string {
  return inject('webUrl');
}

/** Opens the app and one bundled sample case from the empty screen (`block`: the sample's button name). */
export async function openSample(page: Page, block: RegExp): Promise<void> {
  await page.goto(appUrl());
  await page.getByTestId('empty-state').waitFor();
  await page.getByRole('button', { name: /sample/i }).first().click();
  await page.getByRole('button', { name: block }).click();
  await page.getByText(/Opened the sample case/).waitFor();
}
