/**
 * The DICOMweb client (PS3.18): QIDO-RS search, WADO-RS retrieve (streamed), STOW-RS store (stow.ts).
 *
 * Written here rather than taken from `dicomweb-client` (dcmjs-org): that library sends requests
 * with XMLHttpRequest (absent in Node and in Electron's main process, where BlockPlan's requests
 * run), reads a whole WADO-RS response into one ArrayBuffer and then copies each part out of it
 * (the response held twice), and has no time-outs, size limits or cancellation mid-stream. See
 * docs/PACS.md.
 *
 * Every request runs under the server's time-outs (to the response headers, and between two reads
 * of the body), a size limit, and the caller's cancellation. GET requests are retried on transient
 * failures (refused, reset, time-out, 5xx) with a short back-off; results are `Result`s whose errors
 * name the server (errors.ts).
 */
import { isValidUid } from '../dicom/write/element';
import { err, ok, type AppError, type Result } from '../result';
import { fromStatus, fromThrown, isRetriable, pacsError, type ServerLabel } from './errors';
import { toInstance, toSeries, toStudy, type DicomJson, type InstanceResult, type SeriesResult, type StudyResult } from './json';
import { boundaryOf, MultipartError, MultipartParser } from './multipart';
import { instanceQueryParams, seriesQueryParams, studyQueryParams, type StudyQuery } from './qido';
import { concat, PartAssembler, PartError } from './parts';
import { CancelSource, NEVER_CANCELLED, sleep, systemClock, TransportFailure, type CancelSignal, type Clock, type DicomWebRequest, type DicomWebResponse, type DicomWebTransport } from './transport';

/** Time-outs of one server, ms. */
export interface Timeouts {
  /** From sending a request to its response headers. */
  responseMs: number;
  /** Longest pause between two pieces of a response body (a stalled or very slow server). */
  idleMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { responseMs: 30_000, idleMs: 30_000 };

export interface ClientOptions {
  timeouts?: Timeouts;
  clock?: Clock;
  /** Largest QIDO-RS answer accepted, bytes (default 32 MB). */
  maxJsonBytes?: number;
  /** Largest WADO-RS answer accepted, bytes (default 4 GiB). */
  maxRetrieveBytes?: number;
  /** Attempts for idempotent requests, including the first (default 3). */
  attempts?: number;
  /** Back-off before the 2nd, 3rd… attempt, ms (default 500, 2000). */
  backoffMs?: readonly number[];
}

/** `multipart/related` of `application/dicom`, in whatever transfer syntax the server has (PS3.18 §8.7.3.5). */
export const ACCEPT_DICOM_AS_STORED = 'multipart/related; type="application/dicom"; transfer-syntax=*';
/** Fallback when a server refuses `transfer-syntax=*` (406): the server's default (often Explicit VR Little Endian). */
export const ACCEPT_DICOM_DEFAULT = 'multipart/related; type="application/dicom"';
export const ACCEPT_JSON = 'application/dicom+json';

/** What to retrieve: a study, one series of it, or one instance. */
export interface RetrieveTarget {
  studyUid: string;
  seriesUid?: string;
  sopInstanceUid?: string;
}

export interface RetrieveProgress {
  /** Body bytes received so far. */
  receivedBytes: number;
  /** Content-Length of the response, when the server sent it. */
  totalBytes: number | null;
  /** Instances complete so far. */
  instances: number;
}

/** One complete part of a WADO-RS response. */
export interface RetrievedPart {
  bytes: Uint8Array;
  /** Content-Type of the part (application/dicom, possibly with a transfer-syntax parameter). */
  contentType: string;
}

export interface RetrieveOptions {
  signal?: CancelSignal;
  onProgress?(p: RetrieveProgress): void;
  /** Called for each complete part, in order; reading waits for it (back-pressure). An error stops the retrieve. */
  onInstance(part: RetrievedPart): Promise<Result<void>> | Result<void>;
}

export interface RetrieveOutcome {
  /** Parts delivered to onInstance. */
  delivered: number;
  /** Null when the whole response was read; else why it stopped (parts delivered before it stay delivered). */
  error: AppError | null;
}

/** Path of a retrieve or search target, every UID checked (PS3.5 §9.1) so nothing else reaches the URL. */
export function targetPath(t: RetrieveTarget, tail = ''): string {
  const uids = [t.studyUid, t.seriesUid, t.sopInstanceUid].filter((u): u is string => !!u);
  for (const u of uids) if (!isValidUid(u)) throw new Error(`"${u}" is not a valid DICOM UID`);
  let p = `studies/${t.studyUid}`;
  if (t.seriesUid) p += `/series/${t.seriesUid}`;
  if (t.sopInstanceUid) {
    if (!t.seriesUid) throw new Error('an instance is retrieved within its series');
    p += `/instances/${t.sopInstanceUid}`;
  }
  return p + tail;
}

export class DicomWebClient {
  readonly label: ServerLabel;
  readonly timeouts: Timeouts;
  private readonly clock: Clock;
  private readonly maxJsonBytes: number;
  private readonly maxRetrieveBytes: number;
  private readonly attempts: number;
  private readonly backoffMs: readonly number[];

