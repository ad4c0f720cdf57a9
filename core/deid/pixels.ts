/**
 * Masking burned-in text: which rectangles to black out (auto, everything outside the ultrasound
 * regions, or none), applying them to every frame, and re-encoding the frames losslessly — RLE
 * (../dicom/write/rle-encoder.ts) or an injected JPEG-LS encoder — so nothing but the masked pixels
 * changes.
 *
 * Colour frames (RGB, YBR, palette, and lossy JPEG, which decodes to RGB) are written as 8-bit RGB —
 * exactly the pixels BlockPlan displays; greyscale frames keep their stored values, bit depth,
 * signedness and Photometric Interpretation.
 */
import { decodeFrame, type DecodedFrame, type DicomCodecs, type DicomImage } from '../dicom/index';
import { encodeRleFrame, RLE_LOSSLESS } from '../dicom/write/rle-encoder';
import { asciiValue, type RawElement } from './dataset';
import type { ScanResult } from './scan';
import { mergeRects, padRect, type Rect } from './text-detect';

/** How burned-in text is masked. */
export type MaskMode = 'auto' | 'outside-regions' | 'none';

/** Padding around detected text, px. */
export const MASK_PAD_PX = 3;

/** The complement of the regions within the image, as rectangles (row bands with equal runs merged). */
export function outsideRegionRects(width: number, height: number, regions: readonly Rect[]): Rect[] {
  const runsOf = (y: number): [number, number][] => {
    const cover = regions.filter((r) => y >= r.y0 && y < r.y1).map((r) => [Math.max(0, r.x0), Math.min(width, r.x1)] as [number, number]).sort((a, b) => a[0] - b[0]);
    const out: [number, number][] = [];
    let x = 0;
    for (const [a, b] of cover) {
      if (a > x) out.push([x, a]);
      x = Math.max(x, b);
    }
    if (x < width) out.push([x, width]);
    return out;
  };
  const rects: Rect[] = [];
  let open: { runs: string; y0: number; list: [number, number][] } | undefined;
  const close = (y1: number) => {
    if (open) for (const [a, b] of open.list) rects.push({ x0: a, x1: b, y0: open.y0, y1 });
  };
  for (let y = 0; y < height; y++) {
    const list = runsOf(y);
    const key = JSON.stringify(list);
    if (open && open.runs === key) continue;
    close(y);
    open = { runs: key, y0: y, list };
  }
  close(height);
  return rects;
}

/** Grow a rectangle outward to a grid of `grid` px (clipped to the image). */
export function snapRect(r: Rect, grid: number, width: number, height: number): Rect {
  if (grid <= 1) return r;
  return { x0: Math.floor(r.x0 / grid) * grid, y0: Math.floor(r.y0 / grid) * grid, x1: Math.min(width, Math.ceil(r.x1 / grid) * grid), y1: Math.min(height, Math.ceil(r.y1 / grid) * grid) };
}

/**
 * The rectangles to mask for a mode, from a scan (padded by MASK_PAD_PX, merged). `blockPx` snaps
 * detected text outward to the lossy codec's block grid (8 px for JPEG, 16 for subsampled colour):
 * JPEG rings around every glyph inside its blocks, and a mask that stops mid-block leaves faint
 * outlines of the text (measured: up to 7 of 255 just below a 3 px pad).
 */
export function planMasks(mode: MaskMode, scan: ScanResult, width: number, height: number, regions: readonly Rect[], blockPx = 1): Rect[] {
  if (mode === 'none') return [];
  const prep = (r: Rect) => snapRect(padRect(r, MASK_PAD_PX, width, height), blockPx, width, height);
  const inside = scan.insideTextLines.map(prep);
  if (mode === 'outside-regions') return [...outsideRegionRects(width, height, regions), ...mergeRects(inside)];
  return mergeRects([...scan.outsideLines.map(prep), ...inside]);
}

/** The block grid of a lossy transfer syntax for `planMasks` (1 for lossless ones). */
export function lossyBlockPx(transferSyntaxUid: string, samplesPerPixel: number): number {
  const jpeg = ['1.2.840.10008.1.2.4.50', '1.2.840.10008.1.2.4.51'].includes(transferSyntaxUid);
  return jpeg ? (samplesPerPixel === 3 ? 16 : 8) : 1;
}

/** Clip rectangles to the image and drop empty ones. */
export function clipRects(rects: readonly Rect[], width: number, height: number): Rect[] {
  return rects
    .map((r) => ({ x0: Math.max(0, Math.floor(r.x0)), y0: Math.max(0, Math.floor(r.y0)), x1: Math.min(width, Math.ceil(r.x1)), y1: Math.min(height, Math.ceil(r.y1)) }))
    .filter((r) => r.x1 > r.x0 && r.y1 > r.y0);
}

/** Stored value that displays black for a greyscale image. */
export function blackValue(photometric: string, bitsStored: number, signed: boolean): number {
  if (photometric === 'MONOCHROME1') return signed ? 2 ** (bitsStored - 1) - 1 : 2 ** bitsStored - 1;
  return signed ? -(2 ** (bitsStored - 1)) : 0;
}

/** Black out the rectangles in a decoded frame (in place). */
export function maskFrame(frame: DecodedFrame, rects: readonly Rect[], black: number): void {
  const w = frame.width;
  for (const r of rects) {
    for (let y = r.y0; y < r.y1; y++) {
      if (frame.kind === 'gray') frame.pixels.fill(black, y * w + r.x0, y * w + r.x1);
      else
        for (let x = r.x0; x < r.x1; x++) {
          const i = (y * w + x) * 4;
          frame.rgba[i] = 0;
          frame.rgba[i + 1] = 0;
          frame.rgba[i + 2] = 0;
        }
    }
  }
}

