import { useCallback, useEffect, useMemo, type ComponentType } from 'react';
import { fromAffine } from '../../core/geometry/view-transform';
import { useFiles } from '../state/files';
import { useViewer } from '../state/viewer';
import { useViewerUi } from '../state/viewerUi';
import { CineBar } from './CineBar';
import { getClipStore } from './clips';
import { useViewportGeometry } from '../state/viewportGeometry';
import type { ViewerOverlayProps } from '../state/viewerLink';
import { Overlays } from './Overlays';
import { ViewTools } from './ViewTools';
import { Viewport } from './Viewport';
import './viewer.css';

export type { ViewerOverlayProps };

export interface Viewer2DProps {
  /**
   * The overlay slot: drawn above the image and below the text overlays, inside the viewport element
   * (so it may listen to the stage's pointer events). The viewer knows nothing of what fills it.
   */
  overlay?: ComponentType<ViewerOverlayProps>;
}

/** The 2D cine viewer: viewport with overlays, loading progress, cine controls and view tools. */
export function Viewer2D({ overlay }: Viewer2DProps) {
  const clipId = useViewer((s) => s.clipId);
  const file = useFiles((s) => s.files.find((f) => f.id === clipId));
  const reading = useFiles((s) => s.files.some((f) => f.kind === 'dicom' && f.status === 'reading'));
  const firstReady = useFiles((s) => s.files.find((f) => f.kind === 'dicom' && f.status === 'ready' && f.dicom));

  // Nothing on screen but a clip is ready (e.g. the one shown was closed): show it.
  useEffect(() => {
    if (!clipId && firstReady) getClipStore().select(firstReady.id);
  }, [clipId, firstReady]);

  return (
    <div className="viewer" data-testid="viewer2d">
      <ViewTools />
      {/* data-overlay-host: the element whose pointer events the overlay slot's content may listen to (it holds the viewport). */}
      <div className="viewer-stage" data-overlay-host="">
        <Viewport />
        {overlay && <OverlaySlot overlay={overlay} />}
        <Overlays />
        <DragStatus />
        {!clipId && (
          <div className="stage-message" role="status">
            {reading ? 'Reading DICOM files…' : 'No clip could be opened. The files panel lists each file with the reason.'}
          </div>
        )}
        {file?.status === 'failed' && (
          <div className="stage-message" role="alert">
            {file.name} could not be opened: {file.error?.title}
          </div>
        )}
        <LoadingBar />
      </div>
      <CineBar />
    </div>
  );
}

/** What a drag on the image is changing, with its values (window/level, brightness/contrast). */
function DragStatus() {
  const text = useViewerUi((s) => s.dragStatus);
  return text ? (
    <div className="drag-status" aria-hidden="true" data-testid="drag-status">
      {text}
    </div>
  ) : null;
}

/** Progress of decoding a large clip, with Cancel (frames then decode as they are shown). */
function LoadingBar() {
  const clipId = useViewer((s) => s.clipId);
  // Re-rendered at most about 100 times per clip (every 1 % of its frames), not on every frame decoded:
  // this runs while the clip plays.
  const total = useViewer((s) => (s.clipId ? (s.progress[s.clipId]?.total ?? 0) : 0));
  const cancelled = useViewer((s) => (s.clipId ? (s.progress[s.clipId]?.cancelled ?? false) : false));
  const done = useViewer((s) => {
    const q = s.clipId ? s.progress[s.clipId] : undefined;
    if (!q) return 0;
    const step = Math.max(1, Math.ceil(q.total / 100));
    return q.done >= q.total ? q.done : q.done - (q.done % step);
  });
  if (!clipId || cancelled || total === 0) return null;
  const pct = Math.round((100 * done) / total);
  return (
    <div className="loading-bar" role="group" aria-label="Loading the clip" data-testid="loading-bar">
      <div className="loading-text">
        Decoding frames {done} of {total}
      </div>
      <div className="loading-track" role="progressbar" aria-label="Frames decoded" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done} aria-valuetext={`${pct} %`}>
        <div className="loading-fill" style={{ transform: `scaleX(${done / total})` }} />
      </div>
      <button type="button" className="link-button" onClick={() => getClipStore().cancelLoading(clipId)}>
        Cancel
      </button>
    </div>
  );
}

/**
 * The overlay slot's content, given where the image is on screen. It follows the settled frame
 * only (no re-render per frame while playing) and is hidden during playback, so no frame's marks
 * stand over other frames; they return when playback stops.
 */
function OverlaySlot({ overlay: Overlay }: { overlay: ComponentType<ViewerOverlayProps> }) {
  const clipId = useViewer((s) => s.clipId);
  const frame = useViewer((s) => s.frame);
  const playing = useViewer((s) => s.playing);
  const n = useViewer((s) => s.frameCount);
  const file = useFiles((s) => s.files.find((f) => f.id === clipId && f.status === 'ready'));
  const { m, canvasW, canvasH } = useViewportGeometry();
  const transform = useMemo(() => (m ? fromAffine(m) : null), [m]);
  const onSeek = useCallback((i: number) => {
    useViewer.getState().pause();
    useViewer.getState().seek(i);
  }, []);
  const onShowFile = useCallback((id: string) => getClipStore().select(id), []);
  if (!file || !transform || canvasW === 0) return null;
  return (
    <div className="overlay-slot" hidden={playing} data-testid="overlay-slot">
      <Overlay file={file} frameIndex={frame} frameCount={n} transform={transform} width={canvasW} height={canvasH} onSeek={onSeek} onShowFile={onShowFile} />
    </div>
  );
}