  constructor(
    private readonly transport: DicomWebTransport,
    opts: ClientOptions = {},
  ) {
    this.label = { serverName: transport.serverName, serverUrl: transport.serverUrl };
    this.timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
    this.clock = opts.clock ?? systemClock;
    this.maxJsonBytes = opts.maxJsonBytes ?? 32 * 1024 ** 2;
    this.maxRetrieveBytes = opts.maxRetrieveBytes ?? 4 * 1024 ** 3;
    this.attempts = Math.max(1, opts.attempts ?? 3);
    this.backoffMs = opts.backoffMs ?? [500, 2000];
  }

  /** QIDO-RS: studies matching `q` (one page). `more` is true when the page is full (there may be more). */
  async searchStudies(q: StudyQuery, signal?: CancelSignal): Promise<Result<{ studies: StudyResult[]; more: boolean }>> {
    let params: [string, string][];
    try {
      params = studyQueryParams(q);
    } catch (e) {
      return err({ code: 'pacs/bad-query', title: `The search is not valid: ${(e as Error).message}.`, action: 'Enter dates as YYYY-MM-DD.' });
    }
    const r = await this.getJson('studies', params, 'searching for studies', signal);
    if (!r.ok) return r;
    const limit = Number(params.find(([k]) => k === 'limit')?.[1] ?? 0);
    const studies = r.value.map(toStudy).filter((s) => s.studyUid);
    return ok({ studies, more: limit > 0 && r.value.length >= limit });
  }

  /** QIDO-RS: series of a study. */
  async searchSeries(studyUid: string, modality?: string, signal?: CancelSignal): Promise<Result<SeriesResult[]>> {
    const r = await this.getJson(targetPath({ studyUid }, '/series'), seriesQueryParams(modality), 'listing the series of a study', signal);
    return r.ok ? ok(r.value.map(toSeries).map((s) => ({ ...s, studyUid: s.studyUid || studyUid })).filter((s) => s.seriesUid)) : r;
  }

  /** QIDO-RS: instances of a study or series (frame counts included). */
  async searchInstances(target: { studyUid: string; seriesUid?: string }, modality?: string, signal?: CancelSignal): Promise<Result<InstanceResult[]>> {
    const r = await this.getJson(targetPath(target, '/instances'), instanceQueryParams(modality), 'listing the instances of a study', signal);
    return r.ok ? ok(r.value.map(toInstance).map((i) => ({ ...i, studyUid: i.studyUid || target.studyUid, seriesUid: i.seriesUid || target.seriesUid || '' })).filter((i) => i.sopInstanceUid)) : r;
  }

  /**
   * WADO-RS: stream the instances of `target` to `opts.onInstance`, one complete part at a time.
   * Parts are assembled in a buffer sized from the part's Content-Length when given (no second
   * copy); a part cut off by the end of the response, a time-out or a malformed body is never delivered.
   */
  async retrieve(target: RetrieveTarget, opts: RetrieveOptions): Promise<RetrieveOutcome> {
    const what = target.sopInstanceUid ? 'retrieving an instance' : target.seriesUid ? 'retrieving a series' : 'retrieving a study';
    let path: string;
    try {
      path = targetPath(target);
    } catch (e) {
      return { delivered: 0, error: pacsError('http', this.label, what, { detail: (e as Error).message }) };
    }
    let res = await this.exchange({ method: 'GET', path, accept: ACCEPT_DICOM_AS_STORED, signal: opts.signal }, what, true);
    if (res.ok && res.value.status === 406) {
      await res.value.body.cancel();
      res = await this.exchange({ method: 'GET', path, accept: ACCEPT_DICOM_DEFAULT, signal: opts.signal }, what, true);
    }
    if (!res.ok) return { delivered: 0, error: res.error };
    return this.readParts(res.value, what, opts);
  }

