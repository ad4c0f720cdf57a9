/**
 * The small ports the workflows run over. Each platform gives its own implementation: the CLI reads
 * files with Node (core/cli/file-bytes.ts) and decodes with the Node codecs; the app reads through the
 * bridge and decodes in its worker pool (renderer/services). The workflows never touch a platform API.
 */
import type { DicomCodecs } from '../dicom/codecs';
import { decodeFrame } from '../dicom/decode';
import { dicomErrorToAppError } from '../dicom/errors';
import type { DecodedFrame, DicomImage } from '../dicom/types';
import type { Clip } from '../plan/index';
import { err, ok, type AppError, type Result } from '../result';

/**
 * Reads whole files. Errors are AppErrors whose `code` says why: `file/not-found`, `file/not-a-file`
 * (a folder, device or FIFO), `file/too-large`, `file/denied`, `file/read-failed`.
 */
export interface FileBytesPort {
  read(path: string): Promise<Result<Uint8Array>>;
  /** The path of `relative` (a case's clip path, `/`-separated, or absolute) for the case file at `casePath`. */
  resolve(casePath: string, relative: string): string;
}

/** Decodes one frame of a case's clip (the CLI: core/dicom with the Node codecs; the app: its worker pool). */
export interface FrameDecoder {
  decode(clip: Clip, frameIndex: number): Promise<Result<DecodedFrame>>;
}

/** The time of the export and the local UTC offset (FHIR date-times need one). */
export interface Clock {
  /** Now. */
  now(): Date;
  /** This place's offset from UTC at a moment, as "+01:00". */
  utcOffset(at: Date): string;
}

/** "+01:00" from minutes east of UTC. */
export function formatUtcOffset(minutesEast: number): string {
  const a = Math.abs(minutesEast);
  return `${minutesEast >= 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** The system clock and this process's time zone. */
export const systemClock: Clock = {
  now: () => new Date(),
  utcOffset: (at) => formatUtcOffset(-at.getTimezoneOffset()),
};

/** A clock stopped at `iso` (e.g. `--generated-at`), in this process's time zone. */
export function fixedClock(iso: string, zone: Pick<Clock, 'utcOffset'> = systemClock): Clock {
  const at = new Date(iso);
  return { now: () => new Date(at.getTime()), utcOffset: (d) => zone.utcOffset(d) };
}

/**
 * A frame decoder over opened images with core/dicom's decoder (what `blockplan note` uses; the app's
 * worker pool runs the same decoder). `images`: clip id → the clip's opened DICOM image.
 */
export function codecFrameDecoder(images: ReadonlyMap<string, DicomImage>, codecs: DicomCodecs): FrameDecoder {
  return {
    async decode(clip, frameIndex) {
      const img = images.get(clip.id);
      if (!img) return err(clipNotOpen(clip));
      const f = await decodeFrame(img, frameIndex, codecs);
      return f.ok ? ok(f.value) : err({ ...dicomErrorToAppError(f.error), file: clip.displayName });
    },
  };
}

/** The error when a decoder is asked for a clip it has no file for. */
export function clipNotOpen(clip: Pick<Clip, 'displayName'>): AppError {
  return { code: 'note/clip-missing', title: `The clip “${clip.displayName}” is not open, so its frames cannot be drawn.`, file: clip.displayName, action: 'Open the case again with its clip beside it (or locate the clip), then try again.' };
}
