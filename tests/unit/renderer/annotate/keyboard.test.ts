import { beforeEach, describe, expect, it } from 'vitest';
import { fitTransform, type ViewTransform } from '../../../../core/geometry/view-transform';
import { nudgeHandle, nudgeStep } from '../../../../renderer/annotate/keyboard';
import { useCase } from '../../../../renderer/state/case';
import { addClip, addLine } from '../state/caseEdits';

/** 2 screen px per image px, then the viewer's rotations (90° clockwise) and left–right flip. */
const Z: ViewTransform = fitTransform({ columns: 640, rows: 480 }, { width: 1280, height: 960 });
const ROT90: ViewTransform = { a: 0, b: 2, c: -2, d: 0, e: 960, f: 0 };
const FLIP: ViewTransform = { a: -2, b: 0, c: 0, d: 2, e: 1280, f: 0 };

describe('keyboard nudging (issue 20 item 4)', () => {
  it('steps exactly 1 or 10 image px along the screen direction at any zoom, rotation and flip', () => {
    expect(nudgeStep(Z, { x: 1, y: 0 }, 1)).toEqual({ x: 1, y: 0 });
    expect(nudgeStep(Z, { x: 0, y: -1 }, 10)).toEqual({ x: 0, y: -10 });
    // Rotated 90° clockwise: screen right is image up (−y); screen down is image +x.
    expect(nudgeStep(ROT90, { x: 1, y: 0 }, 1)).toEqual({ x: 0, y: -1 });
    expect(nudgeStep(ROT90, { x: 0, y: 1 }, 10)).toEqual({ x: 10, y: 0 });
    // Flipped left–right: screen right is image left.
    expect(nudgeStep(FLIP, { x: 1, y: 0 }, 1)).toEqual({ x: -1, y: 0 });
  });

  describe('on the case', () => {
    beforeEach(() => {
      useCase.getState().reset();
      useCase.getState().apply(addClip);
      useCase.getState().apply(addLine('p1')); // (0, 0) → (10, 0)
    });

    it('moves one handle by the step, one undo step per nudge', () => {
      expect(nudgeHandle({ kind: 'annotation', id: 'p1', index: 1 }, { x: 1, y: 0 })).toBe(true);
      expect(nudgeHandle({ kind: 'annotation', id: 'p1', index: 1 }, { x: 0, y: 10 })).toBe(true);
      const pts = () => useCase.getState().history.present.annotations[0]!.points;
      expect(pts()).toEqual([{ x: 0, y: 0 }, { x: 11, y: 10 }]);
      useCase.getState().undo();
      expect(pts()).toEqual([{ x: 0, y: 0 }, { x: 11, y: 0 }]);
    });

    it('does not move a locked mark', () => {
      useCase.getState().apply({ type: 'edit-annotation', id: 'p1', changes: { locked: true } });
      expect(nudgeHandle({ kind: 'annotation', id: 'p1', index: 0 }, { x: 1, y: 0 })).toBe(false);
      expect(useCase.getState().history.present.annotations[0]!.points[0]).toEqual({ x: 0, y: 0 });
    });
  });
});
