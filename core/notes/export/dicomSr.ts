import dcmjs from 'dcmjs';
import { anticoagSentences } from '../content/anticoag';
import { uidFromSeed } from '../../dicom/write/uid';
import { err, ok, type AppError, type Result } from '../../result';
import { injectateAgentName, sideRecordSentences, sideText, statusText } from '../content';
import { formatNumber } from '../doseCalc';
import { plannedDisplayNumber } from '../precision';
import type { ConfirmedNoteDocument, SourceInstance } from '../document';
import type { NoteSide, NoteStatus, PlannedMeasurement } from '../schema';
import { code, FINDING_SITE, procedureCode, LATERALITY_CONCEPT, LATERALITY_VALUES, PLANNED_CONCEPTS, PRIVATE_SCHEME, STRUCTURE_CODES, type Code } from './codes';

/**
 * DICOM Comprehensive SR (1.2.840.10008.5.1.4.1.1.88.33) following TID 1500 "Measurement Report",
 * written with dcmjs. Content tree (PS3.16):
 *
 *   CONTAINER (126000, DCM, "Imaging Measurement Report")                      [TID 1500]
 *   ├ HAS CONCEPT MOD  CODE (121049, DCM, "Language of Content Item and Descendants") = en-US  [TID 1204]
 *   ├ HAS OBS CONTEXT  Observer Type = Person, Person Observer Name = operator   [TID 1001/1002]
 *   ├ HAS OBS CONTEXT  Observer Type = Device, Device Observer UID/Name = BlockPlan  [TID 1004]
 *   ├ HAS CONCEPT MOD  CODE (121058, DCM, "Procedure reported") = (16310003, SCT, "Ultrasonography")
 *   ├ CONTAINS CONTAINER (111028, DCM, "Image Library")                         [TID 1600]
 *   │   └ CONTAINS CONTAINER (126200, DCM, "Image Library Group") ─ CONTAINS IMAGE per source clip
 *   ├ CONTAINS CONTAINER (126010, DCM, "Imaging Measurements")
 *   │   └ CONTAINS CONTAINER (125007, DCM, "Measurement Group") per planned number   [TID 1501]
 *   │       ├ HAS OBS CONTEXT TEXT (112039, DCM, "Tracking Identifier"), UIDREF (112040, ...)
 *   │       ├ HAS CONCEPT MOD CODE (363698007, SCT, "Finding Site") = the structure (clearances, where coded)
 *   │       │   └ HAS CONCEPT MOD CODE (272741003, SCT, "Laterality") = the side
 *   │       └ CONTAINS NUM (121211 Path length | 131197000 Depth | 121206 Distance | 1483009 Angle) + UCUM unit
 *   │           └ INFERRED FROM IMAGE (121112, DCM, "Source of Measurement") → clip SOP instance + frame
 *   └ CONTAINS CONTAINER (C0034375, UMLS, "Qualitative Evaluations")
 *       ├ CONTAINS CODE (BP-STATUS, 99BLOCKPLAN, "Block status") = planned, not performed | performed | …
 *       ├ CONTAINS TEXT (121065, DCM, "Procedure Description") = the procedure in words
 *       └ CONTAINS TEXT (121106, DCM, "Comment") = complications, dose summary, warnings shown on the planned numbers, "planned" caveat, disclaimer
 *
 * Patient and study linkage: the SR goes into the study of the source clips (their Study Instance UID,
 * patient name/ID/birth date/sex from their headers); the clips are listed in the Current Requested
 * Procedure Evidence Sequence and referenced from each measurement. Clips from other studies go to
 * the Pertinent Other Evidence Sequence. Clips of different patients are refused. Without any source
 * clip the SR starts a new study with the identity typed into the note.
 *
 * Planned or performed: the report says which (Block status, Series Description, the procedure text);
 * every measurement is a planned value (its tracking identifier says so). The measurement concepts are
 * standard (./codes.ts, PS3.16 CID 7470 / 12304); concepts with no verified code (the block status)
 * use the private coding scheme 99BLOCKPLAN (PS3.3 8.2.2), described in the Coding Scheme
 * Identification Sequence. UIDs are derived deterministically
 * (2.25 UUID, core/dicom/write/uid) from the case id and export time, so one export is reproducible.
 */

