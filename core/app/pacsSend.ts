/**
 * Workflow: send the plan's results back into the study of its clips — the DICOM SR, the note as
 * Encapsulated PDF, and the annotated key images as Secondary Capture — with a status per object.
 *
 * Takes a ConfirmedNoteDocument only (Stop Before You Block has passed) and calls today's note export
 * entry point (core/notes/export `renderNote`) for the SR and the PDF; the DICOM wrappers are
 * core/dicom/write (encapsulated-pdf, secondary-capture). Every object is checked to belong to the
 * target study before anything is sent; nothing is sent when one of them cannot be built.
 */
import dicomParser from 'dicom-parser';
import { decode as decodePng } from 'fast-png';
import type { DicomWebClient } from '../dicomweb/client';
import { storeInstances, type StoreItem, type StoreItemResult } from '../dicomweb/stow';
import type { CancelSignal } from '../dicomweb/transport';
import { writeEncapsulatedPdf } from '../dicom/write/encapsulated-pdf';
import { writeSecondaryCapture } from '../dicom/write/secondary-capture';
import { studyIdentityOf, withStudyIdentity, type StudyIdentity } from '../dicom/write/study-identity';
import type { ConfirmedNoteDocument } from '../notes/document';
import { renderNote } from '../notes/export/index';
import type { PdfFontLoader } from '../notes/export/pdf';
import { err, ok, type AppError, type Result } from '../result';

/** What to send; each can be switched off. */
export interface SendChoice {
  sr: boolean;
  pdf: boolean;
  keyImages: boolean;
}

export interface SendInputs {
  doc: ConfirmedNoteDocument;
  /** One instance of the target study (a clip's bytes): its patient and study identity are copied. */
  studyInstance: Uint8Array;
  choice?: SendChoice;
  /** Export time (Content Date/Time; seeds the UIDs). */
  createdAt: Date;
  /** The PDF's fonts (the CLI reads assets/fonts; the app fetches its bundled copies). */
  fonts?: PdfFontLoader;
}

const ALL: SendChoice = { sr: true, pdf: true, keyImages: true };

function failed(title: string, detail?: string): AppError {
  return { code: 'pacs/build-failed', title, action: 'Nothing was sent. Check the note and the clips, then try again.', ...(detail ? { detail } : {}) };
}

