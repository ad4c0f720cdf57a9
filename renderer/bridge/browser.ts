import type { Result } from '../../core/result';
import { describeRecentCases, type ClipReach } from '../../core/app/recentCases';
import { basename } from '../../core/plan/paths';
import type { Bridge, FileKind, OpenedFile, PendingFile, RecentFile } from './types';
import { readFileBytes } from './file-reader';
import { zipSite } from './publishZip';
import { handleState, keepDroppedHandles, linkHandleToHash, pickWithHandles, readThroughHandle } from './handles';
import { kvClear, kvDelete, kvGet, kvKeys, kvSet } from './idb';

const ACCEPT: Record<FileKind, string> = {
  dicom: '.dcm,.dicom,.dic,application/dicom,*/*',
  model: '.glb,.gltf,.stl,.obj,.ply',
  case: '.bpcase,.bpcasez',
};
/** Recent files in browser mode keep their bytes (there is no path to reopen); small files only. */
const MAX_RECENT_BYTES = 64 * 1024 ** 2;
const MAX_RECENT = 12;

async function toOpened(f: File): Promise<OpenedFile> {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
  return { path: rel || f.name, name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) };
}

/** Files opened this session, by path, so a case can find its clips by relative path. */
const session = new Map<string, OpenedFile>();

/** A chosen or dropped file, read when asked (and then remembered for the session). */
function toPending(f: File): PendingFile {
  const rel = (f as File & { webkitRelativePath?: string }).webkitRelativePath;
  return {
    name: f.name,
    path: rel || f.name,
    sizeBytes: f.size,
    head: async (n) => new Uint8Array(await f.slice(0, n).arrayBuffer()),
    async read() {
      try {
        const o: OpenedFile = { path: rel || f.name, name: f.name, bytes: new Uint8Array(await readFileBytes(f)) };
        session.set(o.path, o);
        return { ok: true, value: o };
      } catch (e) {
        return { ok: false, error: { code: 'file/unreadable', title: `${f.name} could not be read`, action: 'Check that the file is still there and readable, then open it again.', file: f.name, detail: String(e) } };
      }
    },
  };
}

/** Files chosen by the user: as handles kept for reopening where the browser can (./handles.ts), else with `<input type=file>`. */
async function pick(kind: FileKind, multiple: boolean, folder: boolean): Promise<File[]> {
  if (!folder) {
    const viaHandles = await pickWithHandles(kind, multiple).catch(() => null);
    if (viaHandles) return viaHandles;
  }
  return pickWithInput(kind, multiple, folder);
}

function pickWithInput(kind: FileKind, multiple: boolean, folder: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input');
    input.type = 'file';
    input.accept = folder ? '' : ACCEPT[kind];
    input.multiple = multiple || folder;
    if (folder) input.setAttribute('webkitdirectory', '');
    input.setAttribute('aria-hidden', 'true');
    input.style.display = 'none';
    input.addEventListener('change', () => {
      resolve(Array.from(input.files ?? []));
      input.remove();
    });
    input.addEventListener('cancel', () => {
      resolve([]);
      input.remove();
    });
    document.body.appendChild(input);
    input.click();
  });
}

/** Limits of one drop in browser mode (as the desktop's, electron/main/files.ts): files, bytes, entries looked at. */
export const DROP_LIMITS = { files: 5000, bytes: 2 * 1024 ** 3, entries: 50_000, depth: 8 };

class DropTooLarge extends Error {}

/**
 * Expand a dropped entry into files. The browser gives no real paths, so a symbolic-link loop
 * cannot be detected by path: the depth, file, byte and entry limits bound what it can multiply,
 * and exceeding one refuses the drop with a message.
 */
