import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rehearse } from '../../../../core/app/rehearse';
import { computeNeedleMetrics } from '../../../../core/geometry/index';
import { annotationsForPath, beamOf, type AnnotationInput, type Case } from '../../../../core/plan/index';
import { resolveRehearsal, scoreMeasures, type AttemptMeasures, type ClearanceMeasure, type StructureMeasure } from '../../../../core/rehearsal/index';
import { edited, regionCalibration, syntheticExpert } from './fixtures';

const expert = syntheticExpert();
const resolved = resolveRehearsal(expert);

// ---- Random measured errors, and one error made worse ----------------------------------------

const structureArb = (i: number): fc.Arbitrary<StructureMeasure> =>
  fc.oneof(
    fc.constant<'missing'>('missing').map((method) => ({ method })),
    fc.record({ method: fc.constant<'point'>('point'), inside: fc.boolean(), pointDistance: fc.double({ min: 0, max: 30, noNaN: true }) }).map((p) => ({ ...p, pointDistance: p.inside ? 0 : p.pointDistance })),
    fc.record({ method: fc.constant<'outline'>('outline'), dice: fc.option(fc.double({ min: 0, max: 1, noNaN: true })), hausdorff: fc.double({ min: 0, max: 40, noNaN: true }) }),
  ).map((m) => ({ asked: resolved.structures[i]!, traineeAnnotationId: 'x', unit: 'mm' as const, anchorPx: null, ...m }));

const clearanceArb: fc.Arbitrary<ClearanceMeasure> = fc
  .record({ d: fc.double({ min: 0, max: 30, noNaN: true }), crosses: fc.boolean(), ext: fc.boolean(), expertExt: fc.boolean(), margin: fc.double({ min: 0, max: 10, noNaN: true }) })
  .map(({ d, crosses, ext, expertExt, margin }) => ({
    annotationId: 'art',
    name: 'artery',
    structureId: null,
    distance: { value: crosses ? 0 : d, unit: 'mm' },
    crosses,
    criticalMarginMm: margin,
    marginOrigin: 'case',
    marginNote: '',
    extensionCrosses: ext,
    expertExtensionCrosses: expertExt,
    expertDistance: { value: 10, unit: 'mm' },
    nearestOnPathPx: { x: 0, y: 0 },
    nearestOnStructurePx: { x: 0, y: 0 },
  }));

const measuresArb: fc.Arbitrary<AttemptMeasures> = fc
  .record({
    frames: fc.nat({ max: 40 }),
    ms: fc.option(fc.double({ min: 0, max: 2000, noNaN: true })),
    s0: structureArb(0),
    s1: structureArb(1),
    targetMm: fc.double({ min: 0, max: 40, noNaN: true }),
    angle: fc.double({ min: 0, max: 180, noNaN: true }),
    inside: fc.boolean(),
    clearance: clearanceArb,
    correct: fc.boolean(),
    wrongSide: fc.boolean(),
  })
  .map((g) => ({
    clipId: 'c',
    view: { expertFrame: 20, traineeFrame: 20 + g.frames, errorFrames: g.frames, errorMs: g.ms },
    structures: [g.s0, g.s1],
    needle: {
      expertPathId: 'n',
      traineePathId: 'm',
      targetError: { value: g.targetMm, unit: 'mm' },
      angleErrorDeg: g.angle,
      target: { checked: true, inside: g.inside, names: ['target'], annotationIds: ['tgt'] },
      clearances: [g.clearance],
      traineePath: { entry: { x: 0, y: 0 }, target: { x: 1, y: 1 }, mode: 'in-plane' },
      expertPath: { entry: { x: 0, y: 0 }, target: { x: 1, y: 1 }, mode: 'in-plane' },
      traineeMetrics: null,
    },
    details: [{ item: 'side', expected: 'right', given: g.correct ? 'right' : 'left', correct: g.correct && !g.wrongSide, wrongSide: !g.correct && g.wrongSide }],
  }));

