import type { Point2 } from '../../../core/dicom/calibration';
import { trajectoryOnClips, type TrajectoryOnClipItem } from '../../../core/plan/scene3d-links';
import { useCase } from '../../state/case';

/**
 * The 3D needle drawn on a clip frame tied to the probe pose (case scene3d.clipLinks): solid when it
 * lies in the imaging plane, dashed with its distance from the plane otherwise. Rendered by the 2D
 * annotation layer inside its SVG (screen px); reads the case only.
 */
/** The projected 3D trajectory for one clip frame (core/plan/scene3d-links), from the case store. */
function useTrajectoryOnClip(clipId: string | null, frameIndex: number): TrajectoryOnClipItem | null {
  const plan = useCase((s) => s.history.present);
  if (!clipId || !plan.scene3d?.trajectory) return null;
  return trajectoryOnClips(plan).find((t) => t.clipId === clipId && (t.frameIndex === null || t.frameIndex === frameIndex)) ?? null;
}

export function ClipTrajectoryOverlay({ clipId, frameIndex, toScreen }: { clipId: string | null; frameIndex: number; toScreen(p: Point2): Point2 }) {
  const t = useTrajectoryOnClip(clipId, frameIndex);
  if (!t) return null;
  const a = toScreen(t.entryPx);
  const b = toScreen(t.targetPx);
  const offMm = Math.max(Math.abs(t.entryOffPlaneMm), Math.abs(t.targetOffPlaneMm));
  const color = '#7fd0dc';
  return (
    <g data-testid="trajectory-3d-on-clip" pointerEvents="none" aria-label={t.inPlane ? '3D needle, in the image plane' : `3D needle, up to ${offMm.toFixed(1)} mm out of the image plane`}>
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#000" strokeOpacity={0.6} strokeWidth={4} strokeLinecap="round" />
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={color} strokeWidth={2} strokeLinecap="round" strokeDasharray={t.inPlane ? undefined : '6 5'} />
      <circle cx={b.x} cy={b.y} r={4} fill="none" stroke={color} strokeWidth={1.5} />
      <text x={b.x + 8} y={b.y - 6} fill={color} fontSize={12} paintOrder="stroke" stroke="#000" strokeWidth={3}>
        3D needle{t.inPlane ? '' : ` · ${offMm.toFixed(1)} mm out of plane`}
      </text>
    </g>
  );
}
