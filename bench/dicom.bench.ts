/**
 * DICOM decode benchmark (`npm run bench:dicom`): generates its own clips — 300 frames of 800×600
 * JPEG baseline YBR_FULL_422 and the same frames as RLE lossless RGB — then reports parse time,
 * decode throughput (frames/s, megapixels/s) per syntax and peak memory, side by side with native
 * libjpeg-turbo `djpeg` on the same JPEG frames and DCMTK (`dcmdjpeg`, `dcmdrle`) on the same files.
 *
 * core/dicom's JPEG decode is measured with each Node codec set: the native JPEG fast path through
 * BlockPlan's TurboJPEG binding (what the CLI uses when `npm run build:native` built it), through
 * sharp (the CLI's fallback), and the WebAssembly decoder only (what the renderer's workers use), so
 * they can be compared in the same run (core/cli/node-codecs.ts).
 *
 * Single core: the whole benchmark re-runs itself under `taskset -c 0` (Node, its libuv/GC threads
 * and sharp's one libvips thread, and the djpeg/DCMTK child processes all share CPU 0). The
 * measurements are interleaved round by round and the fastest of ROUNDS is kept for each, so a burst
 * of load from other jobs on the shared machine hits all of them alike.
 *
 * Each row also gives CPU time per frame (user + system, all threads; child processes through GNU
 * time), which is what single-core throughput means on a shared machine where wall time also counts
 * waiting for the CPU.
 *
 * Env: FRAMES (default 300), WIDTH (800), HEIGHT (600), QUALITY (90), ROUNDS (3),
 * PIN (1: everything on CPU 0; 0: only the native tools pinned, as before; none: nothing pinned).
 *
 * `--json`: the results as one JSON object on stdout (per decoder: framesPerSecond, cpuMsPerFrame,
 * shareOfDjpeg by wall and CPU time; machine, load average at start and end); the tables and
 * progress go to stderr. `--json=<file>` writes the JSON there and keeps the tables on stdout.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeFrame, openDicom, toRgba, type DicomCodecs, type DicomImage } from '../core/dicom/index';
import { createNodeCodecs, loadSharp, loadTurbojpeg } from '../core/cli/node-codecs';
import { jpegEncoder, rleEncodeRgb, syntheticFrame, writeClip } from './lib/dicom-clip';
import { djpegVersion as readDjpegVersion, has, timeCmd as timeNative, type Timing } from './lib/native-tools';

const JSON_ARG = process.argv.find((a) => a === '--json' || a.startsWith('--json='));
const JSON_FILE = JSON_ARG?.startsWith('--json=') ? JSON_ARG.slice('--json='.length) : undefined;
/** Human output: stderr when the JSON goes to stdout. */
const say = (...a: unknown[]) => (JSON_ARG && !JSON_FILE ? console.error(...a) : console.log(...a));
const N = Number(process.env.FRAMES ?? 300);
const W = Number(process.env.WIDTH ?? 800);
const H = Number(process.env.HEIGHT ?? 600);
const Q = Number(process.env.QUALITY ?? 90);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const MP = (W * H) / 1e6;

// Pin the whole process (and so its children) to CPU 0, once.
if ((process.env.PIN ?? '1') === '1' && !process.env.BP_BENCH_PINNED && has('taskset')) {
  const r = spawnSync('taskset', ['-c', '0', process.execPath, ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
    env: { ...process.env, BP_BENCH_PINNED: '1' },
  });
  process.exit(r.status ?? 1);
}
const pinned = !!process.env.BP_BENCH_PINNED;
// Not pinned as a whole (PIN=0): still pin the native tools, as single-core references (PIN=none: nothing pinned).
const pinTool = !pinned && process.env.PIN !== 'none' && has('taskset') ? ['taskset', '-c', '0'] : [];

const dir = mkdtempSync(join(tmpdir(), 'bp-bench-dicom-'));

/** Run a native command (the native tools pinned to CPU 0 unless the whole benchmark is). */
const timeCmd = (argv: string[]): Timing => timeNative(argv, pinTool);

/** Time an in-process run: wall time and this process's CPU time (all its threads: libuv, libvips, GC). */
async function timeIn(run: () => Promise<void>): Promise<Timing> {
  const c0 = process.cpuUsage();
  const t = performance.now();
  await run();
  const wallMs = performance.now() - t;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

let peakRss = 0;
let peakExternal = 0;
const sampleMem = () => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakExternal = Math.max(peakExternal, m.arrayBuffers + m.external);
};

