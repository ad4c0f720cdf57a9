import { useEffect, useState } from 'react';
import { clipFactsAsync, knownClipFacts, type ClipFacts } from '../../core/plan/clip-facts';
import { useCase } from '../state/case';
import { useViewer } from '../state/viewer';
import { useViewerLink } from '../state/viewerLink';
import type { AnnotationLayerProps } from './AnnotationLayer';

/** Run fn when the page is next idle (at most IDLE_WAIT_MS later); returns a cancel. */
const IDLE_WAIT_MS = 1000;
function whenIdle(fn: () => void): () => void {
  if (typeof requestIdleCallback === 'function') {
    const h = requestIdleCallback(fn, { timeout: IDLE_WAIT_MS });
    return () => cancelIdleCallback(h);
  }
  const t = setTimeout(fn, 0);
  return () => clearTimeout(t);
}

/**
 * Run fn once the clip is not playing (at once when it is not); returns a cancel. Hashing a long clip
 * takes the second core for a while: during playback that cost dropped display refreshes at 1×
 * (bench:viewer, 1000-frame clip: 47 dropped with the hash running during playback, 13 without).
 */
function whenNotPlaying(fn: () => void): () => void {
  if (!useViewer.getState().playing) {
    fn();
    return () => undefined;
  }
  const unsubscribe = useViewer.subscribe((s) => {
    if (s.playing) return;
    unsubscribe();
    fn();
  });
  return unsubscribe;
}

/** The hash of a shown clip that is still waiting for its moment, to start at once (by the clip's bytes). */
const hashNow = new WeakMap<Uint8Array, () => Promise<ClipFacts | null>>();

/**
 * The facts of a clip the viewer shows, now: known, or hashed at once if the hash was waiting for an
 * idle, not-playing moment — a mark drawn before then waits for them rather than being lost
 * (./actions.ts commitShape). Null when the bytes are not a shown clip's.
 */
export function shownClipFactsNow(bytes: Uint8Array): Promise<ClipFacts | null> {
  const known = knownClipFacts(bytes);
  if (known) return Promise.resolve(known);
  return hashNow.get(bytes)?.() ?? Promise.resolve(null);
}

/**
 * The clip the viewer shows, as the case sees it: its facts (SHA-256, size, calibration; hashed when
 * the page is next idle and the clip is not playing, in a worker (renderer/main.tsx setClipHasher): a long clip takes a moment), the case clip it is
 * (matched by SHA-256, or null when it is not in the case yet), and — published in
 * renderer/state/viewerLink.ts — what the plan panel needs from the viewer (file, frame, transform,
 * how to seek or show another file).
 */
export function useShownClip({ file, frameIndex, frameCount, transform, onSeek, onShowFile }: AnnotationLayerProps): { facts: ClipFacts | null; clipId: string | null } {
  const [facts, setFacts] = useState<ClipFacts | null>(null);
  useEffect(() => {
    // Known already (a case opened with this clip checked its hash): at once.
    const known = knownClipFacts(file.bytes);
    if (known) {
      setFacts(known);
      return;
    }
    let live = true;
    let pending: Promise<ClipFacts | null> | null = null;
    const hash = (): Promise<ClipFacts | null> =>
      (pending ??= clipFactsAsync(file.bytes, file.name).then((r) => {
        const f = r.ok ? r.value : null;
        if (live) setFacts(f);
        return f;
      }));
    // When the page is idle (the clip's first frame goes first) and the clip is not playing, hashed in a worker.
    let cancelWait = () => undefined as void;
    const cancel = whenIdle(() => {
      cancelWait = whenNotPlaying(() => void hash());
    });
    // Or at once, when the user draws on the clip before then (renderer/annotate/actions.ts commitShape).
    const now = (): Promise<ClipFacts | null> => {
      cancel();
      cancelWait();
      return hash();
    };
    hashNow.set(file.bytes, now);
    return () => {
      live = false;
      cancel();
      cancelWait();
      if (hashNow.get(file.bytes) === now) hashNow.delete(file.bytes);
    };
  }, [file.bytes, file.name]);

  const clipId = useCase((s) => (facts ? (s.history.present.clips.find((c) => c.sha256 === facts.sha256)?.id ?? null) : null));

  // Remember where this clip's bytes are (first time a case clip is shown).
  useEffect(() => {
    if (clipId && facts && !useCase.getState().clips[clipId]) {
      useCase.getState().setClipRuntime(clipId, { location: file.path || file.name, onDisk: true, bytes: file.bytes, calibration: facts.calibration });
    }
  }, [clipId, facts, file.path, file.name, file.bytes]);

  // Publish what the plan panel needs from the viewer.
  useEffect(() => {
    useViewerLink.getState().set({ fileId: file.id, fileName: file.name, filePath: file.path, fileBytes: file.bytes, facts, clipId, frameIndex, frameCount, transform, seek: onSeek ?? null, showFile: onShowFile ?? null });
  }, [file.id, file.name, file.path, file.bytes, facts, clipId, frameIndex, frameCount, transform, onSeek, onShowFile]);
  useEffect(
    () => () => {
      if (useViewerLink.getState().fileId === file.id) useViewerLink.getState().set({ fileId: null, facts: null, clipId: null, transform: null, seek: null, showFile: null, fileBytes: null });
    },
    [file.id],
  );
  return { facts, clipId };
}
