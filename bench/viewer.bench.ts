/**
 * `npm run bench:viewer` — the cine viewer in headless Chromium (browser mode), on clips generated
 * with the project's DICOM writer (bench/lib/viewer-clips.ts) and a study folder generated with the
 * project's sample generator (bench/lib/study-folder.ts), all side by side in one run:
 *   - per clip: time to first frame after the file's bytes are in memory (median of 3 fresh pages);
 *     sustained playback at 1× and 4× (frames shown, dropped display refreshes); memory (renderer
 *     RSS growth); the main thread's work per frame shown (a traced playback);
 *   - decode throughput on the 800 × 600 clip, whole frame to display-ready in the page: BlockPlan's
 *     worker pool with the browser's JPEG decoder (checked per clip) and with WebAssembly only,
 *     @cornerstonejs/dicom-image-loader, and native libjpeg-turbo `djpeg` on the same frames (one
 *     process per frame, start-up subtracted);
 *   - the study folder: first clip playing, all clips listed with thumbnails, memory.
 *
 * Prints Markdown tables for docs/BENCHMARKS.md (## Viewer) and the goals. Options:
 *   --json            the results as one JSON object on stdout (tables and progress on stderr);
 *   --json=<file>     the JSON into a file (tables on stdout);
 *   --quick           shorter runs; --clip=<part of a clip name>; --no-decode; --no-folder;
 *   --rounds=N        interleaved rounds of the decode comparison (default 3, fastest kept);
 *   --folder-clips=N  clips in the study folder (default 100); --folder-dir=<dir> write it there and
 *                     keep it (a folder already written there is reused: for development only);
 *   --trace / --trace-js  print where the renderer's time goes in every playback;
 *   --trace-folder    where it goes in the list-only study folder run, from the drop to every thumbnail;
 *   --no-peer         the study folder only as the clinician opens it (no list-only run, no peer);
 *   --memory-detail; --play-ms=N (default 10 s per speed).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { openDicom } from '../core/dicom/parse';
import { loadNodeJpegEncoder } from '../build/scripts/lib/jpeg-encoder-node';
import { framePayload } from '../renderer/workers/protocol';
import { djpegVersion, measureDjpeg, type DjpegResult } from './lib/native-tools';
import { STUDY_FOLDER, writeStudyFolder } from './lib/study-folder';
import { benchClipInApp, type ClipRun, type PlayStats } from './lib/viewer-app';
import { buildAndServe } from './lib/viewer-build';
import { chromiumCpuMs } from './lib/viewer-memory';
import { BENCH_CLIPS, benchClip, type BenchClipSpec } from './lib/viewer-clips';
import { benchFolder, benchFolderPeer, type FolderPeerResult, type FolderRun } from './lib/viewer-folder';

const CHROMIUM = process.env.BLOCKPLAN_CHROMIUM ?? '/usr/bin/chromium';
const arg = (name: string) => process.argv.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
const argValue = (name: string) => arg(name)?.split('=').slice(1).join('=') || undefined;
const QUICK = !!arg('quick');
const JSON_ARG = arg('json');
const JSON_FILE = argValue('json');
const CLIP_FILTER = argValue('clip');
const NO_DECODE = !!arg('no-decode');
const NO_FOLDER = !!arg('no-folder');
const FOLDER_CLIPS = Number(argValue('folder-clips') ?? STUDY_FOLDER.clips);
const PLAY_MS = Number(argValue('play-ms') ?? (QUICK ? 4000 : 10_000));
const DECODE_FRAMES = QUICK ? 60 : 150;
const DECODE_ROUNDS = Number(argValue('rounds') ?? (QUICK ? 1 : 3));
const BUDGET_MB = 512;

/** Progress and tables: stderr when the JSON goes to stdout. */
const say = (s: string) => (JSON_ARG && !JSON_FILE ? console.error(s) : console.log(s));
const log = (s: string) => console.error(s);

interface DecodeRow {
  decoder: string;
  framesPerSecond: number;
  /** CPU time per frame of every process involved (Chromium's processes; djpeg's), ms. */
  cpuMsPerFrame: number;
  frames: number;
  /** This decoder's frames/s over djpeg's (start-up subtracted), on the same frames. */
  shareOfDjpeg?: number;
  /** djpeg's CPU ms per frame over this decoder's (single-core equivalent; independent of other load). */
  shareOfDjpegCpu?: number;
  browserDecoded?: number;
}

