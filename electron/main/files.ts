import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { IpcResult, OpenedFile } from '../ipc-contract';

/** Largest single file BlockPlan reads (bytes): long cine clips fit; absurd inputs are refused early. */
export const MAX_FILE_BYTES = 4 * 1024 ** 3 - 1;
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

export async function readOne(p: string): Promise<IpcResult<OpenedFile>> {
  const name = path.basename(p);
  try {
    const st = await fs.stat(p);
    if (!st.isFile()) return fileError('file/not-a-file', `${name} is not a file`, name, 'Choose a file instead.');
    if (st.size > MAX_FILE_BYTES) return fileError('file/too-large', `${name} is too large to open (${(st.size / 1024 ** 3).toFixed(1)} GB)`, name);
    const buf = await fs.readFile(p);
    return { ok: true, value: { path: p, name, bytes: new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) } };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return fileError('file/not-found', `${name} was not found`, name, 'It may have been moved or deleted. Locate it again.');
    if (code === 'EACCES' || code === 'EPERM') return fileError('file/no-permission', `No permission to read ${name}`, name);
    return fileError('file/read-failed', `Could not read ${name}`, name, undefined, String(code ?? e));
  }
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

/**
 * Write bytes atomically: a temporary file in the same folder, flushed to disk, then renamed over the
 * target, so a crash mid-save leaves the previous file intact.
 */
export async function atomicWrite(target: string, bytes: Uint8Array): Promise<void> {
  const dir = path.dirname(target);
  const tmp = path.join(dir, `.${path.basename(target)}.${process.pid}.${Date.now()}.tmp`);
  const fh = await fs.open(tmp, 'w');
  try {
    await fh.writeFile(bytes);
    await fh.sync();
  } finally {
    await fh.close();
  }
  try {
    await fs.rename(tmp, target);
  } catch (e) {
    await fs.rm(tmp, { force: true });
    throw e;
  }
  try {
    const dh = await fs.open(dir, 'r');
    try {
      await dh.sync();
    } finally {
      await dh.close();
    }
  } catch {
    // Directory fsync is not supported on every platform (e.g. Windows); the rename is still atomic.
  }
}