const COMPREHENSIVE_SR = '1.2.840.10008.5.1.4.1.1.88.33';
const EXPLICIT_VR_LE = '1.2.840.10008.1.2.1';

type Item = Record<string, unknown>;

const C = {
  report: code('126000', 'DCM', 'Imaging Measurement Report'),
  language: code('121049', 'DCM', 'Language of Content Item and Descendants'),
  enUS: code('en-US', 'RFC5646', 'English (United States)'),
  observerType: code('121005', 'DCM', 'Observer Type'),
  person: code('121006', 'DCM', 'Person'),
  device: code('121007', 'DCM', 'Device'),
  personName: code('121008', 'DCM', 'Person Observer Name'),
  deviceUid: code('121012', 'DCM', 'Device Observer UID'),
  deviceName: code('121013', 'DCM', 'Device Observer Name'),
  procedureReported: code('121058', 'DCM', 'Procedure reported'),
  ultrasonography: code('16310003', 'SCT', 'Ultrasonography'),
  imageLibrary: code('111028', 'DCM', 'Image Library'),
  imageLibraryGroup: code('126200', 'DCM', 'Image Library Group'),
  imagingMeasurements: code('126010', 'DCM', 'Imaging Measurements'),
  measurementGroup: code('125007', 'DCM', 'Measurement Group'),
  trackingId: code('112039', 'DCM', 'Tracking Identifier'),
  trackingUid: code('112040', 'DCM', 'Tracking Unique Identifier'),
  sourceOfMeasurement: code('121112', 'DCM', 'Source of Measurement'),
  qualitative: code('C0034375', 'UMLS', 'Qualitative Evaluations'),
  procedureDescription: code('121065', 'DCM', 'Procedure Description'),
  comment: code('121106', 'DCM', 'Comment'),
  mm: code('mm', 'UCUM', 'millimeter'),
  deg: code('deg', 'UCUM', 'degree'),
  px: code('{pixels}', 'UCUM', 'pixels'),
};

/** Block status (private: no standard code found for "planned, not performed"). */
const STATUS_CONCEPT = code('BP-STATUS', PRIVATE_SCHEME, 'Block status');
const STATUS_VALUES: Record<'planned' | NoteStatus, Code> = {
  planned: code('BP-PLANNED', PRIVATE_SCHEME, 'Planned, not performed'),
  performed: code('BP-PERFORMED', PRIVATE_SCHEME, 'Performed'),
  'not-performed': code('BP-NOT-DONE', PRIVATE_SCHEME, 'Not performed'),
  stopped: code('BP-STOPPED', PRIVATE_SCHEME, 'Started, then stopped'),
};

export { PLANNED_CONCEPTS };

const container = (rel: string | undefined, name: Code, children: Item[]): Item => ({
  ...(rel ? { RelationshipType: rel } : {}),
  ValueType: 'CONTAINER',
  ConceptNameCodeSequence: [name],
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: children,
});
const textItem = (rel: string, name: Code, value: string): Item => ({ RelationshipType: rel, ValueType: 'TEXT', ConceptNameCodeSequence: [name], TextValue: value });
const codeItem = (rel: string, name: Code, value: Code): Item => ({ RelationshipType: rel, ValueType: 'CODE', ConceptNameCodeSequence: [name], ConceptCodeSequence: [value] });
const uidItem = (rel: string, name: Code, uid: string): Item => ({ RelationshipType: rel, ValueType: 'UIDREF', ConceptNameCodeSequence: [name], UID: uid });
const pnameItem = (rel: string, name: Code, person: string): Item => ({ RelationshipType: rel, ValueType: 'PNAME', ConceptNameCodeSequence: [name], PersonName: [{ Alphabetic: person }] });

/** DA and TM in UTC from an ISO date-time. */
function dicomDateTime(iso: string): { date: string; time: string } {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return { date: '', time: '' };
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return { date: `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}`, time: `${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}` };
}

