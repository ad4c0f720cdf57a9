/**
 * The PACS servers the user configured, in the app's user-data folder (pacs-servers.json), and their
 * passwords/tokens: encrypted with Electron `safeStorage` (the OS keychain) when the user ticks
 * "remember", else kept in memory until BlockPlan quits. A secret is never written in clear, never
 * returned to the renderer and never logged. Without OS encryption (`isEncryptionAvailable()`
 * false, e.g. Linux without a keyring) "remember" falls back to memory and the listing says so.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { PacsServerSchema, type PacsServer } from '../../core/dicomweb/server';
import type { PacsServerListing } from '../ipc-contract';
import { writeFileAtomic } from '../../core/node/atomic';

/** The slice of Electron's safeStorage this uses (injected so tests run without Electron). */
export interface SecretCipher {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(encrypted: Buffer): string;
}

const FileSchema = z.object({ servers: z.array(PacsServerSchema), secrets: z.record(z.string(), z.string()).default({}) });

export class PacsSettings {
  private servers: PacsServer[] = [];
  /** id → encrypted secret (base64), as on disk. */
  private saved: Record<string, string> = {};
  /** id → secret in memory for this session. */
  private session = new Map<string, string>();
  private loaded = false;

  constructor(
    private readonly dir: string,
    private readonly cipher: SecretCipher,
  ) {}

  private get file(): string {
    return path.join(this.dir, 'pacs-servers.json');
  }

  private async load(): Promise<void> {
    if (this.loaded) return;
    this.loaded = true;
    try {
      const parsed = FileSchema.safeParse(JSON.parse(await fs.readFile(this.file, 'utf8')));
      if (parsed.success) {
        this.servers = parsed.data.servers;
        this.saved = parsed.data.secrets;
      }
    } catch {
      /* no settings yet */
    }
  }

  private async persist(): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    // Owner-only: the file holds server addresses and (safeStorage-encrypted) credentials.
    const written = await writeFileAtomic(this.file, JSON.stringify({ servers: this.servers, secrets: this.saved }, null, 2), { mode: 0o600 });
    if (!written.ok) throw new Error(`${written.error.title} ${written.error.action ?? ''}`.trim());
  }

  async list(): Promise<PacsServerListing[]> {
    await this.load();
    return this.servers.map((s) => ({ ...s, secret: this.session.has(s.id) ? 'session' : this.saved[s.id] ? 'saved' : 'none' }));
  }

  async get(id: string): Promise<PacsServer | null> {
    await this.load();
    return this.servers.find((s) => s.id === id) ?? null;
  }

  /** The secret of a server (memory first, then the encrypted copy), or null. */
  async secretOf(id: string): Promise<string | null> {
    await this.load();
    const mem = this.session.get(id);
    if (mem !== undefined) return mem;
    const enc = this.saved[id];
    if (!enc || !this.cipher.isEncryptionAvailable()) return null;
    try {
      return this.cipher.decryptString(Buffer.from(enc, 'base64'));
    } catch {
      return null;
    }
  }

  async save(server: PacsServer, secret: string | null, remember: boolean): Promise<PacsServerListing[]> {
    await this.load();
    const i = this.servers.findIndex((s) => s.id === server.id);
    const before = i >= 0 ? this.servers[i] : undefined;
    if (i >= 0) this.servers[i] = server;
    else this.servers.push(server);
    const authChanged = before && (before.auth.kind !== server.auth.kind || before.baseUrl !== server.baseUrl);
    if (server.auth.kind === 'none' || authChanged) {
      this.session.delete(server.id);
      delete this.saved[server.id];
    }
    if (secret !== null && server.auth.kind !== 'none') {
      this.session.delete(server.id);
      delete this.saved[server.id];
      if (remember && this.cipher.isEncryptionAvailable()) this.saved[server.id] = this.cipher.encryptString(secret).toString('base64');
      else this.session.set(server.id, secret);
    }
    await this.persist();
    return this.list();
  }

  async remove(id: string): Promise<PacsServerListing[]> {
    await this.load();
    this.servers = this.servers.filter((s) => s.id !== id);
    delete this.saved[id];
    this.session.delete(id);
    await this.persist();
    return this.list();
  }
}
