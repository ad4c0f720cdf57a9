import path from 'node:path';
import { z } from 'zod';
import {
  CHANNELS,
  wireName,
  type Channel,
  type IpcContract,
  type IpcRequest,
  type IpcResponse,
  type IpcResult,
  type FileKind,
  type SaveKind,
  type AppInfo,
  type OpenedFile,
} from '../ipc-contract';
import { atomicWrite, expandPaths, fileError, readOne, type Grants } from './files';
import type { AppStore } from './store';

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && path.isAbsolute(p), 'must be an absolute path');
const fileKind = z.enum(['dicom', 'model', 'case']);
const saveKind = z.enum(['case', 'case-bundle', 'note-pdf', 'note-md', 'note-html', 'note-sr', 'note-fhir', 'image', 'video', 'dicom-clip']);
/** Largest payload the renderer may ask main to save (bytes). */
const MAX_SAVE_BYTES = 2 * 1024 ** 3;

/** One zod schema per channel's request: the single place arguments are validated. */
export const requestSchemas: { [C in Channel]: z.ZodType<IpcRequest<C>> } = {
  appInfo: z.null(),
  openDialog: z.object({ kind: fileKind, multiple: z.boolean(), folder: z.boolean() }).strict(),
  readFile: z.object({ path: absolutePath }).strict(),
  readDropped: z.object({ paths: z.array(absolutePath).min(1).max(1000) }).strict(),
  saveFile: z
    .object({
      kind: saveKind,
      suggestedName: z.string().min(1).max(255).refine((n) => !/[\\/\0]/.test(n), 'must be a plain file name'),
      bytes: z.instanceof(Uint8Array).refine((b) => b.byteLength <= MAX_SAVE_BYTES, 'too large'),
      path: absolutePath.nullable(),
      saveAs: z.boolean(),
    })
    .strict(),
  listRecent: z.null(),
  addRecent: z.object({ path: absolutePath, kind: fileKind }).strict(),
  clearRecent: z.null(),
  writeAutosave: z.object({ json: z.string().max(256 * 1024 ** 2) }).strict(),
  readAutosave: z.null(),
  clearAutosave: z.null(),
};

