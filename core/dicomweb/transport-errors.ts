/**
 * What a failed request means, from the errors each runtime throws:
 * - Node's fetch (undici): `TypeError: fetch failed` whose `cause` has a libuv/OpenSSL `code`
 *   (ECONNREFUSED, ENOTFOUND, ECONNRESET, CERT_HAS_EXPIRED, …);
 * - Chromium's network stack (Electron `net.fetch`): `net::ERR_…` names (net_error_list.h).
 */
import { TransportFailure, type TransportFailureKind } from './transport';

const TLS_CODES = /^(CERT_|ERR_TLS_|ERR_SSL_|DEPTH_ZERO_SELF_SIGNED_CERT|SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT|HOSTNAME_MISMATCH|EPROTO)/;

function nodeKind(code: string): TransportFailureKind | null {
  if (code === 'ECONNREFUSED') return 'refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EAI_NONAME') return 'dns';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN' || code === 'ENETDOWN') return 'unreachable';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') return 'timeout';
  if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET' || code === 'ECONNABORTED' || code === 'UND_ERR_CLOSED') return 'reset';
  if (TLS_CODES.test(code)) return 'tls';
  if (code === 'ABORT_ERR' || code === 'UND_ERR_ABORTED') return 'cancelled';
  return null;
}

/** Classify an error thrown by Node's fetch or while reading its body. */
export function classifyNodeError(e: unknown): TransportFailure {
  if (e instanceof TransportFailure) return e;
  const seen = new Set<unknown>();
  let cur: unknown = e;
  const messages: string[] = [];
  while (cur && typeof cur === 'object' && !seen.has(cur)) {
    seen.add(cur);
    const o = cur as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown };
    if (typeof o.message === 'string' && o.message) messages.push(o.message);
    if (o.name === 'AbortError') return new TransportFailure('cancelled');
    if (typeof o.code === 'string') {
      const k = nodeKind(o.code);
      if (k) return new TransportFailure(k, `${o.code}${typeof o.message === 'string' && o.message ? `: ${o.message}` : ''}`);
    }
    cur = o.cause;
  }
  const text = messages.join(' / ') || String(e);
  if (/certificate|ssl|tls/i.test(text)) return new TransportFailure('tls', text);
  if (/terminated|other side closed|socket hang up/i.test(text)) return new TransportFailure('reset', text);
  return new TransportFailure('network', text);
}

/** Classify a Chromium network error (`net::ERR_…`), as thrown by Electron's net.fetch. */
export function classifyChromiumError(e: unknown): TransportFailure {
  if (e instanceof TransportFailure) return e;
  const text = e instanceof Error ? e.message : String(e);
  const m = /net::(ERR_[A-Z_]+)/.exec(text);
  const name = m?.[1] ?? '';
  let kind: TransportFailureKind = 'network';
  if (/ABORTED/.test(name) || (e as { name?: string })?.name === 'AbortError') kind = 'cancelled';
  else if (name === 'ERR_CONNECTION_REFUSED') kind = 'refused';
  else if (name === 'ERR_NAME_NOT_RESOLVED' || name === 'ERR_NAME_RESOLUTION_FAILED') kind = 'dns';
  else if (/ERR_(ADDRESS_UNREACHABLE|INTERNET_DISCONNECTED|NETWORK_CHANGED|NETWORK_ACCESS_DENIED)/.test(name)) kind = 'unreachable';
  else if (/TIMED_OUT/.test(name)) kind = 'timeout';
  else if (/ERR_(CONNECTION_RESET|CONNECTION_CLOSED|CONNECTION_ABORTED|EMPTY_RESPONSE|INCOMPLETE_CHUNKED_ENCODING|CONTENT_LENGTH_MISMATCH)/.test(name)) kind = 'reset';
  else if (/ERR_(CERT_|SSL_|BAD_SSL_)/.test(name)) kind = 'tls';
  return new TransportFailure(kind, name || text);
}
