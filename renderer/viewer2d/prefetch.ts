/**
 * What to decode next: frames ahead of the playhead in playback order (loop, bounce, once), within
 * what the cache budget can hold, and how valuable each cached frame is (the cache's keep score).
 * Pure functions; unit-tested.
 */
import type { LoopMode } from '../state/viewer';

/** +1 forward, -1 backward (bounce, reverse pass). */
export type Direction = 1 | -1;

/**
 * How many frames of playback separate `from` and `to` going forward in playback order
 * (0 = the frame on screen). Frames a `once` clip has already passed rank after every frame ahead
 * (n + how far back they are), since only a seek or replay brings them back.
 */
export function playbackDistance(from: number, to: number, n: number, mode: LoopMode, dir: Direction = 1): number {
  if (n <= 1) return 0;
  if (mode === 'loop') return (((to - from) % n) + n) % n;
  if (mode === 'once') return to >= from ? to - from : n + (from - to);
  // bounce: walk to the end in the current direction, turn, walk back, turn again …
  const last = n - 1;
  if (dir === 1) {
    if (to >= from) return to - from;
    return last - from + (last - to) + 1; // +1: the end frame is shown twice at the turn
  }
  if (to <= from) return from - to;
  return from + to + 1;
}

/** The frames of the playback path from `from` onwards (each once), at most `limit`. */
export function playbackPath(from: number, n: number, mode: LoopMode, dir: Direction, limit: number): number[] {
  const out: number[] = [];
  const seen = new Uint8Array(n);
  const max = Math.min(limit, n);
  if (max <= 0) return out;
  let f = Math.max(0, Math.min(n - 1, from));
  let d: Direction = dir;
  for (let guard = 0; out.length < max && guard < 2 * n + 2; guard++) {
    if (!seen[f]) {
      seen[f] = 1;
      out.push(f);
    }
    if (mode === 'loop') f = (f + 1) % n;
    else if (mode === 'once') {
      if (f === n - 1) break;
      f++;
    } else {
      if (f + d < 0 || f + d > n - 1) d = (-d) as Direction;
      f += d;
      if (n === 1) break;
    }
  }
  // A `once` clip near its end: the rest of the budget goes to the frames before the playhead.
  if (mode === 'once') for (let g = from - 1; g >= 0 && out.length < max; g--) if (!seen[g]) out.push(g);
  return out;
}

/**
 * Decode order for prefetching: the next `limit` frames along the playback path, with every
 * `stride`-th frame first. A stride above 1 is used when more frames fall due per display refresh
 * than can be shown (high speed × frame rate): one frame per refresh is enough to keep the image
 * current, the others are filled in when the decoders have time.
 */
export function prefetchOrder(from: number, n: number, mode: LoopMode, dir: Direction, limit: number, stride = 1): number[] {
  const path = playbackPath(from, n, mode, dir, limit);
  if (stride <= 1) return path;
  const first: number[] = [];
  const rest: number[] = [];
  path.forEach((f, k) => (k % stride === 0 ? first : rest).push(f));
  return [...first, ...rest];
}

/**
 * The stride for prefetching at a content rate of `fps × speed` on a display refreshing at
 * `displayHz`. Half the frames falling due per refresh, so that jitter in the refresh never leaves a
 * refresh without a decoded candidate.
 */
export function prefetchStride(fps: number, speed: number, displayHz = 60): number {
  const perRefresh = (fps * speed) / displayHz;
  // Frame times in files are rounded (16.6667 ms is 59.9999 fps): allow for it.
  return Math.max(1, Math.floor(perRefresh / 2 + 1e-3));
}

/** Lookahead in frames: `seconds` of playback at `fps × speed`, at least `min` frames. */
export function lookaheadFrames(fps: number, speed: number, seconds = 1.5, min = 8): number {
  return Math.max(min, Math.ceil(fps * speed * seconds));
}