async function walkEntry(entry: FileSystemEntry, out: File[], budget: { files: number; bytes: number; entries: number }, depth = 0): Promise<void> {
  if (++budget.entries > DROP_LIMITS.entries) throw new DropTooLarge(`more than ${DROP_LIMITS.entries.toLocaleString('en-US')} entries`);
  if (entry.isFile) {
    const file = await new Promise<File>((res, rej) => (entry as FileSystemFileEntry).file(res, rej));
    if (++budget.files > DROP_LIMITS.files) throw new DropTooLarge(`more than ${DROP_LIMITS.files.toLocaleString('en-US')} files`);
    budget.bytes += file.size;
    if (budget.bytes > DROP_LIMITS.bytes) throw new DropTooLarge('more than 2.0 GB');
    Object.defineProperty(file, 'webkitRelativePath', { value: entry.fullPath.replace(/^\//, '') });
    out.push(file);
  } else if (entry.isDirectory && depth < DROP_LIMITS.depth) {
    const reader = (entry as FileSystemDirectoryEntry).createReader();
    for (;;) {
      const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
      if (batch.length === 0) break;
      for (const e of batch) if (!e.name.startsWith('.')) await walkEntry(e, out, budget, depth + 1);
    }
  }
}

/**
 * The files of a drop, folders walked (their entries must be taken before the drop event ends);
 * a drop over the limits (DROP_LIMITS) is refused whole with a message naming it.
 */
async function droppedFiles(dt: DataTransfer): Promise<Result<File[]>> {
  const files: File[] = [];
  const items = Array.from(dt.items ?? []);
  keepDroppedHandles(items); // now, while the drop event lasts
  const entries = items.map((i) => (typeof i.webkitGetAsEntry === 'function' ? i.webkitGetAsEntry() : null));
  if (entries.some((e) => e)) {
    const budget = { files: 0, bytes: 0, entries: 0 };
    try {
      for (const e of entries) if (e) await walkEntry(e, files, budget);
    } catch (e) {
      if (!(e instanceof DropTooLarge)) throw e;
      const name = entries.find((x) => x)?.name ?? 'the drop';
      return { ok: false, error: { code: 'folder/too-large', title: `Nothing was opened: “${name}” holds ${e.message}; BlockPlan opens at most that much at once.`, action: 'Drop a smaller folder — one study or series — or the files themselves.', file: name } };
    }
  } else files.push(...Array.from(dt.files));
  return { ok: true, value: files };
}

/** Hand bytes to the browser as a download named `name`. */
function download(name: string, bytes: Uint8Array): void {
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Whether a clip of a case can be read now: opened this session, kept in storage, or through a kept handle. */
async function clipReach(clip: { sha256: string; path: string }): Promise<ClipReach> {
  for (const p of [clip.path, basename(clip.path)]) {
    if (session.has(p) || (await kvGet(`file:${p}`).catch(() => undefined)) !== undefined) return 'yes';
  }
  const state = await handleState({ sha256: clip.sha256, paths: [clip.path, basename(clip.path)] });
  return state === 'granted' ? 'yes' : state === 'prompt' ? 'ask' : 'no';
}

async function readStored(path: string): Promise<OpenedFile | undefined> {
  return session.get(path) ?? (await kvGet<OpenedFile>(`file:${path}`).catch(() => undefined));
}

/** The browser bridge: file pickers, drag-and-drop (folders too), downloads, IndexedDB. */
export function browserBridge(): Bridge {
  const remember = (files: OpenedFile[]) => {
    for (const f of files) session.set(f.path, f);
    return files;
  };
  return {
    mode: 'browser',
    async appInfo() {
      return { version: __APP_VERSION__, platform: 'browser', electron: null, chrome: null };
    },
    async openFiles(kind, opts = {}) {
      const files = await pick(kind, opts.multiple ?? true, opts.folder ?? false);
      return { ok: true, value: remember(await Promise.all(files.map(toOpened))) };
    },
    async readFile(path) {
      const stored = await readStored(path);
      if (stored) return { ok: true, value: stored };
      const name = path.split('/').pop() ?? path;
      return { ok: false, error: { code: 'file/not-found', title: `${name} is not available in this browser session`, action: 'Open or drop the file again.', file: name } };
    },
    async filesFromDrop(dt): Promise<Result<OpenedFile[]>> {
      const files = await droppedFiles(dt);
      return files.ok ? { ok: true, value: remember(await Promise.all(files.value.map(toOpened))) } : files;
    },
    async pickPending(kind, opts = {}) {
      return { ok: true, value: (await pick(kind, opts.multiple ?? true, opts.folder ?? false)).map(toPending) };
    },
    async pendingFromDrop(dt) {
      const files = await droppedFiles(dt);
      return files.ok ? { ok: true, value: files.value.map(toPending) } : files;
    },
    async saveFile({ suggestedName, bytes }) {
      download(suggestedName, bytes);
      return { ok: true, value: { path: suggestedName } };
    },
    publishTarget: async (name) => ({ ok: true, value: zipSite(name, document.baseURI, download) }),
    async listRecent() {
      return (await kvGet<RecentFile[]>('recent').catch(() => undefined)) ?? [];
    },
    async addRecent({ path, kind, bytes }) {
      const list = ((await kvGet<RecentFile[]>('recent').catch(() => undefined)) ?? []).filter((r) => r.path !== path);
      const file = session.get(path);
      const b = bytes ?? file?.bytes;
      if (b && b.byteLength <= MAX_RECENT_BYTES) await kvSet(`file:${path}`, { path, name: path.split('/').pop() ?? path, bytes: b }).catch(() => undefined);
      list.unshift({ path, name: path.split('/').pop() ?? path, kind, openedAt: new Date().toISOString() });
      const next = list.slice(0, MAX_RECENT);
      for (const dropped of list.slice(MAX_RECENT)) await kvDelete(`file:${dropped.path}`).catch(() => undefined);
      await kvSet('recent', next).catch(() => undefined);
      return next;
    },
    async removeRecent(path) {
      const list = ((await kvGet<RecentFile[]>('recent').catch(() => undefined)) ?? []).filter((r) => r.path !== path);
      await kvDelete(`file:${path}`).catch(() => undefined);
      await kvSet('recent', list).catch(() => undefined);
      return list;
    },
    async recentCases() {
      const list = (await kvGet<RecentFile[]>('recent').catch(() => undefined)) ?? [];
      return describeRecentCases(list, {
        async readCase(path) {
          const f = await readStored(path);
          if (f) return { ok: true, value: { bytes: f.bytes, modifiedAt: null } };
          const viaHandle = await readThroughHandle({ paths: [path] }, { ask: false });
          return viaHandle?.ok ? { ok: true, value: { bytes: viaHandle.value.bytes, modifiedAt: null } } : { ok: false, error: { code: 'file/not-found', title: `${path} is not kept in this browser` } };
        },
        clipReach: (_resolved, clip) => clipReach(clip),
      });
    },
    async openRecentCase(path) {
      const stored = await readStored(path);
      if (stored) return { ok: true, value: stored };
      const viaHandle = await readThroughHandle({ paths: [path] }, { ask: true });
      return viaHandle ?? { ok: false, error: { code: 'file/not-found', title: `${path} is no longer kept in this browser`, action: 'Open the case file again with “Open case…”, or remove it from the list.', file: path } };
    },
    async readKeptClip(clip) {
      const r = await readThroughHandle({ sha256: clip.sha256, paths: [clip.path, basename(clip.path)] }, { ask: true });
      return r?.ok ? { ok: true, value: remember([r.value])[0]! } : r;
    },
    linkClip: (path, sha256) => linkHandleToHash(path, sha256),
    async clearRecent() {
      for (const r of (await kvGet<RecentFile[]>('recent').catch(() => undefined)) ?? []) await kvDelete(`file:${r.path}`).catch(() => undefined);
      await kvSet('recent', []).catch(() => undefined);
      return [];
    },
    async writeAutosave(json) {
      try {
        await kvSet('autosave', { json, savedAt: new Date().toISOString() });
        return { ok: true, value: null };
      } catch (e) {
        return { ok: false, error: { code: 'autosave/failed', title: 'Autosave failed', action: 'Save the case to a file to keep your work.', detail: String(e) } };
      }
    },
    async readAutosave() {
      return (await kvGet<{ json: string; savedAt: string }>('autosave').catch(() => undefined)) ?? null;
    },
    async clearAutosave() {
      await kvDelete('autosave').catch(() => undefined);
    },
    onMenuCommand: () => () => undefined,
    onOpenRecent: () => () => undefined,
    storage: {
      async summary() {
        const out = { cases: 0, files: 0, bytes: 0, autosave: false };
        for (const key of await kvKeys().catch(() => [] as IDBValidKey[])) {
          if (key === 'autosave') out.autosave = true;
          if (typeof key !== 'string' || !key.startsWith('file:')) continue;
          const f = await kvGet<OpenedFile>(key).catch(() => undefined);
          if (!f) continue;
          if (/\.bpcasez?$/i.test(f.path)) out.cases++;
          else out.files++;
          out.bytes += f.bytes?.byteLength ?? 0;
        }
        return out;
      },
      async clear() {
        await kvClear();
      },
    },
  };
}
