/**
 * Browser mode's file handles (File System Access API): a file chosen with `showOpenFilePicker` or
 * dropped is remembered as its FileSystemFileHandle in IndexedDB (handles survive structured cloning),
 * a dropped folder as its FileSystemDirectoryHandle, by the name it was opened under and, once a case
 * knows its content, by the clip's SHA-256. A case opened
 * later — after a reload, another day — reads its clips through them instead of asking the user to
 * locate each one. Reading needs the user's permission again after a reload: `queryPermission` says
 * whether it is still granted, `requestPermission` asks (only during a user gesture, e.g. the click
 * that opens a recent case). Browsers without the API (Firefox, Safari) keep the `<input type=file>`
 * path and none of this applies.
 */
import type { Result } from '../../core/result';
import { readFileBytes } from './file-reader';
import { kvDelete, kvGet, kvKeys, kvSet } from './idb';
import type { FileKind, OpenedFile } from './types';

/** The parts of FileSystemHandle used here (TypeScript's DOM lib lacks the permission methods). */
interface Handle {
  readonly name: string;
  queryPermission?(d: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'read' }): Promise<PermissionState>;
}
interface FileHandle extends Handle {
  readonly kind: 'file';
  getFile(): Promise<File>;
}
interface DirHandle extends Handle {
  readonly kind: 'directory';
  getDirectoryHandle(name: string): Promise<DirHandle>;
  getFileHandle(name: string): Promise<FileHandle>;
}
type DroppedItem = DataTransferItem & { getAsFileSystemHandle?(): Promise<FileHandle | DirHandle | null> };

interface PickerWindow {
  showOpenFilePicker?(opts: { multiple?: boolean; excludeAcceptAllOption?: boolean; types?: { description: string; accept: Record<string, string[]> }[] }): Promise<FileHandle[]>;
}

const PICKER_TYPES: Record<FileKind, { description: string; accept: Record<string, string[]> }[] | undefined> = {
  // DICOM files often have no extension: accept everything.
  dicom: undefined,
  model: [{ description: '3D models', accept: { 'model/*': ['.glb', '.gltf', '.stl', '.obj', '.ply'] } }],
  case: [{ description: 'BlockPlan cases', accept: { 'application/octet-stream': ['.bpcase', '.bpcasez'] } }],
};

const byPath = (path: string) => `handle:${path}`;
const byDir = (name: string) => `handle-dir:${name}`;
const byHash = (sha256: string) => `handle-sha:${sha256}`;
/** Most handles kept by name (oldest forgotten first). */
const MAX_HANDLES = 500;

/** True where the browser can pick files as handles. */
export function canPickHandles(): boolean {
  return typeof (window as PickerWindow).showOpenFilePicker === 'function';
}

/**
 * Ask for files with `showOpenFilePicker` and remember their handles (by file name). The files, or
 * null when that picker is not available (use `<input type=file>`); an empty list when the user cancels.
 */
export async function pickWithHandles(kind: FileKind, multiple: boolean): Promise<File[] | null> {
  const w = window as PickerWindow;
  if (!w.showOpenFilePicker) return null;
  let handles: FileHandle[];
  try {
    handles = await w.showOpenFilePicker({ multiple, ...(PICKER_TYPES[kind] ? { types: PICKER_TYPES[kind] } : {}) });
  } catch (e) {
    // DevTools' file-chooser interception (browser automation, the e2e tests) aborts this picker:
    // then the `<input type=file>` picker is used, which automation can fill.
    if (e instanceof DOMException && e.name === 'AbortError') return /Intercepted/i.test(e.message) ? null : [];
    throw e;
  }
  const files = await Promise.all(handles.map((h) => h.getFile()));
  for (const h of handles) await kvSet(byPath(h.name), { handle: h, savedAt: new Date().toISOString() }).catch(() => undefined);
  void trimHandles();
  return files;
}

async function trimHandles(): Promise<void> {
  const keys = (await kvKeys().catch(() => [] as IDBValidKey[])).filter((k): k is string => typeof k === 'string' && (k.startsWith('handle:') || k.startsWith('handle-dir:')));
  if (keys.length <= MAX_HANDLES) return;
  const dated = await Promise.all(keys.map(async (k) => ({ k, at: (await kvGet<{ savedAt: string }>(k).catch(() => undefined))?.savedAt ?? '' })));
  dated.sort((a, b) => a.at.localeCompare(b.at));
  for (const { k } of dated.slice(0, keys.length - MAX_HANDLES)) await kvDelete(k).catch(() => undefined);
}

