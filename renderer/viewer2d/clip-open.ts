/**
 * Opening DICOM files into the clip store — a few files or a study folder of a hundred clips —
 * incrementally and cancellably:
 *
 *   - every file is listed at once (status "reading"), then read one at a time (a couple read
 *     ahead), parsed on the main thread between UI tasks, and listed in its study and series as
 *     soon as it is parsed; list updates are batched (at most every LIST_UPDATE_MS), so a hundred
 *     files do not re-render the file list a hundred times;
 *   - the first clip that opens is put on screen at once, before the rest are read: its first
 *     frame (with its thumbnail) is the most urgent decode, and its playback frames come before
 *     every other clip's thumbnail;
 *   - every other clip gets a thumbnail from one decoded frame, made in a decode worker (the
 *     frame itself never comes to the main thread), after the clip on screen's next 1.5 s of
 *     playback and before its background prefetch;
 *   - Cancel (files panel) stops reading: files not read yet leave the list, thumbnails not made
 *     yet are made when their clip is first shown.
 *
 * Failure rule: a file that cannot be read or opened (or whose first frame cannot be decoded) is
 * marked failed with its reason, reported once, and never stops the other files.
 */
import { dicomErrorToAppError } from '../../core/dicom/errors';
import { openDicom } from '../../core/dicom/parse';
import type { DicomImage, PatientInfo } from '../../core/dicom/types';
import type { AppError, Result } from '../../core/result';
import { summarizeDicom, useFiles, type DicomSummary, type FilePatch, type LoadedFile, type ReadingProgress } from '../state/files';
import { notify, reportError } from '../state/messages';
import { DecodePool } from '../workers/pool';
import type { Thumbnail } from '../workers/protocol';
import type { KeepPlan } from './prefetch';

/** Size of the thumbnails in the file list, px (longest side). */
export const THUMBNAIL_PX = 160;
/** Thumbnail jobs: after the clip on screen's urgent frames (the next 1.5 s), before its background prefetch. */
const THUMBNAIL_PRIORITY = DecodePool.BACKGROUND / 2;
/** Files read ahead of the one being parsed (none until the first clip is on screen). */
const READ_AHEAD = 2;
/** After putting the first clip on screen, reading waits for its first frame at most this long, ms. */
const FIRST_FRAME_WAIT_MS = 1000;
/** Batches of more files than this wait for the first clip's first frame (a few files are read at once). */
const WAIT_FROM_FILES = 8;
/** While a batch is read, the file list is updated at most this often, ms. */
const LIST_UPDATE_MS = 100;

const EMPTY = new Uint8Array(0);

/** An open clip as the clip store keeps it (clips.ts). */
export interface Clip {
  /** The file id in the files store. */
  id: string;
  name: string;
  image: DicomImage;
  summary: DicomSummary;
  /** Shown only when the user turns the patient overlay on. Never logged. */
  patient: PatientInfo;
  /** Bytes of one decoded frame (what the cache budget counts). */
  frameBytes: number;
  /** Size of the DICOM file held in memory, bytes (counts against the memory setting). */
  fileBytes: number;
  /** When the file's bytes were handed to the viewer (performance.now()), for time to first frame. */
  openedAtMs: number;
  firstFrameMs?: number;
  loadStartedAtMs: number;
  loadCancelled: boolean;
  failedFrames: Set<number>;
  reportedFrameFailure: boolean;
  /** The first frame (or its thumbnail) has been decoded: the clip is known to be decodable. */
  firstFrameDecoded: boolean;
  /** What stays decoded (set by schedule). */
  plan?: KeepPlan;
}

/** A file to open: its bytes, or how to read them (large folders are read one file at a time). */
export interface FileToOpen {
  name: string;
  path: string;
  bytes?: Uint8Array;
  read?: () => Promise<Result<Uint8Array>>;
}

