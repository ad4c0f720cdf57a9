/**
 * What the note needs from a clip's DICOM header, read in this one place for the CLI and the app:
 * its laterality (for the side check) and its identity (the SR joins the clips' study and patient).
 *
 * Patient attributes come from core/dicom's `meta.patient` (which decodes the header's Specific
 * Character Set); they go into the SR's patient module and the identity comparison, nowhere else,
 * and are never logged.
 */
import dicomParser from 'dicom-parser';
import type { DicomImage } from '../dicom/types';
import type { SourceInstance } from '../notes/document';
import type { Clip } from '../plan/index';

/** A clip's laterality attributes as stored ('L', 'R', 'B', 'U' or absent). */
export interface ClipLaterality {
  /** Image Laterality (0020,0062). */
  image?: string;
  /** Laterality (0020,0060), of the series. */
  series?: string;
}

/** Both laterality attributes of a clip (each is a source: a sample may say 'U' for the image and 'L' for the series). */
export function readLaterality(bytes: Uint8Array): ClipLaterality {
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    const image = ds.string('x00200062')?.trim() || undefined;
    const series = ds.string('x00200060')?.trim() || undefined;
    return { ...(image ? { image } : {}), ...(series ? { series } : {}) };
  } catch {
    return {};
  }
}

/** The clip's DICOM identity for the SR (UIDs from the header, else those recorded in the case). */
export function sourceInstance(clip: Clip, image: DicomImage): SourceInstance {
  const m = image.meta;
  return {
    clipId: clip.id,
    label: clip.displayName,
    sopClassUid: m.sopClassUid,
    sopInstanceUid: m.sopInstanceUid ?? clip.sopInstanceUid ?? undefined,
    studyInstanceUid: m.studyInstanceUid ?? clip.studyInstanceUid ?? undefined,
    seriesInstanceUid: m.seriesInstanceUid ?? clip.seriesInstanceUid ?? undefined,
    studyDate: m.studyDate,
    studyTime: m.studyTime,
    studyId: m.studyId,
    accessionNumber: m.accessionNumber,
    referringPhysicianName: m.referringPhysicianName,
    studyDescription: m.studyDescription,
    patient: { name: m.patient.name, id: m.patient.id, birthDate: m.patient.birthDate, sex: m.patient.sex },
    frames: image.frameCount,
  };
}
