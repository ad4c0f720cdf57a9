import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../../core/node/atomic';
import { MAX_CASE_FILE_BYTES, readRegularTextFile } from '../../core/node/read';
import { err, ok, type Result } from '../../core/result';
import type { AppError } from '../../core/result';
import type { Autosave, FileKind, RecentFile, SaveKind } from '../ipc-contract';

const RecentSchema = z.array(
  z.object({ path: z.string(), name: z.string(), kind: z.enum(['dicom', 'model', 'case']), openedAt: z.string() }),
);
/** Grants kept with the autosave, so a recovered case can read its clips and save in place again. */
const SavedGrantsSchema = z.object({
  reads: z.array(z.string()).max(20_000),
  writes: z.array(z.object({ path: z.string(), kinds: z.array(z.enum(['case', 'case-bundle'])) })).max(1000),
});
export type SavedGrants = { reads: string[]; writes: { path: string; kinds: Extract<SaveKind, 'case' | 'case-bundle'>[] }[] };
const AutosaveSchema = z.object({ json: z.string(), savedAt: z.string(), grants: SavedGrantsSchema.optional() });

export const MAX_RECENT = 12;
/** Files in the user-data folder hold patient data (the autosave) or paths that may name patients: owner only. */
export const PRIVATE_FILE_MODE = 0o600;
/** Largest autosave read back (bytes). */
const MAX_AUTOSAVE_BYTES = 4 * MAX_CASE_FILE_BYTES;

/** Recent files and the autosave recovery file, kept in the app's user-data folder (owner-only, 0600). */
export class AppStore {
  constructor(private readonly dir: string) {}

  private get recentPath(): string {
    return path.join(this.dir, 'recent.json');
  }
  /** The recovery file (for tests and docs). */
  get autosavePath(): string {
    return path.join(this.dir, 'recovery.bpcase.autosave');
  }

  async listRecent(): Promise<RecentFile[]> {
    const text = await readRegularTextFile(this.recentPath, { maxBytes: 1024 ** 2 });
    if (!text.ok) return [];
    try {
      const parsed = RecentSchema.safeParse(JSON.parse(text.value));
      return parsed.success ? parsed.data : [];
    } catch {
      return [];
    }
  }

  async addRecent(p: string, kind: FileKind, now = new Date()): Promise<RecentFile[]> {
    const list = (await this.listRecent()).filter((r) => r.path !== p);
    list.unshift({ path: p, name: path.basename(p), kind, openedAt: now.toISOString() });
    const next = list.slice(0, MAX_RECENT);
    await this.write(this.recentPath, JSON.stringify(next, null, 2));
    return next;
  }

  /** Take one path off the list. */
  async removeRecent(p: string): Promise<RecentFile[]> {
    const next = (await this.listRecent()).filter((r) => r.path !== p);
    await this.write(this.recentPath, JSON.stringify(next, null, 2));
    return next;
  }

  async clearRecent(): Promise<RecentFile[]> {
    await this.write(this.recentPath, '[]');
    return [];
  }

  /** Write the recovery file (0600). The error says why in words (disk full, no permission…). */
  async writeAutosave(json: string, grants?: SavedGrants, now = new Date()): Promise<Result<void>> {
    const data = { json, savedAt: now.toISOString(), ...(grants ? { grants } : {}) };
    return this.tryWrite(this.autosavePath, JSON.stringify(data));
  }

  async readAutosave(): Promise<(Autosave & { grants?: SavedGrants }) | null> {
    const text = await readRegularTextFile(this.autosavePath, { maxBytes: MAX_AUTOSAVE_BYTES });
    if (!text.ok) return null;
    try {
      const parsed = AutosaveSchema.safeParse(JSON.parse(text.value));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async clearAutosave(): Promise<void> {
    await fs.rm(this.autosavePath, { force: true });
  }

  private async tryWrite(p: string, text: string): Promise<Result<void>> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    } catch (e) {
      const error: AppError = { code: 'file/no-folder', title: 'The app data folder could not be created.', file: this.dir, detail: e instanceof Error ? e.message : String(e) };
      return err(error);
    }
    const w = await writeFileAtomic(p, text, { mode: PRIVATE_FILE_MODE });
    return w.ok ? ok(undefined) : w;
  }

  private async write(p: string, text: string): Promise<void> {
    const w = await this.tryWrite(p, text);
    if (!w.ok) throw new Error(`${w.error.title}${w.error.detail ? ` (${w.error.detail})` : ''}`);
  }
}