/** What the opener needs of the clip store. */
export interface OpenerHost {
  readonly pool: DecodePool;
  register(clip: Clip): void;
  isOpen(clipId: string): boolean;
  /** Put the clip on screen (its first frame is decoded first, with its thumbnail). */
  select(clipId: string): void;
  /** Resolves when the first frame of a clip put on screen has been decoded (or failed). */
  firstFrameLoaded(clipId: string): Promise<void>;
  /** The first frame decoded (true) or failed (its error); a failure fails the clip. */
  firstFrame(clipId: string, outcome: true | AppError): void;
}

/** File-list changes, applied together (one store update, one re-render of the list). */
class ListUpdates {
  private patches = new Map<string, FilePatch>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  set(id: string, patch: FilePatch, now = false): void {
    this.patches.set(id, { ...this.patches.get(id), ...patch });
    if (now) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), LIST_UPDATE_MS);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const p = this.patches;
    this.patches = new Map();
    useFiles.getState().updateMany(p);
  }
}

const list = new ListUpdates();

const yieldToUi = () => new Promise<void>((r) => setTimeout(r, 0));

/** Bytes of one decoded frame of a clip (what the cache budget counts). */
export function decodedFrameBytes(image: DicomImage): number {
  const m = image.meta;
  return m.samplesPerPixel === 3 || m.photometricInterpretation === 'PALETTE COLOR' ? m.rows * m.columns * 4 : m.rows * m.columns * Math.ceil(m.bitsAllocated / 8);
}

/** A thumbnail as a blob: URL for the file list (JPEG from the worker, or RGBA encoded here). */
async function thumbnailUrl(t: Thumbnail): Promise<string | undefined> {
  if (typeof URL === 'undefined' || !URL.createObjectURL) return undefined;
  if (t.jpeg) return URL.createObjectURL(t.jpeg);
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const c = new OffscreenCanvas(t.width, t.height);
  const g = c.getContext('2d');
  if (!g) return undefined;
  g.putImageData(new ImageData(t.rgba as Uint8ClampedArray<ArrayBuffer>, t.width, t.height), 0, 0);
  return URL.createObjectURL(await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 }));
}

/** Show a clip's thumbnail in the file list (batched with other list changes). */
export async function setThumbnail(host: Pick<OpenerHost, 'isOpen'>, clipId: string, t: Thumbnail): Promise<void> {
  const url = await thumbnailUrl(t);
  if (!url) return;
  if (host.isOpen(clipId)) list.set(clipId, { thumbnailUrl: url });
  else URL.revokeObjectURL(url);
}

/** The thumbnail of a clip not on screen, from its first frame, decoded in a worker. */
async function thumbnailJob(host: OpenerHost, clipId: string, rank: number): Promise<void> {
  const r = await host.pool.thumbnail(clipId, 0, THUMBNAIL_PRIORITY + rank, THUMBNAIL_PX);
  if (r === null || !host.isOpen(clipId)) return; // cancelled, or closed meanwhile
  if (!r.ok) {
    list.flush();
    host.firstFrame(clipId, dicomErrorToAppError(r.error));
    return;
  }
  host.firstFrame(clipId, true);
  await setThumbnail(host, clipId, r.value);
}

/**
 * Open files as clips (see the module comment). Resolves with the ids of the clips that opened,
 * once every file has been read and parsed (or the batch was cancelled); first frames and
 * thumbnails follow.
 */
