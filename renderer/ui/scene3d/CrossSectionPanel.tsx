import { useMemo } from 'react';
import { isInProbeFan, probeFanBounds, probeFanOutline, probePlane, worldToPlane, type ProbePose, type Scene3dPlan } from '../../../core/anatomy/plan3d';
import { IN_PLANE_TOLERANCE_MM } from '../../../core/anatomy/clip-plane';
import { contourArea } from '../../../core/anatomy/section';
import { axisName } from '../../../core/anatomy/probe';
import { scale } from '../../../core/anatomy/vec3';
import { sectionScene, type SectionItem } from '../../scene3d';
import { useScene3d, useScene3dPlan, type ModelRuntime } from '../../state/scene3d';
import { mm } from './format';
import { LINE_PX, layoutLabels } from './sectionLabels';

/**
 * The probe plane's labelled outlines: every visible structure cut by the imaging plane, as
 * contours in the probe's plane (u = image right, v = depth), clipped to the image (linear rectangle
 * or curvilinear sector). Recomputed on every probe move (core/anatomy/section; a few ms on the
 * atlas). Shown by the probe image panel (./ProbeImagePanel) in its "Outlines" mode.
 */

/** Drawing size of the panel, CSS px (the SVG scales to the panel width). */
const VIEW_W = 300;
const MAX_VIEW_H = 300;
const PAD_MM = 3;
/** Depth tick spacing, mm. */
const TICK_MM = 10;

export interface SectionResult {
  items: SectionItem[];
  computeMs: number;
}

/** Cut the scene and time it (exported for tests). */
export function computeSection(scene: Scene3dPlan, models: Record<string, ModelRuntime>, pose: ProbePose): SectionResult {
  const t0 = performance.now();
  const items = sectionScene(scene, models, pose);
  return { items, computeMs: performance.now() - t0 };
}

function pointsAttr(pts: Float32Array, sx: (u: number) => number, sy: (v: number) => number): string {
  let s = '';
  for (let i = 0; i < pts.length; i += 2) s += `${sx(pts[i]!).toFixed(1)},${sy(pts[i + 1]!).toFixed(1)} `;
  return s;
}

function totalArea(it: SectionItem): number {
  return it.contours.reduce((a, c) => a + (c.closed ? Math.abs(contourArea(c.points)) : 0), 0);
}

/** Up to 24 contour points inside the image, spread along the contours, as fallback label places. */
function labelCandidates(it: SectionItem, pose: ProbePose): { u: number; v: number }[] {
  const out: { u: number; v: number }[] = [];
  for (const c of it.contours) {
    const n = c.points.length / 2;
    const step = Math.max(1, Math.floor(n / 12));
    for (let i = 0; i < n && out.length < 24; i += step) {
      const q = { u: c.points[i * 2]!, v: c.points[i * 2 + 1]! };
      if (isInProbeFan(pose, q)) out.push(q);
    }
  }
  return out;
}

