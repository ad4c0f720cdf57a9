import { dicomErrorToAppError, openDicom, type Calibration } from '../dicom/index';
import { err, ok, type Result } from '../result';
import { sha256Hex } from './hash';
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
  const img = opened.value;
  const facts: ClipFacts = {
    sha256: sha256Hex(bytes),
    byteLength: bytes.byteLength,
    sopInstanceUid: img.meta.sopInstanceUid ?? null,
    studyInstanceUid: img.meta.studyInstanceUid ?? null,
    seriesInstanceUid: img.meta.seriesInstanceUid ?? null,
    frameCount: Math.max(1, img.frameCount),
    rows: img.meta.rows,
    columns: img.meta.columns,
    calibration: img.calibration,
  };
  cache.set(bytes, facts);
  return ok(facts);
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
