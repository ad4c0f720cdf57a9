// Types for the part of cornerstone-core 2.6 the viewer uses (the package ships none).
declare module 'cornerstone-core' {
  export interface CsVoi {
    windowWidth: number;
    windowCenter: number;
  }
  export interface CsViewport {
    scale: number;
    translation: { x: number; y: number };
    voi: CsVoi;
    invert: boolean;
    pixelReplication: boolean;
    rotation: number;
    hflip: boolean;
    vflip: boolean;
    modalityLUT?: unknown;
    voiLUT?: unknown;
    colormap?: unknown;
    labelmap?: boolean;
    displayedArea?: unknown;
  }
  export interface CsImage {
    imageId: string;
    minPixelValue: number;
    maxPixelValue: number;
    slope: number;
    intercept: number;
    windowCenter: number;
    windowWidth: number;
    getPixelData(): ArrayLike<number>;
    getCanvas?(): HTMLCanvasElement;
    rows: number;
    columns: number;
    height: number;
    width: number;
    color: boolean;
    rgba?: boolean;
    columnPixelSpacing: number;
    rowPixelSpacing: number;
    invert: boolean;
    sizeInBytes: number;
    render?: (enabledElement: CsEnabledElement, invalidated: boolean) => void;
  }
  export interface CsEnabledElement {
    element: HTMLElement;
    canvas: HTMLCanvasElement;
    image?: CsImage;
    viewport?: CsViewport;
  }
  export interface CsTransform {
    m: number[];
  }
  export interface CsImageLoadObject {
    promise: Promise<CsImage>;
    cancelFn?: () => void;
  }
  export type CsImageLoader = (imageId: string, options?: unknown) => CsImageLoadObject;

  export function enable(element: HTMLElement, options?: { renderer?: string }): void;
  export function disable(element: HTMLElement): void;
  export function displayImage(element: HTMLElement, image: CsImage, viewport?: Partial<CsViewport>): void;
  export function setViewport(element: HTMLElement, viewport: Partial<CsViewport>): void;
  export function getViewport(element: HTMLElement): CsViewport | undefined;
  export function resize(element: HTMLElement, forcedResize?: boolean): void;
  export function pixelToCanvas(element: HTMLElement, pt: { x: number; y: number }): { x: number; y: number };
  export function canvasToPixel(element: HTMLElement, pt: { x: number; y: number }): { x: number; y: number };
  export function registerImageLoader(scheme: string, loader: CsImageLoader): void;
  export function loadImage(imageId: string, options?: unknown): Promise<CsImage>;
  export function getEnabledElement(element: HTMLElement): CsEnabledElement;
  export function renderGrayscaleImage(enabledElement: CsEnabledElement, invalidated: boolean): void;
  export function renderColorImage(enabledElement: CsEnabledElement, invalidated: boolean): void;
  export const EVENTS: { IMAGE_RENDERED: string; NEW_IMAGE: string; ELEMENT_RESIZED: string };
  export const internal: {
    calculateTransform(enabledElement: { canvas: { width: number; height: number }; viewport: CsViewport; image: CsImage }, scale?: number): CsTransform;
    getTransform(enabledElement: CsEnabledElement): CsTransform;
  };
  const cornerstone: {
    enable: typeof enable;
    disable: typeof disable;
    displayImage: typeof displayImage;
    setViewport: typeof setViewport;
    getViewport: typeof getViewport;
    resize: typeof resize;
    pixelToCanvas: typeof pixelToCanvas;
    canvasToPixel: typeof canvasToPixel;
    registerImageLoader: typeof registerImageLoader;
    loadImage: typeof loadImage;
    getEnabledElement: typeof getEnabledElement;
    renderGrayscaleImage: typeof renderGrayscaleImage;
    renderColorImage: typeof renderColorImage;
    EVENTS: typeof EVENTS;
    internal: typeof internal;
  };
  export default cornerstone;
}
