/**
 * `npm run bench:viewer` — the cine viewer in headless Chromium (browser mode), on clips generated
 * with the project's DICOM writer (bench/lib/viewer-clips.ts):
 *   - time to first frame after the file's bytes are in memory (median of 3 fresh pages);
 *   - sustained playback at 1× and 4× (frames shown per second, dropped display refreshes);
 *   - memory: decoded-frame cache, and growth of the renderer process (RSS) over the page's baseline;
 *   - decode throughput, BlockPlan's worker pool vs @cornerstonejs/dicom-image-loader, same frames,
 *     same browser session.
 * Prints a Markdown table for docs/BENCHMARKS.md (## Viewer). Options: --quick (shorter runs), --clip=<part of
 * a clip name>, --no-decode (skip the decode comparison), --trace / --trace-js (where the time goes).
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BENCH_CLIPS, benchClip, type BenchClipSpec } from './lib/viewer-clips';
import { buildAndServe } from './lib/viewer-build';
import { allocatorDump, largeMappings, PageMemory, rendererPid, residentByMapping, residentGrowth, rssMb } from './lib/viewer-memory';
import { formatTrace, traceWhile } from './lib/viewer-trace';

const CHROMIUM = process.env.BLOCKPLAN_CHROMIUM ?? '/usr/bin/chromium';
const QUICK = process.argv.includes('--quick');
/** --trace: record a DevTools trace of each playback and print where the renderer's time goes (--trace-js: also sample JavaScript). */
const TRACE = process.argv.includes('--trace') || process.argv.includes('--trace-js');
const TRACE_JS = process.argv.includes('--trace-js');
/** --clip=300: only the clips whose name contains this. --no-decode: skip the decode comparison. */
const CLIP_FILTER = process.argv.find((a) => a.startsWith('--clip='))?.slice('--clip='.length);
const NO_DECODE = process.argv.includes('--no-decode');
/** --memory-detail: Chromium's allocator dump and the largest mappings before and after playback. */
const MEMORY_DETAIL = process.argv.includes('--memory-detail');
/** --play-ms=N: play this long at each speed (default 10 s, 4 s with --quick). */
const PLAY_MS = Number(process.argv.find((a) => a.startsWith('--play-ms='))?.slice('--play-ms='.length) ?? (QUICK ? 4000 : 10_000));
const TTFF_TRIALS = QUICK ? 1 : 3;
const DECODE_FRAMES = QUICK ? 60 : 150;
const BUDGET_MB = 512;

const log = (s: string) => console.error(s);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Refresh rate of the headless display, frames/s (Chromium's default begin-frame rate). */
const DISPLAY_HZ = 60;

interface PlayStats {
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
  droppedPct: number;
  shownFps: number;
  refreshHz: number;
  cacheMb: number;
  /** The frame cache's budget (the memory setting less the open file and the frames in transit), MB. */
  frameBudgetMb: number;
  /** Frames the worker pool decoded during this playback (re-decodes included). */
  decodes: number;
}

async function freshApp(browser: Browser, url: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('pageerror', (e) => log(`page error: ${e.message}`));
  await page.goto(url);
  await page.getByTestId('empty-state').waitFor();
  await page.waitForTimeout(2500); // the app warms its decoders and viewer when idle
  return page;
}

async function openClip(page: Page, file: string, frames: number): Promise<number> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open DICOM…' }).first().click()]);
  await chooser.setFiles([file]);
  await page.waitForFunction((n) => document.querySelector('[data-testid="frame-counter"]')?.textContent?.trim() === `Frame 1 / ${n}`, frames, { timeout: 60_000 });
  await page.waitForFunction(() => performance.getEntriesByName('blockplan:first-frame').length > 0, undefined, { timeout: 60_000 });
  return page.evaluate(() => performance.getEntriesByName('blockplan:first-frame')[0]!.duration);
}

