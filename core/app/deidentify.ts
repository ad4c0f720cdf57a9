/**
 * The de-identification workflow, one function for every adapter (`blockplan deidentify`, the app's
 * de-identify dialog, the teaching bundle): header per PS3.15 Annex E, burned-in text found by the
 * pre-check and OCR and masked, pixels re-encoded losslessly, and the PHI check on every output
 * before the `write` port is called. A hit stops the export and names it.
 *
 * Ports: the DICOM codecs (frame decoder), an OCR engine, random bytes (the key when none is given)
 * and a sink for finished files. Nothing here touches the file system or the network.
 */
import { err, ok, appError, type AppError, type Result } from '../result';
import { openDicom, toRgba, type DicomCodecs, type DicomImage } from '../dicom/index';
import { decodeFrame } from '../dicom/decode';
import { DatasetError, readRawDataset, type RawDataset } from '../deid/dataset';
import { collectIdentifiers, type Identifier } from '../deid/identifiers';
import { buildInstance } from '../deid/instance';
import { DEID_KEY_BYTES, type DeidKey } from '../deid/keyed';
import { DEFAULT_DEID_OPTIONS, type DeidOptions } from '../deid/profile';
import type { HeaderChange, SafePrivateTag } from '../deid/header';
import type { OcrEngine } from '../deid/ocr';
import { checkPhi, describeHit, type PhiHit } from '../deid/phi-check';
import { lossyBlockPx, maskAndReencode, planMasks, type LosslessFrameEncoder, type MaskMode } from '../deid/pixels';
import { scanBurnedInText, type FoundWord, type LumaSource, type ScanOptions, type ScanResult } from '../deid/scan';
import { lumaFromRgba, type Rect } from '../deid/text-detect';

export interface DeidentifyPorts {
  codecs: DicomCodecs;
  ocr: OcrEngine;
  /** Cryptographically random bytes (the key when the request has none). */
  randomBytes(n: number): Uint8Array;
  /** Receives each output after it passed the PHI check. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  /** Lossless encoder for masked frames (default RLE). */
  encoder?: LosslessFrameEncoder;
  /** Progress: (file index, stage, done, total). */
  progress?(file: number, stage: 'scan' | 'mask' | 'check', done: number, total: number): void;
}

export interface DeidentifyFile {
  /** Display name (file name, no patient data). */
  name: string;
  bytes: Uint8Array;
  /** Mask rectangles chosen by the user (the app's review); overrides `mask` for this file. */
  masks?: readonly Rect[];
}

export interface DeidentifyRequest {
  files: readonly DeidentifyFile[];
  options?: Partial<DeidOptions>;
  mask: MaskMode;
  /** Keyed mapping of UIDs and dates; same key → same study UIDs across runs. Random when absent. */
  key?: DeidKey;
  safePrivate?: readonly SafePrivateTag[];
  /** Output name for an input (default `deid-<n>.dcm`, never derived from header values). */
  outputName?: (index: number, input: DeidentifyFile) => string;
  scan?: ScanOptions;
}

/** What happened to one file. Found words are kept for the app's review; adapters decide what to print. */
export interface DeidentifyFileReport {
  input: string;
  output: string;
  sopInstanceUid: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  transferSyntaxUid: string;
  changes: HeaderChange[];
  counts: { removed: number; emptied: number; dummy: number; uids: number; cleaned: number; kept: number; private: number };
  dateShiftDays?: number;
  text: { ocrFrames: number[]; ocrCapped: boolean; words: FoundWord[] };
  masks: Rect[];
  burnedInAnnotation: 'YES' | 'NO' | 'unchanged';
  /** Compressed / uncompressed size of re-encoded frames, when masked. */
  rleRatio?: number;
}

export interface DeidentifyReport {
  files: DeidentifyFileReport[];
  options: DeidOptions;
}

/** A PHI-check failure: the error plus the hits, for the adapters to name. */
export interface PhiCheckFailure extends AppError {
  hits: PhiHit[];
  /** Files already written before the failure (clean ones). */
  written: string[];
}

