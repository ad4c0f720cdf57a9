/**
 * The study-folder scenario of the viewer benchmark: a folder of clips (bench/lib/study-folder.ts)
 * opened with "Open a folder…" in a fresh page, as a clinician opens a study. Measured from the
 * moment the file input hands the page the folder's files (its change event):
 *   - the first clip's first frame on screen, and the first clip playing (Play is pressed in the
 *     page the moment the first frame is shown; "playing" = the player's blockplan:playing mark,
 *     the first new frame shown after Play);
 *   - every clip listed in its study and series, and every clip's thumbnail shown;
 *   - playback of the first clip while the rest of the folder is read (its dropped frames);
 *   - renderer memory (RSS growth over the page before the folder) after all thumbnails and a few
 *     seconds of playback, against the memory setting.
 */
import type { Browser } from 'playwright-core';
import { freshApp } from './viewer-app';
import { chromiumCpuMs, rendererPid, rssMb } from './viewer-memory';
import { formatTrace, traceWhile } from './viewer-trace';

export interface FolderRun {
  clips: number;
  folderMb: number;
  firstFrameMs: number;
  /** null when the run did not press Play (the list-only run, as the peer does). */
  firstClipPlayingMs: number | null;
  allListedMs: number;
  allThumbnailsMs: number;
  /** Playback of the first clip during the load (diagnostics counters): frames shown and dropped. */
  playWhileLoading: null | { playedMs: number; framesShown: number; possible: number; droppedFraction: number };
  rssBaseMb: number;
  rssGrowthMb: number;
  settingMb: number;
  /**
   * CPU time all of Chromium's processes spent from the drop until the first clip played (or its
   * first frame was shown, in the list-only run) and until
   * every thumbnail was shown, ms (does not depend on other jobs on the machine; ≈ the wall time on
   * a quiet machine times the cores kept busy).
   */
  chromiumCpuMs: { toPlaying: number; toAllThumbnails: number };
}

/**
 * Open the folder `dir` (n clips) in a fresh page and time it; `play`: press Play the moment the
 * first frame is shown (the clinician's scenario), else only list (what the peer does).
 */
