/**
 * Step 2 of openDicom: parse the File Meta Information and the data set (dicom-parser), with the
 * transfer syntax the data set is actually written in.
 *
 * Leniency, each with a warning: a data set that ends early is read as far as it goes (openDicom
 * words that warning, knowing whether only the Pixel Data was cut); a data set
 * written in implicit VR under a File Meta that names an explicit-VR syntax (a known writer bug, read
 * by GDCM and pydicom the same way: they look at the first element's header) is read as implicit VR,
 * and the reverse; File Meta without a Transfer Syntax UID is read as the first element suggests.
 */
import dicomParser, { type DataSet } from 'dicom-parser';
import { Inflate } from 'fflate';
import { ok, type Result } from '../result';
import { isVrAt, type DetectResult } from './detect';
import { describeThrown, type DicomError } from './errors';
import { fail, type ParseContext } from './parse-context';
import { Reader } from './reader';
import { Tag } from './tags';
import { DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN, EXPLICIT_VR_BIG_ENDIAN, EXPLICIT_VR_LITTLE_ENDIAN, IMPLICIT_VR_LITTLE_ENDIAN, transferSyntaxName } from './transfer-syntax';

/** Largest inflated data set for the deflated syntax, bytes, unless the caller says otherwise. */
export const DEFAULT_MAX_INFLATED_BYTES = 2 * 1024 * 1024 * 1024 - 1;

export interface ParsedDataSet {
  /** The data set (for deflated files: over the inflated bytes; for a re-read data set: over its own bytes). */
  ds: DataSet;
  /** File Meta Information (group 0002), when the file has it. */
  fileMeta?: DataSet;
  /** The transfer syntax UID the file names (File Meta, or the one detected for a raw data set). */
  transferSyntaxUid: string;
  /** The data set ended before its end: `ds` holds the elements read before that. */
  truncatedHeader: boolean;
  /** The parser's words for where it stopped, when `truncatedHeader` (for the warning openDicom gives). */
  truncation?: string;
}

/** Element tag of Pixel Data: its VR is fixed for implicit-VR parsing so its bytes are never taken for a sequence. */
const PIXEL_DATA = 'x7fe00010';
const implicitVr = (tag: string) => (tag === PIXEL_DATA ? 'OB' : undefined);

/** Parse the File Meta and the data set. Never throws. */
export function parseDataSet(d: DetectResult, ctx: ParseContext, maxInflatedBytes = DEFAULT_MAX_INFLATED_BYTES): Result<ParsedDataSet, DicomError> {
  const inflater = makeInflater(maxInflatedBytes);
  if (d.forcedSyntax) {
    const r = runParser(d.bytes, { TransferSyntaxUID: d.forcedSyntax, inflater, vrCallback: implicitVr }, ctx);
    return r.ok ? ok({ ...r.value, transferSyntaxUid: d.forcedSyntax }) : r;
  }
  let fileMeta: DataSet;
  try {
    fileMeta = dicomParser.readPart10Header(d.bytes);
  } catch (e) {
    return classify(describeThrown(e), d.bytes.length, ctx);
  }
  const metaEnd = (fileMeta as DataSet & { position?: number }).position ?? d.bytes.length;
  const named = new Reader(fileMeta).str(Tag.TransferSyntaxUID)?.trim();
  const firstIsExplicit = isVrAt(d.bytes, metaEnd + 4);
  const hasDataSet = metaEnd + 8 <= d.bytes.length;
  let readAs: string | undefined;
  if (!named) {
    readAs = hasDataSet && firstIsExplicit ? EXPLICIT_VR_LITTLE_ENDIAN : IMPLICIT_VR_LITTLE_ENDIAN;
    ctx.warnings.push(`The File Meta Information names no transfer syntax; the data set is read as ${transferSyntaxName(readAs)}.`);
  } else if (hasDataSet && named === IMPLICIT_VR_LITTLE_ENDIAN && firstIsExplicit) {
    readAs = EXPLICIT_VR_LITTLE_ENDIAN;
    ctx.warnings.push('The data set is written in explicit VR although the File Meta names Implicit VR Little Endian (a writer bug); it is read as explicit VR.');
  } else if (hasDataSet && named !== IMPLICIT_VR_LITTLE_ENDIAN && named !== EXPLICIT_VR_BIG_ENDIAN && named !== DEFLATED_EXPLICIT_VR_LITTLE_ENDIAN && !firstIsExplicit) {
    readAs = IMPLICIT_VR_LITTLE_ENDIAN;
    ctx.warnings.push(`The data set is written in implicit VR although the File Meta names ${transferSyntaxName(named)} (a writer bug); it is read as implicit VR.`);
  }
  if (readAs !== undefined) {
    // dicom-parser takes the syntax from the File Meta; parse the data set on its own instead.
    const r = runParser(d.bytes.subarray(metaEnd), { TransferSyntaxUID: readAs, inflater, vrCallback: implicitVr }, ctx);
    return r.ok ? ok({ ...r.value, fileMeta, transferSyntaxUid: named ?? readAs }) : r;
  }
  const r = runParser(d.bytes, { inflater, vrCallback: implicitVr }, ctx);
  return r.ok ? ok({ ...r.value, fileMeta, transferSyntaxUid: named! }) : r;
}

function runParser(bytes: Uint8Array, options: dicomParser.ParseDicomOptions, ctx: ParseContext): Result<{ ds: DataSet; truncatedHeader: boolean; truncation?: string }, DicomError> {
  try {
    return ok({ ds: dicomParser.parseDicom(bytes, options), truncatedHeader: false });
  } catch (e) {
    const partial = e && typeof e === 'object' && 'dataSet' in e ? (e as { dataSet?: DataSet }).dataSet : undefined;
    const msg = describeThrown(e);
    if (partial && partial.elements && Object.keys(partial.elements).length > 0) return ok({ ds: partial, truncatedHeader: true, truncation: msg });
    return classify(msg, bytes.length, ctx);
  }
}

/** A parser failure with nothing read → the error a clinician can act on. */
function classify(msg: string, length: number, ctx: ParseContext): Result<never, DicomError> {
  if (/meta header|DICM|prefix/i.test(msg)) return fail(ctx, 'not-dicom', 'This is not a readable DICOM file (its header is missing or damaged).', { detail: msg });
  if (/inflat|deflat|invalid|unexpected EOF|larger than/i.test(msg) && length > 132) {
    return fail(ctx, 'truncated', 'The compressed (deflated) DICOM data set is damaged or incomplete.', { detail: msg });
  }
  return fail(ctx, 'truncated', 'The DICOM header is damaged or incomplete.', { detail: msg });
}

/** fflate inflater for the deflated syntax, with a size cap (a deflate bomb ends in an error). */
function makeInflater(limit: number) {
  return (byteArray: Uint8Array, position: number): Uint8Array => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    const inf = new Inflate((chunk) => {
      total += chunk.length;
      if (total > limit) throw new Error(`inflated data set larger than ${limit} bytes`);
      chunks.push(chunk);
    });
    inf.push(byteArray.subarray(position), true);
    const out = new Uint8Array(position + total);
    out.set(byteArray.subarray(0, position), 0);
    let o = position;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  };
}
