/**
 * Browser mode's file handles (File System Access API): a file chosen with `showOpenFilePicker` is
 * remembered as its FileSystemFileHandle in IndexedDB (handles survive structured cloning), by the
 * name it was opened under and, once a case knows its content, by the clip's SHA-256. A case opened
 * later — after a reload, another day — reads its clips through them instead of asking the user to
 * locate each one. Reading needs the user's permission again after a reload: `queryPermission` says
 * whether it is still granted, `requestPermission` asks (only during a user gesture, e.g. the click
 * that opens a recent case). Browsers without the API (Firefox, Safari) keep the `<input type=file>`
 * path and none of this applies.
 */
import type { Result } from '../../core/result';
import { kvDelete, kvGet, kvKeys, kvSet } from './idb';
import type { FileKind, OpenedFile } from './types';

/** The part of FileSystemFileHandle used here (TypeScript's DOM lib lacks the permission methods). */
interface FileHandle {
  readonly kind: 'file';
  readonly name: string;
  getFile(): Promise<File>;
  queryPermission?(d: { mode: 'read' }): Promise<PermissionState>;
  requestPermission?(d: { mode: 'read' }): Promise<PermissionState>;
}

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
  const keys = (await kvKeys().catch(() => [] as IDBValidKey[])).filter((k): k is string => typeof k === 'string' && k.startsWith('handle:'));
  if (keys.length <= MAX_HANDLES) return;
  const dated = await Promise.all(keys.map(async (k) => ({ k, at: (await kvGet<{ savedAt: string }>(k).catch(() => undefined))?.savedAt ?? '' })));
  dated.sort((a, b) => a.at.localeCompare(b.at));
  for (const { k } of dated.slice(0, keys.length - MAX_HANDLES)) await kvDelete(k).catch(() => undefined);
}

/** Remember that the clip with this SHA-256 is the file opened under `path` (when a handle for it is kept). */
export async function linkHandleToHash(path: string, sha256: string): Promise<void> {
  if ((await kvGet(byHash(sha256)).catch(() => undefined)) !== undefined) return;
  const rec = await kvGet<{ handle: FileHandle }>(byPath(path)).catch(() => undefined);
  if (rec) await kvSet(byHash(sha256), { handle: rec.handle, path, savedAt: new Date().toISOString() }).catch(() => undefined);
}

async function handleFor(key: { path?: string; sha256?: string }): Promise<FileHandle | null> {
  const rec = (key.sha256 && (await kvGet<{ handle: FileHandle }>(byHash(key.sha256)).catch(() => undefined))) || (key.path && (await kvGet<{ handle: FileHandle }>(byPath(key.path)).catch(() => undefined)));
  return rec ? rec.handle : null;
}

/** Whether a kept handle can be read now ('granted'), after asking ('prompt'), never ('denied'), or there is none ('missing'). */
export async function handleState(key: { path?: string; sha256?: string }): Promise<PermissionState | 'missing'> {
  const h = await handleFor(key);
  if (!h) return 'missing';
  try {
    return (await h.queryPermission?.({ mode: 'read' })) ?? 'granted';
  } catch {
    return 'missing';
  }
}

/**
 * Read a file through its kept handle (by SHA-256 first, then by name). With `ask`, permission is
 * requested when it lapsed (call during a user gesture). null when there is no handle; an error
 * naming the file when permission is refused or the file is gone.
 */
export async function readThroughHandle(key: { path?: string; sha256?: string }, opts: { ask: boolean }): Promise<Result<OpenedFile> | null> {
  const h = await handleFor(key);
  if (!h) return null;
  const refused = (why: string, detail?: string): Result<OpenedFile> => ({
    ok: false,
    error: { code: 'file/denied', title: `${h.name} could not be read: ${why}`, action: 'Locate the file again, or open it from its folder.', file: h.name, ...(detail ? { detail } : {}) },
  });
  try {
    let state = (await h.queryPermission?.({ mode: 'read' })) ?? 'granted';
    if (state === 'prompt' && opts.ask && h.requestPermission) state = await h.requestPermission({ mode: 'read' });
    if (state !== 'granted') return refused('permission to read it was not given.');
    const f = await h.getFile();
    return { ok: true, value: { path: h.name, name: h.name, bytes: new Uint8Array(await f.arrayBuffer()) } };
  } catch (e) {
    return refused('it was moved, deleted or changed.', String(e));
  }
}
