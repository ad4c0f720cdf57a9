/**
 * The identity an object needs to join an existing study (PS3.3 C.7.1.1 Patient, C.7.2.1 General
 * Study): read from one of the study's instances and copied verbatim into the objects BlockPlan
 * stores back (Encapsulated PDF, Secondary Capture), so the PACS files them with the study and the
 * patient. Read with dcmjs, which decodes the source's Specific Character Set; the new objects are
 * written in UTF-8 (ISO_IR 192).
 */
import dcmjs from 'dcmjs';
import { uidFromSeed } from './uid';

/** Implementation Class UID of the objects BlockPlan stores to a PACS (PS3.7 §D.3.3.2), fixed. */
const IMPLEMENTATION_CLASS_UID_PACS = uidFromSeed('BlockPlan PACS objects writer');

export interface StudyIdentity {
  patientName: string;
  patientId: string;
  patientBirthDate: string;
  patientSex: string;
  studyInstanceUid: string;
  /** DA / TM as in the source. */
  studyDate: string;
  studyTime: string;
  studyId: string;
  accessionNumber: string;
  referringPhysicianName: string;
  studyDescription: string;
}

/** A source instance the new object derives from (for Source Image Sequence). */
export interface SourceRef {
  sopClassUid: string;
  sopInstanceUid: string;
  /** 1-based frame number, for a multi-frame source. */
  frameNumber?: number;
}

const text = (v: unknown): string => {
  if (Array.isArray(v)) v = v[0];
  if (v && typeof v === 'object' && 'Alphabetic' in (v as object)) return String((v as { Alphabetic?: unknown }).Alphabetic ?? '');
  return v === undefined || v === null ? '' : String(v).trim();
};

/** The identity of the study `bytes` (a DICOM Part 10 object) belongs to; null when it has no Study Instance UID. */
export function studyIdentityOf(bytes: Uint8Array): (StudyIdentity & { sopClassUid: string; sopInstanceUid: string }) | null {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const dict = dcmjs.data.DicomMessage.readFile(buf, { untilTag: '7FE00010', includeUntilTagValue: false, ignoreErrors: true });
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dict.dict) as Record<string, unknown>;
  const studyInstanceUid = text(ds.StudyInstanceUID);
  if (!studyInstanceUid) return null;
  return {
    patientName: text(ds.PatientName),
    patientId: text(ds.PatientID),
    patientBirthDate: text(ds.PatientBirthDate),
    patientSex: text(ds.PatientSex),
    studyInstanceUid,
    studyDate: text(ds.StudyDate),
    studyTime: text(ds.StudyTime),
    studyId: text(ds.StudyID),
    accessionNumber: text(ds.AccessionNumber),
    referringPhysicianName: text(ds.ReferringPhysicianName),
    studyDescription: text(ds.StudyDescription),
    sopClassUid: text(ds.SOPClassUID),
    sopInstanceUid: text(ds.SOPInstanceUID),
  };
}

/** Patient and General Study attributes (naturalized dcmjs names), verbatim from the identity. */
export function identityAttributes(id: StudyIdentity): Record<string, unknown> {
  return {
    PatientName: [{ Alphabetic: id.patientName }],
    PatientID: id.patientId,
    PatientBirthDate: id.patientBirthDate,
    PatientSex: id.patientSex,
    StudyInstanceUID: id.studyInstanceUid,
    StudyDate: id.studyDate,
    StudyTime: id.studyTime,
    StudyID: id.studyId,
    AccessionNumber: id.accessionNumber,
    ReferringPhysicianName: id.referringPhysicianName ? [{ Alphabetic: id.referringPhysicianName }] : '',
    ...(id.studyDescription ? { StudyDescription: id.studyDescription } : {}),
  };
}

/**
 * `bytes` (a Part 10 object BlockPlan wrote, e.g. the note's DICOM SR) with its Patient and General
 * Study attributes replaced by the study's: the SR writer knows only what the case recorded about
 * the clips (no Accession Number, Study ID or Study Time), but an object stored into a study must
 * carry that study's identity (PS3.3 C.7.1.1, C.7.2.1) or a PACS may file it as another study or
 * flag a mismatch. Everything else is kept as written; the file meta is kept, and the object is
 * written in UTF-8 (ISO_IR 192) when a copied value is not ASCII (dcmjs writes strings as UTF-8).
 */
export function withStudyIdentity(bytes: Uint8Array, id: StudyIdentity): Uint8Array {
  const buf = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const file = dcmjs.data.DicomMessage.readFile(buf);
  const ds = dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict) as Record<string, unknown>;
  for (const k of ['ReferringPhysicianName', 'StudyDescription']) delete ds[k];
  Object.assign(ds, identityAttributes(id));
  // eslint-disable-next-line no-control-regex -- the default repertoire is 7-bit ASCII
  if (/[^\x00-\x7f]/.test(JSON.stringify(ds))) ds.SpecificCharacterSet = 'ISO_IR 192';
  const out = new dcmjs.data.DicomDict(file.meta);
  out.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(ds);
  return new Uint8Array(out.write());
}

/** DA and TM of a moment, UTC (YYYYMMDD, HHMMSS). */
export function dicomDateTime(at: Date): { date: string; time: string } {
  const iso = at.toISOString();
  return { date: iso.slice(0, 10).replace(/-/g, ''), time: iso.slice(11, 19).replace(/:/g, '') };
}

/** Write a naturalized data set as a Part 10 file, Explicit VR Little Endian (dcmjs). */
export function writePart10(dataset: Record<string, unknown>, implementationVersion = 'BLOCKPLAN_PACS'): Uint8Array {
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: dataset.SOPClassUID,
    MediaStorageSOPInstanceUID: dataset.SOPInstanceUID,
    TransferSyntaxUID: '1.2.840.10008.1.2.1',
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID_PACS,
    ImplementationVersionName: implementationVersion.slice(0, 16),
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
  return new Uint8Array(dict.write());
}