/**
 * Decode throughput on one clip, whole frame to display-ready: BlockPlan's pool with the browser's
 * JPEG decoder and with WebAssembly only, the Cornerstone loader, and djpeg on the same frames.
 * Interleaved round by round, the fastest round of each kept (the machine may be shared: a burst of
 * load then hits every decoder alike).
 */
async function decodeCompare(browser: Browser, url: string, file: string): Promise<{ rows: DecodeRow[]; djpeg: DjpegResult | null; native: { frames: number; identical: number; nativeMsPerFrame: number; wasmMsPerFrame: number } }> {
  const page = await browser.newPage();
  page.on('pageerror', (e) => log(`bench page error: ${e.message}`));
  await page.goto(`${url}bench/index.html`);
  await page.waitForFunction(() => document.getElementById('status')?.textContent === 'ready');
  const clipUrl = `${url}assets/${path.basename(file)}`;
  const hc = await page.evaluate(() => navigator.hardwareConcurrency);
  const csWorkers = Math.max(1, Math.floor(hc / 2));
  /** The timed part of a run in the page, with the CPU time all of Chromium's processes spent on it (ms per frame). */
  const cpu = async <T extends { frames: number }>(run: () => Promise<T>): Promise<T & { cpuMsPerFrame: number }> => {
    const c0 = await chromiumCpuMs(browser);
    const r = await run();
    return { ...r, cpuMsPerFrame: ((await chromiumCpuMs(browser)) - c0) / r.frames };
  };
  const ours = async (native: boolean) => {
    await page.evaluate(([u, w, nat]) => window.bench.blockplanPrepare(u as string, w as number, nat as boolean), [clipUrl, hc, native] as const);
    return cpu(() => page.evaluate((n) => window.bench.blockplanRun(n), DECODE_FRAMES));
  };
  const theirs = async () => {
    await page.evaluate(([u, w]) => window.bench.cornerstonePrepare(u as string, w as number), [clipUrl, csWorkers] as const);
    return cpu(() => page.evaluate((n) => window.bench.cornerstoneRun(n), DECODE_FRAMES));
  };
  const frames = djpegVersion() ? await djpegFrames(file) : null;
  const best = { browser: 0, wasm: 0, cs: 0, browserDecoded: 0, browserCpu: Infinity, wasmCpu: Infinity, csCpu: Infinity };
  let djpeg: DjpegResult | null = null;
  for (let r = 0; r < DECODE_ROUNDS; r++) {
    const b = await ours(true);
    const w = await ours(false);
    const c = await theirs();
    const d = frames ? measureDjpeg(frames.jpegs, frames.tiny, { rounds: 1 }) : null;
    if (b.fps > best.browser) Object.assign(best, { browser: b.fps, browserDecoded: b.browserDecoded });
    best.wasm = Math.max(best.wasm, w.fps);
    best.cs = Math.max(best.cs, c.fps);
    best.browserCpu = Math.min(best.browserCpu, b.cpuMsPerFrame);
    best.wasmCpu = Math.min(best.wasmCpu, w.cpuMsPerFrame);
    best.csCpu = Math.min(best.csCpu, c.cpuMsPerFrame);
    if (d) djpeg = bestDjpeg(djpeg, d);
    log(
      `  round ${r + 1}: frames/s (CPU ms/frame): BlockPlan browser ${b.fps.toFixed(1)} (${b.cpuMsPerFrame.toFixed(2)}; ${b.browserDecoded} by the browser), WebAssembly ${w.fps.toFixed(1)} (${w.cpuMsPerFrame.toFixed(2)}), ` +
        `Cornerstone ${c.fps.toFixed(1)} (${c.cpuMsPerFrame.toFixed(2)}), djpeg ${d ? `${d.framesPerSecond.toFixed(1)} (${d.cpuMsPerFrame.toFixed(2)})` : '—'}`,
    );
  }
  const native = await page.evaluate(([u, n]) => window.bench.nativeJpeg(u as string, n as number), [clipUrl, QUICK ? 10 : 30] as const);
  log(`  browser JPEG decoder vs core (WASM), one thread: ${native.identical}/${native.frames} frames identical; ${native.nativeMsPerFrame.toFixed(1)} vs ${native.wasmMsPerFrame.toFixed(1)} ms/frame`);
  await page.close();
  const rows: DecodeRow[] = [
    { decoder: `BlockPlan decode pool (${hc} workers), browser JPEG decoder where checked equal → ImageBitmap`, framesPerSecond: best.browser, cpuMsPerFrame: best.browserCpu, frames: DECODE_FRAMES, browserDecoded: best.browserDecoded },
    { decoder: `BlockPlan decode pool (${hc} workers), WebAssembly libjpeg-turbo only → ImageBitmap`, framesPerSecond: best.wasm, cpuMsPerFrame: best.wasmCpu, frames: DECODE_FRAMES },
    { decoder: `@cornerstonejs/dicom-image-loader 5.14 (default: ${csWorkers} worker, colour JPEG by the page's <img>)`, framesPerSecond: best.cs, cpuMsPerFrame: best.csCpu, frames: DECODE_FRAMES },
  ];
  if (djpeg) {
    for (const r of rows) {
      r.shareOfDjpeg = r.framesPerSecond / djpeg.framesPerSecond;
      r.shareOfDjpegCpu = djpeg.cpuMsPerFrame / r.cpuMsPerFrame;
    }
    rows.push({ decoder: `${djpegVersion()} djpeg (native, one process per frame, start-up subtracted; 1 core)`, framesPerSecond: djpeg.framesPerSecond, cpuMsPerFrame: djpeg.cpuMsPerFrame, frames: DECODE_FRAMES, shareOfDjpeg: 1, shareOfDjpegCpu: 1 });
  }
  return { rows, djpeg, native };
}

