import { describe, expect, it } from 'vitest';
import { buildTimeline, CineClock, frameAt, type LoopMode } from '../../../../renderer/viewer2d/cine-clock';
import { frameTiming } from '../../../../core/dicom/timing';

const HZ60 = 1000 / 60;
const always = () => true;

/** Tick a playing clock at `hz` from t0 for `ms`; returns the frame shown after each tick. */
function run(clock: CineClock, t0: number, ms: number, isReady: (f: number) => boolean = always, periodMs = HZ60): { frames: number[]; end: number } {
  const frames: number[] = [];
  let t = t0;
  for (; t <= t0 + ms + 1e-9; t += periodMs) {
    const r = clock.tick(t, isReady);
    frames.push(r.frame);
  }
  return { frames, end: t };
}

/** Count frame advances in a sequence of shown frames (a change of frame index). */
const changes = (frames: number[]) => frames.reduce((n, f, i) => (i > 0 && f !== frames[i - 1] ? n + 1 : n), 0);

describe('timeline', () => {
  it('accumulates per-frame durations and finds the frame at a media time', () => {
    const tl = buildTimeline([50, 33.333, 50, 50]);
    expect(Array.from(tl.starts)).toEqual([0, 50, 83.333, 133.333]);
    expect(tl.durationMs).toBeCloseTo(183.333, 6);
    expect(frameAt(tl, 0)).toBe(0);
    expect(frameAt(tl, 49.99)).toBe(0);
    expect(frameAt(tl, 50)).toBe(1);
    expect(frameAt(tl, 83.3)).toBe(1);
    expect(frameAt(tl, 83.34)).toBe(2);
    expect(frameAt(tl, 1e9)).toBe(3);
  });

  it('replaces invalid durations by the mean of the valid ones', () => {
    const tl = buildTimeline([40, 0, Number.NaN, 20]);
    expect(Array.from(tl.durations)).toEqual([40, 30, 30, 20]);
  });
});

describe('cine clock: real-time rate', () => {
  it('advances a 30 fps clip 30 frames per second on a 60 Hz display, with nothing dropped', () => {
    const clock = new CineClock(new Array(300).fill(1000 / 30));
    clock.play(1000);
    const { frames } = run(clock, 1000, 2000);
    // 2 s at 30 fps = 60 frame advances (± one at the edges of the window).
    expect(Math.abs(changes(frames) - 60)).toBeLessThanOrEqual(1);
    const s = clock.stats;
    expect(s.dropped).toBe(0);
    expect(s.skippedForDisplay).toBe(0);
    expect(Math.abs(s.framesDue - 60)).toBeLessThanOrEqual(1);
  });

  it('follows an irregular Frame Time Vector (core timing) frame by frame', () => {
    // IM00001's vector: increments 50, 33.333, 50, 50, 50, 33.333, 43.333 (first value is the start).
    const timing = frameTiming({ frames: 8, frameTimeVectorMs: [33.333, 50, 33.333, 50, 50, 50, 33.333, 43.333], frameIncrementPointer: ['x00181065'] });
    expect(timing.source).toBe('frame-time-vector');
    const clock = new CineClock(timing.frameTimesMs, { mode: 'once' });
    clock.play(0);
    // Sample at fine steps and record when each frame first appears.
    const firstSeen = new Map<number, number>();
    for (let t = 0; t <= 400; t += 0.5) {
      const r = clock.tick(t, always);
      if (!firstSeen.has(r.frame)) firstSeen.set(r.frame, t);
    }
    const expectedStarts = [0, 50, 83.333, 133.333, 183.333, 233.333, 266.666, 309.999];
    for (let i = 0; i < 8; i++) expect(firstSeen.get(i)!).toBeCloseTo(expectedStarts[i]!, 0);
  });

  it('scales with speed: 0.25× and 4×, and a speed change keeps the position', () => {
    const slow = new CineClock(new Array(100).fill(40)); // 25 fps
    slow.setSpeed(0.25, 0);
    slow.play(0);
    const a = run(slow, 0, 4000);
    // 4 s at 0.25 × 25 fps = 25 frames.
    expect(Math.abs(changes(a.frames) - 25)).toBeLessThanOrEqual(1);

    const fast = new CineClock(new Array(1000).fill(40));
    fast.setSpeed(4, 0);
    fast.play(0);
    run(fast, 0, 1000);
    // 1 s at 4 × 25 fps = 100 frames due; the 60 Hz display shows at most 60 of them.
    const s = fast.stats;
    expect(Math.abs(s.framesDue - 100)).toBeLessThanOrEqual(1);
    expect(s.dropped).toBe(0);
    expect(fast.frame).toBeGreaterThanOrEqual(99);
    expect(fast.frame).toBeLessThanOrEqual(101);

    const c = new CineClock(new Array(100).fill(100)); // 10 fps
    c.play(0);
    c.tick(1050, always); // frame 10
    expect(c.frame).toBe(10);
    c.setSpeed(2, 1050);
    c.tick(1100, always); // +50 ms × 2 = 100 ms of media → frame 11
    expect(c.frame).toBe(11);
  });

  it('clamps speed to 0.25×–4×', () => {
    const c = new CineClock([40, 40]);
    c.setSpeed(10, 0);
    expect(c.speed).toBe(4);
    c.setSpeed(0.01, 0);
    expect(c.speed).toBe(0.25);
  });
});

