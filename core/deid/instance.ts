/**
 * One de-identified instance: header (./header.ts), method attributes (./method.ts), pixels
 * (unchanged, or masked and re-encoded by ./pixels.ts), File Meta rebuilt (PS3.10 §7.1) with the new
 * SOP Instance UID and the transfer syntax of the pixel data.
 */
import { ByteWriter } from '../dicom/write/byte-writer';
import { writeFileMeta } from '../dicom/write/part10';
import { asciiValue, findElement, textOf, writeRawElements, EXPLICIT_LE, IMPLICIT_LE, type RawDataset, type RawElement } from './dataset';
import { deidentifyHeader, type HeaderContext, type HeaderResult } from './header';
import { methodElements, withElements } from './method';
import type { ReencodedPixels } from './pixels';

/** Lossy transfer syntaxes (their pixels went through lossy compression once). */
const LOSSY = new Set(['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51', '1.2.840.10008.1.2.4.81', '1.2.840.10008.1.2.4.91', '1.2.840.10008.1.2.4.203']);

export interface InstanceResult {
  bytes: Uint8Array;
  header: HeaderResult;
  sopInstanceUid: string;
  studyInstanceUid?: string;
  seriesInstanceUid?: string;
  transferSyntaxUid: string;
}

export interface InstanceInput {
  dataset: RawDataset;
  ctx: HeaderContext;
  /** Masked pixels, or undefined to keep the original pixel data and transfer syntax. */
  pixels?: ReencodedPixels;
  /** Burned In Annotation (0028,0301) to write: NO after masking (and review), YES when text remains, undefined to keep. */
  burnedInAnnotation?: 'YES' | 'NO';
  /** Size of the original file, bytes (pre-sizes the output buffer). */
  sizeHint?: number;
}

/** Build the de-identified Part 10 file. */
export function buildInstance(input: InstanceInput): InstanceResult {
  const { dataset, ctx, pixels } = input;
  const header = deidentifyHeader(dataset.elements, ctx);
  let els: RawElement[] = header.elements;
  const add: RawElement[] = [...methodElements(ctx.options, pixels !== undefined)];
  if (input.burnedInAnnotation) add.push({ tag: 0x00280301, vr: 'CS', value: asciiValue(input.burnedInAnnotation) });
  let ts = dataset.transferSyntaxUid;
  if (pixels) {
    const drop = new Set(pixels.remove);
    els = els.filter((e) => !drop.has(e.tag));
    add.push(...pixels.set);
    if (LOSSY.has(dataset.transferSyntaxUid) && !findElement(els, 0x00282110)) add.push({ tag: 0x00282110, vr: 'CS', value: asciiValue('01') });
    ts = pixels.transferSyntaxUid;
  } else if (ts === IMPLICIT_LE) {
    ts = EXPLICIT_LE; // the data set is written explicit
  }
  els = withElements(els, add);
  const sop = textOf(findElement(els, 0x00080018)) ?? '';
  const sopClass = textOf(findElement(els, 0x00080016)) ?? '';
  if (!sop || !sopClass) throw new Error('the file has no SOP Class UID or SOP Instance UID');
  // Pre-sized to what will be written (no growth copies for a clip of hundreds of MB).
  const pixelBytes = pixels?.set.reduce((n, e) => n + (e.encapsulated?.fragments.reduce((m, f) => m + f.length + 9, 0) ?? 0), 0) ?? 0;
  const w = new ByteWriter((input.sizeHint ?? 0) + pixelBytes + (1 << 16));
  writeFileMeta(w, { sopClassUid: sopClass, sopInstanceUid: sop, transferSyntaxUid: ts });
  writeRawElements(w, els);
  return {
    bytes: w.toBytes(),
    header,
    sopInstanceUid: sop,
    ...(textOf(findElement(els, 0x0020000d)) ? { studyInstanceUid: textOf(findElement(els, 0x0020000d))! } : {}),
    ...(textOf(findElement(els, 0x0020000e)) ? { seriesInstanceUid: textOf(findElement(els, 0x0020000e))! } : {}),
    transferSyntaxUid: ts,
  };
}
