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
export type SaveKind = 'case' | 'case-bundle' | 'note-pdf' | 'note-md' | 'note-html' | 'note-sr' | 'note-fhir' | 'image' | 'video' | 'dicom-clip' | 'csv';

export interface OpenedFile {
  /** Absolute path on disk (desktop) or the file's name / relative path (browser mode). */
  path: string;
  /** File name for display. */
  name: string;
  bytes: Uint8Array;
  /** Set when this file (or folder) could not be read: why, for the user. `bytes` is then empty. */
  error?: IpcError;
}

/**
 * One dropped item, as the PRELOAD describes it to the main process (the renderer never builds
 * one): the path Electron gives for the dropped `File` (webUtils.getPathForFile), and for a file
 * its size and the SHA-256 of its sample (DROP_SAMPLE_BYTES from the start and from the end, see
 * electron/drop-proof.ts), read from the `File` the drop handed over. The main process reads the
 * same ranges from disk and grants the path only when they match: a renderer that merely names a
 * path cannot prove it holds the file. A folder (no sample: it cannot be read as a file) is granted
 * only after the user confirms it in a native dialog.
 */
export interface DropClaim {
  path: string;
  /** Bytes, from the dropped File; absent for a folder. */
  size?: number;
  /** 64 lower-case hex digits; absent for a folder. */
  sampleSha256?: string;
}

export interface RecentFile {
  path: string;
  name: string;
  kind: FileKind;
  /** ISO 8601 time it was last opened. */
  openedAt: string;
}

/**
 * A recent case as the empty screen lists it: core/app/recentCases.ts `RecentCaseInfo` (documented
 * there, built in the main process), restated here because this contract imports nothing;
 * electron/main/recent.ts fails to compile if the two drift apart.
 */
