/**
 * Case files on disk: read + validate, save atomically, resolve clip paths, check clips, and build a
 * clip entry from a DICOM file.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { openDicom } from '../dicom/index';
import { dicomErrorToAppError } from '../dicom/errors';
import { parseCase, serializeCase, touchForSave, type Case, type Clip, type ParsedCase } from '../plan/index';
import { err, ok, type Result } from '../result';
import { writeFileAtomic } from './atomic';
import { sha256File } from './hash';
import { MAX_CASE_FILE_BYTES, MAX_INPUT_BYTES, readRegularFile, readRegularTextFile } from './read';

/** File extension of case files. */
export const CASE_EXTENSION = '.bpcase';

/** Read and validate (and migrate) a case file. */
export async function readCaseFile(path: string): Promise<Result<ParsedCase & { path: string }>> {
  const read = await readRegularTextFile(path, { maxBytes: MAX_CASE_FILE_BYTES });
  if (!read.ok) {
    const e = read.error;
    if (e.code === 'file/not-found') return err({ ...e, code: 'case/not-found', title: 'The case file does not exist.' });
    if (e.code === 'file/not-a-file') return err({ ...e, code: 'case/not-a-file', title: e.title.replace(/not a file/, 'not a case file') });
    return err({ ...e, title: `The case file could not be read: ${e.title.charAt(0).toLowerCase()}${e.title.slice(1)}` });
  }
  const r = parseCase(read.value, path);
  return r.ok ? ok({ ...r.value, path }) : r;
}

/**
 * Save a case atomically (see ./atomic.ts: through a symbolic link, mode kept, leftovers of earlier
 * interrupted saves cleaned up). Sets `updatedAt` to `now` and returns the case as saved.
 */
export async function writeCaseFile(path: string, plan: Case, now: string = new Date().toISOString()): Promise<Result<Case>> {
  const saved = touchForSave(plan, now);
  const w = await writeFileAtomic(path, serializeCase(saved));
  if (!w.ok) return w;
  return ok(saved);
}

/** Absolute path of a clip of the case saved at `casePath`. */
export function resolveClipPath(casePath: string, clip: Pick<Clip, 'path'>): string {
  return isAbsolute(clip.path) ? clip.path : resolve(dirname(casePath), ...clip.path.split('/'));
}

/**
 * How a case at `casePath` refers to the clip at `clipPath`: relative with `/` separators, or the
 * absolute path when no relative path exists (another drive on Windows).
 */
export function clipPathForCase(casePath: string, clipPath: string): string {
  const rel = relative(dirname(resolve(casePath)), resolve(clipPath));
  if (!rel || isAbsolute(rel)) return resolve(clipPath);
  return rel.split(sep).join('/');
}

/** State of one clip of a case on disk. */
export type ClipStatus =
  | { clipId: string; status: 'ok'; path: string }
  | { clipId: string; status: 'missing'; path: string }
  | { clipId: string; status: 'changed'; path: string; sha256: string };

/**
 * Check every file clip of a case: present, and the same bytes (SHA-256). A missing clip is offered
 * to the user to locate (`findFileBySha256`); a changed one is reported, never silently used.
 */
export async function checkClips(casePath: string, plan: Case): Promise<ClipStatus[]> {
  const out: ClipStatus[] = [];
  for (const clip of plan.clips) {
    if (clip.origin.kind !== 'file') continue;
    const path = resolveClipPath(casePath, clip);
    try {
      const h = await sha256File(path);
      out.push(h === clip.sha256 ? { clipId: clip.id, status: 'ok', path } : { clipId: clip.id, status: 'changed', path, sha256: h });
    } catch {
      out.push({ clipId: clip.id, status: 'missing', path });
    }
  }
  return out;
}

/**
 * A clip entry for a DICOM file, for a case saved at `casePath`: UIDs, size and frame count from the
 * file (core/dicom), SHA-256 of its bytes, path relative to the case.
 */
export async function clipFromFile(casePath: string, filePath: string, opts: { id: string; beam?: Clip['beam'] }): Promise<Result<Clip>> {
  const read = await readRegularFile(filePath, { maxBytes: MAX_INPUT_BYTES });
  if (!read.ok) return err({ ...read.error, code: 'clip/read-failed', title: `The clip could not be read: ${read.error.title.charAt(0).toLowerCase()}${read.error.title.slice(1)}` });
  const u8 = read.value;
  const d = openDicom(u8, { fileName: basename(filePath) });
  if (!d.ok) return err({ ...dicomErrorToAppError(d.error), file: filePath });
  const m = d.value.meta;
  return ok({
    id: opts.id,
    path: clipPathForCase(casePath, filePath),
    displayName: basename(filePath),
    sopInstanceUid: m.sopInstanceUid ?? null,
    studyInstanceUid: m.studyInstanceUid ?? null,
    seriesInstanceUid: m.seriesInstanceUid ?? null,
    sha256: createHash('sha256').update(u8).digest('hex'),
    byteLength: u8.byteLength,
    frameCount: d.value.frameCount,
    rows: m.rows,
    columns: m.columns,
    beam: opts.beam ?? { kind: 'unknown' },
    origin: { kind: 'file' },
  });
}

/** Size of a file, or undefined when it cannot be read. */
export async function fileSize(path: string): Promise<number | undefined> {
  try {
    return (await stat(path)).size;
  } catch {
    return undefined;
  }
}