function fail(code: string, title: string, file: string, detail?: string): Result<never, PhiCheckFailure> {
  return err({ ...appError(code, title, { file, action: 'Check the file and try again.', ...(detail ? { detail } : {}) }), hits: [], written: [] });
}

/** Regions of an image as px rectangles [x0, x1) × [y0, y1). */
export function regionRects(img: DicomImage): Rect[] {
  return img.meta.regions.map((r) => ({ x0: r.x0, y0: r.y0, x1: r.x1 + 1, y1: r.y1 + 1 }));
}

/** A LumaSource over an opened image (decodes each frame when asked). */
export function lumaSource(img: DicomImage, codecs: DicomCodecs): LumaSource {
  return {
    frameCount: img.availableFrames,
    width: img.meta.columns,
    height: img.meta.rows,
    regions: regionRects(img),
    async luma(i) {
      const d = await decodeFrame(img, i, codecs);
      if (!d.ok) throw new Error(d.error.message);
      return lumaFromRgba(toRgba(d.value), img.meta.columns, img.meta.rows);
    },
  };
}

/** Scan one opened image for burned-in text (the app's dialog calls this before the user reviews masks). */
export async function scanImage(img: DicomImage, ports: Pick<DeidentifyPorts, 'codecs' | 'ocr'>, opts?: ScanOptions): Promise<ScanResult> {
  return scanBurnedInText(lumaSource(img, ports.codecs), ports.ocr, opts);
}

function count(changes: readonly HeaderChange[]): DeidentifyFileReport['counts'] {
  const c = { removed: 0, emptied: 0, dummy: 0, uids: 0, cleaned: 0, kept: 0, private: 0 };
  for (const ch of changes) {
    if (ch.name === 'Private Attributes') c.private++;
    else if (ch.action === 'X') c.removed++;
    else if (ch.action === 'Z') c.emptied++;
    else if (ch.action === 'D') c.dummy++;
    else if (ch.action === 'U') c.uids++;
    else if (ch.action === 'C') c.cleaned++;
    else if (ch.action === 'K') c.kept++;
  }
  return c;
}

/**
 * De-identify a set of clips with one key (so UIDs and date shifts agree across them). Outputs are
 * written through `ports.write` one by one, each only after the PHI check found none of the
 * identifying values of any input in it.
 */
