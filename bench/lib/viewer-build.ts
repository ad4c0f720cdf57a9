/**
 * Build browser mode and the decode-comparison page into a private folder (so the benchmark never
 * touches dist/renderer, which other tools rebuild), and serve both with the app's CSP.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startServer } from '../../scripts/serve';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface BenchSite {
  url: string;
  close(): Promise<void>;
}

/**
 * Build the app (at /) and the decode page (at /bench/), serve them, and clips under /assets/.
 * BLOCKPLAN_BENCH_NO_MINIFY=1 keeps the decode page's names readable in profiles.
 */
export async function buildAndServe(clipsDir: string, log: (s: string) => void): Promise<BenchSite> {
  const out = mkdtempSync(path.join(os.tmpdir(), 'blockplan-viewer-bench-'));
  const cwd = process.cwd();
  process.chdir(ROOT);
  process.env.NODE_ENV = 'production'; // React's production build, as shipped
  try {
    log('building browser mode …');
    await build({ configFile: path.join(ROOT, 'vite.config.ts'), logLevel: 'error', build: { outDir: out, emptyOutDir: true, sourcemap: false } });
    log('building the decode comparison page …');
    await build({
      configFile: false,
      root: path.join(ROOT, 'bench/lib/viewer-page'),
      base: './',
      logLevel: 'error',
      worker: { format: 'es' },
      resolve: { alias: { events: path.join(ROOT, 'bench/lib/viewer-page/events-shim.ts') } },
      build: { outDir: path.join(out, 'bench'), emptyOutDir: true, target: 'es2022', assetsDir: 'static', sourcemap: false, chunkSizeWarningLimit: 10_000, ...(process.env.BLOCKPLAN_BENCH_NO_MINIFY ? { minify: false } : {}) },
    });
  } finally {
    process.chdir(cwd);
  }
  const { server, url } = await startServer({ rendererRoot: out, assetsRoot: clipsDir, port: 0 });
  return {
    url,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      rmSync(out, { recursive: true, force: true });
    },
  };
}