export async function openClipFiles(host: OpenerHost, given: readonly FileToOpen[], opts: { select?: boolean } = {}): Promise<string[]> {
  // A folder comes in no particular order: read it by path, numbers in names compared as numbers
  // (IMG2 before IMG10), so the first clip on screen is the folder's first.
  const files = given.some((f) => !f.bytes) ? [...given].sort((a, b) => a.path.localeCompare(b.path, undefined, { numeric: true, sensitivity: 'base' })) : given;
  const added = useFiles.getState().add(
    files.map((f) => ({ name: f.name, path: f.path, bytes: f.bytes ?? EMPTY })),
    'dicom',
    'reading',
  );
  let cancelled = false;
  const opened: string[] = [];
  const thumbnailsPending: string[] = [];
  let failed = 0;
  let done = 0;
  let selected = !(opts.select ?? true);
  const cancel = () => {
    cancelled = true;
    // Thumbnails not made yet are made when their clip is first shown.
    host.pool.cancelThumbnails(thumbnailsPending);
  };
  const progress = (): ReadingProgress => ({ done, total: files.length, cancel });
  let reading: ReadingProgress | null = files.length > 1 ? progress() : null;
  if (reading) useFiles.getState().setReading(reading);
  const reads: (Promise<Result<Uint8Array>> | undefined)[] = [];
  const startRead = (k: number) => {
    const f = files[k];
    if (!f || reads[k]) return;
    reads[k] = f.bytes ? Promise.resolve({ ok: true as const, value: f.bytes }) : f.read ? f.read() : Promise.resolve({ ok: false as const, error: { code: 'file/unreadable', title: `${f.name} could not be read`, action: 'Open it again.', file: f.name } });
  };
  const fail = (f: LoadedFile, e: AppError) => {
    list.set(f.id, { status: 'failed', error: e, bytes: EMPTY }, true);
    reportError(e);
    failed++;
  };

  let k = 0;
  for (; k < files.length && !cancelled; k++) {
    for (let j = k; j <= k + (selected || files.length <= WAIT_FROM_FILES ? READ_AHEAD : 0); j++) startRead(j);
    const r = await reads[k]!;
    reads[k] = undefined;
    if (cancelled) break;
    const f = added[k]!;
    done++;
    if (!r.ok) fail(f, r.error);
    else {
      const bytes = r.value;
      const o = openDicom(bytes, { fileName: f.name });
      if (!o.ok) fail(f, dicomErrorToAppError(o.error));
      else {
        const image = o.value;
        const summary = summarizeDicom(image, f.path);
        const now = performance.now();
        host.register({
          id: f.id,
          name: f.name,
          image,
          summary,
          patient: image.meta.patient,
          frameBytes: decodedFrameBytes(image),
          fileBytes: bytes.byteLength,
          openedAtMs: now,
          loadStartedAtMs: now,
          loadCancelled: false,
          failedFrames: new Set(),
          reportedFrameFailure: false,
          firstFrameDecoded: false,
        });
        list.set(f.id, { status: 'ready', dicom: summary, bytes }, !selected);
        if (image.availableFrames === 0) {
          host.firstFrame(f.id, { code: 'dicom/truncated', title: 'The DICOM file holds no complete frame', action: 'The file may have been copied incompletely; copy or export it again.', file: f.name });
          failed++;
        } else {
          opened.push(f.id);
          if (!selected) {
            // The first clip: on screen now, before the rest are read.
            selected = true;
            host.select(f.id);
            // Its first frame before anything else: reading the next files would compete for the
            // main thread and the decoders.
            if (files.length > WAIT_FROM_FILES) await Promise.race([host.firstFrameLoaded(f.id), new Promise((r) => setTimeout(r, FIRST_FRAME_WAIT_MS))]);
          } else {
            thumbnailsPending.push(f.id);
            void thumbnailJob(host, f.id, k);
          }
        }
      }
    }
    if (reading) {
      reading = progress();
      useFiles.getState().setReading(reading);
    }
    if (k + 1 < files.length) await yieldToUi();
  }
  list.flush();
  if (cancelled) {
    const unread = new Set(added.slice(k).map((f) => f.id));
    useFiles.getState().removeMany(unread);
    notify(`Stopped reading: ${opened.length} of ${files.length} DICOM files opened${failed ? `, ${failed} could not be opened` : ''}.`, 'info');
  } else if (failed > 0 && opened.length > 0) {
    // Each failure is already reported; say that the rest opened (the files panel lists all).
    notify(`${opened.length} of ${added.length} DICOM files opened; ${failed} could not be opened (see the files panel)`, 'warning');
  }
  if (useFiles.getState().reading?.cancel === cancel) useFiles.getState().setReading(null);
  return opened;
}
