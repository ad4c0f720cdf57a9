/**
 * File reads for the renderer: granted files only (./grants.ts), symbolic links resolved first and
 * then refused at open (O_NOFOLLOW), regular files of bounded size only (core/node readRegularFile),
 * and folders walked without following links, within file, byte and entry limits.
 */
import { createHash } from 'node:crypto';
import { lstat, opendir } from 'node:fs/promises';
import path from 'node:path';
import { MAX_INPUT_BYTES, formatBytes, openRegularFile, readRegularFile } from '../../core/node/read';
import type { AppError } from '../../core/result';
import { dropSampleRanges, toHex } from '../drop-proof';
import type { IpcError, IpcResult, OpenedFile } from '../ipc-contract';
import type { Grants } from './grants';
import { realPathOf, refusedPathReason } from './paths';

/** Largest single file BlockPlan reads (bytes): long cine clips fit; absurd inputs are refused early. */
export const MAX_FILE_BYTES = MAX_INPUT_BYTES;
/** Most files one folder open or drop expands to. */
export const MAX_FILES_PER_OPEN = 5000;
/** Most bytes one folder open or drop reads (they all go to the renderer). */
export const MAX_BYTES_PER_OPEN = 2 * 1024 ** 3;
/** Most directory entries looked at while expanding one open or drop (files, folders, links, hidden). */
export const MAX_ENTRIES_PER_OPEN = 50_000;
/** How deep a folder is expanded. */
export const MAX_FOLDER_DEPTH = 8;

export function fileError(code: string, title: string, file: string, action?: string, detail?: string): IpcResult<never> {
  return { ok: false, error: { code, title, file, ...(action ? { action } : {}), ...(detail ? { detail } : {}) } };
}

/** An OpenedFile entry that stands for a failure (empty bytes, the reason in `error`). */
export function failedEntry(p: string, error: IpcError | AppError): OpenedFile {
  return { path: p, name: path.basename(p), bytes: new Uint8Array(0), error: { ...error, file: error.file ?? path.basename(p) } };
}

/** The refusal for a path whose shape is not allowed (device, UNC, /proc…). */
export function refusedShape(p: string, reason: string): IpcResult<never> {
  return fileError('file/refused-path', `BlockPlan does not open ${path.basename(p) || p}: ${reason}.`, path.basename(p) || p, 'Copy the file to a local folder and open it from there.');
}

/**
 * Read a file the renderer names, if granted: shape checked, symbolic links resolved, the real
 * path checked against the grants and opened without following a link swapped in since.
 * The answer carries the path as asked (the renderer's relative paths are computed from it).
 */
export async function readGranted(p: string, grants: Grants): Promise<IpcResult<OpenedFile>> {
  const name = path.basename(p);
  const notGranted = () => fileError('file/not-granted', `BlockPlan has not been given access to ${name}`, name, 'Open it with File › Open or drop it on the window.');
  const shape = refusedPathReason(p, process.platform, grants.allowedShares);
  if (shape) return refusedShape(p, shape);
  const real = await realPathOf(p);
  if (!real) return grants.canRead(path.resolve(p)) ? fileError('file/not-found', `${name} was not found`, name, 'It may have been moved or deleted. Locate it again.') : notGranted();
  const realShape = refusedPathReason(real, process.platform, grants.allowedShares);
  if (realShape) return refusedShape(p, realShape);
  if (!grants.canRead(real)) return notGranted();
  return readOne(real, p);
}

/**
 * Read one (already granted, real) file through core/node `readRegularFile`: a device, FIFO,
 * socket or folder is refused at once, nothing over MAX_FILE_BYTES is read, a link is not followed.
 */
export async function readOne(real: string, shownPath: string = real): Promise<IpcResult<OpenedFile>> {
  const name = path.basename(shownPath);
  const r = await readRegularFile(real, { maxBytes: MAX_FILE_BYTES, noFollow: true });
  if (!r.ok) return { ok: false, error: { ...r.error, file: name } };
  return { ok: true, value: { path: shownPath, name, bytes: r.value } };
}

/**
 * Read a dropped file only if its bytes match the preload's proof (size and SHA-256 of the sampled
 * ranges, see electron/drop-proof.ts); the sample and the contents come from the same open file.
 */
