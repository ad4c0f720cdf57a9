/**
 * Workflow: open a case's clips again from the PACS they came from. A clip retrieved from a PACS is
 * recorded with its origin (core/plan/schema `ClipOrigin` 'dicomweb': the server's DICOMweb root and
 * the Study/Series/SOP Instance UIDs). When the case is opened where the clip is not on disk:
 *
 * 1. The local instance cache is tried first (no network).
 * 2. Otherwise the clip is asked for from the configured server whose DICOMweb root is the one
 *    recorded — only a server the user configured: a case file from elsewhere must not make BlockPlan
 *    talk to a server the user did not choose. A clip whose server is not configured is reported
 *    (naming the address) and nothing is sent anywhere; the user may add that server.
 * 3. What comes back must be the clip the case was planned on (its SHA-256), else it is not used.
 *
 * The app's PACS panel and tests call this; only the ports differ.
 */
import type { DicomWebClient } from '../dicomweb/client';
import type { CancelSignal } from '../dicomweb/transport';
import { sha256Hex, type Case, type Clip, type ClipOrigin } from '../plan/index';
import { appError, type AppError } from '../result';
import { retrieveInstances, type InstanceCachePort, type RetrieveProgressReport } from './pacsRetrieve';

export type PacsOrigin = Extract<ClipOrigin, { kind: 'dicomweb' }>;
/** A case clip that came from a PACS. */
export type PacsClip = Clip & { origin: PacsOrigin };

/** What the workflow needs to know of a configured server. */
export interface ConfiguredServer {
  id: string;
  name: string;
  baseUrl: string;
}

const DEFAULT_PORT: Record<string, string> = { http: '80', https: '443' };

/**
 * A DICOMweb root in one spelling: scheme and host lower case, default port dropped, no trailing `/`;
 * null when it is not an http(s) address (or carries a user name, a query or a fragment).
 */
export function dicomWebRootKey(url: string): string | null {
  const m = /^(https?):\/\/([^/?#@:[\]]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(\/[^?#]*)?$/i.exec(url.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const port = m[3] && String(Number(m[3])) !== DEFAULT_PORT[scheme] ? `:${Number(m[3])}` : '';
  return `${scheme}://${m[2]!.toLowerCase()}${port}${(m[4] ?? '').replace(/\/+$/, '')}`;
}

/** The configured server whose DICOMweb root is the clip's recorded one, or null (never a guess). */
export function serverForOrigin<S extends ConfiguredServer>(origin: PacsOrigin, servers: readonly S[]): S | null {
  const key = dicomWebRootKey(origin.wadoRoot);
  return key === null ? null : (servers.find((s) => dicomWebRootKey(s.baseUrl) === key) ?? null);
}

/** The case's clips that came from a PACS and are not open (`isOpen`: the app holds their bytes). */
export function pacsClipsOf(plan: Case, isOpen: (clipId: string) => boolean): PacsClip[] {
  return plan.clips.filter((c): c is PacsClip => c.origin.kind === 'dicomweb' && !isOpen(c.id));
}

export interface ReopenPorts<S extends ConfiguredServer> {
  /** The user's configured servers (the only ones that may be contacted). */
  servers: readonly S[];
  client(server: S): DicomWebClient;
  /** The local instance cache; `put` keeps what the network delivered. */
  cache?: InstanceCachePort & { put?(sopInstanceUid: string, bytes: Uint8Array): Promise<unknown> };
}

export interface ReopenedClip<S> {
  clip: PacsClip;
  bytes: Uint8Array;
  /** The server it came from; null when it came from the cache. */
  server: S | null;
}

export interface ReopenReport<S> {
  opened: ReopenedClip<S>[];
  /** Clips that could not be opened, each with why (naming the clip and the server or address). */
  problems: { clip: PacsClip; error: AppError }[];
}

const notTheClip = (clip: PacsClip, where: string): AppError =>
  appError('pacs/clip-changed', `The copy of “${clip.displayName}” ${where} is not the clip this case was planned on (its SHA-256 differs).`, {
    action: 'It was not opened. Locate the original file, or add the PACS copy to the case as a new clip.',
  });

/** Open `clips` again: cache first, then each from the configured server it came from. Never throws. */
export async function reopenPacsClips<S extends ConfiguredServer>(
  ports: ReopenPorts<S>,
  clips: readonly PacsClip[],
  opts: { signal?: CancelSignal; onProgress?(p: RetrieveProgressReport): void } = {},
): Promise<ReopenReport<S>> {
  const report: ReopenReport<S> = { opened: [], problems: [] };
  const byServer = new Map<S, PacsClip[]>();
  for (const clip of clips) {
    const cached = await ports.cache?.get(clip.origin.instanceUid).catch(() => null);
    if (cached && sha256Hex(cached) === clip.sha256) {
      report.opened.push({ clip, bytes: cached, server: null });
      continue;
    }
    const server = serverForOrigin(clip.origin, ports.servers);
    if (!server) {
      report.problems.push({
        clip,
        error: appError('pacs/unknown-server', `“${clip.displayName}” came from the PACS at ${clip.origin.wadoRoot}, which is not one of your PACS servers.`, {
          action: 'BlockPlan asks only servers you added. If you trust this address, add it in the PACS panel (“Add this server…”) and reopen the clip; or “Locate file…” if you have it.',
        }),
      });
      continue;
    }
    byServer.set(server, [...(byServer.get(server) ?? []), clip]);
  }
  for (const [server, list] of byServer) {
    for (const studyUid of new Set(list.map((c) => c.origin.studyUid))) {
      const inStudy = list.filter((c) => c.origin.studyUid === studyUid);
      const got = new Map<string, Uint8Array>();
      const r = await retrieveInstances(
        { client: ports.client(server), sink: { put: async (inst) => (got.set(inst.sopInstanceUid, inst.bytes), { ok: true, value: undefined }) } },
        { target: { studyUid }, instances: inStudy.map((c) => ({ seriesUid: c.origin.seriesUid, sopInstanceUid: c.origin.instanceUid, frames: c.frameCount })), signal: opts.signal, onProgress: opts.onProgress },
      );
      const missing = new Map(r.ok ? r.value.missing.map((m) => [m.sopInstanceUid, m.error]) : []);
      for (const clip of inStudy) {
        const bytes = got.get(clip.origin.instanceUid);
        if (!r.ok) report.problems.push({ clip, error: r.error });
        else if (!bytes) report.problems.push({ clip, error: missing.get(clip.origin.instanceUid) ?? appError('pacs/incomplete', `“${server.name}” did not send “${clip.displayName}”.`) });
        else if (sha256Hex(bytes) !== clip.sha256) report.problems.push({ clip, error: notTheClip(clip, `on “${server.name}”`) });
        else {
          await Promise.resolve(ports.cache?.put?.(clip.origin.instanceUid, bytes)).catch(() => undefined);
          report.opened.push({ clip, bytes, server });
        }
      }
    }
  }
  return report;
}
