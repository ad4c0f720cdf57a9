import { render } from '@testing-library/react';
import { computeAccessibleName } from 'dom-accessibility-api';
import { describe, expect, it } from 'vitest';
import { learningCurves, type StoredAttempt } from '../../../../../core/rehearsal/index';
import { CusumChart, ScoreChart } from '../../../../../renderer/ui/rehearsal/charts';

/** The chart's plot area, as drawn: 560 × 190 px with margins left 44, right 12, top 12, bottom 30. */
const PLOT = { x0: 44, x1: 548, yTop: 12, yBottom: 160 };

const attempt = (k: number, score: number, passed: boolean): StoredAttempt => ({
  id: `a${k}`,
  trainee: 'Trainee A',
  caseId: 'case-1',
  caseTitle: 'TPVB',
  blockId: 'thoracic-paravertebral',
  blockName: 'Thoracic paravertebral',
  at: `2026-12-0${k}T10:00:00Z`,
  score,
  maxScore: 50,
  passed,
  criticalErrors: [],
  tasks: [],
  targetErrorMm: null,
  angleErrorDeg: null,
});

const curve = learningCurves([attempt(1, 20, false), attempt(2, 30, false), attempt(3, 40, true)])[0]!;
const numbers = (s: string | null) => (s ?? '').trim().split(/[ ,]/).map(Number);

describe('rehearsal learning-curve charts', () => {
  it('score chart: percent axis, pass mark, attempt axis and one point per attempt where the scores put them', () => {
    const { container } = render(<ScoreChart curve={curve} passPercent={70} />);
    const svg = container.querySelector('svg')!;
    expect(computeAccessibleName(svg)).toBe('Score over 3 attempt(s) for Trainee A, Thoracic paravertebral: 40%, 60%, 80%');
    const yOf = (pct: number) => PLOT.yBottom - (pct / 100) * (PLOT.yBottom - PLOT.yTop);
    const axes = svg.querySelectorAll('g.axis');
    const ticks = [...axes[0]!.querySelectorAll('text')];
    expect(ticks.map((t) => t.textContent)).toEqual(['0%', '50%', '100%']);
    ticks.forEach((t, i) => expect(Number(t.getAttribute('y'))).toBeCloseTo(yOf([0, 50, 100][i]!) + 4, 9));
    const pass = svg.querySelector('line.pass-line')!;
    expect(Number(pass.getAttribute('y1'))).toBeCloseTo(yOf(70), 9);
    expect(Number(pass.getAttribute('x2'))).toBe(PLOT.x1);
    expect(svg.querySelector('text.pass-label')!.textContent).toBe('pass mark 70%');
    expect([...axes[1]!.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['1', '2', '3', 'attempt']);
    const line = numbers(svg.querySelector('polyline.series')!.getAttribute('points'));
    const expected = [PLOT.x0, yOf(40), (PLOT.x0 + PLOT.x1) / 2, yOf(60), PLOT.x1, yOf(80)];
    line.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 9));
    const dots = [...svg.querySelectorAll('circle')];
    expect(dots.map((d) => d.getAttribute('class'))).toEqual(['pt', 'pt', 'pt passed']);
    expect(dots.map((d) => d.getAttribute('data-point'))).toEqual(['1', '2', '3']);
  });

  it('CUSUM chart: zero tick, both decision limits labelled, the sum from 0 through every attempt', () => {
    const c = curve.cusum;
    const { container } = render(<CusumChart c={c} trainee="Trainee A" />);
    const svg = container.querySelector('svg')!;
    expect(computeAccessibleName(svg)).toContain(`CUSUM of failures for Trainee A after 3 attempt(s): ${c.values.map((v) => v.toFixed(2)).join(', ')}`);
    const lo = Math.min(c.h0 * 1.15, ...c.values, 0);
    const hi = Math.max(c.h1 * 1.15, ...c.values, 0);
    const yOf = (v: number) => PLOT.yTop + ((hi - v) / (hi - lo)) * (PLOT.yBottom - PLOT.yTop);
    expect([...svg.querySelectorAll('g.axis')[0]!.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['0']);
    expect(Number(svg.querySelector('line.h1')!.getAttribute('y1'))).toBeCloseTo(yOf(c.h1), 9);
    expect(Number(svg.querySelector('line.h0')!.getAttribute('y1'))).toBeCloseTo(yOf(c.h0), 9);
    expect([...svg.querySelectorAll('text.limit-label')].map((t) => t.textContent)).toEqual([`h1 ${c.h1.toFixed(2)}: unacceptable failure rate`, `h0 ${c.h0.toFixed(2)}: acceptable failure rate`]);
    expect(Number(svg.querySelector('line.zero')!.getAttribute('y1'))).toBeCloseTo(yOf(0), 9);
    expect([...svg.querySelectorAll('g.axis')[1]!.querySelectorAll('text')].map((t) => t.textContent)).toEqual(['0', '1', '2', '3', 'attempt']);
    const line = numbers(svg.querySelector('polyline.cusum')!.getAttribute('points'));
    expect(line).toHaveLength(8);
    [0, ...c.values].forEach((v, i) => expect(line[2 * i + 1]).toBeCloseTo(yOf(v), 9));
    expect(svg.querySelectorAll('circle')).toHaveLength(3);
  });
});
