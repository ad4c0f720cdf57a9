import { useFiles } from '../state/files';
import { KEY_FRAME_TAGS, keyFrameLabel, useViewer, type KeyFrame } from '../state/viewer';
import { useReadOnlyLock } from './plan/readOnlyLock';

/** Start of frame i at the native rate, ms. */
function frameStartMs(frameTimesMs: readonly number[] | undefined, i: number): number | undefined {
  if (!frameTimesMs) return undefined;
  let t = 0;
  for (let k = 0; k < i && k < frameTimesMs.length; k++) t += frameTimesMs[k]!;
  return t;
}

/** Jump to a key frame, opening its clip first when another clip is on screen. */
export function jumpToKeyFrame(k: KeyFrame): void {
  const v = useViewer.getState();
  if (v.clipUid !== k.clipId) {
    const f = useFiles.getState().files.find((x) => x.dicom?.clipUid === k.clipId && x.status === 'ready');
    if (!f?.dicom) return;
    v.select(f.id, { frameCount: f.dicom.availableFrames, clipUid: f.dicom.clipUid });
  }
  useViewer.getState().pause();
  useViewer.getState().seek(k.frameIndex);
}

/**
 * The key frames (bookmarked frames with a tag: scout, target, needle visible, spread of local
 * anaesthetic, or a note). `clipUid` limits the list to one clip; click a row to jump to its frame.
 */
export function KeyFramesPanel({ clipUid, showClipNames = false }: { clipUid?: string | null; showClipNames?: boolean }) {
  const keyFrames = useViewer((s) => s.keyFrames);
  const current = useViewer((s) => s.clipUid);
  const frame = useViewer((s) => s.frame);
  const files = useFiles((s) => s.files);
  const list = clipUid === undefined ? keyFrames : keyFrames.filter((k) => k.clipId === clipUid);
  const fileOf = (k: KeyFrame) => files.find((f) => f.dicom?.clipUid === k.clipId);
  const lock = useReadOnlyLock(); // a read-only teaching case: key frames are listed, not removed

  if (list.length === 0) {
    if (lock.locked) return <p className="kf-empty">No key frames in this teaching case.</p>;
    return (
      <p className="kf-empty">
        No key frames yet. Pause on a frame and press <kbd>K</kbd> (or the bookmark button) to mark it as a scout view, target view, needle visible or
        spread of local anaesthetic.
      </p>
    );
  }
  return (
    <>
      <ul className="kf-list" aria-label="Key frames">
        {list.map((k) => {
          const f = fileOf(k);
          const t = frameStartMs(f?.dicom?.frameTimesMs, k.frameIndex);
          const here = k.clipId === current && k.frameIndex === frame;
          return (
            <li key={k.id} className={`kf-row kf-${k.tag}${here ? ' current' : ''}`}>
              <button type="button" className="kf-jump" onClick={() => jumpToKeyFrame(k)} aria-label={`Go to ${keyFrameLabel(k)}, frame ${k.frameIndex + 1}${f ? ` of ${f.name}` : ''}`} aria-current={here ? 'true' : undefined}>
                <span className="kf-dot" aria-hidden="true" />
                <span className="kf-text">
                  <span className="kf-tag">{k.tag === 'free' ? 'Note' : KEY_FRAME_TAGS.find((x) => x.tag === k.tag)?.label}</span>
                  {k.tag === 'free' && k.text && <span className="kf-note">{k.text}</span>}
                  <span className="kf-where">
                    Frame {k.frameIndex + 1}
                    {t !== undefined ? ` · ${(t / 1000).toFixed(2)} s` : ''}
                    {showClipNames && f ? ` · ${f.name}` : ''}
                    {!f ? ' · clip not open' : ''}
                  </span>
                </span>
              </button>
              <button type="button" className="icon-button kf-remove" aria-label={`Remove key frame ${keyFrameLabel(k)} at frame ${k.frameIndex + 1}`} title="Remove" {...lock.control()} onClick={() => useViewer.getState().removeKeyFrame(k.id)}>
                ×
              </button>
            </li>
          );
        })}
      </ul>
      {lock.reasonText}
    </>
  );
}
