import type { BlockPlanApi, IpcResult } from '../../electron/ipc-contract';
import type { Result } from '../../core/result';
import type { Bridge, OpenedFile } from './types';

const unwrapOr = <T>(r: IpcResult<T>, fallback: T): T => (r.ok ? r.value : fallback);

/** The desktop bridge: thin calls over window.blockplan (the preload's typed API). */
export function electronBridge(api: BlockPlanApi): Bridge {
  return {
    mode: 'electron',
    async appInfo() {
      const r = await api.appInfo(null);
      return r.ok ? r.value : { version: 'unknown', platform: 'unknown', electron: null, chrome: null };
    },
    openFiles: (kind, opts = {}) => api.openDialog({ kind, multiple: opts.multiple ?? true, folder: opts.folder ?? false }),
    readFile: (path) => api.readFile({ path }),
    async filesFromDrop(dt): Promise<Result<OpenedFile[]>> {
      const paths = Array.from(dt.files)
        .map((f) => api.pathForFile(f))
        .filter((p) => p.length > 0);
      if (paths.length === 0) return { ok: true, value: [] };
      return api.readDropped({ paths });
    },
    saveFile: (req) => api.saveFile({ kind: req.kind, suggestedName: req.suggestedName, bytes: req.bytes, path: req.path ?? null, saveAs: req.saveAs ?? false }),
    listRecent: async () => unwrapOr(await api.listRecent(null), []),
    addRecent: async ({ path, kind }) => unwrapOr(await api.addRecent({ path, kind }), []),
    clearRecent: async () => unwrapOr(await api.clearRecent(null), []),
    writeAutosave: (json) => api.writeAutosave({ json }),
    readAutosave: async () => unwrapOr(await api.readAutosave(null), null),
    clearAutosave: async () => void (await api.clearAutosave(null)),
    onMenuCommand: (l) => api.onMenuCommand(l),
    onOpenRecent: (l) => api.onOpenRecent(l),
  };
}
