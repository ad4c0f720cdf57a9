import type { Result } from '../../core/result';
import type { OpenedFile } from '../../electron/ipc-contract';

/**
 * Who opens which kind of file: the viewer registers for DICOM clips, the 3D view for models, the
 * plan for case files. A registry, like the command registry (./commands.ts): the parts of the app
 * register here, and file routing (renderer/services/fileRouting.ts) hands every opened or dropped
 * file to the handler of its kind — so neither side imports the other.
 */
export type OpenKind = 'dicom' | 'model' | 'case';
export type OpenHandler = (files: OpenedFile[]) => void | Promise<void>;

const handlers: Partial<Record<OpenKind, OpenHandler>> = {};

/** Register (or with null, remove) the handler for a kind of file. */
export function setOpenHandler(kind: OpenKind, h: OpenHandler | null): void {
  if (h) handlers[kind] = h;
  else delete handlers[kind];
}

/** The handler registered for a kind of file, if any. */
export function openHandler(kind: OpenKind): OpenHandler | undefined {
  return handlers[kind];
}

/**
 * A file the user chose or dropped that has not been read yet (the bridge's PendingFile): a study
 * folder of a hundred clips is read one file at a time, so its first clip shows before the rest.
 */
export interface UnreadFile {
  name: string;
  path: string;
  read(): Promise<Result<OpenedFile>>;
}

let unreadDicom: ((files: UnreadFile[]) => Promise<void>) | null = null;

/** Register (or with null, remove) who opens DICOM files not read yet (the viewer reads them one at a time). */
export function setUnreadDicomHandler(h: ((files: UnreadFile[]) => Promise<void>) | null): void {
  unreadDicom = h;
}

/** The handler for DICOM files not read yet, if any. */
export function unreadDicomHandler(): ((files: UnreadFile[]) => Promise<void>) | null {
  return unreadDicom;
}
