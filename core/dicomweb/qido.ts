/**
 * QIDO-RS query parameters (PS3.18 §10.6.1.2, §8.3.4): matching attributes by keyword, `includefield`
 * for the extra attributes BlockPlan shows, and `limit`/`offset` for paging.
 */
import { QIDO_TAG as T } from './json';

/** What the user can search by. Dates are DICOM DA (YYYYMMDD). */
export interface StudyQuery {
  /** Patient's name; a trailing `*` is added unless the text already has `*` or `?` (prefix match). */
  patientName?: string;
  /** Patient ID, matched exactly. */
  patientId?: string;
  /** First study date to include (YYYYMMDD). */
  dateFrom?: string;
  /** Last study date to include (YYYYMMDD). */
  dateTo?: string;
  /** Modality in the study, e.g. `US` (default: none = every modality). */
  modality?: string;
  accession?: string;
  studyUid?: string;
  /** Results per page (default 25, at most 200). */
  limit?: number;
  /** Results to skip (paging). */
  offset?: number;
}

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 200;

const DA = /^\d{8}$/;

/** A QIDO-RS query string for a study search; throws on a date that is not YYYYMMDD (caller validates first). */
export function studyQueryParams(q: StudyQuery): [string, string][] {
  const p: [string, string][] = [];
  const name = q.patientName?.trim();
  if (name) p.push(['PatientName', /[*?]/.test(name) ? name : `${name}*`]);
  if (q.patientId?.trim()) p.push(['PatientID', q.patientId.trim()]);
  const from = q.dateFrom?.trim() ?? '';
  const to = q.dateTo?.trim() ?? '';
  for (const d of [from, to]) if (d && !DA.test(d)) throw new Error(`"${d}" is not a date as YYYYMMDD`);
  if (from || to) p.push(['StudyDate', from === to ? from : `${from}-${to}`]);
  if (q.modality?.trim()) p.push(['ModalitiesInStudy', q.modality.trim()]);
  if (q.accession?.trim()) p.push(['AccessionNumber', q.accession.trim()]);
  if (q.studyUid?.trim()) p.push(['StudyInstanceUID', q.studyUid.trim()]);
  for (const t of [T.StudyDescription, T.ModalitiesInStudy, T.NumberOfStudyRelatedSeries, T.NumberOfStudyRelatedInstances, T.AccessionNumber]) p.push(['includefield', t]);
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(q.limit ?? DEFAULT_PAGE_SIZE)));
  p.push(['limit', String(limit)]);
  if (q.offset && q.offset > 0) p.push(['offset', String(Math.floor(q.offset))]);
  return p;
}

/** Series of a study (optionally of one modality). */
export function seriesQueryParams(modality?: string): [string, string][] {
  const p: [string, string][] = [];
  if (modality) p.push(['Modality', modality]);
  for (const t of [T.SeriesDescription, T.SeriesNumber, T.NumberOfSeriesRelatedInstances, T.Modality]) p.push(['includefield', t]);
  return p;
}

/** Instances of a study or series (optionally of one modality), with their frame counts and sizes. */
export function instanceQueryParams(modality?: string): [string, string][] {
  const p: [string, string][] = [];
  if (modality) p.push(['Modality', modality]);
  for (const t of [T.SOPClassUID, T.InstanceNumber, T.NumberOfFrames, T.Rows, T.Columns, T.Modality, T.SeriesInstanceUID]) p.push(['includefield', t]);
  return p;
}

/** "2025-01-31" or "20250131" → "20250131"; null for anything else. */
export function toDA(s: string): string | null {
  const t = s.trim();
  const m = /^(\d{4})-?(\d{2})-?(\d{2})$/.exec(t);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${m[1]}${m[2]}${m[3]}`;
}
