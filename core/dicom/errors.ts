import { appError, type AppError } from '../result';

/**
 * Why a DICOM file (or one of its frames) could not be read. Codes are stable: the UI and the CLI
 * switch on them; `message` is one sentence a clinician can act on (names the file when known).
 */
export type DicomErrorCode =
  /** The bytes are not a DICOM file (no DICM prefix and no plausible data set). */
  | 'not-dicom'
  /** The file ends early: header cut, or not every frame is present. */
  | 'truncated'
  /** The pixel data uses a transfer syntax (compression) BlockPlan cannot decode. */
  | 'unsupported-transfer-syntax'
  /** The image uses a pixel layout BlockPlan cannot display (e.g. 12-bit JPEG, 1-bit pixels). */
  | 'unsupported-image'
  /** The file has no Pixel Data (7FE0,0010): a report, structured report or presentation state. */
  | 'no-pixel-data'
  /** Attributes disagree with each other or with the pixel data (rows × columns × frames vs bytes). */
  | 'inconsistent-sizes'
  /** The compressed frame is corrupt or the codec failed. */
  | 'decode-failed'
  /** Asked for a frame index outside 0 … availableFrames-1. */
  | 'frame-out-of-range';

export interface DicomError {
  code: DicomErrorCode;
  /** What is wrong and what to do, naming the file when known. */
  message: string;
  /** The file name given to openDicom, if any. */
  fileName?: string;
  /** For `truncated`: how many declared frames are missing. */
  missingFrames?: number;
  /** For `unsupported-transfer-syntax` (and decode errors): the syntax UID concerned. */
  transferSyntaxUid?: string;
  /** Technical detail (codec message), shown on demand. Never contains patient data. */
  detail?: string;
}

export function dicomError(
  code: DicomErrorCode,
  what: string,
  opts: { fileName?: string; missingFrames?: number; transferSyntaxUid?: string; detail?: string; action?: string } = {},
): DicomError {
  const action = opts.action ?? DEFAULT_ACTIONS[code];
  const prefix = opts.fileName ? `${opts.fileName}: ` : '';
  const e: DicomError = { code, message: `${prefix}${what}${action ? ` ${action}` : ''}` };
  if (opts.fileName !== undefined) e.fileName = opts.fileName;
  if (opts.missingFrames !== undefined) e.missingFrames = opts.missingFrames;
  if (opts.transferSyntaxUid !== undefined) e.transferSyntaxUid = opts.transferSyntaxUid;
  if (opts.detail !== undefined) e.detail = opts.detail;
  return e;
}

const DEFAULT_ACTIONS: Record<DicomErrorCode, string> = {
  'not-dicom': 'Choose a DICOM file (.dcm) exported from the ultrasound machine or PACS.',
  truncated: 'The file may have been copied incompletely; copy or export it again.',
  'unsupported-transfer-syntax': 'Export the clip again uncompressed or as JPEG baseline from the scanner or PACS.',
  'unsupported-image': 'Export the clip again as 8-bit RGB or grayscale from the scanner or PACS.',
  'no-pixel-data': 'This file holds no image; open the image or clip it refers to.',
  'inconsistent-sizes': 'The file is damaged or non-conformant; export it again from the scanner or PACS.',
  'decode-failed': 'The compressed image data is damaged; export the clip again from the scanner or PACS.',
  'frame-out-of-range': '',
};

const TITLES: Record<DicomErrorCode, string> = {
  'not-dicom': 'Not a DICOM file',
  truncated: 'The DICOM file is incomplete',
  'unsupported-transfer-syntax': 'Unsupported DICOM compression',
  'unsupported-image': 'Unsupported image format',
  'no-pixel-data': 'No image in this DICOM file',
  'inconsistent-sizes': 'The DICOM file is inconsistent',
  'decode-failed': 'The image could not be decoded',
  'frame-out-of-range': 'No such frame',
};

/** Convert to the app-wide AppError (code `dicom/<code>`). */
export function dicomErrorToAppError(e: DicomError): AppError {
  const extra: Partial<AppError> = { action: DEFAULT_ACTIONS[e.code] || undefined, detail: e.detail ? `${e.message}\n${e.detail}` : e.message };
  if (e.fileName) extra.file = e.fileName;
  return appError(`dicom/${e.code}`, TITLES[e.code], extra);
}

/** A short text of anything thrown (codecs throw numbers, strings or objects). No stack. */
export function describeThrown(x: unknown): string {
  if (x instanceof Error) return x.message;
  if (typeof x === 'string') return x;
  if (typeof x === 'number') return `codec exception ${x}`;
  if (x && typeof x === 'object' && 'exception' in x) return describeThrown((x as { exception: unknown }).exception);
  try {
    return String(x);
  } catch {
    return 'unknown error';
  }
}
