/**
 * The ports the DICOMweb client runs over: a transport bound to ONE configured server (it resolves
 * paths against that server's base URL and adds its credentials), a clock, and cancellation.
 *
 * Why a transport per server and relative paths: in the desktop app the renderer never holds a URL
 * or a password; it asks the main process to send `GET studies?…` to server `id`, and the main
 * process (or, in browser mode, the local forwarder) resolves it against the configured server. The
 * same client code then runs in the CLI (Node fetch), the Electron main process (`net.fetch`), the
 * renderer (over IPC or the forwarder) and the tests.
 *
 * Errors: `send` and `ByteReader.read` reject with a {@link TransportFailure} naming what failed
 * (refused, timeout, TLS, …); the client turns it into a message naming the server.
 */

/** What went wrong below HTTP. */
export type TransportFailureKind =
  /** Nothing listens at the address (TCP RST on connect). */
  | 'refused'
  /** The host name does not resolve. */
  | 'dns'
  /** No route to the host or the network is down. */
  | 'unreachable'
  /** No answer (or no more data) within the time allowed. */
  | 'timeout'
  /** The TLS handshake failed (certificate not trusted, expired, wrong host, protocol). */
  | 'tls'
  /** The connection was closed in the middle of the exchange. */
  | 'reset'
  /** The user (or BlockPlan) cancelled the request. */
  | 'cancelled'
  /** The server's name is not configured (forwarder/main refused it) or the request shape was refused. */
  | 'refused-by-app'
  | 'network';

/** A failure below HTTP, thrown by transports and byte readers. */
export class TransportFailure extends Error {
  constructor(
    readonly kind: TransportFailureKind,
    readonly detail: string = '',
  ) {
    super(detail ? `${kind}: ${detail}` : kind);
    this.name = 'TransportFailure';
  }
}

/** A cancellation signal the transport must honour (wired to an AbortController by adapters). */
export interface CancelSignal {
  readonly cancelled: boolean;
  /** Calls `fn` once when cancelled (at once if already cancelled); returns an unsubscribe function. */
  onCancel(fn: () => void): () => void;
}

/** Creates a {@link CancelSignal} and cancels it; signals can be chained to a parent. */
export class CancelSource {
  private listeners = new Set<() => void>();
  private done = false;
  readonly signal: CancelSignal;

  constructor(parent?: CancelSignal) {
    const isDone = () => this.done;
    const listeners = this.listeners;
    this.signal = {
      get cancelled() {
        return isDone();
      },
      onCancel(fn) {
        if (isDone()) {
          fn();
          return () => undefined;
        }
        listeners.add(fn);
        return () => listeners.delete(fn);
      },
    };
    parent?.onCancel(() => this.cancel());
  }

  cancel(): void {
    if (this.done) return;
    this.done = true;
    const ls = [...this.listeners];
    this.listeners.clear(); // the same Set the signal holds
    for (const fn of ls) fn();
  }
}

/** A signal that is never cancelled. */
export const NEVER_CANCELLED: CancelSignal = { cancelled: false, onCancel: () => () => undefined };

/** Pulls the response body; `null` at the end. Rejects with TransportFailure. Each chunk is a new array the reader never reuses. */
export interface ByteReader {
  read(): Promise<Uint8Array | null>;
  /** Stop reading and release the connection (idempotent). */
  cancel(): Promise<void>;
}

export type HttpMethod = 'GET' | 'POST';

/** One DICOMweb request, relative to the server's base URL (e.g. `studies/1.2.3/series`). */
export interface DicomWebRequest {
  method: HttpMethod;
  /** Path below the DICOMweb root, without a leading slash: `studies`, `studies/{uid}/series/{uid}`, … */
  path: string;
  /** Query parameters in order (keys may repeat, e.g. `includefield`). */
  query?: readonly (readonly [string, string])[];
  /** Accept header. */
  accept: string;
  /** Content-Type of the body (POST). */
  contentType?: string;
  body?: Uint8Array;
  signal?: CancelSignal;
}

export interface DicomWebResponse {
  /** HTTP status code. */
  status: number;
  /** A response header (case-insensitive name), or null. */
  header(name: string): string | null;
  body: ByteReader;
}

/** A connection to ONE configured server. */
export interface DicomWebTransport {
  /** The server's name as the user configured it: every message names it. */
  readonly serverName: string;
  /** Where the server is, for messages (base URL, never credentials). */
  readonly serverUrl: string;
  send(req: DicomWebRequest): Promise<DicomWebResponse>;
}

/** Time, injectable so tests and adapters agree. */
export interface Clock {
  /** ms, monotonic enough for durations. */
  now(): number;
  /** Calls `fn` after `ms`; returns a function that cancels the timer. */
  after(ms: number, fn: () => void): () => void;
}

declare const setTimeout: (fn: () => void, ms: number) => unknown;
declare const clearTimeout: (id: unknown) => void;
declare const performance: { now(): number } | undefined;

/** The platform clock (setTimeout exists in every runtime BlockPlan targets). */
export const systemClock: Clock = {
  now: () => (typeof performance !== 'undefined' ? performance.now() : Date.now()),
  after(ms, fn) {
    const id = setTimeout(fn, ms);
    return () => clearTimeout(id);
  },
};

/** Resolves after `ms` unless cancelled first (then rejects with TransportFailure 'cancelled'). */
export function sleep(clock: Clock, ms: number, signal: CancelSignal = NEVER_CANCELLED): Promise<void> {
  return new Promise((resolve, reject) => {
    let off = () => {};
    const stop = clock.after(ms, () => {
      off();
      resolve();
    });
    off = signal.onCancel(() => {
      stop();
      reject(new TransportFailure('cancelled'));
    });
  });
}