export async function deidentify(req: DeidentifyRequest, ports: DeidentifyPorts): Promise<Result<DeidentifyReport, PhiCheckFailure>> {
  const options: DeidOptions = { ...DEFAULT_DEID_OPTIONS, ...req.options };
  const key = req.key ?? ports.randomBytes(DEID_KEY_BYTES);
  const parsed: { ds: RawDataset; img: DicomImage }[] = [];
  for (const f of req.files) {
    const opened = openDicom(f.bytes, { fileName: f.name });
    if (!opened.ok) return fail(`deid/${opened.error.code}`, opened.error.message, f.name);
    try {
      parsed.push({ ds: readRawDataset(f.bytes), img: opened.value });
    } catch (e) {
      return fail('deid/unreadable', `${f.name}: ${e instanceof DatasetError ? e.message : String(e)}`, f.name);
    }
  }
  // The identifying values of every input are checked in every output.
  const identifiers: Identifier[] = parsed.flatMap((p) => collectIdentifiers(p.ds.elements, options));
  const reports: DeidentifyFileReport[] = [];
  const written: string[] = [];
  for (const [idx, file] of req.files.entries()) {
    const { ds, img } = parsed[idx]!;
    const name = req.outputName?.(idx, file) ?? `deid-${String(idx + 1).padStart(3, '0')}.dcm`;
    const scanOpts: ScanOptions = { ...req.scan, onProgress: (d, t) => ports.progress?.(idx, 'scan', d, t) };
    let scan: ScanResult;
    try {
      scan = await scanImage(img, ports, scanOpts);
    } catch (e) {
      return fail('deid/decode-failed', `${file.name}: a frame could not be decoded for the text search (${e instanceof Error ? e.message : String(e)})`, file.name);
    }
    const regions = regionRects(img);
    const masks = file.masks ? [...file.masks] : planMasks(req.mask, scan, img.meta.columns, img.meta.rows, regions, lossyBlockPx(img.meta.transferSyntaxUid, img.meta.samplesPerPixel));
    let pixels;
    if (masks.length > 0) {
      const r = await maskAndReencode(img, ports.codecs, masks, (i) => ports.progress?.(idx, 'mask', i + 1, img.frameCount), ports.encoder);
      if (typeof r === 'string') return fail('deid/decode-failed', r, file.name);
      pixels = r;
    }
    const burned: 'YES' | 'NO' | undefined = pixels ? 'NO' : scan.words.length > 0 ? 'YES' : undefined;
    let built;
    try {
      built = buildInstance({ sizeHint: pixels ? 0 : file.bytes.length, dataset: ds, ctx: { options, key, identifiers, ...(req.safePrivate ? { safePrivate: req.safePrivate } : {}) }, ...(pixels ? { pixels } : {}), ...(burned ? { burnedInAnnotation: burned } : {}) });
    } catch (e) {
      return fail('deid/write-failed', `${file.name}: the de-identified file could not be written (${e instanceof Error ? e.message : String(e)})`, file.name);
    }
    // PHI check: bytes, and OCR of the output frames (the input's OCR when the pixels are unchanged).
    let outWords: FoundWord[] = scan.words;
    if (pixels) {
      const out = openDicom(built.bytes, { fileName: name });
      if (!out.ok) return fail('deid/output-unreadable', `${name}: the de-identified file does not read back (${out.error.message})`, file.name);
      const again = await scanBurnedInText(lumaSource(out.value, ports.codecs), ports.ocr, { ...req.scan, onProgress: (d, t) => ports.progress?.(idx, 'check', d, t) });
      outWords = again.words;
    }
    const ocr = [...groupByFrame(outWords)].map(([frame, words]) => ({ artefact: name, frame, words }));
    const hits = checkPhi(identifiers, [{ name, kind: 'dicom', bytes: built.bytes }], ocr);
    if (hits.length > 0) {
      return err({
        ...appError('deid/phi-found', `Export stopped: ${name} (from ${file.name}) still holds identifying information.`, {
          file: file.name,
          action: hits.some((h) => h.where.startsWith('burned-in')) ? 'Mask the burned-in text (--mask auto or outside-regions, or add a mask rectangle) and try again.' : 'Report this: the header de-identification missed a value.',
          detail: hits.map(describeHit).join('\n'),
        }),
        hits,
        written,
      });
    }
    await ports.write(name, built.bytes);
    written.push(name);
    reports.push({
      input: file.name,
      output: name,
      sopInstanceUid: built.sopInstanceUid,
      ...(built.studyInstanceUid ? { studyInstanceUid: built.studyInstanceUid } : {}),
      ...(built.seriesInstanceUid ? { seriesInstanceUid: built.seriesInstanceUid } : {}),
      transferSyntaxUid: built.transferSyntaxUid,
      changes: built.header.changes,
      counts: count(built.header.changes),
      ...(built.header.dateShiftDays !== undefined ? { dateShiftDays: built.header.dateShiftDays } : {}),
      text: { ocrFrames: scan.ocrFrames, ocrCapped: scan.ocrCapped, words: scan.words },
      masks,
      burnedInAnnotation: burned ?? 'unchanged',
      ...(pixels ? { rleRatio: pixels.ratio } : {}),
    });
  }
  return ok({ files: reports, options });
}

function groupByFrame(words: readonly FoundWord[]): Map<number, FoundWord[]> {
  const m = new Map<number, FoundWord[]>();
  for (const w of words) m.set(w.frame, [...(m.get(w.frame) ?? []), w]);
  return m;
}
