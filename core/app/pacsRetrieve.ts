/**
 * Workflow: retrieve the ultrasound clips of a study (or one series, or given instances) from a PACS
 * into local bytes. The app (renderer, over IPC or the browser-mode forwarder) and `blockplan pacs
 * get` (Node) call this same function; only the ports differ.
 *
 * 1. QIDO-RS lists the instances wanted (default: modality US) so BlockPlan knows what “complete” is.
 *    For one series (and no cache) the WADO-RS request of step 3 goes out at the same time; its
 *    parts wait for the listing before step 4.
 * 2. Instances already in the cache port are taken from it.
 * 3. WADO-RS retrieves each series in one streamed request (as stored: `transfer-syntax=*`).
 * 4. Every part is checked before it is handed on: it parses as DICOM to its last byte, its SOP
 *    Instance UID is one that was asked for, and an image has all its frames. A part cut off by a
 *    failure is never handed on.
 * 5. Instances a series request did not deliver (the connection broke, a time-out) are asked for one
 *    by one — GET is safe to repeat — and what still fails is reported per instance.
 *
 * Nothing incomplete is handed to `sink`; the report says `complete: false` and lists what is
 * missing and why when not everything arrived.
 */
import dicomParser from 'dicom-parser';
import { openDicom } from '../dicom/index';
import type { DicomWebClient, RetrieveTarget } from '../dicomweb/client';
import { pacsError } from '../dicomweb/errors';
import type { InstanceResult } from '../dicomweb/json';
import { CancelSource, type CancelSignal } from '../dicomweb/transport';
import { err, ok, type AppError, type Result } from '../result';

/** A retrieved, checked instance. */
export interface RetrievedInstance {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  transferSyntaxUid: string;
  /** Number of Frames (1 for single-frame objects and non-images). */
  frames: number;
  bytes: Uint8Array;
  /** True when it came from the cache port, not the network. */
  fromCache: boolean;
}

/** Where checked instances go (the app: cache and viewer; the CLI: files). */
export interface RetrieveSink {
  put(instance: RetrievedInstance): Promise<Result<void>>;
}

/** Optional local cache of instances by SOP Instance UID. */
export interface InstanceCachePort {
  get(sopInstanceUid: string): Promise<Uint8Array | null>;
}

export interface RetrieveProgressReport {
  instancesDone: number;
  instancesTotal: number;
  framesDone: number;
  framesTotal: number;
  /** Bytes received from the network so far (cache hits not counted). */
  receivedBytes: number;
  /** Sum of the Content-Lengths of the responses seen so far, when the server sends them. */
  expectedBytes: number | null;
}

export interface RetrieveReport {
  retrieved: Omit<RetrievedInstance, 'bytes'>[];
  /** Instances asked for that did not arrive complete, each with why. */
  missing: { sopInstanceUid: string; seriesUid: string; error: AppError }[];
  /** True only when every instance asked for arrived complete. */
  complete: boolean;
}

export interface RetrieveRequest {
  target: { studyUid: string; seriesUid?: string };
  /** Modality of the series to take (default US); null = every series. */
  modality?: string | null;
  /** Exactly these instances (e.g. a case clip reopened from the PACS); skips the QIDO listing. */
  instances?: readonly Pick<InstanceResult, 'seriesUid' | 'sopInstanceUid' | 'frames'>[];
  signal?: CancelSignal;
  onProgress?(p: RetrieveProgressReport): void;
}

export interface RetrievePorts {
  client: DicomWebClient;
  sink: RetrieveSink;
  cache?: InstanceCachePort;
}

/** Why a part is not a complete DICOM instance, or its identity. */
export function checkInstance(bytes: Uint8Array): Result<Omit<RetrievedInstance, 'bytes' | 'fromCache'>, string> {
  let ds: dicomParser.DataSet;
  try {
    ds = dicomParser.parseDicom(bytes);
  } catch (e) {
    return err(`it is not a complete DICOM object (${typeof e === 'string' ? e : e instanceof Error ? e.message : 'parse error'})`);
  }
  const s = (t: string) => ds.string(t)?.trim() ?? '';
  const info = {
    studyUid: s('x0020000d'),
    seriesUid: s('x0020000e'),
    sopInstanceUid: s('x00080018'),
    sopClassUid: s('x00080016'),
    transferSyntaxUid: s('x00020010'),
    frames: Math.max(1, Number(s('x00280008')) || 1),
  };
  if (!info.sopInstanceUid) return err('it has no SOP Instance UID');
  if (ds.elements['x7fe00010']) {
    const img = openDicom(bytes, { fileName: info.sopInstanceUid });
    if (!img.ok) return err(`its image cannot be read (${img.error.message})`);
    if (img.value.availableFrames < img.value.frameCount) return err(`only ${img.value.availableFrames} of its ${img.value.frameCount} frames arrived`);
  }
  return ok(info);
}

