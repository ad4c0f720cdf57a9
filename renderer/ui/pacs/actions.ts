/**
 * The PACS panel's adapters onto the core workflows (core/app/pacsSearch, pacsRetrieve, pacsSend),
 * over the platform's PACS bridge. Retrieved clips are cached (size-limited) and opened like local
 * files; the case records where each came from (ClipOrigin 'dicomweb'). Every failure goes to the
 * messages store and names the server.
 */
import { InstanceCache } from '../../../core/app/pacsCache';
import { pacsClipsOf, reopenPacsClips, serverForOrigin, type PacsClip } from '../../../core/app/pacsReopen';
import { describeRetrieve, retrieveInstances, type RetrieveProgressReport } from '../../../core/app/pacsRetrieve';
import { searchStudies, studyImages } from '../../../core/app/pacsSearch';
import { sendResults, type SendChoice } from '../../../core/app/pacsSend';
import { DicomWebClient } from '../../../core/dicomweb/client';
import { CancelSource } from '../../../core/dicomweb/transport';
import type { ConfirmSide } from '../../../core/notes/sbyb';
import type { Clip, ClipOrigin } from '../../../core/plan/schema';
import { ok, type AppError } from '../../../core/result';
import { pacsBridge, type PacsServerListing, type PacsServerSetting } from '../../bridge/pacs';
import { indexedDbCacheStore } from '../../bridge/pacsCache';
import { clipFacts, setClipOriginResolver } from '../../../core/plan/clip-facts';
import { useCase } from '../../state/case';
import { notify, reportError } from '../../state/messages';
import { usePacs } from '../../state/pacs';
import { confirmedNoteForSend } from '../../services/noteExport';
import { routeFiles } from '../../services/fileRouting';

const cache = new InstanceCache(indexedDbCacheStore(), usePacs.getState().cacheLimitMb * 1024 ** 2);

/** Clips opened from a PACS, by the path they were opened under: the case records their origin. */
const origins = new Map<string, ClipOrigin>();
setClipOriginResolver((path) => origins.get(path));

const current = (): PacsServerListing | null => {
  const s = usePacs.getState();
  return s.servers.find((x) => x.id === s.serverId) ?? null;
};

export function clientFor(server: PacsServerListing): DicomWebClient {
  return new DicomWebClient(pacsBridge().transport(server), { timeouts: server.timeouts, maxRetrieveBytes: server.maxRetrieveMb * 1024 ** 2 });
}

export async function loadServers(): Promise<void> {
  const r = await pacsBridge().listServers();
  if (!r.ok) return void reportError(r.error);
  const s = usePacs.getState();
  s.set({ servers: r.value, serverId: r.value.some((x) => x.id === s.serverId) ? s.serverId : (r.value[0]?.id ?? null) });
  void refreshCacheUsage();
}

export async function saveServer(server: PacsServerSetting, secret: string | null, remember: boolean): Promise<boolean> {
  const r = await pacsBridge().saveServer(server, secret, remember);
  if (!r.ok) {
    reportError(r.error);
    return false;
  }
  usePacs.getState().set({ servers: r.value, serverId: server.id, editing: null });
  if (remember && secret && r.value.find((x) => x.id === server.id)?.secret === 'session') notify('The password is kept for this session only: this computer offers no encrypted storage for it.', 'warning');
  return true;
}

export async function removeServer(id: string): Promise<void> {
  const r = await pacsBridge().removeServer(id);
  if (!r.ok) return void reportError(r.error);
  usePacs.getState().set({ servers: r.value, serverId: r.value[0]?.id ?? null, editing: null, rows: [] });
}

export async function search(offset = 0): Promise<void> {
  const server = current();
  if (!server) return;
  const st = usePacs.getState();
  st.set({ searching: true });
  const client = clientFor(server);
  const r = await searchStudies(client, { ...st.form, offset, limit: 25 });
  usePacs.getState().set({ searching: false });
  if (!r.ok) return void reportError(r.error);
  usePacs.getState().set({ rows: r.value.studies.map((study) => ({ study, images: 'loading' })), offset, more: r.value.more });
  // Ultrasound instances and frames per study, two at a time.
  const queue = [...r.value.studies];
  const worker = async () => {
    for (let s = queue.shift(); s; s = queue.shift()) {
      const c = await studyImages(client, s.studyUid, st.form.modality || 'US');
      usePacs.getState().setRow(s.studyUid, c.ok ? c.value : { error: c.error });
    }
  };
  await Promise.all([worker(), worker()]);
}

export async function refreshCacheUsage(): Promise<void> {
  const u = await cache.usage().catch(() => ({ bytes: 0, entries: 0 }));
  usePacs.getState().set({ cacheUsedBytes: u.bytes });
}

