import type { Result } from '../../core/result';
import type { PublishSitePort } from '../../core/app/publish';
import type { AppInfo, Autosave, FileKind, MenuCommand, OpenedFile, RecentCase, RecentFile, SaveKind } from '../../electron/ipc-contract';

export type { AppInfo, Autosave, FileKind, MenuCommand, OpenedFile, RecentCase, RecentFile, SaveKind };

/** What browser mode keeps in the browser's storage (IndexedDB) on this computer. */
export interface StoredSummary {
  /** Case files kept for reopening. */
  cases: number;
  /** Clips and other files kept for reopening. */
  files: number;
  /** Their total size, bytes. */
  bytes: number;
  /** An autosaved copy of unsaved work is kept. */
  autosave: boolean;
}

/** Browser mode only: what it stores in the browser, and clearing it. */
export interface BrowserStorage {
  summary(): Promise<StoredSummary>;
  /** Delete every stored case, clip and autosave (the open case stays open). */
  clear(): Promise<void>;
}

/**
 * A file the user chose or dropped whose bytes have not been read yet: a folder of a hundred clips
 * is read one file at a time, so the first clip shows before the rest are read.
 */
export interface PendingFile {
  name: string;
  path: string;
  /** Size, bytes. */
  sizeBytes: number;
  /** The first `n` bytes (to recognise a DICOM file without reading it all). */
  head(n: number): Promise<Uint8Array>;
  /** The whole file (remembered for this session as readFile would give it). */
  read(): Promise<Result<OpenedFile>>;
}

/** Where a published teaching site goes (core/app/publish.ts); `finish` completes it once every file is in. */
export interface PublishTarget extends PublishSitePort {
  /** Where it goes, for the user (a folder path or a download's name). */
  readonly where: string;
  finish(): Promise<Result<{ path: string }>>;
}

/**
 * What the UI may ask of the platform. Two implementations: Electron (window.blockplan, over the
 * typed IPC contract) and the browser (file pickers, downloads, IndexedDB).
 */
export interface Bridge {
  readonly mode: 'electron' | 'browser';
  appInfo(): Promise<AppInfo>;
  /** Ask the user for files (or a folder); an empty list when cancelled. */
  openFiles(kind: FileKind, opts?: { multiple?: boolean; folder?: boolean }): Promise<Result<OpenedFile[]>>;
  /** Read a file by path (desktop: must have been granted; browser: only files opened in this session or stored as recent). */
  readFile(path: string): Promise<Result<OpenedFile>>;
  /** Files dropped on the window (folders expanded where the platform allows). */
  filesFromDrop(dt: DataTransfer): Promise<Result<OpenedFile[]>>;
  /** As openFiles, without reading the files yet (where the platform can; else openFiles). */
  pickPending?(kind: FileKind, opts?: { multiple?: boolean; folder?: boolean }): Promise<Result<PendingFile[]>>;
  /** As filesFromDrop, without reading the files yet (where the platform can; else filesFromDrop). */
  pendingFromDrop?(dt: DataTransfer): Promise<Result<PendingFile[]>>;
  /** Save bytes (desktop: atomic write, dialog when no path; browser: a download). null when cancelled. */
  saveFile(req: { kind: SaveKind; suggestedName: string; bytes: Uint8Array; path?: string | null; saveAs?: boolean }): Promise<Result<{ path: string } | null>>;
  /**
   * Where to publish a teaching site named `name`: the desktop asks for a folder and writes a new
   * folder `name` in it; the browser collects a zip it downloads at the end. null when cancelled.
   */
  publishTarget(name: string): Promise<Result<PublishTarget | null>>;
  listRecent(): Promise<RecentFile[]>;
  addRecent(file: { path: string; kind: FileKind; bytes?: Uint8Array }): Promise<RecentFile[]>;
  clearRecent(): Promise<RecentFile[]>;
  /** Take one file off the recent list (the file itself is not touched). */
  removeRecent(path: string): Promise<RecentFile[]>;
  /** The recent cases as the empty screen lists them: block, file time, whether their clips can be reached. */
  recentCases(): Promise<RecentCase[]>;
  /**
   * A case from the recent list, read again (desktop: from disk, then granted with its clips; browser:
   * the copy kept here). Call from the user's click: browser mode may ask for file permission then.
   */
  openRecentCase(path: string): Promise<Result<OpenedFile>>;
  /**
   * Browser mode: a clip read through a file handle kept from an earlier open (File System Access
   * API), found by its SHA-256 or the name it was opened under; null when none is kept. Permission
   * that lapsed is asked for (call during a user gesture).
   */
  readKeptClip?(clip: { sha256: string; path: string }): Promise<Result<OpenedFile> | null>;
  /** Browser mode: the file opened under `path` is the clip with this SHA-256 (so a later case finds it by content). */
  linkClip?(path: string, sha256: string): Promise<void>;
  writeAutosave(json: string): Promise<Result<null>>;
  readAutosave(): Promise<Autosave | null>;
  clearAutosave(): Promise<void>;
  onMenuCommand(listener: (c: MenuCommand) => void): () => void;
  onOpenRecent(listener: (path: string) => void): () => void;
  /** Browser mode: opened cases and clips stay in the browser's storage until cleared. Absent on the desktop. */
  storage?: BrowserStorage;
}
