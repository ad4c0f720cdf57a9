/**
 * Step 4 of openDicom: the Image Pixel Module (PS3.3 C.7.6.3) and Number of Frames (C.7.6.6), each
 * checked against the others before anything is sized from them.
 */
import type { Result } from '../result';
import type { DicomError } from './errors';
import { fail, type ParseContext } from './parse-context';
import type { Reader } from './reader';
import { Tag } from './tags';

/** Upper bound on Number of Frames accepted (guards absurd values before arrays are sized). */
export const MAX_FRAMES = 100_000;

/** Largest decoded frame accepted by default, bytes (guards absurd Rows × Columns). */
export const DEFAULT_MAX_FRAME_BYTES = 512 * 1024 * 1024;

/** Photometric Interpretations with three samples per pixel (PS3.3 C.7.6.3.1.2). */
const COLOUR_PIS = ['RGB', 'YBR_FULL', 'YBR_FULL_422', 'YBR_PARTIAL_422', 'YBR_PARTIAL_420', 'YBR_RCT', 'YBR_ICT'];
/** Photometric Interpretations with one sample per pixel. */
const GRAY_PIS = ['MONOCHROME1', 'MONOCHROME2', 'PALETTE COLOR'];

/** The validated image pixel attributes. */
export interface ImagePixel {
  rows: number;
  columns: number;
  samplesPerPixel: number;
  /** Upper case, trimmed. */
  photometric: string;
  bitsAllocated: number;
  bitsStored: number;
  highBit: number;
  pixelRepresentation: number;
  planarConfiguration: number | undefined;
  /** Number of Frames as declared (1 when absent). */
  frames: number;
  /** rows × columns × samples × bytes per sample. */
  decodedFrameBytes: number;
}

/** Read and check the Image Pixel Module. `maxFrameBytes` bounds one decoded frame, bytes. */
export function readImagePixel(r: Reader, ctx: ParseContext, maxFrameBytes = DEFAULT_MAX_FRAME_BYTES): Result<ImagePixel, DicomError> {
  const warnings = ctx.warnings;
  const rows = r.u16(Tag.Rows);
  const columns = r.u16(Tag.Columns);
  if (!rows || !columns) return fail(ctx, 'inconsistent-sizes', `Rows ${rows ?? 'missing'} / Columns ${columns ?? 'missing'} do not describe an image.`);
  const samplesPerPixel = r.u16(Tag.SamplesPerPixel) ?? 1;
  const photometric = (r.str(Tag.PhotometricInterpretation) ?? (samplesPerPixel === 3 ? 'RGB' : 'MONOCHROME2')).trim().toUpperCase();
  if (!r.has(Tag.PhotometricInterpretation)) warnings.push(`Photometric Interpretation missing; ${photometric} assumed.`);
  const bitsAllocated = r.u16(Tag.BitsAllocated) ?? 0;
  let bitsStored = r.u16(Tag.BitsStored) ?? bitsAllocated;
  const highBit = r.u16(Tag.HighBit) ?? bitsStored - 1;
  const pixelRepresentation = r.u16(Tag.PixelRepresentation) ?? 0;
  const planarRaw = r.u16(Tag.PlanarConfiguration);
  const planarConfiguration = samplesPerPixel > 1 ? (planarRaw ?? 0) : undefined;
  const declaredFramesRaw = r.num(Tag.NumberOfFrames);
  const frames = declaredFramesRaw === undefined ? 1 : Math.trunc(declaredFramesRaw);

  if (![8, 16, 32].includes(bitsAllocated)) {
    if (bitsAllocated === 1) return fail(ctx, 'unsupported-image', 'The image has 1-bit pixels (a bitmap), which BlockPlan does not display.');
    return fail(ctx, 'inconsistent-sizes', `Bits Allocated ${bitsAllocated} is not valid (8, 16 or 32 expected).`);
  }
  if (bitsStored < 1 || bitsStored > bitsAllocated) {
    warnings.push(`Bits Stored ${bitsStored} does not fit Bits Allocated ${bitsAllocated}; ${bitsAllocated} used.`);
    bitsStored = bitsAllocated;
  }
  if (highBit !== bitsStored - 1) warnings.push(`High Bit ${highBit} is not Bits Stored − 1; pixels read as the low ${bitsStored} bits.`);
  if (pixelRepresentation !== 0 && pixelRepresentation !== 1) return fail(ctx, 'inconsistent-sizes', `Pixel Representation ${pixelRepresentation} is not 0 or 1.`);
  if (!(frames >= 1) || frames > MAX_FRAMES) return fail(ctx, 'inconsistent-sizes', `Number of Frames ${declaredFramesRaw} is not plausible (1 … ${MAX_FRAMES}).`);

  if (COLOUR_PIS.includes(photometric)) {
    if (samplesPerPixel !== 3) return fail(ctx, 'inconsistent-sizes', `${photometric} needs 3 samples per pixel, the file says ${samplesPerPixel}.`);
    // 32-bit colour samples are read as they are and scaled to 8 bits for display (as pydicom reads them).
  } else if (GRAY_PIS.includes(photometric)) {
    if (samplesPerPixel !== 1) return fail(ctx, 'inconsistent-sizes', `${photometric} needs 1 sample per pixel, the file says ${samplesPerPixel}.`);
  } else {
    return fail(ctx, 'unsupported-image', `Photometric Interpretation "${photometric}" is not supported.`);
  }
  if (planarConfiguration !== undefined && planarConfiguration !== 0 && planarConfiguration !== 1) {
    return fail(ctx, 'inconsistent-sizes', `Planar Configuration ${planarConfiguration} is not 0 or 1.`);
  }

  const decodedFrameBytes = rows * columns * samplesPerPixel * (bitsAllocated / 8);
  if (decodedFrameBytes > maxFrameBytes) {
    return fail(ctx, 'inconsistent-sizes', `A frame of ${columns} × ${rows} × ${samplesPerPixel} samples × ${bitsAllocated} bits is larger than BlockPlan accepts (${maxFrameBytes} bytes).`);
  }
  return {
    ok: true,
    value: { rows, columns, samplesPerPixel, photometric, bitsAllocated, bitsStored, highBit, pixelRepresentation, planarConfiguration, frames, decodedFrameBytes },
  };
}
