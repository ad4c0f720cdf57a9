/**
 * Standard codes for the SR and FHIR exports, each checked against the source named beside it
 * (collected in /work/shared/reference/codes.md: DICOM PS3.16 2024c, SNOMED CT via PS3.16 and the
 * SNOMED Anesthesia CRG, FHIR R4). A concept with no verified code keeps a clearly private code
 * (scheme 99BLOCKPLAN / system urn:blockplan:…) and its text; none is invented.
 */
import type { NoteKind } from '../document';
import type { Note, NoteSide, PlannedKind } from '../schema';

export interface Code {
  CodeValue: string;
  CodingSchemeDesignator: string;
  CodeMeaning: string;
}

export const code = (CodeValue: string, CodingSchemeDesignator: string, CodeMeaning: string): Code => ({ CodeValue, CodingSchemeDesignator, CodeMeaning });

/** BlockPlan's private coding scheme (PS3.3 8.2.2: a "99" prefix), described in the SR's Coding Scheme Identification. */
export const PRIVATE_SCHEME = '99BLOCKPLAN';

/**
 * The concept of each planned number. Standard where PS3.16 has one:
 * - path length: (121211, DCM, "Path length") — CID 7470;
 * - depth of the target below the skin: (131197000, SCT, "Depth") — CID 7470;
 * - clearance to a structure: (121206, DCM, "Distance"), with Finding Site = the structure — CID 7470;
 * - needle angles: (1483009, SCT, "Angle") — CID 12304, the closest standard concept;
 * - a plain distance: (121206, DCM, "Distance").
 * "Planned" is carried by the tracking identifier and the report's status, not by the concept.
 */
export const PLANNED_CONCEPTS: Record<PlannedKind, Code> = {
  'target-depth': code('131197000', 'SCT', 'Depth'),
  'path-length': code('121211', 'DCM', 'Path length'),
  'angle-to-skin': code('1483009', 'SCT', 'Angle'),
  'angle-to-beam': code('1483009', 'SCT', 'Angle'),
  clearance: code('121206', 'DCM', 'Distance'),
  distance: code('121206', 'DCM', 'Distance'),
  angle: code('1483009', 'SCT', 'Angle'),
  other: code('BP-0008', PRIVATE_SCHEME, 'Planned measurement'),
};

/** SNOMED CT codes of structures, by block-template structure id (PS3.16 CIDs 4, 7603, 8134 and others; codes.md). */
export const STRUCTURE_CODES: Readonly<Record<string, Code>> = {
  pleura: code('3120008', 'SCT', 'Pleura'),
  'lung-apex': code('39607008', 'SCT', 'Lung'),
  aorta: code('15825003', 'SCT', 'Aorta'),
  'celiac-trunk': code('57850000', 'SCT', 'Celiac trunk'),
  'brachial-plexus': code('36582005', 'SCT', 'Brachial plexus'),
  'sympathetic-chain': code('44909008', 'SCT', 'Sympathetic trunk'),
  'erector-spinae': code('44947003', 'SCT', 'Erector spinae'),
  'femoral-artery': code('7657000', 'SCT', 'Femoral artery'),
  'subclavian-artery': code('36765005', 'SCT', 'Subclavian artery'),
  'vertebral-artery': code('85234005', 'SCT', 'Vertebral artery'),
  kidney: code('64033007', 'SCT', 'Kidney'),
  'transverse-process': code('73400003', 'SCT', 'Transverse process of vertebra'),
  rib: code('113197003', 'SCT', 'Rib'),
  coccyx: code('64688005', 'SCT', 'Coccyx'),
};

/** Laterality modifier (272741003, SCT) and its values (CID 244). */
export const LATERALITY_CONCEPT = code('272741003', 'SCT', 'Laterality');
export const FINDING_SITE = code('363698007', 'SCT', 'Finding Site');
export const LATERALITY_VALUES: Record<Exclude<NoteSide, 'n/a'>, Code> = {
  right: code('24028007', 'SCT', 'Right'),
  left: code('7771000', 'SCT', 'Left'),
  bilateral: code('51440002', 'SCT', 'Right and left'),
};

/** FHIR code systems. */
export const SYSTEM = {
  SCT: 'http://snomed.info/sct',
  DCM: 'http://dicom.nema.org/resources/ontology/DCM',
  UCUM: 'http://unitsofmeasure.org',
  LOINC: 'http://loinc.org',
} as const;

/** A DICOM code as a FHIR Coding (private codes keep BlockPlan's system). */
export function fhirCoding(c: Code, privateSystem: string): { system: string; code: string; display: string } {
  const system = c.CodingSchemeDesignator === 'SCT' ? SYSTEM.SCT : c.CodingSchemeDesignator === 'DCM' ? SYSTEM.DCM : privateSystem;
  return { system, code: c.CodeValue, display: c.CodeMeaning };
}

/**
 * The procedure's SNOMED CT code. Until a block has its own verified concept it is coded generically
 * and named in text (SNOMED Anesthesia CRG, 2023-07-25): (265778005) "Local anesthetic nerve block" for
 * a block with local anaesthetic, (56333001) "Nerve block" for a neurolytic pain procedure. A
 * neuromodulation trial (SCS lead) is not a nerve block: no code, text only.
 */
export function procedureCode(note: Note, kind: NoteKind, category?: string): Code | undefined {
  if (category === 'neuromodulation') return undefined;
  if (kind === 'pain-procedure' && note.painProcedure?.neurolyticAgent) return code('56333001', 'SCT', 'Nerve block');
  return code('265778005', 'SCT', 'Local anesthetic nerve block');
}
