/**
 * Workflow: find studies on a PACS, and how many ultrasound images (instances and frames) each has.
 * The app's PACS panel and `blockplan pacs search` call these.
 */
import type { DicomWebClient } from '../dicomweb/client';
import type { StudyResult } from '../dicomweb/json';
import { toDA, type StudyQuery } from '../dicomweb/qido';
import type { CancelSignal } from '../dicomweb/transport';
import { err, type Result } from '../result';

/** The search form as typed: the fields of a study query (dicomweb/qido `StudyQuery`) but dates as YYYY-MM-DD or YYYYMMDD, empty strings for "any". */
export interface SearchForm extends Omit<StudyQuery, 'studyUid'> {
  /** YYYY-MM-DD or YYYYMMDD. */
  dateFrom?: string;
  /** YYYY-MM-DD or YYYYMMDD. */
  dateTo?: string;
  /** `US` (default) or '' for every modality. */
  modality?: string;
}

/** Checks the form and turns it into a QIDO-RS query; a bad date is an error naming the field. */
export function queryFromForm(f: SearchForm): Result<StudyQuery> {
  const q: StudyQuery = { patientName: f.patientName, patientId: f.patientId, accession: f.accession, modality: f.modality ?? 'US', limit: f.limit, offset: f.offset };
  for (const [key, label] of [['dateFrom', 'From'], ['dateTo', 'To']] as const) {
    const v = f[key]?.trim();
    if (!v) continue;
    const da = toDA(v);
    if (!da) return err({ code: 'pacs/bad-date', title: `The date “${v}” (${label}) is not a date.`, action: 'Enter dates as YYYY-MM-DD, for example 2025-01-31.' });
    q[key] = da;
  }
  if (q.dateFrom && q.dateTo && q.dateFrom > q.dateTo) return err({ code: 'pacs/bad-date', title: 'The From date is after the To date.', action: 'Swap the dates or clear one of them.' });
  return { ok: true, value: q };
}

/** Search studies (one page). */
export async function searchStudies(client: DicomWebClient, form: SearchForm, signal?: CancelSignal): Promise<Result<{ studies: StudyResult[]; more: boolean }>> {
  const q = queryFromForm(form);
  if (!q.ok) return q;
  return client.searchStudies(q.value, signal);
}

/** What a study holds in one modality: series, instances and frames. */
export interface StudyImages {
  series: number;
  instances: number;
  /** Sum of Number of Frames (a single-frame image counts 1). */
  frames: number;
}

/** Counts the images of one modality (default US) in a study (instance-level QIDO-RS). */
export async function studyImages(client: DicomWebClient, studyUid: string, modality = 'US', signal?: CancelSignal): Promise<Result<StudyImages>> {
  const r = await client.searchInstances({ studyUid }, modality || undefined, signal);
  if (!r.ok) return r;
  return { ok: true, value: { series: new Set(r.value.map((i) => i.seriesUid)).size, instances: r.value.length, frames: r.value.reduce((s, i) => s + i.frames, 0) } };
}
