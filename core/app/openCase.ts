/**
 * Open a case and its clips: a `.bpcase` (JSON, clips beside it) or a `.bpcasez` bundle (clips inside),
 * read through a file-bytes port, each clip checked against its SHA-256 and opened as DICOM (header and
 * calibration; no pixels decoded). Every file that cannot be used is reported on its own, naming the
 * file and what to do; the case itself still opens.
 *
 * The CLI (`blockplan note`, `blockplan measure`) calls `openCase`; the app, whose case and clip bytes
 * are already in memory, calls `openClips` — the same checks either way.
 */
import { openDicom } from '../dicom/parse';
import { dicomErrorToAppError } from '../dicom/errors';
import type { DicomImage } from '../dicom/types';
import type { SourceInstance } from '../notes/document';
import { parseCase, readBundle, sha256Hex, type Case, type Clip } from '../plan/index';
import { appError, err, ok, type AppError, type Result } from '../result';
import { readLaterality, sourceInstance, type ClipLaterality } from './clipHeader';
import type { FileBytesPort } from './ports';

/** A clip that opened: its bytes, DICOM image (calibration, timing), header laterality and identity. */
export interface OpenedClip {
  clip: Clip;
  /** Where it was read from: a path, or "bundle › entry". */
  location: string;
  bytes: Uint8Array;
  image: DicomImage;
  /** Image Laterality (0020,0062) and Laterality (0020,0060) as stored. */
  laterality: ClipLaterality;
  source: SourceInstance;
}

/** A clip that could not be used, with the reason. */
export interface ClipProblem {
  clip: Clip;
  location: string;
  error: AppError;
}

/** Where the case came from. */
export interface CaseFileRef {
  /** Path (CLI, desktop) or name (browser). */
  location: string;
  /** File name shown to the user. */
  name: string;
  bundled: boolean;
}

/** A case with its clips opened. `problems` lists each clip that could not be used (in case order). */
export interface OpenedCase {
  plan: Case;
  file: CaseFileRef;
  migrated: boolean;
  clips: OpenedClip[];
  problems: ClipProblem[];
}

/** One clip's bytes as the caller obtained them (or why not). */
export interface ClipLoad {
  clip: Clip;
  location: string;
  bytes: Result<Uint8Array>;
}

const baseName = (p: string) => p.split(/[\\/]/).pop() || p;

/** The case-level message for a file-port error. */
function caseReadError(e: AppError, location: string): AppError {
  switch (e.code) {
    case 'file/not-found':
      return appError('case/not-found', 'The case file does not exist.', { file: location, action: 'It may have been moved or renamed; open it from its new place.' });
    case 'file/not-a-file':
      return appError('case/not-a-file', 'This is not a case file (it is a folder or a device).', { file: location, action: 'Choose a .bpcase or .bpcasez file.' });
    default:
      return { ...e, file: location };
  }
}

/** The clip-level message for a file-port error. */
function clipReadError(e: AppError, clip: Clip, location: string): AppError {
  if (e.code === 'file/not-found' && clip.origin.kind === 'dicomweb') {
    const o = clip.origin;
    return appError('clip/missing', `The clip “${clip.displayName}” came from the PACS at ${o.wadoRoot} and is not on this computer.`, {
      file: location,
      action: `Open the case in BlockPlan and reopen it from the PACS tab, or fetch it: blockplan pacs get --url ${o.wadoRoot} --study ${o.studyUid} --series ${o.seriesUid} --out DIR`,
    });
  }
  if (e.code === 'file/not-found') {
    return appError('clip/missing', 'The clip file was not found (moved or renamed?).', {
      file: location,
      action: `Locate “${clip.displayName}” in the app, or put it beside the case where the case expects it (${clip.path}), or open a .bpcasez bundle of the case.`,
    });
  }
  return { ...e, file: location };
}

/**
 * Open each clip from bytes the caller has: check the SHA-256 recorded in the case, parse the DICOM
 * header, read laterality and identity. Never throws; unusable clips go to `problems`.
 */
export function openClips(plan: Case, file: CaseFileRef, loads: readonly ClipLoad[], migrated = false): OpenedCase {
  const clips: OpenedClip[] = [];
  const problems: ClipProblem[] = [];
  for (const { clip, location, bytes } of loads) {
    if (!bytes.ok) {
      problems.push({ clip, location, error: clipReadError(bytes.error, clip, location) });
      continue;
    }
    if (sha256Hex(bytes.value) !== clip.sha256) {
      problems.push({
        clip,
        location,
        error: appError('clip/changed', 'The clip file has changed since it was added to the case (its SHA-256 differs).', { file: location, action: 'Locate the original clip, or add the new file to the case as a clip.' }),
      });
      continue;
    }
    const opened = openDicom(bytes.value, { fileName: baseName(location) });
    if (!opened.ok) {
      problems.push({ clip, location, error: { ...dicomErrorToAppError(opened.error), file: location } });
      continue;
    }
    clips.push({ clip, location, bytes: bytes.value, image: opened.value, laterality: readLaterality(bytes.value), source: sourceInstance(clip, opened.value) });
  }
  return { plan, file, migrated, clips, problems };
}

const isZip = (b: Uint8Array) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;

/**
 * Open a case file and its clips through `files`. Fails only when the case itself cannot be read or
 * parsed (the AppError names the file); clip problems are reported in `problems`.
 */
export async function openCase(location: string, files: FileBytesPort, opts: { name?: string } = {}): Promise<Result<OpenedCase>> {
  const name = opts.name ?? baseName(location);
  const bytes = await files.read(location);
  if (!bytes.ok) return err(caseReadError(bytes.error, location));
  if (isZip(bytes.value)) {
    const b = readBundle(bytes.value, location);
    if (!b.ok) return b;
    const loads = b.value.plan.clips.map((clip) => ({ clip, location: `${location} › ${clip.path}`, bytes: ok(b.value.clipBytes.get(clip.id)!) }));
    return ok(openClips(b.value.plan, { location, name, bundled: true }, loads, b.value.migrated));
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.value);
  } catch {
    return err(appError('case/not-text', 'This file is not a BlockPlan case: it is neither a case (text) nor a bundle (ZIP).', { file: location, action: 'Choose a .bpcase or .bpcasez file saved by BlockPlan.' }));
  }
  const parsed = parseCase(text, location);
  if (!parsed.ok) return parsed;
  const plan = parsed.value.plan;
  const loads: ClipLoad[] = [];
  for (const clip of plan.clips) {
    const path = files.resolve(location, clip.path);
    loads.push({ clip, location: path, bytes: await files.read(path) });
  }
  return ok(openClips(plan, { location, name, bundled: false }, loads, parsed.value.migrated));
}