  /** Send with the response time-out and retries (idempotent requests only). The status is not checked here. */
  async exchange(req: DicomWebRequest, what: string, idempotent: boolean): Promise<Result<DicomWebResponse>> {
    const signal = req.signal ?? NEVER_CANCELLED;
    let last: AppError | null = null;
    for (let attempt = 0; attempt < (idempotent ? this.attempts : 1); attempt++) {
      if (attempt > 0) {
        try {
          await sleep(this.clock, this.backoffMs[Math.min(attempt - 1, this.backoffMs.length - 1)] ?? 1000, signal);
        } catch {
          return err(pacsError('cancelled', this.label, what));
        }
      }
      if (signal.cancelled) return err(pacsError('cancelled', this.label, what));
      const r = await this.sendOnce(req, signal, what);
      if (r.ok && idempotent && r.value.status >= 500 && attempt + 1 < this.attempts) {
        last = fromStatus(r.value.status, this.label, what);
        await r.value.body.cancel();
        continue;
      }
      if (r.ok) return r;
      last = r.error;
      if (!idempotent || !isRetriable(r.error.code)) return r;
    }
    return err(last!);
  }

  private sendOnce(req: DicomWebRequest, signal: CancelSignal, what: string): Promise<Result<DicomWebResponse>> {
    const cs = new CancelSource(signal);
    return new Promise((resolve) => {
      let settled = false;
      const finish = (r: Result<DicomWebResponse>) => {
        if (settled) return;
        settled = true;
        stop();
        offCancel();
        resolve(r);
      };
      const stop = this.clock.after(this.timeouts.responseMs, () => {
        finish(err(pacsError('timeout', this.label, what, { seconds: Math.round(this.timeouts.responseMs / 1000) })));
        cs.cancel();
      });
      const offCancel = signal.onCancel(() => finish(err(pacsError('cancelled', this.label, what))));
      this.transport.send({ ...req, signal: cs.signal }).then(
        (res) => {
          if (settled) void res.body.cancel();
          else finish(ok(this.guardBody(res, cs, what)));
        },
        (e) => finish(err(fromThrown(e, this.label, what, Math.round(this.timeouts.responseMs / 1000)))),
      );
    });
  }

  /** The body with the idle time-out on every read; cancelling the request cancels the read. */
  private guardBody(res: DicomWebResponse, cs: CancelSource, what: string): DicomWebResponse {
    const idleMs = this.timeouts.idleMs;
    const clock = this.clock;
    const inner = res.body;
    return {
      status: res.status,
      header: (n) => res.header(n),
      body: {
        read: () =>
          new Promise<Uint8Array | null>((resolve, reject) => {
            let done = false;
            const stop = clock.after(idleMs, () => {
              if (done) return;
              done = true;
              off();
              cs.cancel();
              void inner.cancel();
              reject(new TransportFailure('timeout', `no data for ${Math.round(idleMs / 1000)} s while ${what}`));
            });
            const off = cs.signal.onCancel(() => {
              if (done) return;
              done = true;
              stop();
              void inner.cancel();
              reject(new TransportFailure('cancelled'));
            });
            inner.read().then(
              (v) => {
                if (done) return;
                done = true;
                stop();
                off();
                resolve(v);
              },
              (e) => {
                if (done) return;
                done = true;
                stop();
                off();
                reject(e);
              },
            );
          }),
        cancel: () => {
          cs.cancel();
          return inner.cancel();
        },
      },
    };
  }

  /** GET a QIDO-RS resource and parse its DICOM JSON array (204 No Content = no match). */
  private async getJson(path: string, query: [string, string][], what: string, signal?: CancelSignal): Promise<Result<DicomJson[]>> {
    const res = await this.exchange({ method: 'GET', path, query, accept: ACCEPT_JSON, signal }, what, true);
    if (!res.ok) return res;
    const r = res.value;
    if (r.status === 204) {
      await r.body.cancel();
      return ok([]);
    }
    const body = await this.readAll(r, this.maxJsonBytes, what);
    if (!body.ok) return body;
    if (r.status < 200 || r.status > 299) return err(fromStatus(r.status, this.label, what, textSnippet(body.value)));
    if (body.value.length === 0) return ok([]);
    try {
      const parsed: unknown = JSON.parse(new TextDecoder('utf-8').decode(body.value));
      if (!Array.isArray(parsed)) throw new Error('the answer is not a JSON array');
      return ok(parsed.filter((x): x is DicomJson => typeof x === 'object' && x !== null));
    } catch (e) {
      return err(pacsError('malformed', this.label, what, { detail: `not DICOM JSON: ${(e as Error).message}` }));
    }
  }

