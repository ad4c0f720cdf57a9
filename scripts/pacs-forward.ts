/**
 * Browser mode's PACS forwarder, inside the local server (scripts/serve.ts). The page cannot reach a
 * PACS itself (its CSP allows only its own origin), so it asks this server, which forwards ONLY:
 *   - to a server configured in its settings (by id; the page never gives a URL),
 *   - a DICOMweb resource BlockPlan uses (core/dicomweb/routes: same schema as the desktop main process),
 *   - with the credentials it holds (never sent to the page).
 * It is not an open proxy. Requests must carry `X-BlockPlan-Pacs: 1` (a custom header: a page of
 * another origin cannot send it without a CORS preflight, which is never granted), the Host must be
 * this server's, and an Origin, when sent, must be this server's origin.
 *
 *   GET    /pacs/servers               the configured servers (no secrets)
 *   PUT    /pacs/servers               add or change one: {server, secret, remember}
 *   DELETE /pacs/servers/<id>          remove one
 *   GET|POST /pacs/forward/<id>/<path>?<query>   a DICOMweb request; the answer streams back.
 *            Failures below HTTP: 502 with `X-BlockPlan-Pacs-Error: <kind>` and the detail as text.
 *
 * Secrets stay in memory for the session unless the user ticks "remember"; then they are written to
 * the settings file (mode 0600, in clear: browser mode has no OS keychain — the page says so).
 */
import { promises as fs } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { z } from 'zod';
import { fetchTransport, type FetchLike } from '../core/dicomweb/fetch-transport';
import { MAX_STORE_BODY_BYTES, PacsHttpRequestSchema } from '../core/dicomweb/routes';
import { authorizationHeader, PacsServerSchema, SecretSchema, type PacsServer, type PacsServerInfo } from '../core/dicomweb/server';
import { CancelSource, TransportFailure } from '../core/dicomweb/transport';
import { classifyNodeError } from '../core/dicomweb/transport-errors';
import { nodeHttpTransport } from '../core/node/dicomweb-http';

const FileSchema = z.object({ servers: z.array(PacsServerSchema), secrets: z.record(z.string(), z.string()).default({}) });
const SaveSchema = z.object({ server: PacsServerSchema, secret: SecretSchema.nullable(), remember: z.boolean() }).strict();

export interface ForwarderOptions {
  /** Where the server list is kept; none = memory only (tests). */
  settingsFile?: string;
  /** A fetch to forward with instead of node:http (core/node/dicomweb-http, the default). */
  fetch?: FetchLike;
}