const JPEG = 'JPEG baseline YBR_FULL_422 (1.2.840.10008.1.2.4.50)';
const RLE = 'RLE lossless RGB (1.2.840.10008.1.2.5)';

interface Measure {
  key: string;
  /** One round over N frames. */
  run: () => Promise<Timing>;
  /** Decoder and clip columns; undefined for helper measurements not shown as rows. */
  label?: [string, string];
}

async function main() {
  const load0 = loadavg();
  say(`generating ${N} frames ${W}×${H} …`);
  const encode = await jpegEncoder();
  const jpegs: Uint8Array[] = [];
  const rles: Uint8Array[] = [];
  for (let i = 0; i < N; i++) {
    const rgb = syntheticFrame(W, H, i);
    const j = encode(rgb, W, H, Q);
    jpegs.push(j);
    rles.push(rleEncodeRgb(rgb, W, H));
    writeFileSync(join(dir, `f${String(i).padStart(4, '0')}.jpg`), j);
  }
  const clips: Record<string, Uint8Array> = {
    [JPEG]: writeClip({ transferSyntax: '1.2.840.10008.1.2.4.50', photometric: 'YBR_FULL_422', width: W, height: H, frameTimeMs: 33.3, frames: jpegs, encapsulated: true }),
    [RLE]: writeClip({ transferSyntax: '1.2.840.10008.1.2.5', photometric: 'RGB', width: W, height: H, frameTimeMs: 33.3, frames: rles, encapsulated: true }),
  };
  const files: Record<string, string> = {};
  for (const [name, bytes] of Object.entries(clips)) {
    const f = join(dir, name === JPEG ? 'jpeg.dcm' : 'rle.dcm');
    writeFileSync(f, bytes);
    files[name] = f;
  }
  rles.length = 0;

  const sharp = loadSharp();
  const turbo = loadTurbojpeg();
  const codecSets: [string, DicomCodecs][] = [];
  if (turbo) {
    codecSets.push([`core/dicom, native JPEG (BlockPlan's TurboJPEG binding: system libjpeg-turbo ${turbo.version()} SIMD)`, createNodeCodecs({ nativeJpeg: true, nativeDecoder: 'turbojpeg' })]);
  } else {
    console.error('the TurboJPEG binding is not built (npm run build:native): measuring sharp and WebAssembly only');
  }
  if (sharp) {
    codecSets.push([`core/dicom, native JPEG (sharp ${sharp.versions.sharp}: libvips ${sharp.versions.vips} + mozjpeg SIMD)`, createNodeCodecs({ nativeJpeg: true, nativeDecoder: 'sharp' })]);
  }
  codecSets.push(['core/dicom, WebAssembly JPEG (@cornerstonejs/codec-libjpeg-turbo-8bit, no SIMD)', createNodeCodecs({ nativeJpeg: false })]);

  // Parse: median of 21 runs per clip.
  const images: Record<string, DicomImage> = {};
  const parseMs: Record<string, number> = {};
  for (const [name, bytes] of Object.entries(clips)) {
    const parse: number[] = [];
    for (let k = 0; k < 21; k++) {
      const t = performance.now();
      const o = openDicom(bytes);
      parse.push(performance.now() - t);
      if (!o.ok) throw new Error(o.error.message);
      images[name] = o.value;
    }
    parse.sort((a, b) => a - b);
    parseMs[name] = parse[10]!;
  }

  const measures: Measure[] = [];
  // Every frame to display-ready RGBA (decodeFrame + toRgba), as `blockplan frames` and the viewer do.
  const decodeAll = (img: DicomImage, codecs: DicomCodecs) => () =>
    timeIn(async () => {
      for (let i = 0; i < img.availableFrames; i++) {
        const d = await decodeFrame(img, i, codecs);
        if (!d.ok) throw new Error(d.error.message);
        toRgba(d.value);
        if (i % 10 === 0) sampleMem();
      }
    });
  // The same, each frame written into one reused RGBA buffer (decodeFrame's `into`), as the viewer's
  // decode workers do with recycled frame buffers.
  const decodeAllInto = (img: DicomImage, codecs: DicomCodecs) => () => {
    const into = new ArrayBuffer(img.meta.rows * img.meta.columns * 4);
    return timeIn(async () => {
      for (let i = 0; i < img.availableFrames; i++) {
        const d = await decodeFrame(img, i, codecs, { into });
        if (!d.ok) throw new Error(d.error.message);
        toRgba(d.value);
        if (i % 10 === 0) sampleMem();
      }
    });
  };
  // The JPEG codec call alone (the same bytes decode.ts hands it), to show where the time goes.
  const codecOnly = (codecs: DicomCodecs) => () =>
    timeIn(async () => {
      for (const j of jpegs) await codecs.jpeg(j);
    });
  for (const [label, codecs] of codecSets) {
    // Warm-up: library load / WebAssembly instantiation.
    for (const name of [JPEG, RLE]) {
      const warm = await decodeFrame(images[name]!, 0, codecs);
      if (!warm.ok) throw new Error(warm.error.message);
    }
    measures.push({ key: `${label}|${JPEG}`, run: decodeAll(images[JPEG]!, codecs), label: [`${label}: decodeFrame + toRgba`, JPEG] });
    measures.push({ key: `${label}|into`, run: decodeAllInto(images[JPEG]!, codecs), label: [`${label}: decodeFrame into a reused RGBA buffer + toRgba`, 'same JPEG frames'] });
    measures.push({ key: `${label}|codec`, run: codecOnly(codecs), label: [`${label}: JPEG codec call only`, 'same JPEG frames'] });
  }
  // RLE does not use a JPEG codec: measured once.
  measures.push({ key: RLE, run: decodeAll(images[RLE]!, codecSets[0]![1]), label: [`core/dicom (JS RLE, Node ${process.version}): decodeFrame + toRgba`, RLE] });

  // Native djpeg on the same JPEG frames, one process per frame; process start-up measured on a
  // 64×64 JPEG and subtracted (both numbers are shown).
  let djpegVersion = '';
  if (has('djpeg')) {
    djpegVersion = readDjpegVersion();
    const tiny = encode(syntheticFrame(64, 64, 0), 64, 64, Q); // the WASM encoder cannot write frames much below 32×32
    writeFileSync(join(dir, 'tiny.jpg'), tiny);
    const loop = (pattern: string) => async () => timeCmd(['sh', '-c', `for f in ${pattern}; do djpeg -outfile /dev/null "$f"; done`]);
    measures.push({ key: 'djpeg-startup', run: loop(Array.from({ length: N }, () => join(dir, 'tiny.jpg')).join(' ')) });
    measures.push({ key: 'djpeg', run: loop(join(dir, 'f*.jpg')), label: ['libjpeg-turbo djpeg (native), incl. process start-up', 'same JPEG frames'] });
  }
  if (has('tjbench')) {
    // tjbench decodes one frame repeatedly in-process (no start-up cost): a cleaner native figure.
    // Single-threaded: its CPU time per frame is its wall time per frame.
    measures.push({
      key: 'tjbench',
      run: async () => {
        const [cmd, ...args] = [...pinTool, 'tjbench', join(dir, 'f0000.jpg'), '-benchtime', '2', '-warmup', '1'];
        const out = execFileSync(cmd!, args, { encoding: 'utf8' });
        const m = /Decomp to[^\n]*\n[^\n]*?Throughput:\s*([\d.]+) Megapixels\/sec/.exec(out) ?? /Throughput:\s*([\d.]+) Megapixels\/sec/.exec(out);
        if (!m) throw new Error('tjbench: no throughput in its output');
        const ms = (N * 1000) / (Number(m[1]) / MP); // as ms for N frames
        return { wallMs: ms, cpuMs: ms };
      },
      label: ['libjpeg-turbo tjbench (native, in-process, frame 0 repeated)', 'frame 0 of the JPEG clip'],
    });
  }
  for (const [name, tool] of [
    [JPEG, 'dcmdjpeg'],
    [RLE, 'dcmdrle'],
  ] as const) {
    if (!has(tool)) continue;
    measures.push({ key: tool, run: async () => timeCmd([tool, files[name]!, join(dir, `${tool}-out.dcm`)]), label: [`DCMTK ${tool} (native; parse + decode + write file)`, name] });
  }

  // Interleaved rounds; keep the fastest of each (wall and CPU separately).
  const best = new Map<string, Timing>();
  for (let r = 0; r < ROUNDS; r++) {
    for (const m of measures) {
      const t = await m.run();
      const b = best.get(m.key);
      best.set(m.key, { wallMs: Math.min(b?.wallMs ?? Infinity, t.wallMs), cpuMs: Math.min(b?.cpuMs ?? Infinity, t.cpuMs) });
    }
    say(`round ${r + 1}/${ROUNDS} done`);
  }
  if (best.has('djpeg')) {
    const a = best.get('djpeg')!;
    const s0 = best.get('djpeg-startup')!;
    best.set('djpeg-net', { wallMs: a.wallMs - s0.wallMs, cpuMs: a.cpuMs - s0.cpuMs });
    measures.splice(measures.findIndex((m) => m.key === 'djpeg'), 0, { key: 'djpeg-net', run: async () => s0, label: ['libjpeg-turbo djpeg (native), process start-up subtracted', 'same JPEG frames'] });
  }

  const fps = (ms: number) => (N * 1000) / ms;
  const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '—');
  const f2 = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : '—');
  const head = ['decoder', 'clip', 'file MB', 'parse ms (median)', 'frames/s (wall)', 'MP/s (wall)', 'CPU ms/frame'];
  const rows = measures
    .filter((m) => m.label)
    .map((m) => {
      const t = best.get(m.key)!;
      const clip = m.label![1];
      const file = clips[clip];
      return [m.label![0], clip, file ? (file.length / 1e6).toFixed(1) : '', parseMs[clip] !== undefined && !m.key.startsWith('dcmd') ? parseMs[clip]!.toFixed(2) : '', f1(fps(t.wallMs)), f1(fps(t.wallMs) * MP), f2(t.cpuMs / N)];
    });
  const table = [head, head.map(() => '---'), ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');

  const load1 = loadavg();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const pinNote = pinned ? 'whole benchmark pinned to CPU 0 (taskset)' : pinTool.length ? 'native tools pinned to CPU 0, Node not pinned' : 'nothing pinned';
  say(
    `\n${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC · ${cpu} · ${cpus().length} cores · ${pinNote} · Node ${process.version} · ${djpegVersion} · ` +
      `${N} frames ${W}×${H} (${MP.toFixed(2)} MP), JPEG quality ${Q}, fastest of ${ROUNDS} interleaved rounds · load average ${load0[0]!.toFixed(1)} at start, ${load1[0]!.toFixed(1)} at end\n`,
  );
  say(table);
  say(`\npeak RSS ${(peakRss / 2 ** 20).toFixed(0)} MiB, peak ArrayBuffer+external ${(peakExternal / 2 ** 20).toFixed(0)} MiB (whole process, including the generated clips)`);
  const dj = best.get('djpeg-net');
  const tj = best.get('tjbench');
  if (dj) {
    for (const [label] of codecSets) {
      for (const [what, key] of [
        ['decodeFrame + toRgba', `${label}|${JPEG}`],
        ['decodeFrame into a reused buffer', `${label}|into`],
        ['codec call only', `${label}|codec`],
      ] as const) {
        const t = best.get(key)!;
        const pct = (a: number, b: number) => `${((b / a) * 100).toFixed(0)}%`;
        say(
          `${label}, ${what}: ${pct(t.wallMs, dj.wallMs)} of djpeg's frames/s by wall time, ${pct(t.cpuMs, dj.cpuMs)} by CPU time` +
            (tj ? `; ${pct(t.wallMs, tj.wallMs)} of tjbench` : '') +
            ' (goal ≥ 50%)',
        );
      }
    }
  }
  if (JSON_ARG) {
    const json = {
      bench: 'dicom',
      date: new Date().toISOString(),
      machine: { cpu, cores: cpus().length, node: process.version, djpeg: djpegVersion, pin: pinNote },
      loadAverage: { start: load0, end: load1 },
      clip: { frames: N, width: W, height: H, jpegQuality: Q, rounds: ROUNDS },
      peakRssMb: peakRss / 2 ** 20,
      decoders: measures
        .filter((m) => m.label)
        .map((m) => {
          const t = best.get(m.key)!;
          return {
            decoder: m.label![0],
            clip: m.label![1],
            framesPerSecond: fps(t.wallMs),
            cpuMsPerFrame: t.cpuMs / N,
            ...(dj && m.label![1] !== RLE && !m.key.startsWith('dcmd') ? { shareOfDjpeg: dj.wallMs / t.wallMs, shareOfDjpegCpu: dj.cpuMs / t.cpuMs } : {}),
          };
        }),
    };
    const text = JSON.stringify(json, null, 2);
    if (JSON_FILE) writeFileSync(JSON_FILE, `${text}\n`);
    else console.log(text);
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  rmSync(dir, { recursive: true, force: true });
  console.error(`error: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
});
