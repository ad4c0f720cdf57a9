import { useViewerLink } from '../../state/viewerLink';

/**
 * A mark of the clip on screen that belongs to another frame: "hidden on this frame (frame N)" with a
 * button that shows its frame, so marks do not silently vanish when → steps the frame. Nothing for
 * marks on every frame, on the frame shown, or on another clip.
 */
export function FrameStatus({ clipId, frameIndex, name }: { clipId: string; frameIndex: number | null; name: string }) {
  const shownClip = useViewerLink((s) => s.clipId);
  const shownFrame = useViewerLink((s) => s.frameIndex);
  if (frameIndex === null || clipId !== shownClip || frameIndex === shownFrame) return null;
  return (
    <span className="frame-status" data-testid="mark-hidden-on-frame">
      <span className="muted small">hidden on this frame (frame {frameIndex + 1})</span>
      <button type="button" className="link-button small" aria-label={`Show frame ${frameIndex + 1}, where ${name} is`} onClick={() => useViewerLink.getState().seek?.(frameIndex)}>
        Show frame {frameIndex + 1}
      </button>
    </span>
  );
}
