import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { rehearse } from '../../../../core/app/rehearse';
import type { FrameTiming } from '../../../../core/dicom/types';
import { diceCoefficient, hausdorffDistance, REHEARSAL_DEFAULTS, type ClipContext } from '../../../../core/rehearsal/index';
import { edited, loadSample, regionCalibration, repoRoot, syntheticExpert } from './fixtures';

const timing50ms: FrameTiming = { frameTimesMs: Array(40).fill(50), source: 'frame-time', assumed: false, fps: 20 };
const ctx015: ClipContext = { calibration: regionCalibration(0.15), timing: timing50ms };
const clips = (ctx: ClipContext) => new Map([['c', ctx]]);
const deg = (r: number) => (r * 180) / Math.PI;

function score(expert = syntheticExpert(), attempt = expert, ctx = ctx015) {
  const r = rehearse({ expert, attempt, clips: clips(ctx) });
  if (!r.ok) throw new Error(r.error.title);
  return r.value;
}

describe('rehearsal scoring on hand-computed geometry (0.15 mm/px)', () => {
  it('the expert answer as the attempt scores the maximum with no critical error', () => {
    const r = score();
    expect(r.tasks.map((t) => t.id)).toEqual(['find-view', 'identify-structures', 'plan-needle', 'block-details']);
    expect(r.maxScore).toBe(100);
    expect(r.score).toBe(100);
    expect(r.passed).toBe(true);
    expect(r.criticalErrors).toEqual([]);
    expect(r.differences).toEqual([]);
    expect([r.targetErrorMm, r.angleErrorDeg]).toEqual([0, 0]);
  });

  it('each task scored by hand: frame 5 apart at 50 ms, points in and 3 mm out, target 6 mm off, side right', () => {
    const expert = syntheticExpert();
    const attempt = edited(expert, (a) => {
      a.keyFrames = [{ id: 'mine', clipId: 'c', frameIndex: 25, tag: 'target', text: '' }];
      a.annotations = [
        a.annotations[0]!,
        { id: 't1', clipId: 'c', kind: 'point', points: [{ x: 230, y: 260 }], closed: false, label: 'target', structureId: null, role: 'target', frameIndex: 25, visible: true, locked: false, text: '' },
        // 20 px = 3.0 mm right of the artery's right edge (x = 400)
        { id: 'a1', clipId: 'c', kind: 'point', points: [{ x: 420, y: 275 }], closed: false, label: 'Artery', structureId: null, role: 'at-risk', frameIndex: 25, visible: true, locked: false, text: '' },
      ];
      a.needlePaths[0]!.target = { x: 290, y: 250 }; // 40 px = 6.0 mm from the expert's (250, 250)
    });
    const r = score(expert, attempt);
    const t = Object.fromEntries(r.tasks.map((x) => [x.id, x]));
    // View: 5 frames × 50 ms = 250 ms; full to 150 ms, none from 750 ms → 1 − 100/600.
    expect(t['find-view']!.score).toBeCloseTo(15 * (1 - 100 / 600), 2);
    // Structures: target inside (1); artery 3.0 mm outside: full to 2, none from 10 → 1 − 1/8.
    expect(t['identify-structures']!.score).toBeCloseTo(30 * ((1 + 7 / 8) / 2), 2);
    // Needle: target 6 mm → 1 − 3/12; angle between (150,250) and (190,250); clearance all clear.
    const angle = deg(Math.acos((150 * 190 + 250 * 250) / (Math.hypot(150, 250) * Math.hypot(190, 250))));
    expect(r.targetErrorMm).toBeCloseTo(6, 2);
    expect(r.angleErrorDeg).toBeCloseTo(angle, 2);
    const needle = 0.4 * 0.75 + 0.3 * (1 - (angle - 5) / 25) + 0.3 * 1;
    expect(t['plan-needle']!.score).toBeCloseTo(40 * needle, 2);
    expect(t['block-details']!.score).toBe(15);
    expect(r.score).toBeCloseTo(15 * (5 / 6) + 30 * (15 / 16) + 40 * needle + 15, 1);
    expect(r.criticalErrors).toEqual([]);
    expect(r.passed).toBe(true);
    // Differences are numbered 1… and point at the clip where they can.
    expect(r.differences.map((d) => d.number)).toEqual(r.differences.map((_, i) => i + 1));
    expect(r.differences.find((d) => d.title.startsWith('artery'))!.atPx).toEqual({ x: 375, y: 275 });
  });

  it('uses frames when the clip timing is assumed (not read from the file)', () => {
    const expert = syntheticExpert();
    const attempt = edited(expert, (a) => void (a.keyFrames[0]!.frameIndex = 26));
    const r = score(expert, attempt, { ...ctx015, timing: { ...timing50ms, assumed: true } });
    // 6 frames: full to 3, none from 15 → 1 − 3/12.
    expect(r.tasks[0]!.score).toBeCloseTo(15 * 0.75, 2);
    expect(r.measures.view).toEqual({ expertFrame: 20, traineeFrame: 26, errorFrames: 6, errorMs: null });
  });

  it('drawn outlines: Dice and Hausdorff of a square shifted by half its width', () => {
    const sq = (x0: number) => ({ kind: 'polygon' as const, points: [{ x: x0, y: 0 }, { x: x0 + 10, y: 0 }, { x: x0 + 10, y: 10 }, { x: x0, y: 10 }] });
    expect(diceCoefficient(sq(0), sq(5))).toBeCloseTo(0.5, 2);
    expect(diceCoefficient(sq(0), sq(0))).toBe(1);
    expect(diceCoefficient(sq(0), sq(20))).toBe(0);
    expect(hausdorffDistance(sq(0), sq(5))).toBeCloseTo(5, 9);
    // In a case: the trainee's target square shifted 50 px (7.5 mm): Dice 0.5, Hausdorff 7.5 mm.
    const expert = syntheticExpert();
    const attempt = edited(expert, (a) => void (a.annotations[1]!.points = a.annotations[1]!.points.map((p) => ({ x: p.x + 50, y: p.y }))));
    const s = score(expert, attempt).measures.structures.find((x) => x.asked.annotationId === 'tgt')!;
    expect(s.method).toBe('outline');
    expect(s.dice).toBeCloseTo(0.5, 2);
    expect(s.hausdorff).toBeCloseTo(7.5, 6);
  });

  it('a point on a line structure is scored by its distance to the line', () => {
    const expert = syntheticExpert({}, [{ id: 'fascia', clipId: 'c', kind: 'polyline', points: [{ x: 0, y: 150 }, { x: 640, y: 150 }], label: 'fascia', role: 'at-risk', frameIndex: null }]);
    const attempt = edited(expert, (a) => void (a.annotations[3] = { ...a.annotations[3]!, id: 'mine', kind: 'point', points: [{ x: 300, y: 190 }] }));
    const s = score(expert, attempt).measures.structures.find((x) => x.asked.annotationId === 'fascia')!;
    expect(s).toMatchObject({ method: 'point', inside: false });
    expect(s.pointDistance).toBeCloseTo(6, 9); // 40 px × 0.15
  });
});

