/**
 * Writer for Ultrasound Multi-frame Image Storage (SOP Class 1.2.840.10008.5.1.4.1.1.3.1, PS3.3 A.7)
 * as DICOM Part 10 files with JPEG Baseline (1.2.840.10008.1.2.4.50) pixel data: one fragment per
 * frame and a Basic Offset Table (PS3.5 A.4).
 *
 * Generic on purpose: the sample clips use it, and the viewer benchmarks reuse it for large clips
 * (e.g. 300 frames of 800×600 at 30 fps, 1000 frames of 640×480 at 60 fps). Frames are pulled one at
 * a time through `frame(i)` and encoded immediately, so raw frames never all sit in memory.
 *
 * Modules written (PS3.3 Table A.7-1 "US Multi-frame Image IOD Modules"): Patient (C.7.1.1), General
 * Study (C.7.2.1), General Series (C.7.3.1), General Equipment (C.7.5.1), General Image (C.7.6.1),
 * Image Pixel (C.7.6.3), Cine (C.7.6.5), Multi-frame (C.7.6.6), US Region Calibration (C.8.5.5),
 * US Image (C.8.5.6), SOP Common (C.12.1).
 *
 * The output is deterministic: the same spec and encoder give the same bytes (no clock, no random UIDs).
 */
import { appError, err, ok, type Result } from '../../result';
import { ByteWriter } from './byte-writer';
import { DicomWriteError, encodeDataset, formatDS, formatIS, isValidUid, type DataElement } from './element';
import { writeEncapsulatedPixelData, type EncapsulatedLayout } from './encapsulated';
import { JPEG_MARKER, readJpegFrameHeader, type JpegBaselineEncoder } from './jpeg-encoder';
import { writeFileMeta } from './part10';
import { SOP_CLASS, TAG, TRANSFER_SYNTAX } from './tags';
import { uidFromSeed } from './uid';

/** PS3.3 C.8.5.5.1.15 Physical Units X/Y Direction: 3 = cm. */
const UNITS_CM = 3;

/** One item of the Sequence of Ultrasound Regions (0018,6011), PS3.3 C.8.5.5. */
export interface UsRegionSpec {
  /** Region Location Min X0 (0018,6018): left column, px (inclusive). */
  x0: number;
  /** Region Location Min Y0 (0018,601A): top row, px (inclusive). */
  y0: number;
  /** Region Location Max X1 (0018,601C): right column, px (inclusive). */
  x1: number;
  /** Region Location Max Y1 (0018,601E): bottom row, px (inclusive). */
  y1: number;
  /** Physical size of one pixel step along x, mm. Written as cm in Physical Delta X (0018,602C) with Physical Units X = 3 (cm). */
  mmPerPxX: number;
  /** Physical size of one pixel step along y (depth), mm. Written as cm in Physical Delta Y (0018,602E). */
  mmPerPxY: number;
  /** Region Spatial Format (0018,6012); default 1 = 2D (tissue or flow). */
  spatialFormat?: number;
  /** Region Data Type (0018,6014); default 1 = tissue. */
  dataType?: number;
  /** Region Flags (0018,6016) bit field; default 0. */
  flags?: number;
  /**
   * Reference pixel (0018,6020/6022) and its physical value (0018,6028/602A).
   * Give it in IMAGE px; it is written relative to the region origin (x0, y0) as PS3.3 C.8.5.5.1.3
   * defines it. Physical values are in mm here and written in cm.
   */
  referencePixel?: { xPx: number; yPx: number; physicalXMm: number; physicalYMm: number };
  /** Transducer Frequency (0018,6030), kHz. */
  transducerFrequencyKHz?: number;
}

/** Photometric interpretation of the stored frames. `YBR_FULL_422` means colour input (RGB) stored as JPEG YCbCr 4:2:2. */
export type UsPhotometric = 'MONOCHROME2' | 'YBR_FULL_422';

