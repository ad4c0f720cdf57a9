import type { Result } from '../../core/result';
import { bridge } from '../bridge';
import type { FileKind, OpenedFile, PendingFile } from '../bridge/types';
import { DICOM_HEAD_BYTES, guessKind, guessKindByName, hasDicomMagic, useFiles } from '../state/files';
import { notify, reportError } from '../state/messages';
import { openHandler, unreadDicomHandler } from '../state/openHandlers';

/**
 * File routing: every opened or dropped file goes to the handler registered for its kind
 * (renderer/state/openHandlers.ts: the viewer, the 3D view, the plan). Files of a kind nobody
 * handles are listed in the files store; files BlockPlan cannot open are reported by name.
 */

/**
 * Route files that have not been read yet: DICOM files (by name, else by their first bytes) go to
 * the viewer unread; the others are read and routed as routeFiles does.
 */
export async function routePending(files: PendingFile[], preferred?: FileKind): Promise<void> {
  const kinds = await Promise.all(
    files.map(async (f) => {
      const k = guessKindByName(f.name);
      return k === 'unknown' && f.sizeBytes >= DICOM_HEAD_BYTES && hasDicomMagic(await f.head(DICOM_HEAD_BYTES).catch(() => new Uint8Array(0))) ? 'dicom' : k;
    }),
  );
  const pendingDicom = unreadDicomHandler();
  const dicom = pendingDicom ? files.filter((_, i) => kinds[i] === 'dicom') : [];
  const rest = files.filter((f) => !dicom.includes(f));
  if (rest.length) {
    const read: OpenedFile[] = [];
    for (const r of await Promise.all(rest.map((f) => f.read()))) {
      if (r.ok) read.push(r.value);
      else reportError(r.error);
    }
    await routeFiles(read, preferred);
  }
  if (dicom.length && pendingDicom) await pendingDicom(dicom);
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
    const h = openHandler(k);
    if (h) await h(groups[k]);
    else {
      useFiles.getState().add(groups[k], k);
      notify(`${groups[k].length} ${k === 'dicom' ? 'DICOM file' : k === 'model' ? '3D model' : 'case file'}${groups[k].length > 1 ? 's' : ''} added`);
    }
  }
}

export async function openWithDialog(kind: FileKind, opts: { folder?: boolean } = {}): Promise<void> {
  const b = bridge();
  const choice = { multiple: kind !== 'case', folder: opts.folder ?? false };
  if (kind === 'dicom' && b.pickPending) {
    const p = await b.pickPending(kind, choice);
    if (!p.ok) reportError(p.error);
    else if (p.value.length) await routePending(p.value, kind);
    return;
  }
  const r: Result<OpenedFile[]> = await b.openFiles(kind, choice);
  if (!r.ok) {
    reportError(r.error);
    return;
  }
  if (r.value.length) await routeFiles(r.value, kind);
}