  /** The whole body (small answers only), refusing more than `limit` bytes. */
  async readAll(r: DicomWebResponse, limit: number, what: string): Promise<Result<Uint8Array>> {
    const declared = Number(r.header('content-length'));
    if (Number.isFinite(declared) && declared > limit) {
      await r.body.cancel();
      return err(pacsError('too-large', this.label, what, { limitMb: Math.round(limit / 1024 ** 2), detail: `Content-Length ${declared}` }));
    }
    const chunks: Uint8Array[] = [];
    let n = 0;
    try {
      for (let c = await r.body.read(); c; c = await r.body.read()) {
        n += c.length;
        if (n > limit) {
          await r.body.cancel();
          return err(pacsError('too-large', this.label, what, { limitMb: Math.round(limit / 1024 ** 2) }));
        }
        chunks.push(c);
      }
    } catch (e) {
      return err(fromThrown(e, this.label, what, Math.round(this.timeouts.idleMs / 1000)));
    }
    return ok(concat(chunks, n));
  }

  private async readParts(r: DicomWebResponse, what: string, opts: RetrieveOptions): Promise<RetrieveOutcome> {
    const fail = async (error: AppError, delivered: number): Promise<RetrieveOutcome> => {
      await r.body.cancel().catch(() => undefined);
      return { delivered, error };
    };
    if (r.status !== 200 && r.status !== 206) {
      const body = await this.readAll(r, 64 * 1024, what);
      return fail(fromStatus(r.status, this.label, what, body.ok ? textSnippet(body.value) : undefined), 0);
    }
    const contentType = r.header('content-type');
    const boundary = boundaryOf(contentType);
    if (!boundary) return fail(pacsError('malformed', this.label, what, { detail: `expected multipart/related with a boundary, got "${contentType ?? 'no Content-Type'}"` }), 0);
    const limit = this.maxRetrieveBytes;
    const declared = Number(r.header('content-length'));
    const totalBytes = Number.isFinite(declared) && r.header('content-length') !== null ? declared : null;
    if (totalBytes !== null && totalBytes > limit) return fail(pacsError('too-large', this.label, what, { limitMb: Math.round(limit / 1024 ** 2), detail: `Content-Length ${totalBytes}` }), 0);

    const assembler = new PartAssembler(limit);
    const parser = new MultipartParser(boundary, assembler);
    let received = 0;
    let delivered = 0;
    try {
      for (let c = await r.body.read(); c; c = await r.body.read()) {
        received += c.length;
        if (received > limit) return fail(pacsError('too-large', this.label, what, { limitMb: Math.round(limit / 1024 ** 2) }), delivered);
        parser.push(c);
        for (let part = assembler.completed.shift(); part; part = assembler.completed.shift()) {
          const d = await opts.onInstance(part);
          if (!d.ok) return fail(d.error, delivered);
          delivered++;
        }
        opts.onProgress?.({ receivedBytes: received, totalBytes, instances: delivered });
      }
      parser.finish();
    } catch (e) {
      if (e instanceof MultipartError) return fail(pacsError(/ended/.test(e.message) ? 'incomplete' : 'malformed', this.label, what, { detail: e.message }), delivered);
      if (e instanceof PartError) return fail(pacsError('malformed', this.label, what, { detail: e.message }), delivered);
      return fail(fromThrown(e, this.label, what, Math.round(this.timeouts.idleMs / 1000)), delivered);
    }
    if (totalBytes !== null && received < totalBytes) return fail(pacsError('incomplete', this.label, what, { detail: `${received} of ${totalBytes} bytes` }), delivered);
    return { delivered, error: null };
  }
}

/** The start of an error body as one line of text, for "details". */
export function textSnippet(b: Uint8Array): string | undefined {
  if (!b.length) return undefined;
  const t = new TextDecoder('utf-8', { fatal: false }).decode(b.subarray(0, 600)).replace(/\s+/g, ' ').trim();
  return t || undefined;
}