type Worsen = (m: AttemptMeasures, d: number) => void;
const WORSEN: Record<string, Worsen> = {
  'view frames and ms': (m, d) => {
    m.view!.errorFrames! += Math.ceil(d);
    if (m.view!.errorMs !== null) m.view!.errorMs += d * 10;
  },
  'structure point distance': (m, d) => {
    const s = m.structures[0]!;
    if (s.method === 'point') Object.assign(s, { inside: false, pointDistance: (s.pointDistance ?? 0) + d });
  },
  'structure not marked': (m) => Object.assign(m.structures[1]!, { method: 'missing' }),
  'structure Dice falls': (m, d) => {
    const s = m.structures[0]!;
    if (s.method === 'outline' && s.dice !== null && s.dice !== undefined) s.dice = Math.max(0, s.dice - d / 40);
  },
  'structure Hausdorff grows': (m, d) => {
    const s = m.structures[1]!;
    if (s.method === 'outline') s.hausdorff = (s.hausdorff ?? 0) + d;
  },
  'target error grows': (m, d) => void (m.needle!.targetError!.value += d),
  'angle error grows': (m, d) => void (m.needle!.angleErrorDeg! += d),
  'target leaves the target structure': (m) => void (m.needle!.target.inside = false),
  'clearance shrinks': (m, d) => {
    const c = m.needle!.clearances[0]!;
    c.distance.value = Math.max(0, c.distance.value - d);
  },
  'path crosses': (m) => Object.assign(m.needle!.clearances[0]!, { crosses: true, distance: { value: 0, unit: 'mm' } }),
  'overshoot crosses': (m) => void (m.needle!.clearances[0]!.extensionCrosses = true),
  'detail wrong': (m) => Object.assign(m.details[0]!, { correct: false }),
  'wrong side': (m) => Object.assign(m.details[0]!, { correct: false, wrongSide: true, given: 'left' }),
};