/** The faster of two djpeg rounds, with the lower CPU time per frame of the two. */
function bestDjpeg(a: DjpegResult | null, b: DjpegResult): DjpegResult {
  const fast = a && (!(b.framesPerSecond > 0) || a.framesPerSecond >= b.framesPerSecond) ? a : b;
  return { ...fast, cpuMsPerFrame: Math.min(b.cpuMsPerFrame, a?.cpuMsPerFrame ?? Infinity) };
}

/** The first DECODE_FRAMES JPEG frames of the clip (the frames the page decodes), and a tiny JPEG for djpeg's start-up. */
async function djpegFrames(file: string): Promise<{ jpegs: Uint8Array[]; tiny: Uint8Array }> {
  const o = openDicom(new Uint8Array(readFileSync(file)));
  if (!o.ok) throw new Error(o.error.message);
  const jpegs: Uint8Array[] = [];
  for (let i = 0; i < Math.min(DECODE_FRAMES, o.value.availableFrames); i++) {
    const p = framePayload(o.value, i);
    if (p?.kind === 'encapsulated') jpegs.push(p.fragments.length === 1 ? p.fragments[0]! : Buffer.concat(p.fragments));
  }
  const enc = await loadNodeJpegEncoder();
  return { jpegs, tiny: enc.encode(new Uint8Array(64 * 64).fill(128), 64, 64, 1, 90) };
}

const pct = (x: number) => `${(100 * x).toFixed(1)} %`;
const fmtPlay = (p: PlayStats) =>
  `${p.shownFps.toFixed(1)} frames/s shown; dropped ${p.dropped} of ${p.possible} (${pct(p.droppedFraction)}), of which not decoded in time ${p.decodeLate}; display ${p.refreshHz.toFixed(0)} Hz`;

