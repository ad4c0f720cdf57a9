import { useMemo } from 'react';
import { AnnotationLayer } from '../annotate/AnnotationLayer';
import { RehearsalOverlay } from '../annotate/RehearsalOverlay';
import { useCase } from '../state/case';
import { useRehearsal } from '../state/rehearsal';
import type { ViewerOverlayProps } from '../state/viewerLink';
import { clipTrajectoryMarks } from './scene3d/ClipTrajectoryOverlay';

/**
 * What the shell puts in the 2D viewer's overlay slot: the plan's marks and tools
 * (renderer/annotate), with the 3D needle drawn on a clip tied to the probe pose (issue 6), and the
 * rehearsal layer (issue 14: the marking cursor, then the trainee's and the expert's answers).
 */
export function ViewerOverlay(props: ViewerOverlayProps) {
  // After a rehearsal is submitted, its feedback layer draws the trainee's marks beside the expert's.
  const feedback = useRehearsal((s) => s.phase === 'feedback');
  // A read-only teaching case shows its expert answer only once the trainee chooses to review it.
  const answerHidden = useCase((s) => s.readOnly !== null && !s.readOnly.reviewing);
  const trajectoryMarks = useMemo(() => clipTrajectoryMarks(props.frameIndex), [props.frameIndex]);
  return (
    <>
      <AnnotationLayer {...props} hidden={feedback || answerHidden} extraMarks={trajectoryMarks} />
      <RehearsalOverlay transform={props.transform} width={props.width} height={props.height} frameIndex={props.frameIndex} />
    </>
  );
}
