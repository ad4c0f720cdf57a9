import { chromium, type Browser, type BrowserContext, type Page, type ConsoleMessage } from 'playwright-core';
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';

/** Debian's Chromium, headless, with a fresh profile and no background networking. */
export const CHROMIUM = process.env.BLOCKPLAN_CHROMIUM ?? '/usr/bin/chromium';
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

export interface Session {
  context: BrowserContext;
  page: Page;
  consoleErrors: string[];
  close(): Promise<void>;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

const DEFAULT_VIEWPORT = { width: 1440, height: 900 };

/** Collect the page's console errors and uncaught exceptions (tests expect none). */
function watchErrors(page: Page): string[] {
  const consoleErrors: string[] = [];
  page.on('console', (m: ConsoleMessage) => {
    if (m.type() === 'error') consoleErrors.push(m.text());
  });
  page.on('pageerror', (e) => consoleErrors.push(`pageerror: ${e.message}`));
  return consoleErrors;
}

/** A Chromium with a fresh, throw-away profile of its own. */
export async function launch(viewport = DEFAULT_VIEWPORT): Promise<Session> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'blockplan-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, viewport, acceptDownloads: true, headless: true, args: CHROMIUM_ARGS });
  const page = context.pages()[0] ?? (await context.newPage());
  const consoleErrors = watchErrors(page);
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

/**
 * One Chromium for the test file and, for EVERY test, a new isolated browser context (its own
 * IndexedDB, localStorage, downloads and console log) with one page: no test sees what another did,
 * so each runs alone (`vitest -t "name"`) as well as in any order. Call at the top of a test file;
 * read the current test's session through the returned function. A failing test leaves a screenshot
 * `<prefix>-FAILED-<test name>.png` in test-output/screenshots.
 */
export function sessionPerTest(prefix: string, viewport = DEFAULT_VIEWPORT): () => Session {
  let browser: Browser | null = null;
  let current: Session | null = null;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    const context = await browser!.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    current = { context, page, consoleErrors: watchErrors(page), close: () => context.close() };
  });
  afterEach(async ({ task }) => {
    // (afterEach runs before onTestFailed handlers: the page is still open here.)
    if (current && task.result?.state === 'fail') {
      await screenshot(current.page, `${prefix}-FAILED-${task.name.slice(0, 60).replace(/[^A-Za-z0-9]+/g, '-')}`).catch(() => undefined);
    }
    await current?.close();
    current = null;
  });
  return () => {
    if (!current) throw new Error('sessionPerTest: no session outside a test');
    return current;
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

/** Page coordinates of an image point (px), through the transform the plan layer publishes. */
export async function imageToPage(page: Page, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
  const layer = page.getByTestId('plan-layer');
  const [a, b, c, d, e, f] = ((await layer.getAttribute('data-transform')) ?? '').split(' ').map(Number) as [number, number, number, number, number, number];
  const box = (await layer.boundingBox())!;
  return { x: box.x + a * p.x + c * p.y + e, y: box.y + b * p.x + d * p.y + f };
}

/** Keys in browser mode's IndexedDB store. */
export function storedKeys(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const req = indexedDB.open('blockplan', 1);
        req.onupgradeneeded = () => req.result.createObjectStore('kv');
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const all = req.result.transaction('kv', 'readonly').objectStore('kv').getAllKeys();
          all.onsuccess = () => {
            req.result.close();
            resolve(all.result.map(String).sort());
          };
        };
      }),
  );
}