/**
 * PN from free text. A name typed with `^` is taken as DICOM components; otherwise the user's words
 * are kept whole as the family-name component (followed by `^` so it is not read as the retired
 * ACR-NEMA space-separated form). `\` and `=` are neutralised.
 */
function personName(s: string | undefined): string {
  const t = truncateUtf8((s ?? '').replace(/[\\=]/g, ' ').trim(), 63);
  if (!t || t.includes('^')) return t;
  return /\s/.test(t) ? `${t}^` : t;
}

/**
 * Cut text to at most `maxBytes` of UTF-8 (the character set is ISO_IR 192) without splitting a
 * character: VR length limits are checked in bytes by validators such as dciodvfy.
 */
function truncateUtf8(s: string, maxBytes: number): string {
  const enc = new TextEncoder();
  if (enc.encode(s).length <= maxBytes) return s;
  let out = '';
  let used = 0;
  for (const ch of s) {
    const n = enc.encode(ch).length;
    if (used + n > maxBytes) break;
    out += ch;
    used += n;
  }
  return out;
}

/** DICOM LO/SH-safe text (no backslash, which separates values), within the VR's length in bytes. */
function lo(s: string | undefined, max = 64): string {
  return truncateUtf8((s ?? '').replace(/\\/g, '/'), max);
}

const SEX: Record<string, string> = { male: 'M', female: 'F', other: 'O' };

function procedureText(doc: ConfirmedNoteDocument): string {
  const n = doc.note;
  const p = n.procedure;
  const parts = [
    doc.synthetic ? 'SYNTHETIC TEACHING CASE — not a patient record.' : '',
    `${statusText(n)}.`,
    `${p.blockName ?? 'Block not recorded'}, side ${sideText(p.side)}.`,
    ...sideRecordSentences(doc),
    p.level ? `Level ${p.level}.` : '',
    p.approach ? `Approach: ${p.approach}.` : '',
    p.technique ? `Technique: ${p.technique === 'catheter' ? 'catheter' : 'single shot'}.` : '',
    p.indication ? `Indication: ${p.indication}.` : '',
    n.performedAt ? `Performed ${n.performedAt.replace('T', ' ')}.` : '',
    n.guidance.probe ? `Guidance: ${n.guidance.modality ?? 'ultrasound'}, ${n.guidance.probe} probe${n.guidance.needleApproach ? `, ${n.guidance.needleApproach}` : ''}${n.guidance.needleDirection ? `, ${n.guidance.needleDirection}` : ''}.` : '',
    n.guidance.structuresIdentified.length ? `Structures identified: ${n.guidance.structuresIdentified.join('; ')}.` : '',
    n.needle.gaugeG || n.needle.lengthMm ? `Needle: ${[n.needle.type, n.needle.gaugeG ? `${n.needle.gaugeG} G` : '', n.needle.lengthMm ? `${formatNumber(n.needle.lengthMm)} mm` : ''].filter(Boolean).join(', ')}.` : '',
    n.injectate.length
      ? `Injectate: ${n.injectate
          .map((i, k) => {
            const mg = doc.dose.injections[k]?.mg;
            return `${injectateAgentName(i)}${i.concentrationPercent !== undefined ? ` ${formatNumber(i.concentrationPercent, 3)}%` : ''}${i.volumeMl !== undefined ? ` ${formatNumber(i.volumeMl, 1)} mL` : ''}${i.adrenaline ? ' with adrenaline' : ''}${mg != null ? ` (${formatNumber(mg, 1)} mg)` : ''}${i.site ? ` at ${i.site}` : ''}`;
          })
          .join('; ')}.`
      : '',
  ];
  return parts.filter(Boolean).join(' ');
}

