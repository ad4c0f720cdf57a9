/**
 * The player: binds one cornerstone viewport to the viewer store and the clip store. It runs the
 * cine clock once per display refresh (requestAnimationFrame), puts the due frame on screen when it
 * is decoded, keeps the prefetch window moving, applies the view (zoom, pan, rotation, flip, invert,
 * window) and publishes the image → screen transform for the overlays.
 */
import type { CsImage } from 'cornerstone-core';
import type { ViewerFrame } from '../workers/protocol';
import { playhead, useViewer, type ViewerState } from '../state/viewer';
import { CineClock } from './cine-clock';
import type { ClipStore } from './clips';
import { cornerstone, createScratch, fitScale, imageIdOf, registerLoader, spacingOf, toCornerstoneImage, toViewport, type ColourScratch } from './cs';
import { useViewportGeometry } from '../state/viewportGeometry';
import type { Direction } from './prefetch';
import type { Affine } from './ruler';

/** Marks for benchmarks and tests (performance.getEntriesByName). */
export const MARK_FIRST_FRAME = 'blockplan:first-frame';
/** Marked when playback first puts a new frame on screen after Play (a clip is "playing"). */
export const MARK_PLAYING = 'blockplan:playing';

export class Player {
  private clipId: string | null = null;
  private clock: CineClock | null = null;
  private raf = 0;
  private unsub: (() => void)[] = [];
  private scratch: ColourScratch = createScratch();
  private images = new WeakMap<ViewerFrame, CsImage>();
  /** The frame on screen of the current clip. */
  private current: { index: number; image: CsImage } | null = null;
  /** The frame cornerstone holds (pinned in the clip store: its pixels stay until it is replaced). */
  private held: ViewerFrame | null = null;
  private wanted = -1;
  private lastScheduledFrame = -1;
  private lastScheduleAt = 0;
  private lastDiagAt = 0;
  private direction: Direction = 1;
  private firstFramePending = false;
  /** When the current play started (performance.now()), for the played time in diagnostics. */
  private playStartMs = 0;
  /** The frame playback started from, until the first new frame is shown (MARK_PLAYING). */
  private playingFrom: number | null = null;
  private ticks = 0;
  private destroyed = false;
  /** The display's refresh interval, ms (smoothed from animation-frame timestamps). */
  private refreshMs = 1000 / 60;
  private lastTickAt = 0;