/**
 * Stride when the decoders cannot keep up (measured `decodeFps` below what playback needs, and the
 * window ahead of the playhead is falling behind): decode every k-th frame so the frames that are
 * decoded are still due when they are ready, rather than chasing the playhead and showing none.
 * Frames are skipped, playback is never slowed. Returns at least `base`.
 */
export function adaptiveStride(base: number, fps: number, speed: number, decodeFps: number, behind: boolean): number {
  if (!behind || !(decodeFps > 0)) return base;
  const need = (fps * speed) / base; // decodes per second at the base stride
  if (decodeFps >= need * 0.9) return base;
  return base * Math.ceil((need * 1.15) / decodeFps);
}

/**
 * How a clip that does not fit in the cache is played without re-decoding most of it every pass.
 *
 * Evicting the frame just played (the one needed last) is right for a single frame, but with a
 * prefetch window of `w` frames it opens a contiguous gap behind the playhead that comes back into
 * the window after n − w frames: the overflow is then decoded n / (n − w) times per pass (2.5 times
 * at 4× with a 1.5 s window), and each time as a burst at the playback rate. Instead, a fixed set of
 * `transient` frames, spread evenly over the clip, is decoded shortly before it is shown and dropped
 * after; all other frames (the residents) stay. Each transient frame is then decoded once per pass,
 * at an even rate (e.g. 300 frames in room for 242 at 4×: 75 decodes per pass instead of ~145).
 */
export interface KeepPlan {
  /** Frames in the clip. */
  n: number;
  /** Frames decoded again on every pass (0 when the whole clip fits). */
  transient: number;
  /** Frames ahead of the playhead that are always decoded (transient ones included). */
  window: number;
}

/**
 * The plan for an n-frame clip in a cache of `capacity` frames, with a window of `window` frames
 * ahead. Residents (n − m) plus the transient frames inside the window (about w·m/n) plus one frame
 * in flight must fit: the smallest such m.
 */
export function keepPlan(n: number, capacity: number, window: number): KeepPlan {
  if (capacity >= n) return { n, transient: 0, window: n };
  const w = Math.max(1, Math.min(window, capacity - 2));
  let m = Math.max(1, n - capacity + 2);
  while (m < n && n - m + Math.ceil((w * m) / n) + 1 > capacity) m++;
  return { n, transient: m, window: w };
}

/** True when frame `f` is one of the `m` transient frames of an n-frame clip (spread evenly). */
export function isTransient(f: number, n: number, m: number): boolean {
  if (m <= 0) return false;
  if (m >= n) return true;
  return Math.floor(((f + 1) * m) / n) > Math.floor((f * m) / n);
}

/**
 * How much to keep frame `f` (the cache's keep score; higher stays longer): the window ahead of the
 * playhead first, then the residents, then the transient frames outside the window; nearer before
 * farther within each group.
 */
export function keepScore(plan: KeepPlan, from: number, f: number, mode: LoopMode, dir: Direction = 1): number {
  const d = playbackDistance(from, f, plan.n, mode, dir);
  if (d < plan.window) return 3 * plan.n - d;
  if (!isTransient(f, plan.n, plan.transient)) return 2 * plan.n - d;
  return -d;
}

/**
 * The frames to have decoded, most urgent first: the first `limit` frames of the playback path from
 * `from` (every `stride`-th frame first, see prefetchOrder), without the transient frames outside
 * the window. When more frames fall due per display refresh than can be shown (`stride` > 1),
 * only every `stride`-th transient frame (by index) is decoded at all: the others could only be
 * skipped on screen, and they would be decoded again on every pass.
 */
export function planOrder(plan: KeepPlan, from: number, mode: LoopMode, dir: Direction, stride = 1, limit = plan.n): number[] {
  const n = plan.n;
  const order = prefetchOrder(from, n, mode, dir, Math.min(n, limit), stride);
  if (plan.transient === 0) return order;
  return order.filter((f) => !isTransient(f, n, plan.transient) || (f % stride === 0 && playbackDistance(from, f, n, mode, dir) < plan.window));
}
