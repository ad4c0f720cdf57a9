/**
 * Tags the writer uses, as 32-bit numbers 0xGGGGEEEE, with the module of PS3.3 (or PS3.10 for group
 * 0002) they belong to. Names follow the PS3.6 data dictionary keywords.
 */
export const TAG = {
  // PS3.10 §7.1 File Meta Information
  FileMetaInformationGroupLength: 0x00020000,
  FileMetaInformationVersion: 0x00020001,
  MediaStorageSOPClassUID: 0x00020002,
  MediaStorageSOPInstanceUID: 0x00020003,
  TransferSyntaxUID: 0x00020010,
  ImplementationClassUID: 0x00020012,
  ImplementationVersionName: 0x00020013,

  // PS3.3 C.12.1 SOP Common
  SpecificCharacterSet: 0x00080005,
  InstanceCreationDate: 0x00080012,
  InstanceCreationTime: 0x00080013,
  SOPClassUID: 0x00080016,
  SOPInstanceUID: 0x00080018,

  // PS3.3 C.7.2.1 General Study
  StudyDate: 0x00080020,
  StudyTime: 0x00080030,
  AccessionNumber: 0x00080050,
  ReferringPhysicianName: 0x00080090,
  StudyDescription: 0x00081030,
  StudyInstanceUID: 0x0020000d,
  StudyID: 0x00200010,

  // PS3.3 C.7.3.1 General Series
  SeriesDate: 0x00080021,
  SeriesTime: 0x00080031,
  Modality: 0x00080060,
  SeriesDescription: 0x0008103e,
  BodyPartExamined: 0x00180015,
  SeriesInstanceUID: 0x0020000e,
  SeriesNumber: 0x00200011,

  // PS3.3 C.7.5.1 General Equipment
  Manufacturer: 0x00080070,
  InstitutionName: 0x00080080,
  ManufacturerModelName: 0x00081090,
  SoftwareVersions: 0x00181020,

  // PS3.3 C.7.1.1 Patient
  PatientName: 0x00100010,
  PatientID: 0x00100020,
  PatientBirthDate: 0x00100030,
  PatientSex: 0x00100040,
  PatientIdentityRemoved: 0x00120062,

  // PS3.3 C.7.6.1 General Image
  ImageType: 0x00080008,
  ContentDate: 0x00080023,
  ContentTime: 0x00080033,
  DerivationDescription: 0x00082111,
  InstanceNumber: 0x00200013,
  PatientOrientation: 0x00200020,
  ImageComments: 0x00204000,
  ImageLaterality: 0x00200062,
  BurnedInAnnotation: 0x00280301,
  LossyImageCompression: 0x00282110,
  LossyImageCompressionRatio: 0x00282112,
  LossyImageCompressionMethod: 0x00282114,

  // PS3.3 C.7.6.3 Image Pixel
  SamplesPerPixel: 0x00280002,
  PhotometricInterpretation: 0x00280004,
  PlanarConfiguration: 0x00280006,
  Rows: 0x00280010,
  Columns: 0x00280011,
  BitsAllocated: 0x00280100,
  BitsStored: 0x00280101,
  HighBit: 0x00280102,
  PixelRepresentation: 0x00280103,
  PixelData: 0x7fe00010,

  // PS3.3 C.7.6.5 Cine
  RecommendedDisplayFrameRate: 0x00082144,
  CineRate: 0x00180040,
  FrameTime: 0x00181063,
  PreferredPlaybackSequencing: 0x00181244,

  // PS3.3 C.7.6.6 Multi-frame
  NumberOfFrames: 0x00280008,
  FrameIncrementPointer: 0x00280009,

  // PS3.3 C.8.5.5 US Region Calibration
  SequenceOfUltrasoundRegions: 0x00186011,
  RegionSpatialFormat: 0x00186012,
  RegionDataType: 0x00186014,
  RegionFlags: 0x00186016,
  RegionLocationMinX0: 0x00186018,
  RegionLocationMinY0: 0x0018601a,
  RegionLocationMaxX1: 0x0018601c,
  RegionLocationMaxY1: 0x0018601e,
  ReferencePixelX0: 0x00186020,
  ReferencePixelY0: 0x00186022,
  PhysicalUnitsXDirection: 0x00186024,
  PhysicalUnitsYDirection: 0x00186026,
  ReferencePixelPhysicalValueX: 0x00186028,
  ReferencePixelPhysicalValueY: 0x0018602a,
  PhysicalDeltaX: 0x0018602c,
  PhysicalDeltaY: 0x0018602e,
  TransducerFrequency: 0x00186030,

  // PS3.3 C.8.5.6 US Image
  UltrasoundColorDataPresent: 0x00280014,
  DepthOfScanField: 0x00185050,
  TransducerType: 0x00186031,
  TransducerData: 0x00185010,

  // PS3.5 §7.5 item and sequence delimiters
  Item: 0xfffee000,
  ItemDelimitationItem: 0xfffee00d,
  SequenceDelimitationItem: 0xfffee0dd,
} as const;

/** SOP Class UIDs (PS3.4 Annex B.5). */
export const SOP_CLASS = {
  /** Ultrasound Multi-frame Image Storage. */
  UltrasoundMultiFrameImageStorage: '1.2.840.10008.5.1.4.1.1.3.1',
} as const;

/** Transfer Syntax UIDs (PS3.5 §10, Annex A). */
export const TRANSFER_SYNTAX = {
  ExplicitVRLittleEndian: '1.2.840.10008.1.2.1',
  /** JPEG Baseline (Process 1), 8-bit lossy; PS3.5 A.4.1. */
  JPEGBaseline8Bit: '1.2.840.10008.1.2.4.50',
} as const;

/** Format a tag as `(GGGG,EEEE)` for messages. */
export function tagString(tag: number): string {
  const g = ((tag >>> 16) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
  const e = (tag & 0xffff).toString(16).toUpperCase().padStart(4, '0');
  return `(${g},${e})`;
}
