import { appError, err, ok, type AppError, type Result } from '../result';
import { formatPath, issueMessage, migrateToCurrent, OLDEST_SUPPORTED_VERSION } from './migrations';
import { CaseSchema, CURRENT_SCHEMA_VERSION, type Case } from './schema';

/**
 * Largest case-file text read, characters (a BlockPlan case is kilobytes to a few megabytes: 10,000
 * annotations of 100 points are about 30 MB). A larger file is refused before JSON.parse.
 */
export const MAX_CASE_TEXT_CHARS = 64 * 1024 * 1024;

/** Result of reading a case: the case and whether it was migrated from an older version. */
export interface ParsedCase {
  plan: Case;
  /** The version found in the file (older than current when migrated). */
  fileVersion: number;
  migrated: boolean;
}

/**
 * Parse case-file text (JSON). Errors are AppErrors naming the file and the problem a clinician can
 * act on: damaged JSON (with the position), not a case file, a newer or unsupported version, or the
 * first invalid field (`annotations[3].points[0].x: expected number`).
 *
 * @param fileName shown in messages (a display name or path).
 */
export function parseCase(text: string, fileName: string): Result<ParsedCase> {
  if (text.length > MAX_CASE_TEXT_CHARS) {
    return err(
      appError('case/too-large', `The file is too large to be a BlockPlan case (${Math.round(text.length / 2 ** 20)} MB; a case is at most ${MAX_CASE_TEXT_CHARS / 2 ** 20} MB).`, {
        file: fileName,
        action: 'Choose a .bpcase file saved by BlockPlan.',
      }),
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return err(
      appError('case/damaged-json', 'The case file is damaged: it is not valid JSON.', {
        file: fileName,
        action: 'Open the most recent autosave or a backup copy of the case.',
        detail: e instanceof Error ? e.message : String(e),
      }),
    );
  }
  return parseCaseObject(raw, fileName);
}

/** Validate (and migrate) an already-parsed JSON value. */
export function parseCaseObject(raw: unknown, fileName: string): Result<ParsedCase> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw) || !('schemaVersion' in raw)) {
    return err(
      appError('case/not-a-case', 'This file is not a BlockPlan case (no schemaVersion).', {
        file: fileName,
        action: 'Choose a .bpcase file saved by BlockPlan.',
      }),
    );
  }
  const version = (raw as { schemaVersion: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return err(appError('case/bad-version', `The case file has an invalid schemaVersion (${JSON.stringify(version)}).`, { file: fileName, action: 'The file is damaged; open a backup copy.' }));
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return err(
      appError('case/newer-version', `This case was saved by a newer BlockPlan (format version ${version}; this version reads up to ${CURRENT_SCHEMA_VERSION}).`, {
        file: fileName,
        action: 'Update BlockPlan to open it.',
      }),
    );
  }
  if (version < OLDEST_SUPPORTED_VERSION) {
    return err(appError('case/unsupported-version', `Case format version ${version} is no longer supported.`, { file: fileName }));
  }
  let current: unknown = raw;
  if (version < CURRENT_SCHEMA_VERSION) {
    const m = migrateToCurrent(raw, version);
    if (!m.ok) {
      return err(
        appError('case/invalid', `The case file is invalid at ${m.error.path}: ${m.error.message} (format version ${m.error.fromVersion}).`, {
          file: fileName,
          action: 'The file may be damaged or edited by hand; open a backup copy.',
        }),
      );
    }
    current = m.value;
  }
  const parsed = CaseSchema.safeParse(current);
  if (!parsed.success) return err(schemaError(parsed.error.issues, fileName));
  return ok({ plan: parsed.data, fileVersion: version, migrated: version !== CURRENT_SCHEMA_VERSION });
}

function schemaError(issues: readonly { path: PropertyKey[]; message: string }[], fileName: string): AppError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more problem${issues.length > 2 ? 's' : ''})` : '';
  return appError('case/invalid', `The case file is invalid at ${formatPath(first.path)}: ${issueMessage(first.message)}${more}.`, {
    file: fileName,
    action: 'The file may be damaged or edited by hand; open a backup copy.',
    detail: issues.slice(0, 20).map((i) => `${formatPath(i.path)}: ${issueMessage(i.message)}`).join('\n'),
  });
}

/**
 * Serialize a case as it is saved: validated, pretty-printed JSON with a trailing newline. Throws
 * when the case in memory breaks the schema (built in code, or grown past its limits), with a
 * message naming the field, so the failed save can say what is wrong.
 */
export function serializeCase(plan: Case): string {
  const checked = CaseSchema.safeParse(plan);
  if (!checked.success) {
    const issues = checked.error.issues.slice(0, 5).map((i) => `${formatPath(i.path)}: ${issueMessage(i.message)}`);
    throw new Error(`the case holds data that cannot be saved: ${issues.join('; ')}`);
  }
  return JSON.stringify(checked.data, null, 2) + '\n';
}