function commentText(doc: ConfirmedNoteDocument): string {
  const n = doc.note;
  const dose = doc.dose.agents.map((a) => `${a.label} ${formatNumber(a.totalMg, 1)} mg = ${a.fraction === null ? 'n/a' : `${Math.round(a.fraction * 100)}%`} of ${a.maxMg === null ? 'n/a' : `${formatNumber(a.maxMg, 0)} mg`}`);
  const comp = n.complications.occurred === 'no' ? 'none' : n.complications.occurred === 'yes' ? n.complications.items.join('; ') || 'yes' : 'not recorded';
  return [
    dose.length ? `Local anaesthetic dose: ${dose.join('; ')}${doc.dose.agents.length > 1 ? `; all agents summed ${Math.round(doc.dose.totalFraction * 100)}%` : ''}.` : '',
    `Complications: ${comp}.`,
    ...anticoagSentences(n),
    ...plannedWarnings(n.planned),
    'Measurements in this report are PLANNED values from the BlockPlan plan, not measurements made during the procedure.',
    'BlockPlan is a planning and teaching aid, not a medical device.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** The warnings BlockPlan showed on the planned numbers, one sentence per number that has any. */
function plannedWarnings(planned: readonly PlannedMeasurement[]): string[] {
  return planned.filter((m) => m.warnings.length).map((m) => `Warnings BlockPlan showed on the planned ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}: ${m.warnings.join(' ')}`);
}

function measurementGroup(m: PlannedMeasurement, index: number, seed: string, byClip: Map<string, SourceInstance>, side: NoteSide | undefined): Item {
  const unit = m.unit === 'mm' ? C.mm : m.unit === 'deg' ? C.deg : C.px;
  const tracking = `Planned ${m.label.charAt(0).toLowerCase()}${m.label.slice(1)}`;
  const children: Item[] = [];
  const src = m.clipId ? byClip.get(m.clipId) : undefined;
  if (src?.sopInstanceUid && src.sopClassUid) {
    const ref: Item = { ReferencedSOPClassUID: src.sopClassUid, ReferencedSOPInstanceUID: src.sopInstanceUid };
    if (m.frameIndex !== undefined && (src.frames ?? 1) > 1) ref.ReferencedFrameNumber = m.frameIndex + 1;
    children.push({ RelationshipType: 'INFERRED FROM', ValueType: 'IMAGE', ConceptNameCodeSequence: [C.sourceOfMeasurement], ReferencedSOPSequence: [ref] });
  }
  const num: Item = {
    RelationshipType: 'CONTAINS',
    ValueType: 'NUM',
    ConceptNameCodeSequence: [PLANNED_CONCEPTS[m.kind]],
    MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [unit], NumericValue: plannedDisplayNumber(m) }],
    ...(children.length ? { ContentSequence: children } : {}),
  };
  // The structure of a clearance, where it has a verified code, with the side of the block.
  const site = m.kind === 'clearance' && m.structureId ? STRUCTURE_CODES[m.structureId] : undefined;
  const siteItem: Item | null = site
    ? { ...codeItem('HAS CONCEPT MOD', FINDING_SITE, site), ...(side && side !== 'n/a' ? { ContentSequence: [codeItem('HAS CONCEPT MOD', LATERALITY_CONCEPT, LATERALITY_VALUES[side])] } : {}) }
    : null;
  return container('CONTAINS', C.measurementGroup, [
    textItem('HAS OBS CONTEXT', C.trackingId, lo(m.structure && !tracking.toLowerCase().includes(m.structure.toLowerCase()) ? `${tracking} (${m.structure})` : tracking)),
    uidItem('HAS OBS CONTEXT', C.trackingUid, uidFromSeed(`${seed}|measurement|${index}`)),
    ...(siteItem ? [siteItem] : []),
    num,
  ]);
}

/** Evidence sequence items grouped by study and series. */
function evidence(instances: SourceInstance[]): Item[] {
  const studies = new Map<string, Map<string, SourceInstance[]>>();
  for (const s of instances) {
    const st = studies.get(s.studyInstanceUid!) ?? new Map<string, SourceInstance[]>();
    const se = st.get(s.seriesInstanceUid!) ?? [];
    se.push(s);
    st.set(s.seriesInstanceUid!, se);
    studies.set(s.studyInstanceUid!, st);
  }
  return [...studies].map(([study, series]) => ({
    StudyInstanceUID: study,
    ReferencedSeriesSequence: [...series].map(([uid, list]) => ({
      SeriesInstanceUID: uid,
      ReferencedSOPSequence: list.map((s) => ({ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid })),
    })),
  }));
}

