/**
 * The cine clock: which frame of a clip is due at a given wall-clock time, in real time.
 *
 * Pure (no DOM, no timers): the viewer calls `tick(nowMs, isReady)` once per display refresh and
 * shows the frame it returns. Media time advances with the wall clock × speed whatever the decoder
 * does: when a due frame is not decoded yet it is skipped (the previous frame stays up), playback is
 * never slowed. Frame durations come from the file (Frame Time, Frame Time Vector, Cine Rate …, see
 * core/dicom/timing.ts), so irregular clips play at their true pace.
 *
 * Accounting (what the diagnostics overlay and the benchmark report):
 * - an *opportunity* is a tick at which at least one new frame became due;
 * - at an opportunity the latest due frame that is decoded is shown (when the content rate exceeds the
 *   display refresh, several frames fall due per tick and all but one are necessarily not shown:
 *   `skippedForDisplay`, not an error);
 * - when none of the due frames is decoded the opportunity is *dropped* (`dropped`): the image lags.
 */

import type { LoopMode } from '../state/viewer';

export type { LoopMode };

/** Allowed playback speeds (× the file's rate). */
export const MIN_SPEED = 0.25;
export const MAX_SPEED = 4;

/** Cumulative timing of a clip's frames, ms of media time. */
export interface Timeline {
  count: number;
  /** Start of frame i, ms (starts[0] = 0). */
  starts: Float64Array;
  /** How long frame i is shown, ms (> 0). */
  durations: Float64Array;
  /** Whole clip, ms. */
  durationMs: number;
}

/**
 * Build a timeline from per-frame display durations (ms). Non-finite or non-positive entries are
 * replaced by the mean of the valid ones (33.3 ms when none is valid), so the clock never stalls.
 */
export function buildTimeline(frameTimesMs: readonly number[]): Timeline {
  const count = Math.max(1, frameTimesMs.length);
  const valid = frameTimesMs.filter((x) => Number.isFinite(x) && x > 0);
  const fallback = valid.length ? valid.reduce((s, x) => s + x, 0) / valid.length : 1000 / 30;
  const starts = new Float64Array(count);
  const durations = new Float64Array(count);
  let t = 0;
  for (let i = 0; i < count; i++) {
    const d = frameTimesMs[i];
    durations[i] = d !== undefined && Number.isFinite(d) && d > 0 ? d : fallback;
    starts[i] = t;
    t += durations[i]!;
  }
  return { count, starts, durations, durationMs: t };
}