export interface RecentCase {
  path: string; name: string; openedAt: string; modifiedAt: string | null; available: boolean;
  block: string | null; patientName: string | null; bundled: boolean;
  clips: { total: number; reachable: number; needPermission: number };
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

// ── PACS (DICOMweb). The renderer names a configured server by id and a DICOMweb resource; the main
// process resolves it, adds the credentials (never sent to the renderer) and talks to the server.
// Same shapes as core/dicomweb/server.ts and routes.ts, which validate them in main.
export type PacsAuthSetting = { kind: 'none' } | { kind: 'basic'; user: string } | { kind: 'bearer' };
export interface PacsServerSetting {
  id: string;
  name: string;
  /** DICOMweb root URL, e.g. https://pacs.example.org/dicom-web. */
  baseUrl: string;
  auth: PacsAuthSetting;
  /** Time-outs, ms: to the response headers, and the longest pause inside a response. */
  timeouts: { responseMs: number; idleMs: number };
  /** Largest retrieve answer accepted, MB. */
  maxRetrieveMb: number;
}
export interface PacsServerListing extends PacsServerSetting {
  /** Where its password/token is: 'saved' (encrypted with the OS keychain), 'session' (memory), 'none'. */
  secret: 'saved' | 'session' | 'none';
}
export interface PacsHttpRequestIpc {
  serverId: string;
  method: 'GET' | 'POST';
  /** DICOMweb resource below the root, e.g. `studies/1.2.3/series`. */
  path: string;
  query: [string, string][];
  accept: string;
  contentType: string | null;
  body: Uint8Array | null;
}

export interface IpcContract {
  appInfo: { request: null; response: AppInfo };
  /**
   * Native open dialog; an empty list when the user cancels. Opened files (a folder: the regular
   * files in it) are granted for reading; an opened case also grants the clips and models it
   * references, and saving back to itself.
   */
  openDialog: { request: { kind: FileKind; multiple: boolean; folder: boolean }; response: OpenedFile[] };
  /** Read a granted file (chosen in a dialog, dropped, picked from the Recent menu, or referenced by an opened case). */
  readFile: { request: { path: string }; response: OpenedFile };
  /**
   * Files dropped on the window, described by the preload (see DropClaim; the renderer passes the
   * `File` objects to `window.blockplan.readDropped`). Folders are expanded after the user confirms.
   */
  readDropped: { request: { items: DropClaim[] }; response: OpenedFile[] };
  /**
   * Save bytes atomically. With `path` and no `saveAs`, writes there only when the user chose that
   * file for this kind of save (in a save dialog, or by opening that case); otherwise shows the
   * native save dialog. `null` when the user cancels.
   */
  saveFile: {
    request: { kind: SaveKind; suggestedName: string; bytes: Uint8Array; path: string | null; saveAs: boolean };
    response: { path: string } | null;
  };
  listRecent: { request: null; response: RecentFile[] };
  addRecent: { request: { path: string; kind: FileKind }; response: RecentFile[] };
  clearRecent: { request: null; response: RecentFile[] };
  /** Take one file off the recent list. */
  removeRecent: { request: { path: string }; response: RecentFile[] };
  /** The recent cases, described for the empty screen (the files are read, not granted). */
  recentCases: { request: null; response: RecentCase[] };
  /** Open a case from the recent list: only a path on the list is read (and then granted, with its clips). */
  openRecentCase: { request: { path: string }; response: OpenedFile };
  writeAutosave: { request: { json: string }; response: null };
  readAutosave: { request: null; response: Autosave | null };
  clearAutosave: { request: null; response: null };
  pacsListServers: { request: null; response: PacsServerListing[] };
  /** Add or change a server; `secret` null keeps the stored one; `remember` stores it encrypted (else memory only). */
  pacsSaveServer: { request: { server: PacsServerSetting; secret: string | null; remember: boolean }; response: PacsServerListing[] };
  pacsRemoveServer: { request: { id: string }; response: PacsServerListing[] };
  /** Send one DICOMweb request; the body is read with pacsRead and released with pacsClose. */
  pacsRequest: { request: PacsHttpRequestIpc; response: { handle: number; status: number; contentType: string | null; contentLength: number | null } };
  /** The next bytes of a response (null at its end). Failures come back as errors with code `pacs/transport-<kind>`. */
  pacsRead: { request: { handle: number }; response: { chunk: Uint8Array | null } };
  pacsClose: { request: { handle: number }; response: null };
  /**
   * "Publish as teaching page": the user chooses a folder in a native dialog; main makes a new folder
   * `name` in it for the site (where publishWrite writes) and returns it with the app's file list
   * (core/app/publish.ts APP_FILES_MANIFEST). null when cancelled.
   */
  publishChooseFolder: { request: { name: string }; response: { path: string; manifest: string } | null };
  /** Into the chosen folder: the app's own file `rel` (bytes null, copied by main) or a file of the site (teach.html, the bundle). */
  publishWrite: { request: { rel: string; bytes: Uint8Array | null }; response: null };
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
  'removeRecent',
  'recentCases',
  'openRecentCase',
  'writeAutosave',
  'readAutosave',
  'clearAutosave',
  'pacsListServers',
  'pacsSaveServer',
  'pacsRemoveServer',
  'pacsRequest',
  'pacsRead',
  'pacsClose',
  'publishChooseFolder',
  'publishWrite',
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
  'file.publishTeaching',
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

/**
 * Channels whose request the preload builds itself from what the renderer hands it (so the
 * renderer cannot put a path of its own in it); every other channel's request is the renderer's.
 */
export type PreloadBuiltChannel = 'readDropped';

/** The API the preload exposes on `window.blockplan`. */
export type BlockPlanApi = {
  [C in Exclude<Channel, PreloadBuiltChannel>]: (request: IpcRequest<C>) => Promise<IpcResult<IpcResponse<C>>>;
} & {
  /** The `File` objects of a drop (DataTransfer.files); the preload resolves and proves them (DropClaim). */
  readDropped(files: readonly unknown[]): Promise<IpcResult<OpenedFile[]>>;
  /** Subscribe to menu commands; returns an unsubscribe function. */
  onMenuCommand(listener: (command: MenuCommand) => void): () => void;
  /** Subscribe to "open this recent file" from the native menu. */
  onOpenRecent(listener: (path: string) => void): () => void;
};
