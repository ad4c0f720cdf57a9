import { useEffect, useMemo, useRef, useState } from 'react';
import { probeFanBounds, type ProbePose } from '../../../core/anatomy/plan3d';
import { axisName } from '../../../core/anatomy/probe';
import { scale } from '../../../core/anatomy/vec3';
import { sectionScene, useSimImage, type SimFrame } from '../../scene3d';
import { useScene3d, useScene3dPlan } from '../../state/scene3d';

/**
 * The simulated B-mode image of the probe plane (made in a worker, renderer/scene3d/sim), drawn
 * 1:1 in device pixels, with a depth scale as on a scanner (ticks every 5 mm, numbered every 10 mm
 * in cm from the skin), the orientation marker on the side of the probe's notch (image right), and,
 * in the "Both" mode, the structures' outlines over it. Calibration (mm per pixel, frequency) is
 * printed under the image.
 */

/** Largest image made for the panel, device px (the bench's 800 × 600 frame). */
const MAX_COLUMNS = 800;

function useWidth(): [React.RefObject<HTMLDivElement | null>, number] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [w, setW] = useState(0);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => setW(el.clientWidth);
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const ro = new ResizeObserver(update);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, w];
}

/** Side room kept beside the image for the depth scale's numbers: the image is made to fit the height, leaving this share of the width free. */
const SCALE_ROOM = 1.16;

/** Image size for a pose at a panel width: the probe's image (fan bounds plus margins) fitted to the width. */
export function imageSizeFor(pose: ProbePose, cssWidth: number, dpr: number): { columns: number; rows: number; cssHeight: number } {
  const b = probeFanBounds(pose);
  const aspect = Math.min(1.7, Math.max(0.45, (b.vMax - b.vMin) / (b.uMax - b.uMin) / SCALE_ROOM));
  const columns = Math.max(0, Math.min(MAX_COLUMNS, Math.round(cssWidth * dpr)));
  const rows = Math.round(columns * aspect);
  return { columns, rows, cssHeight: Math.round(cssWidth * aspect) };
}

function draw(canvas: HTMLCanvasElement, f: SimFrame): void {
  const { columns, rows, pixels } = f.image;
  if (canvas.width !== columns) canvas.width = columns;
  if (canvas.height !== rows) canvas.height = rows;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  const img = ctx.createImageData(columns, rows);
  const d = img.data;
  for (let i = 0, j = 0; i < pixels.length; i++, j += 4) {
    const v = pixels[i]!;
    d[j] = v;
    d[j + 1] = v;
    d[j + 2] = v;
    d[j + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
}

/** A cheap fingerprint of a frame (sum of a sparse sample), so tests and the status line see it change. */
const fingerprint = (p: Uint8Array) => {
  let s = 0;
  for (let i = 0; i < p.length; i += 97) s = (s * 31 + p[i]!) >>> 0;
  return s;
};

export function SimImage({ pose, outlines }: { pose: ProbePose; outlines: boolean }) {
  const [box, cssWidth] = useWidth();
  const canvas = useRef<HTMLCanvasElement>(null);
  const dpr = typeof window === 'undefined' ? 1 : Math.min(2, window.devicePixelRatio || 1);
  const size = imageSizeFor(pose, cssWidth, dpr);
  const { frame, error, frames } = useSimImage({ enabled: true, columns: size.columns, rows: size.rows });
  const gainDb = useScene3d((s) => s.gainDb);
  const scene = useScene3dPlan();
  const models = useScene3d((s) => s.models);
  useEffect(() => {
    if (frame && canvas.current) draw(canvas.current, frame);
  }, [frame]);
  const items = useMemo(() => (outlines ? sectionScene(scene, models, pose).filter((i) => i.inImage) : []), [outlines, scene, models, pose]);

  const g = frame?.image;
  const ticks: number[] = [];
  if (g) for (let d = 5; d <= pose.depthMm + 1e-6; d += 5) ticks.push(d);
  const right = axisName(pose.lateralDir);
  const left = axisName(scale(pose.lateralDir, -1));
  const px = (u: number, v: number) => (g ? `${(g.originPx.x + u / g.mmPerPx).toFixed(1)},${(g.originPx.y + v / g.mmPerPx).toFixed(1)}` : '0,0');
  return (
    <figure className="s3d-sim" data-testid="sim-image" data-frames={frames} data-fingerprint={frame ? fingerprint(frame.image.pixels) : ''} data-render-ms={frame ? frame.renderMs.toFixed(1) : ''} data-size={g ? `${g.columns}x${g.rows}` : ''}>
      <div ref={box} className="s3d-sim-box" style={{ height: size.cssHeight || undefined }}>
        <canvas ref={canvas} className="s3d-sim-canvas" role="img" aria-label={`Simulated ultrasound image of the probe plane, ${pose.kind}, depth ${pose.depthMm.toFixed(0)} mm, image right = ${right}`} />
        {g && (
          <svg className="s3d-sim-overlay" viewBox={`0 0 ${g.columns} ${g.rows}`} aria-hidden="true">
            {items.map((it) =>
              it.contours.map((c, k) => {
                let pts = '';
                for (let i = 0; i < c.points.length; i += 2) pts += `${px(c.points[i]!, c.points[i + 1]!)} `;
                return c.closed ? <polygon key={`${it.ref}:${k}`} points={pts} className="s3d-sim-outline" stroke={it.color} /> : <polyline key={`${it.ref}:${k}`} points={pts} className="s3d-sim-outline" stroke={it.color} />;
              }),
            )}
            {ticks.map((d) => {
              const y = g.originPx.y + d / g.mmPerPx;
              const x = g.region.x1 + 2;
              const major = d % 10 === 0;
              return (
                <g key={d} className="s3d-sim-tick">
                  <line x1={x} x2={x + (major ? 10 : 5) * dpr} y1={y} y2={y} />
                  {major && (
                    <text x={x + 12 * dpr} y={y + 4 * dpr} style={{ fontSize: 11 * dpr }}>
                      {d / 10}
                    </text>
                  )}
                </g>
              );
            })}
            <circle cx={g.region.x1 - 8 * dpr} cy={g.region.y0 + 8 * dpr} r={4 * dpr} className="s3d-sim-notch" />
          </svg>
        )}
      </div>
      <figcaption className="s3d-sim-caption">
        <span>
          ◂ {left} · {right} ▸ (●)
        </span>
        <span>
          {g ? `${g.frequencyMHz} MHz · ${g.mmPerPx.toFixed(3)} mm/px · gain ${gainDb > 0 ? '+' : ''}${gainDb} dB · depth scale in cm` : error ? 'The simulated image could not be made.' : 'Simulating…'}
        </span>
      </figcaption>
    </figure>
  );
}
