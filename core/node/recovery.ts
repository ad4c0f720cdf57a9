/**
 * Recovery files: autosaved copies of an open case, written every 30 s and on quit (core/plan
 * `createAutosaver`), offered on the next start when they are newer than the saved case.
 *
 * One file per case id in a recovery folder (the app's user-data folder), `<caseId>.bprecovery`:
 * `{ kind, version, caseId, casePath, writtenAt, case }`. Written atomically, owner-only (0600).
 */
import { readdir, readFile, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { parseCaseObject, serializeCase, type Case } from '../plan/index';
import { appError, err, ok, type AppError, type Result } from '../result';
import { writeFileAtomic } from './atomic';

export const RECOVERY_EXTENSION = '.bprecovery';
const KIND = 'blockplan-recovery';

/** A recovery file found on start. */
export interface Recovery {
  file: string;
  caseId: string;
  /** Where the case was last saved, or null for a case never saved. */
  casePath: string | null;
  /** ISO date-time of the autosave. */
  writtenAt: string;
  plan: Case;
}

function fileNameFor(caseId: string): string {
  return caseId.replace(/[^A-Za-z0-9._-]/g, '_') + RECOVERY_EXTENSION;
}

/** Write (replace) the recovery file of a case. */
export async function writeRecovery(dir: string, plan: Case, opts: { casePath: string | null; now?: string }): Promise<Result<string>> {
  const file = join(dir, fileNameFor(plan.id));
  const body = { kind: KIND, version: 1, caseId: plan.id, casePath: opts.casePath, writtenAt: opts.now ?? new Date().toISOString(), case: JSON.parse(serializeCase(plan)) as unknown };
  const w = await writeFileAtomic(file, JSON.stringify(body) + '\n', { mode: 0o600 }); // patient data: owner only
  return w.ok ? ok(file) : w;
}

/** Read one recovery file. */
export async function readRecovery(file: string): Promise<Result<Recovery>> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (e) {
    return err(appError('recovery/damaged', 'An autosaved copy is damaged and cannot be recovered.', { file, detail: e instanceof Error ? e.message : String(e) }));
  }
  const r = raw as { kind?: unknown; caseId?: unknown; casePath?: unknown; writtenAt?: unknown; case?: unknown };
  if (r.kind !== KIND || typeof r.caseId !== 'string' || typeof r.writtenAt !== 'string' || (r.casePath !== null && typeof r.casePath !== 'string')) {
    return err(appError('recovery/damaged', 'An autosaved copy is damaged and cannot be recovered.', { file }));
  }
  const p = parseCaseObject(r.case, file);
  if (!p.ok) return p;
  return ok({ file, caseId: r.caseId, casePath: r.casePath as string | null, writtenAt: r.writtenAt, plan: p.value.plan });
}

/**
 * Recoveries to offer on start: those of cases never saved, whose saved file is gone, or whose saved
 * file is older than the autosave. Damaged recovery files are returned separately (to report, then delete).
 */
export async function pendingRecoveries(dir: string): Promise<{ recoveries: Recovery[]; damaged: AppError[] }> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.endsWith(RECOVERY_EXTENSION));
  } catch {
    return { recoveries: [], damaged: [] };
  }
  const recoveries: Recovery[] = [];
  const damaged: AppError[] = [];
  for (const n of names.sort()) {
    const r = await readRecovery(join(dir, n));
    if (!r.ok) {
      damaged.push(r.error);
      continue;
    }
    if (await isNewerThanSaved(r.value)) recoveries.push(r.value);
  }
  return { recoveries, damaged };
}

async function isNewerThanSaved(r: Recovery): Promise<boolean> {
  if (r.casePath === null) return true;
  try {
    const st = await stat(r.casePath);
    return st.mtimeMs < Date.parse(r.writtenAt);
  } catch {
    return true; // the saved case is gone: the autosave is all there is
  }
}

/** Delete a case's recovery file (after a normal save, or when the user discards it). */
export async function discardRecovery(dir: string, caseId: string): Promise<void> {
  await unlink(join(dir, fileNameFor(caseId))).catch(() => undefined);
}
