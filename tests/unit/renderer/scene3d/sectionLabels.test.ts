import { describe, expect, it } from 'vitest';
import { LINE_PX, layoutLabels, shortName, wrapLabel, type LabelItem } from '../../../../renderer/ui/scene3d/sectionLabels';

describe('probe image labels', () => {
  it('wraps names by words into at most the given lines, with an ellipsis when cut', () => {
    expect(wrapLabel('R. posterior intercostal artery (T4)', 15, 3)).toEqual(['R. posterior', 'intercostal', 'artery (T4)']);
    expect(wrapLabel('Pleura', 15)).toEqual(['Pleura']);
    expect(wrapLabel('aaaa bbbb cccc dddd', 9, 2)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(wrapLabel('aaaa bbbb cccc dddd eeee', 9, 2)).toEqual(['aaaa bbbb', 'cccc ddd…']);
    expect(shortName('Right parietal pleura')).toBe('R. parietal pleura');
    expect(shortName('Left lung')).toBe('L. lung');
    expect(shortName('Aorta')).toBe('Aorta');
  });

  const frame = { width: 300, height: 300, imageLeft: 85, imageRight: 215, top: 16 };
  const item = (key: string, x: number, y: number, role: LabelItem['role'] = 'other'): LabelItem => ({ key, label: `Structure ${key}`, role, anchors: [{ x, y }] });

  it('puts the names of a narrow image in the margins on the anchor’s side, without overlaps, inside the frame', () => {
    const items = Array.from({ length: 10 }, (_, i) => item(`s${i}`, i % 2 ? 200 : 100, 40 + i * 6));
    const l = layoutLabels(items, frame);
    expect(l.inline).toEqual([]);
    expect(l.dots).toEqual([]);
    expect(l.gutter).toHaveLength(10);
    for (const g of l.gutter) {
      expect(g.side).toBe(g.anchor.x < 150 ? 'left' : 'right');
      expect(g.y - LINE_PX * 0.8).toBeGreaterThanOrEqual(frame.top - 1e-9);
      expect(g.y - LINE_PX * 0.8 + g.lines.length * LINE_PX).toBeLessThanOrEqual(frame.height);
    }
    for (const side of ['left', 'right'] as const) {
      const col = l.gutter.filter((g) => g.side === side).sort((a, b) => a.y - b.y);
      for (let i = 1; i < col.length; i++) expect(col[i]!.y - LINE_PX * 0.8).toBeGreaterThanOrEqual(col[i - 1]!.y - LINE_PX * 0.8 + col[i - 1]!.lines.length * LINE_PX);
    }
  });

  it('passes the least important names to numbered dots when the margins are full (numbered superficial to deep)', () => {
    const items = [...Array.from({ length: 40 }, (_, i) => item(`o${i}`, 100, 50 + i)), item('t', 100, 200, 'target'), item('r', 100, 100, 'at-risk')];
    const l = layoutLabels(items, frame);
    const named = new Set(l.gutter.map((g) => g.key));
    expect(named.has('t')).toBe(true);
    expect(named.has('r')).toBe(true);
    expect(l.dots.length).toBeGreaterThan(0);
    expect(l.gutter.length + l.dots.length).toBe(42);
    expect(l.dots.map((d) => d.n)).toEqual(l.dots.map((_, i) => i + 1));
    for (let i = 1; i < l.dots.length; i++) expect(l.dots[i]!.y).toBeGreaterThanOrEqual(l.dots[i - 1]!.y);
  });

  it('writes names on the structures of a wide image, skipping overlaps', () => {
    const wide = { width: 300, height: 200, imageLeft: 10, imageRight: 290, top: 16 };
    const l = layoutLabels([item('a', 150, 100, 'target'), item('b', 152, 101), { ...item('c', 152, 101), anchors: [{ x: 152, y: 101 }, { x: 150, y: 160 }] }], wide);
    expect(l.gutter).toEqual([]);
    expect(l.inline.map((i) => i.key)).toEqual(['a', 'c']); // c moves to its second anchor
    expect(l.dots.map((d) => d.key)).toEqual(['b']);
  });
});