export function createPacsForwarder(opts: ForwarderOptions = {}) {
  let servers: PacsServer[] = [];
  let saved: Record<string, string> = {};
  const session = new Map<string, string>();
  let loaded = !opts.settingsFile;

  const load = async () => {
    if (loaded) return;
    loaded = true;
    try {
      const p = FileSchema.safeParse(JSON.parse(await fs.readFile(opts.settingsFile!, 'utf8')));
      if (p.success) ({ servers, secrets: saved } = { servers: p.data.servers, secrets: p.data.secrets });
    } catch {
      /* none yet */
    }
  };
  const persist = async () => {
    if (!opts.settingsFile) return;
    await fs.mkdir(path.dirname(opts.settingsFile), { recursive: true });
    const tmp = `${opts.settingsFile}.${process.pid}.tmp`;
    await fs.writeFile(tmp, JSON.stringify({ servers, secrets: saved }, null, 2), { mode: 0o600 });
    await fs.rename(tmp, opts.settingsFile);
  };
  const list = (): PacsServerInfo[] => servers.map((s) => ({ ...s, secret: session.has(s.id) ? 'session' : saved[s.id] ? 'saved' : 'none' }));

  const json = (res: ServerResponse, status: number, value: unknown) => void res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' }).end(JSON.stringify(value));
  const fail = (res: ServerResponse, status: number, kind: string, detail: string) => void res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'X-BlockPlan-Pacs-Error': kind, 'Cache-Control': 'no-store' }).end(detail);

  async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
    const chunks: Buffer[] = [];
    let n = 0;
    for await (const c of req as AsyncIterable<Buffer>) {
      n += c.length;
      if (n > limit) return null;
      chunks.push(c);
    }
    return Buffer.concat(chunks);
  }

  /** Handles /pacs/…; returns false for other paths. `self` is this server's origin (http://127.0.0.1:PORT). */
  async function handle(req: IncomingMessage, res: ServerResponse, self: string): Promise<boolean> {
    const url = new URL(req.url ?? '/', self);
    if (!url.pathname.startsWith('/pacs/')) return false;
    if (req.headers.host !== new URL(self).host) return fail(res, 403, 'refused-by-app', 'wrong Host'), true;
    if (req.headers.origin !== undefined && req.headers.origin !== self) return fail(res, 403, 'refused-by-app', 'another origin'), true;
    if (req.headers['x-blockplan-pacs'] !== '1') return fail(res, 403, 'refused-by-app', 'missing X-BlockPlan-Pacs header'), true;
    await load();
    try {
      if (url.pathname === '/pacs/servers' && req.method === 'GET') return json(res, 200, list()), true;
      if (url.pathname === '/pacs/servers' && req.method === 'PUT') {
        const body = await readBody(req, 64 * 1024);
        const p = body ? SaveSchema.safeParse(JSON.parse(body.toString('utf8'))) : null;
        if (!p?.success) return fail(res, 400, 'refused-by-app', p ? p.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') : 'too large'), true;
        const { server, secret, remember } = p.data;
        const i = servers.findIndex((s) => s.id === server.id);
        const before = i >= 0 ? servers[i] : undefined;
        if (i >= 0) servers[i] = server;
        else servers.push(server);
        if (server.auth.kind === 'none' || (before && (before.baseUrl !== server.baseUrl || before.auth.kind !== server.auth.kind)) || secret !== null) {
          session.delete(server.id);
          delete saved[server.id];
        }
        if (secret !== null && server.auth.kind !== 'none') {
          if (remember) saved[server.id] = secret;
          else session.set(server.id, secret);
        }
        await persist();
        return json(res, 200, list()), true;
      }
      const del = /^\/pacs\/servers\/([a-z0-9-]+)$/.exec(url.pathname);
      if (del && req.method === 'DELETE') {
        servers = servers.filter((s) => s.id !== del[1]);
        delete saved[del[1]!];
        session.delete(del[1]!);
        await persist();
        return json(res, 200, list()), true;
      }
      const fwd = /^\/pacs\/forward\/([a-z0-9-]+)\/(.+)$/.exec(url.pathname);
      if (fwd && (req.method === 'GET' || req.method === 'POST')) {
        const body = req.method === 'POST' ? await readBody(req, MAX_STORE_BODY_BYTES) : null;
        if (req.method === 'POST' && !body) return fail(res, 413, 'refused-by-app', 'the store request is too large'), true;
        const parsed = PacsHttpRequestSchema.safeParse({
          serverId: fwd[1],
          method: req.method,
          path: decodeURIComponent(fwd[2]!),
          query: [...url.searchParams.entries()],
          accept: req.headers.accept ?? '',
          contentType: req.method === 'POST' ? (req.headers['content-type'] ?? '') : null,
          body: body ? new Uint8Array(body.buffer, body.byteOffset, body.byteLength) : null,
        });
        if (!parsed.success) return fail(res, 400, 'refused-by-app', `not a DICOMweb request BlockPlan sends (${parsed.error.issues[0]?.message ?? 'invalid'})`), true;
        const server = servers.find((s) => s.id === parsed.data.serverId);
        if (!server) return fail(res, 404, 'refused-by-app', `no PACS "${parsed.data.serverId}" is configured`), true;
        const secret = session.get(server.id) ?? saved[server.id] ?? null;
        const to = { serverName: server.name, baseUrl: server.baseUrl, authorization: authorizationHeader(server.auth, secret) };
        const t = opts.fetch ? fetchTransport({ ...to, fetch: opts.fetch, classify: classifyNodeError }) : nodeHttpTransport(to);
        const r = parsed.data;
        // The page cancelling (or timing out) closes its request: stop talking to the PACS too.
        const cs = new CancelSource();
        res.on('close', () => {
          if (!res.writableFinished) cs.cancel();
        });
        let answer;
        try {
          answer = await t.send({ method: r.method, path: r.path, query: r.query, accept: r.accept, signal: cs.signal, ...(r.contentType ? { contentType: r.contentType } : {}), ...(r.body ? { body: r.body } : {}) });
        } catch (e) {
          const f = e instanceof TransportFailure ? e : classifyNodeError(e);
          return fail(res, 502, f.kind, f.detail), true;
        }
        const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
        for (const h of ['content-type', 'content-length']) {
          const v = answer.header(h);
          if (v !== null) headers[h] = v;
        }
        res.writeHead(answer.status, headers);
        try {
          for (let c = await answer.body.read(); c; c = await answer.body.read()) {
            if (!res.write(c)) await new Promise<void>((ok) => res.once('drain', ok));
          }
          res.end();
        } catch {
          res.destroy(); // the page sees the body end early: its client reports it, nothing is kept
        }
        return true;
      }
      return fail(res, 404, 'refused-by-app', 'unknown PACS endpoint'), true;
    } catch (e) {
      return fail(res, 500, 'network', e instanceof Error ? e.message : String(e)), true;
    }
  }

  return { handle };
}
