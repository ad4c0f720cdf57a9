import { describe, expect, it } from 'vitest';
import { attemptRecord, rehearse } from '../../../../core/app/rehearse';
import { attemptsCsv, cusum, cusumProblem, DEFAULT_CUSUM, learningCurves, type StoredAttempt } from '../../../../core/rehearsal/index';
import { edited, regionCalibration, syntheticExpert } from './fixtures';

const attempt = (over: Partial<StoredAttempt>): StoredAttempt => ({
  id: 'a',
  trainee: 'Ada',
  caseId: 'syn',
  caseTitle: 'synthetic',
  blockId: 'femoral',
  blockName: 'Femoral nerve block',
  at: '2026-01-01T10:00:00Z',
  score: 80,
  maxScore: 100,
  passed: true,
  criticalErrors: [],
  tasks: [{ id: 'plan-needle', score: 30, maxScore: 40 }],
  targetErrorMm: 2,
  angleErrorDeg: 3,
  ...over,
});

describe('CUSUM (Kestin 1995)', () => {
  it('p0 = 0.2, p1 = 0.4, α = β = 0.1: s, h0, h1 computed by hand', () => {
    const P = Math.log(2);
    const Q = Math.log(0.8 / 0.6);
    const s = Q / (P + Q);
    const r = cusum([true, false, true, true], DEFAULT_CUSUM);
    expect(r.s).toBeCloseTo(s, 12);
    expect(r.h1).toBeCloseTo(Math.log(9) / (P + Q), 12);
    expect(r.h0).toBeCloseTo(-Math.log(9) / (P + Q), 12);
    expect(r.values[0]).toBeCloseTo(-s, 12);
    expect(r.values[1]).toBeCloseTo(1 - 2 * s, 12);
    expect(r.values[3]).toBeCloseTo(1 - 4 * s, 12);
    // s ≈ 0.2933, h0 ≈ −2.240: eight successes in a row reach h0 (7 × s ≈ 2.05 does not).
    expect(cusum(Array(8).fill(true)).acceptableAt).toBe(8);
    expect(cusum(Array(7).fill(true)).acceptableAt).toBeNull();
    // Failures add 1 − s ≈ 0.707: four reach h1 ≈ 2.240 (three ≈ 2.12 do not).
    expect(cusum(Array(4).fill(false)).unacceptableAt).toBe(4);
    expect(cusum(Array(3).fill(false)).unacceptableAt).toBeNull();
  });

  it('settable rates are checked', () => {
    expect(cusumProblem({ ...DEFAULT_CUSUM, unacceptableFailureRate: 0.1 })).toMatch(/above the acceptable/);
    expect(cusumProblem({ ...DEFAULT_CUSUM, acceptableFailureRate: 0 })).toMatch(/between 0 and 100%/);
    expect(() => cusum([true], { ...DEFAULT_CUSUM, alpha: 1 })).toThrow(RangeError);
  });
});

describe('learning curves and CSV', () => {
  it('groups by trainee (case- and accent-insensitive) and block, oldest first', () => {
    const curves = learningCurves([
      attempt({ id: '2', at: '2026-01-02T10:00:00Z', passed: false }),
      attempt({ id: '1', trainee: 'ada ', at: '2026-01-01T10:00:00Z' }),
      attempt({ id: '3', trainee: 'Zoë', blockId: 'peng', blockName: 'PENG block' }),
      attempt({ id: '4', trainee: 'ZOE', blockId: 'peng', blockName: 'PENG block' }),
    ]);
    expect(curves.map((c) => [c.trainee, c.blockId, c.attempts.map((a) => a.id)])).toEqual([
      ['ada ', 'femoral', ['1', '2']],
      ['Zoë', 'peng', ['3', '4']],
    ]);
    expect(curves[0]!.cusum.values.length).toBe(2);
  });

  it('CSV: one row per attempt, RFC 4180 quoting, formulas neutralised', () => {
    const csv = attemptsCsv([attempt({ trainee: '=HYPERLINK("x")', caseTitle: 'a, "b"\nc', criticalErrors: [{ kind: 'crosses-at-risk', structure: 'artery' }], passed: false })]);
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe(
      'trainee,case id,case title,block,time,score,max score,percent,passed,critical errors,target error mm,angle difference deg,find-view score,find-view max,identify-structures score,identify-structures max,plan-needle score,plan-needle max,block-details score,block-details max',
    );
    expect(csv).toContain(`"'=HYPERLINK(""x"")",syn,"a, ""b""\nc",Femoral nerve block,2026-01-01T10:00:00Z,80,100,80,no,crosses-at-risk: artery,2,3,,,,,30,40,,`);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it('a scored attempt becomes a record; a trainee must type a name', () => {
    const expert = syntheticExpert();
    const r = rehearse({ expert, attempt: edited(expert, (a) => void (a.block.side = 'left')), clips: new Map([['c', { calibration: regionCalibration(0.15) }]]) });
    if (!r.ok) throw new Error(r.error.title);
    const rec = attemptRecord(r.value, { id: 'x', trainee: 'Ada', at: '2026-02-01T08:00:00Z' });
    expect(rec.ok && rec.value).toMatchObject({ trainee: 'Ada', caseId: 'syn', blockName: 'Femoral nerve block', passed: false, criticalErrors: [{ kind: 'wrong-side', structure: null }] });
    const none = attemptRecord(r.value, { id: 'x', trainee: '  ', at: '2026-02-01T08:00:00Z' });
    expect(!none.ok && none.error.title).toMatch(/Type your name/);
  });
});
