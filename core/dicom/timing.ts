import { Tag } from './tags';
import type { FrameTiming } from './types';

/** Frame rate assumed when a multi-frame file gives none (marked `assumed`), frames/s. */
export const ASSUMED_FPS = 30;

/** The timing attributes as stored (ms or frames/s), from the header. */
export interface TimingAttributes {
  frames: number;
  frameTimeMs?: number;
  frameTimeVectorMs?: number[];
  cineRate?: number;
  recommendedDisplayFrameRate?: number;
  /** Frame Increment Pointer (0028,0009) values as `xGGGGEEEE`. */
  frameIncrementPointer?: string[];
}

const validMs = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0 && v < 3_600_000;
const validFps = (v: number | undefined): v is number => v !== undefined && Number.isFinite(v) && v > 0 && v <= 10_000;

/**
 * Decide the frame timing of a clip (PS3.3 C.7.6.5 Cine Module, C.7.6.6 Multi-frame Module).
 *
 * Precedence: the attribute named by Frame Increment Pointer when it is Frame Time or Frame Time
 * Vector and valid; then Frame Time (0018,1063); Frame Time Vector (0018,1065); Cine Rate
 * (0018,0040); Recommended Display Frame Rate (0008,2144); else 30 frames/s marked `assumed`.
 * Invalid values (≤ 0, not finite, wrong vector length) are skipped with a warning.
 */
export function frameTiming(a: TimingAttributes, warnings: string[] = []): FrameTiming {
  const n = Math.max(1, a.frames);
  const uniform = (ms: number, source: FrameTiming['source'], assumed = false, fps = 1000 / ms): FrameTiming => ({
    frameTimesMs: new Array<number>(n).fill(ms),
    source,
    assumed,
    fps,
  });
  const fromVector = (): FrameTiming | undefined => {
    const v = a.frameTimeVectorMs;
    if (!v) return undefined;
    if (v.length !== n) {
      warnings.push(`Frame Time Vector has ${v.length} values for ${n} frames; ignored.`);
      return undefined;
    }
    // v[0] is 0 (no previous frame); v[i] is the time from frame i-1 to frame i.
    const increments = v.slice(1);
    if (n > 1 && !increments.every((x) => validMs(x))) {
      warnings.push('Frame Time Vector has zero, negative or non-numeric increments; ignored.');
      return undefined;
    }
    if (n === 1) return undefined;
    const mean = increments.reduce((s, x) => s + x, 0) / increments.length;
    const frameTimesMs = [...increments, mean];
    return { frameTimesMs, source: 'frame-time-vector', assumed: false, fps: 1000 / mean };
  };
  const fromFrameTime = (): FrameTiming | undefined => {
    if (a.frameTimeMs === undefined) return undefined;
    if (!validMs(a.frameTimeMs)) {
      warnings.push(`Frame Time ${a.frameTimeMs} ms is not a positive duration; ignored.`);
      return undefined;
    }
    return uniform(a.frameTimeMs, 'frame-time');
  };

  const fip = a.frameIncrementPointer ?? [];
  if (fip.includes(Tag.FrameTimeVector)) {
    const t = fromVector();
    if (t) return t;
  }
  const ft = fromFrameTime();
  if (ft) return ft;
  if (!fip.includes(Tag.FrameTimeVector)) {
    const t = fromVector();
    if (t) return t;
  }
  if (a.cineRate !== undefined) {
    if (validFps(a.cineRate)) return uniform(1000 / a.cineRate, 'cine-rate', false, a.cineRate);
    warnings.push(`Cine Rate ${a.cineRate} is not a positive frame rate; ignored.`);
  }
  if (a.recommendedDisplayFrameRate !== undefined) {
    if (validFps(a.recommendedDisplayFrameRate)) {
      return uniform(1000 / a.recommendedDisplayFrameRate, 'recommended-display-frame-rate', false, a.recommendedDisplayFrameRate);
    }
    warnings.push(`Recommended Display Frame Rate ${a.recommendedDisplayFrameRate} is not a positive frame rate; ignored.`);
  }
  if (n > 1) warnings.push(`The file gives no frame rate; ${ASSUMED_FPS} frames/s is assumed.`);
  return uniform(1000 / ASSUMED_FPS, 'assumed', true, ASSUMED_FPS);
}
