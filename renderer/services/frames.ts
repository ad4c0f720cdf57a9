/**
 * Decoded frames of the case's clips for the note: key images and the annotated clip.
 *
 * Frames come from the viewer's clip store (renderer/viewer2d/clips.ts): its budgeted frame cache
 * when the frame is there, else its decode worker pool — so a frame the viewer already decoded is
 * never decoded again. A case clip is matched to an open file by SHA-256; when the file is not open
 * (the viewer shows other files) its bytes are opened in the store without changing the view.
 */
import { clipNotOpen, openClips, renderKeyImages as renderCaseKeyImages, type ClipLoad, type FrameDecoder, type KeyImagesResult, type OpenedCase } from '../../core/app/index';
import { toRgba } from '../../core/dicom/pixels';
import type { DecodedFrame } from '../../core/dicom/types';
import type { KeyImage, RgbaImage } from '../../core/notes/keyimages';
import type { Case, ClipMeasurements } from '../../core/plan/index';
import { appError, err, ok, type Result } from '../../core/result';
import { bridge } from '../bridge';
import type { CaseFileInfo, ClipRuntime } from '../state/case';
import { useFiles } from '../state/files';
import { openFileOfClip } from '../state/fileOfClip';
import { loadClipStore } from '../viewer2d';

type CaseClip = Case['clips'][number];

const store = loadClipStore;

/** The open file (files-store id) holding a case clip's bytes, matched by SHA-256. */
export function openFileFor(clip: Pick<CaseClip, 'sha256'>): { id: string; bytes: Uint8Array; name: string } | undefined {
  return openFileOfClip(clip, useFiles.getState().files.filter((f) => f.status === 'ready'));
}

/** The bytes of a case clip: the open file's, the runtime's, or read again from where it was. */
export async function clipBytes(clip: CaseClip, rt: ClipRuntime | undefined): Promise<Result<Uint8Array>> {
  const open = openFileFor(clip);
  if (open) return ok(open.bytes);
  if (rt?.bytes) return ok(rt.bytes);
  if (rt?.onDisk) {
    const r = await bridge().readFile(rt.location);
    if (r.ok) return ok(r.value.bytes);
  }
  return err(clipNotOpen(clip));
}

/** The clip store id of a case clip, opening its bytes in the store (without showing it) when needed. */
export async function ensureClipOpen(clip: CaseClip, rt: ClipRuntime | undefined): Promise<Result<string>> {
  const open = openFileFor(clip);
  const s = await store();
  if (open && s.get(open.id)) return ok(open.id);
  const bytes = await clipBytes(clip, rt);
  if (!bytes.ok) return bytes;
  const ids = await s.openFiles([{ path: rt?.location ?? clip.path, name: clip.displayName, bytes: bytes.value }], { select: false });
  if (!ids[0]) return err(appError('note/clip-unreadable', `The clip “${clip.displayName}” could not be opened.`, { file: clip.displayName, action: 'See the files panel for the reason.' }));
  return ok(ids[0]);
}

/**
 * One decoded frame: from the viewer's cache when there, else decoded by its worker pool. The viewer
 * may cancel queued jobs while it plays, so a cancelled request is asked again.
 */
export async function decodedFrame(fileId: string, index: number): Promise<Result<DecodedFrame>> {
  const s = await store();
  const cached = s.frame(fileId, index);
  if (cached) return ok(cached);
  for (let attempt = 0; attempt < 8; attempt++) {
    const f = await s.request(fileId, index, -500 + index);
    if (f) return ok(f);
    const clip = s.get(fileId);
    if (!clip || clip.failedFrames.has(index)) break;
    await new Promise((r) => setTimeout(r, 50 * (attempt + 1)));
  }
  return err(appError('note/frame-failed', `Frame ${index + 1} could not be decoded.`, { action: 'Check the clip in the viewer; the files panel names the problem.' }));
}

/** Display-ready RGBA of a decoded frame (grayscale through the file's window, as `blockplan frames`). */
export function frameRgba(f: DecodedFrame): RgbaImage {
  return { width: f.width, height: f.height, data: toRgba(f) };
}

// ---------------------------------------------------------------------------------------------
// The open case for core/app workflows

/**
 * The open case with its clips opened by core/app (`openClips`: SHA-256, DICOM header, laterality,
 * identity) from the bytes the app holds — what the export workflow and `blockplan note` both check.
 */
export async function openedCase(plan: Case, runtimes: Record<string, ClipRuntime>, file: Pick<CaseFileInfo, 'path' | 'name' | 'bundled'>): Promise<OpenedCase> {
  const loads: ClipLoad[] = [];
  for (const clip of plan.clips) {
    const rt = runtimes[clip.id];
    loads.push({ clip, location: rt?.location ?? clip.path, bytes: await clipBytes(clip, rt) });
  }
  const name = file.name ?? 'unsaved case';
  return openClips(plan, { location: file.path ?? name, name, bundled: file.bundled }, loads);
}

/** Per-frame durations of a clip, ms (core/dicom timing: Frame Time, Frame Time Vector, Cine Rate …). */
export function clipFrameTimes(fileId: string): number[] {
  return useFiles.getState().files.find((f) => f.id === fileId)?.dicom?.frameTimesMs ?? [];
}

// ---------------------------------------------------------------------------------------------
// Key images

/** The app's frame decoder port: frames from the viewer's cache or its decode worker pool. */
export function viewerFrameDecoder(runtimes: Record<string, ClipRuntime>): FrameDecoder {
  const ids = new Map<string, Result<string>>();
  return {
    async decode(clip, frameIndex) {
      if (!ids.has(clip.id)) ids.set(clip.id, await ensureClipOpen(clip, runtimes[clip.id]));
      const id = ids.get(clip.id)!;
      if (!id.ok) return id;
      return decodedFrame(id.value, frameIndex);
    },
  };
}

/** Key images drawn before (shared by the preview and the export, so only changed ones are drawn again). */
export const keyImageCache = new Map<string, KeyImage>();

/** Lets the UI breathe between two key images. */
export const breathe = () => new Promise<void>((res) => setTimeout(res, 0));

/**
 * The case's key images for the preview, through core/app (the same requests, decoder port and
 * pixels as the export and `blockplan note`).
 */
export function renderKeyImages(plan: Case, measurements: readonly ClipMeasurements[], runtimes: Record<string, ClipRuntime>, onProgress?: (done: number, total: number) => void): Promise<KeyImagesResult> {
  return renderCaseKeyImages(plan, measurements, viewerFrameDecoder(runtimes), { cache: keyImageCache, onProgress, yieldBetween: breathe });
}
