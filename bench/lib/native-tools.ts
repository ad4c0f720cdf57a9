/**
 * Native reference tools for the benchmarks: run a command with its CPU time (GNU time, children
 * included), and libjpeg-turbo's `djpeg` over a set of JPEG frames, one process per frame, with the
 * process start-up (measured on a tiny JPEG) subtracted — the single-core native figure the
 * renderer's and core's JPEG decoders are compared with (bench:dicom, bench:viewer).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const has = (tool: string): boolean => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0;
const gnuTime = has('/usr/bin/time') ? ['/usr/bin/time', '-f', 'cpu %U %S'] : [];

/** Wall time, and CPU time (user + system, ms) of everything the measurement ran. */
export interface Timing {
  wallMs: number;
  cpuMs: number;
}

/** Run a native command (prefixed by `prefix`, e.g. taskset); CPU time from GNU time, NaN without it. */
export function timeCmd(argv: string[], prefix: string[] = []): Timing {
  const t = performance.now();
  const [cmd, ...args] = [...gnuTime, ...prefix, ...argv];
  const r = spawnSync(cmd!, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wallMs = performance.now() - t;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${r.stderr}`);
  const m = /cpu ([\d.]+) ([\d.]+)\s*$/.exec(r.stderr);
  return { wallMs, cpuMs: m ? (Number(m[1]) + Number(m[2])) * 1000 : NaN };
}

/** The djpeg version line, or '' when djpeg is not installed. */
export function djpegVersion(): string {
  if (!has('djpeg')) return '';
  return (spawnSync('djpeg', ['-version'], { encoding: 'utf8' }).stderr || '').trim().split('\n')[0] ?? '';
}

export interface DjpegResult {
  /** Frames per second with the process start-up subtracted (the reference; NaN when load noise makes it implausible: see measureDjpeg), and including it. */
  framesPerSecond: number;
  framesPerSecondWithStartup: number;
  /** CPU ms per frame, start-up subtracted (NaN without GNU time). */
  cpuMsPerFrame: number;
}

/**
 * djpeg over `jpegs` (one process per frame, to /dev/null), fastest of `rounds`; `tiny` is a small
 * JPEG whose decode time is the process start-up, subtracted.
 */
export function measureDjpeg(jpegs: readonly Uint8Array[], tiny: Uint8Array, opts: { rounds?: number; prefix?: string[] } = {}): DjpegResult {
  const dir = mkdtempSync(join(tmpdir(), 'bp-djpeg-'));
  try {
    jpegs.forEach((j, i) => writeFileSync(join(dir, `f${String(i).padStart(5, '0')}.jpg`), j));
    writeFileSync(join(dir, 'tiny.jpg'), tiny);
    const loop = (files: string) => timeCmd(['sh', '-c', `for f in ${files}; do djpeg -outfile /dev/null "$f"; done`], opts.prefix ?? []);
    let best: Timing = { wallMs: Infinity, cpuMs: Infinity };
    let start: Timing = { wallMs: Infinity, cpuMs: Infinity };
    for (let r = 0; r < (opts.rounds ?? 3); r++) {
      const s = loop(Array.from({ length: jpegs.length }, () => join(dir, 'tiny.jpg')).join(' '));
      const a = loop(join(dir, 'f*.jpg'));
      start = { wallMs: Math.min(start.wallMs, s.wallMs), cpuMs: Math.min(start.cpuMs, s.cpuMs) };
      best = { wallMs: Math.min(best.wallMs, a.wallMs), cpuMs: Math.min(best.cpuMs, a.cpuMs) };
    }
    const n = jpegs.length;
    // Under heavy load the start-up loop can take longer than the frames' loop: no figure then (NaN), never a negative one.
    const netMs = best.wallMs - start.wallMs;
    const cpuMsPerFrame = (best.cpuMs - start.cpuMs) / n;
    // One single-threaded process at a time: its wall time per frame is at least its CPU time. A
    // smaller difference is load noise between the two loops (a run at load 19 gave 14 356 frames/s):
    // no figure then either.
    const plausible = netMs > 0 && !(netMs / n < 0.8 * cpuMsPerFrame);
    return { framesPerSecond: plausible ? (n * 1000) / netMs : NaN, framesPerSecondWithStartup: (n * 1000) / best.wallMs, cpuMsPerFrame };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
