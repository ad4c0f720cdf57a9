/**
 * The CLI's file-bytes port (core/app/ports.ts): whole files from disk. Only regular files are read
 * (a clip path naming a folder, a device or a FIFO is refused before anything is read), up to a size
 * limit; clip paths resolve against the case's folder (core/node `resolveClipPath`).
 *
 * This is the one place the CLI's workflows read files, so a stricter reader (symlink and size checks)
 * is swapped in here only.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { resolveClipPath } from '../node/case-file';
import type { FileBytesPort } from '../app/ports';
import { appError, err, ok, type Result } from '../result';

/** Largest file read whole, bytes (a DICOM clip of 2 GiB is far beyond any ultrasound cine). */
export const MAX_FILE_BYTES = 2 * 1024 ** 3;

/** Read a regular file of at most `maxBytes`. */
export async function readRegularFile(path: string, maxBytes = MAX_FILE_BYTES): Promise<Result<Uint8Array>> {
  let fh: Awaited<ReturnType<typeof open>> | undefined;
  try {
    // stat before open: opening a FIFO for reading would wait for a writer.
    if (!(await stat(path)).isFile()) return err(appError('file/not-a-file', 'This is not a regular file (a folder, device or pipe).', { file: path }));
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
    const st = await fh.stat();
    if (!st.isFile()) return err(appError('file/not-a-file', 'This is not a regular file (a folder, device or pipe).', { file: path }));
    if (st.size > maxBytes) return err(appError('file/too-large', `The file is too large (${st.size} bytes; the limit is ${maxBytes}).`, { file: path }));
    const buf = Buffer.alloc(st.size);
    let at = 0;
    while (at < st.size) {
      const { bytesRead } = await fh.read(buf, at, st.size - at, at);
      if (bytesRead === 0) break;
      at += bytesRead;
    }
    return ok(new Uint8Array(buf.buffer, buf.byteOffset, at));
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return err(appError('file/not-found', 'The file does not exist.', { file: path }));
    if (code === 'EISDIR') return err(appError('file/not-a-file', 'This is a folder, not a file.', { file: path }));
    if (code === 'EACCES' || code === 'EPERM') return err(appError('file/denied', 'Permission to read the file was denied.', { file: path }));
    return err(appError('file/read-failed', 'The file could not be read.', { file: path, detail: e instanceof Error ? e.message : String(e) }));
  } finally {
    await fh?.close();
  }
}

/** The Node file-bytes port. */
export const nodeFileBytes: FileBytesPort = {
  read: (path) => readRegularFile(path),
  resolve: (casePath, relative) => resolveClipPath(casePath, { path: relative }),
};
