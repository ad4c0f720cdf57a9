/**
 * DICOM attribute tags used by BlockPlan, named, in dicom-parser's `xGGGGEEEE` form.
 *
 * Each constant cites where the attribute is defined: PS3.6 (data dictionary) for VR/VM, and the
 * PS3.3 module that gives its meaning. Keep raw hex strings out of the rest of the code.
 */
export const Tag = {
  // --- File Meta Information (PS3.10 §7.1, PS3.6 §7) ---
  /** (0002,0010) Transfer Syntax UID, UI. */
  TransferSyntaxUID: 'x00020010',
  /** (0002,0002) Media Storage SOP Class UID, UI. */
  MediaStorageSOPClassUID: 'x00020002',

  // --- SOP Common (PS3.3 C.12.1) ---
  /** (0008,0016) SOP Class UID, UI. */
  SOPClassUID: 'x00080016',
  /** (0008,0018) SOP Instance UID, UI. */
  SOPInstanceUID: 'x00080018',
  /** (0008,0005) Specific Character Set, CS. */
  SpecificCharacterSet: 'x00080005',

  // --- General Study / Series / Equipment (PS3.3 C.7.2.1, C.7.3.1, C.7.5.1) ---
  /** (0008,0020) Study Date, DA. */
  StudyDate: 'x00080020',
  /** (0008,0030) Study Time, TM. */
  StudyTime: 'x00080030',
  /** (0008,0050) Accession Number, SH. */
  AccessionNumber: 'x00080050',
  /** (0008,0090) Referring Physician's Name, PN. */
  ReferringPhysicianName: 'x00080090',
  /** (0008,0060) Modality, CS. */
  Modality: 'x00080060',
  /** (0008,0070) Manufacturer, LO. */
  Manufacturer: 'x00080070',
  /** (0008,1090) Manufacturer's Model Name, LO. */
  ManufacturerModelName: 'x00081090',
  /** (0008,1030) Study Description, LO. */
  StudyDescription: 'x00081030',
  /** (0008,103E) Series Description, LO. */
  SeriesDescription: 'x0008103e',
  /** (0020,000D) Study Instance UID, UI. */
  StudyInstanceUID: 'x0020000d',
  /** (0020,000E) Series Instance UID, UI. */
  SeriesInstanceUID: 'x0020000e',
  /** (0020,0010) Study ID, SH. */
  StudyID: 'x00200010',
  /** (0020,0011) Series Number, IS. */
  SeriesNumber: 'x00200011',

  // --- Patient (PS3.3 C.7.1.1). Never logged. ---
  /** (0010,0010) Patient's Name, PN. */
  PatientName: 'x00100010',
  /** (0010,0020) Patient ID, LO. */
  PatientID: 'x00100020',
  /** (0010,0030) Patient's Birth Date, DA. */
  PatientBirthDate: 'x00100030',
  /** (0010,0040) Patient's Sex, CS. */
  PatientSex: 'x00100040',

  // --- Image Pixel (PS3.3 C.7.6.3) ---
  /** (0028,0002) Samples per Pixel, US. */
  SamplesPerPixel: 'x00280002',
  /** (0028,0004) Photometric Interpretation, CS. */
  PhotometricInterpretation: 'x00280004',
  /** (0028,0006) Planar Configuration, US (0 = colour-by-pixel, 1 = colour-by-plane). */
  PlanarConfiguration: 'x00280006',
  /** (0028,0008) Number of Frames, IS (PS3.3 C.7.6.6 Multi-frame). */
  NumberOfFrames: 'x00280008',
  /** (0028,0009) Frame Increment Pointer, AT (PS3.3 C.7.6.6). */
  FrameIncrementPointer: 'x00280009',
  /** (0028,0010) Rows, US. */
  Rows: 'x00280010',
  /** (0028,0011) Columns, US. */
  Columns: 'x00280011',
  /** (0028,0030) Pixel Spacing, DS\DS, mm: row spacing then column spacing (PS3.3 10.7.1.3). */
  PixelSpacing: 'x00280030',
  /** (0028,0100) Bits Allocated, US. */
  BitsAllocated: 'x00280100',
  /** (0028,0101) Bits Stored, US. */
  BitsStored: 'x00280101',
  /** (0028,0102) High Bit, US. */
  HighBit: 'x00280102',
  /** (0028,0103) Pixel Representation, US (0 unsigned, 1 two's complement). */
  PixelRepresentation: 'x00280103',
  /** (7FE0,0010) Pixel Data, OB/OW. */
  PixelData: 'x7fe00010',
  /** (7FE0,0001) Extended Offset Table, OV (PS3.3 C.7.6.3.1.8). */
  ExtendedOffsetTable: 'x7fe00001',
  /** (7FE0,0002) Extended Offset Table Lengths, OV. */
  ExtendedOffsetTableLengths: 'x7fe00002',

  // --- Palette Color Lookup Table (PS3.3 C.7.9, C.7.6.3.1.5-6) ---
  /** (0028,1101) Red Palette Color LUT Descriptor, US/SS ×3: entries, first mapped value, bits per entry. */
  RedPaletteDescriptor: 'x00281101',
  /** (0028,1102) Green Palette Color LUT Descriptor. */
  GreenPaletteDescriptor: 'x00281102',
  /** (0028,1103) Blue Palette Color LUT Descriptor. */
  BluePaletteDescriptor: 'x00281103',
  /** (0028,1201) Red Palette Color LUT Data, OW. */
  RedPaletteData: 'x00281201',
  /** (0028,1202) Green Palette Color LUT Data, OW. */
  GreenPaletteData: 'x00281202',
  /** (0028,1203) Blue Palette Color LUT Data, OW. */
  BluePaletteData: 'x00281203',
  /** (0028,1221) Segmented Red Palette Color LUT Data, OW (PS3.3 C.7.9.2). */
  SegmentedRedPaletteData: 'x00281221',
  /** (0028,1222) Segmented Green Palette Color LUT Data, OW. */
  SegmentedGreenPaletteData: 'x00281222',
  /** (0028,1223) Segmented Blue Palette Color LUT Data, OW. */
  SegmentedBluePaletteData: 'x00281223',

  // --- Modality LUT / VOI LUT (PS3.3 C.11.1, C.11.2) ---
  /** (0028,1052) Rescale Intercept, DS. */
  RescaleIntercept: 'x00281052',
  /** (0028,1053) Rescale Slope, DS. */
  RescaleSlope: 'x00281053',
  /** (0028,3000) Modality LUT Sequence, SQ. */
  ModalityLUTSequence: 'x00283000',
  /** (0028,1050) Window Center, DS (multi-valued: first is the default). */
  WindowCenter: 'x00281050',
  /** (0028,1051) Window Width, DS. */
  WindowWidth: 'x00281051',
  /** (0028,3010) VOI LUT Sequence, SQ. */
  VOILUTSequence: 'x00283010',

  // --- Cine / frame timing (PS3.3 C.7.6.5 Cine Module, C.7.6.6, C.7.6.7) ---
  /** (0018,1063) Frame Time, DS, ms. */
  FrameTime: 'x00181063',
  /** (0018,1065) Frame Time Vector, DS, ms (first value 0: increments from the previous frame). */
  FrameTimeVector: 'x00181065',
  /** (0018,0040) Cine Rate, IS, frames/s. */
  CineRate: 'x00180040',
  /** (0008,2144) Recommended Display Frame Rate, IS, frames/s. */
  RecommendedDisplayFrameRate: 'x00082144',

  // --- US Region Calibration (PS3.3 C.8.5.5) ---
  /** (0018,6011) Sequence of Ultrasound Regions, SQ. */
  SequenceOfUltrasoundRegions: 'x00186011',
  /** (0018,6012) Region Spatial Format, US. */
  RegionSpatialFormat: 'x00186012',
  /** (0018,6014) Region Data Type, US. */
  RegionDataType: 'x00186014',
  /** (0018,6016) Region Flags, UL. */
  RegionFlags: 'x00186016',
  /** (0018,6018) Region Location Min X0, UL. */
  RegionLocationMinX0: 'x00186018',
  /** (0018,601A) Region Location Min Y0, UL. */
  RegionLocationMinY0: 'x0018601a',
  /** (0018,601C) Region Location Max X1, UL. */
  RegionLocationMaxX1: 'x0018601c',
  /** (0018,601E) Region Location Max Y1, UL. */
  RegionLocationMaxY1: 'x0018601e',
  /** (0018,6020) Reference Pixel X0, SL. */
  ReferencePixelX0: 'x00186020',
  /** (0018,6022) Reference Pixel Y0, SL. */
  ReferencePixelY0: 'x00186022',
  /** (0018,6024) Physical Units X Direction, US. */
  PhysicalUnitsXDirection: 'x00186024',
  /** (0018,6026) Physical Units Y Direction, US. */
  PhysicalUnitsYDirection: 'x00186026',
  /** (0018,602C) Physical Delta X, FD. */
  PhysicalDeltaX: 'x0018602c',
  /** (0018,602E) Physical Delta Y, FD. */
  PhysicalDeltaY: 'x0018602e',
  /** (0018,1164) Imager Pixel Spacing, DS\DS, mm (PS3.3 C.8.7.1). */
  ImagerPixelSpacing: 'x00181164',
} as const;

/** `xGGGGEEEE` → `(GGGG,EEEE)` for messages. */
export function tagLabel(tag: string): string {
  const t = tag.replace(/^x/, '').toUpperCase();
  return `(${t.slice(0, 4)},${t.slice(4, 8)})`;
}
