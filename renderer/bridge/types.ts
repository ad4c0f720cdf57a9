import type { Result } from '../../core/result';
import type { AppInfo, Autosave, FileKind, MenuCommand, OpenedFile, RecentFile, SaveKind } from '../../electron/ipc-contract';

export type { AppInfo, Autosave, FileKind, MenuCommand, OpenedFile, RecentFile, SaveKind };

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
  /** Save bytes (desktop: atomic write, dialog when no path; browser: a download). null when cancelled. */
  saveFile(req: { kind: SaveKind; suggestedName: string; bytes: Uint8Array; path?: string | null; saveAs?: boolean }): Promise<Result<{ path: string } | null>>;
  listRecent(): Promise<RecentFile[]>;
  addRecent(file: { path: string; kind: FileKind; bytes?: Uint8Array }): Promise<RecentFile[]>;
  clearRecent(): Promise<RecentFile[]>;
  writeAutosave(json: string): Promise<Result<null>>;
  readAutosave(): Promise<Autosave | null>;
  clearAutosave(): Promise<void>;
  onMenuCommand(listener: (c: MenuCommand) => void): () => void;
  onOpenRecent(listener: (path: string) => void): () => void;
}
