import { describe, expect, it } from 'vitest';
import { AnnotationSchema, NeedlePathSchema, type Annotation, type AnnotationInput, type NeedlePath } from '../../../../core/plan/schema';
import { hitTest, HIT_RADIUS_PX } from '../../../../renderer/annotate/hitTest';
import { fitTransform, IDENTITY, toScreen } from '../../../../core/geometry/view-transform';

const ann = (a: Partial<AnnotationInput> & Pick<AnnotationInput, 'id' | 'kind' | 'points'>): Annotation =>
  AnnotationSchema.parse({ clipId: 'c', role: 'landmark', frameIndex: null, ...a });
const needle = (n: Partial<NeedlePath> & Pick<NeedlePath, 'id' | 'entry' | 'target'>): NeedlePath => NeedlePathSchema.parse({ clipId: 'c', frameIndex: null, mode: 'in-plane', ...n });

describe('hit-testing', () => {
  const line = ann({ id: 'line', kind: 'line', points: [{ x: 100, y: 100 }, { x: 300, y: 100 }] });
  const box = ann({ id: 'box', kind: 'contour', points: [{ x: 0, y: 200 }, { x: 400, y: 200 }, { x: 400, y: 400 }, { x: 0, y: 400 }] });
  const small = ann({ id: 'small', kind: 'ellipse', points: [{ x: 180, y: 280 }, { x: 220, y: 320 }] });

  it('hits a handle within the 10 px radius and not beyond', () => {
    expect(HIT_RADIUS_PX).toBeGreaterThanOrEqual(10);
    expect(hitTest({ x: 300 + 9.9, y: 100 }, [line], [], IDENTITY, { selectedId: 'line' })).toEqual({ kind: 'handle', id: 'line', index: 1 });
    // 10.1 px from the end, and 10.1 px from the segment too: nothing.
    expect(hitTest({ x: 300 + 10.1, y: 100 }, [line], [], IDENTITY)).toBeNull();
  });

  it('hits a line body within the radius', () => {
    expect(hitTest({ x: 200, y: 108 }, [line], [], IDENTITY)).toEqual({ kind: 'annotation', id: 'line' });
    expect(hitTest({ x: 200, y: 111 }, [line], [], IDENTITY)).toBeNull();
  });

  it('measures the radius in screen px, so it stays the same at any zoom', () => {
    const t = fitTransform({ columns: 400, rows: 400 }, { width: 1600, height: 1600 }); // 4 screen px per image px
    const end = toScreen(t, { x: 300, y: 100 });
    expect(hitTest({ x: end.x + 9, y: end.y }, [line], [], t, { selectedId: 'line' })).toEqual({ kind: 'handle', id: 'line', index: 1 });
    // 3 image px away = 12 screen px: a miss, although it would be a hit at 1:1.
    expect(hitTest({ x: end.x + 12, y: end.y }, [line], [], t, { selectedId: 'line' })).toBeNull();
  });

  it('selects a filled contour anywhere inside, but a smaller shape inside it wins near its outline', () => {
    expect(hitTest({ x: 50, y: 350 }, [box, small], [], IDENTITY)).toEqual({ kind: 'annotation', id: 'box' });
    // Inside the small ellipse: both are interior hits; outline distance decides → the ellipse.
    expect(hitTest({ x: 200, y: 281 }, [box, small], [], IDENTITY)).toEqual({ kind: 'annotation', id: 'small' });
  });

  it('prefers the selected annotation’s handles, then needle end points, then bodies', () => {
    const n = needle({ id: 'n', entry: { x: 300, y: 95 }, target: { x: 500, y: 300 } });
    // Pointer at (301, 98): the line's end handle (distance 2.2) and the needle entry (3.2) are both in reach.
    expect(hitTest({ x: 301, y: 98 }, [line], [n], IDENTITY, { selectedId: 'line' })).toEqual({ kind: 'handle', id: 'line', index: 1 });
    expect(hitTest({ x: 301, y: 98 }, [line], [n], IDENTITY)).toEqual({ kind: 'needle-point', id: 'n', which: 'entry' });
    expect(hitTest({ x: 400, y: 197 }, [], [n], IDENTITY)).toEqual({ kind: 'needle', id: 'n' });
  });

  it('ignores hidden annotations', () => {
    const hidden = { ...line, visible: false };
    expect(hitTest({ x: 200, y: 100 }, [hidden], [], IDENTITY)).toBeNull();
  });

});

describe('caption layout', () => {
  it('keeps captions from overlapping and inside the image’s right edge', async () => {
    const { layoutCaptions } = await import('../../../../renderer/annotate/screenGeometry');
    const placed = layoutCaptions(
      [
        { id: 'a', anchor: { x: 100, y: 100 }, text: 'inferior vena cava' },
        { id: 'b', anchor: { x: 104, y: 102 }, text: 'right crus' },
        { id: 'c', anchor: { x: 580, y: 300 }, text: 'parietal pleura' },
      ],
      600,
    );
    const a = placed.find((p) => p.id === 'a')!;
    const b = placed.find((p) => p.id === 'b')!;
    expect(a).toEqual({ id: 'a', x: 108, y: 92, textAnchor: 'start' });
    // b's natural place (y 94) overlaps a: it moves a line (16 px) up or down.
    expect(Math.abs(b.y - 94)).toBe(16);
    // c would run past x 600: it is drawn to the left of its anchor.
    expect(placed.find((p) => p.id === 'c')).toEqual({ id: 'c', x: 572, y: 292, textAnchor: 'end' });
  });
});
