/**
 * PACS channels of the IPC contract, in the main process: the only place the desktop app talks to a
 * PACS. The renderer names a configured server by id and a DICOMweb resource (validated by
 * core/dicomweb/routes); main resolves the URL, adds the credentials and sends it with Chromium's
 * network stack (a session of its own, `fetch` injected), then hands the body back in pieces.
 *
 * Responses are read ahead into a bounded queue (at most 8 MB) so the network is not idle while a
 * piece crosses IPC; `pacsRead` returns up to 4 MB at a time. A response the renderer stops reading
 * for 2 minutes, or closes, is cancelled.
 */
import { z } from 'zod';
import { fetchTransport, type FetchLike } from '../../core/dicomweb/fetch-transport';
import { PacsHttpRequestSchema } from '../../core/dicomweb/routes';
import { AuthSchema, authorizationHeader, BaseUrlSchema, SecretSchema, ServerIdSchema, TimeoutsSchema } from '../../core/dicomweb/server';
import { classifyChromiumError } from '../../core/dicomweb/transport-errors';
import { TransportFailure, type ByteReader } from '../../core/dicomweb/transport';
import type { IpcContract, IpcRequest, IpcResponse, IpcResult } from '../ipc-contract';
import type { PacsSettings } from './pacs-settings';

type PacsChannel = 'pacsListServers' | 'pacsSaveServer' | 'pacsRemoveServer' | 'pacsRequest' | 'pacsRead' | 'pacsClose';
export type PacsHandlers = { [C in PacsChannel]: (req: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>> };

const handleSchema = z.object({ handle: z.number().int().positive() }).strict();

/** Argument schemas of the PACS channels (spread into electron/main/ipc.ts requestSchemas). */
export const pacsRequestSchemas: { [C in PacsChannel]: z.ZodType<IpcContract[C]['request']> } = {
  pacsListServers: z.null(),
  pacsSaveServer: z
    .object({
      server: z
        .object({ id: ServerIdSchema, name: z.string().trim().min(1).max(80), baseUrl: BaseUrlSchema, auth: AuthSchema, timeouts: TimeoutsSchema, maxRetrieveMb: z.number().int().min(1).max(65_536) })
        .strict(),
      secret: SecretSchema.nullable(),
      remember: z.boolean(),
    })
    .strict() as unknown as z.ZodType<IpcContract['pacsSaveServer']['request']>,
  pacsRemoveServer: z.object({ id: ServerIdSchema }).strict(),
  pacsRequest: PacsHttpRequestSchema as unknown as z.ZodType<IpcContract['pacsRequest']['request']>,
  pacsRead: handleSchema,
  pacsClose: handleSchema,
};

const READ_AHEAD_BYTES = 8 * 1024 ** 2;
const MAX_PIECE_BYTES = 4 * 1024 ** 2;
const ABANDONED_MS = 120_000;

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });
const transportErr = (f: TransportFailure): IpcResult<never> => ({ ok: false, error: { code: `pacs/transport-${f.kind}`, title: f.detail || f.kind, detail: f.detail } });

/** One response being read ahead. */
class Pump {
  private queue: Uint8Array[] = [];
  private queued = 0;
  private done = false;
  private failure: TransportFailure | null = null;
  private wake: (() => void) | null = null;
  private pulling = false;
  lastUsed = Date.now();

  constructor(private readonly body: ByteReader) {
    void this.pull();
  }

  private async pull(): Promise<void> {
    if (this.pulling) return;
    this.pulling = true;
    try {
      while (!this.done && this.queued < READ_AHEAD_BYTES) {
        const c = await this.body.read();
        if (c === null) this.done = true;
        else if (c.length) {
          this.queue.push(c);
          this.queued += c.length;
        }
        this.wake?.();
      }
    } catch (e) {
      this.failure = e instanceof TransportFailure ? e : classifyChromiumError(e);
      this.done = true;
      this.wake?.();
    } finally {
      this.pulling = false;
    }
  }

  async read(): Promise<Uint8Array | null> {
    this.lastUsed = Date.now();
    while (this.queue.length === 0 && !this.done) await new Promise<void>((r) => (this.wake = r));
    this.wake = null;
    if (this.queue.length === 0) {
      if (this.failure) throw this.failure;
      return null;
    }
    let n = 0;
    let k = 0;
    while (k < this.queue.length && (k === 0 || n + this.queue[k]!.length <= MAX_PIECE_BYTES)) n += this.queue[k++]!.length;
    const parts = this.queue.splice(0, k);
    this.queued -= n;
    void this.pull();
    if (parts.length === 1) return parts[0]!;
    const out = new Uint8Array(n);
    let o = 0;
    for (const p of parts) {
      out.set(p, o);
      o += p.length;
    }
    return out;
  }

  async cancel(): Promise<void> {
    this.done = true;
    this.queue = [];
    this.wake?.();
    await this.body.cancel();
  }
}

export interface PacsDeps {
  settings: PacsSettings;
  /** Chromium's fetch on a session of its own (electron/main/index.ts); tests pass Node's. */
  fetch: FetchLike;
  classify?: (e: unknown) => TransportFailure;
  now?: () => number;
}

export function createPacsHandlers(deps: PacsDeps): PacsHandlers & { closeAll(): Promise<void> } {
  const pumps = new Map<number, Pump>();
  let next = 1;
  const classify = deps.classify ?? classifyChromiumError;
  const now = deps.now ?? Date.now;
  const sweep = () => {
    for (const [h, p] of pumps) if (now() - p.lastUsed > ABANDONED_MS) void p.cancel().finally(() => pumps.delete(h));
  };
  return {
    pacsListServers: async () => ok(await deps.settings.list()),
    pacsSaveServer: async ({ server, secret, remember }) => ok(await deps.settings.save(server, secret, remember)),
    pacsRemoveServer: async ({ id }) => ok(await deps.settings.remove(id)),
    pacsRequest: async (req) => {
      sweep();
      const server = await deps.settings.get(req.serverId);
      if (!server) return transportErr(new TransportFailure('refused-by-app', `no PACS "${req.serverId}" is configured`));
      const secret = await deps.settings.secretOf(server.id);
      const t = fetchTransport({ serverName: server.name, baseUrl: server.baseUrl, authorization: authorizationHeader(server.auth, secret), fetch: deps.fetch, classify });
      try {
        const res = await t.send({ method: req.method, path: req.path, query: req.query, accept: req.accept, ...(req.contentType ? { contentType: req.contentType } : {}), ...(req.body ? { body: req.body } : {}) });
        const handle = next++;
        pumps.set(handle, new Pump(res.body));
        const len = res.header('content-length');
        return ok({ handle, status: res.status, contentType: res.header('content-type'), contentLength: len !== null && /^\d+$/.test(len) ? Number(len) : null });
      } catch (e) {
        return transportErr(e instanceof TransportFailure ? e : classify(e));
      }
    },
    pacsRead: async ({ handle }) => {
      const p = pumps.get(handle);
      if (!p) return transportErr(new TransportFailure('cancelled', 'the response was closed'));
      try {
        const chunk = await p.read();
        if (chunk === null) pumps.delete(handle);
        return ok({ chunk });
      } catch (e) {
        pumps.delete(handle);
        return transportErr(e instanceof TransportFailure ? e : classify(e));
      }
    },
    pacsClose: async ({ handle }) => {
      const p = pumps.get(handle);
      pumps.delete(handle);
      await p?.cancel();
      return ok(null);
    },
    async closeAll() {
      await Promise.all([...pumps.values()].map((p) => p.cancel()));
      pumps.clear();
    },
  };
}
