/**
 * Memory of the page's renderer process, for the viewer benchmark: resident set size from /proc,
 * the main thread's and each decode worker's JavaScript heap and ArrayBuffer backing stores (CDP
 * Runtime.getHeapUsage; workers reached through Target auto-attach), and the resident memory of the
 * process grouped by mapping (/proc/<pid>/smaps), so every large block can be accounted for.
 */
import { readFileSync } from 'node:fs';
import type { Browser, CDPSession, Page } from 'playwright-core';

const MB = 2 ** 20;

/** The renderer process hosting the page (the renderer with the largest RSS). */
export async function rendererPid(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  await cdp.detach();
  let best = 0;
  let pid = 0;
  for (const p of info.processInfo) {
    if (p.type !== 'renderer') continue;
    const kb = rssKb(p.id);
    if (kb > best) {
      best = kb;
      pid = p.id;
    }
  }
  return pid;
}

/**
 * CPU time used so far by all of the browser's processes (browser, renderers, GPU/compositing,
 * utility), ms: a figure that does not depend on how much of the machine other jobs take.
 */
export async function chromiumCpuMs(browser: Browser): Promise<number> {
  const cdp = await browser.newBrowserCDPSession();
  const info = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { cpuTime: number }[] };
  await cdp.detach();
  return info.processInfo.reduce((n, p) => n + p.cpuTime * 1000, 0);
}

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // process gone
  }
}

/** Resident set size of a process, MB. */
export const rssMb = (pid: number): number => rssKb(pid) / 1024;

/**
 * Resident MB by kind of mapping: file-backed by file name, anonymous by reservation size (V8 heaps
 * and WebAssembly memories are large reservations; PartitionAlloc and malloc use smaller ones).
 */
export function residentByMapping(pid: number): Map<string, number> {
  const out = new Map<string, number>();
  let name = '';
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      const sizeMb = (parseInt(m[2]!, 16) - parseInt(m[1]!, 16)) / MB;
      const file = m[3] ?? '';
      if (file.startsWith('/')) name = `file ${file.split('/').pop()}`;
      else if (file) name = file;
      else name = sizeMb >= 4096 ? 'anonymous, reservation ≥ 4 GB' : sizeMb >= 256 ? 'anonymous, 256 MB–4 GB' : sizeMb >= 32 ? 'anonymous, 32–256 MB' : sizeMb >= 2 ? 'anonymous, 2–32 MB' : 'anonymous, < 2 MB';
      continue;
    }
    const r = /^Rss:\s+(\d+) kB/.exec(line);
    if (r) out.set(name, (out.get(name) ?? 0) + Number(r[1]) / 1024);
  }
  return out;
}

export interface HeapUsage {
  usedMb: number;
  totalMb: number;
  /** ArrayBuffer backing stores and other external memory, MB. */
  backingMb: number;
}

const toHeap = (h: { usedSize: number; totalSize: number; backingStorageSize?: number }): HeapUsage => ({
  usedMb: h.usedSize / MB,
  totalMb: h.totalSize / MB,
  backingMb: (h.backingStorageSize ?? 0) / MB,
});

/** Mappings of at least `minRssMb` resident (not the small anonymous ones), for a closer look. */
export function largeMappings(pid: number, minRssMb = 4): { what: string; sizeMb: number; rssMb: number }[] {
  const out: { what: string; sizeMb: number; rssMb: number }[] = [];
  let cur: { what: string; sizeMb: number; rssMb: number } | null = null;
  for (const line of readFileSync(`/proc/${pid}/smaps`, 'utf8').split('\n')) {
    const m = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/.exec(line);
    if (m) {
      cur = { what: `${m[1]} ${m[3]} ${m[4] || 'anonymous'}`, sizeMb: (parseInt(m[2]!, 16) - parseInt(m[1]!, 16)) / MB, rssMb: 0 };
      out.push(cur);
      continue;
    }
    const r = /^Rss:\s+(\d+) kB/.exec(line);
    if (r && cur) cur.rssMb = Number(r[1]) / 1024;
  }
  return out.filter((x) => x.rssMb >= minRssMb && x.sizeMb >= 2);
}

/**
 * A CDP session on the page that also reaches its dedicated workers (attach before the workers
 * start: the viewer's decode workers start when the app is idle).
 */
export class PageMemory {
  private workers: string[] = [];
  private pending = new Map<number, (v: unknown) => void>();
  private nextId = 1;