export interface UsMultiframeSpec {
  /** Rows (0028,0010), px. */
  rows: number;
  /** Columns (0028,0011), px. */
  columns: number;
  /** Number of Frames (0028,0008). */
  frameCount: number;
  /**
   * Pixels of frame `index` (0-based): `rows × columns` bytes for MONOCHROME2, or
   * `rows × columns × 3` interleaved R,G,B bytes for YBR_FULL_422.
   */
  frame: (index: number) => Uint8Array;
  /** Frame Time (0018,1063), ms between frames (nominal; 1000 / fps). */
  frameTimeMs: number;
  photometric: UsPhotometric;
  /** Sequence of Ultrasound Regions items (at least one for a calibrated clip). */
  regions: readonly UsRegionSpec[];
  /** libjpeg quality 1–100; default 85. */
  jpegQuality?: number;
  /**
   * Seed for the Study, Series and SOP Instance UIDs (2.25.<UUID> derived from `${seed}/study` etc.;
   * see ./uid). Same seed → same UIDs.
   */
  uidSeed: string;
  /** Fixed study/series/content/instance-creation date (DA, YYYYMMDD) and time (TM, HHMMSS). */
  date: string;
  time: string;
  /** Patient's Name (0010,0010); default `SYNTHETIC^SAMPLE`. Never put a real person here. */
  patientName?: string;
  /** Patient ID (0010,0020); default `SYNTHETIC`. */
  patientId?: string;
  studyDescription?: string;
  seriesDescription?: string;
  /** Study ID (0020,0010), SH; default `1`. */
  studyId?: string;
  /** Manufacturer (0008,0070); default `BlockPlan synthetic`. */
  manufacturer?: string;
  manufacturerModelName?: string;
  softwareVersions?: string;
  /** Image Type (0008,0008); default DERIVED\PRIMARY. */
  imageType?: readonly string[];
  /** Derivation Description (0008,2111), e.g. how a synthetic image was made. */
  derivationDescription?: string;
  /** Image Comments (0020,4000). */
  imageComments?: string;
  /** Transducer Type (0018,6031), e.g. LINEAR, CURVED LINEAR (PS3.3 C.8.5.6.1.x defined terms). */
  transducerType?: string;
  /** Body Part Examined (0018,0015) (PS3.16 Annex L defined terms). */
  bodyPartExamined?: string;
  /**
   * Image Laterality (0020,0062): R, L, B (both) or U (unpaired); default U. Present so that the
   * series-level Laterality (0020,0060, Type 2C for paired body parts) is never required.
   */
  imageLaterality?: 'R' | 'L' | 'B' | 'U';
  /** Depth of Scan Field (0018,5050), mm. */
  depthOfScanFieldMm?: number;
  /** Extra elements; they replace built-in ones with the same tag. */
  extraElements?: readonly DataElement[];
}

export interface UsMultiframeOutput {
  /** The complete Part 10 file. */
  bytes: Uint8Array;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  /** Offsets and fragment lengths of the encapsulated pixel data. */
  layout: EncapsulatedLayout;
  /** Uncompressed / compressed size of the pixel data (what Lossy Image Compression Ratio records). */
  compressionRatio: number;
}

/** The UIDs that `writeUsMultiframe` derives from a seed. */
export function sampleUids(seed: string): { study: string; series: string; instance: string } {
  return { study: uidFromSeed(`${seed}/study`), series: uidFromSeed(`${seed}/series`), instance: uidFromSeed(`${seed}/instance`) };
}

function specError(title: string, detail?: string): Result<never> {
  return err(
    appError('dicom-write/invalid-spec', title, {
      action: 'This is a fault in the program that builds the clip; report it with the detail below.',
      ...(detail ? { detail } : {}),
    }),
  );
}

function validate(spec: UsMultiframeSpec): string | undefined {
  const intIn = (v: number, lo: number, hi: number) => Number.isInteger(v) && v >= lo && v <= hi;
  if (!intIn(spec.rows, 1, 0xffff) || !intIn(spec.columns, 1, 0xffff)) return `rows and columns must be integers 1–65535 (got ${spec.rows}×${spec.columns})`;
  if (!intIn(spec.frameCount, 1, 2 ** 31 - 1)) return `frameCount must be a positive integer (got ${spec.frameCount})`;
  if (!(spec.frameTimeMs > 0) || !Number.isFinite(spec.frameTimeMs)) return `frameTimeMs must be > 0 (got ${spec.frameTimeMs})`;
  const q = spec.jpegQuality ?? 85;
  if (!intIn(q, 1, 100)) return `jpegQuality must be an integer 1–100 (got ${q})`;
  if (!/^\d{8}$/.test(spec.date) || !/^\d{6}$/.test(spec.time)) return `date must be YYYYMMDD and time HHMMSS (got ${spec.date} ${spec.time})`;
  for (const [i, r] of spec.regions.entries()) {
    if (![r.x0, r.y0, r.x1, r.y1].every((v) => Number.isInteger(v) && v >= 0)) return `region ${i}: bounds must be non-negative integers`;
    if (r.x0 > r.x1 || r.y0 > r.y1) return `region ${i}: min bounds exceed max bounds`;
    if (r.x1 >= spec.columns || r.y1 >= spec.rows) return `region ${i}: bounds (${r.x0},${r.y0})–(${r.x1},${r.y1}) fall outside the ${spec.columns}×${spec.rows} image`;
    if (!(r.mmPerPxX > 0) || !(r.mmPerPxY > 0) || !Number.isFinite(r.mmPerPxX) || !Number.isFinite(r.mmPerPxY)) return `region ${i}: mm per px must be positive`;
    if (r.referencePixel && ![r.referencePixel.xPx, r.referencePixel.yPx].every(Number.isInteger)) return `region ${i}: reference pixel must be integer px`;
  }
  for (const e of spec.extraElements ?? []) {
    if (e.tag >>> 0 >= TAG.PixelData) return `extra element ${e.tag.toString(16)} must precede Pixel Data (7FE0,0010)`;
  }
  return undefined;
}

