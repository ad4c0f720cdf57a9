import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import type { Autosave, FileKind, RecentFile } from '../ipc-contract';
import { writeFileAtomic } from '../../core/node/atomic';

const RecentSchema = z.array(
  z.object({ path: z.string(), name: z.string(), kind: z.enum(['dicom', 'model', 'case']), openedAt: z.string() }),
);
const AutosaveSchema = z.object({ json: z.string(), savedAt: z.string() });

export const MAX_RECENT = 12;

/** Recent files and the autosave recovery file, kept in the app's user-data folder. */
export class AppStore {
  constructor(private readonly dir: string) {}

  private get recentPath(): string {
    return path.join(this.dir, 'recent.json');
  }
  private get autosavePath(): string {
    return path.join(this.dir, 'recovery.bpcase.autosave');
  }

  async listRecent(): Promise<RecentFile[]> {
    try {
      const parsed = RecentSchema.safeParse(JSON.parse(await fs.readFile(this.recentPath, 'utf8')));
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

  async clearRecent(): Promise<RecentFile[]> {
    await this.write(this.recentPath, '[]');
    return [];
  }

  async writeAutosave(json: string, now = new Date()): Promise<void> {
    const data: Autosave = { json, savedAt: now.toISOString() };
    await this.write(this.autosavePath, JSON.stringify(data));
  }

  async readAutosave(): Promise<Autosave | null> {
    try {
      const parsed = AutosaveSchema.safeParse(JSON.parse(await fs.readFile(this.autosavePath, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async clearAutosave(): Promise<void> {
    await fs.rm(this.autosavePath, { force: true });
  }

  private async write(p: string, text: string): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true });
    const w = await writeFileAtomic(p, text);
    if (!w.ok) throw new Error(`${w.error.title}${w.error.detail ? ` (${w.error.detail})` : ''}`);
  }
}
