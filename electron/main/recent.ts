/**
 * The recent cases of the empty screen, in the main process: the list lives in the app's settings
 * (./store.ts, recent.json); each case is read to describe it (core/app/recentCases.ts) and its clips
 * are looked for beside it. Reading for the list grants nothing; opening one (only a path on the
 * list) goes through openChosen like the Recent menu, which grants the case and its clips.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { describeRecentCases, type RecentCaseInfo } from '../../core/app/recentCases';
import { MAX_CASE_FILE_BYTES, readRegularFile } from '../../core/node/read';
import { appError, err, ok, type Result } from '../../core/result';
import type { IpcResult, OpenedFile, RecentCase } from '../ipc-contract';
import type { Grants } from './grants';
import { openChosen } from './open';
import { refusedPathReason } from './paths';
import type { AppStore } from './store';

/** The contract's RecentCase restates core's RecentCaseInfo: this stops compiling if they drift apart. */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
export const RECENT_CASE_MATCHES_CORE: Same<RecentCase, RecentCaseInfo> = true;

/** The recent cases, described: block, file time, and how many clips are where the case says. */
export async function recentCaseRows(store: AppStore, grants: Grants): Promise<RecentCase[]> {
  const refused = (p: string) => refusedPathReason(p, process.platform, grants.allowedShares) !== null;
  return describeRecentCases(await store.listRecent(), {
    async readCase(p): Promise<Result<{ bytes: Uint8Array; modifiedAt: string | null }>> {
      if (refused(p)) return err(appError('file/refused-path', 'not read for the list'));
      const st = await stat(p);
      if (!st.isFile()) return err(appError('file/not-a-file', 'not a file'));
      // A larger bundle is listed without reading it (its block is then not shown).
      const bytes = st.size <= MAX_CASE_FILE_BYTES ? await readRegularFile(p, { maxBytes: MAX_CASE_FILE_BYTES }) : ok(new Uint8Array());
      return bytes.ok ? ok({ bytes: bytes.value, modifiedAt: st.mtime.toISOString() }) : bytes;
    },
    async clipReach(resolved) {
      const abs = path.isAbsolute(resolved) || path.win32.isAbsolute(resolved) ? resolved : null;
      if (!abs || refused(abs)) return 'no';
      return (await stat(abs)).isFile() ? 'yes' : 'no';
    },
  });
}

/** Open a case from the recent list; a path not on it is refused. */
export async function openRecentCase(store: AppStore, grants: Grants, p: string): Promise<IpcResult<OpenedFile>> {
  const listed = (await store.listRecent()).some((r) => r.kind === 'case' && r.path === p);
  if (!listed) return { ok: false, error: { code: 'file/not-recent', title: `${path.basename(p)} is not on the recent list`, file: path.basename(p), action: 'Open it with File › Open case.' } };
  const [file] = await openChosen(grants, [p], { folder: false });
  if (!file) return { ok: false, error: { code: 'file/not-found', title: `${path.basename(p)} was not found`, file: path.basename(p), action: 'It may have been moved or deleted; remove it from the list.' } };
  if (file.error) return { ok: false, error: file.error };
  return { ok: true, value: file };
}