export async function readProven(real: string, shownPath: string, size: number, sampleSha256: string): Promise<IpcResult<OpenedFile>> {
  const name = path.basename(shownPath);
  const refused = () =>
    fileError('file/not-proven', `${name} was not opened: it does not match the file that was dropped`, name, 'Drop it again, or open it with File › Open.');
  const o = await openRegularFile(real, { maxBytes: MAX_FILE_BYTES, noFollow: true });
  if (!o.ok) return { ok: false, error: { ...o.error, file: name } };
  const { fh } = o.value;
  try {
    if (o.value.size !== size) return refused();
    const h = createHash('sha256');
    for (const [a, b] of dropSampleRanges(size)) {
      const buf = new Uint8Array(b - a);
      const { bytesRead } = await fh.read(buf, 0, buf.byteLength, a);
      if (bytesRead !== buf.byteLength) return refused();
      h.update(buf);
    }
    if (toHex(h.digest()) !== sampleSha256) return refused();
    const bytes = new Uint8Array(size);
    let done = 0;
    while (done < size) {
      const { bytesRead } = await fh.read(bytes, done, Math.min(size - done, 16 * 1024 ** 2), done);
      if (bytesRead === 0) return fileError('file/changed-while-reading', `${name} became shorter while it was being read`, name);
      done += bytesRead;
    }
    return { ok: true, value: { path: shownPath, name, bytes } };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

/** The regular files of a folder, found without following links. */
export interface FolderListing {
  /** The folder as given, and its real path. */
  root: string;
  realRoot: string;
  /** Paths under `root` as given (for the renderer) and their real paths (for the grants), sorted. */
  files: { path: string; real: string; bytes: number }[];
  totalBytes: number;
  /** Symbolic links met (not followed). */
  links: number;
}

/**
 * List the regular files under `root` (depth ≤ MAX_FOLDER_DEPTH, hidden entries skipped). Symbolic
 * links are never followed — a link loop cannot multiply files — and counted; more than
 * MAX_FILES_PER_OPEN files, MAX_BYTES_PER_OPEN bytes or MAX_ENTRIES_PER_OPEN entries refuse the
 * whole folder with a message saying which limit.
 */
export async function listFolder(root: string, realRoot: string): Promise<IpcResult<FolderListing>> {
  const name = path.basename(root) || root;
  const files: FolderListing['files'] = [];
  let totalBytes = 0;
  let links = 0;
  let entries = 0;
  const tooMany = (what: string, limit: string): IpcResult<never> =>
    fileError('folder/too-large', `The folder “${name}” holds more than ${limit} ${what}; BlockPlan opens at most that many at once.`, name, 'Open a smaller folder — one study or series — or the files themselves.');
  const walk = async (rel: string, depth: number): Promise<IpcResult<null> | null> => {
    let dir;
    try {
      dir = await opendir(path.join(realRoot, rel));
    } catch {
      return null; // an unreadable subfolder is skipped
    }
    const here: { name: string; kind: 'file' | 'dir' | 'link' }[] = [];
    for await (const ent of dir) {
      if (++entries > MAX_ENTRIES_PER_OPEN) return tooMany('entries', MAX_ENTRIES_PER_OPEN.toLocaleString('en-US'));
      if (ent.name.startsWith('.')) continue;
      if (ent.isSymbolicLink()) here.push({ name: ent.name, kind: 'link' });
      else if (ent.isDirectory()) here.push({ name: ent.name, kind: 'dir' });
      else if (ent.isFile()) here.push({ name: ent.name, kind: 'file' });
    }
    here.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of here) {
      const childRel = rel ? path.join(rel, e.name) : e.name;
      if (e.kind === 'link') links++;
      else if (e.kind === 'dir') {
        if (depth < MAX_FOLDER_DEPTH) {
          const r = await walk(childRel, depth + 1);
          if (r) return r;
        }
      } else {
        let size: number;
        try {
          const st = await lstat(path.join(realRoot, childRel));
          if (!st.isFile()) continue;
          size = st.size;
        } catch {
          continue; // vanished meanwhile
        }
        if (files.length + 1 > MAX_FILES_PER_OPEN) return tooMany('files', MAX_FILES_PER_OPEN.toLocaleString('en-US'));
        totalBytes += size;
        if (totalBytes > MAX_BYTES_PER_OPEN) {
          return fileError('folder/too-large', `The files in the folder “${name}” add up to more than ${formatBytes(MAX_BYTES_PER_OPEN)}; BlockPlan opens at most that much at once.`, name, 'Open a smaller folder — one study or series — or the files themselves.');
        }
        files.push({ path: path.join(root, childRel), real: path.join(realRoot, childRel), bytes: size });
      }
    }
    return null;
  };
  const failed = await walk('', 0);
  if (failed && !failed.ok) return failed;
  return { ok: true, value: { root, realRoot, files, totalBytes, links } };
}

/** The notice for links met in a folder (never followed). */
export function linksSkipped(listing: FolderListing): OpenedFile | null {
  if (listing.links === 0) return null;
  const n = listing.links;
  return failedEntry(listing.root, {
    code: 'folder/links-skipped',
    title: `${n} symbolic link${n > 1 ? 's' : ''} in the folder “${path.basename(listing.root)}” ${n > 1 ? 'were' : 'was'} not followed`,
    action: 'Open the files they point to directly, if you need them.',
  });
}

/** True when `real` is a regular file BlockPlan would read (size within MAX_FILE_BYTES), without reading it. */
export async function isReadableFile(real: string): Promise<boolean> {
  const o = await openRegularFile(real, { maxBytes: MAX_FILE_BYTES, noFollow: true });
  if (!o.ok) return false;
  await o.value.fh.close().catch(() => undefined);
  return true;
}

/** Is `real` a folder (not following a final link: callers pass real paths)? */
export async function isFolder(real: string): Promise<boolean> {
  try {
    return (await lstat(real)).isDirectory();
  } catch {
    return false;
  }
}
