/**
 * Step 5 of openDicom: locate the frames in Pixel Data (7FE0,0010) — native frames by offset, or
 * encapsulated fragments grouped into frames (PS3.5 A.4) — and count the complete ones present.
 */
import type { DataSet, Element } from 'dicom-parser';
import type { Result } from '../result';
import type { DicomError } from './errors';
import { groupFragmentsIntoFrames, scanFragments } from './fragments';
import type { ImagePixel } from './image-pixel';
import { fail, type ParseContext } from './parse-context';
import type { Reader } from './reader';
import { Tag } from './tags';
import type { TransferSyntaxInfo } from './transfer-syntax';
import type { EncapsulatedFrame, PixelSource } from './types';

export interface LocatedPixels {
  pixel: PixelSource;
  /** Complete frames present, 0 … declared. */
  availableFrames: number;
}

/** Find the frames of `pixelEl`. Errors when the data cannot hold even one frame of the declared size. */
export function locatePixelData(ds: DataSet, pixelEl: Element, r: Reader, ts: TransferSyntaxInfo, img: ImagePixel, ctx: ParseContext): Result<LocatedPixels, DicomError> {
  const byteArray = ds.byteArray as Uint8Array;
  const encapsulated = pixelEl.encapsulatedPixelData === true || pixelEl.length === 0xffffffff || pixelEl.hadUndefinedLength === true;
  let located: Result<LocatedPixels, DicomError>;
  if (ts.encoding === 'native') {
    if (encapsulated) return fail(ctx, 'inconsistent-sizes', `The pixel data is encapsulated (compressed) but the transfer syntax is ${ts.name}.`);
    located = locateNative(byteArray, pixelEl, ts, img, ctx);
  } else {
    if (!encapsulated) return fail(ctx, 'inconsistent-sizes', `The transfer syntax is ${ts.name} but the pixel data is not encapsulated.`);
    located = { ok: true, value: locateEncapsulated(byteArray, pixelEl, r, ts, img.frames, ctx.warnings) };
  }
  if (!located.ok) return located;
  const { frames } = img;
  const { availableFrames } = located.value;
  if (availableFrames === 0) return fail(ctx, 'truncated', `The file holds no complete frame (${frames} declared).`, { missingFrames: frames });
  const missing = frames - availableFrames;
  if (missing > 0) ctx.warnings.push(`${missing} of ${frames} frames are missing (the file is incomplete); ${availableFrames} can be shown.`);
  return located;
}

function locateNative(byteArray: Uint8Array, pixelEl: Element, ts: TransferSyntaxInfo, img: ImagePixel, ctx: ParseContext): Result<LocatedPixels, DicomError> {
  const { rows, columns, photometric, frames, bitsAllocated } = img;
  const start = pixelEl.dataOffset;
  const declared = pixelEl.length;
  if (start > byteArray.length) return fail(ctx, 'truncated', 'The file ends before its pixel data.');
  const present = Math.min(declared, byteArray.length - start);
  // YBR_FULL_422 / YBR_PARTIAL_422 native data holds 2 samples per pixel (PS3.3 C.7.6.3.1.2).
  const subsampled = photometric === 'YBR_FULL_422' || photometric === 'YBR_PARTIAL_422';
  if (subsampled && columns % 2 !== 0) return fail(ctx, 'inconsistent-sizes', `${photometric} needs an even number of columns; the image has ${columns}.`);
  const frameBytes = subsampled ? rows * columns * 2 * (bitsAllocated / 8) : img.decodedFrameBytes;
  const expected = frameBytes * frames;
  if (declared < expected) {
    // The element itself is too short for the declared frames: trust the bytes, report it.
    const fit = Math.floor(declared / frameBytes);
    if (fit === 0) return fail(ctx, 'inconsistent-sizes', `Pixel Data holds ${declared} bytes; one ${columns} × ${rows} frame needs ${frameBytes}.`);
    ctx.warnings.push(`Pixel Data holds ${fit} of ${frames} declared frames.`);
  }
  if (declared > present) {
    // The length field promises more than the file holds (a writer or copy error); frames that are
    // all there are shown, and the user is told — the missing-frames warning follows otherwise.
    const what = `Pixel Data declares ${declared} bytes but the file ends after ${present}`;
    ctx.warnings.push(present >= expected ? `${what}; all ${frames} frame(s) are present and shown.` : `${what}.`);
  } else if (declared > expected + 1) {
    ctx.warnings.push(`Pixel Data is ${declared - expected} bytes longer than ${frames} frame(s) need; the extra bytes are ignored.`);
  }
  return {
    ok: true,
    value: {
      availableFrames: Math.min(frames, Math.floor(present / frameBytes)),
      pixel: {
        kind: 'native',
        data: byteArray.subarray(start, start + Math.min(present, expected)),
        frameBytes,
        swap16: ts.bigEndian && bitsAllocated > 8,
        swap8InWords: ts.bigEndian && bitsAllocated === 8 && pixelEl.vr === 'OW',
      },
    },
  };
}

function locateEncapsulated(byteArray: Uint8Array, pixelEl: Element, r: Reader, ts: TransferSyntaxInfo, frames: number, warnings: string[]): LocatedPixels {
  const scan = scanFragments(byteArray, pixelEl.dataOffset);
  if (scan.warning) warnings.push(scan.warning);
  const eot = readExtendedOffsetTable(r, warnings);
  const grouped = groupFragmentsIntoFrames(scan, frames, ts.encoding, eot);
  if (grouped.warning) warnings.push(grouped.warning);
  const framesOut: EncapsulatedFrame[] = grouped.frames.map((idx) => ({ fragments: idx.map((i) => scan.fragments[i]!.data) }));
  let availableFrames = 0;
  while (availableFrames < framesOut.length && grouped.complete[availableFrames]) availableFrames++;
  if (grouped.frames.length > frames) warnings.push(`The pixel data holds ${grouped.frames.length} frames; ${frames} declared, the rest ignored.`);
  return { availableFrames, pixel: { kind: 'encapsulated', frames: framesOut.slice(0, availableFrames) } };
}

/** Extended Offset Table (7FE0,0001) and lengths (7FE0,0002): 64-bit values (PS3.3 C.7.6.3.1.8). */
function readExtendedOffsetTable(r: Reader, warnings: string[]): { offsets: number[]; lengths: number[] } | undefined {
  const o = r.bytes(Tag.ExtendedOffsetTable);
  const l = r.bytes(Tag.ExtendedOffsetTableLengths);
  if (!o) return undefined;
  if (!l || o.length !== l.length || o.length % 8 !== 0) {
    warnings.push('The Extended Offset Table is malformed; frames are found from the fragments instead.');
    return undefined;
  }
  const read = (b: Uint8Array) => {
    const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
    const out: number[] = [];
    for (let i = 0; i < b.length; i += 8) out.push(dv.getUint32(i, true) + dv.getUint32(i + 4, true) * 0x100000000);
    return out;
  };
  return { offsets: read(o), lengths: read(l) };
}
