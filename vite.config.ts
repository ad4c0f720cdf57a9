import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspString } from './electron/main/csp.ts';
import { mimeFor } from './electron/main/mime.ts';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as { version: string };

/** Inject the app's Content-Security-Policy as a meta tag (the servers also send it as a header). */
function cspMeta(): Plugin {
  return {
    name: 'blockplan-csp',
    transformIndexHtml: {
      order: 'pre',
      handler: (html, ctx) =>
        // Vite's dev server injects inline scripts (HMR), so the meta tag is only added to builds.
        ctx.server ? html : html.replace('<!-- CSP -->', `<meta http-equiv="Content-Security-Policy" content="${cspString(false)}" />`),
    },
  };
}

/** Dev server only: serve /assets/ (atlas, sample clips) from the repository's assets folder, as the
 * browser-mode server and the app:// protocol do for builds. */
function devAssets(): Plugin {
  return {
    name: 'blockplan-dev-assets',
    apply: 'serve',
    configureServer(server) {
      const root = fileURLToPath(new URL('./assets/', import.meta.url));
      server.middlewares.use('/assets', (req, res, next) => {
        const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '');
        const file = path.resolve(root, rel);
        if (!file.startsWith(root) || !existsSync(file) || !statSync(file).isFile()) return next();
        res.setHeader('Content-Type', mimeFor(file));
        res.end(readFileSync(file));
      });
    },
  };
}

/**
 * Builds only: list the app's files in app-files.json (core/app/publish.ts APP_FILES_MANIFEST), so
 * "Publish as teaching page" copies the same app from disk (CLI, desktop) or from its origin (browser).
 */
function appFilesManifest(): Plugin {
  let outDir = '';
  return {
    name: 'blockplan-app-files',
    apply: 'build',
    configResolved(c) {
      outDir = path.resolve(c.root, c.build.outDir);
    },
    closeBundle() {
      const files = (readdirSync(outDir, { recursive: true, withFileTypes: true }) as Dirent[])
        .filter((d) => d.isFile())
        .map((d) => path.relative(outDir, path.join(d.parentPath, d.name)).split(path.sep).join('/'))
        .filter((f) => !f.endsWith('.map') && f !== 'app-files.json')
        .sort();
      writeFileSync(path.join(outDir, 'app-files.json'), JSON.stringify({ files }, null, 1));
    },
  };
}

export default defineConfig({
  root: 'renderer',
  base: './',
  publicDir: 'public',
  define: { __APP_VERSION__: JSON.stringify(pkg.version) },
  plugins: [react(), cspMeta(), devAssets(), appFilesManifest()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    // /assets/ is reserved for the bundled anatomy atlas and sample clips (served from ./assets).
    assetsDir: 'static',
    target: 'es2022',
    sourcemap: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      onLog(level, log, handler) {
        // dcmjs-codecs (12-bit JPEG) ships an eval-based WebAssembly loader that BlockPlan never calls:
        // core/dicom/codecs.ts injects the bytes instead, and the CSP forbids eval anyway.
        if (log.code === 'EVAL' && log.id?.includes('dcmjs-codecs')) return;
        // The emscripten glue of the WebAssembly codecs has a Node branch (fs, path) never taken in a browser.
        if (/externalized for browser compatibility/.test(log.message) && /@cornerstonejs\/codec-|dcmjs-codecs/.test(log.message)) return;
        handler(level, log);
      },
    },
  },
  worker: { format: 'es' },
  server: { host: '127.0.0.1', fs: { allow: ['..'] } },
});
