/**
 * The renderer's way to a PACS: never direct (the CSP allows no remote origin). Desktop: the PACS
 * channels of the IPC contract (main process, Electron net). Browser mode: the local server's
 * forwarder (/pacs/…, scripts/pacs-forward.ts). Both give the core client a DicomWebTransport bound
 * to a configured server id; neither exposes credentials to the page.
 */
import type { DicomWebTransport, ByteReader, TransportFailureKind } from '../../core/dicomweb/transport';
import { TransportFailure } from '../../core/dicomweb/transport';
import { requestUrl } from '../../core/dicomweb/fetch-transport';
import type { Result } from '../../core/result';
import type { BlockPlanApi, PacsServerListing, PacsServerSetting } from '../../electron/ipc-contract';

export type { PacsServerListing, PacsServerSetting };

export interface PacsBridge {
  readonly mode: 'electron' | 'browser';
  listServers(): Promise<Result<PacsServerListing[]>>;
  saveServer(server: PacsServerSetting, secret: string | null, remember: boolean): Promise<Result<PacsServerListing[]>>;
  removeServer(id: string): Promise<Result<PacsServerListing[]>>;
  transport(server: PacsServerListing): DicomWebTransport;
}

const KINDS: TransportFailureKind[] = ['refused', 'dns', 'unreachable', 'timeout', 'tls', 'reset', 'cancelled', 'refused-by-app', 'network'];
const kindOf = (s: string | null): TransportFailureKind => (KINDS.includes(s as TransportFailureKind) ? (s as TransportFailureKind) : 'network');

function electronPacs(api: BlockPlanApi): PacsBridge {
  const fail = (e: { code: string; title: string; detail?: string }) => new TransportFailure(kindOf(e.code.replace(/^pacs\/transport-/, '')), e.detail ?? e.title);
  return {
    mode: 'electron',
    listServers: () => api.pacsListServers(null),
    saveServer: (server, secret, remember) => api.pacsSaveServer({ server, secret, remember }),
    removeServer: (id) => api.pacsRemoveServer({ id }),
    transport: (server) => ({
      serverName: server.name,
      serverUrl: server.baseUrl,
      async send(req) {
        if (req.signal?.cancelled) throw new TransportFailure('cancelled');
        const r = await api.pacsRequest({ serverId: server.id, method: req.method, path: req.path, query: (req.query ?? []).map(([k, v]) => [k, v]), accept: req.accept, contentType: req.contentType ?? null, body: req.body ?? null });
        if (!r.ok) throw fail(r.error);
        const { handle } = r.value;
        let closed = false;
        const close = async () => {
          if (closed) return;
          closed = true;
          await api.pacsClose({ handle });
        };
        const off = req.signal?.onCancel(() => void close()) ?? (() => undefined);
        const body: ByteReader = {
          async read() {
            if (closed) throw new TransportFailure('cancelled');
            const c = await api.pacsRead({ handle });
            if (!c.ok) {
              closed = true;
              off();
              throw fail(c.error);
            }
            if (c.value.chunk === null) {
              closed = true;
              off();
            }
            return c.value.chunk;
          },
          cancel: async () => {
            off();
            await close();
          },
        };
        return { status: r.value.status, header: (n) => (n.toLowerCase() === 'content-type' ? r.value.contentType : n.toLowerCase() === 'content-length' && r.value.contentLength !== null ? String(r.value.contentLength) : null), body };
      },
    }),
  };
}

const H = { 'X-BlockPlan-Pacs': '1' };

async function jsonCall<T>(url: string, init: RequestInit): Promise<Result<T>> {
  try {
    const r = await fetch(url, { ...init, headers: { ...H, ...(init.headers ?? {}) } });
    if (!r.ok) return { ok: false, error: { code: 'pacs/settings', title: 'The PACS settings could not be changed.', detail: await r.text() } };
    return { ok: true, value: (await r.json()) as T };
  } catch (e) {
    return { ok: false, error: { code: 'pacs/settings', title: 'The local BlockPlan server did not answer.', action: 'Check that `npm run web` is still running.', detail: String(e) } };
  }
}

function browserPacs(): PacsBridge {
  const base = new URL('pacs/', document.baseURI).toString();
  return {
    mode: 'browser',
    listServers: () => jsonCall(`${base}servers`, { method: 'GET' }),
    saveServer: (server, secret, remember) => jsonCall(`${base}servers`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ server, secret, remember }) }),
    removeServer: (id) => jsonCall(`${base}servers/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    transport: (server) => ({
      serverName: server.name,
      serverUrl: server.baseUrl,
      async send(req) {
        const ac = new AbortController();
        const off = req.signal?.onCancel(() => ac.abort()) ?? (() => undefined);
        let res: Response;
        try {
          res = await fetch(requestUrl(`${base}forward/${server.id}`, req.path, req.query ?? []), {
            method: req.method,
            headers: { ...H, Accept: req.accept, ...(req.contentType ? { 'Content-Type': req.contentType } : {}) },
            ...(req.body ? { body: req.body as Uint8Array<ArrayBuffer> } : {}),
            signal: ac.signal,
          });
        } catch (e) {
          off();
          throw new TransportFailure(req.signal?.cancelled ? 'cancelled' : 'network', `the local BlockPlan server did not answer (${String(e)})`);
        }
        const kind = res.headers.get('x-blockplan-pacs-error');
        if (kind) {
          off();
          throw new TransportFailure(kindOf(kind), await res.text().catch(() => ''));
        }
        const reader = res.body?.getReader();
        let done = !reader;
        return {
          status: res.status,
          header: (n) => res.headers.get(n),
          body: {
            async read() {
              if (done || !reader) return null;
              try {
                const r = await reader.read();
                if (r.done) {
                  done = true;
                  off();
                  return null;
                }
                return r.value;
              } catch (e) {
                done = true;
                off();
                throw new TransportFailure(req.signal?.cancelled ? 'cancelled' : 'reset', String(e));
              }
            },
            async cancel() {
              done = true;
              off();
              await reader?.cancel().catch(() => undefined);
            },
          },
        };
      },
    }),
  };
}

let instance: PacsBridge | null = null;

/** The PACS bridge of this platform. */
export function pacsBridge(): PacsBridge {
  instance ??= window.blockplan ? electronPacs(window.blockplan) : browserPacs();
  return instance;
}

/** Tests only. */
export function setPacsBridgeForTests(b: PacsBridge | null): void {
  instance = b;
}