describe('cine clock: loop modes', () => {
  const sequence = (mode: LoopMode, n: number, ticks: number) => {
    const clock = new CineClock(new Array(n).fill(100), { mode });
    clock.play(0);
    const out: number[] = [];
    // Tick at 10 Hz phase-shifted by 50 ms, one tick in the middle of every frame slot.
    for (let k = 0; k < ticks; k++) out.push(clock.tick(50 + k * 100, always).frame);
    return { out, clock };
  };

  it('loop wraps to the first frame', () => {
    expect(sequence('loop', 4, 10).out).toEqual([0, 1, 2, 3, 0, 1, 2, 3, 0, 1]);
  });

  it('bounce plays forward then backward', () => {
    expect(sequence('bounce', 4, 12).out).toEqual([0, 1, 2, 3, 3, 2, 1, 0, 0, 1, 2, 3]);
  });

  it('once stops on the last frame and restarts from the first on play', () => {
    const { out, clock } = sequence('once', 4, 8);
    expect(out).toEqual([0, 1, 2, 3, 3, 3, 3, 3]);
    expect(clock.playing).toBe(false);
    clock.play(10_000);
    expect(clock.frame).toBe(0);
  });

  it('changing the loop mode continues from the frame on screen', () => {
    const clock = new CineClock(new Array(4).fill(100));
    clock.play(0);
    clock.tick(250, always);
    expect(clock.frame).toBe(2);
    clock.setLoopMode('bounce', 250);
    expect(clock.tick(260, always).frame).toBe(2);
    expect(clock.tick(360, always).frame).toBe(3);
    expect(clock.tick(460, always).frame).toBe(3);
    expect(clock.tick(560, always).frame).toBe(2);
  });
});

describe('cine clock: dropping under load', () => {
  it('skips frames that are not decoded in time and never slows media time', () => {
    const clock = new CineClock(new Array(300).fill(1000 / 30));
    clock.play(0);
    // Every third frame takes too long to decode.
    const ready = (f: number) => f % 3 !== 0;
    run(clock, 0, 1000, ready);
    const s = clock.stats;
    // ~30 opportunities in 1 s; every third dropped.
    expect(Math.abs(s.opportunities - 30)).toBeLessThanOrEqual(1);
    expect(Math.abs(s.dropped - 10)).toBeLessThanOrEqual(1);
    // Real time kept: after 1 s the clock is at frame 30 (or 29 if 30 is the one being dropped).
    expect(clock.frame).toBeGreaterThanOrEqual(29);
    expect(clock.frame).toBeLessThanOrEqual(31);
  });

  it('keeps the last frame up while nothing is ready and jumps ahead when frames arrive', () => {
    const clock = new CineClock(new Array(100).fill(100));
    clock.play(0);
    let decodedUpTo = 0;
    const ready = (f: number) => f <= decodedUpTo;
    expect(clock.tick(550, ready).frame).toBe(0); // frame 5 due, nothing decoded
    decodedUpTo = 99;
    expect(clock.tick(560, ready).frame).toBe(5); // late but still in its slot: shown
    expect(clock.tick(1250, ready).frame).toBe(12); // not 6: time went on
    expect(clock.stats.dropped).toBe(1);
  });

  it('shows the latest ready due frame when the content rate exceeds the display rate', () => {
    // 60 fps content at 4× = 240 frames/s on a 60 Hz display: 4 frames fall due per refresh.
    const clock = new CineClock(new Array(1000).fill(1000 / 60));
    clock.setSpeed(4, 0);
    clock.play(0);
    // Only every other frame decoded (the prefetcher skips frames that cannot all be shown).
    run(clock, 0, 1000, (f) => f % 2 === 0);
    const s = clock.stats;
    expect(s.dropped).toBe(0);
    expect(s.onTime).toBe(s.opportunities);
    expect(s.skippedForDisplay).toBeGreaterThan(150);
  });

  it('survives a long stall (tab in the background) with bounded work', () => {
    const clock = new CineClock(new Array(10).fill(40));
    clock.play(0);
    clock.tick(16, always);
    const r = clock.tick(60_000_016, always); // 1000 minutes later
    expect(r.frame).toBeGreaterThanOrEqual(0);
    expect(r.frame).toBeLessThan(10);
    // One opportunity (the stall), not thousands of frames replayed.
    expect(clock.stats.opportunities).toBe(1);
  });

  it('reports the effective frame rate over the last second', () => {
    const clock = new CineClock(new Array(300).fill(1000 / 30));
    clock.play(0);
    run(clock, 0, 2000);
    expect(clock.effectiveFps(2000)).toBeGreaterThanOrEqual(29);
    expect(clock.effectiveFps(2000)).toBeLessThanOrEqual(31);
  });
});

