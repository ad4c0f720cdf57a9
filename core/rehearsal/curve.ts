/**
 * Learning curves: the attempts a trainee made (stored on this machine by the app), score over
 * attempts per trainee and block, a CUSUM of success and failure, and the CSV an educator exports.
 *
 * CUSUM after Kestin 1995 (./sources.ts `kestin1995`), as used for regional-anaesthesia learning
 * curves by Barrington 2012: with acceptable and unacceptable failure rates p0 < p1 and error rates
 * α, β — P = ln(p1/p0), Q = ln((1−p0)/(1−p1)), s = Q/(P+Q); each success lowers the sum by s, each
 * failure raises it by 1 − s; decision limits h1 = ln((1−β)/α)/(P+Q) above and
 * h0 = −ln((1−α)/β)/(P+Q) below. Reaching h0 shows the acceptable rate; reaching h1 the unacceptable.
 * An attempt succeeds when it passed (no critical error and the pass score reached).
 */
import { z } from 'zod';
import { foldText } from '../blocks/index';
import { REHEARSAL_TASK_IDS, RehearsalTaskIdSchema } from './schema';
import { REHEARSAL_DEFAULTS } from './sources';

/** One attempt as stored for the learning curve. Only what the trainee typed (their name) and the scores. */
export const StoredAttemptSchema = z.object({
  id: z.string().min(1).max(200),
  /** The trainee's name as typed on this machine. */
  trainee: z.string().trim().min(1).max(200),
  caseId: z.string().min(1).max(200),
  caseTitle: z.string().max(400),
  blockId: z.string().max(200).nullable(),
  blockName: z.string().max(400).nullable(),
  at: z.iso.datetime({ offset: true }),
  score: z.number().finite().nonnegative(),
  maxScore: z.number().finite().positive(),
  passed: z.boolean(),
  criticalErrors: z.array(z.object({ kind: z.string().max(100), structure: z.string().max(400).nullable() })).max(1000),
  tasks: z.array(z.object({ id: RehearsalTaskIdSchema, score: z.number().finite(), maxScore: z.number().finite() })).max(10),
  targetErrorMm: z.number().finite().nullable(),
  angleErrorDeg: z.number().finite().nullable(),
});
export type StoredAttempt = z.infer<typeof StoredAttemptSchema>;

export interface CusumParameters {
  /** Acceptable failure rate p0 (0–1). */
  acceptableFailureRate: number;
  /** Unacceptable failure rate p1 (p0 < p1 < 1). */
  unacceptableFailureRate: number;
  alpha: number;
  beta: number;
}

export const DEFAULT_CUSUM: CusumParameters = {
  acceptableFailureRate: REHEARSAL_DEFAULTS.cusum.acceptableFailureRate.value,
  unacceptableFailureRate: REHEARSAL_DEFAULTS.cusum.unacceptableFailureRate.value,
  alpha: REHEARSAL_DEFAULTS.cusum.alpha.value,
  beta: REHEARSAL_DEFAULTS.cusum.beta.value,
};

/** Why CUSUM parameters cannot be used, or undefined. */
export function cusumProblem(p: CusumParameters): string | undefined {
  const { acceptableFailureRate: p0, unacceptableFailureRate: p1, alpha, beta } = p;
  if (!(p0 > 0 && p0 < 1)) return 'The acceptable failure rate must be between 0 and 100%.';
  if (!(p1 > p0 && p1 < 1)) return 'The unacceptable failure rate must be above the acceptable one and below 100%.';
  if (!(alpha > 0 && alpha < 1 && beta > 0 && beta < 1)) return 'α and β must be between 0 and 1.';
  return undefined;
}

export interface CusumResult {
  /** Step for a success (subtracted) is s; for a failure 1 − s is added. */
  s: number;
  /** Upper decision limit (unacceptable failure rate). */
  h1: number;
  /** Lower decision limit (acceptable failure rate), negative. */
  h0: number;
  /** The sum after each attempt (first entry: after attempt 1). */
  values: number[];
  /** 1-based attempt at which the sum first reached h0, or null. */
  acceptableAt: number | null;
  /** 1-based attempt at which the sum first reached h1, or null. */
  unacceptableAt: number | null;
}

