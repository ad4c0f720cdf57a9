/**
 * openDicom: parse and validate a DICOM file without decoding pixels.
 *
 * Uses dicom-parser for the data set; everything read from it is checked against the bytes that
 * exist. Pixel data is located (native frames, or encapsulated fragments grouped into frames) so
 * decodeFrame can start at once.
 */
import dicomParser, { type DataSet, type Element } from 'dicom-parser';
import { Inflate } from 'fflate';
import { err, ok, type Result } from '../result';
import type { Calibration, UltrasoundRegion } from './calibration';
import { describeThrown, dicomError, type DicomError } from './errors';
import { Tag } from './tags';
import { frameTiming } from './timing';
import {
  EXPLICIT_VR_LITTLE_ENDIAN,
  IMPLICIT_VR_LITTLE_ENDIAN,
  transferSyntaxInfo,
  transferSyntaxName,
} from './transfer-syntax';
import type { DicomImage, DicomMeta, EncapsulatedFrame, PaletteLut, PixelSource } from './types';
import { groupFragmentsIntoFrames, scanFragments } from './fragments';

export interface OpenDicomOptions {
  /** A display name for messages (file name or path). Never a patient name. */
  fileName?: string;
  /** Largest decoded frame accepted, in bytes (guards absurd Rows × Columns). Default 512 MiB. */
  maxFrameBytes?: number;
  /** Largest inflated data set for the deflated syntax, in bytes. Default 2 GiB. */
  maxInflatedBytes?: number;
}

/** Upper bound on Number of Frames accepted (guards absurd values before arrays are sized). */
export const MAX_FRAMES = 100_000;

const DEFAULT_MAX_FRAME_BYTES = 512 * 1024 * 1024;
const DEFAULT_MAX_INFLATED = 2 * 1024 * 1024 * 1024 - 1;

type DetectResult = { bytes: Uint8Array; forcedSyntax?: string; noFileMeta: boolean };

/**
 * Recognise Part 10 (preamble + "DICM"), "DICM" without preamble, File Meta without preamble, and
 * a raw data set (no File Meta; implicit or explicit VR little endian). Undefined: not DICOM.
 */
