import type { BlockPlanApi, IpcError, IpcResult } from '../../electron/ipc-contract';
import type { Result } from '../../core/result';
import { reportError } from '../state/messages';
import type { Bridge, OpenedFile, PublishTarget } from './types';

const unwrapOr = <T>(r: IpcResult<T>, fallback: T): T => (r.ok ? r.value : fallback);

/**
 * Files the main process could not read come back as entries with an `error` (the others are not
 * disturbed): each is shown to the user, naming the file and why, and left out of the list.
 */
export function withoutFailures(r: IpcResult<OpenedFile[]>, report: typeof reportError = reportError): Result<OpenedFile[]> {
  if (!r.ok) return r;
  const files: OpenedFile[] = [];
  for (const f of r.value) {
    if (f.error) report(f.error, f.error.code === 'folder/links-skipped' ? 'info' : 'error');
    else files.push(f);
  }
  return { ok: true, value: files };
}

/** A site file main could not write; `error` says which and why. */
export class PublishWriteError extends Error {
  constructor(readonly error: IpcError) {
    super(error.title);
  }
}

/** The desktop bridge: thin calls over window.blockplan (the preload's typed API). */
export function electronBridge(api: BlockPlanApi): Bridge {
  return {
    mode: 'electron',
    async appInfo() {
      const r = await api.appInfo(null);
      return r.ok ? r.value : { version: 'unknown', platform: 'unknown', electron: null, chrome: null };
    },
    openFiles: async (kind, opts = {}) => withoutFailures(await api.openDialog({ kind, multiple: opts.multiple ?? true, folder: opts.folder ?? false })),
    readFile: (path) => api.readFile({ path }),
    // The dropped File objects go to the preload as they are: it finds their paths and proves them
    // to the main process. The renderer never names a path for a drop.
    filesFromDrop: async (dt) => withoutFailures(await api.readDropped(Array.from(dt.files))),
    saveFile: (req) => api.saveFile({ kind: req.kind, suggestedName: req.suggestedName, bytes: req.bytes, path: req.path ?? null, saveAs: req.saveAs ?? false }),
    async publishTarget(name) {
      const r = await api.publishChooseFolder({ name });
      if (!r.ok || !r.value) return r.ok ? { ok: true, value: null } : r;
      const { path, manifest } = r.value;
      // A failed write stops the workflow (core/app/publish.ts); the caller shows it.
      const must = async (w: Promise<IpcResult<null>>) => {
        const x = await w;
        if (!x.ok) throw new PublishWriteError(x.error);
      };
      const target: PublishTarget = {
        where: path,
        manifest: async () => ({ ok: true, value: manifest }),
        copyAppFile: (rel) => must(api.publishWrite({ rel, bytes: null })),
        write: (rel, bytes) => must(api.publishWrite({ rel, bytes })),
        finish: async () => ({ ok: true, value: { path } }),
      };
      return { ok: true, value: target };
    },
    listRecent: async () => unwrapOr(await api.listRecent(null), []),
    addRecent: async ({ path, kind }) => unwrapOr(await api.addRecent({ path, kind }), []),
    clearRecent: async () => unwrapOr(await api.clearRecent(null), []),
    removeRecent: async (path) => unwrapOr(await api.removeRecent({ path }), []),
    recentCases: async () => unwrapOr(await api.recentCases(null), []),
    openRecentCase: (path) => api.openRecentCase({ path }),
    writeAutosave: (json) => api.writeAutosave({ json }),
    readAutosave: async () => unwrapOr(await api.readAutosave(null), null),
    clearAutosave: async () => void (await api.clearAutosave(null)),
    onMenuCommand: (l) => api.onMenuCommand(l),
    onOpenRecent: (l) => api.onOpenRecent(l),
  };
}
