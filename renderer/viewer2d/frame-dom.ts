/**
 * Per-frame text and controls without React re-renders.
 *
 * During playback the frame on screen changes up to 60 times a second. Re-rendering the cine bar
 * and the overlays through React for each frame costs the main thread reconciliation, style, layout
 * and paint work that competes with putting the next frame on screen (see docs/BENCHMARKS.md,
 * Viewer). Instead, the few things that show the frame (counter, time, scrubber) subscribe to the
 * playhead here (renderer/state/viewer.ts: frame-rate state outside React), write only the DOM
 * values that changed, and while playing do so at most 20 times a second (the image itself
 * changes at the clip's rate).
 */
import { useLayoutEffect, type DependencyList } from 'react';
import { playhead, useViewer } from '../state/viewer';

/**
 * While playing, the frame's text and the scrubber change at most once per this many ms: at most
 * every third refresh of a 60 Hz display (20 times a second), so a 30 fps clip at 1× updates them
 * on every other frame and clips up to 20 fps on every frame; always when paused, stepping or
 * seeking. Any change to the page's DOM makes the browser run a whole main frame (style, layout,
 * paint, commit: ~3 ms on a 2-core machine without GPU), while a frame drawn on the viewer's canvas
 * alone does not (docs/BENCHMARKS.md, Viewer).
 */
export const READOUT_WHILE_PLAYING_MS = 48;

/** One decision per frame change, shared by every readout, so they all update in the same frame. */
let decided = { frame: -1, at: -Infinity, write: true };

function readoutDue(frame: number, now: number): boolean {
  if (frame !== decided.frame) {
    const write = now - decided.at >= READOUT_WHILE_PLAYING_MS;
    decided = { frame, at: write ? now : decided.at, write };
  }
  return decided.write;
}

/**
 * Call `apply(frame)` now (before paint) and whenever the frame on screen changes, until unmount or
 * a change of `deps`: at once when paused (steps, seeks), at most every READOUT_WHILE_PLAYING_MS
 * during playback (and once more when it stops). `apply` must be cheap and write only what differs
 * (see writeText).
 */
export function useFrameEffect(apply: (frame: number) => void, deps: DependencyList): void {
  useLayoutEffect(() => {
    apply(playhead.frame);
    const offFrame = playhead.subscribe((frame) => {
      if (useViewer.getState().playing && !readoutDue(frame, performance.now())) return;
      apply(frame);
    });
    // Exact again when playback stops.
    const offPlaying = useViewer.subscribe((s, prev) => {
      if (s.playing !== prev.playing && !s.playing) apply(playhead.frame);
    });
    return () => {
      offFrame();
      offPlaying();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
}

/**
 * Set an element's text when it differs, by changing the data of its one text node (a text change
 * re-lays out that line only; replacing the node would also restyle and re-insert it).
 */
export function writeText(el: Element | null, text: string): void {
  if (!el) return;
  const t = el.firstChild;
  if (t && t === el.lastChild && t.nodeType === Node.TEXT_NODE) {
    if ((t as Text).data !== text) (t as Text).data = text;
  } else if (el.textContent !== text) el.textContent = text;
}
