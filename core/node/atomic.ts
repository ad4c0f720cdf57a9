/**
 * Atomic file writes: a crash, power loss or full disk while saving never leaves a half-written case.
 *
 * Steps: write a temporary file in the SAME directory (so the rename cannot cross file systems),
 * flush it to disk (fsync), rename it over the target (atomic on POSIX and on NTFS for same-volume
 * renames), then fsync the directory so the rename itself survives a power loss. Until the rename
 * the previous file is untouched; after it, the new content is complete.
 */
import { randomBytes } from 'node:crypto';
import { lstat, open, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { appError, err, ok, type Result } from '../result';

/** Test hooks: simulate a crash at a given step. Production code never passes them. */
export interface AtomicWriteHooks {
  /** Called after each chunk is written to the temporary file (throw to simulate a failing write). */
  afterChunk?: (bytesWritten: number) => void | Promise<void>;
  /** Called after the temporary file is flushed and closed, just before the rename. */
  beforeRename?: (tempPath: string) => void | Promise<void>;
}

export interface AtomicWriteOptions {
  /** Bytes per write call (default 1 MiB). */
  chunkBytes?: number;
  /**
   * Permissions of the written file, exactly (umask does not apply), e.g. 0o600 for autosaves that
   * hold patient data. Default: the replaced file's permissions, or 0o666 less the umask for a new file.
   */
  mode?: number;
  hooks?: AtomicWriteHooks;
}

const TEMP_SUFFIX = '.tmp';

/** Temporary files of interrupted saves are named `.<file>.<pid>.<random>.tmp` beside the file. */
export function isTempFor(fileName: string, candidate: string): boolean {
  if (!candidate.startsWith(`.${fileName}.`) || !candidate.endsWith(TEMP_SUFFIX)) return false;
  return /^\d+\.[0-9a-z]+$/.test(candidate.slice(fileName.length + 2, -TEMP_SUFFIX.length));
}

/** A temporary name no other save (this process, another window, another machine on a share) picks. */
function tempNameFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${process.pid}.${randomBytes(8).toString('hex')}${TEMP_SUFFIX}`);
}

/**
 * The file a save of `path` must replace: `path` itself, or — when `path` is a symbolic link, e.g.
 * a case linked into a teaching folder — the file it points to (replacing the link with a regular
 * file would silently fork the case). A link whose target is missing is refused.
 */
export async function resolveWriteTarget(path: string): Promise<Result<string>> {
  try {
    return ok(await realpath(path));
  } catch (e) {
    if ((e as { code?: string }).code !== 'ENOENT') return err(writeError(e, path));
  }
  try {
    if ((await lstat(path)).isSymbolicLink()) {
      return err(appError('file/dangling-link', 'The file could not be saved: it is a link to a file that no longer exists.', { file: path, action: 'Save to another name, or restore the file the link points to.' }));
    }
  } catch {
    // does not exist: a new file
  }
  try {
    return ok(join(await realpath(dirname(path)), basename(path)));
  } catch (e) {
    return err(writeError(e, path));
  }
}

/**
 * Write `data` to `path` atomically. On failure the previous file (if any) is unchanged, the
 * temporary file is removed, and the AppError says what went wrong in words (disk full, no
 * permission, read-only, folder missing) and names the file. A symbolic link is written through
 * to its target; the replaced file's permissions (and, where allowed, owner) are kept; leftovers of
 * earlier interrupted saves of the same file are removed afterwards (`resolveWriteTarget` says
 * which file is written).
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array, opts: AtomicWriteOptions = {}): Promise<Result<void>> {
  const resolved = await resolveWriteTarget(path);
  if (!resolved.ok) return resolved;
  const target = resolved.value;
  const dir = dirname(target);
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const chunk = Math.max(1, opts.chunkBytes ?? 1 << 20);
  let previous: { mode: number; uid: number; gid: number } | null = null;
  try {
    const st = await stat(target);
    previous = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch {
    // new file
  }
  const mode = opts.mode ?? previous?.mode;
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  let tmp = tempNameFor(target);
  try {
    for (let attempt = 0; ; attempt++) {
      try {
        fh = await open(tmp, 'wx', mode ?? 0o666);
        break;
      } catch (e) {
        if ((e as { code?: string }).code !== 'EEXIST' || attempt >= 4) throw e;
        tmp = tempNameFor(target);
      }
    }
    // Exactly the mode wanted: open() applies the umask (0o664 would become 0o644).
    if (mode !== undefined) await fh.chmod(mode);
    if (previous) await fh.chown(previous.uid, previous.gid).catch(() => undefined); // only where permitted
    let written = 0;
    while (written < bytes.length) {
      const { bytesWritten } = await fh.write(bytes, written, Math.min(chunk, bytes.length - written));
      written += bytesWritten;
      await opts.hooks?.afterChunk?.(written);
    }
    await fh.sync();
    await fh.close();
    fh = undefined;
    await opts.hooks?.beforeRename?.(tmp);
    await rename(tmp, target);
  } catch (e) {
    if (fh) await fh.close().catch(() => undefined);
    await unlink(tmp).catch(() => undefined);
    return err(writeError(e, path));
  }
  await fsyncDirectory(dir);
  await removeStaleTemps(target).catch(() => 0);
  return ok(undefined);
}

/** Flush a directory entry to disk (POSIX). Windows cannot open directories; NTFS journals renames. */
async function fsyncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const d = await open(dir, 'r');
    try {
      await d.sync();
    } finally {
      await d.close();
    }
  } catch {
    // Some file systems (e.g. network mounts) refuse fsync on directories; the rename has happened.
  }
}

function writeError(e: unknown, path: string) {
  const code = (e as { code?: string }).code;
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ENOSPC':
      return appError('file/disk-full', 'The file could not be saved: the disk is full.', { file: path, action: 'Free some space or save to another disk. The previous version is unchanged.', detail });
    case 'EACCES':
    case 'EPERM':
      return appError('file/no-permission', 'The file could not be saved: no permission to write in this folder.', { file: path, action: 'Save to a folder you can write to. The previous version is unchanged.', detail });
    case 'EROFS':
      return appError('file/read-only', 'The file could not be saved: the disk is read-only.', { file: path, action: 'Save to another disk. The previous version is unchanged.', detail });
    case 'ENOENT':
      return appError('file/no-folder', 'The file could not be saved: its folder does not exist.', { file: path, action: 'Choose an existing folder.', detail });
    default:
      return appError('file/write-failed', 'The file could not be saved.', { file: path, action: 'Try again or save to another location. The previous version is unchanged.', detail });
  }
}

/**
 * Temporary files left beside `path` by saves that were interrupted (crash, power loss). They are
 * never read; `removeStaleTemps` deletes them (the app does so after a successful save).
 */
export async function listStaleTemps(path: string): Promise<string[]> {
  const dir = dirname(path);
  const name = basename(path);
  try {
    return (await readdir(dir)).filter((f) => isTempFor(name, f)).map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/**
 * Delete leftovers of interrupted saves of `path` older than `olderThanMs` (default 60 s, so a save
 * running in another window is left alone); returns how many were removed.
 */
export async function removeStaleTemps(path: string, olderThanMs = 60_000): Promise<number> {
  let n = 0;
  const now = Date.now();
  for (const f of await listStaleTemps(path)) {
    try {
      const st = await lstat(f);
      if (!st.isFile() || now - st.mtimeMs < olderThanMs) continue;
      await unlink(f);
      n++;
    } catch {
      // in use by a concurrent save, or already gone
    }
  }
  return n;
}
