/**
 * A {@link DicomWebTransport} over Node's own `http`/`https` modules: what `blockplan pacs`, the
 * browser-mode forwarder (scripts/pacs-forward.ts) and bench:pacs use in Node.
 *
 * Why not Node's global `fetch` (undici) as before: it hands the body out through WHATWG streams,
 * which cost about twice the CPU of a plain `IncomingMessage` for the same bytes (bench:pacs, docs/
 * BENCHMARKS.md) — the difference between meeting and missing "≥ 0.8× curl" on a loaded machine.
 * Here the body's chunks (fresh Buffers, one per socket read) go into a small queue with
 * back-pressure (the socket is paused above {@link HIGH_WATER_BYTES} queued), and `read()` hands
 * them out as they are: no copy, no stream layer.
 *
 * The same rules as the fetch transport (fetch-transport.ts): redirects are reported, never followed;
 * no compression is asked for (`Accept-Encoding: identity`), so the bytes parsed are the bytes sent;
 * errors are Node's codes classified by core/dicomweb/transport-errors. Keep-alive agents are shared
 * by every transport of the process (one per protocol; one per custom CA), so the QIDO listing and the
 * WADO-RS retrieve reuse a connection and the forwarder, which makes a transport per request, does
 * not pile up idle sockets. Idle sockets do not keep the process alive (Node unrefs them).
 */
import http from 'node:http';
import https from 'node:https';
import { DicomWebClient, type ClientOptions } from '../dicomweb/client';
import { redirectRefusal, requestUrl } from '../dicomweb/fetch-transport';
import { authorizationHeader, type PacsAuth } from '../dicomweb/server';
import { TransportFailure, type ByteReader, type DicomWebRequest, type DicomWebResponse, type DicomWebTransport } from '../dicomweb/transport';
import { classifyNodeError } from '../dicomweb/transport-errors';

/** Queued body bytes above which the socket is paused until the reader catches up. */
export const HIGH_WATER_BYTES = 8 * 1024 ** 2;

export interface NodeHttpTransportOptions {
  serverName: string;
  /** DICOMweb root, http:// or https:// (no trailing slash needed). */
  baseUrl: string;
  /** Authorization header value, or null. */
  authorization: string | null;
  /** Extra CA certificates to trust (PEM), e.g. a hospital's own CA; default: Node's bundled roots. */
  ca?: string | Buffer | (string | Buffer)[];
}

const sharedHttp = new http.Agent({ keepAlive: true });
const sharedHttps = new https.Agent({ keepAlive: true });

/** The body of one response as a {@link ByteReader}: chunks queued with back-pressure, errors classified. */
function bodyReader(res: http.IncomingMessage, onDone: () => void): ByteReader {
  const queue: Buffer[] = [];
  let queued = 0;
  let ended = false;
  let failure: TransportFailure | null = null;
  let wake: (() => void) | null = null;
  let finished = false;
  const notify = () => {
    const w = wake;
    wake = null;
    w?.();
  };
  const finish = () => {
    if (finished) return;
    finished = true;
    onDone();
  };
  res.on('data', (c: Buffer) => {
    queue.push(c);
    queued += c.length;
    if (queued > HIGH_WATER_BYTES) res.pause();
    notify();
  });
  res.on('end', () => {
    ended = true;
    notify();
  });
  res.on('error', (e) => {
    failure ??= e instanceof TransportFailure ? e : classifyNodeError(e);
    notify();
  });
  res.on('close', () => {
    // Closed before 'end': the connection broke in the middle of the body.
    if (!ended && !failure) failure = new TransportFailure('reset', 'the connection closed before the end of the response');
    notify();
  });
  return {
    async read() {
      for (;;) {
        const c = queue.shift();
        if (c) {
          queued -= c.length;
          if (queued <= HIGH_WATER_BYTES / 2 && res.isPaused()) res.resume();
          return c;
        }
        if (failure) {
          finish();
          throw failure;
        }
        if (ended) {
          finish();
          return null;
        }
        await new Promise<void>((r) => (wake = r));
      }
    },
    async cancel() {
      queue.length = 0;
      queued = 0;
      if (!ended && !failure) failure = new TransportFailure('cancelled');
      finish();
      res.destroy();
    },
  };
}

/** A transport to one server over `http`/`https`; see the module comment. */
export function nodeHttpTransport(o: NodeHttpTransportOptions): DicomWebTransport {
  const base = o.baseUrl.replace(/\/+$/, '');
  const secure = /^https:/i.test(base);
  const agent = !secure ? sharedHttp : o.ca ? new https.Agent({ keepAlive: true, ca: o.ca }) : sharedHttps;
  const request = secure ? https.request : http.request;
  return {
    serverName: o.serverName,
    serverUrl: base,
    send(req: DicomWebRequest): Promise<DicomWebResponse> {
      return new Promise((resolve, reject) => {
        if (req.signal?.cancelled) return reject(new TransportFailure('cancelled'));
        const headers: Record<string, string | number> = { Accept: req.accept, 'Accept-Encoding': 'identity' };
        if (req.contentType) headers['Content-Type'] = req.contentType;
        if (req.body) headers['Content-Length'] = req.body.byteLength;
        if (o.authorization) headers.Authorization = o.authorization;
        let settled = false;
        const cr = request(requestUrl(base, req.path, req.query), { method: req.method, headers, agent });
        const off =
          req.signal?.onCancel(() => {
            cr.destroy(new TransportFailure('cancelled'));
          }) ?? (() => undefined);
        cr.on('error', (e) => {
          if (settled) return;
          settled = true;
          off();
          reject(req.signal?.cancelled ? new TransportFailure('cancelled') : classifyNodeError(e));
        });
        cr.on('response', (res) => {
          if (settled) return void res.destroy();
          settled = true;
          const status = res.statusCode ?? 0;
          if (status >= 300 && status < 400) {
            const to = res.headers.location;
            res.destroy();
            off();
            return reject(redirectRefusal(typeof to === 'string' ? to : null));
          }
          resolve({
            status,
            header: (n) => {
              const v = res.headers[n.toLowerCase()];
              return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
            },
            body: bodyReader(res, off),
          });
        });
        cr.end(req.body ? Buffer.from(req.body.buffer, req.body.byteOffset, req.body.byteLength) : undefined);
      });
    },
  };
}

/** The settings a Node adapter connects with (the CLI's flags, the forwarder's settings file). */
export interface NodeServerSettings {
  name: string;
  baseUrl: string;
  auth: PacsAuth;
}

/** A DICOMweb client for `s` over Node's http/https, with its Authorization header. */
export function connectNode(s: NodeServerSettings, secret: string | null, opts: ClientOptions = {}): DicomWebClient {
  return new DicomWebClient(nodeHttpTransport({ serverName: s.name, baseUrl: s.baseUrl, authorization: authorizationHeader(s.auth, secret) }), opts);
}
