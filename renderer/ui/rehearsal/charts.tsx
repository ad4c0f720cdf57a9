import type { ReactNode } from 'react';
import type { CusumResult, LearningCurve } from '../../../core/rehearsal/index';

/** Chart size, CSS px. */
const W = 560;
const H = 190;
const PAD = { l: 44, r: 12, t: 12, b: 30 };

/** x of the n-th attempt (1-based) among `count`. */
const xOf = (n: number, count: number) => PAD.l + (count <= 1 ? (W - PAD.l - PAD.r) / 2 : ((n - 1) / (count - 1)) * (W - PAD.l - PAD.r));

/** The attempt axis; `start` is the label of the first position (0 for a curve that starts before attempt 1). */
function XAxis({ count, start = 1 }: { count: number; start?: number }) {
  const ticks = count <= 10 ? Array.from({ length: count }, (_, i) => i + 1) : [1, Math.round(count / 2), count];
  return (
    <g className="axis">
      <line x1={PAD.l} y1={H - PAD.b} x2={W - PAD.r} y2={H - PAD.b} />
      {ticks.map((n) => (
        <text key={n} x={xOf(n, count)} y={H - PAD.b + 16} textAnchor="middle">
          {n + start - 1}
        </text>
      ))}
      <text x={W - PAD.r} y={H - 2} textAnchor="end">
        attempt
      </text>
    </g>
  );
}

/** The value axis: a vertical line at the left with labelled ticks at px heights `y`. */
function YAxis({ ticks }: { ticks: readonly { y: number; label: string }[] }) {
  return (
    <g className="axis">
      <line x1={PAD.l} y1={PAD.t} x2={PAD.l} y2={H - PAD.b} />
      {ticks.map((t) => (
        <text key={t.label} x={PAD.l - 6} y={t.y + 4} textAnchor="end">
          {t.label}
        </text>
      ))}
    </g>
  );
}

/** A horizontal line across the plot at height `y`, with its label at the right, `labelDy` px below the line (negative: above). */
function HRule({ y, className, label, labelClassName, labelDy }: { y: number; className: string; label: string; labelClassName: string; labelDy: number }) {
  return (
    <>
      <line className={className} x1={PAD.l} y1={y} x2={W - PAD.r} y2={y} />
      <text className={labelClassName} x={W - PAD.r} y={y + labelDy} textAnchor="end">
        {label}
      </text>
    </>
  );
}

/** The chart frame: an SVG image whose accessible name (`label`) says in words what the chart shows. */
function Chart({ label, testId, children }: { label: string; testId: string; children: ReactNode }) {
  return (
    <svg className="chart" width={W} height={H} role="img" aria-label={label} data-testid={testId}>
      {children}
    </svg>
  );
}

/** SVG `points` of a polyline through `pts`. */
const polylinePoints = (pts: readonly { x: number; y: number }[]) => pts.map((p) => `${p.x},${p.y}`).join(' ');

/** Score (percent of the maximum) over attempts, with the pass mark; passed attempts filled. */
export function ScoreChart({ curve, passPercent }: { curve: LearningCurve; passPercent: number }) {
  const n = curve.attempts.length;
  const y = (pct: number) => PAD.t + (1 - pct / 100) * (H - PAD.t - PAD.b);
  const pts = curve.attempts.map((a, i) => ({ x: xOf(i + 1, n), y: y((100 * a.score) / a.maxScore), passed: a.passed }));
  return (
    <Chart label={`Score over ${n} attempt(s) for ${curve.trainee}, ${curve.blockName ?? 'no block'}: ${curve.attempts.map((a) => `${Math.round((100 * a.score) / a.maxScore)}%`).join(', ')}`} testId="score-chart">
      <YAxis ticks={[0, 50, 100].map((v) => ({ y: y(v), label: `${v}%` }))} />
      <HRule y={y(passPercent)} className="pass-line" label={`pass mark ${passPercent}%`} labelClassName="pass-label" labelDy={-4} />
      <XAxis count={n} />
      <polyline className="series" points={polylinePoints(pts)} />
      {pts.map((p, i) => (
        <circle key={i} className={`pt${p.passed ? ' passed' : ''}`} cx={p.x} cy={p.y} r={4.5} data-point={i + 1} />
      ))}
    </Chart>
  );
}

/** The CUSUM of failures (Kestin 1995) with its decision limits h0 (acceptable) and h1 (unacceptable). */
export function CusumChart({ c, trainee }: { c: CusumResult; trainee: string }) {
  const n = c.values.length;
  const lo = Math.min(c.h0 * 1.15, ...c.values, 0);
  const hi = Math.max(c.h1 * 1.15, ...c.values, 0);
  const y = (v: number) => PAD.t + ((hi - v) / (hi - lo)) * (H - PAD.t - PAD.b);
  const pts = [{ x: xOf(1, n + 1), y: y(0) }, ...c.values.map((v, i) => ({ x: xOf(i + 2, n + 1), y: y(v) }))];
  return (
    <Chart label={`CUSUM of failures for ${trainee} after ${n} attempt(s): ${c.values.map((v) => v.toFixed(2)).join(', ')}; acceptable limit h0 ${c.h0.toFixed(2)}, unacceptable limit h1 ${c.h1.toFixed(2)}`} testId="cusum-chart">
      <YAxis ticks={[{ y: y(0), label: '0' }]} />
      <HRule y={y(c.h1)} className="limit h1" label={`h1 ${c.h1.toFixed(2)}: unacceptable failure rate`} labelClassName="limit-label" labelDy={-4} />
      <HRule y={y(c.h0)} className="limit h0" label={`h0 ${c.h0.toFixed(2)}: acceptable failure rate`} labelClassName="limit-label" labelDy={14} />
      <line className="zero" x1={PAD.l} y1={y(0)} x2={W - PAD.r} y2={y(0)} />
      <XAxis count={n + 1} start={0} />
      <polyline className="series cusum" points={polylinePoints(pts)} />
      {pts.slice(1).map((p, i) => (
        <circle key={i} className="pt" cx={p.x} cy={p.y} r={3.5} />
      ))}
    </Chart>
  );
}
