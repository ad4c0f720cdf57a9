/**
 * The browser's image machinery as the decode workers use it (a worker has createImageBitmap and
 * OffscreenCanvas; Node has neither, so tests without a browser run without it):
 *   - JPEG decoding by the browser's own decoder, off this thread, several frames in flight;
 *   - frames as ImageBitmaps: transferred to the main thread without a copy and drawn by the
 *     viewer's canvas in one step (no putImageData into a scratch canvas first);
 *   - thumbnails encoded as JPEG here, so the main thread only makes a blob: URL.
 */
import type { CodecOutput } from '../../core/dicom/codecs';

export interface BrowserImaging {
  /** Decode a JPEG codestream (given as its fragments) with the browser's decoder, no colour management. */
  decodeJpeg(fragments: readonly Uint8Array[]): Promise<ImageBitmap>;
  /** The RGBA pixels of a bitmap (a new array; for comparisons and greyscale frames). */
  readRgba(bitmap: ImageBitmap): Uint8ClampedArray;
  /** A bitmap of RGBA pixels (copied: `rgba` may be reused once this resolves). */
  fromRgba(rgba: Uint8ClampedArray, width: number, height: number): Promise<ImageBitmap>;
  /** A JPEG thumbnail of a bitmap, longest side ≤ maxPx. */
  thumbnail(bitmap: ImageBitmap, maxPx: number): Promise<{ width: number; height: number; jpeg: Blob }>;
  /**
   * A JPEG thumbnail straight from a JPEG codestream of width × height px: the browser decodes it
   * at the reduced size (libjpeg's DCT scaling), several times cheaper than a full decode.
   */
  jpegThumbnail(fragments: readonly Uint8Array[], width: number, height: number, maxPx: number): Promise<{ width: number; height: number; jpeg: Blob }>;
  /**
   * The browser's decode of an 8-bit greyscale JPEG (the caller checked it has one component) as
   * core's codec output: one sample per pixel, the decoded R = G = B value.
   */
  grayJpeg(bytes: Uint8Array): Promise<CodecOutput>;
}

const BITMAP_OPTIONS: ImageBitmapOptions = { colorSpaceConversion: 'none', premultiplyAlpha: 'none' };
/**
 * JPEG decoding with the default options: Chromium decodes 1.5–2× faster that way (half the CPU
 * per 800 × 600 frame: docs/BENCHMARKS.md, Viewer, issue 19 second pass) than with either option
 * above, and for what reaches it the pixels are the same: a JPEG is opaque (premultiplying changes
 * nothing) and frames with an ICC profile, the only colour management the browser would apply,
 * are never decoded here (native-check.ts nativeCandidateFrame). The per-clip first-frame check
 * still compares the result with the WebAssembly decode sample by sample.
 */
const JPEG_OPTIONS: ImageBitmapOptions = {};

/** Thumbnail size for a w × h frame: longest side maxPx (never larger than the frame). */
function thumbnailSize(w: number, h: number, maxPx: number): { width: number; height: number } {
  const k = Math.max(1, Math.max(w, h) / maxPx);
  return { width: Math.max(1, Math.round(w / k)), height: Math.max(1, Math.round(h / k)) };
}

/** Draw a bitmap at the thumbnail size and encode it as JPEG. */
async function encodeThumbnail(bitmap: ImageBitmap, size: { width: number; height: number }): Promise<{ width: number; height: number; jpeg: Blob }> {
  const c = new OffscreenCanvas(size.width, size.height);
  const g = c.getContext('2d');
  if (!g) throw new Error('no 2D context in this worker');
  g.imageSmoothingEnabled = true;
  g.imageSmoothingQuality = 'medium';
  g.drawImage(bitmap, 0, 0, size.width, size.height);
  return { ...size, jpeg: await c.convertToBlob({ type: 'image/jpeg', quality: 0.85 }) };
}

/** The worker's browser imaging, or undefined where the APIs are missing. */
export function browserImaging(): BrowserImaging | undefined {
  if (typeof createImageBitmap !== 'function' || typeof OffscreenCanvas === 'undefined') return undefined;
  let reader: { canvas: OffscreenCanvas; g: OffscreenCanvasRenderingContext2D } | null = null;
  const readRgba = (bitmap: ImageBitmap): Uint8ClampedArray => {
    const w = bitmap.width;
    const h = bitmap.height;
    if (!reader || reader.canvas.width !== w || reader.canvas.height !== h) {
      const canvas = new OffscreenCanvas(w, h);
      const g = canvas.getContext('2d', { willReadFrequently: true, alpha: true });
      if (!g) throw new Error('no 2D context in this worker');
      reader = { canvas, g };
    }
    const g = reader.g;
    g.globalCompositeOperation = 'copy';
    g.imageSmoothingEnabled = false;
    g.drawImage(bitmap, 0, 0);
    return g.getImageData(0, 0, w, h).data;
  };
  const decodeJpeg = (fragments: readonly Uint8Array[]): Promise<ImageBitmap> =>
    createImageBitmap(new Blob(fragments as Uint8Array<ArrayBuffer>[], { type: 'image/jpeg' }), JPEG_OPTIONS);
  return {
    decodeJpeg,
    readRgba,
    fromRgba: (rgba, width, height) => createImageBitmap(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, width, height), BITMAP_OPTIONS),
    thumbnail: (bitmap, maxPx) => encodeThumbnail(bitmap, thumbnailSize(bitmap.width, bitmap.height, maxPx)),
    async jpegThumbnail(fragments, width, height, maxPx) {
      const size = thumbnailSize(width, height, maxPx);
      const small = await createImageBitmap(new Blob(fragments as Uint8Array<ArrayBuffer>[], { type: 'image/jpeg' }), {
        ...JPEG_OPTIONS,
        resizeWidth: size.width,
        resizeHeight: size.height,
        resizeQuality: 'medium',
      });
      try {
        return await encodeThumbnail(small, size);
      } finally {
        small.close();
      }
    },
    async grayJpeg(bytes) {
      const bitmap = await decodeJpeg([bytes]);
      try {
        const rgba = readRgba(bitmap);
        const n = bitmap.width * bitmap.height;
        const samples = new Uint8Array(n);
        for (let p = 0, i = 0; p < n; p++, i += 4) samples[p] = rgba[i]!;
        return { width: bitmap.width, height: bitmap.height, components: 1, bitsPerSample: 8, signed: false, samples, planar: false };
      } finally {
        bitmap.close();
      }
    },
  };
}