  constructor(
    private readonly el: HTMLElement,
    private readonly store: ClipStore,
  ) {
    registerLoader(store);
    cornerstone.enable(el);
    el.addEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.onRendered);
    this.unsub.push(useViewer.subscribe((s, prev) => this.onStore(s, prev)));
    this.unsub.push(
      store.onFrame((clipId, index, frame) => {
        if (clipId === this.clipId && index === this.wanted && this.current?.index !== index) this.show(index, frame);
      }),
    );
    this.setClip(useViewer.getState().clipId);
    this.raf = requestAnimationFrame(this.tick);
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.raf);
    for (const u of this.unsub) u();
    this.el.removeEventListener(cornerstone.EVENTS.IMAGE_RENDERED, this.onRendered);
    try {
      cornerstone.disable(this.el);
    } catch {
      /* already disabled */
    }
    useViewportGeometry.getState().clear();
    this.store.pool.setBackgroundLimit(Infinity);
    this.hold(null);
  }

  /** The frame cornerstone holds changes: pin the new one, unpin the old one. */
  private hold(f: ViewerFrame | null): void {
    if (f === this.held) return;
    if (f) this.store.pin(f);
    const old = this.held;
    this.held = f;
    if (old) this.store.unpin(old);
  }

  /** Canvas size changed: re-fit. */
  resize(): void {
    try {
      cornerstone.resize(this.el, false);
    } catch {
      return;
    }
    this.applyView();
  }

  private setClip(clipId: string | null): void {
    this.clipId = clipId;
    this.current = null;
    this.wanted = -1;
    this.lastScheduledFrame = -1;
    this.direction = 1;
    const clip = this.store.get(clipId);
    if (!clip) {
      this.clock = null;
      return;
    }
    const s = useViewer.getState();
    this.clock = new CineClock(clip.image.timing.frameTimesMs.slice(0, clip.image.availableFrames), { speed: s.speed, mode: s.loop, frame: s.frame });
    this.firstFramePending = clip.firstFrameMs === undefined;
    this.display(s.frame);
    this.schedule(true);
  }

  private onStore(s: ViewerState, prev: ViewerState): void {
    const now = performance.now();
    if (s.clipId !== prev.clipId || (s.clipId && !this.clock && this.store.get(s.clipId))) {
      this.setClip(s.clipId);
      if (s.playing) this.clock?.play(now);
      return;
    }
    const c = this.clock;
    if (!c) return;
    if (s.speed !== prev.speed) c.setSpeed(s.speed, now);
    if (s.loop !== prev.loop) {
      c.setLoopMode(s.loop, now);
      this.direction = 1;
    }
    if (s.seekSeq !== prev.seekSeq) {
      c.seek(s.frame, now);
      this.display(s.frame);
      this.schedule(true);
    }
    if (s.playing !== prev.playing) {
      // While playing, background loading leaves one core to the display (2-core machines).
      this.store.pool.setBackgroundLimit(s.playing ? Math.max(1, this.store.pool.size - 1) : Infinity);
      if (s.playing) {
        c.play(now);
        this.playStartMs = now;
        this.ticks = 0;
        this.playingFrom = c.frame;
      }
      else {
        c.pause();
        // Settle on the frame actually shown (the store's frame is not updated during playback).
        const shown = this.current?.index ?? c.frame;
        if (shown !== s.frame) s.showFrame(shown);
        else playhead.set(shown);
      }
      this.schedule(true);
    }
    if (s.view !== prev.view || s.fitScale !== prev.fitScale) this.applyView();
  }

  private tick = (now: number): void => {
    if (this.destroyed) return;
    this.raf = requestAnimationFrame(this.tick);
    const dt = now - this.lastTickAt;
    this.lastTickAt = now;
    if (dt > 4 && dt < 50) this.refreshMs += (dt - this.refreshMs) * 0.05;
    const c = this.clock;
    const clipId = this.clipId;
    if (!c || !clipId) return;
    const s = useViewer.getState();
    if (s.playing) {
      if (!c.playing) {
        c.play(now);
        this.playStartMs = now;
        this.ticks = 0;
        this.playingFrom = c.frame;
      }
      this.ticks++;
      const prevFrame = c.frame;
      const r = c.tick(now, (i) => this.store.has(clipId, i), this.refreshMs);
      if (s.loop === 'bounce' && r.frame !== prevFrame) this.direction = r.frame > prevFrame ? 1 : -1;
      if (r.changed || (this.current?.index ?? -1) !== r.frame) this.display(r.frame);
      // Frame-rate state goes to the playhead only (no React store update per frame).
      playhead.set(r.frame);
      if (r.ended || !c.playing) s.pause();
      if (r.frame !== this.lastScheduledFrame) this.schedule(false, now);
    }
    if (now - this.lastDiagAt > 250) {
      this.lastDiagAt = now;
      const st = c.stats;
      const budget = this.store.cache.budgetBytes / 2 ** 20;
      s.setDiagnostics({
        effectiveFps: s.playing ? c.effectiveFps(now) : 0,
        dropped: st.dropped,
        opportunities: st.opportunities,
        framesShown: st.framesShown,
        framesDue: st.framesDue,
        playedMs: s.playing ? now - this.playStartMs : 0,
        ticks: this.ticks,
        queued: this.store.pool.queued + this.store.pool.inFlight,
        decoded: this.store.pool.stats.decoded,
        cacheMb: this.store.cache.usedBytes / 2 ** 20,
        budgetMb: budget,
      });
    }
  };

  /** Re-rank prefetching around the frame on screen (at most every 50 ms while playing). */
  private schedule(force: boolean, now = performance.now()): void {
    const clipId = this.clipId;
    const c = this.clock;
    if (!clipId || !c) return;
    if (!force && now - this.lastScheduleAt < 50) return;
    this.lastScheduleAt = now;
    this.lastScheduledFrame = c.frame;
    const s = useViewer.getState();
    this.store.schedule(clipId, c.frame, s.loop, s.loop === 'bounce' ? this.direction : 1, s.speed, 60, s.playing);
  }

  /** Show frame `index`: at once when decoded, else through the image loader when it arrives. */
  private display(index: number): void {
    const clipId = this.clipId;
    if (!clipId) return;
    this.wanted = index;
    const f = this.store.peek(clipId, index);
    if (f) {
      this.show(index, f);
      return;
    }
    cornerstone
      .loadImage(imageIdOf(clipId, index))
      .then(() => {
        const frame = this.store.peek(clipId, index);
        if (frame && this.clipId === clipId && this.wanted === index && this.current?.index !== index) this.show(index, frame);
      })
      .catch(() => {
        /* reported by the clip store (once per clip) */
      });
  }

  private show(index: number, frame: ViewerFrame): void {
    const clip = this.store.get(this.clipId);
    if (!clip || this.destroyed) return;
    let image = this.images.get(frame);
    if (!image) {
      image = toCornerstoneImage(frame, imageIdOf(clip.id, index), spacingOf(clip.summary.calibration), this.scratch);
      this.images.set(frame, image);
    }
    const firstOfClip = this.current === null;
    this.current = { index, image };
    this.hold(frame);
    const view = useViewer.getState().view;
    const fit = this.fitFor(image, view.rotationDeg);
    cornerstone.displayImage(this.el, image, toViewport(view, image, fit));
    if (this.playingFrom !== null && index !== this.playingFrom && useViewer.getState().playing) {
      this.playingFrom = null;
      performance.mark(MARK_PLAYING);
    }
    if (firstOfClip) useViewer.getState().setFitScale(fit);
  }

  private fitFor(image: CsImage, rotationDeg: number): number {
    const ee = cornerstone.getEnabledElement(this.el);
    return fitScale(ee.canvas.width, ee.canvas.height, image, rotationDeg);
  }

  private applyView(): void {
    if (!this.current) return;
    const view = useViewer.getState().view;
    const fit = this.fitFor(this.current.image, view.rotationDeg);
    useViewer.getState().setFitScale(fit);
    cornerstone.setViewport(this.el, toViewport(view, this.current.image, fit));
  }

  private onRendered = (): void => {
    const clip = this.store.get(this.clipId);
    if (clip && this.firstFramePending && this.current) {
      this.firstFramePending = false;
      clip.firstFrameMs = performance.now() - clip.openedAtMs;
      try {
        performance.measure(MARK_FIRST_FRAME, { start: clip.openedAtMs, end: performance.now(), detail: { clip: clip.name } });
      } catch {
        /* measure unsupported */
      }
    }
    const ee = cornerstone.getEnabledElement(this.el);
    if (!ee.image || !ee.viewport) return;
    const m = cornerstone.internal.getTransform(ee).m;
    useViewportGeometry.getState().set([m[0]!, m[1]!, m[2]!, m[3]!, m[4]!, m[5]!] as Affine, ee.canvas.width, ee.canvas.height);
  };
}
