import { beforeEach, describe, expect, it } from 'vitest';
import { SPEEDS, useViewer } from '../../../../renderer/state/viewer';

const v = () => useViewer.getState();

beforeEach(() => {
  useViewer.setState({ clipId: null, clipUid: null, frameCount: 0, frame: 0, playing: false, speed: 1, loop: 'loop', keyFrames: [], fitScale: 1 });
  v().select('f1', { frameCount: 10, clipUid: '1.2.3' });
});

describe('viewer store', () => {
  it('steps, seeks and jumps within the clip and pauses on a step', () => {
    v().play();
    expect(v().playing).toBe(true);
    v().step(1);
    expect(v().playing).toBe(false);
    expect(v().frame).toBe(1);
    v().step(-5);
    expect(v().frame).toBe(0);
    v().last();
    expect(v().frame).toBe(9);
    v().step(1);
    expect(v().frame).toBe(9);
    const before = v().seekSeq;
    v().seek(4.4);
    expect(v().frame).toBe(4);
    expect(v().seekSeq).toBe(before + 1);
  });

  it('does not play a single-frame image', () => {
    v().select('f2', { frameCount: 1, clipUid: 'x' });
    v().play();
    expect(v().playing).toBe(false);
  });

  it('steps speed through 0.25×–4× and cycles loop modes', () => {
    for (let i = 0; i < 10; i++) v().faster();
    expect(v().speed).toBe(4);
    for (let i = 0; i < 10; i++) v().slower();
    expect(v().speed).toBe(0.25);
    expect(SPEEDS[0]).toBe(0.25);
    v().cycleLoop();
    expect(v().loop).toBe('bounce');
    v().cycleLoop();
    expect(v().loop).toBe('once');
    v().cycleLoop();
    expect(v().loop).toBe('loop');
  });

  it('zooms from the fit scale, rotates by 90°, flips, inverts and resets', () => {
    v().setFitScale(0.5);
    v().zoomIn();
    expect(v().view.zoom).toBeCloseTo(0.625, 9);
    v().zoomOut();
    v().zoomOut();
    expect(v().view.zoom).toBeCloseTo(0.4, 9);
    v().zoomActual();
    expect(v().view.zoom).toBe(1);
    for (let i = 0; i < 5; i++) v().rotate();
    expect(v().view.rotationDeg).toBe(90);
    v().flip();
    v().toggleInvert();
    expect(v().view.hflip && v().view.invert).toBe(true);
    v().zoomFit();
    expect(v().view.zoom).toBe('fit');
    v().resetView();
    expect(v().view).toEqual({ zoom: 'fit', panX: 0, panY: 0, rotationDeg: 0, hflip: false, invert: false, voi: null, colour: null });
  });

  it('bookmarks the current frame as a key frame in the case model shape', () => {
    v().seek(7);
    const k = v().addKeyFrame('needle-visible')!;
    expect(k).toMatchObject({ clipId: '1.2.3', frameIndex: 7, tag: 'needle-visible', text: '' });
    v().seek(2);
    v().addKeyFrame('free', 'hydrodissection');
    expect(v().keyFrames.map((x) => x.frameIndex)).toEqual([2, 7]);
    v().updateKeyFrame(k.id, { text: 'tip at the target' });
    expect(v().keyFrames.find((x) => x.id === k.id)!.text).toBe('tip at the target');
    v().removeKeyFrame(k.id);
    expect(v().keyFrames).toHaveLength(1);
  });

  it('keeps the cache budget within bounds', () => {
    v().setCacheBudgetMb(10);
    expect(v().settings.cacheBudgetMb).toBe(64);
    v().setCacheBudgetMb(512);
    expect(v().settings.cacheBudgetMb).toBe(512);
  });
});
