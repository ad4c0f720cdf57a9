import type { Point2 } from '../../../core/dicom/calibration';
import type { Case } from '../../../core/plan/schema';
import { trajectoryOnClips, type TrajectoryOnClipItem } from '../../../core/plan/scene3d-links';
import type { ExtraMarks } from '../../annotate/AnnotationLayer';
import { CaptionText } from '../../annotate/AnnotationShape';
import type { Caption } from '../../annotate/captions';
import { useCase } from '../../state/case';

/**
 * The 3D needle drawn on a clip frame tied to the probe pose (case scene3d.clipLinks): solid when it
 * lies in the imaging plane, dashed with its distance from the plane otherwise. Rendered by the 2D
 * annotation layer inside its SVG (screen px), its caption placed by the layer's label layout with the
 * plan's own captions (`clipTrajectoryMarks`); reads the case only.
 */

const CAPTION_ID = 'trajectory-3d';
const COLOR = '#7fd0dc';

/** The projected 3D trajectory for one clip frame (core/plan/scene3d-links). */
function trajectoryAt(plan: Case, clipId: string | null, frameIndex: number): TrajectoryOnClipItem | null {
  if (!clipId || !plan.scene3d?.trajectory) return null;
  return trajectoryOnClips(plan).find((t) => t.clipId === clipId && (t.frameIndex === null || t.frameIndex === frameIndex)) ?? null;
}

const offPlaneMm = (t: TrajectoryOnClipItem): number => Math.max(Math.abs(t.entryOffPlaneMm), Math.abs(t.targetOffPlaneMm));
const captionText = (t: TrajectoryOnClipItem): string => `3D needle${t.inPlane ? '' : ` · ${offPlaneMm(t).toFixed(1)} mm out of plane`}`;

/** The 3D needle as the annotation layer's extra marks on frame `frameIndex`: its line and caption laid out with the plan's. */
export function clipTrajectoryMarks(frameIndex: number): ExtraMarks {
  return {
    layout: (plan, clipId) => {
      const t = trajectoryAt(plan, clipId, frameIndex);
      return t ? { lines: [{ a: t.entryPx, b: t.targetPx }], captions: [{ id: CAPTION_ID, anchor: t.targetPx, text: captionText(t), short: '3D needle' }] } : { lines: [], captions: [] };
    },
    render: ({ clipId, toScreen, caption }) => <ClipTrajectoryOverlay clipId={clipId} frameIndex={frameIndex} toScreen={toScreen} caption={caption(CAPTION_ID)} />,
  };
}

export function ClipTrajectoryOverlay({ clipId, frameIndex, toScreen, caption }: { clipId: string | null; frameIndex: number; toScreen(p: Point2): Point2; caption?: Caption | undefined }) {
  const plan = useCase((s) => s.history.present);
  const t = trajectoryAt(plan, clipId, frameIndex);
  if (!t) return null;
  const a = toScreen(t.entryPx);
  const b = toScreen(t.targetPx);
  const text = captionText(t);
  return (
    <g data-testid="trajectory-3d-on-clip" pointerEvents="none" aria-label={t.inPlane ? '3D needle, in the image plane' : `3D needle, up to ${offPlaneMm(t).toFixed(1)} mm out of the image plane`} style={{ ['--c' as string]: COLOR }}>
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke="#000" strokeOpacity={0.6} strokeWidth={4} strokeLinecap="round" />
      <line x1={a.x} y1={a.y} x2={b.x} y2={b.y} stroke={COLOR} strokeWidth={2} strokeLinecap="round" strokeDasharray={t.inPlane ? undefined : '6 5'} />
      <circle cx={b.x} cy={b.y} r={4} fill="none" stroke={COLOR} strokeWidth={1.5} />
      {caption ? (
        <CaptionText c={caption} className="ann-label" />
      ) : (
        <text x={b.x + 8} y={b.y - 6} fill={COLOR} fontSize={12} paintOrder="stroke" stroke="#000" strokeWidth={3}>
          {text}
        </text>
      )}
    </g>
  );
}