describe('cine clock: phase against the display refresh', () => {
  /**
   * Play from frame 0 at `speed`, the play event exactly on a refresh (the unlucky phase), with a
   * deterministic jitter of ±`jitterMs` around each refresh (animation-frame timestamps are vsync
   * times, steady in practice; the margin the phase gives is half a frame: 4 ms of wall time for a
   * 30 fps clip at 4×, 8 ms otherwise).
   */
  function play(fps: number, speed: number, withRefresh: boolean, jitterMs = 3) {
    const clock = new CineClock(new Array(600).fill(1000 / fps), { speed });
    const t0 = 10_000;
    clock.play(t0);
    const shown: number[] = [];
    for (let k = 1; k <= 240; k++) shown.push(clock.tick(t0 + k * HZ60 + jitterMs * Math.sin(k * 2.39996), always, withRefresh ? HZ60 : undefined).frame);
    return { clock, shown, t0 };
  }

  it('keeps one new frame per refresh when the clip rate equals the refresh rate (jittered refreshes)', () => {
    const aligned = play(60, 1, true);
    // Every refresh shows the next frame: no frame skipped, none shown twice.
    expect(aligned.shown.every((f, i) => i === 0 || f === aligned.shown[i - 1]! + 1)).toBe(true);
    expect(aligned.clock.stats.skippedForDisplay).toBe(0);
    // Without the phase, the same jitter on frame boundaries skips frames and repeats others.
    const unaligned = play(60, 1, false);
    expect(unaligned.clock.stats.skippedForDisplay).toBeGreaterThan(20);
  });

  it('keeps the cadence at 1× and 4× of a 30 fps clip, and the real-time rate', () => {
    const one = play(30, 1, true);
    // Each frame stays up for exactly two refreshes (the first and last run may be cut).
    const runs: number[] = [];
    for (let i = 0; i < one.shown.length; i++) {
      if (i > 0 && one.shown[i] === one.shown[i - 1]) runs[runs.length - 1]!++;
      else runs.push(1);
    }
    expect(runs.slice(1, -1).every((r) => r === 2)).toBe(true);
    expect(one.shown.every((f, i) => i === 0 || f - one.shown[i - 1]! <= 1)).toBe(true);
    expect(one.clock.stats.skippedForDisplay).toBe(0);
    // Unaligned, the same jitter makes some frames stay up for one refresh and others for three.
    const raw = play(30, 1, false).shown;
    const rawRuns: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (i > 0 && raw[i] === raw[i - 1]) rawRuns[rawRuns.length - 1]!++;
      else rawRuns.push(1);
    }
    expect(rawRuns.slice(1, -1).some((r) => r !== 2)).toBe(true);
    const four = play(30, 4, true, 1);
    // Two frames fall due per refresh at 4×: one is shown, one skipped, at every refresh.
    expect(four.shown.every((f, i) => i === 0 || f === four.shown[i - 1]! + 2)).toBe(true);
    // The rate is the file's: 240 refreshes = 4 s = 480 frames at 4 × 30 fps (± the half-frame phase).
    expect(Math.abs(four.shown[four.shown.length - 1]! - 480)).toBeLessThanOrEqual(1);
  });
});