function detect(bytes: Uint8Array): DetectResult | undefined {
  const isDicm = (o: number) => bytes.length >= o + 4 && bytes[o] === 0x44 && bytes[o + 1] === 0x49 && bytes[o + 2] === 0x43 && bytes[o + 3] === 0x4d;
  if (isDicm(128)) return { bytes, noFileMeta: false };
  const withPreamble = (from: number) => {
    const b = new Uint8Array(132 + bytes.length - from);
    b.set([0x44, 0x49, 0x43, 0x4d], 128);
    b.set(bytes.subarray(from), 132);
    return b;
  };
  if (isDicm(0)) return { bytes: withPreamble(4), noFileMeta: false };
  if (bytes.length < 8) return undefined;
  const group = bytes[0]! | (bytes[1]! << 8);
  const elem = bytes[2]! | (bytes[3]! << 8);
  const vr = String.fromCharCode(bytes[4]!, bytes[5]!);
  const explicit = /^[A-Z]{2}$/.test(vr) && KNOWN_VRS.has(vr);
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

const KNOWN_VRS = new Set(
  'AE AS AT CS DA DS DT FD FL IS LO LT OB OD OF OL OV OW PN SH SL SQ SS ST SV TM UC UI UL UN UR US UT UV'.split(' '),
);

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

/** Safe readers: check the element's length against what is asked and what exists. */
class Reader {
  constructor(readonly ds: DataSet) {}
  private el(tag: string, bytes: number, index = 0): Element | undefined {
    const e = this.ds.elements[tag];
    if (!e || e.length === undefined || e.length < bytes * (index + 1) || e.length === 0xffffffff) return undefined;
    if (e.dataOffset + bytes * (index + 1) > this.ds.byteArray.length) return undefined;
    return e;
  }
  has(tag: string): boolean {
    return this.ds.elements[tag] !== undefined;
  }
  u16(tag: string, index = 0): number | undefined {
    return this.el(tag, 2, index) ? this.ds.uint16(tag, index) : undefined;
  }
  i16(tag: string, index = 0): number | undefined {
    return this.el(tag, 2, index) ? this.ds.int16(tag, index) : undefined;
  }
  u32(tag: string, index = 0): number | undefined {
    return this.el(tag, 4, index) ? this.ds.uint32(tag, index) : undefined;
  }
  i32(tag: string, index = 0): number | undefined {
    return this.el(tag, 4, index) ? this.ds.int32(tag, index) : undefined;
  }
  f64(tag: string, index = 0): number | undefined {
    return this.el(tag, 8, index) ? this.ds.double(tag, index) : undefined;
  }
  str(tag: string): string | undefined {
    const e = this.el(tag, 1);
    if (!e || e.length > 1 << 20) return undefined;
    const s = this.ds.string(tag);
    return s === undefined || s === '' ? undefined : s.replace(/\0+$/, '');
  }
  /** All backslash-separated numbers of a DS/IS element (undefined when absent or not numeric). */
  numbers(tag: string, max = 1 << 20): number[] | undefined {
    const e = this.el(tag, 1);
    if (!e || e.length > max) return undefined;
    const s = this.ds.string(tag);
    if (s === undefined || s.trim() === '') return undefined;
    const v = s.split('\\').map((x) => Number(x.trim()));
    return v.every((x) => Number.isFinite(x)) ? v : undefined;
  }
  num(tag: string): number | undefined {
    return this.numbers(tag, 1024)?.[0];
  }
  /** Raw bytes of an element, clipped to the bytes that exist. */
  bytes(tag: string): Uint8Array | undefined {
    const e = this.ds.elements[tag];
    if (!e || e.length === undefined || e.length === 0xffffffff) return undefined;
    const end = Math.min(e.dataOffset + e.length, this.ds.byteArray.length);
    if (e.dataOffset > end) return undefined;
    return (this.ds.byteArray as Uint8Array).subarray(e.dataOffset, end);
  }
  attributeTags(tag: string): string[] | undefined {
    const e = this.el(tag, 4);
    if (!e) return undefined;
    const out: string[] = [];
    for (let i = 0; i * 4 + 4 <= e.length && i < 64; i++) {
      const g = this.ds.uint16(tag, i * 2)!;
      const el = this.ds.uint16(tag, i * 2 + 1)!;
      out.push(`x${g.toString(16).padStart(4, '0')}${el.toString(16).padStart(4, '0')}`);
    }
    return out;
  }
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
    return openDicomUnsafe(input, opts);
  } catch (e) {
    // Defensive: every known failure is handled below; this keeps a parser bug from escaping.
    return err(dicomError('not-dicom', 'The file could not be read as DICOM.', { fileName: opts.fileName, detail: describeThrown(e) }));
  }
}

