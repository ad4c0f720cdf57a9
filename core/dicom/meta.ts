/**
 * Step 7 of openDicom: the header fields BlockPlan shows and records (DicomMeta), text decoded with
 * the Specific Character Set, patient fields kept apart.
 */
import type { Calibration } from './calibration';
import type { ImagePixel } from './image-pixel';
import type { Reader } from './reader';
import { Tag } from './tags';
import type { TimingAttributes } from './timing';
import type { TransferSyntaxInfo } from './transfer-syntax';
import type { DicomMeta, FrameTiming } from './types';

/** The Cine and Multi-frame timing attributes (PS3.3 C.7.6.5, C.7.6.6), as stored. */
export function readTimingAttributes(r: Reader, frames: number): TimingAttributes {
  return {
    frames,
    frameTimeMs: r.num(Tag.FrameTime),
    frameTimeVectorMs: r.numbers(Tag.FrameTimeVector, 8 * 1024 * 1024),
    cineRate: r.num(Tag.CineRate),
    recommendedDisplayFrameRate: r.num(Tag.RecommendedDisplayFrameRate),
    frameIncrementPointer: r.attributeTags(Tag.FrameIncrementPointer),
  };
}

/** What buildMeta needs besides the readers. */
export interface MetaInputs {
  /** The data set and the File Meta (group 0002), when the file has one. */
  r: Reader;
  fileMeta?: Reader;
  transferSyntaxUid: string;
  ts: TransferSyntaxInfo;
  noFileMeta: boolean;
  img: ImagePixel;
  timingAttributes: TimingAttributes;
  timing: FrameTiming;
  calibration: Calibration;
  warnings: string[];
}

export function buildMeta({ r, fileMeta, transferSyntaxUid, ts, noFileMeta, img, timingAttributes: t, timing, calibration, warnings }: MetaInputs): DicomMeta {
  const rescaleSlope = r.num(Tag.RescaleSlope);
  const rescaleIntercept = r.num(Tag.RescaleIntercept);
  if (r.has(Tag.ModalityLUTSequence)) warnings.push('The Modality LUT Sequence is not applied (Rescale Slope/Intercept are).');
  if (r.has(Tag.VOILUTSequence)) warnings.push('The VOI LUT Sequence is not applied; the window (or the frame range) is used.');
  const wc = r.num(Tag.WindowCenter);
  const ww = r.num(Tag.WindowWidth);
  const windowed = wc !== undefined && ww !== undefined && ww > 0;
  return {
    sopClassUid: r.str(Tag.SOPClassUID) ?? r.str(Tag.MediaStorageSOPClassUID) ?? fileMeta?.str(Tag.MediaStorageSOPClassUID),
    sopInstanceUid: r.str(Tag.SOPInstanceUID),
    studyInstanceUid: r.str(Tag.StudyInstanceUID),
    seriesInstanceUid: r.str(Tag.SeriesInstanceUID),
    seriesNumber: r.num(Tag.SeriesNumber),
    seriesDescription: r.text(Tag.SeriesDescription),
    studyDescription: r.text(Tag.StudyDescription),
    studyDate: r.str(Tag.StudyDate),
    studyTime: r.str(Tag.StudyTime),
    studyId: r.text(Tag.StudyID),
    accessionNumber: r.text(Tag.AccessionNumber),
    referringPhysicianName: r.text(Tag.ReferringPhysicianName, true),
    manufacturer: r.text(Tag.Manufacturer),
    modelName: r.text(Tag.ManufacturerModelName),
    modality: r.str(Tag.Modality),
    transferSyntaxUid,
    transferSyntaxName: ts.name,
    noFileMeta,
    rows: img.rows,
    columns: img.columns,
    frames: img.frames,
    samplesPerPixel: img.samplesPerPixel,
    photometricInterpretation: img.photometric,
    bitsAllocated: img.bitsAllocated,
    bitsStored: img.bitsStored,
    highBit: img.highBit,
    pixelRepresentation: img.pixelRepresentation,
    planarConfiguration: img.planarConfiguration,
    frameTimeMs: t.frameTimeMs,
    frameTimeVectorMs: t.frameTimeVectorMs,
    cineRate: t.cineRate,
    recommendedDisplayFrameRate: t.recommendedDisplayFrameRate,
    frameIncrementPointer: t.frameIncrementPointer,
    frameRateSource: timing.source,
    regions: calibration.regions,
    rescaleSlope: rescaleSlope !== undefined && rescaleSlope !== 0 ? rescaleSlope : 1,
    rescaleIntercept: rescaleIntercept ?? 0,
    windowCenter: windowed ? wc : undefined,
    windowWidth: windowed ? ww : undefined,
    patient: {
      name: r.text(Tag.PatientName, true),
      id: r.text(Tag.PatientID),
      birthDate: r.str(Tag.PatientBirthDate),
      sex: r.str(Tag.PatientSex),
    },
  };
}
