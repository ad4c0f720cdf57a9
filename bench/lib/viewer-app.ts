/**
 * The viewer benchmark's scenarios in the app itself (browser mode, headless Chromium): time to the
 * first frame, sustained playback at 1× and 4×, memory, and a traced playback that gives the main
 * thread's work per frame shown. Used by bench/viewer.bench.ts.
 */
import type { Browser, Page } from 'playwright-core';
import type { BenchClipSpec } from './viewer-clips';
import { allocatorDump, largeMappings, PageMemory, rendererPid, residentByMapping, residentGrowth, rssMb } from './viewer-memory';
import { formatTrace, traceWhile, type TraceSummary } from './viewer-trace';

/** Refresh rate of the headless display, frames/s (Chromium's default begin-frame rate). */
const DISPLAY_HZ = 60;

export interface AppOptions {
  log: (s: string) => void;
  playMs: number;
  ttffTrials: number;
  /** Print the trace of every playback (--trace; --trace-js also samples JavaScript). */
  trace: boolean;
  traceJs: boolean;
  memoryDetail: boolean;
}

export interface PlayStats {
  speed: number;
  playedMs: number;
  framesShown: number;
  framesDue: number;
  /** Display refreshes while playing. */
  ticks: number;
  /** Refreshes at which the due frame was not decoded yet (decode lag). */
  decodeLate: number;
  opportunities: number;
  /** Frames a 60 Hz display could have shown: min(frames due, 60 × seconds). */
  possible: number;
  /** possible − shown: frames dropped for any reason (decode lag or missed refreshes). */
  dropped: number;
  droppedFraction: number;
  shownFps: number;
  refreshHz: number;
  cacheMb: number;
  /** The frame cache's budget (the memory setting less the open file and the frames in transit), MB. */
  frameBudgetMb: number;
  /** Frames the worker pool decoded during this playback (re-decodes included). */
  decodes: number;
}

/** Main-thread work per frame shown, from a DevTools trace of a playback. */
export interface MainThreadPerFrame {
  speed: number;
  cpuMs: number;
  wallMs: number;
  /** Main-thread tasks longer than 16 ms during the traced playback, and the longest, ms. */
  longTasks: number;
  longestTaskMs: number;
}

export async function freshApp(browser: Browser, url: string, log: (s: string) => void): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(url);
  await page.getByTestId('empty-state').waitFor();
  await page.waitForTimeout(2500); // the app warms its decoders and viewer when idle
  return page;
}

export async function openClip(page: Page, file: string, frames: number): Promise<number> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
  await chooser.setFiles([file]);
  await page.waitForFunction((n) => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === `Frame 1 / ${n}`, frames, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('blockplan:first-frame').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('blockplan:first-frame')[0]!.duration);
}

/** Main-thread CPU and wall ms per frame shown, from a trace and the frames shown meanwhile. */
export function perFrame(trace: TraceSummary, framesShown: number, playedMs: number, speed: number): MainThreadPerFrame | null {
  const main = trace.threads.find((t) => t.name.endsWith('(page main)'));
  if (!main || framesShown <= 0) return null;
  const perSecond = (x: number) => (x * 1000) / trace.wallMs;
  const shownPerS = (framesShown * 1000) / playedMs;
  return { speed, cpuMs: perSecond(main.cpuMs) / shownPerS, wallMs: perSecond(main.busyMs) / shownPerS, longTasks: trace.longTasks, longestTaskMs: trace.longestTaskMs };
}

/** Play from frame 1 at `speed` for `ms` (diagnostics overlay on); optionally traced. */
export async function play(page: Page, speed: number, ms: number, o: Pick<AppOptions, 'log' | 'trace' | 'traceJs'>, forceTrace = false): Promise<{ stats: PlayStats; main: MainThreadPerFrame | null }> {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.keyboard.press('Home');
  await page.getByTestId('viewport').focus();
  const decoded0 = Number((await page.getByTestId('overlay-diagnostics').getAttribute('data-decoded')) ?? 0);
  await page.keyboard.press('Space');
  const tracing = o.trace || forceTrace;
  const trace = tracing ? await traceWhile(page, () => page.waitForTimeout(ms), { js: o.traceJs }) : null;
  if (!trace) await page.waitForTimeout(ms);
  const d = await page.getByTestId('overlay-diagnostics').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  await page.keyboard.press('Space');
  const n = (k: string) => Number(d[k] ?? 0);
  const playedMs = n('playedMs');
  const possible = Math.min(n('framesDue'), Math.floor((playedMs * DISPLAY_HZ) / 1000));
  if (trace && o.trace) o.log(formatTrace(`${speed}×`, trace));
  const main = trace ? perFrame(trace, n('framesShown'), playedMs, speed) : null;
  if (main) o.log(`  page main thread: ${main.cpuMs.toFixed(2)} ms CPU (${main.wallMs.toFixed(2)} ms wall) per frame shown at ${speed}×; ${main.longTasks} tasks > 16 ms (longest ${main.longestTaskMs.toFixed(0)} ms)`);
  const dropped = Math.max(0, possible - n('framesShown'));
  return {
    stats: {
      speed,
      playedMs,
      framesShown: n('framesShown'),
      framesDue: n('framesDue'),
      ticks: n('ticks'),
      decodeLate: n('dropped'),
      opportunities: n('opportunities'),
      possible,
      dropped,
      droppedFraction: possible ? dropped / possible : 0,
      shownFps: (n('framesShown') * 1000) / playedMs,
      refreshHz: (n('ticks') * 1000) / playedMs,
      cacheMb: n('cacheMb'),
      frameBudgetMb: n('budgetMb'),
      decodes: n('decoded') - decoded0,
    },
    main,
  };
}