/** Failures that repeating the request for another instance cannot escape. */
const FATAL = new Set(['pacs/refused', 'pacs/dns', 'pacs/unreachable', 'pacs/tls', 'pacs/unauthorized', 'pacs/forbidden', 'pacs/cancelled', 'pacs/refused-by-app']);

interface Wanted {
  seriesUid: string;
  sopInstanceUid: string;
  frames: number;
}

/** Retrieve and check; see the module comment. */
export async function retrieveInstances(ports: RetrievePorts, req: RetrieveRequest): Promise<Result<RetrieveReport>> {
  const { client } = ports;
  const studyUid = req.target.studyUid;
  const seriesTarget = req.target.seriesUid;
  let wanted: Wanted[] = [];
  let byUid = new Map<string, Wanted>();
  const done = new Map<string, Omit<RetrievedInstance, 'bytes'>>();
  const failures = new Map<string, AppError>();
  const progress: RetrieveProgressReport = { instancesDone: 0, instancesTotal: 0, framesDone: 0, framesTotal: 0, receivedBytes: 0, expectedBytes: null };
  let listed = false;
  const report = () => {
    if (listed) req.onProgress?.({ ...progress });
  };

  // The listing, and — for one series and no cache — the series' WADO-RS request at the same time:
  // parts that arrive first wait for the listing before they are checked and handed on, so the
  // listing costs no round trip (bench:pacs). A listing that fails or finds nothing cancels it.
  let listingDone: (ok: boolean) => void = () => undefined;
  const listing = new Promise<boolean>((r) => (listingDone = r));

  /** Check a part and hand it on; a part that fails the check fails the request it came in. */
  const accept = async (bytes: Uint8Array, fromCache: boolean): Promise<Result<void>> => {
    if (!(await listing)) return err(pacsError('cancelled', client.label, 'retrieving images'));
    const c = checkInstance(bytes);
    if (!c.ok) return err(pacsError('malformed', client.label, 'retrieving images', { detail: `an instance was refused: ${c.error}` }));
    const w = byUid.get(c.value.sopInstanceUid);
    if (!w || done.has(w.sopInstanceUid)) return ok(undefined); // not asked for (or a duplicate): ignored
    const inst: RetrievedInstance = { ...c.value, studyUid: c.value.studyUid || studyUid, seriesUid: c.value.seriesUid || w.seriesUid, bytes, fromCache };
    const put = await ports.sink.put(inst);
    if (!put.ok) return put;
    const { bytes: _b, ...meta } = inst;
    done.set(w.sopInstanceUid, meta);
    failures.delete(w.sopInstanceUid);
    progress.instancesDone++;
    progress.framesDone += w.frames;
    report();
    return ok(undefined);
  };

  let base = 0;
  const fetchTarget = async (t: RetrieveTarget, signal = req.signal): Promise<AppError | null> => {
    const before = progress.receivedBytes;
    const out = await client.retrieve(t, {
      signal,
      onProgress: (p) => {
        progress.receivedBytes = base + p.receivedBytes;
        progress.expectedBytes = p.totalBytes !== null ? base + p.totalBytes : null;
        report();
      },
      onInstance: (part) => accept(part.bytes, false),
    });
    base = progress.receivedBytes = Math.max(progress.receivedBytes, before);
    return out.error;
  };

  let early: { series: string; cancel: CancelSource; outcome: Promise<AppError | null> } | null = null;
  if (req.instances) wanted = req.instances.map((i) => ({ seriesUid: i.seriesUid, sopInstanceUid: i.sopInstanceUid, frames: i.frames }));
  else {
    const q = client.searchInstances(req.target, req.modality === null ? undefined : (req.modality ?? 'US'), req.signal);
    if (seriesTarget && !ports.cache) {
      const cancel = new CancelSource(req.signal);
      early = { series: seriesTarget, cancel, outcome: fetchTarget({ studyUid, seriesUid: seriesTarget }, cancel.signal) };
    }
    const r = await q;
    if (r.ok) wanted = r.value.map((i) => ({ seriesUid: i.seriesUid, sopInstanceUid: i.sopInstanceUid, frames: i.frames }));
    if (!r.ok || wanted.length === 0) {
      listingDone(false);
      early?.cancel.cancel();
      await early?.outcome;
      if (!r.ok) return r;
    }
  }
  if (wanted.length === 0) {
    listingDone(false);
    const m = req.modality === null ? '' : `${req.modality ?? 'US'} `;
    return err({ code: 'pacs/nothing', title: `The PACS “${client.label.serverName}” lists no ${m}images in this ${req.target.seriesUid ? 'series' : 'study'}.`, action: 'Choose another study, or search without the modality filter.' });
  }
  byUid = new Map(wanted.map((w) => [w.sopInstanceUid, w]));
  progress.instancesTotal = wanted.length;
  progress.framesTotal = wanted.reduce((n, w) => n + w.frames, 0);
  listed = true;
  listingDone(true);

  // Cache first.
  if (ports.cache) {
    for (const w of wanted) {
      if (req.signal?.cancelled) break;
      const hit = await ports.cache.get(w.sopInstanceUid).catch(() => null);
      if (hit) await accept(hit, true);
    }
  }
  report();

  // One request per series still wanted, then one per instance still missing. Failures that no
  // other request would escape (server down, login refused, TLS, cancelled) stop at once.
  let fatal: AppError | null = null;
  const seriesOrder = [...new Set(wanted.map((w) => w.seriesUid))];
  for (const seriesUid of seriesOrder) {
    const left = wanted.filter((w) => w.seriesUid === seriesUid && !done.has(w.sopInstanceUid));
    if (left.length === 0 || req.signal?.cancelled) continue;
    const whole = req.instances === undefined || wanted.filter((w) => w.seriesUid === seriesUid).length === left.length;
    const e = early?.series === seriesUid ? await early.outcome : whole && left.length > 1 ? await fetchTarget({ studyUid, seriesUid }) : null;
    if (e && FATAL.has(e.code)) {
      fatal = e;
      break;
    }
    for (const w of wanted.filter((x) => x.seriesUid === seriesUid && !done.has(x.sopInstanceUid))) {
      if (req.signal?.cancelled) break;
      const e2 = await fetchTarget({ studyUid, seriesUid, sopInstanceUid: w.sopInstanceUid });
      if (!done.has(w.sopInstanceUid)) failures.set(w.sopInstanceUid, e2 ?? e ?? pacsError('incomplete', client.label, 'retrieving an instance', { detail: 'the server’s answer did not contain it' }));
      if (e2 && FATAL.has(e2.code)) {
        fatal = e2;
        break;
      }
    }
    if (fatal) break;
  }
  await early?.outcome; // delivered everything already, or stopped: either way finished before reporting
  if (fatal) for (const w of wanted) if (!done.has(w.sopInstanceUid) && !failures.has(w.sopInstanceUid)) failures.set(w.sopInstanceUid, fatal);
  const cancelled = pacsError('cancelled', client.label, 'retrieving images');
  const missing = wanted.filter((w) => !done.has(w.sopInstanceUid)).map((w) => ({ sopInstanceUid: w.sopInstanceUid, seriesUid: w.seriesUid, error: failures.get(w.sopInstanceUid) ?? cancelled }));
  return ok({ retrieved: wanted.filter((w) => done.has(w.sopInstanceUid)).map((w) => done.get(w.sopInstanceUid)!), missing, complete: missing.length === 0 });
}

/** One sentence for a report: what arrived and, when something did not, the first reason. */
export function describeRetrieve(r: RetrieveReport): string {
  const n = r.retrieved.length;
  const total = n + r.missing.length;
  if (r.complete) return `Retrieved ${n} instance${n === 1 ? '' : 's'}${r.retrieved.some((x) => x.fromCache) ? ` (${r.retrieved.filter((x) => x.fromCache).length} from the cache)` : ''}.`;
  const first = r.missing[0]!.error;
  return `Retrieved ${n} of ${total} instances; ${r.missing.length} did not arrive complete and ${r.missing.length === 1 ? 'was' : 'were'} not kept: ${first.title}`;
}
