import { useMemo } from 'react';
import { annotationCaption } from '../../core/app/note/overlays';
import { isSpatialRegion, type Calibration } from '../../core/dicom/calibration';
import { computeAnnotationMetrics } from '../../core/geometry/index';
import type { Segment } from '../../core/geometry/labelLayout';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation } from '../../core/plan/schema';
import { labelAnchor, placeCaptions, screenShape, type CaptionRequest, type PlacedCaption } from './screenGeometry';

/** Longest caption text offered for a crowded spot (characters); the full text is drawn wherever it fits. */
const SHORT_CHARS = 30;

/** A caption placed on the image (screen px) with the full text (its tooltip and accessible name). */
export type Caption = PlacedCaption & { full: string };

/** The caption drawn for an annotation: its label, an arrow's text, and a line's length (without calibration: none). */
export function captionOf(a: Annotation, calibration?: Calibration, image?: { columns: number; rows: number }): string {
  const length = a.kind === 'line' && calibration ? computeAnnotationMetrics(a, [a], calibration, image).length : undefined;
  return annotationCaption(a, length);
}

/** The viewer's text overlays along the top (file, frame, rate, calibration) and its depth scale when drawn inside the canvas (px). */
const TOP_TEXT_PX = 48;
const RULER_PX = 56;

/** Approximate width of 13-px semibold sans text, per character (where no canvas can measure). */
const CHAR_W = 7.4;
let measureCtx: CanvasRenderingContext2D | null | undefined;

/** Width (px) of caption text in the caption font (.ann-label: 600 13px var(--font)). */
export function captionWidth(text: string): number {
  if (measureCtx === undefined) {
    measureCtx = null;
    if (typeof document !== 'undefined' && !/jsdom/i.test(navigator.userAgent)) {
      measureCtx = document.createElement('canvas').getContext('2d');
      const family = getComputedStyle(document.documentElement).getPropertyValue('--font').trim() || 'sans-serif';
      if (measureCtx) measureCtx.font = `600 13px ${family}`;
    }
  }
  return measureCtx ? measureCtx.measureText(text).width : text.length * CHAR_W;
}

/**
 * Captions of the visible annotations, placed by the shared label layout (./screenGeometry
 * `placeCaptions`): inside the overlay and left of the ultrasound's right edge (the calibrated region,
 * else the image; the viewer's depth scale lives beyond it), clear of each other, of the needle paths
 * (`obstacles`, screen px) and of lines and arrows, in full where they fit. The selected mark's caption
 * is placed first. Keyed by annotation id.
 */
export function useCaptions(opts: {
  annotations: readonly Annotation[];
  selectedId: string | null;
  transform: ViewTransform;
  /** The clip's calibration as the case measures it (with a manual calibration): a line's length. */
  calibration: Calibration | undefined;
  image: { columns: number; rows: number };
  /** Overlay size, CSS px. */
  width: number;
  height?: number;
  obstacles?: readonly Segment[];
  /** Captions of marks drawn by another room (the 3D needle: AnnotationLayerProps.extraMarks), screen px, placed with the others. */
  extra?: readonly CaptionRequest[];
}): Map<string, Caption> {
  const { annotations, selectedId, transform, calibration, image, width, height = Infinity, obstacles, extra } = opts;
  const spatial = (calibration?.regions ?? []).filter(isSpatialRegion);
  const edge = spatial.length ? Math.max(...spatial.map((r) => r.x1 + 1)) : image.columns;
  const corners = [{ x: edge, y: 0 }, { x: edge, y: image.rows }, { x: 0, y: 0 }, { x: 0, y: image.rows }];
  const rightLimit = Math.min(width, Math.max(...corners.map((p) => toScreen(transform, p).x)));
  return useMemo(() => {
    const onScreen = (p: { x: number; y: number }) => p.x >= 0 && p.x <= width && p.y >= TOP_TEXT_PX && p.y <= height;
    const reqs: (CaptionRequest & { full: string; y: number })[] = [];
    const segments: Segment[] = [...(obstacles ?? [])];
    for (const a of annotations) {
      if (!a.visible) continue;
      const s = screenShape(a, transform);
      if ((a.kind === 'line' || a.kind === 'arrow') && s.points.length === 2) segments.push({ a: s.points[0]!, b: s.points[1]! });
      const full = captionOf(a, calibration, image);
      if (!full) continue;
      const short = full.length > SHORT_CHARS ? `${full.slice(0, SHORT_CHARS - 1).trimEnd()}…` : undefined;
      // Beside the part of the mark on screen; none for a mark wholly off screen (zoomed in).
      const shown = { ...s, points: s.points.filter(onScreen), handles: s.handles.filter(onScreen) };
      if (shown.points.length === 0 && shown.handles.length === 0) continue;
      if (a.kind === 'arrow' && !onScreen(s.handles[0]!)) continue;
      const anchor = labelAnchor(a, shown);
      reqs.push({ id: a.id, anchor, text: full, short, full, y: a.id === selectedId ? -Infinity : anchor.y });
    }
    for (const r of extra ?? []) if (onScreen(r.anchor)) reqs.push({ ...r, full: r.text, y: r.anchor.y });
    reqs.sort((p, q) => p.y - q.y || p.anchor.x - q.anchor.x);
    const viewport = { x0: 0, y0: TOP_TEXT_PX, x1: Math.max(0, Math.min(rightLimit - 4, width - RULER_PX)), y1: Number.isFinite(height) ? height : 1e6 };
    const placed = placeCaptions(reqs, viewport, segments, captionWidth);
    return new Map(placed.map((p, i) => [p.id, { ...p, full: reqs[i]!.full }]));
  }, [annotations, selectedId, transform, rightLimit, width, height, obstacles, extra, calibration, image]);
}
