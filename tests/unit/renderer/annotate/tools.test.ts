import { describe, expect, it } from 'vitest';
import { stepTool, type Draft, type DrawToolId, type ToolEvent, type ToolStep } from '../../../../renderer/annotate/tools';

const S = 1; // screen px per image px
const down = (x: number, y: number, scale = S): ToolEvent => ({ type: 'down', p: { x, y }, scale });
const move = (x: number, y: number, scale = S): ToolEvent => ({ type: 'move', p: { x, y }, scale });
const up = (x: number, y: number, scale = S): ToolEvent => ({ type: 'up', p: { x, y }, scale });
const dbl = (x: number, y: number): ToolEvent => ({ type: 'dblclick', p: { x, y }, scale: S });
const key = (k: 'Escape' | 'Enter' | 'Backspace'): ToolEvent => ({ type: 'key', key: k });

/** Run a sequence of events; return every step. */
function run(tool: DrawToolId, events: ToolEvent[]): ToolStep[] {
  let draft: Draft | null = null;
  const steps: ToolStep[] = [];
  for (const e of events) {
    const s = stepTool(tool, draft, e);
    draft = s.draft;
    steps.push(s);
  }
  return steps;
}
const finished = (steps: ToolStep[]) => steps.map((s) => s.finished).filter(Boolean);

describe('drawing tools', () => {
  it('point: one click', () => {
    const s = run('point', [down(5, 6), up(5, 6)]);
    expect(finished(s)).toEqual([{ tool: 'point', points: [{ x: 5, y: 6 }] }]);
  });

  for (const tool of ['line', 'arrow', 'ellipse', 'needle'] as const) {
    it(`${tool}: press–drag–release`, () => {
      const s = run(tool, [down(10, 10), move(50, 40), up(100, 80)]);
      expect(finished(s)).toEqual([{ tool, points: [{ x: 10, y: 10 }, { x: 100, y: 80 }] }]);
    });
    it(`${tool}: click, then click`, () => {
      const s = run(tool, [down(10, 10), up(11, 10), move(60, 60), down(100, 80), up(100, 80)]);
      expect(finished(s)).toEqual([{ tool, points: [{ x: 10, y: 10 }, { x: 100, y: 80 }] }]);
      expect(s[2]!.draft?.cursor).toEqual({ x: 60, y: 60 }); // rubber band follows the pointer
    });
  }

  it('a jitter under the drag threshold is a click, measured in screen px', () => {
    // 3 image px at 1 screen px/px: a click. At 2 screen px/px it is 6 screen px: a drag.
    expect(finished(run('line', [down(0, 0), up(3, 0)]))).toEqual([]);
    expect(finished(run('line', [down(0, 0, 2), up(3, 0, 2)]))).toHaveLength(1);
  });

  it('Escape cancels any drawing', () => {
    for (const tool of ['line', 'polyline', 'contour', 'needle'] as const) {
      const s = run(tool, [down(0, 0), up(0, 0), down(50, 0), up(50, 0), key('Escape')]);
      expect(s[s.length - 1]!.draft).toBeNull();
      expect(finished(s)).toEqual(tool === 'line' || tool === 'needle' ? [{ tool, points: [{ x: 0, y: 0 }, { x: 50, y: 0 }] }] : []);
    }
  });

  it('polyline: click vertices, Enter finishes; Backspace removes the last vertex', () => {
    const s = run('polyline', [down(0, 0), up(0, 0), down(10, 0), up(10, 0), down(20, 5), up(20, 5), key('Backspace'), down(30, 9), up(30, 9), key('Enter')]);
    expect(finished(s)).toEqual([{ tool: 'polyline', points: [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 30, y: 9 }] }]);
  });

  it('polyline: a double-click finishes without a duplicate last vertex', () => {
    // Browsers send down/up, down/up, dblclick for a double-click.
    const s = run('polyline', [down(0, 0), up(0, 0), down(40, 0), up(40, 0), down(40, 1), up(40, 1), dbl(40, 1)]);
    expect(finished(s)).toEqual([{ tool: 'polyline', points: [{ x: 0, y: 0 }, { x: 40, y: 0 }] }]);
  });

  it('polyline: Enter with one vertex does not finish', () => {
    const s = run('polyline', [down(0, 0), up(0, 0), key('Enter')]);
    expect(finished(s)).toEqual([]);
    expect(s[2]!.draft?.points).toHaveLength(1);
  });

  it('contour: clicking the first vertex closes it (needs 3 vertices)', () => {
    const s = run('contour', [down(0, 0), up(0, 0), down(100, 0), up(100, 0), down(5, 3), up(5, 3)]);
    // Only 2 vertices when clicking near the first: adds a vertex instead of closing.
    expect(finished(s)).toEqual([]);
    const s2 = run('contour', [down(0, 0), up(0, 0), down(100, 0), up(100, 0), down(100, 100), up(100, 100), down(6, 6), up(6, 6)]);
    expect(finished(s2)).toEqual([{ tool: 'contour', points: [{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 100, y: 100 }] }]);
  });

  it('contour: press and drag draws freehand, closing on release, simplified', () => {
    const events: ToolEvent[] = [down(100, 0)];
    // A circle of radius 100 sampled every degree.
    for (let k = 1; k < 360; k++) events.push(move(100 * Math.cos((k * Math.PI) / 180), 100 * Math.sin((k * Math.PI) / 180)));
    events.push(up(100 * Math.cos((359 * Math.PI) / 180), 100 * Math.sin((359 * Math.PI) / 180)));
    const s = run('contour', events);
    const f = finished(s);
    expect(f).toHaveLength(1);
    const pts = f[0]!.points;
    expect(pts.length).toBeGreaterThan(8);
    expect(pts.length).toBeLessThan(120); // sampled every 3 px, then simplified to 0.75 px
    for (const p of pts) expect(Math.abs(Math.hypot(p.x, p.y) - 100)).toBeLessThan(1e-9);
  });


  it('keys do nothing without a drawing (so Escape/Enter reach other handlers)', () => {
    expect(stepTool('polyline', null, key('Escape')).handled).toBe(false);
    expect(stepTool('line', null, key('Enter')).handled).toBe(false);
  });
});