/**
 * Encode a US multi-frame clip as a Part 10 file. Returns an error (never throws) when the spec is
 * inconsistent or the encoder does not produce baseline JPEG of the right size.
 */
export function writeUsMultiframe(spec: UsMultiframeSpec, encoder: JpegBaselineEncoder): Result<UsMultiframeOutput> {
  const problem = validate(spec);
  if (problem) return specError('The ultrasound clip description is invalid.', problem);
  const components = spec.photometric === 'MONOCHROME2' ? 1 : 3;
  const quality = spec.jpegQuality ?? 85;
  const frameBytes = spec.rows * spec.columns * components;

  const frames: Uint8Array[] = [];
  let compressedTotal = 0;
  for (let i = 0; i < spec.frameCount; i++) {
    const px = spec.frame(i);
    if (px.length !== frameBytes) return specError('A frame has the wrong number of bytes.', `frame ${i}: ${px.length} bytes, expected ${frameBytes}`);
    let jpeg: Uint8Array;
    try {
      jpeg = encoder.encode(px, spec.columns, spec.rows, components, quality);
    } catch (e) {
      return err(
        appError('dicom-write/jpeg-encode-failed', 'A frame could not be JPEG-encoded.', {
          action: 'Check that the JPEG encoder loaded correctly (its WebAssembly file), then try again.',
          detail: `frame ${i}: ${e instanceof Error ? e.message : String(e)}`,
        }),
      );
    }
    const hdr = readJpegFrameHeader(jpeg);
    if (typeof hdr === 'string') return specError('The JPEG encoder produced an unreadable frame.', `frame ${i}: ${hdr}`);
    if (hdr.sof !== JPEG_MARKER.SOF0 || hdr.precision !== 8) {
      return specError('The JPEG encoder did not produce baseline JPEG.', `frame ${i}: SOF 0x${hdr.sof.toString(16)}, precision ${hdr.precision}; JPEG Baseline (Process 1) needs SOF0 and 8 bits`);
    }
    if (hdr.rows !== spec.rows || hdr.columns !== spec.columns || hdr.components !== components) {
      return specError('The JPEG encoder produced a frame of the wrong size.', `frame ${i}: ${hdr.columns}×${hdr.rows}×${hdr.components}`);
    }
    if (components === 3 && !(hdr.samplingH[0] === 2 && hdr.samplingV[0] === 1 && hdr.samplingH[1] === 1 && hdr.samplingV[1] === 1)) {
      return specError('The JPEG encoder did not subsample colour 4:2:2.', `frame ${i}: luminance sampling ${hdr.samplingH[0]}×${hdr.samplingV[0]}; YBR_FULL_422 needs 2×1`);
    }
    compressedTotal += jpeg.length;
    frames.push(jpeg);
  }
  const compressionRatio = (frameBytes * spec.frameCount) / compressedTotal;
  const uids = sampleUids(spec.uidSeed);

  try {
    const dataset = buildDataset(spec, uids, components, compressionRatio);
    const w = new ByteWriter(compressedTotal + 64 * 1024);
    writeFileMeta(w, {
      sopClassUid: SOP_CLASS.UltrasoundMultiFrameImageStorage,
      sopInstanceUid: uids.instance,
      transferSyntaxUid: TRANSFER_SYNTAX.JPEGBaseline8Bit,
    });
    w.bytes(encodeDataset(dataset));
    const layout = writeEncapsulatedPixelData(w, frames);
    return ok({
      bytes: w.toBytes(),
      studyInstanceUid: uids.study,
      seriesInstanceUid: uids.series,
      sopInstanceUid: uids.instance,
      layout,
      compressionRatio,
    });
  } catch (e) {
    if (e instanceof DicomWriteError) return specError('A DICOM attribute of the clip is invalid.', e.message);
    throw e;
  }
}