describe('critical errors', () => {
  it('a path through the at-risk structure is listed first, names it, caps the score and fails', () => {
    const expert = syntheticExpert();
    // Target inside the artery: crosses it, and the target is outside the target structure.
    const attempt = edited(expert, (a) => void (a.needlePaths[0]!.target = { x: 375, y: 275 }));
    const r = score(expert, attempt);
    expect(r.criticalErrors.map((c) => [c.kind, c.structure])).toEqual([
      ['crosses-at-risk', 'artery'],
      ['target-outside-target', 'target'],
    ]);
    expect(r.differences.slice(0, 2).every((d) => d.critical)).toBe(true);
    expect(r.rawScore).toBeGreaterThan(50);
    expect(r.score).toBe(50); // capped at 50 % of 100
    expect(r.capped).toBe(true);
    expect(r.passed).toBe(false);
  });

  it('passing within the case margin (5 mm) of an at-risk structure is critical; just outside it is not', () => {
    const expert = syntheticExpert();
    // Target (330, 275) is 20 px = 3.0 mm left of the artery (x = 350): inside the 5 mm margin.
    const near = edited(expert, (a) => void (a.needlePaths[0]!.target = { x: 330, y: 275 }));
    const c = score(expert, near).criticalErrors.find((x) => x.kind === 'within-margin');
    expect(c).toMatchObject({ structure: 'artery', annotationId: 'art' });
    expect(c!.message).toContain('3.0 mm');
    // 34 px = 5.1 mm: clear.
    const clear = edited(expert, (a) => void (a.needlePaths[0]!.target = { x: 290, y: 250 }));
    expect(score(expert, clear).criticalErrors).toEqual([]);
  });

  it('the wrong side is critical (Sites 2007) and cites its source; not choosing a side is only wrong', () => {
    const expert = syntheticExpert();
    const left = score(expert, edited(expert, (a) => void (a.block.side = 'left')));
    expect(left.criticalErrors).toMatchObject([{ kind: 'wrong-side', structure: null, sources: ['sites2007', 'ahmed2017'] }]);
    const none = score(expert, edited(expert, (a) => void (a.block.side = null)));
    expect(none.criticalErrors).toEqual([]);
    expect(none.tasks.find((t) => t.id === 'block-details')!.score).toBe(0);
  });

  it('no block chosen is no answer for the approach (not the primary approach by default); the template’s primary approach chosen is right', () => {
    const { plan, clips: c } = loadSample('thoracic-paravertebral');
    const detail = (attempt: typeof plan) => {
      const r = rehearse({ expert: plan, attempt, clips: c });
      if (!r.ok) throw new Error(r.error.title);
      return r.value.tasks.find((t) => t.id === 'block-details')!;
    };
    const none = detail(edited(plan, (a) => void (a.block = { ...a.block, templateId: null, approach: null })));
    expect(none.details.find((d) => d.label.toLowerCase().startsWith('approach'))).toMatchObject({ credit: 0, note: 'No block or approach was chosen.' });
    expect(none.score).toBe(none.maxScore / 2); // the side is still right
    expect(detail(edited(plan, (a) => void (a.block.approach = 'transverse-intercostal'))).score).toBe(none.maxScore);
  });

  it("where the expert's own path is inside the case margin, the critical margin is its clearance less 1 mm", () => {
    // Artery 20 px (3.0 mm) right of the expert's target: the expert's path is inside the 5 mm margin.
    const expert = syntheticExpert({}, []);
    const e2 = edited(expert, (a) => void (a.annotations[2]!.points = a.annotations[2]!.points.map((p) => ({ x: p.x - 80, y: p.y }))));
    const self = score(e2, e2);
    expect(self.criticalErrors).toEqual([]);
    const cl = self.measures.needle!.clearances[0]!;
    expect(cl.marginOrigin).toBe('expert-clearance');
    expect(cl.criticalMarginMm).toBeCloseTo(cl.expertDistance.value - REHEARSAL_DEFAULTS.tolerances.marginAllowanceMm.value, 9);
    // An educator's margin overrides it.
    const strict = edited(e2, (a) => void (a.teaching = { ...a.teaching!, rehearsal: { margins: { art: 5 } } }));
    expect(score(strict, strict).criticalErrors.map((c) => c.kind)).toEqual(['within-margin']);
  });
});

