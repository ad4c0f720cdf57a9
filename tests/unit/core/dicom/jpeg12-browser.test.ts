/**
 * The 12-bit JPEG decoder in the browser, on the code path the app uses: a Vite build of a small page
 * that opens the 12-bit file with core/dicom on the main thread and sends its frames to the real
 * decode worker (renderer/workers/pool.ts createBrowserWorker → decode.worker.ts, which loads the
 * dcmjs-codecs .wasm through its Vite `?url` import), served with the app's Content-Security-Policy
 * header (no 'unsafe-eval') to Debian's headless Chromium. The stored values must equal DCMTK's
 * `dcmdjpeg` decode (same tolerance as jpeg12.test.ts: max |Δ| ≤ 1 on 0–4095), a damaged frame must
 * come back as a typed error, and the page must log no error (a CSP violation would).
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspString } from '../../../../electron/main/csp';
import { CHROMIUM, launch, type Session } from '../../../e2e/browser';
import { J12_FRAMES, J12_HEIGHT, J12_WIDTH, makeJpeg12Files, type Jpeg12Files } from './jpeg12-fixture';
import { repoRoot, requireTools } from './reference';

const N = J12_WIDTH * J12_HEIGHT;

/** The page: main-thread parse, worker decode, results on window.__j12. */
const MAIN_TS = (repo: string) => `
import { openDicom } from '${repo}/core/dicom/index';
import { clipHeader, framePayload, payloadTransferables, type FromWorker, type FramePayload } from '${repo}/renderer/workers/protocol';
import { createBrowserWorker } from '${repo}/renderer/workers/pool';

type Out = { evalBlocked: boolean; frames: number[][]; errors: { index: number; code: string; message: string }[]; failed?: string };
const out: Out = { evalBlocked: false, frames: [], errors: [] };
(window as unknown as { __j12?: Out }).__j12 = undefined;
try { (0, eval)('1'); } catch { out.evalBlocked = true; }

async function main() {
  const bytes = new Uint8Array(await (await fetch('./clip.dcm')).arrayBuffer());
  const o = openDicom(bytes, { fileName: 'clip.dcm' });
  if (!o.ok) throw new Error(o.error.message);
  const img = o.value;
  const worker = createBrowserWorker();
  const waiting = new Map<number, (m: FromWorker) => void>();
  worker.onmessage = (e) => waiting.get(e.data.id)?.(e.data);
  worker.onerror = (e) => { out.failed = 'worker error: ' + String((e as ErrorEvent).message ?? e); };
  worker.postMessage({ type: 'clip', clipId: 'c', header: clipHeader(img) }, []);
  let id = 0;
  const decode = (index: number, payload: FramePayload) =>
    new Promise<FromWorker>((res) => {
      const k = ++id;
      waiting.set(k, res);
      worker.postMessage({ type: 'decode', id: k, clipId: 'c', index, payload }, payloadTransferables(payload));
    });
  const record = (index: number, m: FromWorker) => {
    if (m.type === 'frame' && m.frame.kind === 'gray') out.frames[index] = Array.from(m.frame.pixels);
    else if (m.type === 'error') out.errors.push({ index, code: m.error.code, message: m.error.message + ' ' + (m.error.detail ?? '') });
  };
  for (let f = 0; f < img.frameCount; f++) record(f, await decode(f, framePayload(img, f)!));
  // Frame 0 with its Huffman tables turned into a comment: a typed error, then frame 0 again.
  const p = framePayload(img, 0)!;
  if (p.kind !== 'encapsulated') throw new Error('expected encapsulated data');
  const cs = p.fragments[0]!;
  for (let i = 2; i + 4 <= cs.length; i += 2 + ((cs[i + 2]! << 8) | cs[i + 3]!)) if (cs[i + 1] === 0xc4) { cs[i + 1] = 0xfe; break; }
  record(-1, await decode(0, p));
  const again = await decode(0, framePayload(img, 0)!);
  if (again.type === 'frame' && again.frame.kind === 'gray') out.frames[img.frameCount] = Array.from(again.frame.pixels);
  worker.terminate();
}
main().catch((e) => { out.failed = String(e); }).finally(() => { (window as unknown as { __j12?: Out }).__j12 = out; });
`;

