/** The depth of an annotated structure on a sample clip, for the clip ↔ 3D comparisons. */
import { pxToMm, type SampleGeometry } from '../../../core/samples/types';

/** Depth (mm) at the probe centre of an annotated structure of a sample clip (its outline crossing the reference column, shallowest). */
export function clipDepthMm(g: SampleGeometry, id: string): number {
  const s = g.structures.find((x) => x.id === id);
  if (!s) throw new Error(`sample clip ${g.blockId} has no structure ${id}`);
  const sh = s.shape;
  const outline =
    sh.kind === 'ellipse'
      ? Array.from({ length: 720 }, (_, k) => {
          const a = (2 * Math.PI * k) / 720, t = (sh.rotationDeg * Math.PI) / 180;
          const u = sh.radiusX * Math.cos(a), v = sh.radiusY * Math.sin(a);
          return { x: sh.center.x + u * Math.cos(t) - v * Math.sin(t), y: sh.center.y + u * Math.sin(t) + v * Math.cos(t) };
        })
      : sh.points;
  const pts = outline.map((p) => pxToMm(g, p));
  const closed = sh.kind !== 'polyline';
  let best = Infinity;
  for (let i = 0; i + 1 < pts.length + (closed ? 1 : 0); i++) {
    const a = pts[i]!, b = pts[(i + 1) % pts.length]!;
    if ((a.xMm <= 0 && b.xMm >= 0) || (a.xMm >= 0 && b.xMm <= 0)) {
      const t = b.xMm === a.xMm ? 0 : -a.xMm / (b.xMm - a.xMm);
      best = Math.min(best, a.yMm + (b.yMm - a.yMm) * t);
    }
  }
  return best;
}