export async function benchFolder(browser: Browser, url: string, dir: string, n: number, folderBytes: number, settingMb: number, log: (s: string) => void, opts: { trace?: boolean; traceToThumbnails?: boolean; play?: boolean } = {}): Promise<FolderRun> {
  const play = opts.play ?? true;
  const page = await freshApp(browser, url, log);
  const pid = await rendererPid(browser);
  const rss0 = rssMb(pid);
  await page.evaluate((play) => {
    const w = window as unknown as { __folder: { t0?: number; playClicked?: number } };
    w.__folder = {};
    // The moment the file input has the folder's files (capture: before the app's own listener).
    document.addEventListener('change', () => (w.__folder.t0 ??= performance.now()), { capture: true });
    // Press Play the moment the first frame is on screen, and turn on the diagnostics overlay.
    new PerformanceObserver((list, obs) => {
      if (!list.getEntriesByName('blockplan:first-frame').length) return;
      obs.disconnect();
      if (!play) return;
      document.querySelector<HTMLButtonElement>('[data-testid="play-button"]')?.click();
      w.__folder.playClicked = performance.now();
    }).observe({ entryTypes: ['measure'] });
  }, play);
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Open a folder…' }).first().click()]);
  const cpu0 = await chromiumCpuMs(browser);
  const untilPlaying = async () => {
    await chooser.setFiles(dir);
    const mark = play ? 'blockplan:playing' : 'blockplan:first-frame';
    await page.waitForFunction((m) => performance.getEntriesByName(m).length > 0, mark, { timeout: 120_000, polling: 50 });
  };
  const untilThumbnails = async () => {
    const listed = page.waitForFunction((count) => document.querySelectorAll('.clip-select').length >= count && performance.mark('bench:listed'), n, { timeout: 300_000, polling: 100 });
    const thumbs = page.waitForFunction(
      (count) => {
        const imgs = [...document.querySelectorAll<HTMLImageElement>('.clip-thumb img')];
        return imgs.length >= count && imgs.every((i) => i.complete && i.naturalWidth > 0) && performance.mark('bench:thumbnails');
      },
      n,
      { timeout: 300_000, polling: 100 },
    );
    await Promise.all([listed, thumbs]);
  };
  let cpuPlaying = 0;
  if (opts.traceToThumbnails) {
    // --trace-folder: where the renderer's time goes from the drop to every thumbnail.
    const whole = await traceWhile(
      page,
      async () => {
        await untilPlaying();
        cpuPlaying = await chromiumCpuMs(browser);
        await untilThumbnails();
      },
      { js: true },
    );
    log(formatTrace(`folder (${play ? 'playing' : 'list only'}): drop → all thumbnails`, whole, 40));
  } else {
    // --trace: where the renderer's time goes from the drop to the first clip playing.
    if (opts.trace) log(formatTrace('folder: drop → first clip playing', await traceWhile(page, untilPlaying, { js: true }), 30));
    else await untilPlaying();
    cpuPlaying = await chromiumCpuMs(browser);
    if (play) await page.keyboard.press('d');
    await untilThumbnails();
  }
  const cpuThumbs = await chromiumCpuMs(browser);
  // (No helper functions inside evaluate: tsx would wrap them in its __name helper, unknown in the page.)
  const marks = await page.evaluate(() => ({
    t0: (window as unknown as { __folder: { t0: number } }).__folder.t0,
    firstFrame: performance.getEntriesByName('blockplan:first-frame').map((m) => m.startTime + m.duration)[0]!,
    playing: performance.getEntriesByName('blockplan:playing')[0]?.startTime ?? null,
    listed: performance.getEntriesByName('bench:listed')[0]!.startTime,
    thumbnails: performance.getEntriesByName('bench:thumbnails')[0]!.startTime,
  }));
  const t = { firstFrameMs: marks.firstFrame - marks.t0, firstClipPlayingMs: marks.playing === null ? null : marks.playing - marks.t0, allListedMs: marks.listed - marks.t0, allThumbnailsMs: marks.thumbnails - marks.t0 };
  if (play) await page.waitForTimeout(2000);
  const d = await page
    .getByTestId('overlay-diagnostics')
    .evaluate((el) => ({ ...(el as HTMLElement).dataset }))
    .catch(() => ({}) as Record<string, string>);
  const num = (k: string) => Number((d as Record<string, string>)[k] ?? 0);
  const possible = Math.min(num('framesDue'), Math.floor((num('playedMs') * 60) / 1000));
  const rss1 = rssMb(pid);
  await page.screenshot({ path: process.env.BLOCKPLAN_BENCH_SHOT ?? '/dev/null' }).catch(() => undefined);
  await page.close();
  const run: FolderRun = {
    clips: n,
    folderMb: folderBytes / 2 ** 20,
    ...t,
    playWhileLoading: play ? { playedMs: num('playedMs'), framesShown: num('framesShown'), possible, droppedFraction: possible ? Math.max(0, possible - num('framesShown')) / possible : 0 } : null,
    rssBaseMb: rss0,
    rssGrowthMb: rss1 - rss0,
    settingMb,
    chromiumCpuMs: { toPlaying: cpuPlaying - cpu0, toAllThumbnails: cpuThumbs - cpu0 },
  };
  log(
    `  folder (${play ? 'playing the first clip' : 'list only'}): first frame ${t.firstFrameMs.toFixed(0)} ms, playing ${t.firstClipPlayingMs?.toFixed(0) ?? '—'} ms, all ${n} listed ${t.allListedMs.toFixed(0)} ms, thumbnails ${t.allThumbnailsMs.toFixed(0)} ms; ` +
      `Chromium CPU ${run.chromiumCpuMs.toPlaying.toFixed(0)} ms to ${play ? 'playing' : 'the first frame'}, ${run.chromiumCpuMs.toAllThumbnails.toFixed(0)} ms to all thumbnails; RSS +${run.rssGrowthMb.toFixed(0)} MB (setting ${settingMb} MB)` +
      (run.playWhileLoading ? `; first clip while loading: ${run.playWhileLoading.framesShown} shown, ${(100 * run.playWhileLoading.droppedFraction).toFixed(1)} % dropped` : ''),
  );
  return run;
}

/** The named peer on the same folder: @cornerstonejs/dicom-image-loader (bench page). */
export interface FolderPeerResult {
  peer: string;
  clips: number;
  firstFrameMs: number;
  allFirstFramesMs: number;
  failed: number;
  /** CPU time of all of Chromium's processes from the folder's change event to every first frame, ms. */
  chromiumCpuMs: number;
}

/**
 * The study folder through @cornerstonejs/dicom-image-loader in the bench page (a fresh page, its
 * default worker count: half the cores): from the folder input's change event to the first file's
 * first frame and to every file's first frame decoded — the least a viewer built on it must do to
 * show a thumbnail per clip (no list, no scaling: a lower bound on its time).
 */
export async function benchFolderPeer(browser: Browser, url: string, dir: string, log: (s: string) => void): Promise<FolderPeerResult> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`bench page error: ${e.message}`));
  await page.goto(`${url}bench/index.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const workers = await page.evaluate(() => Math.max(1, Math.floor(navigator.hardwareConcurrency / 2)));
  await page.evaluate((w) => window.bench.cornerstoneFolderArm(w), workers);
  const cpu0 = await chromiumCpuMs(browser);
  await page.locator('#folder').setInputFiles(dir);
  const r = await page.evaluate(() => window.bench.cornerstoneFolderResult());
  const cpu1 = await chromiumCpuMs(browser);
  await page.close();
  const out: FolderPeerResult = { peer: `@cornerstonejs/dicom-image-loader 5.14 (${workers} worker, default)`, ...r, chromiumCpuMs: cpu1 - cpu0 };
  log(`  folder, Cornerstone loader: first frame ${r.firstFrameMs.toFixed(0)} ms, all ${r.clips} first frames ${r.allFirstFramesMs.toFixed(0)} ms (${r.failed} failed); Chromium CPU ${out.chromiumCpuMs.toFixed(0)} ms`);
  return out;
}
