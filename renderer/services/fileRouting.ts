import type { Result } from '../../core/result';
import { bridge } from '../bridge';
import type { FileKind, OpenedFile } from '../bridge/types';
import { guessKind, useFiles } from '../state/files';
import { notify, reportError } from '../state/messages';
import { openHandler } from '../state/openHandlers';

/**
 * File routing: every opened or dropped file goes to the handler registered for its kind
 * (renderer/state/openHandlers.ts: the viewer, the 3D view, the plan). Files of a kind nobody
 * handles are listed in the files store; files BlockPlan cannot open are reported by name.
 */

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
    const h = openHandler(k);
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
