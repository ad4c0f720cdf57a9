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
} from '../ipc-contract';
import { resolveWriteTarget, writeFileAtomic } from '../../core/node/atomic';
import { fileError, readGranted, refusedShape } from './files';
import type { Grants } from './grants';
import { grantsToSave, openChosen, openDropped, restoreGrants } from './open';
import { realPathOf, refusedPathReason } from './paths';
import { openRecentCase, recentCaseRows } from './recent';
import type { AppStore } from './store';
import { pacsRequestSchemas, type PacsHandlers } from './pacs'; // PACS channels (electron/main/pacs.ts)
import { publishRequestSchemas, type PublishHandlers } from './publish'; // "Publish as teaching page" (electron/main/publish.ts)

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => !p.includes('\0') && path.isAbsolute(p), 'must be an absolute path');
const fileKind = z.enum(['dicom', 'model', 'case']);
const saveKind = z.enum(['case', 'case-bundle', 'note-pdf', 'note-md', 'note-html', 'note-sr', 'note-fhir', 'image', 'video', 'dicom-clip', 'csv']);
/** Largest payload the renderer may ask main to save (bytes). */
const MAX_SAVE_BYTES = 2 * 1024 ** 3;

/** One zod schema per channel's request: the single place arguments are validated. */
export const requestSchemas: { [C in Channel]: z.ZodType<IpcRequest<C>> } = {
  appInfo: z.null(),
  openDialog: z.object({ kind: fileKind, multiple: z.boolean(), folder: z.boolean() }).strict(),
  readFile: z.object({ path: absolutePath }).strict(),
  readDropped: z
    .object({
      items: z
        .array(
          z
            .object({
              path: absolutePath,
              size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
              sampleSha256: z.string().regex(/^[0-9a-f]{64}$/).optional(),
            })
            .strict(),
        )
        .min(1)
        .max(1000),
    })
    .strict(),
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
  removeRecent: z.object({ path: absolutePath }).strict(),
  recentCases: z.null(),
  openRecentCase: z.object({ path: absolutePath }).strict(),
  writeAutosave: z.object({ json: z.string().max(256 * 1024 ** 2) }).strict(),
  readAutosave: z.null(),
  clearAutosave: z.null(),
  ...pacsRequestSchemas,
  ...publishRequestSchemas,
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
  /** Native confirmation before opening dropped folders; true to open them. */
  confirmFolders(folders: { path: string; files: number; bytes: string }[]): Promise<boolean>;
  /** Called after the recent list changes (to rebuild the native menu). */
  recentChanged(): void;
  /** The PACS channels (electron/main/pacs.ts); absent in tests that do not need them. */
  pacs?: PacsHandlers;
  /** The publish channels (electron/main/publish.ts); absent in tests that do not need them. */
  publish?: PublishHandlers;
}

const noPacs = async () => ({ ok: false as const, error: { code: 'pacs/unavailable', title: 'PACS access is not set up in this window.' } });
const NO_PACS: PacsHandlers = { pacsListServers: noPacs, pacsSaveServer: noPacs, pacsRemoveServer: noPacs, pacsRequest: noPacs, pacsRead: noPacs, pacsClose: noPacs };

const noPublish = async () => ({ ok: false as const, error: { code: 'publish/unavailable', title: 'Publishing is not set up in this window.' } });
const NO_PUBLISH: PublishHandlers = { publishChooseFolder: noPublish, publishWrite: noPublish };

const ok = <T>(value: T): IpcResult<T> => ({ ok: true, value });

/**
 * The file a save may write without a dialog: `p` (resolved through links) when the user chose it
 * for this kind of save; null otherwise (the dialog is shown instead).
 */
async function grantedTarget(ctx: HandlerContext, p: string, kind: SaveKind): Promise<{ target: string; allowance: 'granted' | 'export-set' } | null> {
  if (refusedPathReason(p, process.platform, ctx.grants.allowedShares)) return null;
  const t = await resolveWriteTarget(p);
  if (!t.ok || refusedPathReason(t.value, process.platform, ctx.grants.allowedShares)) return null;
  const allowance = ctx.grants.writeAllowance(t.value, kind);
  return allowance ? { target: t.value, allowance } : null;
}

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    appInfo: async () => ok(ctx.appInfo()),
    openDialog: async ({ kind, multiple, folder }) => {
      const paths = await ctx.showOpenDialog(kind, multiple, folder);
      return ok(await openChosen(ctx.grants, paths, { folder }));
    },
    readFile: async ({ path: p }) => readGranted(p, ctx.grants),
    readDropped: async ({ items }) => ok(await openDropped(ctx, items)),
    saveFile: async ({ kind, suggestedName, bytes, path: p, saveAs }) => {
      let shown = p;
      const granted = !saveAs && p ? await grantedTarget(ctx, p, kind) : null;
      let target = granted?.target ?? null;
      if (!target) {
        shown = await ctx.showSaveDialog(kind, suggestedName);
        if (!shown) return ok(null);
        ctx.grants.allowShareOf(shown); // the user browsed to this share themselves
        const reason = refusedPathReason(shown, process.platform, ctx.grants.allowedShares);
        if (reason) return refusedShape(shown, reason);
        const t = await resolveWriteTarget(shown);
        if (!t.ok) return { ok: false, error: t.error };
        target = t.value;
      }
      const written = await writeFileAtomic(target, bytes);
      if (!written.ok) return { ok: false, error: { ...written.error, action: `${written.error.action ?? ''} Your work is still open.`.trim() } };
      if (!granted) {
        ctx.grants.grantWrite(target, [kind]);
        ctx.grants.startExportSet(target, kind);
      } else if (granted.allowance === 'export-set') ctx.grants.usedExportSet(target, kind);
      return ok({ path: shown! });
    },
    listRecent: async () => ok(await ctx.store.listRecent()),
    addRecent: async ({ path: p, kind }) => {
      const real = await realPathOf(p);
      if (!real || !ctx.grants.canRead(real)) return fileError('file/not-granted', 'Only opened files can be added to the recent list', path.basename(p));
      const list = await ctx.store.addRecent(p, kind);
      ctx.recentChanged();
      return ok(list);
    },
    clearRecent: async () => {
      const list = await ctx.store.clearRecent();
      ctx.recentChanged();
      return ok(list);
    },
    removeRecent: async ({ path: p }) => {
      const list = await ctx.store.removeRecent(p);
      ctx.recentChanged();
      return ok(list);
    },
    recentCases: async () => ok(await recentCaseRows(ctx.store, ctx.grants)),
    openRecentCase: ({ path: p }) => openRecentCase(ctx.store, ctx.grants, p),
    writeAutosave: async ({ json }) => {
      const w = await ctx.store.writeAutosave(json, grantsToSave(ctx.grants));
      if (!w.ok) {
        const why = w.error.title.replace(/^The file could not be saved: /, '').replace(/\.$/, '');
        return { ok: false, error: { code: 'autosave/failed', title: `Autosave failed: ${why}.`, action: 'Save the case to a file to keep your work.', ...(w.error.detail ? { detail: w.error.detail } : {}) } };
      }
      return ok(null);
    },
    readAutosave: async () => {
      const a = await ctx.store.readAutosave();
      if (!a) return ok(null);
      if (a.grants) await restoreGrants(ctx.grants, a.grants);
      return ok({ json: a.json, savedAt: a.savedAt });
    },
    clearAutosave: async () => {
      await ctx.store.clearAutosave();
      return ok(null);
    },
    ...(ctx.pacs ?? NO_PACS),
    ...(ctx.publish ?? NO_PUBLISH),
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
