/**
 * A {@link DicomWebTransport} over a WHATWG-fetch-like function: Node's global fetch (CLI, tests,
 * the browser-mode forwarder) and Electron's `net.fetch` (desktop main process). Each runtime
 * passes its own `classify` that names what failed below HTTP (transport-errors.ts).
 *
 * Redirects are not followed (`redirect: 'manual'`): a redirect is reported with where it points,
 * so credentials and patient data go only to the address the user configured.
 */
import { TransportFailure, type ByteReader, type DicomWebRequest, type DicomWebResponse, type DicomWebTransport } from './transport';

/** The parts of fetch's Response this uses. */
export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  body: { getReader(): { read(): Promise<{ done: boolean; value?: Uint8Array }>; cancel(reason?: unknown): Promise<void> } } | null;
}

export type FetchLike = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: Uint8Array; signal?: unknown; redirect?: 'manual' },
) => Promise<FetchResponseLike>;

declare const AbortController: new () => { readonly signal: unknown; abort(reason?: unknown): void };

export interface FetchTransportOptions {
  serverName: string;
  /** DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web (no trailing slash needed). */
  baseUrl: string;
  /** Authorization header value, or null. */
  authorization: string | null;
  fetch: FetchLike;
  /** What a thrown fetch error means (refused, TLS, …). */
  classify(e: unknown): TransportFailure;
}

/** `base/path?k=v&…`, values percent-encoded. */
export function requestUrl(baseUrl: string, path: string, query: readonly (readonly [string, string])[] = []): string {
  const q = query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}${q ? `?${q}` : ''}`;
}

/** The failure for a redirect: reported with where it points, never followed (module comment). */
export function redirectRefusal(location: string | null): TransportFailure {
  return new TransportFailure('refused-by-app', `the server redirects to ${location ?? 'another address'}; put the final address in the PACS settings (BlockPlan does not follow redirects)`);
}

/** Body reader over a fetch ReadableStream reader; errors classified. */
export function readerOf(res: FetchResponseLike, classify: (e: unknown) => TransportFailure, onDone?: () => void): ByteReader {
  const reader = res.body?.getReader();
  let finished = !reader;
  return {
    async read() {
      if (finished || !reader) return null;
      try {
        const { done, value } = await reader.read();
        if (done) {
          finished = true;
          onDone?.();
          return null;
        }
        return value ?? new Uint8Array(0);
      } catch (e) {
        finished = true;
        onDone?.();
        throw e instanceof TransportFailure ? e : classify(e);
      }
    },
    async cancel() {
      if (finished) return;
      finished = true;
      onDone?.();
      await reader?.cancel().catch(() => undefined);
    },
  };
}

export function fetchTransport(o: FetchTransportOptions): DicomWebTransport {
  const base = o.baseUrl.replace(/\/+$/, '');
  return {
    serverName: o.serverName,
    serverUrl: base,
    async send(req: DicomWebRequest): Promise<DicomWebResponse> {
      const ac = new AbortController();
      const off = req.signal?.onCancel(() => ac.abort()) ?? (() => undefined);
      const headers: Record<string, string> = { Accept: req.accept };
      if (req.contentType) headers['Content-Type'] = req.contentType;
      if (o.authorization) headers.Authorization = o.authorization;
      let res: FetchResponseLike;
      try {
        res = await o.fetch(requestUrl(base, req.path, req.query), { method: req.method, headers, ...(req.body ? { body: req.body } : {}), signal: ac.signal, redirect: 'manual' });
      } catch (e) {
        off();
        throw req.signal?.cancelled ? new TransportFailure('cancelled') : o.classify(e);
      }
      if (res.status >= 300 && res.status < 400) {
        const to = res.headers.get('location');
        await res.body?.getReader().cancel().catch(() => undefined);
        off();
        throw redirectRefusal(to);
      }
      return { status: res.status, header: (n) => res.headers.get(n), body: readerOf(res, (e) => (req.signal?.cancelled ? new TransportFailure('cancelled') : o.classify(e)), off) };
    },
  };
}
