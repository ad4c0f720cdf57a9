import { dicomErrorToAppError, openDicom, type Calibration, type DicomImage } from '../dicom/index';
import { err, ok, type Result } from '../result';
import { sha256Hex, sha256HexAsync } from './hash';
import type { Clip } from './schema';

/**
 * What the case needs to know about a DICOM file to add it as a clip, and to measure on it: its
 * SHA-256 (to recognise it again), UIDs, size, frame count and calibration. The header is parsed
 * (core/dicom openDicom), no pixels are decoded.
 */
export interface ClipFacts {
  sha256: string;
  byteLength: number;
  sopInstanceUid: string | null;
  studyInstanceUid: string | null;
  seriesInstanceUid: string | null;
  frameCount: number;
  rows: number;
  columns: number;
  calibration: Calibration;
}

const cache = new WeakMap<Uint8Array, ClipFacts>();

/** Facts about a DICOM file's bytes (memoised per byte array: hashing a long clip takes a moment). */
export function clipFacts(bytes: Uint8Array, fileName: string): Result<ClipFacts> {
  const hit = cache.get(bytes);
  if (hit) return ok(hit);
  const opened = openDicom(bytes, { fileName });
  if (!opened.ok) return err(dicomErrorToAppError(opened.error));
  return ok(remember(bytes, facts(opened.value, bytes, sha256Hex(bytes))));
}

/** The facts already known for these bytes (clipFacts or clipFactsAsync ran on them), without work. */
export const knownClipFacts = (bytes: Uint8Array): ClipFacts | undefined => cache.get(bytes);

/** How clipFactsAsync hashes (the renderer sets a worker's: renderer/workers/hash.ts). */
let hashAsync: (bytes: Uint8Array) => Promise<string> = sha256HexAsync;
export function setClipHasher(fn: (bytes: Uint8Array) => Promise<string>): void {
  hashAsync = fn;
}

/**
 * clipFacts with the hash computed asynchronously, by the hasher set (setClipHasher; the renderer's
 * runs in a worker, so its main thread stays free while a long clip plays) or WebCrypto. Same
 * SHA-256, same memo.
 */
export async function clipFactsAsync(bytes: Uint8Array, fileName: string): Promise<Result<ClipFacts>> {
  const hit = cache.get(bytes);
  if (hit) return ok(hit);
  const opened = openDicom(bytes, { fileName });
  if (!opened.ok) return err(dicomErrorToAppError(opened.error));
  const sha = await hashAsync(bytes);
  return ok(cache.get(bytes) ?? remember(bytes, facts(opened.value, bytes, sha)));
}

function remember(bytes: Uint8Array, f: ClipFacts): ClipFacts {
  cache.set(bytes, f);
  return f;
}

function facts(img: DicomImage, bytes: Uint8Array, sha256: string): ClipFacts {
  return {
    sha256,
    byteLength: bytes.byteLength,
    sopInstanceUid: img.meta.sopInstanceUid ?? null,
    studyInstanceUid: img.meta.studyInstanceUid ?? null,
    seriesInstanceUid: img.meta.seriesInstanceUid ?? null,
    frameCount: Math.max(1, img.frameCount),
    rows: img.meta.rows,
    columns: img.meta.columns,
    calibration: img.calibration,
  };
}

/** Where a clip came from, by the path it was opened under (the PACS panel registers its clips: renderer/ui/pacs). */
let originOf: (path: string) => Clip['origin'] | undefined = () => undefined;
export function setClipOriginResolver(fn: (path: string) => Clip['origin'] | undefined): void {
  originOf = fn;
}

/** The case's record of a new clip (path as given; made relative to the case file when it is saved). */
export function clipRecord(id: string, path: string, displayName: string, f: ClipFacts): Clip {
  return {
    id,
    path,
    displayName,
    sopInstanceUid: f.sopInstanceUid,
    studyInstanceUid: f.studyInstanceUid,
    seriesInstanceUid: f.seriesInstanceUid,
    sha256: f.sha256,
    byteLength: f.byteLength,
    frameCount: f.frameCount,
    rows: f.rows,
    columns: f.columns,
    beam: { kind: 'unknown' },
    origin: originOf(path) ?? { kind: 'file' },
  };
}
