/**
 * Decoded frames of the case's clips for the note: key images and the annotated clip.
 *
 * Frames come from the viewer's clip store (renderer/viewer2d/clips.ts): its budgeted frame cache
 * when the frame is there, else its decode worker pool — so a frame the viewer already decoded is
 * never decoded again. A case clip is matched to an open file by SHA-256; when the file is not open
 * (the viewer shows other files) its bytes are opened in the store without changing the view.
 */
import dicomParser from 'dicom-parser';
import { openDicom } from '../../../core/dicom/parse';
import { toRgba } from '../../../core/dicom/pixels';
import type { DecodedFrame, DicomImage } from '../../../core/dicom/types';
import type { SourceInstance } from '../../../core/notes/document';
import { renderKeyImage, type KeyImage, type RgbaImage } from '../../../core/notes/keyimages';
import { keyImageRequests, type KeyImageRequest } from '../../../core/notes/prefill';
import type { Case, ClipMeasurements } from '../../../core/plan/index';
import { appError, err, ok, type AppError, type Result } from '../../../core/result';
import { bridge } from '../../bridge';
import { clipFacts } from '../../../core/plan/clip-facts';
import type { ClipRuntime } from '../../state/case';
import { useFiles } from '../../state/files';
import { loadClipStore } from '../../viewer2d';

type CaseClip = Case['clips'][number];

const store = loadClipStore;

/** The open file (files-store id) holding a case clip's bytes, matched by SHA-256. */
export function openFileFor(clip: Pick<CaseClip, 'sha256'>): { id: string; bytes: Uint8Array; name: string } | undefined {
  return useFiles.getState().files.find((f) => {
    if (f.kind !== 'dicom' || f.status !== 'ready' || f.bytes.byteLength === 0) return false;
    const facts = clipFacts(f.bytes, f.name);
    return facts.ok && facts.value.sha256 === clip.sha256;
  });
}