function openDicomUnsafe(input: Uint8Array, opts: OpenDicomOptions): Result<DicomImage, DicomError> {
  const fileName = opts.fileName;
  const E = (code: Parameters<typeof dicomError>[0], what: string, o: Omit<Parameters<typeof dicomError>[2] & object, 'fileName'> = {}) =>
    err(dicomError(code, what, { ...o, fileName }));
  const warnings: string[] = [];

  const d = detect(input);
  if (!d) return E('not-dicom', 'This is not a DICOM file (no "DICM" marker and no recognisable data set).');

  let ds: DataSet;
  let truncatedHeader = false;
  try {
    ds = dicomParser.parseDicom(d.bytes, {
      ...(d.forcedSyntax ? { TransferSyntaxUID: d.forcedSyntax } : {}),
      inflater: makeInflater(opts.maxInflatedBytes ?? DEFAULT_MAX_INFLATED),
    } as dicomParser.ParseDicomOptions);
  } catch (e) {
    const partial = e && typeof e === 'object' && 'dataSet' in e ? (e as { dataSet?: DataSet }).dataSet : undefined;
    const msg = describeThrown(e);
    if (partial && partial.elements && Object.keys(partial.elements).length > 0) {
      ds = partial;
      truncatedHeader = true;
      warnings.push(`The file ends early or is damaged (${msg}); reading what is present.`);
    } else if (/meta header|DICM|prefix/i.test(msg)) {
      return E('not-dicom', 'This is not a readable DICOM file (its header is missing or damaged).', { detail: msg });
    } else if (/inflat|deflat|invalid|unexpected EOF|larger than/i.test(msg) && d.bytes.length > 132) {
      return E('truncated', 'The compressed (deflated) DICOM data set is damaged or incomplete.', { detail: msg });
    } else {
      return E('truncated', 'The DICOM header is damaged or incomplete.', { detail: msg });
    }
  }
  if (ds.warnings?.length) {
    for (const w of ds.warnings.slice(0, 5)) warnings.push(`Parser: ${w}`);
  }
  const r = new Reader(ds);

  // --- transfer syntax ---
  let tsUid = d.forcedSyntax ?? r.str(Tag.TransferSyntaxUID);
  if (!tsUid && truncatedHeader) {
    // dicom-parser merges the File Meta only after a complete parse: read it on its own.
    try {
      tsUid = new Reader(dicomParser.readPart10Header(d.bytes)).str(Tag.TransferSyntaxUID);
    } catch {
      /* fall through to the default below */
    }
  }
  if (!tsUid) {
    tsUid = IMPLICIT_VR_LITTLE_ENDIAN;
    warnings.push('The File Meta Information names no transfer syntax; Implicit VR Little Endian assumed.');
  }
  tsUid = tsUid.trim();
  const tsInfo = transferSyntaxInfo(tsUid);
  if (!tsInfo) {
    return E('unsupported-transfer-syntax', `The image is compressed with ${transferSyntaxName(tsUid)} (${tsUid}), which BlockPlan cannot decode.`, {
      transferSyntaxUid: tsUid,
    });
  }
  if (d.noFileMeta) warnings.push(`No File Meta Information; read as ${tsInfo.name}.`);

  // --- image pixel module ---
  const rows = r.u16(Tag.Rows);
  const columns = r.u16(Tag.Columns);
  const pixelEl = ds.elements[Tag.PixelData];
  if (!pixelEl) {
    if (truncatedHeader) return E('truncated', 'The file ends before its pixel data.');
    return E('no-pixel-data', 'The file contains no image (no Pixel Data element).');
  }
  if (!rows || !columns) return E('inconsistent-sizes', `Rows ${rows ?? 'missing'} / Columns ${columns ?? 'missing'} do not describe an image.`);
  const samplesPerPixel = r.u16(Tag.SamplesPerPixel) ?? 1;
  const photometric = (r.str(Tag.PhotometricInterpretation) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  if (!r.has(Tag.PhotometricInterpretation)) warnings.push(`Photometric Interpretation missing; ${photometric} assumed.`);
  const bitsAllocated = r.u16(Tag.BitsAllocated) ?? 0;
  let bitsStored = r.u16(Tag.BitsStored) ?? bitsAllocated;
  const highBit = r.u16(Tag.HighBit) ?? bitsStored - 1;
  const pixelRepresentation = r.u16(Tag.PixelRepresentation) ?? 0;
  const planarRaw = r.u16(Tag.PlanarConfiguration);
  const planarConfiguration = samplesPerPixel > 1 ? (planarRaw ?? 0) : undefined;
  const declaredFramesRaw = r.num(Tag.NumberOfFrames);
  const frames = declaredFramesRaw === undefined ? 1 : Math.trunc(declaredFramesRaw);

  if (![8, 16, 32].includes(bitsAllocated)) {
    if (bitsAllocated === 1) return E('unsupported-image', 'The image has 1-bit pixels (a bitmap), which BlockPlan does not display.');
    return E('inconsistent-sizes', `Bits Allocated ${bitsAllocated} is not valid (8, 16 or 32 expected).`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    warnings.push(`Bits Stored ${bitsStored} does not fit Bits Allocated ${bitsAllocated}; ${bitsAllocated} used.`);
    bitsStored = bitsAllocated;
  }
  if (highBit !== bitsStored - 1) warnings.push(`High Bit ${highBit} is not Bits Stored − 1; pixels read as the low ${bitsStored} bits.`);
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) return E('inconsistent-sizes', `Pixel Representation ${pixelRepresentation} is not 0 or 1.`);
  if (!(frames >= 1) || frames > MAX_FRAMES) return E('inconsistent-sizes', `Number of Frames ${declaredFramesRaw} is not plausible (1 … ${MAX_FRAMES}).`);

  const colourPis = ['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'YBR_RCT', 'YBR_ICT'];
  const grayPis = ['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR'];
  if (colourPis.includes(photometric)) {
    if (samplesPerPixel !== 3) return E('inconsistent-sizes', `${photometric} needs 3 samples per pixel, the file says ${samplesPerPixel}.`);
    if (bitsAllocated === 32) return E('unsupported-image', 'Colour images with 32-bit samples are not supported.');
  } else if (grayPis.includes(photometric)) {
    if (samplesPerPixel !== 1) return E('inconsistent-sizes', `${photometric} needs 1 sample per pixel, the file says ${samplesPerPixel}.`);
  } else {
    return E('unsupported-image', `Photometric Interpretation "${photometric}" is not supported.`);
  }
  if (planarConfiguration !== undefined && planarConfiguration !== 0 && planarConfiguration !== 1) {
    return E('inconsistent-sizes', `Planar Configuration ${planarConfiguration} is not 0 or 1.`);
  }

  const bytesPerSample = bitsAllocated / 8;
  const decodedFrameBytes = rows * columns * samplesPerPixel * bytesPerSample;
  const maxFrameBytes = opts.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
  if (decodedFrameBytes > maxFrameBytes) {
    return E('inconsistent-sizes', `A frame of ${columns} × ${rows} × ${samplesPerPixel} samples × ${bitsAllocated} bits is larger than BlockPlan accepts (${maxFrameBytes} bytes).`);
  }

  // --- pixel data location ---
  let pixel: PixelSource;
  let availableFrames: number;
  const byteArray = ds.byteArray as Uint8Array;
  const encapsulated = pixelEl.encapsulatedPixelData === true || pixelEl.length === 0xffffffff || pixelEl.hadUndefinedLength === true;
  if (tsInfo.encoding === 'native') {
    if (encapsulated) return E('inconsistent-sizes', `The pixel data is encapsulated (compressed) but the transfer syntax is ${tsInfo.name}.`);
    const start = pixelEl.dataOffset;
    const declared = pixelEl.length;
    if (start > byteArray.length) return E('truncated', 'The file ends before its pixel data.');
    const present = Math.min(declared, byteArray.length - start);
    // YBR_FULL_422 / YBR_PARTIAL_422 native data holds 2 samples per pixel (PS3.3 C.7.6.3.1.2).
    const subsampled = photometric === 'YBR_FULL_422' || photometric === 'YBR_PARTIAL_422';
    if (subsampled && columns % 2 !== 0) return E('inconsistent-sizes', `${photometric} needs an even number of columns; the image has ${columns}.`);
    const frameBytes = subsampled ? rows * columns * 2 * bytesPerSample : decodedFrameBytes;
    const expected = frameBytes * frames;
    if (declared < expected) {
      // The element itself is too short for the declared frames: trust the bytes, report it.
      const fit = Math.floor(declared / frameBytes);
      if (fit === 0) return E('inconsistent-sizes', `Pixel Data holds ${declared} bytes; one ${columns} × ${rows} frame needs ${frameBytes}.`);
      warnings.push(`Pixel Data holds ${fit} of ${frames} declared frames.`);
    } else if (declared > expected + 1) {
      warnings.push(`Pixel Data is ${declared - expected} bytes longer than ${frames} frame(s) need; the extra bytes are ignored.`);
    }
    availableFrames = Math.min(frames, Math.floor(present / frameBytes));
    pixel = {
      kind: 'native',
      data: byteArray.subarray(start, start + Math.min(present, expected)),
      frameBytes,
      swap16: tsInfo.bigEndian && bitsAllocated > 8,
      swap8InWords: tsInfo.bigEndian && bitsAllocated === 8 && pixelEl.vr === 'OW',
    };
  } else {
    if (!encapsulated) return E('inconsistent-sizes', `The transfer syntax is ${tsInfo.name} but the pixel data is not encapsulated.`);
    const scan = scanFragments(byteArray, pixelEl.dataOffset);
    if (scan.warning) warnings.push(scan.warning);
    const eot = readExtendedOffsetTable(r, warnings);
    const grouped = groupFragmentsIntoFrames(scan, frames, tsInfo.encoding, eot);
    if (grouped.warning) warnings.push(grouped.warning);
    const framesOut: EncapsulatedFrame[] = grouped.frames.map((idx) => ({ fragments: idx.map((i) => scan.fragments[i]!.data) }));
    availableFrames = 0;
    while (availableFrames < framesOut.length && grouped.complete[availableFrames]) availableFrames++;
    pixel = { kind: 'encapsulated', frames: framesOut.slice(0, availableFrames) };
    if (grouped.frames.length > frames) warnings.push(`The pixel data holds ${grouped.frames.length} frames; ${frames} declared, the rest ignored.`);
  }
  const missing = frames - availableFrames;
  if (availableFrames === 0) {
    return E('truncated', `The file holds no complete frame (${frames} declared).`, { missingFrames: frames });
  }
  if (missing > 0) warnings.push(`${missing} of ${frames} frames are missing (the file is incomplete); ${availableFrames} can be shown.`);

  // --- palette ---
  let palette: PaletteLut | undefined;
  if (photometric === 'PALETTE COLOR') {
    const p = readPalette(r, tsInfo.bigEndian, warnings);
    if (typeof p === 'string') return E('inconsistent-sizes', p);
    palette = p;
  }

  // --- timing ---
  const frameTimeMs = r.num(Tag.FrameTime);
  const frameTimeVectorMs = r.numbers(Tag.FrameTimeVector, 8 * 1024 * 1024);
  const cineRate = r.num(Tag.CineRate);
  const recommendedDisplayFrameRate = r.num(Tag.RecommendedDisplayFrameRate);
  const frameIncrementPointer = r.attributeTags(Tag.FrameIncrementPointer);
  const timing = frameTiming({ frames, frameTimeMs, frameTimeVectorMs, cineRate, recommendedDisplayFrameRate, frameIncrementPointer }, warnings);

  // --- calibration ---
  const regions = readRegions(ds, warnings);
  const calibration: Calibration = { regions };
  const ps = r.numbers(Tag.PixelSpacing, 256);
  const ips = r.numbers(Tag.ImagerPixelSpacing, 256);
  if (ps && ps.length >= 2 && ps[0]! > 0 && ps[1]! > 0) calibration.pixelSpacingMm = { rowMm: ps[0]!, colMm: ps[1]!, source: 'pixel-spacing' };
  else if (ips && ips.length >= 2 && ips[0]! > 0 && ips[1]! > 0) calibration.pixelSpacingMm = { rowMm: ips[0]!, colMm: ips[1]!, source: 'imager-pixel-spacing' };

  const rescaleSlope = r.num(Tag.RescaleSlope);
  const rescaleIntercept = r.num(Tag.RescaleIntercept);
  if (r.has(Tag.ModalityLUTSequence)) warnings.push('The Modality LUT Sequence is not applied (Rescale Slope/Intercept are).');
  if (r.has(Tag.VOILUTSequence)) warnings.push('The VOI LUT Sequence is not applied; the window (or the frame range) is used.');
  const wc = r.num(Tag.WindowCenter);
  const ww = r.num(Tag.WindowWidth);

  const meta: DicomMeta = {
    sopClassUid: r.str(Tag.SOPClassUID) ?? r.str(Tag.MediaStorageSOPClassUID),
    sopInstanceUid: r.str(Tag.SOPInstanceUID),
    studyInstanceUid: r.str(Tag.StudyInstanceUID),
    seriesInstanceUid: r.str(Tag.SeriesInstanceUID),
    seriesNumber: r.num(Tag.SeriesNumber),
    seriesDescription: r.str(Tag.SeriesDescription),
    studyDescription: r.str(Tag.StudyDescription),
    studyDate: r.str(Tag.StudyDate),
    manufacturer: r.str(Tag.Manufacturer),
    modelName: r.str(Tag.ManufacturerModelName),
    modality: r.str(Tag.Modality),
    transferSyntaxUid: tsUid,
    transferSyntaxName: tsInfo.name,
    noFileMeta: d.noFileMeta,
    rows,
    columns,
    frames,
    samplesPerPixel,
    photometricInterpretation: photometric,
    bitsAllocated,
    bitsStored,
    highBit,
    pixelRepresentation,
    planarConfiguration,
    frameTimeMs,
    frameTimeVectorMs,
    cineRate,
    recommendedDisplayFrameRate,
    frameIncrementPointer,
    frameRateSource: timing.source,
    regions,
    rescaleSlope: rescaleSlope !== undefined && rescaleSlope !== 0 ? rescaleSlope : 1,
    rescaleIntercept: rescaleIntercept ?? 0,
    windowCenter: wc,
    windowWidth: ww !== undefined && ww > 0 ? ww : undefined,
    patient: {
      name: r.str(Tag.PatientName),
      id: r.str(Tag.PatientID),
      birthDate: r.str(Tag.PatientBirthDate),
      sex: r.str(Tag.PatientSex),
    },
  };
  if (meta.windowCenter === undefined || meta.windowWidth === undefined) {
    meta.windowCenter = undefined;
    meta.windowWidth = undefined;
  }

  const image: DicomImage = {
    meta,
    transferSyntax: tsInfo,
    frameCount: frames,
    availableFrames,
    warnings,
    timing,
    calibration,
    pixel,
  };
  if (fileName !== undefined) image.fileName = fileName;
  if (palette) image.palette = palette;
  return ok(image);
}

/** Extended Offset Table (7FE0,0001) and lengths (7FE0,0002): 64-bit values (PS3.3 C.7.6.3.1.8). */
function readExtendedOffsetTable(r: Reader, warnings: string[]): { offsets: number[]; lengths: number[] } | undefined {
  const o = r.bytes(Tag.ExtendedOffsetTable);
  const l = r.bytes(Tag.ExtendedOffsetTableLengths);
  if (!o) return undefined;
  if (!l || o.length !== l.length || o.length % 8 !== 0) {
    warnings.push('The Extended Offset Table is malformed; frames are found from the fragments instead.');
    return undefined;
  }
  const read = (b: Uint8Array) => {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out: number[] = [];
    for (let i = 0; i < b.length; i += 8) out.push(dv.getUint32(i, true) + dv.getUint32(i + 4, true) * 0x100000000);
    return out;
  };
  return { offsets: read(o), lengths: read(l) };
}

/** Palette Color LUTs, normal or segmented (PS3.3 C.7.6.3.1.5-6, C.7.9.2). A string is an error. */
function readPalette(r: Reader, bigEndian: boolean, warnings: string[]): PaletteLut | string {
  const descTags = [Tag.RedPaletteDescriptor, Tag.GreenPaletteDescriptor, Tag.BluePaletteDescriptor];
  const dataTags = [Tag.RedPaletteData, Tag.GreenPaletteData, Tag.BluePaletteData];
  const segTags = [Tag.SegmentedRedPaletteData, Tag.SegmentedGreenPaletteData, Tag.SegmentedBluePaletteData];
  const luts: Uint16Array[] = [];
  let first = 0;
  let bits = 16;
  for (let c = 0; c < 3; c++) {
    const n0 = r.u16(descTags[c]!, 0);
    const firstU = r.u16(descTags[c]!, 1);
    const b = r.u16(descTags[c]!, 2);
    if (n0 === undefined || firstU === undefined || b === undefined) return 'PALETTE COLOR image without a complete Palette Color LUT Descriptor.';
    const n = n0 === 0 ? 65536 : n0;
    // First mapped value is US or SS depending on Pixel Representation; read the bits as stored.
    first = r.i16(descTags[c]!, 1) !== undefined && (r.u16(Tag.PixelRepresentation) ?? 0) === 1 ? r.i16(descTags[c]!, 1)! : firstU;
    bits = b;
    const raw = r.bytes(segTags[c]!) ?? r.bytes(dataTags[c]!);
    if (!raw) return 'PALETTE COLOR image without Palette Color LUT Data.';
    const segmented = r.bytes(segTags[c]!) !== undefined;
    const words = wordsOf(raw, bigEndian);
    let lut: Uint16Array | string;
    if (segmented) {
      lut = expandSegmentedLut(words, n);
    } else if (b === 8 && raw.length === n + (n % 2)) {
      // 8-bit entries packed two per OW word (byte order follows the data set).
      const bytes = bigEndian ? swapPairs(raw) : raw;
      lut = new Uint16Array(n);
      for (let i = 0; i < n; i++) lut[i] = bytes[i]!;
    } else {
      if (words.length < n) return `Palette Color LUT Data has ${words.length} entries; the descriptor declares ${n}.`;
      lut = words.subarray(0, n);
      if (b === 8) {
        // 8-bit entries stored one per 16-bit word: use the byte that carries the values.
        let hi = false;
        for (let i = 0; i < n; i++) if ((lut as Uint16Array)[i]! > 255) hi = true;
        if (hi) lut = lut.map((v) => v >> 8);
      }
    }
    if (typeof lut === 'string') return lut;
    if (lut.length !== n) warnings.push(`Palette LUT ${'RGB'[c]} has ${lut.length} entries; ${n} declared.`);
    luts.push(lut);
  }
  if (bits !== 8 && bits !== 16) warnings.push(`Palette LUT entries of ${bits} bits; read as 16-bit.`);
  return { firstMapped: first, bits: bits === 8 ? 8 : 16, red: luts[0]!, green: luts[1]!, blue: luts[2]! };
}

function swapPairs(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let i = 0; i + 1 < b.length; i += 2) {
    out[i] = b[i + 1]!;
    out[i + 1] = b[i]!;
  }
  return out;
}

function wordsOf(raw: Uint8Array, bigEndian: boolean): Uint16Array {
  const n = raw.length >> 1;
  const out = new Uint16Array(n);
  for (let i = 0; i < n; i++) out[i] = bigEndian ? (raw[2 * i]! << 8) | raw[2 * i + 1]! : raw[2 * i]! | (raw[2 * i + 1]! << 8);
  return out;
}

/**
 * Expand a Segmented Palette Color LUT (PS3.3 C.7.9.2): opcode 0 discrete (n values), 1 linear
 * (ramp over n entries from the previous value to y), 2 indirect (copy n segments starting at a
 * 32-bit word offset). Returns an error string on malformed data; output is capped at `entries`.
 */
export function expandSegmentedLut(words: Uint16Array, entries: number): Uint16Array | string {
  const out = new Uint16Array(entries);
  let o = 0;
  const run = (start: number, end: number, depth: number): string | undefined => {
    if (depth > 2) return 'Segmented palette LUT: indirect segments nest too deeply.';
    let i = start;
    let guard = 0;
    while (i < end) {
      if (++guard > 1_000_000) return 'Segmented palette LUT: too many segments.';
      const op = words[i]!;
      const len = words[i + 1];
      if (len === undefined) return 'Segmented palette LUT: segment header cut short.';
      if (op === 0) {
        if (i + 2 + len > end) return 'Segmented palette LUT: discrete segment runs past the data.';
        for (let k = 0; k < len && o < entries; k++) out[o++] = words[i + 2 + k]!;
        i += 2 + len;
      } else if (op === 1) {
        const y1 = words[i + 2];
        if (y1 === undefined) return 'Segmented palette LUT: linear segment cut short.';
        if (o === 0) return 'Segmented palette LUT: linear segment with no previous value.';
        const y0 = out[o - 1]!;
        for (let k = 1; k <= len && o < entries; k++) out[o++] = Math.round(y0 + ((y1 - y0) * k) / len);
        i += 3;
      } else if (op === 2) {
        const lo = words[i + 2];
        const hi = words[i + 3];
        if (lo === undefined || hi === undefined) return 'Segmented palette LUT: indirect segment cut short.';
        let p = lo + hi * 65536;
        for (let s = 0; s < len; s++) {
          if (p >= words.length) return 'Segmented palette LUT: indirect offset outside the data.';
          const sop = words[p]!;
          const slen = words[p + 1] ?? 0;
          const size = sop === 0 ? 2 + slen : sop === 1 ? 3 : 4;
          if (sop === 2) return 'Segmented palette LUT: indirect segment points to an indirect segment.';
          const e = run(p, Math.min(p + size, words.length), depth + 1);
          if (e) return e;
          p += size;
        }
        i += 4;
      } else {
        return `Segmented palette LUT: unknown segment type ${op}.`;
      }
    }
    return undefined;
  };
  const e = run(0, words.length, 0);
  if (e) return e;
  if (o < entries) return out.subarray(0, o).length === 0 ? 'Segmented palette LUT is empty.' : out.subarray(0, o);
  return out;
}

/** Sequence of Ultrasound Regions (0018,6011), PS3.3 C.8.5.5.1. Invalid items are skipped with a warning. */
function readRegions(ds: DataSet, warnings: string[]): UltrasoundRegion[] {
  const seq = ds.elements[Tag.SequenceOfUltrasoundRegions];
  if (!seq || !seq.items) return [];
  const out: UltrasoundRegion[] = [];
  seq.items.slice(0, 64).forEach((item, index) => {
    if (!item.dataSet) return;
    const r = new Reader(item.dataSet);
    const x0 = r.u32(Tag.RegionLocationMinX0);
    const y0 = r.u32(Tag.RegionLocationMinY0);
    const x1 = r.u32(Tag.RegionLocationMaxX1);
    const y1 = r.u32(Tag.RegionLocationMaxY1);
    const spatialFormat = r.u16(Tag.RegionSpatialFormat);
    const dataType = r.u16(Tag.RegionDataType);
    const unitsX = r.u16(Tag.PhysicalUnitsXDirection);
    const unitsY = r.u16(Tag.PhysicalUnitsYDirection);
    const deltaX = r.f64(Tag.PhysicalDeltaX);
    const deltaY = r.f64(Tag.PhysicalDeltaY);
    if (
      x0 === undefined || y0 === undefined || x1 === undefined || y1 === undefined || spatialFormat === undefined || dataType === undefined ||
      unitsX === undefined || unitsY === undefined || deltaX === undefined || deltaY === undefined || !Number.isFinite(deltaX) || !Number.isFinite(deltaY)
    ) {
      warnings.push(`Ultrasound region ${index + 1} lacks required attributes; it is not used for calibration.`);
      return;
    }
    if (x1 < x0 || y1 < y0) {
      warnings.push(`Ultrasound region ${index + 1} has inverted bounds; it is not used for calibration.`);
      return;
    }
    const region: UltrasoundRegion = { index, x0, y0, x1, y1, spatialFormat, dataType, unitsX, unitsY, deltaX, deltaY };
    const rx = r.i32(Tag.ReferencePixelX0);
    const ry = r.i32(Tag.ReferencePixelY0);
    if (rx !== undefined) region.referencePixelX0 = rx;
    if (ry !== undefined) region.referencePixelY0 = ry;
    out.push(region);
  });
  return out;
}

