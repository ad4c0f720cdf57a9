/**
 * The recent-cases list of the empty screen: for each case the user opened or saved, its name, the
 * block it plans, when the file last changed and whether its clips can be reached now. One workflow
 * for both platforms: the desktop's main process reads files from disk, browser mode reads what it
 * keeps in IndexedDB (case bytes, file handles); each gives the ports below.
 */
import { getBlockTemplate } from '../blocks/index';
import { parseCase, readBundleCase, type Case } from '../plan/index';
import { basename, dirname, joinPath } from '../plan/paths';
import type { Result } from '../result';

/** Whether a clip can be read now: yes, after the user grants permission again (browser mode), or no. */
export type ClipReach = 'yes' | 'ask' | 'no';

/** One row of the recent-cases list. */
export interface RecentCaseInfo {
  /** Where the case is (desktop: absolute path; browser: the name it was opened or saved under). */
  path: string;
  /** File name. */
  name: string;
  /** ISO 8601 time it was last opened or saved here. */
  openedAt: string;
  /** ISO 8601 time the file last changed, when known. */
  modifiedAt: string | null;
  /** False when the case file itself cannot be read any more (moved, deleted, storage cleared). */
  available: boolean;
  /** The planned block ("Thoracic paravertebral block, right, T4"), or null when none is chosen or the case cannot be read. */
  block: string | null;
  /** The case's patient name as entered, if any (shown only when the user asks to see patient names). */
  patientName: string | null;
  /** A bundle carries its clips inside. */
  bundled: boolean;
  /** Clips of the case, and how many can be reached now or after granting permission. */
  clips: { total: number; reachable: number; needPermission: number };
}

/** What the workflow needs from the platform. */
export interface RecentCasePorts {
  /** The case file's bytes and when it last changed, or an error when it cannot be read. */
  readCase(path: string): Promise<Result<{ bytes: Uint8Array; modifiedAt: string | null }>>;
  /** Whether the clip (path resolved against the case's folder, and its SHA-256) can be read. */
  clipReach(resolvedPath: string, clip: Case['clips'][number]): Promise<ClipReach>;
}

/** "Thoracic paravertebral block, right, T4" from the case's block choice; null when none. */
export function blockLabel(block: Case['block']): string | null {
  if (!block.templateId) return null;
  const name = getBlockTemplate(block.templateId)?.name ?? block.templateId;
  const side = block.side && block.side !== 'n/a' ? block.side : null;
  return [name, side, block.level].filter(Boolean).join(', ');
}

/** A case's plan from its bytes (a .bpcase, or a .bpcasez bundle: only its case.json is read). */
export function caseOfBytes(bytes: Uint8Array, name: string): Result<{ plan: Case; bundled: boolean }> {
  const bundled = /\.bpcasez$/i.test(name) || (bytes[0] === 0x50 && bytes[1] === 0x4b);
  const parsed = bundled ? readBundleCase(bytes, name) : parseCase(new TextDecoder('utf-8', { fatal: false }).decode(bytes), name);
  return parsed.ok ? { ok: true, value: { plan: parsed.value.plan, bundled } } : parsed;
}

/** Describe one recent case (never throws: an unreadable file is a row that says so). */
export async function describeRecentCase(entry: { path: string; name: string; openedAt: string }, ports: RecentCasePorts): Promise<RecentCaseInfo> {
  const row: RecentCaseInfo = { ...entry, modifiedAt: null, available: false, block: null, patientName: null, bundled: false, clips: { total: 0, reachable: 0, needPermission: 0 } };
  const read = await ports.readCase(entry.path).catch(() => null);
  if (!read?.ok) return row;
  row.available = true;
  row.modifiedAt = read.value.modifiedAt;
  const c = caseOfBytes(read.value.bytes, entry.name || basename(entry.path));
  if (!c.ok) return row;
  const { plan, bundled } = c.value;
  row.block = blockLabel(plan.block);
  row.patientName = plan.patient.name?.trim() || null;
  row.bundled = bundled;
  row.clips.total = plan.clips.length;
  if (bundled) {
    row.clips.reachable = plan.clips.length;
    return row;
  }
  const dir = dirname(entry.path);
  for (const clip of plan.clips) {
    const reach = await ports.clipReach(joinPath(dir, clip.path), clip).catch((): ClipReach => 'no');
    if (reach === 'yes') row.clips.reachable++;
    else if (reach === 'ask') row.clips.needPermission++;
  }
  return row;
}

/** Describe the case entries of a recent-files list, newest first. */
export async function describeRecentCases(recent: readonly { path: string; name: string; kind: string; openedAt: string }[], ports: RecentCasePorts): Promise<RecentCaseInfo[]> {
  const out: RecentCaseInfo[] = [];
  for (const r of recent) if (r.kind === 'case') out.push(await describeRecentCase(r, ports));
  return out;
}
