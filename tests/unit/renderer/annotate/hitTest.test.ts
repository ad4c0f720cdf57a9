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
  it('places captions apart, inside the viewport and off the needle, with the shared label layout', async () => {
    const { placeCaptions } = await import('../../../../renderer/annotate/screenGeometry');
    // 7 px per character + 2 × 2 px: boxes 18 px tall, 6 px from their anchors, text 2 px in, baseline 13 px down.
    const width = (t: string) => t.length * 7;
    const view = { x0: 0, y0: 0, x1: 600, y1: 400 };
    const placed = placeCaptions(
      [
        { id: 'a', anchor: { x: 100, y: 100 }, text: 'inferior vena cava' },
        { id: 'b', anchor: { x: 104, y: 102 }, text: 'right crus' },
        { id: 'c', anchor: { x: 580, y: 300 }, text: 'parietal pleura' },
      ],
      view,
      [],
      width,
    );
    const by = (id: string) => placed.find((p) => p.id === id)!;
    // a: up-right, box x 106–236, y 76–94.
    expect(by('a')).toMatchObject({ x: 108, y: 89, text: 'inferior vena cava', leader: null });
    // b: up-right (y 78–96) and right (93–111) touch a's box; down-right, y 108–126.
    expect(by('b')).toMatchObject({ x: 112, y: 121 });
    // c (109 px) would run past x 600 on the right: up-left, x 580 − 6 − 109 = 465, y 276.
    expect(by('c')).toMatchObject({ x: 467, y: 289 });
  });

  it('keeps the full text where it fits and the short text only where it does not', async () => {
    const { placeCaptions } = await import('../../../../renderer/annotate/screenGeometry');
    const width = (t: string) => t.length * 7;
    const long = 'Intercostal and segmental vessels';
    const [wide] = placeCaptions([{ id: 'a', anchor: { x: 100, y: 100 }, text: long, short: 'Intercostal and segmental ves…' }], { x0: 0, y0: 0, x1: 600, y1: 400 }, [], width);
    expect(wide!.text).toBe(long);
    // In a 200 px wide view the 235 px text fits nowhere, so the short text is used.
    const [narrow] = placeCaptions([{ id: 'a', anchor: { x: 100, y: 100 }, text: long, short: 'Intercostal…' }], { x0: 0, y0: 0, x1: 200, y1: 400 }, [], width);
    expect(narrow!.text).toBe('Intercostal…');
  });
});