/** RGBA8 → interleaved RGB8. */
export function rgbaToRgb(rgba: Uint8Array | Uint8ClampedArray): Uint8Array {
  const n = rgba.length / 4;
  const out = new Uint8Array(n * 3);
  for (let p = 0, i = 0, o = 0; p < n; p++, i += 4, o += 3) {
    out[o] = rgba[i]!;
    out[o + 1] = rgba[i + 1]!;
    out[o + 2] = rgba[i + 2]!;
  }
  return out;
}

function us(tag: number, v: number): RawElement {
  return { tag, vr: 'US', value: new Uint8Array([v & 0xff, v >> 8]) };
}

/** Image Pixel attributes that describe the re-encoded frames and replace the originals. */
const PIXEL_MODULE_TAGS = [0x00280002, 0x00280004, 0x00280006, 0x00280100, 0x00280101, 0x00280102, 0x00280103];
/** Palette attributes dropped when palette colour becomes RGB (PS3.3 C.7.6.3, C.7.9). */
const PALETTE_TAGS = [0x00281101, 0x00281102, 0x00281103, 0x00281199, 0x00281201, 0x00281202, 0x00281203, 0x00281221, 0x00281222, 0x00281223];
/** Offset tables of the old encapsulated data (PS3.5 A.4): stale after re-encoding. */
const STALE_PIXEL_TAGS = [0x7fe00001, 0x7fe00002];

/**
 * A lossless frame encoder (the port for re-encoding masked frames). RLE is built in; JPEG-LS
 * (CharLS WebAssembly) is injected by adapters that load it (core/cli/jpegls-node.ts).
 */
export interface LosslessFrameEncoder {
  transferSyntaxUid: string;
  /** `data` as `decodeRle` returns it: samples colour-by-pixel, little-endian. */
  encode(data: Uint8Array, rows: number, columns: number, samples: number, bytesPerSample: number): Uint8Array;
}

/** RLE Lossless (PS3.5 Annex G), the default. */
export const RLE_ENCODER: LosslessFrameEncoder = { transferSyntaxUid: RLE_LOSSLESS, encode: encodeRleFrame };

/** The masked, re-encoded pixel data and the attributes to replace. */
export interface ReencodedPixels {
  transferSyntaxUid: string;
  /** Elements to set (Image Pixel module, Pixel Data). */
  set: RawElement[];
  /** Tags to remove. */
  remove: number[];
  /** Compressed bytes / uncompressed bytes. */
  ratio: number;
}

/**
 * Decode every frame, black out `rects`, encode RLE Lossless. Frames that fail to decode stop the
 * process with the decoder's error message.
 */
export async function maskAndReencode(img: DicomImage, codecs: DicomCodecs, rects: readonly Rect[], onFrame?: (i: number) => void, encoder: LosslessFrameEncoder = RLE_ENCODER): Promise<ReencodedPixels | string> {
  const m = img.meta;
  const clipped = clipRects(rects, m.columns, m.rows);
  const fragments: Uint8Array[] = [];
  let kind: 'gray' | 'rgb' | undefined;
  let raw = 0;
  let packed = 0;
  const signed = m.pixelRepresentation === 1;
  const black = blackValue(m.photometricInterpretation, m.bitsStored, signed);
  for (let i = 0; i < img.frameCount; i++) {
    const d = await decodeFrame(img, i, codecs);
    if (!d.ok) return d.error.message;
    const f = d.value;
    kind ??= f.kind;
    maskFrame(f, clipped, black);
    let data: Uint8Array;
    let samples: number;
    let bytesPerSample: number;
    if (f.kind === 'gray') {
      data = new Uint8Array(f.pixels.buffer, f.pixels.byteOffset, f.pixels.byteLength);
      samples = 1;
      bytesPerSample = f.pixels.BYTES_PER_ELEMENT;
    } else {
      data = rgbaToRgb(f.rgba);
      samples = 3;
      bytesPerSample = 1;
    }
    const enc = encoder.encode(data, f.height, f.width, samples, bytesPerSample);
    raw += data.length;
    packed += enc.length;
    fragments.push(enc);
    onFrame?.(i);
  }
  const offsets = new Uint8Array(fragments.length * 4);
  const dv = new DataView(offsets.buffer);
  let pos = 0;
  fragments.forEach((f, i) => {
    dv.setUint32(i * 4, pos, true);
    pos += 8 + f.length + (f.length % 2);
  });
  const set: RawElement[] = [{ tag: 0x7fe00010, vr: 'OB', encapsulated: { offsetTable: offsets, fragments } }];
  const remove = [...STALE_PIXEL_TAGS];
  if (kind === 'rgb') {
    set.push(
      us(0x00280002, 3),
      { tag: 0x00280004, vr: 'CS', value: asciiValue('RGB ') },
      us(0x00280006, 0),
      us(0x00280100, 8),
      us(0x00280101, 8),
      us(0x00280102, 7),
      us(0x00280103, 0),
    );
    remove.push(...PALETTE_TAGS);
  }
  return { transferSyntaxUid: encoder.transferSyntaxUid, set, remove, ratio: packed / Math.max(1, raw) };
}

export { PIXEL_MODULE_TAGS };
