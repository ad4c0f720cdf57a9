import { describe, expect, it } from 'vitest';
import { keyImageRequests } from '../../../../core/app/index';
import { measureClip } from '../../../../core/plan/index';
import { frameShapes, videoFrameTimes } from '../../../../renderer/services/clipVideo';
import { sampleCase } from '../note/helpers';

describe('annotated clip', () => {
  it('draws on each key frame exactly what the key image shows (same shapes, same core drawing)', () => {
    const s = sampleCase();
    const m = measureClip(s.plan, s.plan.clips[0]!.id, s.calibration);
    const reqs = keyImageRequests(s.plan, [m]);
    expect(reqs.length).toBeGreaterThan(0);
    for (const r of reqs) expect(frameShapes(s.plan, r.clipId, r.frameIndex, m)).toEqual(r.shapes);
  });

  it('leaves out hidden marks and marks of other frames', () => {
    const s = sampleCase();
    const clipId = s.plan.clips[0]!.id;
    const a = s.plan.annotations[0]!;
    const only = (annotations: typeof s.plan.annotations) => frameShapes({ ...s.plan, annotations, needlePaths: [] }, clipId, 3).length;
    expect(only([{ ...a, frameIndex: null }])).toBeGreaterThan(0);
    expect(only([{ ...a, frameIndex: 3 }])).toBeGreaterThan(0);
    expect(only([{ ...a, frameIndex: 4 }])).toBe(0);
    expect(only([{ ...a, frameIndex: null, visible: false }])).toBe(0);
  });

  it('keeps the file’s frame times and fills gaps with their mean', () => {
    expect(videoFrameTimes([50, 50, 50], 3)).toEqual([50, 50, 50]);
    expect(videoFrameTimes([40, 0, 60, Number.NaN], 5)).toEqual([40, 50, 60, 50, 50]);
    expect(videoFrameTimes([], 2)).toEqual([1000 / 30, 1000 / 30]);
  });
});
