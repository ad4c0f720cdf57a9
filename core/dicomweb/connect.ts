/**
 * A client for a server given as settings, over the runtime's global `fetch` (Node ≥ 20: the CLI,
 * the browser-mode forwarder, tests and bench:pacs). Errors are classified the Node way; Electron's
 * main process builds its transport over `net.fetch` instead (electron/main/pacs-net.ts).
 */
import { DicomWebClient, type ClientOptions } from './client';
import { fetchTransport, type FetchLike } from './fetch-transport';
import { authorizationHeader, type PacsAuth } from './server';
import type { DicomWebTransport } from './transport';
import { classifyNodeError } from './transport-errors';

declare const fetch: FetchLike;

export interface ServerSettings {
  name: string;
  baseUrl: string;
  auth: PacsAuth;
}

/** A transport to `s` over the global fetch, with its Authorization header. */
export function globalFetchTransport(s: ServerSettings, secret: string | null, fetchImpl: FetchLike = fetch): DicomWebTransport {
  return fetchTransport({ serverName: s.name, baseUrl: s.baseUrl, authorization: authorizationHeader(s.auth, secret), fetch: fetchImpl, classify: classifyNodeError });
}

/** A DICOMweb client for `s` over the global fetch. */
export function connect(s: ServerSettings, secret: string | null, opts: ClientOptions = {}): DicomWebClient {
  return new DicomWebClient(globalFetchTransport(s, secret), opts);
}
