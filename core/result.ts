/**
 * Tagged results for IO and anything that can fail for reasons the user must see.
 * Errors carry a message a clinician can act on (what is wrong, what to do), never a stack trace.
 */
export type Result<T, E = AppError> = { ok: true; value: T } | { ok: false; error: E };

/** A user-facing error: `title` says what happened, `action` what to do, `detail` is shown on demand. */
export interface AppError {
  /** Stable machine-readable code, e.g. `dicom/not-dicom`, `case/invalid`, `ipc/bad-arguments`. */
  code: string;
  title: string;
  action?: string;
  detail?: string;
  /** The file concerned (a display name or path), when there is one. */
  file?: string;
}

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

export function appError(code: string, title: string, extra: Partial<Omit<AppError, 'code' | 'title'>> = {}): AppError {
  return { code, title, ...extra };
}
