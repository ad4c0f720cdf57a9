import { AnnotationLayer } from '../annotate/AnnotationLayer';
import type { ViewerOverlayProps } from '../state/viewerLink';
import { ClipTrajectoryOverlay } from './scene3d/ClipTrajectoryOverlay';

/**
 * What the shell puts in the 2D viewer's overlay slot: the plan's marks and tools
 * (renderer/annotate), with the 3D needle drawn on a clip tied to the probe pose (issue 6).
 */
export function ViewerOverlay(props: ViewerOverlayProps) {
  return <AnnotationLayer {...props} extraMarks={({ clipId, toScreen }) => <ClipTrajectoryOverlay clipId={clipId} frameIndex={props.frameIndex} toScreen={toScreen} />} />;
}
