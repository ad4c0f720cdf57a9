/**
 * Every DICOMweb failure as an AppError a clinician can act on: it names the server (as the user
 * configured it, and its address), says what BlockPlan was doing, and what to do next. Patient data
 * never appears in these messages (they name studies by what the user sees, never by patient).
 */
import { appError, type AppError } from '../result';
import { TransportFailure, type TransportFailureKind } from './transport';

/** The server as messages name it. */
export interface ServerLabel {
  serverName: string;
  serverUrl: string;
}

const who = (s: ServerLabel) => (s.serverName === s.serverUrl || !s.serverName ? `the PACS at ${s.serverUrl}` : `the PACS “${s.serverName}” (${s.serverUrl})`);
const Who = (s: ServerLabel) => who(s).replace(/^the/, 'The');

/** Codes: `pacs/<kind>`; `kind` also drives retries. */
export type PacsErrorKind =
  | TransportFailureKind
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'server-error'
  | 'unavailable'
  | 'http'
  | 'malformed'
  | 'too-large'
  | 'incomplete'
  | 'rejected';

export function pacsError(kind: PacsErrorKind, s: ServerLabel, what: string, extra: { detail?: string; seconds?: number; limitMb?: number; status?: number } = {}): AppError {
  const d = extra.detail;
  const code = `pacs/${kind}`;
  switch (kind) {
    case 'refused':
      return appError(code, `${Who(s)} refused the connection while ${what}.`, { action: 'Check the address and port in the PACS settings, and that the server is running.', detail: d });
    case 'dns':
      return appError(code, `The host name of ${who(s)} could not be found while ${what}.`, { action: 'Check the address in the PACS settings and the network connection.', detail: d });
    case 'unreachable':
    case 'network':
      return appError(code, `${Who(s)} could not be reached while ${what}.`, { action: 'Check the network connection (and VPN) and the address in the PACS settings.', detail: d });
    case 'timeout':
      return appError(code, `${Who(s)} did not answer${extra.seconds ? ` within ${extra.seconds} s` : ' in time'} while ${what}.`, {
        action: 'The server may be busy or the network slow: try again, or raise the time-outs in the PACS settings.',
        detail: d,
      });
    case 'tls':
      return appError(code, `The secure connection to ${who(s)} failed: its certificate is not trusted or the TLS handshake failed.`, {
        action: 'Check that the address is right (https://…) and ask your IT team whether this server’s certificate is trusted on this computer. BlockPlan never sends data to a server whose certificate fails.',
        detail: d,
      });
    case 'reset':
      return appError(code, `${Who(s)} closed the connection while ${what}.`, { action: 'Try again; if it keeps happening, tell the PACS administrators.', detail: d });
    case 'cancelled':
      return appError(code, `Cancelled: ${what} from ${who(s)}.`, { detail: d });
    case 'refused-by-app':
      return appError(code, `BlockPlan did not send the request to ${who(s)}: ${d ?? 'the server is not configured'}.`, { action: 'Add or check the server in the PACS settings.' });
    case 'unauthorized':
      return appError(code, `${Who(s)} asked for a login (HTTP 401) while ${what}.`, { action: 'Check the user name and password (or token) for this server.', detail: d });
    case 'forbidden':
      return appError(code, `${Who(s)} refused access (HTTP 403) while ${what}.`, { action: 'Your account may not be allowed to do this: ask the PACS administrators.', detail: d });
    case 'not-found':
      return appError(code, `Not found on ${who(s)} (HTTP 404) while ${what}.`, {
        action: 'Check that the address in the PACS settings ends with the DICOMweb root (for example …/dicom-web), and that the study still exists.',
        detail: d,
      });
    case 'server-error':
    case 'unavailable':
      return appError(code, `${Who(s)} failed with a server error (HTTP ${extra.status ?? '5xx'}) while ${what}.`, { action: 'Try again later; if it persists, tell the PACS administrators.', detail: d });
    case 'http':
      return appError(code, `${Who(s)} answered HTTP ${extra.status ?? '?'} while ${what}.`, { action: 'The server did not accept the request; tell the PACS administrators if it persists.', detail: d });
    case 'malformed':
      return appError(code, `${Who(s)} sent a malformed response while ${what}.`, { action: 'Nothing of that response was kept. Try again; if it persists, tell the PACS administrators.', detail: d });
    case 'too-large':
      return appError(code, `The answer of ${who(s)} is larger than the limit${extra.limitMb ? ` (${extra.limitMb} MB)` : ''} while ${what}.`, {
        action: 'Retrieve one series at a time, or raise the size limit in the PACS settings.',
        detail: d,
      });
    case 'incomplete':
      return appError(code, `${Who(s)} sent only part of the data while ${what}.`, { action: 'Nothing incomplete was kept. Try again.', detail: d });
    case 'rejected':
      return appError(code, `${Who(s)} did not store ${what}.`, { action: 'See the reason beside each object; fix it and send again.', detail: d });
  }
}

/** An error from a thrown TransportFailure (or anything else thrown below HTTP). */
export function fromThrown(e: unknown, s: ServerLabel, what: string, timeoutSeconds?: number): AppError {
  if (e instanceof TransportFailure) return pacsError(e.kind, s, what, { detail: e.detail || undefined, seconds: e.kind === 'timeout' ? timeoutSeconds : undefined });
  return pacsError('network', s, what, { detail: e instanceof Error ? e.message : String(e) });
}

/** An error for an HTTP status that is not success. */
export function fromStatus(status: number, s: ServerLabel, what: string, detail?: string): AppError {
  if (status === 401) return pacsError('unauthorized', s, what, { detail });
  if (status === 403) return pacsError('forbidden', s, what, { detail });
  if (status === 404) return pacsError('not-found', s, what, { detail });
  if (status === 503) return pacsError('unavailable', s, what, { detail, status });
  if (status >= 500) return pacsError('server-error', s, what, { detail, status });
  return pacsError('http', s, what, { detail, status });
}

/** Failures worth trying again for an idempotent request (GET): transient network or server trouble. */
export function isRetriable(code: string): boolean {
  return ['pacs/refused', 'pacs/reset', 'pacs/timeout', 'pacs/unavailable', 'pacs/server-error', 'pacs/network'].includes(code);
}

/** Failures where the server certainly did not process the request (safe to repeat a store): refused, no such host, 503. */
export function neverSent(code: string): boolean {
  return code === 'pacs/refused' || code === 'pacs/dns' || code === 'pacs/unavailable';
}
