/**
 * The browser-mode static server: serves the built renderer and the bundled assets on 127.0.0.1
 * with the same Content-Security-Policy the desktop app uses. No other origin is contacted.
 * Requests must name this server in their Host header (a web page that rebinds its own DNS name
 * to 127.0.0.1 is refused), and a file is served only if its real path (symbolic links resolved)
 * lies inside its root.
 */
import { createServer, type Server } from 'node:http';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { cspString } from '../electron/main/csp';
import { mimeFor } from '../electron/main/protocol';
import { createPacsForwarder } from './pacs-forward'; // /pacs/…: forwards only to configured PACS servers

export interface ServeOptions {
  rendererRoot: string;
  assetsRoot: string;
  port: number;
  host?: string;
  /** Where browser mode keeps its PACS server list (none: memory only). */
  pacsSettingsFile?: string;
}

function inside(root: string, rel: string): string | null {
  const p = path.resolve(root, rel);
  return p === path.resolve(root) || p.startsWith(path.resolve(root) + path.sep) ? p : null;
}

/** The real path of `file` if it lies inside the real path of `root`, else null. */
async function realInside(root: string, file: string): Promise<string | null> {
  try {
    const [r, f] = await Promise.all([fs.realpath(root), fs.realpath(file)]);
    return f.startsWith(r + path.sep) ? f : null;
  } catch {
    return null;
  }
}

export async function startServer(opts: ServeOptions): Promise<{ server: Server; url: string }> {
  const host = opts.host ?? '127.0.0.1';
  const pacs = createPacsForwarder({ settingsFile: opts.pacsSettingsFile });
  let origin = '';
  /** `host:port` names this server answers to (filled in once the port is known). */
  const allowedHosts = new Set<string>();
  const server = createServer(async (req, res) => {
    if (!allowedHosts.has((req.headers.host ?? '').toLowerCase())) {
      res.writeHead(421, { 'Content-Type': 'text/plain' }).end('Misdirected request');
      return;
    }
    if (req.url?.startsWith('/pacs/') && (await pacs.handle(req, res, origin))) return;
    const headers = {
      'Content-Security-Policy': cspString(true),
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cross-Origin-Resource-Policy': 'same-origin',
      'Cache-Control': 'no-cache',
    };
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, headers).end();
        return;
      }
      const url = new URL(req.url ?? '/', `http://${host}`);
      let rel = decodeURIComponent(url.pathname).replace(/^\/+/, '');
      if (rel.includes('\0')) throw new Error('bad path');
      if (rel === '') rel = 'index.html';
      const root = rel.startsWith('assets/') ? opts.assetsRoot : opts.rendererRoot;
      const candidate = rel.startsWith('assets/') ? inside(opts.assetsRoot, rel.slice('assets/'.length)) : inside(opts.rendererRoot, rel);
      const file = candidate ? await realInside(root, candidate) : null;
      if (!file) {
        res.writeHead(404, headers).end('Not found');
        return;
      }
      const st = await fs.stat(file).catch(() => null);
      if (!st || !st.isFile()) {
        res.writeHead(404, headers).end('Not found');
        return;
      }
      res.writeHead(200, { ...headers, 'Content-Type': mimeFor(file), 'Content-Length': String(st.size) });
      if (req.method === 'HEAD') res.end();
      else res.end(await fs.readFile(file));
    } catch {
      res.writeHead(400, headers).end('Bad request');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host}:${port}`;
  for (const name of [host, 'localhost', '127.0.0.1', '[::1]']) allowedHosts.add(`${name}:${port}`.toLowerCase());
  return { server, url: `${origin}/` };
}
