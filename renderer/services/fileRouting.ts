import type { Result } from '../../core/result';
import { bridge } from '../bridge';
import type { FileKind, OpenedFile } from '../bridge/types';
import { guessKind, useFiles } from '../state/files';
import { notify, reportError } from '../state/messages';

/**
 * Hand-off points for opened files. Later parts of the app (viewer, 3D workspace, case loader)
 * register a handler per kind; the shell routes every opened or dropped file through here.
 */
type Handler = (files: OpenedFile[]) => void | Promise<void>;
const handlers: Partial<Record<'dicom' | 'model' | 'case', Handler>> = {};

export function setOpenHandler(kind: 'dicom' | 'model' | 'case', h: Handler | null): void {
  if (h) handlers[kind] = h;
  else delete handlers[kind];
}

/** Route files by kind; unknown files are reported by name, the rest are not disturbed. */
export async function routeFiles(files: OpenedFile[], preferred?: FileKind): Promise<void> {
  const groups: Record<'dicom' | 'model' | 'case', OpenedFile[]> = { dicom: [], model: [], case: [] };
  for (const f of files) {
    let k = guessKind(f);
    if (k === 'unknown' && preferred === 'dicom') k = 'dicom'; // DICOM files often have no extension
    if (k === 'unknown') {
      reportError({ code: 'file/unknown-type', title: `${f.name} is not a file BlockPlan can open`, action: 'Open DICOM clips (.dcm), 3D models (GLB, glTF, STL, OBJ, PLY) or BlockPlan cases (.bpcase).', file: f.name });
      continue;
    }
    groups[k].push(f);
  }
  for (const k of ['case', 'dicom', 'model'] as const) {
    if (groups[k].length === 0) continue;
    const h = handlers[k];
    if (h) await h(groups[k]);
    else {
      useFiles.getState().add(groups[k], k);
      notify(`${groups[k].length} ${k === 'dicom' ? 'DICOM file' : k === 'model' ? '3D model' : 'case file'}${groups[k].length > 1 ? 's' : ''} added`);
    }
  }
}

export async function openWithDialog(kind: FileKind, opts: { folder?: boolean } = {}): Promise<void> {
  const r: Result<OpenedFile[]> = await bridge().openFiles(kind, { multiple: kind !== 'case', folder: opts.folder ?? false });
  if (!r.ok) {
    reportError(r.error);
    return;
  }
  if (r.value.length) await routeFiles(r.value, kind);
}