export async function setCacheLimit(mb: number): Promise<void> {
  cache.limitBytes = mb * 1024 ** 2;
  usePacs.getState().set({ cacheLimitMb: mb });
  await cache.trim();
  await refreshCacheUsage();
}

export async function clearCache(): Promise<void> {
  await cache.clear();
  await refreshCacheUsage();
}

/** Start a retrieve job (progress bar, Cancel); its progress callback. */
function startJob(studyUid: string, label: string): { cs: CancelSource; onProgress(p: RetrieveProgressReport): void } {
  const cs = new CancelSource();
  const set = usePacs.getState().set;
  set({ job: { studyUid, label, fraction: 0, framesDone: 0, framesTotal: 0, instancesDone: 0, instancesTotal: 0, cancel: cs }, lastRetrieve: null });
  let best = 0;
  return {
    cs,
    onProgress: (p) => {
      const byFrames = p.framesTotal ? p.framesDone / p.framesTotal : 0;
      const byBytes = p.expectedBytes ? p.receivedBytes / p.expectedBytes : 0;
      best = Math.min(1, Math.max(best, byFrames, byBytes));
      const j = usePacs.getState().job;
      if (j) set({ job: { ...j, fraction: best, framesDone: p.framesDone, framesTotal: p.framesTotal, instancesDone: p.instancesDone, instancesTotal: p.instancesTotal } });
    },
  };
}

/** Open a retrieved instance like a local file, remembering where it came from (the case records it). */
async function openRetrieved(path: string, name: string, origin: Extract<ClipOrigin, { kind: 'dicomweb' }>, bytes: Uint8Array): Promise<void> {
  origins.set(path, origin);
  await routeFiles([{ path, name, bytes }], 'dicom');
}

/** Retrieve the study's ultrasound clips (or given instances) and open them like local files. */
export async function retrieve(studyUid: string, label: string, instances?: { seriesUid: string; sopInstanceUid: string; frames: number }[]): Promise<string[]> {
  const server = current();
  if (!server || usePacs.getState().job) return [];
  const set = usePacs.getState().set;
  const { cs, onProgress } = startJob(studyUid, label);
  const opened: string[] = [];
  const r = await retrieveInstances(
    {
      client: clientFor(server),
      cache,
      sink: {
        put: async (inst) => {
          if (!inst.fromCache) await cache.put(inst.sopInstanceUid, inst.bytes).catch(() => false);
          const path = `pacs://${server.id}/${inst.studyUid}/${inst.seriesUid}/${inst.sopInstanceUid}.dcm`;
          const origin = { kind: 'dicomweb' as const, wadoRoot: server.baseUrl, studyUid: inst.studyUid, seriesUid: inst.seriesUid, instanceUid: inst.sopInstanceUid };
          await openRetrieved(path, `${label || 'PACS clip'} · ${inst.sopInstanceUid.slice(-8)}.dcm`, origin, inst.bytes);
          opened.push(inst.sopInstanceUid);
          return ok(undefined);
        },
      },
    },
    {
      target: { studyUid },
      instances,
      signal: cs.signal,
      onProgress,
    },
  );
  set({ job: null });
  void refreshCacheUsage();
  if (!r.ok) {
    reportError(r.error);
    set({ lastRetrieve: r.error.title });
    return opened;
  }
  const text = describeRetrieve(r.value);
  set({ lastRetrieve: text });
  if (r.value.complete) notify(text, 'success');
  else {
    const first = r.value.missing[0]!.error;
    if (first.code === 'pacs/cancelled') notify(`Retrieve cancelled: ${r.value.retrieved.length} of ${r.value.retrieved.length + r.value.missing.length} clips opened; nothing incomplete was kept.`, 'info');
    else reportError({ ...first, title: text });
  }
  return opened;
}

export function cancelRetrieve(): void {
  usePacs.getState().job?.cancel.cancel();
}

/**
 * Clips of the open case that came from a PACS but are not open now, each with the configured server
 * whose DICOMweb root is the one recorded (null: none — BlockPlan will not ask that address).
 */
export function pacsClipsToReopen(): { clip: PacsClip; server: PacsServerListing | null }[] {
  const { history, clips } = useCase.getState();
  const servers = usePacs.getState().servers;
  return pacsClipsOf(history.present, (id) => !!clips[id]?.bytes).map((clip) => ({ clip, server: serverForOrigin(clip.origin, servers) }));
}

/**
 * Open the case's PACS clips again (core/app/pacsReopen): from the cache, else from the configured
 * server each came from; each must be the clip the case was planned on (SHA-256).
 */