describe('rehearsal scoring properties (fast-check)', () => {
  it('the score never rises as any error grows', () => {
    fc.assert(
      fc.property(measuresArb, fc.constantFrom(...Object.keys(WORSEN)), fc.double({ min: 0, max: 20, noNaN: true }), (m, which, d) => {
        const before = scoreMeasures(m, resolved);
        const worse = structuredClone(m);
        WORSEN[which]!(worse, d);
        const after = scoreMeasures(worse, resolved);
        expect(after.score).toBeLessThanOrEqual(before.score);
        expect(after.criticalErrors.length).toBeGreaterThanOrEqual(before.criticalErrors.length);
        if (!before.passed) expect(after.passed).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  // ---- Random expert cases ---------------------------------------------------------------------

  /** A random expert: a star-shaped target around its centre, at-risk ellipses, a path to the centre, random tolerances and calibration. */
  const expertArb = fc
    .record({
      cx: fc.integer({ min: 150, max: 490 }),
      cy: fc.integer({ min: 150, max: 400 }),
      radii: fc.array(fc.integer({ min: 15, max: 60 }), { minLength: 5, maxLength: 12 }),
      entryX: fc.integer({ min: 0, max: 639 }),
      risks: fc.array(fc.record({ x: fc.integer({ min: 0, max: 639 }), y: fc.integer({ min: 60, max: 479 }), rx: fc.integer({ min: 5, max: 40 }), ry: fc.integer({ min: 5, max: 40 }) }), { maxLength: 3 }),
      mmPerPx: fc.double({ min: 0.05, max: 0.5, noNaN: true }),
      frame: fc.integer({ min: 0, max: 39 }),
      weights: fc.record({ 'find-view': fc.integer({ min: 1, max: 50 }), 'plan-needle': fc.integer({ min: 1, max: 50 }) }),
      targetFullMm: fc.double({ min: 0, max: 5, noNaN: true }),
    })
    .map((g) => {
      const star = g.radii.map((r, k) => ({ x: g.cx + r * Math.cos((2 * Math.PI * k) / g.radii.length), y: g.cy + r * Math.sin((2 * Math.PI * k) / g.radii.length) }));
      const extra: AnnotationInput[] = g.risks.map((r, i) => ({ id: `risk${i}`, clipId: 'c', kind: 'ellipse', points: [{ x: r.x - r.rx, y: r.y - r.ry }, { x: r.x + r.rx, y: r.y + r.ry }], label: `risk ${i}`, role: 'at-risk', frameIndex: null }));
      const c = syntheticExpert({}, extra);
      return {
        mmPerPx: g.mmPerPx,
        plan: edited(c, (x) => {
          x.annotations[1]!.points = star;
          x.annotations = x.annotations.filter((a) => a.id !== 'art');
          x.needlePaths[0] = { ...x.needlePaths[0]!, entry: { x: g.entryX, y: 0 }, target: { x: g.cx, y: g.cy } };
          x.keyFrames[0]!.frameIndex = g.frame;
          x.teaching = { learningObjectives: [], deidentified: false, deidentificationFlags: {}, rehearsal: { weights: g.weights, tolerances: { targetFullMm: g.targetFullMm } } };
        }),
      };
    });

  /** Whether the expert's own path is clear of its at-risk structures (else the case itself is wrong). */
  const expertPathClear = (plan: Case, mmPerPx: number) => {
    const n = plan.needlePaths[0]!;
    const m = computeNeedleMetrics(n, annotationsForPath(plan, n), regionCalibration(mmPerPx), { marginMm: 5, steepAngleDeg: 30, image: { columns: 640, rows: 480 }, beam: beamOf(plan.clips[0]!) });
    return m.clearances.every((c) => !c.path.crosses);
  };

  it('an attempt equal to the answer scores maxScore with no critical error', () => {
    fc.assert(
      fc.property(expertArb, ({ plan, mmPerPx }) => {
        fc.pre(expertPathClear(plan, mmPerPx));
        const r = rehearse({ expert: plan, attempt: structuredClone(plan), clips: new Map([['c', { calibration: regionCalibration(mmPerPx) }]]) });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.value.criticalErrors).toEqual([]);
        expect(r.value.score).toBe(r.value.maxScore);
        expect(r.value.maxScore).toBeGreaterThan(0);
        expect(r.value.passed).toBe(true);
      }),
      { numRuns: 40 },
    );
  });

  it('a path crossing an at-risk structure always yields a critical error naming it', () => {
    fc.assert(
      fc.property(
        expertArb,
        fc.record({ x: fc.integer({ min: 20, max: 620 }), y: fc.integer({ min: 80, max: 460 }), rx: fc.integer({ min: 4, max: 60 }), ry: fc.integer({ min: 4, max: 60 }) }),
        fc.double({ min: -0.95, max: 0.95, noNaN: true }),
        fc.double({ min: -0.95, max: 0.95, noNaN: true }),
        fc.integer({ min: 0, max: 639 }),
        fc.double({ min: 0, max: 2, noNaN: true }),
        fc.boolean(),
        ({ plan, mmPerPx }, e, u, v, entryX, beyond, asContour) => {
          // A point strictly inside the structure; the trainee's path runs from the skin through it.
          const inside = { x: e.x + u * e.rx * Math.SQRT1_2, y: e.y + v * e.ry * Math.SQRT1_2 };
          const box = [{ x: e.x - e.rx, y: e.y - e.ry }, { x: e.x + e.rx, y: e.y + e.ry }];
          const shape: AnnotationInput = asContour
            ? { id: 'hit', clipId: 'c', kind: 'contour', points: [box[0]!, { x: box[1]!.x, y: box[0]!.y }, box[1]!, { x: box[0]!.x, y: box[1]!.y }], label: 'vessel', role: 'at-risk', frameIndex: null }
            : { id: 'hit', clipId: 'c', kind: 'ellipse', points: box, label: 'vessel', role: 'at-risk', frameIndex: null };
          const withRisk = edited(plan, (x) => void x.annotations.push(shape as Case['annotations'][number]));
          const entry = { x: entryX, y: 0 };
          const target = { x: inside.x + (inside.x - entry.x) * beyond, y: inside.y + (inside.y - entry.y) * beyond };
          const attempt = edited(withRisk, (x) => void (x.needlePaths[0] = { ...x.needlePaths[0]!, entry, target }));
          const r = rehearse({ expert: withRisk, attempt, clips: new Map([['c', { calibration: regionCalibration(mmPerPx) }]]) });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(r.value.criticalErrors.some((c) => c.kind === 'crosses-at-risk' && c.structure === 'vessel')).toBe(true);
          expect(r.value.passed).toBe(false);
          expect(r.value.score).toBeLessThanOrEqual((r.value.criticalCapPercent / 100) * r.value.maxScore + 1e-9);
        },
      ),
      { numRuns: 60 },
    );
  });
});
