/**
 * renderer/viewer2d's public index: all the rest of the renderer may use of the 2D viewer (ESLint
 * enforces it). Light on purpose, with no cornerstone: the viewer component loads on demand
 * (`Viewer2DLazy`, `preloadViewer`), and so does the clip store (`loadClipStore`).
 *
 * The viewer draws nothing of the plan: it offers an overlay slot (`Viewer2DProps.overlay`) that the
 * shell fills with the annotation tools (renderer/annotate).
 */
export { loadClipStore, preloadViewer, useViewerSetup, Viewer2DLazy } from './setup';
export type { Viewer2DProps, ViewerOverlayProps } from './Viewer2D';