export type Handlers = { [C in Channel]: (req: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>> };

/** What the handlers need from the outside world (injected so tests can mock Electron). */
export interface HandlerContext {
  appInfo(): AppInfo;
  grants: Grants;
  store: AppStore;
  /** Native open dialog; returns chosen absolute paths (empty when cancelled). */
  showOpenDialog(kind: FileKind, multiple: boolean, folder: boolean): Promise<string[]>;
  /** Native save dialog; returns the chosen path or null. */
  showSaveDialog(kind: SaveKind, suggestedName: string): Promise<string | null>;
  /** Called after the recent list changes (to rebuild the native menu). */
  recentChanged(): void;
}

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

async function readAll(paths: string[], ctx: HandlerContext): Promise<IpcResult<OpenedFile[]>> {
  const files = await expandPaths(paths);
  const out: OpenedFile[] = [];
  for (const f of files) {
    ctx.grants.grantFile(f);
    const r = await readOne(f);
    // A file that cannot be read is returned with empty bytes so the renderer lists it as failed
    // with the reason, without disturbing the others.
    if (r.ok) out.push(r.value);
    else out.push({ path: f, name: path.basename(f), bytes: new Uint8Array(0) });
  }
  return ok(out);
}

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    appInfo: async () => ok(ctx.appInfo()),
    openDialog: async ({ kind, multiple, folder }) => {
      const paths = await ctx.showOpenDialog(kind, multiple, folder);
      if (kind === 'case') for (const p of paths) ctx.grants.grantDir(path.dirname(p));
      for (const p of paths) if (folder) ctx.grants.grantDir(p);
      return readAll(paths, ctx);
    },
    readFile: async ({ path: p }) => {
      if (!ctx.grants.allows(p)) {
        return fileError('file/not-granted', `BlockPlan has not been given access to ${path.basename(p)}`, path.basename(p), 'Open it with File › Open or drop it on the window.');
      }
      return readOne(p);
    },
    readDropped: async ({ paths }) => {
      for (const p of paths) {
        ctx.grants.grantFile(p);
        ctx.grants.grantDir(p); // a dropped folder
        // A dropped case reads its clips relative to its own folder, as an opened one does.
        if (/\.bpcasez?$/i.test(p)) ctx.grants.grantDir(path.dirname(p));
      }
      return readAll(paths, ctx);
    },
    saveFile: async ({ kind, suggestedName, bytes, path: p, saveAs }) => {
      let target = !saveAs && p && ctx.grants.allows(p) ? p : null;
      if (!target) target = await ctx.showSaveDialog(kind, suggestedName);
      if (!target) return ok(null);
      try {
        await atomicWrite(target, bytes);
      } catch (e) {
        return fileError('file/save-failed', `Could not save ${path.basename(target)}`, path.basename(target), 'Check the folder exists and you can write to it; your work is still open.', String((e as NodeJS.ErrnoException).code ?? e));
      }
      ctx.grants.grantFile(target);
      if (kind === 'case' || kind === 'case-bundle') ctx.grants.grantDir(path.dirname(target));
      return ok({ path: target });
    },
    listRecent: async () => ok(await ctx.store.listRecent()),
    addRecent: async ({ path: p, kind }) => {
      if (!ctx.grants.allows(p)) return fileError('file/not-granted', 'Only opened files can be added to the recent list', path.basename(p));
      const list = await ctx.store.addRecent(p, kind);
      ctx.recentChanged();
      return ok(list);
    },
    clearRecent: async () => {
      const list = await ctx.store.clearRecent();
      ctx.recentChanged();
      return ok(list);
    },
    writeAutosave: async ({ json }) => {
      await ctx.store.writeAutosave(json);
      return ok(null);
    },
    readAutosave: async () => ok(await ctx.store.readAutosave()),
    clearAutosave: async () => {
      await ctx.store.clearAutosave();
      return ok(null);
    },
  };
}

/** The minimal slice of an IPC invoke event the checks need. */
export interface SenderInfo {
  senderFrame: { url: string } | null;
}

/**
 * Wrap a handler: check the sender is our window on our origin, validate the argument, never throw.
 */
export function guard<C extends Channel>(
  channel: C,
  handler: Handlers[C],
  isTrustedSender: (event: SenderInfo) => boolean,
): (event: SenderInfo, arg: unknown) => Promise<IpcResult<IpcResponse<C>>> {
  const schema = requestSchemas[channel];
  return async (event, arg) => {
    if (!isTrustedSender(event)) {
      return { ok: false, error: { code: 'ipc/untrusted-sender', title: 'Request refused: it did not come from the BlockPlan window' } };
    }
    const parsed = schema.safeParse(arg === undefined ? null : arg);
    if (!parsed.success) {
      return {
        ok: false,
        error: { code: 'ipc/bad-arguments', title: `Invalid request to ${channel}`, detail: parsed.error.issues.map((i) => `${i.path.join('.') || '(argument)'}: ${i.message}`).join('; ') },
      };
    }
    try {
      return await (handler as (r: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>)(parsed.data);
    } catch (e) {
      return { ok: false, error: { code: 'ipc/failed', title: `Something went wrong (${channel})`, detail: e instanceof Error ? e.message : String(e) } };
    }
  };
}

/** Register every channel of the contract with ipcMain.handle (or a test double). */
export function registerHandlers(
  ipc: { handle(channel: string, fn: (event: SenderInfo, arg: unknown) => Promise<unknown>): void },
  handlers: Handlers,
  isTrustedSender: (event: SenderInfo) => boolean,
): void {
  for (const c of CHANNELS) ipc.handle(wireName(c), guard(c, handlers[c] as Handlers[typeof c], isTrustedSender) as never);
}

export type { IpcContract };