async function main(): Promise<void> {
  const load0 = os.loadavg();
  const files: Record<string, string> = {};
  const specs = BENCH_CLIPS.filter((c) => !CLIP_FILTER || c.name.includes(CLIP_FILTER));
  for (const c of BENCH_CLIPS) files[c.name] = await benchClip(c, log);
  const keepFolder = argValue('folder-dir');
  const folderDir = NO_FOLDER ? null : (keepFolder ?? mkdtempSync(path.join(os.tmpdir(), 'blockplan-study-folder-')));
  let folder: { files: string[]; bytes: number } | null = null;
  if (folderDir && keepFolder && existsSync(path.join(keepFolder, 'IMG0001.dcm'))) {
    const names = readdirSync(keepFolder).filter((f) => f.endsWith('.dcm')).slice(0, FOLDER_CLIPS);
    folder = { files: names.map((f) => path.join(keepFolder, f)), bytes: names.reduce((n, f) => n + statSync(path.join(keepFolder, f)).size, 0) };
    log(`study folder: ${names.length} clips already in ${keepFolder}`);
  } else if (folderDir) {
    log(`generating the study folder (${FOLDER_CLIPS} clips × ${STUDY_FOLDER.frames} frames ${STUDY_FOLDER.columns}×${STUDY_FOLDER.rows}) in ${folderDir} …`);
    folder = await writeStudyFolder(folderDir, { ...STUDY_FOLDER, clips: FOLDER_CLIPS }, log);
  }
  const site = await buildAndServe(path.dirname(files[BENCH_CLIPS[0]!.name]!), log);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-renderer-backgrounding', '--disable-background-timer-throttling'],
  });
  const version = browser.version();
  const clipRuns: { spec: BenchClipSpec; run: ClipRun; mb: number }[] = [];
  let decode: Awaited<ReturnType<typeof decodeCompare>> | null = null;
  let folderRun: FolderRun | null = null;
  let folderPeer: FolderPeerResult | null = null;
  let folderListOnly: FolderRun | null = null;
  try {
    for (const spec of specs) {
      log(spec.name);
      clipRuns.push({ spec, run: await benchClipInApp(browser, site.url, spec, files[spec.name]!, { log, playMs: PLAY_MS, ttffTrials: QUICK ? 1 : 3, trace: !!arg('trace') || !!arg('trace-js'), traceJs: !!arg('trace-js'), memoryDetail: !!arg('memory-detail') }), mb: readFileSync(files[spec.name]!).byteLength / 1e6 });
    }
    if (!NO_DECODE) {
      // The decode goal's clip: 800 × 600 JPEG YBR_FULL_422 (4:2:2).
      const spec = BENCH_CLIPS.find((c) => c.columns === 800)!;
      log(`decode comparison on ${spec.name}`);
      decode = await decodeCompare(browser, site.url, files[spec.name]!);
      const djpeg = decode.djpeg;
      if (djpeg) log(`  djpeg (native libjpeg-turbo, one process per frame): ${djpeg.framesPerSecond.toFixed(1)} frames/s start-up subtracted (${djpeg.framesPerSecondWithStartup.toFixed(1)} with it)`);
    }
    if (folder && folderDir) {
      log(`study folder (${FOLDER_CLIPS} clips, ${(folder.bytes / 1e6).toFixed(0)} MB)`);
      // The clinician's scenario (the first clip plays while the rest load), then list only, beside
      // the peer (which only decodes a first frame per file).
      folderRun = await benchFolder(browser, site.url, folderDir, FOLDER_CLIPS, folder.bytes, BUDGET_MB, log, { trace: !!arg('trace') || !!arg('trace-js') });
      if (!arg('no-peer')) {
        folderListOnly = await benchFolder(browser, site.url, folderDir, FOLDER_CLIPS, folder.bytes, BUDGET_MB, log, { play: false, traceToThumbnails: !!arg('trace-folder') });
        folderPeer = await benchFolderPeer(browser, site.url, folderDir, log);
      }
    }
  } finally {
    await browser.close();
    await site.close();
    if (folderDir && !keepFolder) rmSync(folderDir, { recursive: true, force: true });
  }
  const load1 = os.loadavg();
  const machine = { cpus: os.cpus().length, cpu: os.cpus()[0]?.model ?? 'CPU', memGb: os.totalmem() / 2 ** 30, os: `${os.platform()} ${os.release()}`, chromium: version };

  // Goals (issue 19), read from this run.
  const byName = (frames: number) => clipRuns.find((c) => c.spec.frames === frames)?.run;
  const c1000 = byName(1000);
  const ours = decode?.rows[0];
  const cs = decode?.rows.find((r) => r.decoder.startsWith('@cornerstonejs'));
  const goals = [
    ...(ours && ours.shareOfDjpeg !== undefined ? [{ goal: 'renderer JPEG decode (800×600 4:2:2, whole frame to display-ready) ≥ 0.5× native djpeg', value: ours.shareOfDjpeg, met: ours.shareOfDjpeg >= 0.5 }] : []),
    ...(ours && cs ? [{ goal: 'renderer JPEG decode ≥ 2× the Cornerstone loader', value: ours.framesPerSecond / cs.framesPerSecond, met: ours.framesPerSecond / cs.framesPerSecond >= 2 }] : []),
    ...(c1000
      ? [
          { goal: '1000-frame 640×480 60 fps clip: ≤ 2 % dropped at 4×', value: c1000.p4.droppedFraction, met: c1000.p4.droppedFraction <= 0.02 },
          { goal: '1000-frame clip: 0 dropped at 1×', value: c1000.p1.dropped, met: c1000.p1.dropped === 0 },
          { goal: '1000-frame clip: first frame ≤ 150 ms', value: c1000.ttffMs, met: c1000.ttffMs <= 150 },
        ]
      : []),
    ...(folderRun
      ? [
          { goal: `study folder: first clip playing ≤ 500 ms after the drop`, value: folderRun.firstClipPlayingMs ?? Infinity, met: (folderRun.firstClipPlayingMs ?? Infinity) <= 500 },
          { goal: `study folder: all ${folderRun.clips} listed with thumbnails ≤ 5 s`, value: Math.max(folderRun.allListedMs, folderRun.allThumbnailsMs), met: Math.max(folderRun.allListedMs, folderRun.allThumbnailsMs) <= 5000 },
          { goal: `study folder: renderer memory ≤ setting + 100 MB (${BUDGET_MB + 100} MB)`, value: folderRun.rssGrowthMb, met: folderRun.rssGrowthMb <= BUDGET_MB + 100 },
          ...(folderPeer && folderListOnly
            ? [
                { goal: 'study folder, list only: all thumbnails no later than the Cornerstone loader decodes every first frame (its time over ours)', value: folderPeer.allFirstFramesMs / folderListOnly.allThumbnailsMs, met: folderPeer.allFirstFramesMs >= folderListOnly.allThumbnailsMs },
                { goal: 'study folder, list only: Chromium CPU to all thumbnails no more than the Cornerstone loader’s to every first frame (its over ours)', value: folderPeer.chromiumCpuMs / folderListOnly.chromiumCpuMs.toAllThumbnails, met: folderPeer.chromiumCpuMs >= folderListOnly.chromiumCpuMs.toAllThumbnails },
              ]
            : []),
        ]
      : []),
  ];

  say(`Machine: ${machine.cpus} × ${machine.cpu}, ${machine.memGb.toFixed(0)} GB RAM, ${machine.os}; Chromium ${version} headless; load average ${load0[0]!.toFixed(1)} → ${load1[0]!.toFixed(1)}; ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; memory setting ${BUDGET_MB} MB; play ${PLAY_MS / 1000} s per speed.`);
  say('');
  say('| Clip | First frame (median; trials) | 1× playback | 4× playback | Main thread per frame shown (CPU / wall, 1× · 4×) | Memory after 1× + 4× |');
  say('|---|---|---|---|---|---|');
  for (const { spec, run: a, mb } of clipRuns) {
    const main = a.main.map((m) => `${m.cpuMs.toFixed(2)} / ${m.wallMs.toFixed(2)} ms`).join(' · ');
    say(
      `| ${spec.frames} frames ${spec.columns}×${spec.rows} @ ${spec.fps} fps (${mb.toFixed(0)} MB) | ${a.ttffMs.toFixed(0)} ms (${a.ttffAll.map((x) => x.toFixed(0)).join(', ')}) | ${fmtPlay(a.p1)} | ${fmtPlay(a.p4)} | ${main} ` +
        `| frames ${a.p4.cacheMb.toFixed(0)} MB (their budget: ${a.p4.frameBudgetMb.toFixed(0)} MB); renderer RSS +${a.rssGrowthMb.toFixed(0)} MB (${a.rssBaseMb.toFixed(0)} → ${a.rssMb.toFixed(0)} MB), of which a forced GC frees ${a.workerGarbageMb.toFixed(0)} MB in the workers and ${a.pageGarbageMb.toFixed(0)} MB in the page |`,
    );
  }
  if (decode) {
    say('');
    say(`| Decoder (800×600 JPEG 4:2:2, ${DECODE_FRAMES} frames, whole frame to display-ready) | frames/s | CPU ms/frame | share of djpeg, frames/s (CPU) |`);
    say('|---|---|---|---|');
    for (const r of decode.rows) say(`| ${r.decoder} | ${r.framesPerSecond.toFixed(1)} | ${r.cpuMsPerFrame.toFixed(2)} | ${r.shareOfDjpeg !== undefined ? `${r.shareOfDjpeg.toFixed(2)} (${r.shareOfDjpegCpu!.toFixed(2)})` : '—'} |`);
    say(`\nBrowser JPEG decoder vs core WebAssembly, one thread: ${decode.native.identical}/${decode.native.frames} frames identical; ${decode.native.nativeMsPerFrame.toFixed(1)} vs ${decode.native.wasmMsPerFrame.toFixed(1)} ms/frame.`);
  }
  if (folderRun) {
    say('');
    say('| Study folder | First frame | First clip playing | All listed | All thumbnails | Chromium CPU to first frame or playing / to all thumbnails | First clip while the rest load | Renderer memory |');
    say('|---|---|---|---|---|---|---|---|');
    for (const f of [folderRun, folderListOnly]) {
      if (!f) continue;
      say(
        `| BlockPlan, ${f.clips} clips × ${STUDY_FOLDER.frames} frames ${STUDY_FOLDER.columns}×${STUDY_FOLDER.rows} JPEG 4:2:2 (${f.folderMb.toFixed(0)} MB), ${f.playWhileLoading ? 'Play pressed at the first frame' : 'list only'} | ${f.firstFrameMs.toFixed(0)} ms | ${f.firstClipPlayingMs !== null ? `${f.firstClipPlayingMs.toFixed(0)} ms` : '—'} | ${f.allListedMs.toFixed(0)} ms | ${f.allThumbnailsMs.toFixed(0)} ms | ${f.chromiumCpuMs.toPlaying.toFixed(0)} / ${f.chromiumCpuMs.toAllThumbnails.toFixed(0)} ms ` +
          `| ${f.playWhileLoading ? `${f.playWhileLoading.framesShown} frames shown, ${pct(f.playWhileLoading.droppedFraction)} dropped` : '—'} | RSS +${f.rssGrowthMb.toFixed(0)} MB (setting ${f.settingMb} MB) |`,
      );
    }
    if (folderPeer) {
      const p = folderPeer;
      say(`| Same folder, ${p.peer}: frame 1 of every file requested at once (no list, no thumbnail scaling) | ${p.firstFrameMs.toFixed(0)} ms | — | — | ${p.allFirstFramesMs.toFixed(0)} ms (every first frame decoded${p.failed ? `; ${p.failed} failed` : ''}) | — / ${p.chromiumCpuMs.toFixed(0)} ms | — | — |`);
    }
  }
  say('');
  say('| Goal | This run | Met |');
  say('|---|---|---|');
  for (const g of goals) say(`| ${g.goal} | ${Number.isInteger(g.value) ? g.value : g.value.toFixed(3)} | ${g.met ? 'yes' : 'no'} |`);

  if (JSON_ARG) {
    const json = {
      bench: 'viewer',
      date: new Date().toISOString(),
      machine,
      loadAverage: { start: load0, end: load1 },
      settings: { memorySettingMb: BUDGET_MB, playMs: PLAY_MS, decodeFrames: DECODE_FRAMES },
      clips: clipRuns.map(({ spec, run }) => ({
        name: spec.name,
        frames: spec.frames,
        width: spec.columns,
        height: spec.rows,
        fps: spec.fps,
        firstFrameMs: run.ttffMs,
        firstFrameTrialsMs: run.ttffAll,
        speeds: [run.p1, run.p4].map((p) => ({ speed: p.speed, firstFrameMs: run.ttffMs, droppedFraction: p.droppedFraction, dropped: p.dropped, possible: p.possible, notDecodedInTime: p.decodeLate, shownFps: p.shownFps, displayHz: p.refreshHz, decodes: p.decodes })),
        mainThreadPerFrameShown: run.main,
        memory: { rssGrowthMb: run.rssGrowthMb, frameCacheMb: run.p4.cacheMb, frameBudgetMb: run.p4.frameBudgetMb, workerGarbageMb: run.workerGarbageMb, pageGarbageMb: run.pageGarbageMb },
      })),
      decoders: decode ? decode.rows.map((r) => ({ decoder: r.decoder, framesPerSecond: r.framesPerSecond, cpuMsPerFrame: r.cpuMsPerFrame, frames: r.frames, ...(r.shareOfDjpeg !== undefined ? { shareOfDjpeg: r.shareOfDjpeg, shareOfDjpegCpu: r.shareOfDjpegCpu } : {}) })) : [],
      browserDecoderIdentical: decode ? { frames: decode.native.frames, identical: decode.native.identical } : null,
      folder: folderRun,
      folderListOnly,
      folderPeer,
      goals,
    };
    const text = JSON.stringify(json, null, 2);
    if (JSON_FILE) {
      const { writeFileSync } = await import('node:fs');
      writeFileSync(JSON_FILE, `${text}\n`);
    } else console.log(text);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
