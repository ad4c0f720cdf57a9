/**
 * The one IPC contract between the renderer and the Electron main process.
 *
 * A single type maps each channel to its request and response. The main process derives its
 * handlers from it (electron/main/ipc.ts, each validating its arguments with zod and checking the
 * sender), and the preload derives the API it exposes (one named function per channel, never a
 * generic `invoke`). Results cross IPC as `IpcResult` values, never as thrown errors.
 *
 * This file imports nothing, so both sides (and the renderer's bridge types) can depend on it.
 */

export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError };

/** Same shape as core/result.ts AppError: what happened, what to do, details on demand. */
export interface IpcError {
  code: string;
  title: string;
  action?: string;
  detail?: string;
  file?: string;
}

export type FileKind = 'dicom' | 'model' | 'case';
export type SaveKind = 'case' | 'case-bundle' | 'note-pdf' | 'note-md' | 'note-html' | 'note-sr' | 'note-fhir' | 'image' | 'video' | 'dicom-clip';

export interface OpenedFile {
  /** Absolute path on disk (desktop) or the file's name / relative path (browser mode). */
  path: string;
  /** File name for display. */
  name: string;
  bytes: Uint8Array;
}

export interface RecentFile {
  path: string;
  name: string;
  kind: FileKind;
  /** ISO 8601 time it was last opened. */
  openedAt: string;
}

export interface AppInfo {
  version: string;
  platform: string;
  electron: string | null;
  chrome: string | null;
}

export interface Autosave {
  json: string;
  /** ISO 8601 time of the autosave. */
  savedAt: string;
}

export interface IpcContract {
  appInfo: { request: null; response: AppInfo };
  /** Native open dialog; an empty list when the user cancels. Opened paths are granted for reading. */
  openDialog: { request: { kind: FileKind; multiple: boolean; folder: boolean }; response: OpenedFile[] };
  /** Read a file the user has already granted (dialog, drop, recent list, or next to an open case). */
  readFile: { request: { path: string }; response: OpenedFile };
  /** Files dropped on the window (paths from webUtils.getPathForFile in the preload); directories are expanded. */
  readDropped: { request: { paths: string[] }; response: OpenedFile[] };
  /**
   * Save bytes atomically. With `path` (a granted path) and no `saveAs`, writes there; otherwise shows
   * the native save dialog. `null` when the user cancels.
   */
  saveFile: {
    request: { kind: SaveKind; suggestedName: string; bytes: Uint8Array; path: string | null; saveAs: boolean };
    response: { path: string } | null;
  };
  listRecent: { request: null; response: RecentFile[] };
  addRecent: { request: { path: string; kind: FileKind }; response: RecentFile[] };
  clearRecent: { request: null; response: RecentFile[] };
  writeAutosave: { request: { json: string }; response: null };
  readAutosave: { request: null; response: Autosave | null };
  clearAutosave: { request: null; response: null };
}

export type Channel = keyof IpcContract;
export type IpcRequest<C extends Channel> = IpcContract[C]['request'];
export type IpcResponse<C extends Channel> = IpcContract[C]['response'];

/** Every channel, at run time (the preload builds one function per entry). */
export const CHANNELS = [
  'appInfo',
  'openDialog',
  'readFile',
  'readDropped',
  'saveFile',
  'listRecent',
  'addRecent',
  'clearRecent',
  'writeAutosave',
  'readAutosave',
  'clearAutosave',
] as const satisfies readonly Channel[];

/** Compile-time check that CHANNELS lists every channel of the contract. */
type _AllListed = Exclude<Channel, (typeof CHANNELS)[number]> extends never ? true : never;
export const ALL_CHANNELS_LISTED: _AllListed = true;

/** The IPC channel name on the wire. */
export const wireName = (c: Channel): string => `blockplan:${c}`;

/** Menu commands sent from main to the renderer (the renderer's command registry runs them). */
export const MENU_COMMANDS = [
  'file.openDicom',
  'file.openModel',
  'file.openCase',
  'file.saveCase',
  'file.saveCaseAs',
  'file.exportNote',
  'edit.undo',
  'edit.redo',
  'view.2d',
  'view.3d',
  'view.split',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'help.shortcuts',
  'help.about',
] as const;
export type MenuCommand = (typeof MENU_COMMANDS)[number];
export const MENU_CHANNEL = 'blockplan:menu';
/** Menu → renderer: open a recent file (path). */
export const OPEN_RECENT_CHANNEL = 'blockplan:open-recent';

/** The API the preload exposes on `window.blockplan`. */
export type BlockPlanApi = {
  [C in Channel]: (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;
} & {
  /** Subscribe to menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribe to "open this recent file" from the native menu. */
  onOpenRecent(listener: (path: string) => void): () => void;
  /** Path of a dropped File (Electron's webUtils.getPathForFile), '' when unknown. */
  pathForFile(file: unknown): string;
};
