import { describe, expect, it } from 'vitest';
import { placeLabels, rectsOverlap, segmentHitsRect, type LabelRequest, type Rect } from '../../../../core/geometry/labelLayout';

const view: Rect = { x0: 0, y0: 0, x1: 200, y1: 200 };
const req = (id: string, x: number, y: number, width = 50, height = 10, more: { width: number; height: number }[] = []): LabelRequest => ({ id, anchor: { x, y }, sizes: [{ width, height }, ...more] });

describe('placeLabels', () => {
  it('puts a lone label up and to the right of its anchor, gap px away, with no leader', () => {
    const [p] = placeLabels([req('a', 100, 100)], { viewport: view, gap: 4 });
    // Box 50 × 10: left at 100 + 4, bottom at 100 − 4.
    expect(p!.box).toEqual({ x0: 104, y0: 86, x1: 154, y1: 96 });
    expect(p!.leader).toBeNull();
    expect(p!.conflict).toBe(false);
  });

  it('moves a second label on the same anchor below-right (right-middle would touch the first)', () => {
    const [a, b] = placeLabels([req('a', 100, 100), req('b', 100, 100)], { viewport: view, gap: 4 });
    expect(a!.box).toEqual({ x0: 104, y0: 86, x1: 154, y1: 96 });
    // Right-middle would be y 95–105, overlapping 86–96; below-right starts at 100 + 4.
    expect(b!.box).toEqual({ x0: 104, y0: 104, x1: 154, y1: 114 });
  });

  it('goes left of an anchor near the right edge instead of being cut off', () => {
    const [p] = placeLabels([req('a', 190, 100)], { viewport: view, gap: 4 });
    // Up-right (x1 = 244), right and down-right leave the 200-px viewport; up-left: x0 = 190 − 4 − 50.
    expect(p!.box).toEqual({ x0: 136, y0: 86, x1: 186, y1: 96 });
  });

  it('keeps a label off the needle path', () => {
    // Needle from (100, 100) up-right to (160, 80): at x = 130 it is at y = 90, inside the up-right box;
    // at x = 104 it is at y ≈ 98.7, inside the right-middle box (95–105); below-right is clear.
    const needle = { a: { x: 100, y: 100 }, b: { x: 160, y: 80 } };
    const [p] = placeLabels([req('a', 100, 100)], { viewport: view, gap: 4, obstacles: [needle] });
    expect(p!.box).toEqual({ x0: 104, y0: 104, x1: 154, y1: 114 });
    expect(segmentHitsRect(needle, p!.box)).toBe(false);
  });

  it('uses the shorter size only when the full one fits nowhere', () => {
    const [wide] = placeLabels([req('a', 100, 100, 300, 10, [{ width: 60, height: 10 }])], { viewport: view, gap: 4 });
    expect(wide!.variant).toBe(1);
    expect(wide!.box).toEqual({ x0: 104, y0: 86, x1: 164, y1: 96 });
    const [fits] = placeLabels([req('a', 10, 100, 150, 10, [{ width: 60, height: 10 }])], { viewport: view, gap: 4 });
    expect(fits!.variant).toBe(0);
    expect(fits!.box).toEqual({ x0: 14, y0: 86, x1: 164, y1: 96 });
  });

  it('draws a leader to a label pushed away from a crowded anchor, and overlaps nothing', () => {
    const reqs = Array.from({ length: 12 }, (_, i) => req(`l${i}`, 100, 100, 40, 10));
    const placed = placeLabels(reqs, { viewport: view, gap: 4 });
    for (let i = 0; i < placed.length; i++) {
      expect(placed[i]!.conflict).toBe(false);
      for (let j = i + 1; j < placed.length; j++) expect(rectsOverlap(placed[i]!.box, placed[j]!.box)).toBe(false);
      const b = placed[i]!.box;
      expect(b.x0 >= 0 && b.y0 >= 0 && b.x1 <= 200 && b.y1 <= 200).toBe(true);
    }
    // The first ring holds 4 labels at the corners (right/left-middle and above/below collide with them).
    expect(placed.slice(0, 4).every((p) => p.leader === null)).toBe(true);
    const far = placed[11]!;
    expect(far.leader).not.toBeNull();
    // The leader ends on the box's nearest point to the anchor.
    const { b } = far.leader!;
    expect(b.x).toBe(Math.min(Math.max(100, far.box.x0), far.box.x1));
    expect(b.y).toBe(Math.min(Math.max(100, far.box.y0), far.box.y1));
  });

  it('keeps clear of boxes to avoid and of other anchors', () => {
    const avoid = [{ x0: 100, y0: 80, x1: 200, y1: 100 }];
    const [p] = placeLabels([req('a', 100, 100)], { viewport: view, gap: 4, avoid });
    // Up-right and right-middle touch the avoided box; below-right is free.
    expect(p!.box).toEqual({ x0: 104, y0: 104, x1: 154, y1: 114 });
    // Another mark's anchor at (120, 92) sits in the up-right box (y 86–96) of the label at (100, 100);
    // right-middle (y 95–105) clears its 2-px keep-out (90–94).
    const [r] = placeLabels([req('a', 100, 100), { id: 'b', anchor: { x: 120, y: 92 }, sizes: [{ width: 5, height: 5 }] }], { viewport: view, gap: 4 });
    expect(r!.box).toEqual({ x0: 104, y0: 95, x1: 154, y1: 105 });
  });

  it('slides a long label into the viewport when no box in place fits', () => {
    // 180 px at x 60 in a 200-px view: right of the anchor ends at 244, left starts at −124, centred
    // at −30. The up-right box slid left to x 20 (200 − 180) stays clear of the anchor.
    const [p] = placeLabels([req('a', 60, 100, 180, 10)], { viewport: view, gap: 4 });
    expect(p!.box).toEqual({ x0: 20, y0: 86, x1: 200, y1: 96 });
    expect(p!.conflict).toBe(false);
    expect(p!.variant).toBe(0);
  });

  it('flags a conflict and clamps into the viewport when nothing fits', () => {
    const [p] = placeLabels([req('a', 100, 100, 300, 10)], { viewport: view, gap: 4 });
    expect(p!.conflict).toBe(true);
    expect(p!.box.x0).toBe(0);
  });
});

describe('segmentHitsRect', () => {
  const r = { x0: 0, y0: 0, x1: 10, y1: 10 };
  it('hits through the box, misses beside it, and treats an inside segment as a hit', () => {
    expect(segmentHitsRect({ a: { x: -5, y: 5 }, b: { x: 15, y: 5 } }, r)).toBe(true);
    expect(segmentHitsRect({ a: { x: -5, y: 12 }, b: { x: 15, y: 12 } }, r)).toBe(false);
    expect(segmentHitsRect({ a: { x: 2, y: 2 }, b: { x: 3, y: 3 } }, r)).toBe(true);
    expect(segmentHitsRect({ a: { x: -5, y: 0 }, b: { x: 0, y: -5 } }, r)).toBe(false);
  });
});
