/**
 * Frames as the viewer holds them (renderer/workers/protocol.ts ViewerFrame): core's decoded frame
 * (greyscale stored values, or RGBA) or, for colour in the browser, an ImageBitmap. The display
 * draws bitmaps directly; everything that needs pixel values (note export, a colour clip shown
 * inverted) reads them back here, once, as core's RGBA.
 */
import type { DecodedFrame } from '../../core/dicom/types';
import type { BitmapFrame, ViewerFrame } from '../workers/protocol';

let reader: { canvas: OffscreenCanvas; g: OffscreenCanvasRenderingContext2D } | null = null;

/** The RGBA of a bitmap frame (a new array, as core's decodeFrame would have returned it). */
export function bitmapRgba(f: BitmapFrame): Uint8ClampedArray {
  if (!reader || reader.canvas.width !== f.width || reader.canvas.height !== f.height) {
    const canvas = new OffscreenCanvas(f.width, f.height);
    const g = canvas.getContext('2d', { willReadFrequently: true });
    if (!g) throw new Error('no 2D canvas context');
    reader = { canvas, g };
  }
  reader.g.globalCompositeOperation = 'copy';
  reader.g.drawImage(f.bitmap, 0, 0);
  return reader.g.getImageData(0, 0, f.width, f.height).data;
}

/** A frame as core's DecodedFrame: itself, or a bitmap's pixels read back. */
export function asDecoded(f: ViewerFrame): DecodedFrame {
  return f.kind === 'bitmap' ? { kind: 'rgb', width: f.width, height: f.height, rgba: bitmapRgba(f) } : f;
}

/** The buffer of a greyscale/RGBA frame's pixels (bitmaps have none). */
export const pixelBuffer = (f: DecodedFrame): ArrayBuffer => (f.kind === 'rgb' ? f.rgba.buffer : f.pixels.buffer) as ArrayBuffer;
