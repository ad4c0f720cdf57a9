/**
 * Find a moved clip by its SHA-256: search a folder the user points to (recursively, bounded) for a
 * file with the same bytes. Same-name files and files of the recorded size are hashed first.
 */
import { opendir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { appError, err, ok, type Result } from '../result';
import { sha256File } from './hash';

export interface LocateOptions {
  /** Expected size, bytes (clips[].byteLength): files of another size are skipped without hashing. */
  byteLength?: number;
  /** The clip's old file name: matching names are tried first. */
  preferName?: string;
  /** How deep to descend below `folder` (default 6). */
  maxDepth?: number;
  /** Stop after looking at this many files (default 50 000). */
  maxFiles?: number;
}

/**
 * Search `folder` for a file whose SHA-256 is `sha256`. Returns its path, or null when none matches.
 * Hidden folders, `node_modules` and symbolic links are not followed. Errors only when `folder`
 * itself cannot be read.
 */
export async function findFileBySha256(folder: string, sha256: string, opts: LocateOptions = {}): Promise<Result<string | null>> {
  const maxDepth = opts.maxDepth ?? 6;
  const maxFiles = opts.maxFiles ?? 50_000;
  try {
    if (!(await stat(folder)).isDirectory()) return err(appError('locate/not-a-folder', 'Choose a folder to search for the clip.', { file: folder }));
  } catch (e) {
    return err(appError('locate/unreadable', 'The folder could not be read.', { file: folder, detail: e instanceof Error ? e.message : String(e) }));
  }
  const candidates: { path: string; size: number }[] = [];
  let seen = 0;
  const walk = async (dir: string, depth: number): Promise<void> => {
    if (seen >= maxFiles) return;
    let d;
    try {
      d = await opendir(dir);
    } catch {
      return; // unreadable subfolder: skip
    }
    for await (const ent of d) {
      if (seen >= maxFiles) break;
      const p = join(dir, ent.name);
      if (ent.isDirectory()) {
        if (depth < maxDepth && !ent.name.startsWith('.') && ent.name !== 'node_modules') await walk(p, depth + 1);
      } else if (ent.isFile()) {
        seen++;
        try {
          const size = (await stat(p)).size;
          if (opts.byteLength === undefined || size === opts.byteLength) candidates.push({ path: p, size });
        } catch {
          // vanished while searching
        }
      }
    }
  };
  await walk(folder, 0);
  const name = opts.preferName?.toLowerCase();
  candidates.sort((a, b) => Number(basename(b.path).toLowerCase() === name) - Number(basename(a.path).toLowerCase() === name));
  for (const c of candidates) {
    try {
      if ((await sha256File(c.path)) === sha256) return ok(c.path);
    } catch {
      // unreadable file: skip
    }
  }
  return ok(null);
}