async function play(page: Page, speed: number, ms: number): Promise<PlayStats> {
  await page.getByTestId('speed').selectOption(String(speed));
  await page.keyboard.press('Home');
  await page.getByTestId('viewport').focus();
  const decoded0 = Number((await page.getByTestId('overlay-diagnostics').getAttribute('data-decoded')) ?? 0);
  await page.keyboard.press('Space');
  const trace = TRACE ? await traceWhile(page, () => page.waitForTimeout(ms), { js: TRACE_JS }) : null;
  if (!trace) await page.waitForTimeout(ms);
  const d = await page.getByTestId('overlay-diagnostics').evaluate((el) => ({ ...(el as HTMLElement).dataset }));
  await page.keyboard.press('Space');
  const n = (k: string) => Number(d[k] ?? 0);
  const playedMs = n('playedMs');
  const possible = Math.min(n('framesDue'), Math.floor((playedMs * DISPLAY_HZ) / 1000));
  if (trace) {
    log(formatTrace(`${speed}×`, trace));
    const main = trace.threads.find((t) => t.name.endsWith('(page main)'));
    const perSecond = (x: number) => (x * 1000) / trace.wallMs;
    const shownPerS = (n('framesShown') * 1000) / playedMs;
    if (main) log(`  page main thread: ${(perSecond(main.cpuMs) / shownPerS).toFixed(2)} ms CPU (${(perSecond(main.busyMs) / shownPerS).toFixed(2)} ms wall) per frame shown`);
  }
  const dropped = Math.max(0, possible - n('framesShown'));
  return {
    speed,
    playedMs,
    framesShown: n('framesShown'),
    framesDue: n('framesDue'),
    ticks: n('ticks'),
    decodeLate: n('dropped'),
    opportunities: n('opportunities'),
    possible,
    dropped,
    droppedPct: possible ? (100 * dropped) / possible : 0,
    shownFps: (n('framesShown') * 1000) / playedMs,
    refreshHz: (n('ticks') * 1000) / playedMs,
    cacheMb: n('cacheMb'),
    frameBudgetMb: n('budgetMb'),
    decodes: n('decoded') - decoded0,
  };
}

