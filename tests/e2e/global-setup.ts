/**
 * e2e global setup: build the renderer (unless BLOCKPLAN_E2E_NO_BUILD=1) and serve browser mode on
 * a free port of 127.0.0.1, exactly as `npm run web` does.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../scripts/serve';
import { CHROMIUM } from './browser';

declare module 'vitest' {
  export interface ProvidedContext {
    webUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium not found at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium).`);
  const root = path.resolve(__dirname, '../..');
  if (process.env.BLOCKPLAN_E2E_NO_BUILD !== '1') {
    // NODE_ENV=production: vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    const r = spawnSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (r.status !== 0) throw new Error('vite build failed');
  }
  const { server, url } = await startServer({ rendererRoot: path.join(root, 'dist/renderer'), assetsRoot: path.join(root, 'assets'), port: 0 });
  project.provide('webUrl', url);
  return async () => {
    await new Promise<void>((r) => server.close(() => r()));
  };
}
