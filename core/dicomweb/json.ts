/**
 * Reading the DICOM JSON Model (PS3.18 Annex F) that QIDO-RS and STOW-RS answer with, and the
 * search results BlockPlan shows. Keys are 8 upper-case hex digits (tag); each attribute has a `vr`
 * and optionally `Value` (array), PN values are objects with an `Alphabetic` component group.
 */

export type DicomJson = Record<string, { vr?: string; Value?: unknown[] } | undefined>;

/** Attribute tags used in queries and results (PS3.6 keywords). */
export const QIDO_TAG = {
  SpecificCharacterSet: '00080005',
  StudyDate: '00080020',
  StudyTime: '00080030',
  AccessionNumber: '00080050',
  ModalitiesInStudy: '00080061',
  Modality: '00080060',
  SOPClassUID: '00080016',
  SOPInstanceUID: '00080018',
  StudyDescription: '00081030',
  SeriesDescription: '0008103E',
  PatientName: '00100010',
  PatientID: '00100020',
  PatientBirthDate: '00100030',
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  StudyID: '00200010',
  SeriesNumber: '00200011',
  InstanceNumber: '00200013',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  NumberOfSeriesRelatedInstances: '00201209',
  NumberOfFrames: '00280008',
  Rows: '00280010',
  Columns: '00280011',
  // STOW-RS response (PS3.18 §10.5.3, Table 10.5.3-1)
  RetrieveURL: '00081190',
  FailedSOPSequence: '00081198',
  ReferencedSOPSequence: '00081199',
  FailureReason: '00081197',
  WarningReason: '00081196',
  ReferencedSOPClassUID: '00081150',
  ReferencedSOPInstanceUID: '00081155',
} as const;

function values(ds: DicomJson, tag: string): unknown[] {
  const a = ds[tag] ?? ds[tag.toLowerCase()];
  return Array.isArray(a?.Value) ? a.Value : [];
}

/** First value as a string ('' when absent). PN: the Alphabetic group. */
export function str(ds: DicomJson, tag: string): string {
  const v = values(ds, tag)[0];
  if (v === undefined || v === null) return '';
  if (typeof v === 'object') {
    const pn = v as { Alphabetic?: unknown };
    return typeof pn.Alphabetic === 'string' ? pn.Alphabetic : '';
  }
  return String(v).trim();
}

/** All values as strings. */
export function strs(ds: DicomJson, tag: string): string[] {
  return values(ds, tag).map((v) => (typeof v === 'object' && v !== null ? String((v as { Alphabetic?: unknown }).Alphabetic ?? '') : String(v).trim())).filter((s) => s !== '');
}

/** First value as a number, or null (IS/DS may arrive as strings or numbers). */
export function num(ds: DicomJson, tag: string): number | null {
  const v = values(ds, tag)[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

/** Items of a sequence. */
export function items(ds: DicomJson, tag: string): DicomJson[] {
  return values(ds, tag).filter((v): v is DicomJson => typeof v === 'object' && v !== null);
}

/** One study found by QIDO-RS. Patient fields are for display only when the user asks, and never logged. */
export interface StudyResult {
  studyUid: string;
  /** DICOM DA (YYYYMMDD) or ''. */
  date: string;
  /** DICOM TM or ''. */
  time: string;
  description: string;
  accession: string;
  modalities: string[];
  /** Number of Study Related Series (0020,1206), when the server gives it. */
  seriesCount: number | null;
  /** Number of Study Related Instances (0020,1208), all modalities, when given. */
  instanceCount: number | null;
  patient: { name: string; id: string; birthDate: string };
}

export interface SeriesResult {
  studyUid: string;
  seriesUid: string;
  modality: string;
  description: string;
  number: number | null;
  /** Number of Series Related Instances (0020,1209), when given. */
  instanceCount: number | null;
}

export interface InstanceResult {
  studyUid: string;
  seriesUid: string;
  sopInstanceUid: string;
  sopClassUid: string;
  modality: string;
  instanceNumber: number | null;
  /** Number of Frames (0028,0008); 1 for single-frame objects or when the server omits it. */
  frames: number;
  rows: number | null;
  columns: number | null;
}

const T = QIDO_TAG;

export function toStudy(ds: DicomJson): StudyResult {
  return {
    studyUid: str(ds, T.StudyInstanceUID),
    date: str(ds, T.StudyDate),
    time: str(ds, T.StudyTime),
    description: str(ds, T.StudyDescription),
    accession: str(ds, T.AccessionNumber),
    modalities: strs(ds, T.ModalitiesInStudy),
    seriesCount: num(ds, T.NumberOfStudyRelatedSeries),
    instanceCount: num(ds, T.NumberOfStudyRelatedInstances),
    patient: { name: str(ds, T.PatientName), id: str(ds, T.PatientID), birthDate: str(ds, T.PatientBirthDate) },
  };
}

export function toSeries(ds: DicomJson): SeriesResult {
  return {
    studyUid: str(ds, T.StudyInstanceUID),
    seriesUid: str(ds, T.SeriesInstanceUID),
    modality: str(ds, T.Modality),
    description: str(ds, T.SeriesDescription),
    number: num(ds, T.SeriesNumber),
    instanceCount: num(ds, T.NumberOfSeriesRelatedInstances),
  };
}

export function toInstance(ds: DicomJson): InstanceResult {
  return {
    studyUid: str(ds, T.StudyInstanceUID),
    seriesUid: str(ds, T.SeriesInstanceUID),
    sopInstanceUid: str(ds, T.SOPInstanceUID),
    sopClassUid: str(ds, T.SOPClassUID),
    modality: str(ds, T.Modality),
    instanceNumber: num(ds, T.InstanceNumber),
    frames: Math.max(1, num(ds, T.NumberOfFrames) ?? 1),
    rows: num(ds, T.Rows),
    columns: num(ds, T.Columns),
  };
}
