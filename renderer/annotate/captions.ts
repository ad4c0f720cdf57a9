import { useMemo } from 'react';
import { isSpatialRegion, type Calibration } from '../../core/dicom/calibration';
import { toScreen, type ViewTransform } from '../../core/geometry/view-transform';
import type { Annotation } from '../../core/plan/schema';
import { labelAnchor, layoutCaptions, screenShape, type CaptionRequest, type PlacedCaption } from './screenGeometry';

/** Longest caption drawn on the image before it is shortened with an ellipsis (characters). */
const CAPTION_CHARS = 30;

/** A caption placed on the image: where (screen px), the text drawn and the full text (its tooltip). */
export type Caption = PlacedCaption & { text: string; full: string };

/** The caption drawn for an annotation: its label, and an arrow's text. */
export function captionOf(a: Annotation): string {
  return [a.label, a.kind === 'arrow' ? a.text : ''].filter(Boolean).join(': ');
}

/**
 * Captions of the visible annotations, placed so they do not overlap and stay left of the ultrasound's
 * right edge (the calibrated region, else the image; the viewer's depth scale lives beyond it). Long
 * captions are shortened except on the selected mark. Keyed by annotation id.
 */
export function useCaptions(opts: {
  annotations: readonly Annotation[];
  selectedId: string | null;
  transform: ViewTransform;
  calibration: Calibration | undefined;
  image: { columns: number; rows: number };
  /** Overlay width, CSS px. */
  width: number;
}): Map<string, Caption> {
  const { annotations, selectedId, transform, calibration, image, width } = opts;
  const spatial = (calibration?.regions ?? []).filter(isSpatialRegion);
  const edge = spatial.length ? Math.max(...spatial.map((r) => r.x1 + 1)) : image.columns;
  const corners = [{ x: edge, y: 0 }, { x: edge, y: image.rows }, { x: 0, y: 0 }, { x: 0, y: image.rows }];
  const rightLimit = Math.min(width, Math.max(...corners.map((p) => toScreen(transform, p).x)));
  return useMemo(() => {
    const reqs: (CaptionRequest & { full: string })[] = [];
    for (const a of annotations) {
      if (!a.visible) continue;
      const full = captionOf(a);
      if (!full) continue;
      const text = full.length > CAPTION_CHARS && a.id !== selectedId ? `${full.slice(0, CAPTION_CHARS - 1).trimEnd()}…` : full;
      reqs.push({ id: a.id, anchor: labelAnchor(a, screenShape(a, transform)), text, full });
    }
    const placed = new Map(layoutCaptions(reqs, rightLimit).map((p) => [p.id, p]));
    return new Map(reqs.map((r) => [r.id, { ...placed.get(r.id)!, text: r.text, full: r.full }]));
  }, [annotations, selectedId, transform, rightLimit]);
}
