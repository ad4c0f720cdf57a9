/**
 * Encapsulated PDF Storage (SOP Class 1.2.840.10008.5.1.4.1.1.104.1, PS3.3 A.45.1): the procedure
 * note's PDF wrapped so a PACS files it with the study of the clips it was planned on.
 *
 * Modules (PS3.3 Table A.45.1-1): Patient (C.7.1.1) and General Study (C.7.2.1) copied verbatim from
 * the study (study-identity.ts), Encapsulated Document Series (C.24.1, Modality DOC), General
 * Equipment (C.7.5.1), SC Equipment (C.8.6.1, Conversion Type WSD = workstation), Encapsulated
 * Document (C.24.2: the PDF in (0042,0011), its MIME type and length, Burned In Annotation YES
 * because the note names the patient), SOP Common (C.12.1).
 *
 * Concept Name Code Sequence (Type 2) is left empty: no verified code for a nerve-block procedure note
 * was found (shared/reference/codes.md); the Document Title says what it is.
 */
import { dicomDateTime, identityAttributes, writePart10, type StudyIdentity } from './study-identity';
import { uidFromSeed } from './uid';

export const ENCAPSULATED_PDF_STORAGE = '1.2.840.10008.5.1.4.1.1.104.1';

export interface EncapsulatedPdfSpec {
  pdf: Uint8Array;
  identity: StudyIdentity;
  /** Document Title (0042,0010), e.g. "BlockPlan procedure note". */
  title: string;
  /** When the note was made (Content Date/Time, Instance Creation Date/Time); UTC. */
  createdAt: Date;
  /** Seed for the Series and SOP Instance UIDs (2.25 UUIDs): the same seed gives the same UIDs. */
  uidSeed: string;
  seriesNumber?: number;
  app: { name: string; version: string };
}

/** The Part 10 bytes and UIDs of the Encapsulated PDF. Throws when the PDF is not a PDF. */
export function writeEncapsulatedPdf(spec: EncapsulatedPdfSpec): { bytes: Uint8Array; sopInstanceUid: string; seriesInstanceUid: string; sopClassUid: string } {
  const head = String.fromCharCode(...spec.pdf.subarray(0, 5));
  if (head !== '%PDF-') throw new Error('the note is not a PDF (it does not start with %PDF-)');
  const sopInstanceUid = uidFromSeed(`${spec.uidSeed}|pdf|instance`);
  const seriesInstanceUid = uidFromSeed(`${spec.uidSeed}|pdf|series`);
  const now = dicomDateTime(spec.createdAt);
  // OB values have even length: a PDF of odd length gets one trailing NUL (PS3.3 C.24.2: the
  // Encapsulated Document Length (0042,0015) gives the length without the pad).
  const even = spec.pdf.length % 2 ? concatPad(spec.pdf) : spec.pdf;
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: ENCAPSULATED_PDF_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    TimezoneOffsetFromUTC: '+0000',
    ...identityAttributes(spec.identity),
    Modality: 'DOC',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: spec.seriesNumber ?? 9002,
    SeriesDescription: 'BlockPlan procedure note (PDF)',
    Manufacturer: spec.app.name,
    ManufacturerModelName: spec.app.name,
    SoftwareVersions: spec.app.version,
    ConversionType: 'WSD',
    InstanceNumber: 1,
    ContentDate: now.date,
    ContentTime: now.time,
    AcquisitionDateTime: `${now.date}${now.time}`,
    BurnedInAnnotation: 'YES',
    DocumentTitle: spec.title.slice(0, 1024),
    ConceptNameCodeSequence: [],
    MIMETypeOfEncapsulatedDocument: 'application/pdf',
    EncapsulatedDocument: [even.buffer.slice(even.byteOffset, even.byteOffset + even.byteLength)],
    EncapsulatedDocumentLength: spec.pdf.length,
    _vrMap: { EncapsulatedDocument: 'OB' },
  };
  return { bytes: writePart10(dataset), sopInstanceUid, seriesInstanceUid, sopClassUid: ENCAPSULATED_PDF_STORAGE };
}

function concatPad(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}
