/**
 * What a de-identified instance says about itself (PS3.3 C.12.1.1.7 and PS3.15 E.1.1):
 * Patient Identity Removed (0012,0062) = YES, De-identification Method (0012,0063) in words and the
 * De-identification Method Code Sequence (0012,0064) with codes from CID 7050.
 *
 * CID 7050 "De-identification Method" (PS3.16; value set urn:oid:1.2.840.10008.6.1.925), coding
 * scheme DCM, checked against the FHIR rendering of the DICOM terminology
 * (bvdh/dicom-terminology-in-fhir, ValueSet-dicom-cid-7050-DeidentificationMethod.fsh).
 */
import { asciiValue, type RawElement } from './dataset';
import type { DeidOptions } from './profile';

/** The CID 7050 codes BlockPlan may claim (DCM scheme). */
export const CID7050 = {
  basicProfile: { value: '113100', meaning: 'Basic Application Confidentiality Profile' },
  cleanPixelData: { value: '113101', meaning: 'Clean Pixel Data Option' },
  cleanDescriptors: { value: '113105', meaning: 'Clean Descriptors Option' },
  retainLongitudinalModifiedDates: { value: '113107', meaning: 'Retain Longitudinal Temporal Information Modified Dates Option' },
  retainDeviceIdentity: { value: '113109', meaning: 'Retain Device Identity Option' },
} as const;

export type Cid7050Code = (typeof CID7050)[keyof typeof CID7050];

/** The codes that describe what was done: always the Basic Profile, plus each option applied. */
export function methodCodes(options: DeidOptions, pixelsCleaned: boolean): Cid7050Code[] {
  const codes: Cid7050Code[] = [CID7050.basicProfile];
  if (pixelsCleaned) codes.push(CID7050.cleanPixelData);
  if (options.cleanDescriptors) codes.push(CID7050.cleanDescriptors);
  if (options.retainLongitudinalModifiedDates) codes.push(CID7050.retainLongitudinalModifiedDates);
  if (options.retainDeviceIdentity) codes.push(CID7050.retainDeviceIdentity);
  return codes;
}

function text(tag: number, vr: string, values: string | string[]): RawElement {
  return { tag, vr, value: asciiValue(Array.isArray(values) ? values.join('\\') : values) };
}

/**
 * The elements to add (they replace any with the same tag): (0012,0062), (0012,0063),
 * (0012,0064), and (0028,0303) Longitudinal Temporal Information Modified = MODIFIED when dates were
 * shifted (PS3.15 E.3.6).
 */
export function methodElements(options: DeidOptions, pixelsCleaned: boolean): RawElement[] {
  const codes = methodCodes(options, pixelsCleaned);
  // LO is at most 64 characters per value; one value per step (VM 1-n).
  const words = ['BlockPlan PS3.15 Basic Application Confidentiality Profile'];
  if (pixelsCleaned) words.push('Burned-in text masked (Clean Pixel Data)');
  if (options.cleanDescriptors) words.push('Clean Descriptors');
  if (options.retainLongitudinalModifiedDates) words.push('Dates shifted (Modified Dates)');
  if (options.retainDeviceIdentity) words.push('Retain Device Identity');
  const els: RawElement[] = [
    text(0x00120062, 'CS', 'YES'),
    text(0x00120063, 'LO', words),
    {
      tag: 0x00120064,
      vr: 'SQ',
      items: codes.map((c) => [text(0x00080100, 'SH', c.value), text(0x00080102, 'SH', 'DCM'), text(0x00080104, 'LO', c.meaning)]),
    },
  ];
  if (options.retainLongitudinalModifiedDates) els.push(text(0x00280303, 'CS', 'MODIFIED'));
  return els;
}

/** Put `add` into `elements`, replacing elements with the same tag. */
export function withElements(elements: readonly RawElement[], add: readonly RawElement[]): RawElement[] {
  const tags = new Set(add.map((e) => e.tag));
  return [...elements.filter((e) => !tags.has(e.tag)), ...add].sort((a, b) => a.tag - b.tag);
}