/** The bytes of a case clip: the open file's, the runtime's, or read again from where it was. */
async function clipBytes(clip: CaseClip, rt: ClipRuntime | undefined): Promise<Result<Uint8Array>> {
  const open = openFileFor(clip);
  if (open) return ok(open.bytes);
  if (rt?.bytes) return ok(rt.bytes);
  if (rt?.onDisk) {
    const r = await bridge().readFile(rt.location);
    if (r.ok) return ok(r.value.bytes);
  }
  return err(
    appError('note/clip-missing', `The clip “${clip.displayName}” is not open, so its frames cannot be drawn into the note.`, {
      file: clip.displayName,
      action: 'Open the case again with its clip beside it (or locate the clip), then export again.',
    }),
  );
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
// Clip identity (SR linkage) and laterality (Stop Before You Block)

const headers = new WeakMap<Uint8Array, { image: DicomImage | null; laterality?: string }>();

function headerOf(bytes: Uint8Array, name: string): { image: DicomImage | null; laterality?: string } {
  const hit = headers.get(bytes);
  if (hit) return hit;
  const opened = openDicom(bytes, { fileName: name });
  let laterality: string | undefined;
  try {
    const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
    laterality = ds.string('x00200062')?.trim() || ds.string('x00200060')?.trim() || undefined;
  } catch {
    laterality = undefined;
  }
  const v = { image: opened.ok ? opened.value : null, laterality };
  headers.set(bytes, v);
  return v;
}

/**
 * The DICOM identity of each clip (for the SR's references and patient/study linkage) and its
 * laterality (0020,0062)/(0020,0060) for Stop Before You Block. Read from the header only; patient
 * attributes go into the SR and nowhere else.
 */
export async function clipSources(plan: Case, runtimes: Record<string, ClipRuntime>): Promise<{ sources: SourceInstance[]; laterality: Map<string, string | undefined> }> {
  const sources: SourceInstance[] = [];
  const laterality = new Map<string, string | undefined>();
  for (const clip of plan.clips) {
    const bytes = await clipBytes(clip, runtimes[clip.id]);
    const h = bytes.ok ? headerOf(bytes.value, clip.displayName) : { image: null };
    const m = h.image?.meta;
    laterality.set(clip.id, 'laterality' in h ? h.laterality : undefined);
    sources.push({
      clipId: clip.id,
      label: clip.displayName,
      sopClassUid: m?.sopClassUid,
      sopInstanceUid: m?.sopInstanceUid ?? clip.sopInstanceUid ?? undefined,
      studyInstanceUid: m?.studyInstanceUid ?? clip.studyInstanceUid ?? undefined,
      seriesInstanceUid: m?.seriesInstanceUid ?? clip.seriesInstanceUid ?? undefined,
      studyDate: m?.studyDate,
      studyDescription: m?.studyDescription,
      ...(m ? { patient: { name: m.patient.name, id: m.patient.id, birthDate: m.patient.birthDate, sex: m.patient.sex } } : {}),
      frames: h.image?.frameCount ?? clip.frameCount,
    });
  }
  return { sources, laterality };
}

/** Per-frame durations of a clip, ms (core/dicom timing: Frame Time, Frame Time Vector, Cine Rate …). */
export function clipFrameTimes(fileId: string): number[] {
  return useFiles.getState().files.find((f) => f.id === fileId)?.dicom?.frameTimesMs ?? [];
}

// ---------------------------------------------------------------------------------------------
// Key images

const keyImageCache = new Map<string, KeyImage>();
const KEY_IMAGE_CACHE_MAX = 48;

/** What makes a key image: the clip's bytes and the request (frame, shapes, caption). */
const keyImageKey = (clip: CaseClip, r: KeyImageRequest) => `${clip.sha256}|${JSON.stringify(r)}`;

export interface KeyImagesResult {
  images: KeyImage[];
  errors: AppError[];
}

/**
 * The case's key images (core/notes keyImageRequests: the key frames, or the needle-path frames when
 * there are none) with annotations and measurements burned in by core/notes (the same pixels the CLI
 * writes). Rendered images are remembered, so only changed ones are drawn again.
 */
export async function renderKeyImages(
  plan: Case,
  measurements: readonly ClipMeasurements[],
  runtimes: Record<string, ClipRuntime>,
  onProgress?: (done: number, total: number) => void,
): Promise<KeyImagesResult> {
  const reqs = keyImageRequests(plan, measurements);
  const images: KeyImage[] = [];
  const errors: AppError[] = [];
  const fileIds = new Map<string, Result<string>>();
  let done = 0;
  onProgress?.(0, reqs.length);
  for (const r of reqs) {
    const clip = plan.clips.find((c) => c.id === r.clipId);
    if (!clip) continue;
    const k = keyImageKey(clip, r);
    const hit = keyImageCache.get(k);
    if (hit) {
      images.push(hit);
    } else {
      if (!fileIds.has(clip.id)) fileIds.set(clip.id, await ensureClipOpen(clip, runtimes[clip.id]));
      const id = fileIds.get(clip.id)!;
      if (!id.ok) {
        if (!errors.some((e) => e.file === id.error.file)) errors.push(id.error);
      } else {
        const f = await decodedFrame(id.value, r.frameIndex);
        if (!f.ok) errors.push({ ...f.error, title: `${clip.displayName}: ${f.error.title}` });
        else {
          const img = renderKeyImage(frameRgba(f.value), r.shapes, r.caption, { clipId: r.clipId, frameIndex: r.frameIndex });
          keyImageCache.set(k, img);
          if (keyImageCache.size > KEY_IMAGE_CACHE_MAX) keyImageCache.delete(keyImageCache.keys().next().value!);
          images.push(img);
        }
      }
    }
    onProgress?.(++done, reqs.length);
    await new Promise((res) => setTimeout(res, 0)); // let the UI breathe between images
  }
  return { images, errors };
}
