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