/** The objects to store, each checked to carry the target study's Study Instance UID. */
export async function buildResultObjects(inputs: SendInputs): Promise<Result<{ identity: StudyIdentity; items: StoreItem[] }>> {
  const choice = inputs.choice ?? ALL;
  const identity = studyIdentityOf(inputs.studyInstance);
  if (!identity) return err(failed('The clip has no Study Instance UID, so the results cannot be filed with its study.'));
  const { doc } = inputs;
  const seed = `blockplan-pacs/${identity.studyInstanceUid}/${doc.caseId ?? ''}/${inputs.createdAt.toISOString()}`;
  const items: StoreItem[] = [];

  if (choice.sr) {
    const sr = await renderNote(doc, 'sr');
    if (!sr.ok) return sr;
    if (sr.value.kind !== 'binary') return err(failed('The DICOM SR export gave text, not DICOM.'));
    // Filed with the study: its Accession Number, Study ID, Study Date/Time and Patient module.
    let bytes: Uint8Array;
    try {
      bytes = withStudyIdentity(sr.value.bytes, identity);
    } catch (e) {
      return err(failed('The DICOM SR could not be given the study’s identity.', (e as Error).message));
    }
    items.push({ label: 'Structured report (DICOM SR)', bytes, ...uidsOf(bytes) });
  }
  if (choice.pdf) {
    const pdf = await renderNote(doc, 'pdf', { fonts: inputs.fonts });
    if (!pdf.ok) return pdf;
    if (pdf.value.kind !== 'binary') return err(failed('The PDF export gave text, not a PDF.'));
    try {
      const w = writeEncapsulatedPdf({ pdf: pdf.value.bytes, identity, title: `BlockPlan procedure note${doc.caseTitle ? `: ${doc.caseTitle}` : ''}`, createdAt: inputs.createdAt, uidSeed: seed, app: doc.app });
      items.push({ label: 'Note (Encapsulated PDF)', bytes: w.bytes, sopInstanceUid: w.sopInstanceUid, sopClassUid: w.sopClassUid });
    } catch (e) {
      return err(failed('The note could not be wrapped as DICOM Encapsulated PDF.', (e as Error).message));
    }
  }
  if (choice.keyImages) {
    for (const [k, ki] of doc.keyImages.entries()) {
      const src = doc.sources.find((s) => s.clipId === ki.clipId);
      try {
        const png = decodePng(ki.png);
        const rgba = toRgba(png.data, png.width, png.height, png.channels);
        const w = writeSecondaryCapture({
          rgba,
          width: png.width,
          height: png.height,
          identity,
          source: src?.sopClassUid && src.sopInstanceUid ? { sopClassUid: src.sopClassUid, sopInstanceUid: src.sopInstanceUid, ...(ki.frameIndex !== undefined && (src.frames ?? 1) > 1 ? { frameNumber: ki.frameIndex + 1 } : {}) } : undefined,
          caption: ki.caption,
          createdAt: inputs.createdAt,
          uidSeed: seed,
          index: k + 1,
          app: doc.app,
        });
        items.push({ label: `Key image ${k + 1}: ${ki.caption}`, bytes: w.bytes, sopInstanceUid: w.sopInstanceUid, sopClassUid: w.sopClassUid });
      } catch (e) {
        return err(failed(`Key image ${k + 1} (${ki.caption}) could not be written as DICOM.`, (e as Error).message));
      }
    }
  }
  for (const it of items) {
    const study = studyOf(it.bytes);
    if (study !== identity.studyInstanceUid) {
      return err(failed(`${it.label} belongs to another study than the clip’s, so it is not sent.`, `its Study Instance UID is ${study || '(none)'}; the clip’s is ${identity.studyInstanceUid}. A case with clips of several studies is filed with the first clip's study.`));
    }
  }
  return ok({ identity, items });
}

/** Build, then STOW-RS everything in one request into the study; a status per object. */
export async function sendResults(client: DicomWebClient, inputs: SendInputs, signal?: CancelSignal): Promise<Result<{ studyUid: string; results: StoreItemResult[] }>> {
  const built = await buildResultObjects(inputs);
  if (!built.ok) return built;
  if (built.value.items.length === 0) return err({ code: 'pacs/nothing-to-send', title: 'Nothing was chosen to send.', action: 'Tick the SR, the PDF or the key images.' });
  const stored = await storeInstances(client, built.value.identity.studyInstanceUid, built.value.items, signal);
  return stored.ok ? ok({ studyUid: built.value.identity.studyInstanceUid, results: stored.value }) : stored;
}

function uidsOf(bytes: Uint8Array): { sopInstanceUid: string; sopClassUid: string } {
  const ds = dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' });
  return { sopInstanceUid: ds.string('x00080018')?.trim() ?? '', sopClassUid: ds.string('x00080016')?.trim() ?? '' };
}

function studyOf(bytes: Uint8Array): string {
  try {
    return dicomParser.parseDicom(bytes, { untilTag: 'x7fe00010' }).string('x0020000d')?.trim() ?? '';
  } catch {
    return '';
  }
}

function toRgba(data: ArrayLike<number>, width: number, height: number, channels: number): Uint8Array {
  const n = width * height;
  if (channels === 4 && data instanceof Uint8Array) return data;
  const out = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    if (channels >= 3) {
      out[i * 4] = data[i * channels]!;
      out[i * 4 + 1] = data[i * channels + 1]!;
      out[i * 4 + 2] = data[i * channels + 2]!;
      out[i * 4 + 3] = channels === 4 ? data[i * 4 + 3]! : 255;
    } else {
      const g = data[i * channels]!;
      out.set([g, g, g, channels === 2 ? data[i * 2 + 1]! : 255], i * 4);
    }
  }
  return out;
}
