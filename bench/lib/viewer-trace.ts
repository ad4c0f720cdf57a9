/**
 * Where the renderer's time goes while the viewer plays: a Chrome DevTools Protocol trace
 * (Tracing domain, timeline categories) of the page while `during()` runs, summarised per thread
 * (busy time of top-level tasks) and, on the page's main thread, self time per event name and the
 * longest tasks. Optional JavaScript sampling profile (Profiler domain) for self time per function.
 * Used by `npm run bench:viewer -- --trace`.
 */
import type { CDPSession, Page } from 'playwright-core';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  /** Thread (CPU) duration, µs, when the trace records it. */
  tdur?: number;
  tts?: number;
  pid: number;
  tid: number;
  args?: { name?: string; data?: Record<string, unknown> };
}

export interface TraceSummary {
  wallMs: number;
  /** Busy ms per thread (top-level tasks, wall time) and their CPU time (ms), by thread name. */
  threads: { name: string; busyMs: number; cpuMs: number }[];
  /** Self ms per event name on the page's main thread. */
  mainSelf: { name: string; ms: number; count: number }[];
  /** Main-thread tasks longer than 16 ms, and the longest task, ms. */
  longTasks: number;
  longestTaskMs: number;
  /** The longest main-thread tasks: when (ms from the trace start), how long, and what inside took the time. */
  longest: { atMs: number; ms: number; inside: string }[];
  /** Animation frames the main thread ran, and their mean cost (FireAnimationFrame self+children), ms. */
  animationFrames: number;
  rafMeanMs: number;
  /** Layout and paint invalidations on the main thread, by event, reason and node. */
  invalidations: { what: string; count: number }[];
  /** JS self time per function (url:line name), when sampled. */
  js?: { fn: string; ms: number }[];
}

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'disabled-by-default-devtools.timeline.invalidationTracking',
  'toplevel',
  'v8',
  'v8.execute',
  'blink',
  'blink.user_timing',
  'cc',
  'viz',
  '__metadata',
].join(',');

async function readStream(cdp: CDPSession, handle: string): Promise<string> {
  let out = '';
  for (;;) {
    const r = (await cdp.send('IO.read', { handle, size: 1 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    out += r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  return out;
}

/** Trace the renderer while `during()` runs. */
export async function traceWhile(page: Page, during: () => Promise<void>, opts: { js?: boolean } = {}): Promise<TraceSummary> {
  const cdp = await page.context().newCDPSession(page);
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: CATEGORIES.split(','), recordMode: 'recordContinuously' } });
  if (opts.js) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
    await cdp.send('Profiler.start');
  }
  const t0 = Date.now();
  await during();
  const wallMs = Date.now() - t0;
  let profile: CpuProfile | null = null;
  if (opts.js) profile = ((await cdp.send('Profiler.stop')) as { profile: CpuProfile }).profile;
  await cdp.send('Tracing.end');
  const handle = await done;
  const text = await readStream(cdp, handle);
  await cdp.detach();
  const parsed = JSON.parse(text) as { traceEvents?: TraceEvent[] } | TraceEvent[];
  const events = Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []);
  const s = summarise(events, wallMs);
  if (profile) s.js = summariseProfile(profile);
  return s;
}

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  samples: number[];
  timeDeltas: number[];
}