async function benchClipInApp(browser: Browser, url: string, spec: BenchClipSpec, file: string) {
  const ttff: number[] = [];
  for (let t = 0; t < TTFF_TRIALS; t++) {
    const page = await freshApp(browser, url);
    ttff.push(await openClip(page, file, spec.frames));
    await page.close();
  }
  log(`  first frame: ${ttff.map((x) => x.toFixed(0)).join(', ')} ms`);
  const page = await freshApp(browser, url);
  const mem = await PageMemory.attach(page);
  const pid = await rendererPid(browser);
  const rss0 = rssMb(pid);
  const map0 = residentByMapping(pid);
  const alloc0 = MEMORY_DETAIL ? await allocatorDump(page, pid) : null;
  if (MEMORY_DETAIL) for (const x of largeMappings(pid)) log(`    before: ${x.rssMb.toFixed(1)} MB resident of ${x.sizeMb.toFixed(1)} MB: ${x.what}`);
  await openClip(page, file, spec.frames);
  await page.keyboard.press('d'); // diagnostics overlay: its data attributes carry the counters
  await page.getByTestId('overlay-diagnostics').waitFor();
  const p1 = await play(page, 1, PLAY_MS);
  log(`  1×: ${p1.shownFps.toFixed(1)} frames/s shown (display ${p1.refreshHz.toFixed(0)} Hz), dropped ${p1.dropped}/${p1.possible}, decode-late ${p1.decodeLate}, ${p1.decodes} decodes`);
  const p4 = await play(page, 4, PLAY_MS);
  log(`  4×: ${p4.shownFps.toFixed(1)} frames/s shown (display ${p4.refreshHz.toFixed(0)} Hz), dropped ${p4.dropped}/${p4.possible}, decode-late ${p4.decodeLate}, ${p4.decodes} decodes`);
  const rss1 = rssMb(pid);
  const heap = await mem.mainHeap();
  const workers = await mem.workerHeaps();
  log(`  memory: RSS ${rss0.toFixed(0)} → ${rss1.toFixed(0)} MB; main thread JS heap ${heap.usedMb.toFixed(0)} MB + ${heap.backingMb.toFixed(0)} MB ArrayBuffers; ` +
    `workers ${workers.map((w) => `${w.totalMb.toFixed(0)} MB heap + ${w.backingMb.toFixed(0)} MB buffers`).join(', ')}`);
  log(`  resident growth by mapping: ${residentGrowth(map0, residentByMapping(pid)).map((g) => `${g.what} ${g.mb >= 0 ? '+' : ''}${g.mb.toFixed(0)}`).join('; ')}`);
  if (MEMORY_DETAIL) for (const x of largeMappings(pid)) log(`    ${x.rssMb.toFixed(1)} MB resident of ${x.sizeMb.toFixed(1)} MB: ${x.what}`);
  if (alloc0) {
    const a1 = await allocatorDump(page, pid);
    log('    allocators now: ' + [...a1.entries()].filter(([k, v]) => v > 1 && k.split('/').length <= 2).map(([k, v]) => `${k} ${v.toFixed(1)}`).join('; '));
    for (const g of residentGrowth(alloc0, a1, 2)) log(`    allocator ${g.what}: ${g.mb >= 0 ? '+' : ''}${g.mb.toFixed(1)} MB (now ${a1.get(g.what)?.toFixed(1)})`);
  }
  // Garbage: what a forced collection frees, in the decode workers and then in the page.
  const beforeGc = MEMORY_DETAIL ? await allocatorDump(page, pid) : null;
  await mem.collectGarbage('workers');
  await page.waitForTimeout(500);
  const rssW = rssMb(pid);
  if (beforeGc) log(`    after GC in the workers only: ${residentGrowth(beforeGc, await allocatorDump(page, pid), 1).map((g) => `${g.what} ${g.mb.toFixed(1)}`).join('; ')}`);
  await mem.collectGarbage('main');
  await page.waitForTimeout(500);
  const rssAll = rssMb(pid);
  const heapGc = await mem.mainHeap();
  if (MEMORY_DETAIL) for (const x of largeMappings(pid)) log(`    after GC: ${x.rssMb.toFixed(1)} MB resident of ${x.sizeMb.toFixed(1)} MB: ${x.what}`);
  log(`  forced GC (not in the table's RSS): workers free ${(rss1 - rssW).toFixed(0)} MB, then the page ${(rssW - rssAll).toFixed(0)} MB → RSS ${rssAll.toFixed(0)} MB; main thread ArrayBuffers ${heapGc.backingMb.toFixed(0)} MB`);
  await mem.detach();
  await page.close();
  return { ttffMs: median(ttff), ttffAll: ttff, p1, p4, rssBaseMb: rss0, rssMb: rss1, rssGrowthMb: rss1 - rss0, heap, workerGarbageMb: rss1 - rssW, pageGarbageMb: rssW - rssAll };
}

