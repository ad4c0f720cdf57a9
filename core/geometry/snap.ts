import { isSpatialRegion, pointInRegion, type Calibration } from '../dicom/calibration';
import type { Point2 } from './point';

/**
 * How close (screen px) a point placed just outside a calibrated ultrasound region must be to be
 * pulled onto its edge. The needle entry sits on the skin line, which is the region's top edge: a
 * click half a pixel above it would otherwise leave the region and turn every number into px.
 */
export const REGION_SNAP_PX = 8;

/**
 * Pull a point (image px) that lies within `radiusPx` screen px outside a spatial (cm-calibrated)
 * region onto that region's edge; points inside a region, or far from every region, are unchanged.
 * `scale` is screen px per image px.
 */
export function snapIntoRegion(p: Point2, cal: Calibration | undefined, scale: number, radiusPx = REGION_SNAP_PX): Point2 {
  if (!cal || cal.regions.length === 0) return p;
  const spatial = cal.regions.filter(isSpatialRegion);
  if (spatial.some((r) => pointInRegion(p, r))) return p;
  const limit = radiusPx / (scale > 0 ? scale : 1);
  let best: { q: Point2; d: number } | null = null;
  for (const r of spatial) {
    const q = { x: Math.min(Math.max(p.x, r.x0), r.x1 + 1), y: Math.min(Math.max(p.y, r.y0), r.y1 + 1) };
    const d = Math.hypot(q.x - p.x, q.y - p.y);
    if (d <= limit && (!best || d < best.d)) best = { q, d };
  }
  return best ? best.q : p;
}
