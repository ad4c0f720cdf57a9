/**
 * `blockplan serve DIR [--port N]`: serve a published teaching folder on 127.0.0.1 only, with the
 * GET and HEAD of files inside DIR, nothing else. The app's Content-Security-Policy comes with its
 * index.html (the meta tag Vite writes); the header adds frame-ancestors, which a meta tag cannot.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { UsageError, type CliCommand, type CliIO } from '../types';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.png': 'image/png',
};

/** Start the server; resolves with its URL once listening. */
export function serveFolder(dir: string, port: number): Promise<{ url: string; close(): Promise<void> }> {
  const root = resolve(dir);
  const server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    const rel = decodeURIComponent((req.url ?? '/').split('?')[0]!).replace(/^\/+/, '') || 'index.html';
    const file = resolve(root, rel);
    if (file !== root && !file.startsWith(root + sep)) return void res.writeHead(404).end();
    let st;
    try {
      st = statSync(file);
    } catch {
      return void res.writeHead(404).end();
    }
    const path = st.isDirectory() ? join(file, 'index.html') : file;
    res.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream', 'Content-Security-Policy': "frame-ancestors 'none'", 'X-Content-Type-Options': 'nosniff' });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(path).on('error', () => res.destroy()).pipe(res);
  });
  return new Promise((ok) =>
    server.listen(port, '127.0.0.1', () => {
      const a = server.address();
      const p = typeof a === 'object' && a ? a.port : port;
      ok({ url: `http://127.0.0.1:${p}/`, close: () => new Promise<void>((r) => server.close(() => r())) });
    }),
  );
}

export const serve: CliCommand = {
  summary: 'Serve a published teaching folder on 127.0.0.1',
  usage: 'usage: blockplan serve DIR [--port N]\n\nServes DIR (from `blockplan publish`) on 127.0.0.1 only; open <url>teach.html. Ctrl+C stops it.',
  async run(args: string[], io: CliIO): Promise<number> {
    let port = 8080;
    const dirs: string[] = [];
    for (let i = 0; i < args.length; i++) {
      if (args[i] === '--port') port = Number(args[++i]);
      else if (args[i]!.startsWith('-')) throw new UsageError(`unknown option '${args[i]}'`);
      else dirs.push(args[i]!);
    }
    if (dirs.length !== 1) throw new UsageError('give exactly one DIR');
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port must be 0–65535');
    const s = await serveFolder(resolve(io.cwd, dirs[0]!), port);
    io.out(`serving ${dirs[0]} at ${s.url}teach.html (127.0.0.1 only; Ctrl+C to stop)`);
    await new Promise<void>((r) => process.once('SIGINT', () => r()));
    await s.close();
    return 0;
  },
};
