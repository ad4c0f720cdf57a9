import type { Calibration, UltrasoundRegion } from './calibration';
import type { TransferSyntaxInfo } from './transfer-syntax';

/** Where a frame rate came from, most to least authoritative (see docs/DICOM.md, "Frame timing"). */
export type FrameRateSource = 'frame-time' | 'frame-time-vector' | 'cine-rate' | 'recommended-display-frame-rate' | 'assumed';

/** Frame timing of a clip. */
export interface FrameTiming {
  /**
   * How long each frame is shown before the next, in ms (one entry per declared frame). From a
   * Frame Time Vector, entry i is the increment to frame i+1 (the vector's first value, 0, is the
   * start); the last frame repeats the mean increment.
   */
  frameTimesMs: number[];
  source: FrameRateSource;
  /** True when nothing in the file gave a rate and 30 frames/s was assumed. */
  assumed: boolean;
  /** Mean frames per second over the clip (1000 / mean frameTimesMs). */
  fps: number;
}

/** Patient fields, kept apart so the UI can hide them. Never log these. */
export interface PatientInfo {
  name?: string;
  id?: string;
  /** DICOM DA, YYYYMMDD. */
  birthDate?: string;
  sex?: string;
}

/** Palette Color lookup tables (PS3.3 C.7.6.3.1.5), expanded to one 16-bit-capable array per channel. */
export interface PaletteLut {
  /** Stored value mapped to entry 0 (values below clamp to entry 0, above to the last). */
  firstMapped: number;
  /** Bits per entry as declared (8 or 16). */
  bits: number;
  red: Uint16Array;
  green: Uint16Array;
  blue: Uint16Array;
}

/** Everything BlockPlan reads from the header. What `blockplan inspect --json` prints, and more. */
export interface DicomMeta {
  sopClassUid?: string;
  sopInstanceUid?: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  seriesNumber?: number;
  seriesDescription?: string;
  studyDescription?: string;
  /** DICOM DA, YYYYMMDD. */
  studyDate?: string;
  /** DICOM TM as stored (HHMMSS.FFFFFF, possibly shorter). */
  studyTime?: string;
  /** Study ID (0020,0010), Accession Number (0008,0050), Referring Physician's Name (0008,0090): the study's identity, copied into the SR. */
  studyId?: string;
  accessionNumber?: string;
  referringPhysicianName?: string;
  manufacturer?: string;
  modelName?: string;
  modality?: string;
  transferSyntaxUid: string;
  transferSyntaxName: string;
  /** True when the file had no File Meta Information (raw data set); the syntax was detected. */
  noFileMeta: boolean;
  rows: number;
  columns: number;
  /** Number of Frames (0028,0008) as declared; 1 when absent. */
  frames: number;
  samplesPerPixel: number;
  photometricInterpretation: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  /** 0 unsigned, 1 two's complement. */
  pixelRepresentation: number;
  /** 0 colour-by-pixel, 1 colour-by-plane; undefined for one sample per pixel. */
  planarConfiguration?: number;
  /** Frame Time (0018,1063), ms, as stored. */
  frameTimeMs?: number;
  /** Frame Time Vector (0018,1065), ms, as stored. */
  frameTimeVectorMs?: number[];
  /** Cine Rate (0018,0040), frames/s. */
  cineRate?: number;
  /** Recommended Display Frame Rate (0008,2144), frames/s. */
  recommendedDisplayFrameRate?: number;
  /** Frame Increment Pointer (0028,0009) as `xGGGGEEEE` tags. */
  frameIncrementPointer?: string[];
  frameRateSource: FrameRateSource;
  /** Sequence of Ultrasound Regions (0018,6011), deltas and units as stored (cm). */
  regions: UltrasoundRegion[];
  /** Rescale Slope/Intercept (modality LUT); 1 and 0 when absent. */
  rescaleSlope: number;
  rescaleIntercept: number;
  /** First Window Center/Width (0028,1050/1051), in modality (rescaled) units. */
  windowCenter?: number;
  windowWidth?: number;
  patient: PatientInfo;
}

/** One frame's compressed bytes: one or more fragments, in order. */
export interface EncapsulatedFrame {
  fragments: Uint8Array[];
}

/** Where the pixel data lives; opaque to callers (decodeFrame reads it). */
export type PixelSource =
  | {
      kind: 'native';
      /** The stored pixel bytes actually present (may be shorter than declared when truncated). */
      data: Uint8Array;
      /** Bytes per frame. */
      frameBytes: number;
      /** Swap byte order of 16/32-bit samples (explicit VR big endian). */
      swap16: boolean;
      /** 8-bit samples stored as big-endian OW: swap bytes within each 16-bit word. */
      swap8InWords: boolean;
    }
  | { kind: 'encapsulated'; frames: EncapsulatedFrame[] };

/** A parsed, validated DICOM image (no pixels decoded yet). Cheap to create: see openDicom. */
export interface DicomImage {
  fileName?: string;
  meta: DicomMeta;
  transferSyntax: TransferSyntaxInfo;
  /** Declared number of frames. */
  frameCount: number;
  /** Complete frames present in the file (0 … frameCount); frames at index ≥ this are missing. */
  availableFrames: number;
  /** Things worth telling the user that did not stop reading (no patient data). */
  warnings: string[];
  timing: FrameTiming;
  calibration: Calibration;
  palette?: PaletteLut;
  pixel: PixelSource;
}

/** A decoded grayscale frame: stored values, for viewer-side window/level. */
export interface GrayFrame {
  kind: 'gray';
  width: number;
  height: number;
  /** Stored pixel values (masked to Bits Stored, sign-extended when signed), row-major. */
  pixels: Uint8Array | Int8Array | Uint16Array | Int16Array | Uint32Array | Int32Array;
  rescaleSlope: number;
  rescaleIntercept: number;
  /** From the file, in modality units. */
  windowCenter?: number;
  windowWidth?: number;
  /** Min and max after the modality LUT (rescale). */
  minValue: number;
  maxValue: number;
  /** MONOCHROME1: low values are displayed bright. */
  invert: boolean;
}

/** A decoded colour frame, already display-ready RGBA8 (alpha 255). */
export interface RgbFrame {
  kind: 'rgb';
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export type DecodedFrame = GrayFrame | RgbFrame;

/** A VOI window in modality units: centre and width as in PS3.3 C.11.2.1.2. */
export interface Voi {
  windowCenter: number;
  windowWidth: number;
}
