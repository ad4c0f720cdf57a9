/**
 * openDicom: parse and validate a DICOM file without decoding pixels.
 *
 * Named steps, one module each: detect the file form (./detect), parse the File Meta and data set
 * (./dataset), settle the transfer syntax, read the Image Pixel Module (./image-pixel), locate the
 * frames (./pixel-data), then the palette (./palette), timing (./timing), calibration (./regions)
 * and the header fields (./meta). Everything read is checked against the bytes that exist.
 */
import type { DataSet } from 'dicom-parser';
import { ok, type Result } from '../result';
import { parseCharset } from './charset';
import { parseDataSet } from './dataset';
import { detect } from './detect';
import { describeThrown, dicomError, type DicomError } from './errors';
import { readImagePixel } from './image-pixel';
import { buildMeta, readTimingAttributes } from './meta';
import { readPalette } from './palette';
import { fail, type ParseContext } from './parse-context';
import { locatePixelData } from './pixel-data';
import { Reader } from './reader';
import { readCalibration } from './regions';
import { Tag } from './tags';
import { frameTiming } from './timing';
import { transferSyntaxInfo, transferSyntaxName, type TransferSyntaxInfo } from './transfer-syntax';
import type { DicomImage } from './types';

export { MAX_FRAMES } from './image-pixel';

export interface OpenDicomOptions {
  /** A display name for messages (file name or path). Never a patient name. */
  fileName?: string;
  /** Largest decoded frame accepted, in bytes (guards absurd Rows × Columns). Default 512 MiB. */
  maxFrameBytes?: number;
  /** Largest inflated data set for the deflated syntax, in bytes. Default 2 GiB. */
  maxInflatedBytes?: number;
}

/**
 * Parse a DICOM file and locate its frames. Never throws; no pixel decoding.
 *
 * Errors: not-dicom, truncated (header cut before the pixel data, or no complete frame),
 * unsupported-transfer-syntax (named), no-pixel-data, inconsistent-sizes, unsupported-image.
 * A file whose last frames are missing opens with `availableFrames < frameCount` and a warning.
 */
export function openDicom(input: Uint8Array, opts: OpenDicomOptions = {}): Result<DicomImage, DicomError> {
  try {
    return openDicomSteps(input, opts);
  } catch (e) {
    // Defensive: every known failure is handled by the steps; this keeps a parser bug from escaping.
    return { ok: false, error: dicomError('not-dicom', 'The file could not be read as DICOM.', { fileName: opts.fileName, detail: describeThrown(e) }) };
  }
}

function openDicomSteps(input: Uint8Array, opts: OpenDicomOptions): Result<DicomImage, DicomError> {
  const ctx: ParseContext = { warnings: [] };
  if (opts.fileName !== undefined) ctx.fileName = opts.fileName;
  const warnings = ctx.warnings;

  const d = detect(input);
  if (!d) return fail(ctx, 'not-dicom', 'This is not a DICOM file (no "DICM" marker and no recognisable data set).');

  const parsed = parseDataSet(d, ctx, opts.maxInflatedBytes);
  if (!parsed.ok) return parsed;
  const { ds, fileMeta, truncatedHeader, truncation } = parsed.value;
  const pixelEl = ds.elements[Tag.PixelData];
  // A Pixel Data length past the end of the file is reported by locatePixelData, which knows whether every frame is there.
  const onlyPixelDataCut = pixelEl !== undefined && pixelEl.length !== 0xffffffff && pixelEl.dataOffset + pixelEl.length > ds.byteArray.length;
  if (truncation !== undefined && !onlyPixelDataCut) warnings.push(`The file ends early or is damaged (${truncation}); reading what is present.`);
  if (ds.warnings?.length) for (const w of ds.warnings.slice(0, 5)) warnings.push(`Parser: ${w}`);

  const syntax = readTransferSyntax(parsed.value.transferSyntaxUid, ctx);
  if (!syntax.ok) return syntax;
  const { uid: tsUid, info: ts } = syntax.value;
  if (d.noFileMeta) warnings.push(`No File Meta Information; read as ${ts.name}.`);

  const r = new Reader(ds, readCharset(ds, ctx));
  if (!pixelEl) {
    if (truncatedHeader) return fail(ctx, 'truncated', 'The file ends before its pixel data.');
    return fail(ctx, 'no-pixel-data', 'The file contains no image (no Pixel Data element).');
  }
  const pixelModule = readImagePixel(r, ctx, opts.maxFrameBytes);
  if (!pixelModule.ok) return pixelModule;
  const img = pixelModule.value;

  const located = locatePixelData(ds, pixelEl, r, ts, img, ctx);
  if (!located.ok) return located;

  const palette = img.photometric === 'PALETTE COLOR' ? readPalette(r, ts.bigEndian, warnings) : undefined;
  if (typeof palette === 'string') return fail(ctx, 'inconsistent-sizes', palette);
  const timingAttributes = readTimingAttributes(r, img.frames);
  const timing = frameTiming(timingAttributes, warnings);
  const calibration = readCalibration(ds, r, warnings);
  const meta = buildMeta({
    r,
    ...(fileMeta ? { fileMeta: new Reader(fileMeta) } : {}),
    transferSyntaxUid: tsUid,
    ts,
    noFileMeta: d.noFileMeta,
    img,
    timingAttributes,
    timing,
    calibration,
    warnings,
  });
  const image: DicomImage = {
    meta,
    transferSyntax: ts,
    frameCount: img.frames,
    availableFrames: located.value.availableFrames,
    warnings,
    timing,
    calibration,
    pixel: located.value.pixel,
  };
  if (palette) image.palette = palette;
  if (ctx.fileName !== undefined) image.fileName = ctx.fileName;
  return ok(image);
}

/** Step 3: the transfer syntax must be one BlockPlan decodes (named when not). */
function readTransferSyntax(uid: string, ctx: ParseContext): Result<{ uid: string; info: TransferSyntaxInfo }, DicomError> {
  const tsUid = uid.trim();
  const info = transferSyntaxInfo(tsUid);
  if (!info) {
    return fail(ctx, 'unsupported-transfer-syntax', `The image is compressed with ${transferSyntaxName(tsUid)} (${tsUid}), which BlockPlan cannot decode.`, {
      transferSyntaxUid: tsUid,
    });
  }
  return ok({ uid: tsUid, info });
}

/** Specific Character Set (0008,0005) of the data set; unknown terms are read as ISO 8859-1 with a warning. */
function readCharset(ds: DataSet, ctx: ParseContext) {
  const spec = parseCharset(new Reader(ds).str(Tag.SpecificCharacterSet));
  if (spec.unknown.length) ctx.warnings.push(`Specific Character Set ${spec.unknown.join(', ')} is not known; text is read as ISO 8859-1 (Latin-1).`);
  return spec;
}
