import { create } from 'zustand';
import type { OpenedFile } from '../bridge/types';

/**
 * Files the user has opened this session (DICOM clips, models). The viewer and the 3D workspace
 * take files from here; a file that fails is kept with its reason and never disturbs the others.
 */
export interface LoadedFile {
  id: string;
  name: string;
  path: string;
  kind: 'dicom' | 'model' | 'case' | 'unknown';
  bytes: Uint8Array;
}

interface FilesState {
  files: LoadedFile[];
  add(files: OpenedFile[], kind: LoadedFile['kind']): LoadedFile[];
  remove(id: string): void;
}

let seq = 0;

export const useFiles = create<FilesState>((set) => ({
  files: [],
  add(opened, kind) {
    const added = opened.map((f) => ({ id: `f${++seq}`, name: f.name, path: f.path, kind, bytes: f.bytes }));
    set((s) => ({ files: [...s.files, ...added] }));
    return added;
  },
  remove(id) {
    set((s) => ({ files: s.files.filter((f) => f.id !== id) }));
  },
}));

/** Guess what a file is from its name (and for DICOM, the 'DICM' magic at byte 128). */
export function guessKind(f: OpenedFile): LoadedFile['kind'] {
  const n = f.name.toLowerCase();
  if (/\.(glb|gltf|stl|obj|ply)$/.test(n)) return 'model';
  if (/\.bpcasez?$/.test(n)) return 'case';
  if (/\.(dcm|dicom|dic)$/.test(n)) return 'dicom';
  const b = f.bytes;
  if (b.length > 132 && b[128] === 0x44 && b[129] === 0x49 && b[130] === 0x43 && b[131] === 0x4d) return 'dicom';
  return 'unknown';
}
