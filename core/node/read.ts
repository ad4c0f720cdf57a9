/**
 * The one way BlockPlan's Node code reads a file the user named: a case, a clip, a model, a bundle.
 *
 * A path in a case file can name anything — `/dev/zero`, a FIFO, a folder, a 40 GB disk image —
 * and a plain `readFile` of those hangs or exhausts memory. `readRegularFile` opens without
 * blocking (a FIFO with no writer does not wait), checks on the open descriptor that it is a regular
 * file and not larger than the caller's limit, and then reads exactly the size it saw (a `/proc`
 * file that claims 0 bytes yields 0 bytes, a file growing under us is not followed). Errors are
 * AppErrors naming the file and the problem.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { appError, err, ok, type AppError, type Result } from '../result';

/** Largest DICOM clip, 3D model or bundle read (bytes, 2 GiB): long cine loops fit; a disk image does not. */
export const MAX_INPUT_BYTES = 2 * 1024 ** 3;
/** Largest case file read (bytes, 64 MiB): a case is JSON text, typically a few kB. */
export const MAX_CASE_FILE_BYTES = 64 * 1024 ** 2;

export interface ReadRegularFileOptions {
  /** Largest size accepted, bytes; a larger file is refused before any byte is read. */
  maxBytes: number;
  /**
   * Refuse a symbolic link as the last component (O_NOFOLLOW). For callers that resolved the path
   * with `realpath` and must not be redirected by a link swapped in afterwards.
   */
  noFollow?: boolean;
}

/** What a non-regular file is, in words ("a folder", "a device", …). */
export function describeFileType(st: Pick<Stats, 'isDirectory' | 'isCharacterDevice' | 'isBlockDevice' | 'isFIFO' | 'isSocket' | 'isSymbolicLink'>): string {
  if (st.isDirectory()) return 'a folder';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isFIFO()) return 'a pipe (FIFO)';
  if (st.isSocket()) return 'a socket';
  if (st.isSymbolicLink()) return 'a symbolic link';
  return 'not a regular file';
}

/** Human size: "2.0 GB", "640 kB". */
export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(1)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} kB`;
  return `${n} bytes`;
}

/** An AppError for a failed open/stat/read, by errno code. */
export function fileReadError(e: unknown, file: string): AppError {
  const code = (e as { code?: string }).code;
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return appError('file/not-found', 'The file does not exist.', { file, action: 'It may have been moved or renamed; open it from its new place.' });
    case 'EACCES':
    case 'EPERM':
      return appError('file/no-permission', 'No permission to read the file.', { file, detail });
    case 'ELOOP':
      return appError('file/symlink', 'The path is a symbolic link, which BlockPlan does not follow here.', { file, action: 'Open the file the link points to.', detail });
    case 'EISDIR':
      return appError('file/not-a-file', 'This is a folder, not a file.', { file, action: 'Choose a file inside it.' });
    default:
      return appError('file/read-failed', 'The file could not be read.', { file, detail });
  }
}

/**
 * Open `path` for reading without blocking and check it: a regular file of at most `maxBytes`.
 * Returns the open handle and its size; the caller must close the handle.
 */
export async function openRegularFile(path: string, opts: ReadRegularFileOptions): Promise<Result<{ fh: FileHandle; size: number; stats: Stats }>> {
  // O_NONBLOCK: opening a FIFO without a writer returns at once instead of waiting forever.
  // Both flags are undefined on Windows, where FIFOs and symlink swaps work differently.
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (opts.noFollow ? (constants.O_NOFOLLOW ?? 0) : 0);
  let fh: FileHandle;
  try {
    fh = await open(path, flags);
  } catch (e) {
    return err(fileReadError(e, path));
  }
  let st: Stats;
  try {
    st = await fh.stat();
  } catch (e) {
    await fh.close().catch(() => undefined);
    return err(fileReadError(e, path));
  }
  if (!st.isFile()) {
    await fh.close().catch(() => undefined);
    const what = describeFileType(st);
    return err(appError('file/not-a-file', `This is ${what}, not a file: BlockPlan reads only regular files.`, { file: path, action: what === 'a folder' ? 'Choose a file inside it.' : 'Choose the file itself.' }));
  }
  if (st.size > opts.maxBytes) {
    await fh.close().catch(() => undefined);
    return err(
      appError('file/too-large', `The file is too large to open (${formatBytes(st.size)}; the limit is ${formatBytes(opts.maxBytes)}).`, {
        file: path,
        action: 'Check that this is the file you meant; export a shorter clip if it is.',
      }),
    );
  }
  return ok({ fh, size: st.size, stats: st });
}

/**
 * Read a whole regular file of at most `maxBytes`. Devices, FIFOs, sockets and folders are refused
 * without reading a byte; exactly the size seen at open is read (a file that shrinks meanwhile is
 * an error, one that grows is read up to that size).
 */
export async function readRegularFile(path: string, opts: ReadRegularFileOptions): Promise<Result<Uint8Array>> {
  const o = await openRegularFile(path, opts);
  if (!o.ok) return o;
  const { fh, size } = o.value;
  try {
    const bytes = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await fh.read(bytes, done, Math.min(size - done, 16 * 1024 ** 2), done);
      if (bytesRead === 0) {
        return err(appError('file/changed-while-reading', 'The file became shorter while it was being read.', { file: path, action: 'Wait until whatever is writing it has finished, then open it again.' }));
      }
      done += bytesRead;
    }
    return ok(bytes);
  } catch (e) {
    return err(fileReadError(e, path));
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** `readRegularFile` decoded as UTF-8 text, as `readFile(path, 'utf8')` does (a BOM is kept, invalid sequences replaced). */
export async function readRegularTextFile(path: string, opts: ReadRegularFileOptions): Promise<Result<string>> {
  const r = await readRegularFile(path, opts);
  return r.ok ? ok(Buffer.from(r.value.buffer, r.value.byteOffset, r.value.byteLength).toString('utf8')) : r;
}
