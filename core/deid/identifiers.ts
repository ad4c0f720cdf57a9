/**
 * The identifying values of an original header: what the PHI check (./phi-check.ts) must never find
 * in an output, and what the Clean action removes from descriptors. Names come from every PN
 * attribute at any depth; IDs, dates, institution and addresses from the attributes listed below.
 */
import { textOf, type RawElement } from './dataset';

/** Kinds of identifying value, for the report ("the patient's name was found in …"). */
export type IdentifierKind = 'name' | 'id' | 'date' | 'institution' | 'address' | 'device' | 'uid';

/** One identifying value of the original header. Never log `value`. */
export interface Identifier {
  kind: IdentifierKind;
  /** Keyword of the attribute it came from, e.g. PatientName. */
  attribute: string;
  /** The value as text (Latin-1 view of the stored bytes, padding removed). */
  value: string;
  /** The stored bytes themselves (searched verbatim too, whatever the character set). */
  raw?: Uint8Array;
  /**
   * For a name made only of words of the kept device description (Manufacturer, Manufacturer Model
   * Name), those words, upper case: not searched alone (the whole name and its orders still are).
   */
  deviceWords?: readonly string[];
}

/** Attributes whose values identify the patient, the people involved, the place or the device. */
const IDENTIFYING: Readonly<Record<number, [IdentifierKind, string]>> = {
  0x00100020: ['id', 'PatientID'],
  0x00101000: ['id', 'OtherPatientIDs'],
  0x00100021: ['institution', 'IssuerOfPatientID'],
  0x00080050: ['id', 'AccessionNumber'],
  0x00200010: ['id', 'StudyID'],
  0x00101090: ['id', 'MedicalRecordLocator'],
  0x00380010: ['id', 'AdmissionID'],
  0x00401001: ['id', 'RequestedProcedureID'],
  0x00400009: ['id', 'ScheduledProcedureStepID'],
  0x00400253: ['id', 'PerformedProcedureStepID'],
  0x00402016: ['id', 'PlacerOrderNumberImagingServiceRequest'],
  0x00402017: ['id', 'FillerOrderNumberImagingServiceRequest'],
  0x00100030: ['date', 'PatientBirthDate'],
  0x00080020: ['date', 'StudyDate'],
  0x00080021: ['date', 'SeriesDate'],
  0x00080022: ['date', 'AcquisitionDate'],
  0x00080023: ['date', 'ContentDate'],
  0x00080012: ['date', 'InstanceCreationDate'],
  0x0008002a: ['date', 'AcquisitionDateTime'],
  0x00080080: ['institution', 'InstitutionName'],
  0x00081040: ['institution', 'InstitutionalDepartmentName'],
  0x00080081: ['address', 'InstitutionAddress'],
  0x00080092: ['address', 'ReferringPhysicianAddress'],
  0x00080094: ['address', 'ReferringPhysicianTelephoneNumbers'],
  0x00101040: ['address', 'PatientAddress'],
  0x00102154: ['address', 'PatientTelephoneNumbers'],
  0x00181000: ['device', 'DeviceSerialNumber'],
  0x00081010: ['device', 'StationName'],
  0x0020000d: ['uid', 'StudyInstanceUID'],
  0x0020000e: ['uid', 'SeriesInstanceUID'],
  0x00080018: ['uid', 'SOPInstanceUID'],
  0x00200052: ['uid', 'FrameOfReferenceUID'],
};

/** Keywords of person-name attributes, for the report (any other PN is named by its tag). */
const PN_KEYWORDS: Readonly<Record<number, string>> = {
  0x00100010: 'PatientName',
  0x00101001: 'OtherPatientNames',
  0x00101005: 'PatientBirthName',
  0x00101060: 'PatientMotherBirthName',
  0x00080090: 'ReferringPhysicianName',
  0x00081050: 'PerformingPhysicianName',
  0x00081060: 'NameOfPhysiciansReadingStudy',
  0x00081070: 'OperatorsName',
  0x00081048: 'PhysiciansOfRecord',
  0x00321032: 'RequestingPhysician',
  0x0040a123: 'PersonName',
};

/** Values shorter than this are not identifying on their own (sex "M", study ID "1"). */
export const MIN_IDENTIFIER_CHARS = 3;

/**
 * Collect the identifying values of a data set (recursing into sequences). `retainDeviceIdentity`
 * leaves device values out (they are kept on purpose). Duplicates are removed.
 */
