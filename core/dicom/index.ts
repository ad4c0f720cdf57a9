/**
 * core/dicom — DICOM ultrasound ingest, shared by the CLI, the renderer's decode workers and tests.
 * Framework-free and Node-free: runs unchanged in Node and in a browser Web Worker.
 *
 * Typical use:
 * ```ts
 * const codecs = createCodecs({ loadWasm });            // once per worker / process
 * const opened = openDicom(bytes, { fileName });        // parse + validate, no pixels (fast)
 * if (!opened.ok) show(dicomErrorToAppError(opened.error));
 * const img = opened.value;                            // meta, frameCount, availableFrames, timing, calibration, warnings
 * const f = await decodeFrame(img, 0, codecs);          // Result<DecodedFrame, DicomError>
 * if (f.ok) draw(toRgba(f.value));                      // RGBA8, as `blockplan frames` writes it
 * ```
 *
 * - `openDicom(bytes, { fileName })` → `Result<DicomImage, DicomError>`; never throws.
 * - `DicomImage`: `meta` (DicomMeta: everything `blockplan inspect --json` prints plus UIDs, series,
 *   study, equipment; patient fields only under `meta.patient` — never log them), `frameCount`
 *   (declared), `availableFrames` (complete frames present), `warnings`, `timing` (FrameTiming: per-frame
 *   ms, source, assumed, fps), `calibration` (Calibration from ./calibration; use measurementSpace()).
 * - `decodeFrame(image, index, codecs)` → `Promise<Result<DecodedFrame, DicomError>>`: `{ kind: 'gray',
 *   pixels (stored values), rescaleSlope/Intercept, windowCenter/Width?, minValue/maxValue (modality
 *   units), invert }` or `{ kind: 'rgb', rgba }`.
 * - `toRgba(frame, voi?)` → display-ready RGBA8 (default VOI: the file's window, else the frame's range).
 * - `createCodecs({ loadWasm })` → DicomCodecs. `loadWasm(fileName)` returns the bytes of one of
 *   `CODEC_WASM_FILES[*].fileName` (Node: core/cli/node-codecs.ts; renderer: Vite `?url` + fetch).
 * - `DicomError` { code, message, fileName?, missingFrames?, transferSyntaxUid?, detail? };
 *   `dicomErrorToAppError(e)` for the app's message store.
 *
 * See docs/DICOM.md for supported syntaxes, colour models, the calibration rule, timing precedence
 * and known limits.
 */
export { openDicom, MAX_FRAMES, type OpenDicomOptions } from './parse';
export { decodeFrame, type DecodeOptions } from './decode';
export { toRgba, defaultVoi, rangeWindow, voiLinear } from './pixels';
export { createCodecs, CODEC_WASM_FILES, CodecError, type CodecLoader, type DicomCodecs, type CodecOutput, type WasmCodecName } from './codecs';
export { dicomError, dicomErrorToAppError, type DicomError, type DicomErrorCode } from './errors';
export { frameTiming, ASSUMED_FPS, type TimingAttributes } from './timing';
export { Tag, tagLabel } from './tags';
export { SUPPORTED_TRANSFER_SYNTAXES, transferSyntaxInfo, transferSyntaxName, type TransferSyntaxInfo, type PixelEncoding } from './transfer-syntax';
export type { DicomImage, DicomMeta, DecodedFrame, GrayFrame, RgbFrame, FrameTiming, FrameRateSource, PatientInfo, Voi, PaletteLut } from './types';
export {
  measurementSpace,
  pointInRegion,
  isSpatialRegion,
  regionContaining,
  regionScaleProblem,
  plausibleMmPerPx,
  PLAUSIBLE_MM_PER_PX,
  manualMmPerPx,
  toMm,
  withManualCalibration,
  manualCalibrationFrom,
  MM_PER_UNIT,
  type LengthUnit,
  PHYSICAL_UNITS_CM,
  type Calibration,
  type UltrasoundRegion,
  type MeasurementSpace,
  type ManualCalibration,
  type Point2,
} from './calibration';
