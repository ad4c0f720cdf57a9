/**
 * Reopening work: the recent cases of the empty screen (listed, opened, taken off the list) and, in
 * browser mode, keeping each clip of the open case findable by its SHA-256 through the file handle
 * it was opened with (renderer/bridge/handles.ts), so the case reopens later without a locate dialog.
 */
import { bridge } from '../bridge';
import type { RecentCase } from '../bridge/types';
import { useCase } from '../state/case';
import { reportError } from '../state/messages';
import { openCaseFile } from './caseFiles';

/** The recent cases, newest first (an empty list when the platform keeps none). */
export async function listRecentCases(): Promise<RecentCase[]> {
  try {
    return await bridge().recentCases();
  } catch {
    return [];
  }
}

/** Open a case from the recent list (call from the user's click: browser mode may ask for permission). True when opened. */
export async function openRecentCase(path: string): Promise<boolean> {
  const r = await bridge().openRecentCase(path);
  if (!r.ok) {
    reportError(r.error);
    return false;
  }
  return openCaseFile(r.value);
}

/** Take a case off the recent list (the file itself stays where it is). */
export async function removeRecentCase(path: string): Promise<void> {
  await bridge().removeRecent(path);
}

/**
 * Browser mode: whenever the open case's clips change, tell the bridge which kept file each clip is
 * (by its SHA-256). Returns the unsubscribe function; nothing to do on the desktop.
 */
export function startClipHandleLinks(): () => void {
  const link = bridge().linkClip;
  if (!link) return () => undefined;
  const linkAll = () => {
    const s = useCase.getState();
    for (const c of s.history.present.clips) void link(s.clips[c.id]?.location ?? c.path, c.sha256).catch(() => undefined);
  };
  linkAll();
  return useCase.subscribe((s, prev) => {
    if (s.history.present.clips !== prev.history.present.clips || s.clips !== prev.clips) linkAll();
  });
}
