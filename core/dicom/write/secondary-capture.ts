/**
 * Secondary Capture Image Storage (SOP Class 1.2.840.10008.5.1.4.1.1.7, PS3.3 A.8.1): an annotated
 * key image (the clip's frame with the plan drawn on it) stored back into the clip's study.
 *
 * Modules (PS3.3 Table A.8-1): Patient and General Study copied verbatim from the study
 * (study-identity.ts), General Series (C.7.3.1, Modality OT, its own series), General Equipment,
 * SC Equipment (C.8.6.1, Conversion Type WSD), General Image (C.7.6.1: Image Type DERIVED\SECONDARY,
 * Burned In Annotation YES — the plan's drawings and labels are in the pixels —, a Derivation
 * Description, and the Source Image Sequence naming the clip and frame it was made from), Image
 * Pixel (C.7.6.3: 8-bit RGB, interleaved), SOP Common.
 */
import { identityAttributes, writePart10, type SourceRef, type StudyIdentity } from './study-identity';
import { uidFromSeed } from './uid';

export const SECONDARY_CAPTURE_STORAGE = '1.2.840.10008.5.1.4.1.1.7';

export interface SecondaryCaptureSpec {
  /** width × height × 4 bytes, RGBA (alpha ignored: composited on black). */
  rgba: Uint8Array;
  width: number;
  height: number;
  identity: StudyIdentity;
  source?: SourceRef;
  /** What the image shows (Image Comments, Derivation Description). */
  caption: string;
  createdAt: Date;
  /** Seed for the Series UID (shared by the key images of one export) and, with `index`, the SOP Instance UID. */
  uidSeed: string;
  /** 1-based position among the export's key images (Instance Number). */
  index: number;
  seriesNumber?: number;
  /** Image Laterality of the source clip (0020,0062), when it has one; else Laterality (0020,0060) is written empty (Type 2C, unknown). */
  laterality?: 'R' | 'L' | 'B' | 'U';
  app: { name: string; version: string };
}

/** The Part 10 bytes and UIDs of one Secondary Capture key image. */
export function writeSecondaryCapture(spec: SecondaryCaptureSpec): { bytes: Uint8Array; sopInstanceUid: string; seriesInstanceUid: string; sopClassUid: string } {
  const { width, height, rgba } = spec;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 65535 || height > 65535) throw new Error(`a key image of ${width}×${height} px cannot be stored`);
  if (rgba.length !== width * height * 4) throw new Error(`a key image of ${width}×${height} px needs ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  const n = width * height;
  const rgb = new Uint8Array(n * 3 + ((n * 3) % 2));
  for (let i = 0, j = 0; i < n; i++, j += 3) {
    const a = rgba[i * 4 + 3]! / 255;
    rgb[j] = Math.round(rgba[i * 4]! * a);
    rgb[j + 1] = Math.round(rgba[i * 4 + 1]! * a);
    rgb[j + 2] = Math.round(rgba[i * 4 + 2]! * a);
  }
  const sopInstanceUid = uidFromSeed(`${spec.uidSeed}|sc|${spec.index}`);
  const seriesInstanceUid = uidFromSeed(`${spec.uidSeed}|sc|series`);
  const iso = spec.createdAt.toISOString();
  const date = iso.slice(0, 10).replace(/-/g, '');
  const time = iso.slice(11, 19).replace(/:/g, '');
  const caption = spec.caption.slice(0, 1024);
  const dataset: Record<string, unknown> = {
    SpecificCharacterSet: 'ISO_IR 192',
    SOPClassUID: SECONDARY_CAPTURE_STORAGE,
    SOPInstanceUID: sopInstanceUid,
    InstanceCreationDate: date,
    InstanceCreationTime: time,
    TimezoneOffsetFromUTC: '+0000',
    ...identityAttributes(spec.identity),
    Modality: 'OT',
    SeriesInstanceUID: seriesInstanceUid,
    SeriesNumber: spec.seriesNumber ?? 9003,
    SeriesDescription: 'BlockPlan key images (annotated)',
    Manufacturer: spec.app.name,
    ManufacturerModelName: spec.app.name,
    SoftwareVersions: spec.app.version,
    ConversionType: 'WSD',
    ...(spec.laterality ? { ImageLaterality: spec.laterality } : { Laterality: '' }),
    InstanceNumber: spec.index,
    PatientOrientation: '',
    ContentDate: date,
    ContentTime: time,
    ImageType: ['DERIVED', 'SECONDARY'],
    BurnedInAnnotation: 'YES',
    DerivationDescription: caption,
    ImageComments: caption,
    ...(spec.source
      ? {
          SourceImageSequence: [
            {
              ReferencedSOPClassUID: spec.source.sopClassUid,
              ReferencedSOPInstanceUID: spec.source.sopInstanceUid,
              ...(spec.source.frameNumber ? { ReferencedFrameNumber: spec.source.frameNumber } : {}),
            },
          ],
        }
      : {}),
    SamplesPerPixel: 3,
    PhotometricInterpretation: 'RGB',
    PlanarConfiguration: 0,
    Rows: height,
    Columns: width,
    BitsAllocated: 8,
    BitsStored: 8,
    HighBit: 7,
    PixelRepresentation: 0,
    PixelData: [rgb.buffer],
    _vrMap: { PixelData: 'OB' },
  };
  return { bytes: writePart10(dataset), sopInstanceUid, seriesInstanceUid, sopClassUid: SECONDARY_CAPTURE_STORAGE };
}