const MIME: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm', '.dcm': 'application/dicom', '.map': 'application/json' };

describe('12-bit JPEG in the browser decode worker (Vite build, headless Chromium, app CSP)', () => {
  let files: Jpeg12Files;
  let work: string;
  let server: Server;
  let session: Session | undefined;
  let origin: string;

  beforeAll(async () => {
    requireTools(['dcmcjpeg', 'dcmdjpeg', 'dcmdump', CHROMIUM]);
    files = makeJpeg12Files();
    work = mkdtempSync(join(tmpdir(), 'bp-j12-browser-'));
    writeFileSync(join(work, 'index.html'), '<!doctype html><html><head><meta charset="utf-8"></head><body><script type="module" src="./main.ts"></script></body></html>');
    writeFileSync(join(work, 'main.ts'), MAIN_TS(repoRoot));
    await build({
      configFile: false,
      root: work,
      base: './',
      logLevel: 'error',
      build: { outDir: join(work, 'dist'), emptyOutDir: true, target: 'es2022', minify: false, sourcemap: false },
      worker: { format: 'es' },
    });
    const dist = join(work, 'dist');
    server = createServer((req, res) => {
      const url = decodeURIComponent((req.url ?? '/').split('?')[0]!);
      if (url === '/favicon.ico') return void res.writeHead(204).end();
      const file = url === '/clip.dcm' ? files.jpeg : resolve(dist, normalize(url === '/' ? 'index.html' : url.slice(1)));
      if (file !== files.jpeg && !file.startsWith(dist)) return void res.writeHead(403).end();
      try {
        const body = readFileSync(file);
        res.writeHead(200, { 'Content-Type': MIME[extname(file)] ?? 'application/octet-stream', 'Content-Security-Policy': cspString(true) });
        res.end(body);
      } catch {
        res.writeHead(404).end();
      }
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    const addr = server.address();
    origin = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  }, 180_000);

  afterAll(async () => {
    await session?.close();
    server?.close();
    if (work) rmSync(work, { recursive: true, force: true });
    files?.cleanup();
  });

  it('decodes every frame to DCMTK dcmdjpeg’s samples, and a damaged frame to a typed error', { timeout: 120_000 }, async () => {
    session = await launch({ width: 400, height: 300 });
    await session.page.goto(`${origin}/index.html`);
    await session.page.waitForFunction(() => (window as unknown as { __j12?: unknown }).__j12 !== undefined, undefined, { timeout: 60_000 });
    const out = (await session.page.evaluate(() => (window as unknown as { __j12: unknown }).__j12)) as {
      evalBlocked: boolean;
      frames: number[][];
      errors: { index: number; code: string; message: string }[];
      failed?: string;
    };
    expect(out.failed).toBeUndefined();
    // The CSP is in force: the page may not eval (dcmjs-codecs' own loader would need it).
    expect(out.evalBlocked).toBe(true);
    expect(out.frames.length).toBe(J12_FRAMES + 1);
    const lines: string[] = [];
    for (let f = 0; f <= J12_FRAMES; f++) {
      const px = out.frames[f]!;
      expect(px.length).toBe(N);
      const ref = files.refSamples.subarray((f % J12_FRAMES) * N, ((f % J12_FRAMES) + 1) * N);
      let max = 0;
      for (let p = 0; p < N; p++) max = Math.max(max, Math.abs(px[p]! - ref[p]!));
      lines.push(`frame ${f % J12_FRAMES}: max |Δ| ${max}`);
      expect(max, `browser frame ${f} vs dcmdjpeg`).toBeLessThanOrEqual(1);
    }
    console.log(`jpeg12 browser worker vs dcmdjpeg: ${lines.join(', ')} (last: frame 0 after a damaged frame)`);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0]!.code).toBe('decode-failed');
    expect(out.errors[0]!.message).toMatch(/jpeg12.*Huffman table/is);
    expect(session.consoleErrors).toEqual([]);
  });
});