function regionItem(r: UsRegionSpec): DataElement[] {
  const item: DataElement[] = [
    { tag: TAG.RegionSpatialFormat, vr: 'US', value: r.spatialFormat ?? 1 },
    { tag: TAG.RegionDataType, vr: 'US', value: r.dataType ?? 1 },
    { tag: TAG.RegionFlags, vr: 'UL', value: r.flags ?? 0 },
    { tag: TAG.RegionLocationMinX0, vr: 'UL', value: r.x0 },
    { tag: TAG.RegionLocationMinY0, vr: 'UL', value: r.y0 },
    { tag: TAG.RegionLocationMaxX1, vr: 'UL', value: r.x1 },
    { tag: TAG.RegionLocationMaxY1, vr: 'UL', value: r.y1 },
    { tag: TAG.PhysicalUnitsXDirection, vr: 'US', value: UNITS_CM },
    { tag: TAG.PhysicalUnitsYDirection, vr: 'US', value: UNITS_CM },
    { tag: TAG.PhysicalDeltaX, vr: 'FD', value: r.mmPerPxX / 10 },
    { tag: TAG.PhysicalDeltaY, vr: 'FD', value: r.mmPerPxY / 10 },
  ];
  if (r.referencePixel) {
    item.push(
      { tag: TAG.ReferencePixelX0, vr: 'SL', value: r.referencePixel.xPx - r.x0 },
      { tag: TAG.ReferencePixelY0, vr: 'SL', value: r.referencePixel.yPx - r.y0 },
      { tag: TAG.ReferencePixelPhysicalValueX, vr: 'FD', value: r.referencePixel.physicalXMm / 10 },
      { tag: TAG.ReferencePixelPhysicalValueY, vr: 'FD', value: r.referencePixel.physicalYMm / 10 },
    );
  }
  if (r.transducerFrequencyKHz !== undefined) item.push({ tag: TAG.TransducerFrequency, vr: 'UL', value: r.transducerFrequencyKHz });
  return item;
}