export async function reopenFromPacs(clipIds?: readonly string[]): Promise<void> {
  if (usePacs.getState().job) return;
  const clips = pacsClipsToReopen().filter((c) => !clipIds || clipIds.includes(c.clip.id));
  if (!clips.length) return;
  const label = clips.length === 1 ? clips[0]!.clip.displayName : `${clips.length} clips of the case`;
  const { cs, onProgress } = startJob(clips[0]!.clip.origin.studyUid, label);
  const r = await reopenPacsClips({ servers: usePacs.getState().servers, client: clientFor, cache }, clips.map((c) => c.clip), { signal: cs.signal, onProgress });
  usePacs.getState().set({ job: null });
  for (const { clip, bytes } of r.opened) {
    const path = clip.path.startsWith('pacs://') ? clip.path : `pacs://case/${clip.origin.studyUid}/${clip.origin.seriesUid}/${clip.origin.instanceUid}.dcm`;
    const facts = clipFacts(bytes, clip.displayName);
    // The case's clip, found again through its origin (no edit of the case).
    if (facts.ok) useCase.getState().setClipRuntime(clip.id, { location: path, onDisk: true, bytes, calibration: facts.value.calibration });
    await openRetrieved(path, clip.displayName, clip.origin, bytes);
  }
  void refreshCacheUsage();
  for (const p of r.problems) reportError(p.error);
  const text = `Reopened ${r.opened.length} of ${clips.length} clip${clips.length === 1 ? '' : 's'} of the case from the PACS${r.opened.some((o) => !o.server) ? ' (cache)' : ''}.`;
  usePacs.getState().set({ lastRetrieve: text });
  if (r.opened.length) notify(text, r.problems.length ? 'warning' : 'success');
}

/**
 * Where the results go: the configured server the case's first open clip came from (its study is
 * there), else the server chosen in the panel. `fromClip` says which.
 */
export function sendTarget(): { server: PacsServerListing; fromClip: boolean } | null {
  const { history, clips } = useCase.getState();
  const { servers, serverId } = usePacs.getState();
  return sendTargetOf(history.present.clips, clips, servers, serverId);
}

/** `sendTarget` from given values (the panel passes what it subscribes to). */
export function sendTargetOf(caseClips: readonly Clip[], runtimes: Readonly<Record<string, { bytes?: Uint8Array | null } | undefined>>, servers: readonly PacsServerListing[], chosenId: string | null): { server: PacsServerListing; fromClip: boolean } | null {
  const first = caseClips.find((c) => runtimes[c.id]?.bytes);
  const fromClip = first?.origin.kind === 'dicomweb' ? serverForOrigin(first.origin, servers) : null;
  if (fromClip) return { server: fromClip, fromClip: true };
  const chosen = servers.find((x) => x.id === chosenId);
  return chosen ? { server: chosen, fromClip: false } : null;
}

/** Stop Before You Block, then SR + PDF + key images into the study of the case's first clip (on the server it came from). */
export async function sendBack(side: ConfirmSide | undefined, choice: SendChoice): Promise<void> {
  const server = sendTarget()?.server;
  if (!server) return;
  const set = usePacs.getState().set;
  const fail = (error: AppError) => {
    reportError(error);
    set({ sending: false, sendReport: { studyUid: '', results: [], error } });
  };
  set({ sending: true, sendReport: null });
  try {
    const { history, clips: runtimes } = useCase.getState();
    const plan = history.present;
    const first = plan.clips.find((c) => runtimes[c.id]?.bytes);
    if (!first) return fail({ code: 'pacs/no-clip', title: 'The case has no open clip to file the results with.', action: 'Open the case’s clip (or retrieve it from the PACS), then send again.' });
    // The same workflow and checks as the note export (side, SR identity, key images).
    const confirmed = await confirmedNoteForSend(side);
    if (!confirmed.ok) return fail(confirmed.error);
    await import('../../services/pdfFonts'); // the PDF note's bundled fonts (registered as the default loader)
    const r = await sendResults(clientFor(server), { doc: confirmed.value, studyInstance: runtimes[first.id]!.bytes!, choice, createdAt: new Date() });
    if (!r.ok) return fail(r.error);
    set({ sending: false, sendReport: r.value });
    const bad2 = r.value.results.filter((x) => x.status === 'failed' || x.status === 'unconfirmed');
    if (bad2.length) reportError({ code: 'pacs/rejected', title: `${bad2.length} of ${r.value.results.length} objects were not stored by “${server.name}”.`, action: 'See the reason beside each in the PACS panel.', detail: bad2.map((x) => `${x.label}: ${x.message ?? x.status}`).join('\n') });
    else notify(`Stored ${r.value.results.length} objects into the study on “${server.name}”.`, 'success');
  } catch (e) {
    fail({ code: 'pacs/send-failed', title: 'The results could not be sent.', detail: e instanceof Error ? e.message : String(e) });
  }
}