/**
 * Keep the handles of a drop: a dropped file by its name, a dropped folder by its name (its files are
 * then found by their path inside it, "folder/sub/clip.dcm", as a drop names them). Call it
 * synchronously in the drop event: the items are gone after it. Needs no permission until read.
 */
export function keepDroppedHandles(items: readonly DataTransferItem[]): void {
  const pending = items.map((i) => (i.kind === 'file' ? (i as DroppedItem).getAsFileSystemHandle?.().catch(() => null) : undefined) ?? Promise.resolve(null));
  void Promise.all(pending).then(async (handles) => {
    const savedAt = new Date().toISOString();
    for (const h of handles) if (h) await kvSet(h.kind === 'file' ? byPath(h.name) : byDir(h.name), { handle: h, savedAt }).catch(() => undefined);
    await trimHandles();
  });
}

/** Where a kept file is: its own handle, or a dropped folder's handle and the path inside it. */
interface Kept {
  root: FileHandle | DirHandle;
  inside: string[];
}

async function keptByPath(p: string): Promise<Kept | null> {
  const file = await kvGet<{ handle: FileHandle }>(byPath(p)).catch(() => undefined);
  if (file) return { root: file.handle, inside: [] };
  const [top, ...rest] = p.split('/');
  const dir = rest.length && top ? await kvGet<{ handle: DirHandle }>(byDir(top)).catch(() => undefined) : undefined;
  return dir ? { root: dir.handle, inside: rest } : null;
}

async function keptFor(key: { sha256?: string; paths: readonly string[] }): Promise<Kept | null> {
  const hit = key.sha256 ? await kvGet<Kept>(byHash(key.sha256)).catch(() => undefined) : undefined;
  if (hit) return hit;
  for (const p of key.paths) {
    const k = await keptByPath(p);
    if (k) return k;
  }
  return null;
}

/** Remember that the clip with this SHA-256 is the file opened under `path` (when a handle for it is kept). */
export async function linkHandleToHash(path: string, sha256: string): Promise<void> {
  if ((await kvGet(byHash(sha256)).catch(() => undefined)) !== undefined) return;
  const k = await keptByPath(path);
  if (k) await kvSet(byHash(sha256), k).catch(() => undefined);
}

async function permission(k: Kept, ask: boolean): Promise<PermissionState> {
  let state = (await k.root.queryPermission?.({ mode: 'read' })) ?? 'granted';
  if (state === 'prompt' && ask && k.root.requestPermission) state = await k.root.requestPermission({ mode: 'read' });
  return state;
}

async function fileOf(k: Kept): Promise<FileHandle> {
  if (k.root.kind === 'file') return k.root;
  let dir = k.root;
  for (const seg of k.inside.slice(0, -1)) dir = await dir.getDirectoryHandle(seg);
  return dir.getFileHandle(k.inside[k.inside.length - 1]!);
}

/** Whether a kept file can be read now ('granted'), after asking ('prompt'), never ('denied'), or there is none ('missing'). */
export async function handleState(key: { sha256?: string; paths: readonly string[] }): Promise<PermissionState | 'missing'> {
  const k = await keptFor(key);
  if (!k) return 'missing';
  try {
    const state = await permission(k, false);
    if (state === 'granted') await fileOf(k);
    return state;
  } catch {
    return 'missing';
  }
}

/**
 * Read a file through a kept handle (by SHA-256 first, then by each path). With `ask`, permission is
 * requested when it lapsed (call during a user gesture). null when nothing is kept; an error naming
 * the file when permission is refused or the file is gone.
 */
export async function readThroughHandle(key: { sha256?: string; paths: readonly string[] }, opts: { ask: boolean }): Promise<Result<OpenedFile> | null> {
  const k = await keptFor(key);
  if (!k) return null;
  const path = [k.root.name, ...k.inside].join('/');
  const name = k.inside[k.inside.length - 1] ?? k.root.name;
  const refused = (why: string, detail?: string): Result<OpenedFile> => ({
    ok: false,
    error: { code: 'file/denied', title: `${name} could not be read: ${why}`, action: 'Locate the file again, or open it from its folder.', file: name, ...(detail ? { detail } : {}) },
  });
  try {
    if ((await permission(k, opts.ask)) !== 'granted') return refused('permission to read it was not given.');
    const f = await (await fileOf(k)).getFile();
    return { ok: true, value: { path, name, bytes: new Uint8Array(await readFileBytes(f)) } };
  } catch (e) {
    return refused('it was moved, deleted or changed.', String(e));
  }
}