describe('the sample cases', () => {
  it('a target moved 10 mm gives targetErrorMm 10.0 ± 0.1 at the sample calibration (DCMTK: Physical Delta X)', () => {
    const { plan, clips: c } = loadSample('thoracic-paravertebral');
    const dcm = resolve(repoRoot, 'assets/samples/thoracic-paravertebral.dcm');
    const out = execFileSync('dcmdump', ['+P', 'PhysicalDeltaX', '+P', 'PhysicalDeltaY', dcm], { encoding: 'utf8' });
    const [dx, dy] = [...out.matchAll(/FD\s+(\S+)/g)].map((m) => Number(m[1]) * 10);
    expect(dx).toBe(dy);
    const n = plan.needlePaths[0]!;
    // 10 mm back along the path (towards the entry), so the direction is unchanged.
    const len = Math.hypot(n.target.x - n.entry.x, n.target.y - n.entry.y);
    const px = 10 / dx!;
    const attempt = edited(plan, (a) => {
      const t = a.needlePaths[0]!.target;
      a.needlePaths[0]!.target = { x: t.x - ((n.target.x - n.entry.x) / len) * px, y: t.y - ((n.target.y - n.entry.y) / len) * px };
    });
    const r = rehearse({ expert: plan, attempt, clips: c });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(Math.abs(r.value.targetErrorMm! - 10)).toBeLessThanOrEqual(0.1);
    expect(r.value.angleErrorDeg).toBeCloseTo(0, 6);
  });
});

describe('errors', () => {
  it('an attempt on another clip, a case without a clip or an answer, a clip that could not be opened', () => {
    const expert = syntheticExpert();
    const other = edited(expert, (a) => void (a.clips[0] = { ...a.clips[0]!, id: 'z', sha256: 'b'.repeat(64) }));
    const r1 = rehearse({ expert, attempt: edited(other, (a) => { a.annotations = []; a.keyFrames = []; a.needlePaths = []; }), clips: clips(ctx015), attemptName: 'mine.bpcase' });
    expect(!r1.ok && r1.error).toMatchObject({ code: 'rehearse/other-clip' });
    expect(!r1.ok && r1.error.title).toContain('mine.bpcase');
    const bare = edited(expert, (a) => { a.annotations = []; a.keyFrames = []; a.needlePaths = []; a.block.side = null; });
    expect(rehearse({ expert: bare, attempt: bare, clips: clips(ctx015) })).toMatchObject({ ok: false, error: { code: 'rehearse/no-answer' } });
    expect(rehearse({ expert, attempt: expert, clips: new Map() })).toMatchObject({ ok: false, error: { code: 'rehearse/clip-unavailable' } });
  });

  it('on an uncalibrated clip, distances are not scored (left out of the maximum) and say why', () => {
    const r = score(syntheticExpert(), undefined, { calibration: { regions: [] } });
    const ids = r.tasks.filter((t) => t.scored).map((t) => t.id);
    expect(ids).toEqual(['find-view', 'plan-needle', 'block-details']);
    expect(r.targetErrorMm).toBeNull();
    expect(r.tasks[1]!.details[0]!.note).toMatch(/^Not scored: /);
    expect(r.score).toBe(r.maxScore);
  });
});
