/**
 * The note's field types: recorded answers, laterality, agent ids, dates and times that are real
 * calendar values, person names and identifiers without control characters, and the small string and
 * number builders every section uses. Split from schema.ts (the sections) so each stays readable;
 * schema.ts re-exports the public names.
 */
import { z } from 'zod';

/** A recorded yes/no answer; `undefined` (absent) means not recorded. */
export const YesNoSchema = z.enum(['yes', 'no']);
export type YesNo = z.infer<typeof YesNoSchema>;

/** Laterality as recorded in a note. `n/a` is for midline or unpaired targets (e.g. celiac plexus, ganglion impar). */
export const NoteSideSchema = z.enum(['left', 'right', 'bilateral', 'n/a']);
export type NoteSide = z.infer<typeof NoteSideSchema>;

/** Local anaesthetics known to the dose table (core/notes/doses.ts), plus `other` (contrast, steroid, alcohol, ...). */
export const LOCAL_ANAESTHETIC_IDS = [
  'lidocaine',
  'bupivacaine',
  'levobupivacaine',
  'ropivacaine',
  'liposomal-bupivacaine',
  'chloroprocaine',
  'mepivacaine',
] as const;
export const LocalAnaestheticIdSchema = z.enum(LOCAL_ANAESTHETIC_IDS);
export type LocalAnaestheticId = z.infer<typeof LocalAnaestheticIdSchema>;
export const InjectateAgentSchema = z.enum([...LOCAL_ANAESTHETIC_IDS, 'other']);
export type InjectateAgent = z.infer<typeof InjectateAgentSchema>;

export const text = () => z.string().max(4000).optional();
export const shortText = () => z.string().max(200).optional();
export const list = () => z.array(z.string().max(200)).default([]);
export const nonNeg = () => z.number().finite().nonnegative().optional();

/** True for a real calendar date (1961-02-30 is not). */
export function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
  return d <= days;
}
const realDate = (v: string) => isCalendarDate(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10)));
const realTime = (v: string) => {
  const t = v.match(/T(\d{2}):(\d{2})(?::(\d{2}))?/);
  return !!t && Number(t[1]) < 24 && Number(t[2]) < 60 && (t[3] === undefined || Number(t[3]) < 60);
};

/**
 * ISO 8601 date-time as typed by the user, local time with optional offset: `2025-03-01T14:05`,
 * `2025-03-01T14:05:00`, `2025-03-01T14:05:00+01:00`. It must be a real date and time.
 */
export const NoteDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, 'Use date and time as YYYY-MM-DDTHH:MM, e.g. 2025-03-01T14:05.')
  .refine((v) => realDate(v) && realTime(v), 'Not a real date and time: check the day of the month and the hour.');
/** ISO 8601 date, `YYYY-MM-DD`, a real calendar date. */
export const NoteDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date as YYYY-MM-DD, e.g. 1961-07-24.')
  .refine(realDate, 'Not a real date: check the day of the month (e.g. February has 28 or 29 days).');

/** C0 and C1 control characters and DEL: never valid in a name or an identifier (they corrupt DICOM and HL7 values). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * A person's name as typed: no control characters, no backslash (DICOM's value separator). A name
 * typed with `^` is DICOM PN: at most 3 component groups (`=`: alphabetic, ideographic, phonetic), each
 * with at most 5 components (family^given^middle^prefix^suffix).
 */
export const PersonNameSchema = z
  .string()
  .max(200)
  .refine((v) => !CONTROL.test(v), 'Remove the control character (a tab, line break or invisible character) from the name.')
  .refine((v) => !v.includes('\\'), 'A name cannot contain a backslash (\\).')
  .refine((v) => v.split('=').length <= 3 && v.split('=').every((g) => g.split('^').length <= 5), 'A name has at most 5 parts separated by ^ (family^given^middle^prefix^suffix).');
/** An identifier as typed: no control characters, no backslash. */
export const IdentifierSchema = z
  .string()
  .max(200)
  .refine((v) => !CONTROL.test(v), 'Remove the control character (a tab, line break or invisible character) from the identifier.')
  .refine((v) => !v.includes('\\'), 'An identifier cannot contain a backslash (\\).');