/** The CUSUM of a sequence of outcomes (true = success). Throws RangeError on unusable parameters (check cusumProblem first). */
export function cusum(outcomes: readonly boolean[], p: CusumParameters = DEFAULT_CUSUM): CusumResult {
  const problem = cusumProblem(p);
  if (problem) throw new RangeError(problem);
  const P = Math.log(p.unacceptableFailureRate / p.acceptableFailureRate);
  const Q = Math.log((1 - p.acceptableFailureRate) / (1 - p.unacceptableFailureRate));
  const s = Q / (P + Q);
  const h1 = Math.log((1 - p.beta) / p.alpha) / (P + Q);
  const h0 = -Math.log((1 - p.alpha) / p.beta) / (P + Q);
  let sum = 0;
  let acceptableAt: number | null = null;
  let unacceptableAt: number | null = null;
  const values = outcomes.map((ok, i) => {
    sum += ok ? -s : 1 - s;
    if (acceptableAt === null && sum <= h0) acceptableAt = i + 1;
    if (unacceptableAt === null && sum >= h1) unacceptableAt = i + 1;
    return sum;
  });
  return { s, h1, h0, values, acceptableAt, unacceptableAt };
}

/** A learning curve: one trainee's attempts at one block, oldest first. */
export interface LearningCurve {
  trainee: string;
  blockId: string | null;
  blockName: string | null;
  attempts: StoredAttempt[];
  cusum: CusumResult;
}

/** Learning curves per trainee (names compared case- and accent-insensitively) and block, in name order. */
export function learningCurves(attempts: readonly StoredAttempt[], p: CusumParameters = DEFAULT_CUSUM): LearningCurve[] {
  const groups = new Map<string, StoredAttempt[]>();
  for (const a of attempts) {
    const key = `${foldText(a.trainee)}\u0000${a.blockId ?? ''}`;
    const g = groups.get(key);
    if (g) g.push(a);
    else groups.set(key, [a]);
  }
  return [...groups.values()]
    .map((g) => {
      const sorted = [...g].sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
      const first = sorted[0]!;
      return { trainee: first.trainee, blockId: first.blockId, blockName: first.blockName, attempts: sorted, cusum: cusum(sorted.map((a) => a.passed), p) };
    })
    .sort((x, y) => x.trainee.localeCompare(y.trainee) || (x.blockName ?? '').localeCompare(y.blockName ?? ''));
}

/** A CSV cell (RFC 4180 quoting); a text starting like a formula is prefixed with ' so a spreadsheet shows it as text. */
function cell(v: string | number | boolean | null): string {
  if (v === null) return '';
  let s = typeof v === 'number' ? String(Math.round(v * 100) / 100) : String(v);
  if (typeof v === 'string' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The attempts as CSV (one row per attempt, oldest first; CRLF line ends; scores per task as columns). */
export function attemptsCsv(attempts: readonly StoredAttempt[]): string {
  const header = ['trainee', 'case id', 'case title', 'block', 'time', 'score', 'max score', 'percent', 'passed', 'critical errors', 'target error mm', 'angle difference deg', ...REHEARSAL_TASK_IDS.flatMap((t) => [`${t} score`, `${t} max`])];
  const rows = [...attempts]
    .sort((x, y) => Date.parse(x.at) - Date.parse(y.at))
    .map((a) => {
      const task = (id: string) => a.tasks.find((t) => t.id === id);
      return [
        a.trainee,
        a.caseId,
        a.caseTitle,
        a.blockName ?? a.blockId,
        a.at,
        a.score,
        a.maxScore,
        (100 * a.score) / a.maxScore,
        a.passed ? 'yes' : 'no',
        a.criticalErrors.map((c) => (c.structure ? `${c.kind}: ${c.structure}` : c.kind)).join('; '),
        a.targetErrorMm,
        a.angleErrorDeg,
        ...REHEARSAL_TASK_IDS.flatMap((id) => [task(id)?.score ?? null, task(id)?.maxScore ?? null]),
      ].map(cell);
    });
  return [header.map(cell), ...rows].map((r) => r.join(',')).join('\r\n') + '\r\n';
}