/** The frame shown at media time `tMs` (0 ≤ t < duration), clamped to the clip. */
export function frameAt(tl: Timeline, tMs: number): number {
  if (!(tMs > 0)) return 0;
  if (tMs >= tl.durationMs) return tl.count - 1;
  // Largest i with starts[i] <= t.
  let lo = 0;
  let hi = tl.count - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (tl.starts[mid]! <= tMs) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Media time (ms from the clip start) at which frame `i` starts. */
export function frameStartMs(tl: Timeline, i: number): number {
  return tl.starts[Math.max(0, Math.min(tl.count - 1, i))]!;
}

/** Counters since playback last started. */
export interface ClockStats {
  /** Ticks at which a new frame fell due. */
  opportunities: number;
  /** Opportunities at which a due frame was decoded and shown. */
  onTime: number;
  /** Opportunities at which no due frame was decoded (the image lagged). */
  dropped: number;
  /** Content frames that fell due. */
  framesDue: number;
  /** Due frames not shown because another frame fell due in the same display refresh. */
  skippedForDisplay: number;
  /** Distinct frames put on screen (including late ones). */
  framesShown: number;
}

export interface TickResult {
  /** The frame to show now (the last one shown when nothing new is ready). */
  frame: number;
  /** The frame the clock says is due now (may differ from `frame` when decoding lags). */
  due: number;
  /** True when this tick put a different frame on screen. */
  changed: boolean;
  /** Playback reached the end of a `once` clip and stopped. */
  ended: boolean;
}

const emptyStats = (): ClockStats => ({ opportunities: 0, onTime: 0, dropped: 0, framesDue: 0, skippedForDisplay: 0, framesShown: 0 });

/** Candidates examined per tick at most (bounds the work after a long stall). */
const MAX_CANDIDATES = 64;

/**
 * Real-time cine clock over one clip.
 *
 * Playback position is kept as an unwrapped media time `u` (ms since the start of pass 0); loop,
 * bounce and once map it into the clip. Each frame occurrence has a sequence number `s` (pass × N +
 * position in the pass) so frames that fell due between two ticks can be enumerated.
 */
export class CineClock {
  readonly timeline: Timeline;
  private mode: LoopMode;
  private speedX: number;
  private isPlaying = false;
  private anchorU = 0;
  private anchorWallMs = 0;
  /** Sequence number of the last occurrence accounted for. */
  private lastSeq = 0;
  /** Frame currently on screen. */
  private shown = 0;
  /** A due frame not shown yet because it was not decoded (shown late if it arrives in its slot). */
  private pending: number | null = null;
  private statsValue: ClockStats = emptyStats();
  /** Wall times (ms) of recent frame changes, for the effective rate. */
  private showTimes: number[] = [];
  /** The next tick given a refresh interval sets the phase of the clock (see tick). */
  private needsPhase = false;

  constructor(frameTimesMs: readonly number[], opts: { speed?: number; mode?: LoopMode; frame?: number } = {}) {
    this.timeline = buildTimeline(frameTimesMs);
    this.mode = opts.mode ?? 'loop';
    this.speedX = clampSpeed(opts.speed ?? 1);
    this.shown = this.clampFrame(opts.frame ?? 0);
    this.anchorU = frameStartMs(this.timeline, this.shown);
    this.lastSeq = this.seqOfFrameInPass0(this.shown);
  }

  get playing(): boolean {
    return this.isPlaying;
  }
  get speed(): number {
    return this.speedX;
  }
  get loopMode(): LoopMode {
    return this.mode;
  }
  /** The frame on screen. */
  get frame(): number {
    return this.shown;
  }
  get stats(): ClockStats {
    return { ...this.statsValue };
  }

  /** Distinct frames shown per wall-clock second over the last `windowMs` (default 1 s). */
  effectiveFps(nowMs: number, windowMs = 1000): number {
    const from = nowMs - windowMs;
    while (this.showTimes.length && this.showTimes[0]! < from) this.showTimes.shift();
    return (this.showTimes.length * 1000) / windowMs;
  }

  /** Start playing at `nowMs` from the frame on screen (from the start when a `once` clip has ended). */
  play(nowMs: number): void {
    if (this.isPlaying) return;
    if (this.mode === 'once' && this.shown === this.timeline.count - 1 && this.timeline.count > 1) this.shown = 0;
    this.isPlaying = true;
    this.anchorU = frameStartMs(this.timeline, this.shown);
    this.anchorWallMs = nowMs;
    this.needsPhase = true;
    this.lastSeq = this.seqOfFrameInPass0(this.shown);
    this.pending = null;
    this.statsValue = emptyStats();
    this.showTimes = [nowMs];
  }

  pause(): void {
    this.isPlaying = false;
    this.pending = null;
  }

  /** Jump to frame `i` (keeps playing if playing; the frame is due at once). */
  seek(i: number, nowMs: number): void {
    const f = this.clampFrame(i);
    this.shown = f;
    this.pending = null;
    this.anchorU = frameStartMs(this.timeline, f);
    this.anchorWallMs = nowMs;
    this.lastSeq = this.seqOfFrameInPass0(f);
    this.needsPhase = true;
  }

  /** Change speed without a jump in position (clamped to 0.25×–4×). */
  setSpeed(speed: number, nowMs: number): void {
    if (this.isPlaying) {
      this.anchorU = this.unwrapped(nowMs);
      this.anchorWallMs = nowMs;
    }
    this.speedX = clampSpeed(speed);
    this.needsPhase = true;
  }

  /** Change the loop mode; playback continues forward from the frame on screen. */
  setLoopMode(mode: LoopMode, nowMs: number): void {
    if (mode === this.mode) return;
    this.mode = mode;
    this.seek(this.shown, nowMs);
  }

  /**
   * Advance to wall time `nowMs`. `isReady(i)` tells whether frame i is decoded. Returns the frame
   * to show. Media time is never held back by a frame that is not ready.
   *
   * `refreshMs` (the display's refresh interval; the viewer passes it with display-refresh
   * timestamps) sets the clock's phase on the first tick after play, a seek or a speed change: media
   * time moves by less than half a frame so that this tick lies half of min(frame duration, media
   * time per refresh) into a frame, and later ticks fall midway between frame boundaries instead of
   * on them. Without it, a clip whose frame rate equals the refresh rate (or a multiple or fraction
   * of it) started at an unlucky moment shows two frames at one refresh and none at the next
   * whenever the refresh jitters, dropping frames for no reason. Only the starting point moves,
   * never the rate.
   */
  tick(nowMs: number, isReady: (frame: number) => boolean, refreshMs?: number): TickResult {
    if (!this.isPlaying) return { frame: this.shown, due: this.shown, changed: false, ended: false };
    if (this.needsPhase && refreshMs !== undefined && refreshMs > 0) {
      this.needsPhase = false;
      // On the grid of the mean frame duration d: move media time by less than half a frame so that
      // this tick sits `phase` into a frame; later ticks then keep that margin from the boundaries.
      const d = this.timeline.durationMs / this.timeline.count;
      const phase = Math.min(d, refreshMs * this.speedX) / 2;
      const within = (((this.unwrapped(nowMs) % d) + d) % d);
      let delta = phase - within;
      if (delta > d / 2) delta -= d;
      else if (delta <= -d / 2) delta += d;
      this.anchorWallMs -= delta / this.speedX;
    }
    const n = this.timeline.count;
    let u = this.unwrapped(nowMs);
    let ended = false;
    if (this.mode === 'once' && u >= this.timeline.durationMs) {
      u = this.timeline.durationMs;
      ended = true;
    }
    const seq = ended ? n - 1 : this.seqAt(u);
    const before = this.shown;
    if (seq > this.lastSeq) {
      const fresh = seq - this.lastSeq;
      this.statsValue.opportunities++;
      this.statsValue.framesDue += fresh;
      // Did the previous opportunity's frame never make it? It was already counted as dropped.
      this.pending = null;
      let chosen: number | null = null;
      let examined = 0;
      for (let s = seq; s > this.lastSeq && examined < MAX_CANDIDATES; s--, examined++) {
        const f = this.frameOfSeq(s);
        if (isReady(f)) {
          chosen = f;
          break;
        }
      }
      if (chosen !== null) {
        this.statsValue.onTime++;
        this.statsValue.skippedForDisplay += fresh - 1;
        this.shown = chosen;
      } else {
        this.statsValue.dropped++;
        this.statsValue.skippedForDisplay += fresh - 1;
        this.pending = this.frameOfSeq(seq);
      }
      this.lastSeq = seq;
    } else if (this.pending !== null && isReady(this.pending)) {
      // Late, but still within its display slot: show it rather than keep a stale image.
      this.shown = this.pending;
      this.pending = null;
    }
    const changed = this.shown !== before;
    if (changed) {
      this.statsValue.framesShown++;
      this.showTimes.push(nowMs);
      if (this.showTimes.length > 512) this.showTimes.splice(0, this.showTimes.length - 512);
    }
    if (ended && this.pending === null && this.shown === n - 1) this.isPlaying = false;
    else if (ended && this.pending !== null) {
      // The last frame is due but not decoded: stop the clock; the viewer shows it when it arrives.
      this.isPlaying = false;
      this.shown = n - 1;
    }
    return { frame: this.shown, due: this.frameOfSeq(seq), changed: this.shown !== before, ended };
  }

  /** Unwrapped media time at wall time `nowMs`. */
  private unwrapped(nowMs: number): number {
    return this.anchorU + Math.max(0, nowMs - this.anchorWallMs) * this.speedX;
  }

  private clampFrame(i: number): number {
    return Math.max(0, Math.min(this.timeline.count - 1, Math.round(i)));
  }

  /** Sequence number of frame f at its forward position in pass 0. */
  private seqOfFrameInPass0(f: number): number {
    return f;
  }

  /** The occurrence due at unwrapped media time u. */
  private seqAt(u: number): number {
    const tl = this.timeline;
    const n = tl.count;
    const d = tl.durationMs;
    const pass = Math.floor(u / d);
    const r = u - pass * d;
    if (this.mode === 'once') return frameAt(tl, u);
    if (this.mode === 'loop' || pass % 2 === 0) return pass * n + frameAt(tl, r);
    // Bounce, reverse pass: position j counts frames from the end; frame i is due at r = d − end(i).
    const t = d - r; // media time walking backwards
    // Frame shown at backward time t: largest i with starts[i] < t (t in (0, d]).
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (tl.starts[mid]! < t) lo = mid;
      else hi = mid - 1;
    }
    return pass * n + (n - 1 - lo);
  }

  /** The frame index of occurrence s. */
  private frameOfSeq(s: number): number {
    const n = this.timeline.count;
    if (this.mode === 'once') return Math.min(n - 1, s);
    const pass = Math.floor(s / n);
    const j = s - pass * n;
    if (this.mode === 'loop' || pass % 2 === 0) return j;
    return n - 1 - j;
  }
}

export function clampSpeed(s: number): number {
  if (!Number.isFinite(s)) return 1;
  return Math.max(MIN_SPEED, Math.min(MAX_SPEED, s));
}
