/**
 * Step 1 of openDicom: recognise the file form before parsing (PS3.10 §7: 128-byte preamble, "DICM",
 * File Meta Information in explicit VR little endian, then the data set).
 */
import { EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN } from './transfer-syntax';

/** The bytes to parse (always with a preamble and "DICM" unless raw), and what was assumed. */
export interface DetectResult {
  bytes: Uint8Array;
  /** The syntax of a raw data set (no File Meta), detected from its first element. */
  forcedSyntax?: string;
  noFileMeta: boolean;
}

/** Value Representations of PS3.5 Table 6.2-1: two upper-case letters that may follow a tag in explicit VR. */
const KNOWN_VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

/** True when the two bytes at `at` spell a known VR (the mark of an explicit-VR element header). */
export function isVrAt(bytes: Uint8Array, at: number): boolean {
  if (at + 2 > bytes.length) return false;
  const a = bytes[at]!;
  const b = bytes[at + 1]!;
  if (a < 0x41 || a > 0x5a || b < 0x41 || b > 0x5a) return false;
  return KNOWN_VRS.has(String.fromCharCode(a, b));
}

const isDicmAt = (bytes: Uint8Array, o: number) =>
  bytes.length >= o + 4 && bytes[o] === 0x44 && bytes[o + 1] === 0x49 && bytes[o + 2] === 0x43 && bytes[o + 3] === 0x4d;

/**
 * Recognise Part 10 (preamble + "DICM"), "DICM" without preamble, File Meta without preamble, and
 * a raw data set (no File Meta; implicit or explicit VR little endian). Undefined: not DICOM.
 */
export function detect(bytes: Uint8Array): DetectResult | undefined {
  if (isDicmAt(bytes, 128)) return { bytes, noFileMeta: false };
  const withPreamble = (from: number) => {
    const b = new Uint8Array(132 + bytes.length - from);
    b.set([0x44, 0x49, 0x43, 0x4d], 128);
    b.set(bytes.subarray(from), 132);
    return b;
  };
  if (isDicmAt(bytes, 0)) return { bytes: withPreamble(4), noFileMeta: false };
  if (bytes.length < 8) return undefined;
  const group = bytes[0]! | (bytes[1]! << 8);
  const elem = bytes[2]! | (bytes[3]! << 8);
  const explicit = isVrAt(bytes, 4);
  if (group === 0x0002 && explicit) return { bytes: withPreamble(0), noFileMeta: false };
  // Raw data set: the first tag must be a plausible standard group (even, before pixel data).
  if (group === 0 || group % 2 !== 0 || group > 0x7fe0 || group < 0x0008 || elem > 0xffff) {
    if (!(group === 0x0008 || group === 0x0010 || group === 0x0018 || group === 0x0020 || group === 0x0028)) return undefined;
  }
  if (explicit) return { bytes, forcedSyntax: EXPLICIT_VR_LITTLE_ENDIAN, noFileMeta: true };
  const len = (bytes[4]! | (bytes[5]! << 8) | (bytes[6]! << 16)) + bytes[7]! * 0x1000000;
  if (len !== 0xffffffff && 8 + len > bytes.length) return undefined;
  return { bytes, forcedSyntax: IMPLICIT_VR_LITTLE_ENDIAN, noFileMeta: true };
}
