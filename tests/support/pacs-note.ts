/**
 * A confirmed procedure note for a case and its clip bytes, built with the same core calls as
 * `blockplan note` (core/cli/commands/note.ts) — for the PACS send-back tests. (When
 * core/app/exportNote lands, this becomes one call to it.)
 */
import { decodeFrame, openDicom, toRgba, type DicomImage } from '../../core/dicom/index';
import { createNodeCodecs } from '../../core/cli/node-codecs';
import { confirmForExport, type ConfirmedNoteDocument, type SourceInstance } from '../../core/notes/document';
import { renderKeyImage, type KeyImage } from '../../core/notes/keyimages';
import { caseNoteDocument, keyImageRequests, lateralityOf } from '../../core/notes/prefill';
import type { ConfirmSide } from '../../core/notes/sbyb';
import { measureClip, type Case } from '../../core/plan/index';

export async function confirmedNote(plan: Case, clipBytes: ReadonlyMap<string, Uint8Array>, side: ConfirmSide, generatedAt = '2025-03-01T15:00:00Z'): Promise<ConfirmedNoteDocument> {
  const images = new Map<string, DicomImage>();
  const sources: SourceInstance[] = [];
  for (const clip of plan.clips) {
    const o = openDicom(clipBytes.get(clip.id)!, { fileName: clip.displayName });
    if (!o.ok) throw new Error(o.error.message);
    images.set(clip.id, o.value);
    const m = o.value.meta;
    sources.push({
      clipId: clip.id,
      label: clip.displayName,
      sopClassUid: m.sopClassUid,
      sopInstanceUid: m.sopInstanceUid,
      studyInstanceUid: m.studyInstanceUid,
      seriesInstanceUid: m.seriesInstanceUid,
      studyDate: m.studyDate,
      studyDescription: m.studyDescription,
      patient: { name: m.patient.name, id: m.patient.id, birthDate: m.patient.birthDate, sex: m.patient.sex },
      frames: o.value.frameCount,
    });
  }
  const measurements = plan.clips.map((c) => measureClip(plan, c.id, images.get(c.id)!.calibration));
  const codecs = createNodeCodecs();
  const keyImages: KeyImage[] = [];
  for (const req of keyImageRequests(plan, measurements)) {
    const img = images.get(req.clipId)!;
    const frame = await decodeFrame(img, req.frameIndex, codecs);
    if (!frame.ok) throw new Error(frame.error.message);
    keyImages.push(renderKeyImage({ width: frame.value.width, height: frame.value.height, data: toRgba(frame.value) }, req.shapes, req.caption, { clipId: req.clipId, frameIndex: req.frameIndex }));
  }
  const built = caseNoteDocument({ plan, measurements, keyImages, sources, generatedAt, app: { name: 'BlockPlan', version: '0.1.0' } });
  if (!built.ok) throw new Error(built.error.title);
  const confirmed = confirmForExport(built.value, side, lateralityOf(plan), { confirmedAt: generatedAt });
  if (!confirmed.ok) throw new Error(confirmed.error.title);
  return confirmed.value;
}