async function decodeCompare(browser: Browser, url: string, file: string) {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`bench page error: ${e.message}`));
  await page.goto(`${url}bench/index.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const clipUrl = `${url}assets/${path.basename(file)}`;
  const hc = await page.evaluate(() => navigator.hardwareConcurrency);
  const run = (fn: 'blockplan' | 'cornerstone', workers: number) =>
    page.evaluate(([f, u, n, w]) => window.bench[f as 'blockplan' | 'cornerstone'](u as string, n as number, w as number), [fn, clipUrl, DECODE_FRAMES, workers] as const);
  const ours = await run('blockplan', hc);
  log(`  BlockPlan pool (${hc} workers): ${ours.fps.toFixed(1)} frames/s`);
  const theirs = await run('cornerstone', Math.max(1, Math.floor(hc / 2)));
  log(`  @cornerstonejs/dicom-image-loader (default, ${Math.max(1, Math.floor(hc / 2))} worker): ${theirs.fps.toFixed(1)} frames/s`);
  const native = (await page.evaluate(([u, n]) => window.bench.nativeJpeg(u as string, n as number), [clipUrl, QUICK ? 10 : 30] as const)) as {
    frames: number;
    identical: number;
    maxDiff: number;
    nativeMsPerFrame: number;
    wasmMsPerFrame: number;
  };
  log(`  browser JPEG decoder vs core (WASM): ${native.identical}/${native.frames} frames identical (max diff ${native.maxDiff}); ${native.nativeMsPerFrame.toFixed(1)} vs ${native.wasmMsPerFrame.toFixed(1)} ms/frame`);
  await page.close();
  return { hc, ours, theirs, native };
}

async function main(): Promise<void> {
  const files: Record<string, string> = {};
  for (const c of BENCH_CLIPS) files[c.name] = await benchClip(c, log);
  const site = await buildAndServe(path.dirname(files[BENCH_CLIPS[0]!.name]!), log);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  });
  const version = browser.version();
  const rows: string[] = [];
  const load0 = os.loadavg();
  try {
    for (const spec of BENCH_CLIPS) {
      if (CLIP_FILTER && !spec.name.includes(CLIP_FILTER)) continue;
      log(`${spec.name}`);
      const a = await benchClipInApp(browser, site.url, spec, files[spec.name]!);
      const d = NO_DECODE
        ? { hc: 0, ours: { fps: NaN, frames: 0 }, theirs: { fps: NaN }, native: { identical: 0, frames: 0, nativeMsPerFrame: NaN, wasmMsPerFrame: NaN } }
        : await decodeCompare(browser, site.url, files[spec.name]!);
      const ratio = d.ours.fps / d.theirs.fps;
      const fmt = (p: PlayStats) =>
        `${p.shownFps.toFixed(1)} frames/s shown; dropped ${p.dropped} of ${p.possible} (${p.droppedPct.toFixed(1)} %), of which not decoded in time ${p.decodeLate}; display ${p.refreshHz.toFixed(0)} Hz`;
      rows.push(
        `| ${spec.frames} frames ${spec.columns}×${spec.rows} @ ${spec.fps} fps (${(readFileSync(files[spec.name]!).byteLength / 1e6).toFixed(0)} MB) ` +
          `| ${a.ttffMs.toFixed(0)} ms (${a.ttffAll.map((x) => x.toFixed(0)).join(', ')}) ` +
          `| ${fmt(a.p1)} | ${fmt(a.p4)} ` +
          `| frames ${a.p4.cacheMb.toFixed(0)} MB (their budget: ${a.p4.frameBudgetMb.toFixed(0)} MB); renderer RSS +${a.rssGrowthMb.toFixed(0)} MB (${a.rssBaseMb.toFixed(0)} → ${a.rssMb.toFixed(0)} MB), of which a forced GC frees ${a.workerGarbageMb.toFixed(0)} MB in the decode workers and ${a.pageGarbageMb.toFixed(0)} MB in the page; main thread JS heap ${a.heap.usedMb.toFixed(0)} MB + ${a.heap.backingMb.toFixed(0)} MB buffers ` +
          `| ${d.ours.fps.toFixed(0)} vs ${d.theirs.fps.toFixed(0)} frames/s (${ratio.toFixed(2)}×, ${d.ours.frames} frames) ` +
          `| ${d.native.identical}/${d.native.frames} identical; ${d.native.nativeMsPerFrame.toFixed(1)} vs ${d.native.wasmMsPerFrame.toFixed(1)} ms/frame |`,
      );
    }
  } finally {
    await browser.close();
    await site.close();
  }
  const load1 = os.loadavg();
  console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GB RAM, ${os.platform()} ${os.release()}; Chromium ${version} headless; load average ${load0[0]!.toFixed(1)} → ${load1[0]!.toFixed(1)}; ${new Date().toISOString().slice(0, 10)}; cache budget ${BUDGET_MB} MB; play ${PLAY_MS / 1000} s per speed.`);
  console.log('');
  console.log('| Clip | First frame (median; trials) | 1× playback | 4× playback | Memory after 1× + 4× | Decode: BlockPlan vs cornerstone loader | Browser JPEG decoder vs core WASM (pixels; one thread) |');
  console.log('|---|---|---|---|---|---|---|');
  for (const r of rows) console.log(r);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