  private constructor(private readonly cdp: CDPSession) {
    cdp.on('Target.attachedToTarget', (e: { sessionId: string; targetInfo: { type: string } }) => {
      if (e.targetInfo.type === 'worker') this.workers.push(e.sessionId);
    });
    cdp.on('Target.detachedFromTarget', (e: { sessionId: string }) => {
      this.workers = this.workers.filter((w) => w !== e.sessionId);
    });
    cdp.on('Target.receivedMessageFromTarget', (e: { message: string }) => {
      const m = JSON.parse(e.message) as { id: number; result?: unknown };
      this.pending.get(m.id)?.(m.result);
      this.pending.delete(m.id);
    });
  }

  static async attach(page: Page): Promise<PageMemory> {
    const cdp = await page.context().newCDPSession(page);
    const pm = new PageMemory(cdp);
    await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
    return pm;
  }

  private ask<T>(sessionId: string, method: string): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve) => {
      this.pending.set(id, resolve as (v: unknown) => void);
      void this.cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method, params: {} }) });
    });
  }

  async mainHeap(): Promise<HeapUsage> {
    return toHeap((await this.cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number });
  }

  async workerHeaps(): Promise<HeapUsage[]> {
    return Promise.all(this.workers.map(async (w) => toHeap(await this.ask<{ usedSize: number; totalSize: number }>(w, 'Runtime.getHeapUsage'))));
  }

  /** Full garbage collection in the page and/or every worker (to tell live memory from garbage). */
  async collectGarbage(where: 'all' | 'workers' | 'main' = 'all'): Promise<void> {
    if (where !== 'workers') await this.cdp.send('HeapProfiler.collectGarbage');
    if (where !== 'main') await Promise.all(this.workers.map((w) => this.ask(w, 'HeapProfiler.collectGarbage')));
  }

  async detach(): Promise<void> {
    await this.cdp.detach();
  }
}

/**
 * Chromium's own memory accounting for the page's renderer (a memory-infra dump through the
 * Tracing domain): size per allocator (PartitionAlloc partitions — array_buffer holds ArrayBuffer
 * contents —, malloc, V8 per isolate, Blink's garbage-collected heap, Skia, cc tiles, canvas,
 * shared memory …), MB. Top-level allocators and their direct children.
 */
export async function allocatorDump(page: Page, pid: number): Promise<Map<string, number>> {
  const cdp = await page.context().newCDPSession(page);
  const done = new Promise<string>((resolve) => cdp.once('Tracing.tracingComplete', (e: { stream?: string }) => resolve(e.stream ?? '')));
  await cdp.send('Tracing.start', { transferMode: 'ReturnAsStream', traceConfig: { includedCategories: ['disabled-by-default-memory-infra'], recordMode: 'recordUntilFull', memoryDumpConfig: { triggers: [] } as unknown as Record<string, string> } });
  await cdp.send('Tracing.requestMemoryDump', { deterministic: false, levelOfDetail: 'detailed' });
  await cdp.send('Tracing.end');
  const handle = await done;
  let text = '';
  for (;;) {
    const r = (await cdp.send('IO.read', { handle, size: 1 << 20 })) as { data: string; eof: boolean; base64Encoded?: boolean };
    text += r.base64Encoded ? Buffer.from(r.data, 'base64').toString('utf8') : r.data;
    if (r.eof) break;
  }
  await cdp.send('IO.close', { handle });
  await cdp.detach();
  const parsed = JSON.parse(text) as { traceEvents?: { ph: string; pid: number; args?: { dumps?: { allocators?: Record<string, { attrs?: { size?: { value: string } } }> } } }[] };
  const out = new Map<string, number>();
  for (const e of parsed.traceEvents ?? []) {
    if (e.ph !== 'v' || e.pid !== pid) continue;
    for (const [name, d] of Object.entries(e.args?.dumps?.allocators ?? {})) {
      const v = d.attrs?.size?.value;
      if (!v || name.split('/').length > 3) continue;
      const key = name.replace(/0x[0-9a-f]+/g, '…');
      out.set(key, (out.get(key) ?? 0) + parseInt(v, 16) / MB);
    }
  }
  return out;
}

/** Differences of resident memory by mapping kind (after − before), largest first, MB. */
export function residentGrowth(before: Map<string, number>, after: Map<string, number>, minMb = 3): { what: string; mb: number }[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  const out: { what: string; mb: number }[] = [];
  for (const k of keys) {
    const d = (after.get(k) ?? 0) - (before.get(k) ?? 0);
    if (Math.abs(d) >= minMb) out.push({ what: k, mb: d });
  }
  return out.sort((a, b) => b.mb - a.mb);
}
