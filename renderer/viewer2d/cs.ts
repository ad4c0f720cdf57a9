/**
 * cornerstone-core glue: the `blockplan:` image loader fed by the clip store's decoded frames, the
 * conversion of core's DecodedFrame to a cornerstone image, and the viewport for a view state.
 * The only module (with Viewport/player) that touches cornerstone.
 */
import * as cornerstone from 'cornerstone-core';
import type { CsImage, CsViewport } from 'cornerstone-core';
import { defaultVoi } from '../../core/dicom/pixels';
import type { DecodedFrame } from '../../core/dicom/types';
import type { ViewState } from '../state/viewer';
import type { ViewerFrame } from '../workers/protocol';
import type { ClipStore } from './clips';
import { bitmapRgba } from './frame-pixels';
import { adjustToWindow } from '../state/colourAdjust';

export const SCHEME = 'blockplan';

/** `blockplan:<clipId>:<frame>` */
export const imageIdOf = (clipId: string, frame: number) => `${SCHEME}:${clipId}:${frame}`;

export function parseImageId(id: string): { clipId: string; frame: number } | null {
  const m = /^blockplan:(.+):(\d+)$/.exec(id);
  return m ? { clipId: m[1]!, frame: Number(m[2]) } : null;
}

/** One canvas per viewport holding the colour frame cornerstone draws (its fast path). */
export interface ColourScratch {
  canvas: HTMLCanvasElement;
  holds: DecodedFrame | null;
}

export function createScratch(): ColourScratch {
  return { canvas: document.createElement('canvas'), holds: null };
}

/** Square pixel spacing (mm/px) for cornerstone's aspect handling; 1 when uncalibrated. */
export interface Spacing {
  rowMm: number;
  colMm: number;
}

/**
 * A cornerstone image over a frame (no pixel copy). Grayscale frames keep their stored values so
 * cornerstone applies rescale and window/level. Colour frames use cornerstone's canvas fast path:
 * a bitmap frame is that canvas itself (drawn onto the viewport in one step, the only copy on the
 * way to the screen); an RGBA frame is first put into the viewport's scratch canvas (a second
 * copy; only where the browser gives no bitmaps). Pixel values of a bitmap are read back only if
 * cornerstone asks for them (a colour clip shown inverted).
 */
export function toCornerstoneImage(frame: ViewerFrame, imageId: string, spacing: Spacing, scratch: ColourScratch | null): CsImage {
  const common = {
    imageId,
    rows: frame.height,
    columns: frame.width,
    height: frame.height,
    width: frame.width,
    rowPixelSpacing: spacing.rowMm,
    columnPixelSpacing: spacing.colMm,
  };
  const colour = {
    minPixelValue: 0,
    maxPixelValue: 255,
    slope: 1,
    intercept: 0,
    windowCenter: 128,
    windowWidth: 255,
    color: true,
    rgba: true,
    invert: false,
    sizeInBytes: frame.width * frame.height * 4,
  };
  if (frame.kind === 'bitmap') {
    let rgba: Uint8ClampedArray | null = null;
    const bitmap = frame.bitmap;
    return { ...common, ...colour, getPixelData: () => (rgba ??= bitmapRgba(frame)), getCanvas: () => bitmap as unknown as HTMLCanvasElement };
  }
  if (frame.kind === 'rgb') {
    const rgba = frame.rgba;
    const img: CsImage = { ...common, ...colour, getPixelData: () => rgba };
    if (scratch) {
      img.getCanvas = () => {
        if (scratch.holds !== frame) {
          const c = scratch.canvas;
          if (c.width !== frame.width || c.height !== frame.height) {
            c.width = frame.width;
            c.height = frame.height;
          }
          c.getContext('2d')!.putImageData(new ImageData(rgba as Uint8ClampedArray<ArrayBuffer>, frame.width, frame.height), 0, 0);
          scratch.holds = frame;
        }
        return scratch.canvas;
      };
    }
    return img;
  }
  const voi = defaultVoi(frame);
  const slope = frame.rescaleSlope || 1;
  const a = (frame.minValue - frame.rescaleIntercept) / slope;
  const b = (frame.maxValue - frame.rescaleIntercept) / slope;
  const px = frame.pixels;
  const img: CsImage = {
    ...common,
    minPixelValue: Math.round(Math.min(a, b)),
    maxPixelValue: Math.round(Math.max(a, b)),
    slope,
    intercept: frame.rescaleIntercept,
    windowCenter: voi.windowCenter,
    windowWidth: voi.windowWidth,
    color: false,
    invert: frame.invert,
    sizeInBytes: px.byteLength,
    getPixelData: () => px,
  };
  return img;
}

