/**
 * The browser-mode server (scripts/serve.ts): only its own Host names, only files whose real path
 * is inside their root.
 */
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../../scripts/serve';

let base: URL;
let close: () => Promise<void>;
const dir = mkdtempSync(path.join(os.tmpdir(), 'bp-serve-'));

beforeAll(async () => {
  mkdirSync(path.join(dir, 'renderer'));
  mkdirSync(path.join(dir, 'assets'));
  writeFileSync(path.join(dir, 'renderer', 'index.html'), '<html></html>');
  writeFileSync(path.join(dir, 'secret.txt'), 'SECRET');
  writeFileSync(path.join(dir, 'assets', 'a.txt'), 'asset');
  if (process.platform !== 'win32') symlinkSync(path.join(dir, 'secret.txt'), path.join(dir, 'assets', 'leak.txt'));
  const { server, url } = await startServer({ rendererRoot: path.join(dir, 'renderer'), assetsRoot: path.join(dir, 'assets'), port: 0 });
  base = new URL(url);
  close = () => new Promise((r) => server.close(() => r()));
});
afterAll(async () => close?.());

function get(p: string, host = base.host): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: base.hostname, port: base.port, path: p, headers: { host } }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser-mode server', () => {
  it('serves the app and assets to its own host names', async () => {
    expect(await get('/')).toEqual({ status: 200, body: '<html></html>' });
    expect((await get('/assets/a.txt', `localhost:${base.port}`)).body).toBe('asset');
  });

  it('refuses another Host (DNS rebinding)', async () => {
    expect((await get('/', `evil.example:${base.port}`)).status).toBe(421);
    expect((await get('/', 'evil.example')).status).toBe(421);
  });

  it.runIf(process.platform !== 'win32')('does not follow a symbolic link out of its root', async () => {
    expect((await get('/assets/leak.txt')).status).toBe(404);
    expect((await get('/%2e%2e/secret.txt')).status).toBe(404);
  });
});