export function SectionOutlines({ pose }: { pose: ProbePose }) {
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  const geometryVersion = useScene3d((s) => s.geometryVersion);
  const result = useMemo(() => {
    void geometryVersion;
    return computeSection(scene, models, pose);
  }, [scene, models, pose, geometryVersion]);

  const b = probeFanBounds(pose);
  const du = b.uMax - b.uMin + 2 * PAD_MM;
  const dv = b.vMax - b.vMin + 2 * PAD_MM;
  const k = Math.min(VIEW_W / du, MAX_VIEW_H / dv);
  const W = VIEW_W;
  const H = Math.round(dv * k);
  const ox = (W - (b.uMax - b.uMin) * k) / 2;
  const sx = (u: number) => ox + (u - b.uMin) * k;
  const sy = (v: number) => (v - b.vMin + PAD_MM) * k;
  const fan = probeFanOutline(pose, 48);
  const fanPts = fan.map((q) => `${sx(q.u).toFixed(1)},${sy(q.v).toFixed(1)}`).join(' ');
  const items = [...result.items].sort((a, c) => totalArea(c) - totalArea(a));
  const inImage = items.filter((i) => i.inImage);

  // Names: in the margins with leader lines (narrow image) or on the structures (wide image);
  // numbered dots and a list under the image for the ones that find no room.
  const byKey = new Map(inImage.map((i) => [i.ref, i]));
  const layout = layoutLabels(
    inImage
      .filter((it) => it.labelAt)
      .map((it) => ({ key: it.ref, label: it.label, role: it.role, anchors: [it.labelAt!, ...labelCandidates(it, pose)].map((q) => ({ x: sx(q.u), y: sy(q.v) })) })),
    { width: W, height: H, imageLeft: sx(b.uMin), imageRight: sx(b.uMax), top: 16 },
  );

  // The needle in this plane (solid when it lies in the plane, dashed and labelled when it does not).
  let needle: { x1: number; y1: number; x2: number; y2: number; offMm: number } | null = null;
  const plane = probePlane(pose);
  if (scene.trajectory && plane) {
    const a = worldToPlane(plane, scene.trajectory.entry);
    const c = worldToPlane(plane, scene.trajectory.target);
    needle = { x1: sx(a.u), y1: sy(a.v), x2: sx(c.u), y2: sy(c.v), offMm: Math.max(Math.abs(a.offPlaneMm), Math.abs(c.offPlaneMm)) };
  }
  const inPlane = needle !== null && needle.offMm <= IN_PLANE_TOLERANCE_MM;
  const right = axisName(pose.lateralDir);
  const left = axisName(scale(pose.lateralDir, -1));
  const ticks: number[] = [];
  for (let d = TICK_MM; d <= pose.depthMm + 1e-6; d += TICK_MM) ticks.push(d);
  const clipId = 's3d-fan-clip';

  return (
    <div aria-label="Outlines of the probe plane" data-testid="cross-section" data-structures={inImage.length} data-compute-ms={result.computeMs.toFixed(2)}>
      <svg className="s3d-section-svg" viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Cross-section of the probe plane: ${inImage.map((i) => i.label).join(', ') || 'no structures'}`}>
        <defs>
          <clipPath id={clipId}>
            <polygon points={fanPts} />
          </clipPath>
        </defs>
        <polygon points={fanPts} className="s3d-fan-bg" />
        <g clipPath={`url(#${clipId})`}>
          {items.map((it) =>
            it.contours.map((c, ci) =>
              c.closed ? (
                <polygon key={`${it.ref}:${ci}`} points={pointsAttr(c.points, sx, sy)} className={`s3d-contour role-${it.role}`} fill={it.color} stroke={it.color} />
              ) : (
                <polyline key={`${it.ref}:${ci}`} points={pointsAttr(c.points, sx, sy)} className={`s3d-contour open role-${it.role}`} stroke={it.color} />
              ),
            ),
          )}
          {needle && <line x1={needle.x1} y1={needle.y1} x2={needle.x2} y2={needle.y2} className={`s3d-section-needle${inPlane ? '' : ' off-plane'}`} />}
        </g>
        <polygon points={fanPts} className="s3d-fan-outline" />
        {ticks.map((d) => (
          <g key={d} className="s3d-tick">
            <line x1={sx(b.uMin)} x2={sx(b.uMin) + 5} y1={sy(d)} y2={sy(d)} />
            {d % 20 === 0 && (
              <text x={sx(b.uMin) + 7} y={sy(d) + 3}>
                {d}
              </text>
            )}
          </g>
        ))}
        <text x={4} y={10} className="s3d-orient">
          ◂ {left}
        </text>
        <text x={W - 4} y={10} className="s3d-orient" textAnchor="end">
          {right} ▸
        </text>
        {layout.gutter.map((g) => {
          const it = byKey.get(g.key)!;
          const edge = g.side === 'left' ? g.x + 3 : g.x - 3;
          return (
            <g key={g.key} className={`s3d-gutter-label role-${it.role}`}>
              <line x1={edge} y1={g.y - 3.5} x2={g.anchor.x} y2={g.anchor.y} className="s3d-leader" />
              <circle cx={g.anchor.x} cy={g.anchor.y} r={1.8} className="s3d-leader-dot" />
              <text x={g.x} y={g.y} textAnchor={g.side === 'left' ? 'end' : 'start'} className={`s3d-section-label small role-${it.role}`}>
                {g.lines.map((l, i) => (
                  <tspan key={i} x={g.x} dy={i === 0 ? 0 : LINE_PX}>
                    {l}
                  </tspan>
                ))}
              </text>
            </g>
          );
        })}
        {layout.inline.map((l) => (
          <text key={l.key} x={l.x} y={l.y} className={`s3d-section-label role-${byKey.get(l.key)!.role}`}>
            {l.text}
          </text>
        ))}
        {layout.dots.map((d) => (
          <g key={d.key} className={`s3d-section-dot role-${byKey.get(d.key)!.role}`}>
            <circle cx={d.x} cy={d.y} r={6} />
            <text x={d.x} y={d.y + 3.2} textAnchor="middle">
              {d.n}
            </text>
          </g>
        ))}
      </svg>
      {layout.dots.length > 0 && (
        <ol className="s3d-section-legend" aria-label="Numbered structures in the probe image">
          {layout.dots.map((d) => {
            const it = byKey.get(d.key)!;
            return (
              <li key={d.key} className={`role-${it.role}`}>
                <span className="s3d-legend-swatch" style={{ background: it.color }} aria-hidden="true" />
                {it.label}
              </li>
            );
          })}
        </ol>
      )}
      <p className="s3d-section-foot muted">
        Depth ticks every {TICK_MM} mm (labels in mm).{' '}
        {needle ? (inPlane ? 'The needle lies in this plane.' : `The needle is up to ${mm(needle.offMm)} out of this plane (dashed).`) : ''}
      </p>
      <ul className="s3d-sr-only" aria-label="Structures in the probe image">
        {inImage.map((i) => (
          <li key={i.ref}>{i.label}</li>
        ))}
      </ul>
    </div>
  );
}
