/**
 * STOW-RS (PS3.18 §10.5): store DICOM instances into a study, with a status per instance.
 *
 * The response (PS3.18 §10.5.3, Table 10.5.3-1) lists stored instances in the Referenced SOP
 * Sequence (0008,1199), with a Warning Reason (0008,1196) when the server changed something, and
 * refused ones in the Failed SOP Sequence (0008,1198) with a Failure Reason (0008,1197) (PS3.4
 * Annex B.2.3 C-STORE status codes). HTTP 200 = all stored, 202 = some warnings or failures,
 * 409 = some or all failed. An instance the response does not mention is reported as unconfirmed.
 *
 * A store is repeated only when the server certainly did not process it (connection refused, host
 * unknown, HTTP 503): storing twice is harmless for the same SOP Instance UID, but a half-processed
 * request is left for the user to check, not resent blindly.
 */
import { err, ok, type Result } from '../result';
import type { DicomWebClient } from './client';
import { ACCEPT_JSON, textSnippet } from './client';
import { fromStatus, neverSent, pacsError } from './errors';
import { items, num, QIDO_TAG as T, str, type DicomJson } from './json';
import { buildMultipart } from './multipart';
import type { CancelSignal } from './transport';

export interface StoreItem {
  /** What the user sees for this object ("DICOM SR", "Note (PDF)", "Key image 1"). */
  label: string;
  bytes: Uint8Array;
  sopInstanceUid: string;
  sopClassUid: string;
}

export type StoreStatus = 'stored' | 'warning' | 'failed' | 'unconfirmed';

export interface StoreItemResult {
  label: string;
  sopInstanceUid: string;
  status: StoreStatus;
  /** Why it failed or what the warning says, in words. */
  message?: string;
}

/** PS3.4 Annex B.2.3 / PS3.18 Table 10.5.3-2: the common C-STORE failure and warning reasons. */
export function storeReasonText(code: number): string {
  const hex = `0x${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const known: Record<number, string> = {
    0x0110: 'processing failure on the server',
    0x0112: 'no such object instance',
    0x0122: 'the server does not accept this kind of object (SOP Class not supported)',
    0x0124: 'not authorised',
    0xa700: 'the server is out of resources',
    0xa900: 'the object does not match its SOP Class',
    0xc000: 'the server cannot understand the object',
    0xc122: 'the server does not accept this transfer syntax',
    0xb000: 'coercion of data elements',
    0xb006: 'elements discarded',
    0xb007: 'the object does not match its SOP Class (stored anyway)',
  };
  return `${known[code] ?? 'reason not given'} (${hex})`;
}

/** Per-instance statuses from a STOW-RS response body (DICOM JSON). */
export function parseStoreResponse(body: DicomJson | null, sent: readonly StoreItem[]): StoreItemResult[] {
  const stored = new Map<string, DicomJson>();
  const failed = new Map<string, DicomJson>();
  if (body) {
    for (const it of items(body, T.ReferencedSOPSequence)) stored.set(str(it, T.ReferencedSOPInstanceUID), it);
    for (const it of items(body, T.FailedSOPSequence)) failed.set(str(it, T.ReferencedSOPInstanceUID), it);
  }
  return sent.map((s) => {
    const f = failed.get(s.sopInstanceUid);
    if (f) {
      const code = num(f, T.FailureReason);
      return { label: s.label, sopInstanceUid: s.sopInstanceUid, status: 'failed', message: code === null ? 'the server refused it (no reason given)' : storeReasonText(code) };
    }
    const k = stored.get(s.sopInstanceUid);
    if (k) {
      const w = num(k, T.WarningReason);
      return w === null ? { label: s.label, sopInstanceUid: s.sopInstanceUid, status: 'stored' } : { label: s.label, sopInstanceUid: s.sopInstanceUid, status: 'warning', message: storeReasonText(w) };
    }
    return { label: s.label, sopInstanceUid: s.sopInstanceUid, status: 'unconfirmed', message: 'the server’s answer does not mention it; search the study to check' };
  });
}

/**
 * STOW-RS `items` into `studyUid` (their Study Instance UID must be it; the caller checks). One
 * request for all; per-instance results. A failure of the whole request (network, 401, 5xx…) is an
 * error naming the server; a response with some failures is a success whose results say which.
 */
export async function storeInstances(client: DicomWebClient, studyUid: string, list: readonly StoreItem[], signal?: CancelSignal): Promise<Result<StoreItemResult[]>> {
  const what = `${list.length === 1 ? list[0]!.label : `${list.length} objects`} into the study`;
  if (list.length === 0) return ok([]);
  const { body, contentType } = buildMultipart(list.map((i) => i.bytes));
  let res;
  for (let attempt = 0; ; attempt++) {
    res = await client.exchange({ method: 'POST', path: `studies/${studyUid}`, accept: ACCEPT_JSON, contentType, body, signal }, `storing ${what}`, false);
    const code = res.ok ? (res.value.status === 503 ? 'pacs/unavailable' : '') : res.error.code;
    if (attempt < 2 && code && neverSent(code)) {
      if (res.ok) await res.value.body.cancel();
      continue;
    }
    break;
  }
  if (!res.ok) return res;
  const r = res.value;
  const raw = await client.readAll(r, 16 * 1024 ** 2, `storing ${what}`);
  if (!raw.ok) return raw;
  let json: DicomJson | null = null;
  if (raw.value.length) {
    try {
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8').decode(raw.value));
      json = Array.isArray(parsed) ? ((parsed[0] as DicomJson | undefined) ?? null) : (parsed as DicomJson);
    } catch {
      json = null;
    }
  }
  const hasSequences = !!json && (json[T.ReferencedSOPSequence] !== undefined || json[T.FailedSOPSequence] !== undefined);
  if (r.status === 200 || r.status === 202 || (r.status === 409 && hasSequences)) {
    if (!hasSequences && r.status !== 200) return err(pacsError('malformed', client.label, `storing ${what}`, { detail: `HTTP ${r.status} without a per-instance answer` }));
    return ok(hasSequences ? parseStoreResponse(json, list) : list.map((i) => ({ label: i.label, sopInstanceUid: i.sopInstanceUid, status: 'stored' as const })));
  }
  return err(fromStatus(r.status, client.label, `storing ${what}`, textSnippet(raw.value)));
}