function buildDataset(
  spec: UsMultiframeSpec,
  uids: { study: string; series: string; instance: string },
  components: 1 | 3,
  compressionRatio: number,
): DataElement[] {
  for (const u of Object.values(uids)) if (!isValidUid(u)) throw new DicomWriteError(`derived UID ${u} is invalid`);
  const fps = 1000 / spec.frameTimeMs;
  const els: DataElement[] = [
    // SOP Common
    { tag: TAG.SOPClassUID, vr: 'UI', value: SOP_CLASS.UltrasoundMultiFrameImageStorage },
    { tag: TAG.SOPInstanceUID, vr: 'UI', value: uids.instance },
    { tag: TAG.InstanceCreationDate, vr: 'DA', value: spec.date },
    { tag: TAG.InstanceCreationTime, vr: 'TM', value: spec.time },
    // Patient (type 2: present, may be empty)
    { tag: TAG.PatientName, vr: 'PN', value: spec.patientName ?? 'SYNTHETIC^SAMPLE' },
    { tag: TAG.PatientID, vr: 'LO', value: spec.patientId ?? 'SYNTHETIC' },
    { tag: TAG.PatientBirthDate, vr: 'DA', value: '' },
    { tag: TAG.PatientSex, vr: 'CS', value: '' },
    // General Study
    { tag: TAG.StudyInstanceUID, vr: 'UI', value: uids.study },
    { tag: TAG.StudyDate, vr: 'DA', value: spec.date },
    { tag: TAG.StudyTime, vr: 'TM', value: spec.time },
    { tag: TAG.ReferringPhysicianName, vr: 'PN', value: '' },
    { tag: TAG.StudyID, vr: 'SH', value: spec.studyId ?? '1' },
    { tag: TAG.AccessionNumber, vr: 'SH', value: '' },
    // General Series
    { tag: TAG.Modality, vr: 'CS', value: 'US' },
    { tag: TAG.SeriesInstanceUID, vr: 'UI', value: uids.series },
    { tag: TAG.SeriesNumber, vr: 'IS', value: '1' },
    { tag: TAG.SeriesDate, vr: 'DA', value: spec.date },
    { tag: TAG.SeriesTime, vr: 'TM', value: spec.time },
    // General Equipment
    { tag: TAG.Manufacturer, vr: 'LO', value: spec.manufacturer ?? 'BlockPlan synthetic' },
    // General Image
    { tag: TAG.InstanceNumber, vr: 'IS', value: '1' },
    { tag: TAG.PatientOrientation, vr: 'CS', value: '' },
    { tag: TAG.ImageLaterality, vr: 'CS', value: spec.imageLaterality ?? 'U' },
    { tag: TAG.ContentDate, vr: 'DA', value: spec.date },
    { tag: TAG.ContentTime, vr: 'TM', value: spec.time },
    { tag: TAG.ImageType, vr: 'CS', value: spec.imageType ?? ['DERIVED', 'PRIMARY'] },
    { tag: TAG.BurnedInAnnotation, vr: 'CS', value: 'NO' },
    { tag: TAG.LossyImageCompression, vr: 'CS', value: '01' },
    { tag: TAG.LossyImageCompressionRatio, vr: 'DS', value: formatDS(Math.round(compressionRatio * 100) / 100) },
    { tag: TAG.LossyImageCompressionMethod, vr: 'CS', value: 'ISO_10918_1' },
    // Image Pixel + US Image
    { tag: TAG.SamplesPerPixel, vr: 'US', value: components },
    { tag: TAG.PhotometricInterpretation, vr: 'CS', value: spec.photometric },
    { tag: TAG.Rows, vr: 'US', value: spec.rows },
    { tag: TAG.Columns, vr: 'US', value: spec.columns },
    { tag: TAG.BitsAllocated, vr: 'US', value: 8 },
    { tag: TAG.BitsStored, vr: 'US', value: 8 },
    { tag: TAG.HighBit, vr: 'US', value: 7 },
    { tag: TAG.PixelRepresentation, vr: 'US', value: 0 },
    // Multi-frame + Cine
    { tag: TAG.NumberOfFrames, vr: 'IS', value: formatIS(spec.frameCount) },
    { tag: TAG.FrameIncrementPointer, vr: 'AT', value: TAG.FrameTime },
    { tag: TAG.FrameTime, vr: 'DS', value: formatDS(spec.frameTimeMs) },
    { tag: TAG.CineRate, vr: 'IS', value: formatIS(Math.round(fps)) },
    { tag: TAG.RecommendedDisplayFrameRate, vr: 'IS', value: formatIS(Math.round(fps)) },
    { tag: TAG.PreferredPlaybackSequencing, vr: 'US', value: 0 },
    // US Image
    { tag: TAG.UltrasoundColorDataPresent, vr: 'US', value: components === 3 ? 1 : 0 },
  ];
  if (components === 3) els.push({ tag: TAG.PlanarConfiguration, vr: 'US', value: 0 });
  if (spec.regions.length > 0) els.push({ tag: TAG.SequenceOfUltrasoundRegions, vr: 'SQ', items: spec.regions.map(regionItem) });
  if (spec.studyDescription) els.push({ tag: TAG.StudyDescription, vr: 'LO', value: spec.studyDescription });
  if (spec.seriesDescription) els.push({ tag: TAG.SeriesDescription, vr: 'LO', value: spec.seriesDescription });
  if (spec.manufacturerModelName) els.push({ tag: TAG.ManufacturerModelName, vr: 'LO', value: spec.manufacturerModelName });
  if (spec.softwareVersions) els.push({ tag: TAG.SoftwareVersions, vr: 'LO', value: spec.softwareVersions });
  if (spec.derivationDescription) els.push({ tag: TAG.DerivationDescription, vr: 'ST', value: spec.derivationDescription });
  if (spec.imageComments) els.push({ tag: TAG.ImageComments, vr: 'LT', value: spec.imageComments });
  if (spec.transducerType) els.push({ tag: TAG.TransducerType, vr: 'CS', value: spec.transducerType });
  if (spec.bodyPartExamined) els.push({ tag: TAG.BodyPartExamined, vr: 'CS', value: spec.bodyPartExamined });
  if (spec.depthOfScanFieldMm !== undefined) els.push({ tag: TAG.DepthOfScanField, vr: 'IS', value: formatIS(Math.round(spec.depthOfScanFieldMm)) });
  const extra = spec.extraElements ?? [];
  const replaced = new Set(extra.map((e) => e.tag));
  return [...els.filter((e) => !replaced.has(e.tag)), ...extra];
}