export interface ClipRun {
  ttffMs: number;
  ttffAll: number[];
  p1: PlayStats;
  p4: PlayStats;
  /** Main-thread work per frame shown (a separate traced playback at 1× and 4×). */
  main: MainThreadPerFrame[];
  rssBaseMb: number;
  rssMb: number;
  rssGrowthMb: number;
  heap: { usedMb: number; backingMb: number };
  workerGarbageMb: number;
  pageGarbageMb: number;
}

/** First frame (fresh pages), playback at 1× and 4×, memory, and a traced playback of a clip. */
export async function benchClipInApp(browser: Browser, url: string, spec: BenchClipSpec, file: string, o: AppOptions): Promise<ClipRun> {
  const log = o.log;
  const ttff: number[] = [];
  for (let t = 0; t < o.ttffTrials; t++) {
    const page = await freshApp(browser, url, log);
    ttff.push(await openClip(page, file, spec.frames));
    await page.close();
  }
  log(`  first frame: ${ttff.map((x) => x.toFixed(0)).join(', ')} ms`);
  const page = await freshApp(browser, url, log);
  const mem = await PageMemory.attach(page);
  const pid = await rendererPid(browser);
  const rss0 = rssMb(pid);
  const map0 = residentByMapping(pid);
  const alloc0 = o.memoryDetail ? await allocatorDump(page, pid) : null;
  if (o.memoryDetail) for (const x of largeMappings(pid)) log(`    before: ${x.rssMb.toFixed(1)} MB resident of ${x.sizeMb.toFixed(1)} MB: ${x.what}`);
  await openClip(page, file, spec.frames);
  await page.keyboard.press('d'); // diagnostics overlay: its data attributes carry the counters
  await page.getByTestId('overlay-diagnostics').waitFor();
  const { stats: p1 } = await play(page, 1, o.playMs, o);
  log(`  1×: ${p1.shownFps.toFixed(1)} frames/s shown (display ${p1.refreshHz.toFixed(0)} Hz), dropped ${p1.dropped}/${p1.possible}, decode-late ${p1.decodeLate}, ${p1.decodes} decodes`);
  const { stats: p4 } = await play(page, 4, o.playMs, o);
  log(`  4×: ${p4.shownFps.toFixed(1)} frames/s shown (display ${p4.refreshHz.toFixed(0)} Hz), dropped ${p4.dropped}/${p4.possible}, decode-late ${p4.decodeLate}, ${p4.decodes} decodes`);
  const rss1 = rssMb(pid);
  const heap = await mem.mainHeap();
  const workers = await mem.workerHeaps();
  log(`  memory: RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MB; main thread JS heap ${heap.usedMb.toFixed(0)} MB + ${heap.backingMb.toFixed(0)} MB ArrayBuffers; ` +
    `workers ${workers.map((w) => `${w.totalMb.toFixed(0)} MB heap + ${w.backingMb.toFixed(0)} MB buffers`).join(', ')}`);
  log(`  resident growth by mapping: ${residentGrowth(map0, residentByMapping(pid)).map((g) => `${g.what} ${g.mb >= 0 ? '+' : ''}${g.mb.toFixed(0)}`).join('; ')}`);
  if (o.memoryDetail) for (const x of largeMappings(pid)) log(`    ${x.rssMb.toFixed(1)} MB resident of ${x.sizeMb.toFixed(1)} MB: ${x.what}`);
  if (alloc0) {
    const a1 = await allocatorDump(page, pid);
    for (const g of residentGrowth(alloc0, a1, 2)) log(`    allocator ${g.what}: ${g.mb >= 0 ? '+' : ''}${g.mb.toFixed(1)} MB (now ${a1.get(g.what)?.toFixed(1)})`);
  }
  // Garbage: what a forced collection frees, in the decode workers and then in the page.
  await mem.collectGarbage('workers');
  await page.waitForTimeout(500);
  const rssW = rssMb(pid);
  await mem.collectGarbage('main');
  await page.waitForTimeout(500);
  const rssAll = rssMb(pid);
  log(`  forced GC (not in the table's RSS): workers free ${(rss1 - rssW).toFixed(0)} MB, then the page ${(rssW - rssAll).toFixed(0)} MB → RSS ${rssAll.toFixed(0)} MB`);
  // Main-thread work per frame shown: a separate, traced playback (tracing costs time itself, so
  // the dropped-frame figures above come from untraced runs).
  const main: MainThreadPerFrame[] = [];
  for (const speed of [1, 4]) {
    const t = await play(page, speed, Math.min(o.playMs, 4000), { ...o, trace: false }, true);
    if (t.main) main.push(t.main);
  }
  await mem.detach();
  await page.close();
  return { ttffMs: median(ttff), ttffAll: ttff, p1, p4, main, rssBaseMb: rss0, rssMb: rss1, rssGrowthMb: rss1 - rss0, heap, workerGarbageMb: rss1 - rssW, pageGarbageMb: rssW - rssAll };
}

export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
