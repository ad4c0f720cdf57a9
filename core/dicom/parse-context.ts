/**
 * What every step of openDicom shares: the file's display name (for messages) and the warnings
 * collected so far (things worth telling the user that did not stop reading; never patient data).
 */
import { err } from '../result';
import { dicomError, type DicomError, type DicomErrorCode } from './errors';

export interface ParseContext {
  /** A display name for messages (file name or path). Never a patient name. */
  fileName?: string;
  warnings: string[];
}

type ErrorExtras = { missingFrames?: number; transferSyntaxUid?: string; detail?: string; action?: string };

/** A failed step: a DicomError naming the file. */
export function fail(ctx: ParseContext, code: DicomErrorCode, what: string, extras: ErrorExtras = {}): { ok: false; error: DicomError } {
  return err(dicomError(code, what, { ...extras, ...(ctx.fileName !== undefined ? { fileName: ctx.fileName } : {}) }));
}