/** Options: `uidSeed` overrides the seed of the generated UIDs (default: case id + export time). */
export interface SrOptions {
  uidSeed?: string;
}

/** The note as a DICOM Part 10 file (bytes). Fails (Result) when the source clips belong to different patients. */
export function noteToDicomSr(doc: ConfirmedNoteDocument, opts: SrOptions = {}): Result<Uint8Array, AppError> {
  const n = doc.note;
  const seed = opts.uidSeed ?? `blockplan-sr|${doc.caseId ?? ''}|${doc.generatedAt}`;
  const complete = doc.sources.filter((s) => s.sopClassUid && s.sopInstanceUid && s.studyInstanceUid && s.seriesInstanceUid);
  const patientKeys = new Set(complete.filter((s) => s.patient?.id || s.patient?.name).map((s) => `${s.patient?.id ?? ''}|${s.patient?.name ?? ''}`));
  if (patientKeys.size > 1) {
    return err({
      code: 'note/sr-mixed-patients',
      title: 'The clips in this case come from different patients, so one structured report cannot link to them.',
      action: 'Remove the clips that belong to another patient from the case, then export again.',
    });
  }
  const primary = complete[0];
  const studyUid = primary?.studyInstanceUid ?? uidFromSeed(`${seed}|study`);
  const inStudy = complete.filter((s) => s.studyInstanceUid === studyUid);
  const other = complete.filter((s) => s.studyInstanceUid !== studyUid);
  const now = dicomDateTime(doc.generatedAt);
  const performed = n.performedAt ? dicomDateTime(n.performedAt.length === 16 ? `${n.performedAt}:00Z` : n.performedAt) : { date: '', time: '' };
  const pat = primary?.patient;
  const byClip = new Map(complete.map((s) => [s.clipId, s]));
  const sopInstanceUid = uidFromSeed(`${seed}|instance`);

  const observer: Item[] = [];
  if (n.staff.operator) {
    observer.push(codeItem('HAS OBS CONTEXT', C.observerType, C.person), pnameItem('HAS OBS CONTEXT', C.personName, personName(n.staff.operator)));
  }
  observer.push(
    codeItem('HAS OBS CONTEXT', C.observerType, C.device),
    uidItem('HAS OBS CONTEXT', C.deviceUid, uidFromSeed(`blockplan-device|${doc.app.name}`)),
    textItem('HAS OBS CONTEXT', C.deviceName, lo(doc.app.name)),
  );

  const root: Item[] = [codeItem('HAS CONCEPT MOD', C.language, C.enUS), ...observer, codeItem('HAS CONCEPT MOD', C.procedureReported, C.ultrasonography)];
  if (complete.length) {
    root.push(
      container('CONTAINS', C.imageLibrary, [
        container(
          'CONTAINS',
          C.imageLibraryGroup,
          complete.map((s) => ({ RelationshipType: 'CONTAINS', ValueType: 'IMAGE', ReferencedSOPSequence: [{ ReferencedSOPClassUID: s.sopClassUid, ReferencedSOPInstanceUID: s.sopInstanceUid }] })),
        ),
      ]),
    );
  }
  if (n.planned.length) {
    root.push(container('CONTAINS', C.imagingMeasurements, n.planned.map((m, k) => measurementGroup(m, k, seed, byClip, n.procedure.side))));
  }
  root.push(
    container('CONTAINS', C.qualitative, [
      codeItem('CONTAINS', STATUS_CONCEPT, STATUS_VALUES[n.status ?? 'planned']),
      textItem('CONTAINS', C.procedureDescription, procedureText(doc)),
      textItem('CONTAINS', C.comment, commentText(doc)),
    ]),
  );

  const dataset: Record<string, unknown> = {
    // SOP Common (Specific Character Set is added below only when a value needs it)
    SOPClassUID: COMPREHENSIVE_SR,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: now.date,
    InstanceCreationTime: now.time,
    TimezoneOffsetFromUTC: '+0000',
    CodingSchemeIdentificationSequence: [
      { CodingSchemeDesignator: PRIVATE_SCHEME, CodingSchemeName: 'BlockPlan private codes', CodingSchemeResponsibleOrganization: 'BlockPlan' },
    ],
    // Patient (from the source clips' headers when present, else as typed into the note)
    // The clip's name is copied verbatim (linkage); a typed name is converted to PN.
    PatientName: [{ Alphabetic: pat?.name ?? personName(n.identity.patientName) }],
    PatientID: lo(pat?.id ?? n.identity.patientId),
    PatientBirthDate: pat?.birthDate ?? n.identity.birthDate?.replace(/-/g, '') ?? '',
    PatientSex: pat?.sex ?? SEX[n.preChecks.sex ?? ''] ?? '',
    // General Study: the source clip's study as it carries it (so the SR files into that study), else a new one
    StudyInstanceUID: studyUid,
    StudyDate: primary ? (primary.studyDate ?? '') : performed.date,
    StudyTime: primary ? (primary.studyTime ?? '') : performed.time,
    ReferringPhysicianName: primary?.referringPhysicianName ? [{ Alphabetic: primary.referringPhysicianName }] : '',
    StudyID: primary?.studyId ?? '',
    AccessionNumber: primary?.accessionNumber ?? '',
    ...(primary?.studyDescription ? { StudyDescription: lo(primary.studyDescription) } : {}),
    // SR Document Series
    Modality: 'SR',
    SeriesInstanceUID: uidFromSeed(`${seed}|series`),
    SeriesNumber: 9001,
    SeriesDescription: lo(`${doc.synthetic ? 'SYNTHETIC TEACHING CASE. ' : ''}BlockPlan ${n.status ? 'procedure note' : 'plan (not performed)'}${doc.caseTitle ? `: ${doc.caseTitle}` : ''}`),
    ReferencedPerformedProcedureStepSequence: [],
    // General Equipment
    Manufacturer: lo(doc.app.name),
    ManufacturerModelName: lo(doc.app.name),
    SoftwareVersions: lo(doc.app.version),
    // SR Document General
    InstanceNumber: 1,
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    ContentDate: now.date,
    ContentTime: now.time,
    // The procedure only when it was done (a plan reports no performed procedure).
    PerformedProcedureCodeSequence: n.status === 'performed' || n.status === 'stopped' ? [procedureCode(n, doc.kind, doc.templateCategory)].filter((c) => c !== undefined) : [],
    ...(inStudy.length ? { CurrentRequestedProcedureEvidenceSequence: evidence(inStudy) } : {}),
    ...(other.length ? { PertinentOtherEvidenceSequence: evidence(other) } : {}),
    // SR Document Content (root)
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [C.report],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: root,
  };

  // ISO_IR 192 (UTF-8) only when some value is outside the default repertoire (ASCII); the strings are
  // written once as UTF-8 (dcmjs), never re-encoded.
  // eslint-disable-next-line no-control-regex -- the default repertoire is 7-bit ASCII
  if (/[^\x00-\x7f]/.test(JSON.stringify(dataset))) dataset.SpecificCharacterSet = 'ISO_IR 192';

  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: COMPREHENSIVE_SR,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LE,
    ImplementationClassUID: uidFromSeed('blockplan-implementation-class'),
    ImplementationVersionName: lo(`BLOCKPLAN_${doc.app.version}`.replace(/[^A-Z0-9_.]/gi, '_'), 16),
  };
  try {
    const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
    dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(dataset);
    return ok(new Uint8Array(dict.write()));
  } catch (e) {
    return err({
      code: 'note/sr-write-failed',
      title: 'The DICOM structured report could not be written.',
      action: 'Export the note as PDF or FHIR instead and report this problem.',
      detail: e instanceof Error ? e.message : String(e),
    });
  }
}