/** The scale at which an image fits a canvas, given a rotation (as cornerstone lays it out). */
export function fitScale(canvasW: number, canvasH: number, image: Pick<CsImage, 'width' | 'height' | 'rowPixelSpacing' | 'columnPixelSpacing'>, rotationDeg: number): number {
  const rot = Math.abs(rotationDeg) % 180 === 90;
  let ax = 1;
  let ay = 1;
  if (image.rowPixelSpacing < image.columnPixelSpacing) ax = image.columnPixelSpacing / image.rowPixelSpacing;
  else if (image.columnPixelSpacing < image.rowPixelSpacing) ay = image.rowPixelSpacing / image.columnPixelSpacing;
  const w = image.width * ax;
  const h = image.height * ay;
  const [dw, dh] = rot ? [h, w] : [w, h];
  if (!(dw > 0 && dh > 0 && canvasW > 0 && canvasH > 0)) return 1;
  return Math.min(canvasW / dw, canvasH / dh);
}

/** The cornerstone viewport for a view state and image. */
export function toViewport(view: ViewState, image: CsImage, fit: number): CsViewport {
  const scale = view.zoom === 'fit' ? fit : view.zoom;
  return {
    scale,
    translation: { x: view.panX, y: view.panY },
    // Colour: brightness/contrast as cornerstone's per-channel colour window (identity keeps its fast path).
    voi: image.color ? adjustToWindow(view.colour) : (view.voi ? { windowWidth: view.voi.windowWidth, windowCenter: view.voi.windowCenter } : { windowWidth: image.windowWidth, windowCenter: image.windowCenter }),
    invert: image.color ? view.invert : view.invert !== image.invert,
    // Sharp pixels when magnified a lot (the clinician is looking at pixels, not anatomy).
    pixelReplication: scale >= 4,
    rotation: view.rotationDeg,
    hflip: view.hflip,
    vflip: false,
  };
}

let registered = false;

/**
 * Register the `blockplan:` image loader. The loader serves frames from the clip store's cache and
 * asks the decode pool for the others (top priority).
 */
export function registerLoader(store: ClipStore): void {
  if (registered) return;
  registered = true;
  cornerstone.registerImageLoader(SCHEME, (imageId) => {
    const id = parseImageId(imageId);
    const promise = (async () => {
      if (!id) throw new Error(`not a BlockPlan image id: ${imageId}`);
      // The player's own loads (it shows the frame from the store, pinned): its buffer may be recycled once evicted.
      const frame = store.peek(id.clipId, id.frame) ?? (await store.load(id.clipId, id.frame, -1));
      if (!frame) throw new Error(`frame ${id.frame + 1} is not available`);
      const clip = store.get(id.clipId);
      return toCornerstoneImage(frame, imageId, spacingOf(clip?.summary.calibration), null);
    })();
    return { promise };
  });
}

/** Pixel spacing for cornerstone from a calibration status (mm/px; 1 × 1 when uncalibrated). */
export function spacingOf(cal: { unit: 'mm'; mmPerPxX: number; mmPerPxY: number } | { unit: 'px' } | undefined): Spacing {
  if (cal && cal.unit === 'mm' && cal.mmPerPxX > 0 && cal.mmPerPxY > 0) return { rowMm: cal.mmPerPxY, colMm: cal.mmPerPxX };
  return { rowMm: 1, colMm: 1 };
}

export { cornerstone };
