/**
 * Per-frame text and controls without React re-renders.
 *
 * During playback the frame on screen changes up to 60 times a second. Re-rendering the cine bar
 * and the overlays through React for each frame costs the main thread reconciliation, style, layout
 * and paint work that competes with putting the next frame on screen (see docs/BENCHMARKS.md,
 * Viewer). Instead, the few things that show the frame (counter, time, scrubber) subscribe to the
 * viewer store here and write only the DOM values that changed.
 */
import { useLayoutEffect, type DependencyList } from 'react';
import { useViewer } from '../state/viewer';

/**
 * Call `apply(frame)` now (before paint) and whenever the frame on screen changes, until unmount or
 * a change of `deps`. `apply` must be cheap and write only what differs (see writeText). With
 * `whilePlayingEveryMs`, updates during playback come at most that often (the frame on screen is
 * applied at once when playback stops, and on every step or seek).
 */
export function useFrameEffect(apply: (frame: number) => void, deps: DependencyList, opts: { whilePlayingEveryMs?: number } = {}): void {
  const every = opts.whilePlayingEveryMs ?? 0;
  useLayoutEffect(() => {
    let last = -Infinity;
    apply(useViewer.getState().frame);
    return useViewer.subscribe((s, prev) => {
      if (s.frame === prev.frame && s.playing === prev.playing) return;
      if (s.playing && every > 0) {
        const now = performance.now();
        if (now - last < every) return;
        last = now;
      }
      apply(s.frame);
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [...deps, every]);
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
