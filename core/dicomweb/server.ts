/**
 * A PACS the user configured: name, DICOMweb base URL, how to log in, time-outs and a size limit.
 * The same schema is used by the desktop main process, the browser-mode forwarder and the CLI, so a
 * server is validated the same way everywhere. Secrets (password, token) are kept apart from it:
 * they are never written next to the settings in clear, never sent to the renderer, never logged.
 */
import { z } from 'zod';
import { toBase64 } from '../notes/export/base64';

/** `http(s)://host[:port]/path` without credentials, query or fragment; trailing slashes removed. */
export const BaseUrlSchema = z
  .string()
  .trim()
  .max(2048)
  .refine((u) => /^https?:\/\/[^\s/?#@]+(\/[^\s?#]*)?$/i.test(u), 'must be an http:// or https:// address without user name, query or fragment (e.g. https://pacs.example.org/dicom-web)')
  .transform((u) => u.replace(/\/+$/, ''));

export const AuthSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('basic'), user: z.string().min(1).max(256).refine((u) => !u.includes(':'), 'a user name cannot contain ":" (HTTP basic authentication)') }).strict(),
  z.object({ kind: z.literal('bearer') }).strict(),
]);
export type PacsAuth = z.infer<typeof AuthSchema>;

export const TimeoutsSchema = z
  .object({
    /** From request to response headers, ms. */
    responseMs: z.number().int().min(1000).max(600_000),
    /** Longest pause inside a response body, ms. */
    idleMs: z.number().int().min(1000).max(600_000),
  })
  .strict();

export const ServerIdSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'must be 1–40 lower-case letters, digits or dashes');

export const PacsServerSchema = z
  .object({
    id: ServerIdSchema,
    name: z.string().trim().min(1).max(80),
    baseUrl: BaseUrlSchema,
    auth: AuthSchema,
    timeouts: TimeoutsSchema,
    /** Largest WADO-RS answer accepted, MB. */
    maxRetrieveMb: z.number().int().min(1).max(65_536),
  })
  .strict();
export type PacsServer = z.infer<typeof PacsServerSchema>;

/** The secret matching the server's auth kind (password for basic, token for bearer). */
export const SecretSchema = z.string().min(1).max(8192);

export const DEFAULT_SERVER_SETTINGS = { timeouts: { responseMs: 30_000, idleMs: 30_000 }, maxRetrieveMb: 4096 } as const;

/** A server as the UI lists it: no secret, only whether one is stored and where. */
export interface PacsServerInfo extends PacsServer {
  /** 'saved' (encrypted on disk / remembered), 'session' (in memory until BlockPlan closes), or 'none'. */
  secret: 'saved' | 'session' | 'none';
}

function utf8(s: string): Uint8Array {
  return new TextEncoder().encode(s);
}

/** The Authorization header for a server (RFC 7617 basic, RFC 6750 bearer), or null. */
export function authorizationHeader(auth: PacsAuth, secret: string | null): string | null {
  if (auth.kind === 'basic') return `Basic ${toBase64(utf8(`${auth.user}:${secret ?? ''}`))}`;
  if (auth.kind === 'bearer' && secret) return `Bearer ${secret}`;
  return null;
}

/** A new id for a server from its name ("Hospital PACS" → "hospital-pacs", "-2" when taken). */
export function serverIdFor(name: string, taken: readonly string[]): string {
  const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 32) || 'pacs';
  let id = base;
  for (let i = 2; taken.includes(id); i++) id = `${base}-${i}`;
  return id;
}