function summariseProfile(p: CpuProfile): { fn: string; ms: number }[] {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const n = byId.get(p.samples[i]!);
    if (!n) continue;
    const cf = n.callFrame;
    const url = cf.url.split('/').pop() ?? '';
    const key = `${cf.functionName || '(anonymous)'} ${url}:${cf.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i + 1] ?? p.timeDeltas[i] ?? 0) / 1000);
  }
  return [...self.entries()].map(([fn, ms]) => ({ fn, ms })).sort((a, b) => b.ms - a.ms);
}

function summarise(events: TraceEvent[], wallMs: number): TraceSummary {
  const threadNames = new Map<string, string>();
  for (const e of events) if (e.ph === 'M' && e.name === 'thread_name') threadNames.set(`${e.pid}:${e.tid}`, e.args?.name ?? '?');
  // Complete events (B/E pairs folded into X).
  const open = new Map<string, TraceEvent[]>();
  const xs: TraceEvent[] = [];
  for (const e of events) {
    if (e.ph === 'X' && typeof e.dur === 'number') xs.push(e);
    else if (e.ph === 'B') {
      const k = `${e.pid}:${e.tid}`;
      const st = open.get(k) ?? [];
      st.push(e);
      open.set(k, st);
    } else if (e.ph === 'E') {
      const b = open.get(`${e.pid}:${e.tid}`)?.pop();
      if (b) xs.push({ ...b, ph: 'X', dur: e.ts - b.ts, ...(b.tts !== undefined && e.tts !== undefined ? { tdur: e.tts - b.tts } : {}) });
    }
  }
  // The page's main thread: the CrRendererMain with the most FireAnimationFrame events.
  const rafCount = new Map<string, number>();
  for (const e of xs) if (e.name === 'FireAnimationFrame') rafCount.set(`${e.pid}:${e.tid}`, (rafCount.get(`${e.pid}:${e.tid}`) ?? 0) + 1);
  const main = [...rafCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of xs) {
    const k = `${e.pid}:${e.tid}`;
    const l = byThread.get(k) ?? [];
    l.push(e);
    byThread.set(k, l);
  }
  const threads: TraceSummary['threads'] = [];
  let mainSelf: TraceSummary['mainSelf'] = [];
  let longest: TraceSummary['longest'] = [];
  let longTasks = 0;
  let longestTaskMs = 0;
  let raf = 0;
  let rafMs = 0;
  for (const [k, list] of byThread) {
    list.sort((a, b) => a.ts - b.ts || b.dur! - a.dur!);
    // Top-level: not inside another event of the same thread.
    let busy = 0;
    let cpu = 0;
    let end = -Infinity;
    for (const e of list) {
      if (e.ts >= end) {
        busy += e.dur!;
        cpu += e.tdur ?? 0;
        end = e.ts + e.dur!;
      } else if (e.ts + e.dur! > end) {
        busy += e.ts + e.dur! - end;
        end = e.ts + e.dur!;
      }
    }
    threads.push({ name: `${threadNames.get(k) ?? k}${k === main ? ' (page main)' : ''}`, busyMs: busy / 1000, cpuMs: cpu / 1000 });
    if (k !== main) continue;
    // The longest top-level tasks, with their largest descendants.
    const t0 = list[0]?.ts ?? 0;
    const tops = list.filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.dur! > 16_000).sort((a, b) => b.dur! - a.dur!).slice(0, 5);
    longest = tops.map((t) => {
      const kids = list.filter((e) => e !== t && e.ts >= t.ts && e.ts + e.dur! <= t.ts + t.dur! && e.dur! > 2000 && e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask');
      const desc = kids.sort((a, b) => b.dur! - a.dur!).slice(0, 4).map((e) => {
        const d = (e.args?.data ?? {}) as { functionName?: string; url?: string; type?: string };
        return `${e.name}${d.functionName ? ` ${d.functionName}` : ''}${d.type ? ` ${d.type}` : ''} ${(e.dur! / 1000).toFixed(1)}`;
      });
      return { atMs: (t.ts - t0) / 1000, ms: t.dur! / 1000, inside: desc.join(', ') };
    });
    // Self time per name, by nesting.
    const self = new Map<string, { ms: number; count: number }>();
    const stack: { e: TraceEvent; childUs: number }[] = [];
    const close = (upTo: number) => {
      while (stack.length && stack[stack.length - 1]!.e.ts + stack[stack.length - 1]!.e.dur! <= upTo) {
        const top = stack.pop()!;
        const s = self.get(top.e.name) ?? { ms: 0, count: 0 };
        s.ms += Math.max(0, top.e.dur! - top.childUs) / 1000;
        s.count++;
        self.set(top.e.name, s);
        if (stack.length) stack[stack.length - 1]!.childUs += top.e.dur!;
      }
    };
    for (const e of list) {
      close(e.ts);
      if (stack.length === 0 && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask')) {
        if (e.dur! > 16_000) longTasks++;
        longestTaskMs = Math.max(longestTaskMs, e.dur! / 1000);
      }
      if (e.name === 'FireAnimationFrame') {
        raf++;
        rafMs += e.dur! / 1000;
      }
      stack.push({ e, childUs: 0 });
    }
    close(Infinity);
    mainSelf = [...self.entries()].map(([name, v]) => ({ name, ...v })).sort((a, b) => b.ms - a.ms);
  }
  threads.sort((a, b) => b.busyMs - a.busyMs);
  const inv = new Map<string, number>();
  for (const e of events) {
    if (!e.name.endsWith('InvalidationTracking') || `${e.pid}:${e.tid}` !== main) continue;
    const d = (e.args?.data ?? {}) as { reason?: string; nodeName?: string };
    const k = `${e.name.replace('InvalidationTracking', '')}: ${d.reason ?? '?'} @ ${d.nodeName ?? '?'}`;
    inv.set(k, (inv.get(k) ?? 0) + 1);
  }
  const invalidations = [...inv.entries()].map(([what, count]) => ({ what, count })).sort((a, b) => b.count - a.count);
  return { wallMs, threads, mainSelf, longTasks, longestTaskMs, longest, animationFrames: raf, rafMeanMs: raf ? rafMs / raf : 0, invalidations };
}

/** A few lines for the console. */
export function formatTrace(label: string, s: TraceSummary, top = 18): string {
  const lines = [`trace ${label}: ${(s.wallMs / 1000).toFixed(1)} s; main thread: ${s.animationFrames} animation frames (mean ${s.rafMeanMs.toFixed(2)} ms), ${s.longTasks} tasks > 16 ms, longest ${s.longestTaskMs.toFixed(1)} ms`];
  lines.push('  per thread, ms per s: busy (wall), CPU:');
  for (const t of s.threads.slice(0, 12)) lines.push(`    ${((t.busyMs * 1000) / s.wallMs).toFixed(0).padStart(5)} ${((t.cpuMs * 1000) / s.wallMs).toFixed(0).padStart(5)}  ${t.name}`);
  lines.push('  main-thread self time (ms per s, count per s):');
  for (const e of s.mainSelf.slice(0, top)) lines.push(`    ${((e.ms * 1000) / s.wallMs).toFixed(1).padStart(6)}  ${((e.count * 1000) / s.wallMs).toFixed(0).padStart(5)}  ${e.name}`);
  lines.push('  longest main-thread tasks:');
  for (const t of s.longest) lines.push(`    at ${t.atMs.toFixed(0)} ms: ${t.ms.toFixed(1)} ms — ${t.inside}`);
  lines.push('  invalidations (per s):');
  for (const e of s.invalidations.slice(0, top)) lines.push(`    ${((e.count * 1000) / s.wallMs).toFixed(1).padStart(6)}  ${e.what}`);
  if (s.js) {
    lines.push('  JS self time (ms per s):');
    for (const f of s.js.slice(0, top)) lines.push(`    ${((f.ms * 1000) / s.wallMs).toFixed(1).padStart(6)}  ${f.fn}`);
  }
  return lines.join('\n');
}