export function collectIdentifiers(elements: readonly RawElement[], opts: { retainDeviceIdentity: boolean }): Identifier[] {
  const out: Identifier[] = [];
  const seen = new Set<string>();
  const add = (id: Identifier) => {
    const k = `${id.kind}|${id.value.toUpperCase()}`;
    if (id.value.replace(/[^0-9A-Za-z\u00c0-\uffff]/g, '').length < MIN_IDENTIFIER_CHARS || seen.has(k)) return;
    seen.add(k);
    out.push(id);
  };
  const walk = (els: readonly RawElement[]) => {
    for (const el of els) {
      if (el.items) {
        for (const it of el.items) walk(it);
        continue;
      }
      if (el.tag >>> 16 === 0x7fe0 || el.encapsulated) continue;
      const text = textOf(el);
      if (!text) continue;
      const known = IDENTIFYING[el.tag];
      if (el.vr === 'PN') {
        for (const v of text.split('\\')) add({ kind: 'name', attribute: PN_KEYWORDS[el.tag] ?? `PN(${el.tag.toString(16).padStart(8, '0')})`, value: v, raw: el.value });
      } else if (known) {
        if (known[0] === 'device' && opts.retainDeviceIdentity) continue;
        for (const v of text.split('\\')) add({ kind: known[0], attribute: known[1], value: v.trim(), raw: el.value });
      }
    }
  };
  walk(elements);
  // A station name that is just the model name (GE LOGIQ: StationName LOGIQBOOK, Manufacturer Model
  // Name LOGIQBook) identifies no more than the model, which the profile keeps: not an identifier.
  const model = new Set([0x00081090, 0x00080070].map((t) => textOf(elements.find((e) => e.tag === t))?.trim().toUpperCase()).filter(Boolean));
  // A name made only of words of the kept device description (a synthetic sample's SYNTHETIC^SAMPLE
  // made by "BlockPlan synthetic", "BlockPlan sample generator") names no person: its words are not
  // searched alone (the whole name still is). One word of a real name in the device description
  // ("KOWALSKI MEDICAL") changes nothing: every word of that name is searched.
  const deviceWords = new Set([...model].flatMap((m) => m!.split(/[^A-Z0-9]+/).filter(Boolean)));
  return out
    .filter((id) => !(id.kind === 'device' && model.has(id.value.trim().toUpperCase())))
    .map((id) => {
      if (id.kind !== 'name') return id;
      const words = id.value.toUpperCase().split(/[\^=\s]+/).filter(Boolean);
      return words.length > 0 && words.every((w) => deviceWords.has(w)) ? { ...id, deviceWords: words } : id;
    });
}

/**
 * Text forms a value may take when written by people or other programs: PN components and their
 * orders ("DOE^JOHN" → "DOE", "JOHN", "JOHN DOE", "DOE, JOHN"), dates in the usual layouts
 * ("19750314" → "1975-03-14", "14/03/1975", "03/14/1975", "14.03.1975", "14 MAR 1975", …).
 */
export function textVariants(id: Identifier): string[] {
  const v = id.value.trim();
  const out = new Set<string>([v]);
  if (id.kind === 'name') {
    const groups = v.split('=');
    for (const g of groups) {
      const comps = g.split('^').map((c) => c.trim()).filter(Boolean);
      if (comps.length === 0) continue;
      out.add(comps.join(' '));
      for (const c of comps) for (const word of c.split(/\s+/)) if (word.length >= MIN_IDENTIFIER_CHARS && !id.deviceWords?.includes(word.toUpperCase())) out.add(word);
      if (comps.length >= 2) {
        const [family, given] = comps as [string, string];
        out.add(`${given} ${family}`);
        out.add(`${family}, ${given}`);
        out.add(`${family},${given}`);
      }
    }
  }
  if (id.kind === 'date') {
    const m = /^(\d{4})(\d{2})(\d{2})/.exec(v);
    if (m) {
      const [y, mo, d] = [m[1]!, m[2]!, m[3]!];
      const mon = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'][Number(mo) - 1];
      out.add(`${y}${mo}${d}`);
      for (const sep of ['-', '/', '.']) {
        out.add(`${y}${sep}${mo}${sep}${d}`);
        out.add(`${d}${sep}${mo}${sep}${y}`);
        out.add(`${mo}${sep}${d}${sep}${y}`);
        out.add(`${d}${sep}${mo}${sep}${y.slice(2)}`);
        out.add(`${mo}${sep}${d}${sep}${y.slice(2)}`);
      }
      if (mon) {
        out.add(`${d} ${mon} ${y}`);
        out.add(`${d}-${mon}-${y}`);
        out.add(`${d}${mon}${y}`);
        out.add(`${mon} ${d} ${y}`);
        out.add(`${mon} ${d}, ${y}`);
      }
      if (/^\d{8}$/.test(v) === false) out.delete(v); // a DT: its date part is what identifies
      if (v.length > 8) out.add(v.slice(0, 8));
    }
  }
  return [...out].filter((s) => s.replace(/[^0-9A-Za-z\u00c0-\uffff]/g, '').length >= MIN_IDENTIFIER_CHARS);
}
