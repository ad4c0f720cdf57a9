import { promises as fs } from 'node:fs';
import path from 'node:path';
import { MAX_INPUT_BYTES, readRegularFile } from '../../core/node/read';
import type { IpcResult, OpenedFile } from '../ipc-contract';

/** Largest single file BlockPlan reads (bytes): long cine clips fit; absurd inputs are refused early. */
export const MAX_FILE_BYTES = MAX_INPUT_BYTES;
/** Most files one folder drop/open expands to. */
export const MAX_FILES_PER_OPEN = 5000;

/**
 * Paths the renderer may read. The renderer never names an arbitrary path: a path becomes readable
 * when the user picks it in a dialog, drops it, it is in the recent list, or it lies in the folder
 * of a case file the user opened (clips are stored relative to the case).
 */
export class Grants {
  private files = new Set<string>();
  private dirs = new Set<string>();

  grantFile(p: string): void {
    this.files.add(path.resolve(p));
  }
  grantDir(p: string): void {
    this.dirs.add(path.resolve(p));
  }
  allows(p: string): boolean {
    if (typeof p !== 'string' || p.length === 0 || p.includes('\0') || !path.isAbsolute(p)) return false;
    const r = path.resolve(p);
    if (this.files.has(r)) return true;
    for (const d of this.dirs) if (r.startsWith(d + path.sep)) return true;
    return false;
  }
}

export function fileError(code: string, title: string, file: string, action?: string, detail?: string): IpcResult<never> {
  return { ok: false, error: { code, title, file, ...(action ? { action } : {}), ...(detail ? { detail } : {}) } };
}

/**
 * Read one file for the renderer through core/node `readRegularFile`: a device, FIFO, socket or
 * folder is refused at once, and nothing over MAX_FILE_BYTES is read.
 */
export async function readOne(p: string): Promise<IpcResult<OpenedFile>> {
  const name = path.basename(p);
  const r = await readRegularFile(p, { maxBytes: MAX_FILE_BYTES });
  if (!r.ok) return { ok: false, error: { ...r.error, file: name } };
  return { ok: true, value: { path: p, name, bytes: r.value } };
}

/** Expand directories (recursively, bounded) into the files they contain, sorted by path. */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string, depth: number): Promise<void> => {
    if (out.length >= MAX_FILES_PER_OPEN) return;
    let st;
    try {
      st = await fs.stat(p);
    } catch {
      out.push(p); // reported by readOne
      return;
    }
    if (st.isDirectory()) {
      if (depth > 8) return;
      const entries = (await fs.readdir(p)).filter((n) => !n.startsWith('.')).sort();
      for (const e of entries) await walk(path.join(p, e), depth + 1);
    } else out.push(p);
  };
  for (const p of paths) await walk(p, 0);
  return out;
}
