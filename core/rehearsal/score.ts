/**
 * Score measured errors (./measure.ts) under a resolved rehearsal (./settings.ts): credit per task,
 * critical errors listed first and capping the score, and the numbered differences the feedback
 * shows on the clip. A pure function of the errors: every credit is a ramp that never rises as its
 * error grows, and an error can only add a critical error, never remove one.
 *
 * Rationale (./sources.ts): critical errors are scored apart and fail the attempt (Ahmed 2017), as
 * quality-compromising behaviours are flagged in regional-anaesthesia assessment (Sites 2007; Chuan
 * 2015, 2018) — among them the wrong side (Sites 2007). The score is broken down by task (Chuan 2015).
 */
import type { Point2 } from '../dicom/calibration';
import { formatMeasurement } from '../geometry/index';
import { rampCredit, rampCreditHigherBetter } from './credit';
import type { AttemptMeasures, StructureMeasure, ViewMeasure } from './measure';
import type { NeedleMeasure } from './measure-needle';
import type { RehearsalTaskId } from './schema';
import type { ResolvedRehearsal, ResolvedTolerances } from './settings';
import { REHEARSAL_DEFAULTS, type RehearsalSourceId } from './sources';

export type CriticalErrorKind = 'crosses-at-risk' | 'within-margin' | 'wrong-side' | 'target-outside-target';

export interface CriticalError {
  kind: CriticalErrorKind;
  /** The structure concerned, by name (null for the wrong side). */
  structure: string | null;
  structureId: string | null;
  /** The expert annotation concerned. */
  annotationId: string | null;
  message: string;
  /** Why it matters (the template's "why" for the structure, or the source's finding). */
  explanation: string;
  sources: RehearsalSourceId[];
  /** Where the feedback marks it on the clip, px. */
  atPx: Point2 | null;
}

/** One scored item of a task. `credit` 0–1, or null when it could not be scored (see `note`). */
export interface TaskDetail {
  label: string;
  value: string;
  credit: number | null;
  note?: string;
}

export interface TaskResult {
  id: RehearsalTaskId;
  title: string;
  score: number;
  maxScore: number;
  /** False when nothing in the task could be scored (e.g. an uncalibrated clip): it is left out of the maximum. */
  scored: boolean;
  explanation: string;
  details: TaskDetail[];
}

/** A numbered difference between the attempt and the expert answer, as the feedback lists and marks it. */
export interface Difference {
  number: number;
  task: RehearsalTaskId;
  critical: boolean;
  title: string;
  explanation: string;
  atPx: Point2 | null;
}

export interface RehearsalScore {
  score: number;
  maxScore: number;
  /** Before the critical-error cap. */
  rawScore: number;
  percent: number;
  passed: boolean;
  passPercent: number;
  /** True when a critical error lowered the score. */
  capped: boolean;
  criticalCapPercent: number;
  /** Trainee's target to the expert's, mm; null without a path or when uncalibrated. */
  targetErrorMm: number | null;
  angleErrorDeg: number | null;
  tasks: TaskResult[];
  criticalErrors: CriticalError[];
  differences: Difference[];
}

export const TASK_TITLES: Record<RehearsalTaskId, string> = {
  'find-view': 'Find the view',
  'identify-structures': 'Identify the structures',
  'plan-needle': 'Plan the needle',
  'block-details': 'Choose the block details',
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Credit for the chosen frame: in ms when the clip's timing is known, else in frames. */
export function viewCredit(v: ViewMeasure, t: ResolvedTolerances): number {
  if (v.errorFrames === null) return 0;
  return v.errorMs !== null ? rampCredit(v.errorMs, t.viewFullMs, t.viewZeroMs) : rampCredit(v.errorFrames, t.viewFullFrames, t.viewZeroFrames);
}

/** Credit for one structure: pointing (inside, else distance) or drawing (Dice and Hausdorff). Null when uncalibrated. */
export function structureCredit(s: StructureMeasure, t: ResolvedTolerances): number | null {
  if (s.method === 'missing') return 0;
  if (s.unit !== 'mm') return null;
  if (s.method === 'point') return s.inside ? 1 : rampCredit(s.pointDistance ?? Infinity, t.pointFullMm, t.pointZeroMm);
  const h = rampCredit(s.hausdorff ?? Infinity, t.hausdorffFullMm, t.hausdorffZeroMm);
  if (s.dice === null || s.dice === undefined) return h;
  return (rampCreditHigherBetter(s.dice, t.diceFull, t.diceZero) + h) / 2;
}

/** A clearance that is a critical error: crossing, or closer than the critical margin. */
export function clearanceCritical(c: NeedleMeasure['clearances'][number]): CriticalErrorKind | null {
  if (c.crosses) return 'crosses-at-risk';
  if (c.criticalMarginMm !== null && c.distance.unit === 'mm' && c.distance.value < c.criticalMarginMm) return 'within-margin';
  return null;
}

/** Credits of the needle task's parts (target, angle, clearance); null parts could not be scored. */
export function needleCredits(n: NeedleMeasure, t: ResolvedTolerances): { target: number | null; angle: number; clearance: number } {
  if (!n.traineePathId) return { target: 0, angle: 0, clearance: 0 };
  const target = n.targetError && n.targetError.unit === 'mm' ? rampCredit(n.targetError.value, t.targetFullMm, t.targetZeroMm) : null;
  const angle = n.angleErrorDeg === null ? 0 : rampCredit(n.angleErrorDeg, t.angleFullDeg, t.angleZeroDeg);
  const okCount = n.clearances.filter((c) => clearanceCritical(c) === null && !(c.extensionCrosses && !c.expertExtensionCrosses)).length;
  return { target, angle, clearance: n.clearances.length ? okCount / n.clearances.length : 1 };
}

function combine(parts: [number | null, number][]): number | null {
  const scored = parts.filter(([c]) => c !== null) as [number, number][];
  const w = scored.reduce((s, [, wt]) => s + wt, 0);
  return w === 0 ? null : scored.reduce((s, [c, wt]) => s + c * wt, 0) / w;
}

function criticalErrors(m: AttemptMeasures, byId: Map<string, string>): CriticalError[] {
  const out: CriticalError[] = [];
  for (const d of m.details) {
    if (d.item === 'side' && d.wrongSide) {
      out.push({
        kind: 'wrong-side',
        structure: null,
        structureId: null,
        annotationId: null,
        message: `Wrong side: ${d.given} chosen, the block is on the ${d.expected}.`,
        explanation: 'Failing to correlate the side of the patient with the side of the ultrasound image is a quality-compromising behaviour of novices (Sites 2007).',
        sources: ['sites2007', 'ahmed2017'],
        atPx: null,
      });
    }
  }
  const n = m.needle;
  if (n?.traineePath) {
    if (n.target.checked && !n.target.inside) {
      out.push({
        kind: 'target-outside-target',
        structure: n.target.names.join(' / ') || null,
        structureId: null,
        annotationId: n.target.annotationIds[0] ?? null,
        message: `The needle target is outside the target structure (${n.target.names.join(' / ')}).`,
        explanation: byId.get(n.target.annotationIds[0] ?? '') ?? '',
        sources: ['ahmed2017'],
        atPx: n.traineePath.target,
      });
    }
    for (const c of n.clearances) {
      const kind = clearanceCritical(c);
      if (!kind) continue;
      out.push({
        kind,
        structure: c.name,
        structureId: c.structureId,
        annotationId: c.annotationId,
        message: kind === 'crosses-at-risk' ? `The path crosses ${c.name}.` : `The path passes ${formatMeasurement(c.distance)} from ${c.name}, inside the critical margin of ${c.marginNote}.`,
        explanation: byId.get(c.annotationId) ?? '',
        sources: ['ahmed2017', 'sites2007'],
        atPx: c.nearestOnStructurePx,
      });
    }
  }
  const order: CriticalErrorKind[] = ['crosses-at-risk', 'wrong-side', 'target-outside-target', 'within-margin'];
  return out.sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind));
}

/** Score an attempt's measured errors. */
export function scoreMeasures(m: AttemptMeasures, r: ResolvedRehearsal): RehearsalScore {
  const t = r.tolerances;
  const explanations = new Map(r.structures.map((s) => [s.annotationId, s.explanation]));
  const tasks: TaskResult[] = [];
  const diffs: Omit<Difference, 'number'>[] = [];
  for (const task of r.tasks) {
    const details: TaskDetail[] = [];
    let credit: number | null = null;
    if (task.id === 'find-view' && m.view) {
      credit = viewCredit(m.view, t);
      const v = m.view;
      details.push({ label: 'Frame', value: v.traineeFrame === null ? 'none chosen' : `frame ${v.traineeFrame + 1} (expert: ${v.expertFrame + 1}; ${v.errorFrames} frame(s)${v.errorMs !== null ? `, ${Math.round(v.errorMs)} ms` : ''} apart)`, credit });
      if (credit < 1) diffs.push({ task: task.id, critical: false, title: v.traineeFrame === null ? 'No frame chosen for the view.' : `The view is ${v.errorFrames} frame(s) from the expert's target frame.`, explanation: task.explanation, atPx: null });
    }
    if (task.id === 'identify-structures') {
      const credits = m.structures.map((s) => structureCredit(s, t));
      m.structures.forEach((s, i) => {
        const c = credits[i]!;
        const value =
          s.method === 'missing'
            ? 'not marked'
            : s.method === 'point'
              ? s.inside
                ? 'pointed inside'
                : `pointed ${(s.pointDistance ?? 0).toFixed(1)} ${s.unit} outside`
              : `drawn: ${s.dice !== null && s.dice !== undefined ? `Dice ${s.dice.toFixed(2)}, ` : ''}Hausdorff ${(s.hausdorff ?? 0).toFixed(1)} ${s.unit}`;
        details.push({ label: s.asked.name, value, credit: c, ...(s.reason ? { note: `Not scored: ${s.reason}` } : {}) });
        if (c !== null && c < 1) diffs.push({ task: task.id, critical: false, title: `${s.asked.name}: ${value}.`, explanation: s.asked.explanation, atPx: s.anchorPx });
      });
      const scored = credits.filter((c): c is number => c !== null);
      credit = scored.length ? scored.reduce((a, b) => a + b, 0) / scored.length : null;
    }
    if (task.id === 'plan-needle' && m.needle) {
      const n = m.needle;
      const parts = needleCredits(n, t);
      const P = REHEARSAL_DEFAULTS.needleParts;
      credit = combine([
        [parts.target, P.target.value],
        [parts.angle, P.angle.value],
        [parts.clearance, P.clearance.value],
      ]);
      if (!n.traineePath) {
        details.push({ label: 'Needle path', value: 'not drawn', credit: 0 });
        diffs.push({ task: task.id, critical: false, title: 'No needle path was drawn.', explanation: task.explanation, atPx: null });
      } else {
        const te = n.targetError!;
        details.push({ label: 'Target error', value: formatMeasurement(te), credit: parts.target, ...(te.reason ? { note: `Not scored: ${te.reason}` } : {}) });
        details.push({ label: 'Angle difference', value: n.angleErrorDeg === null ? 'zero-length path' : `${n.angleErrorDeg.toFixed(1)}°`, credit: parts.angle });
        details.push({ label: 'Clearance from at-risk structures', value: n.clearances.map((c) => `${c.name} ${formatMeasurement(c.distance)}${c.crosses ? ' (crosses)' : ''}`).join('; ') || 'none marked', credit: parts.clearance });
        if (parts.target !== null && parts.target < 1) diffs.push({ task: task.id, critical: false, title: `The target is ${formatMeasurement(te)} from the expert's.`, explanation: task.explanation, atPx: n.traineePath.target });
        if (parts.angle < 1) diffs.push({ task: task.id, critical: false, title: `The path's direction differs by ${n.angleErrorDeg?.toFixed(1) ?? '—'}° from the expert's.`, explanation: task.explanation, atPx: n.traineePath.entry });
        for (const c of n.clearances) {
          if (clearanceCritical(c) === null && c.extensionCrosses && !c.expertExtensionCrosses) {
            diffs.push({ task: task.id, critical: false, title: `Beyond the target, the line of the path crosses ${c.name}: overshoot would reach it.`, explanation: explanations.get(c.annotationId) ?? '', atPx: c.nearestOnStructurePx });
          }
        }
      }
    }
    if (task.id === 'block-details') {
      for (const d of m.details) {
        details.push({ label: d.item, value: `${d.given ?? 'not chosen'} (expert: ${d.expected})`, credit: d.correct ? 1 : 0, ...(d.note ? { note: d.note } : {}) });
        if (!d.correct && !d.wrongSide) diffs.push({ task: task.id, critical: false, title: `${d.item}: ${d.given ?? 'not chosen'}; the expert chose ${d.expected}.`, explanation: task.explanation, atPx: null });
      }
      credit = m.details.length ? m.details.filter((d) => d.correct).length / m.details.length : null;
    }
    const scored = credit !== null;
    tasks.push({ id: task.id, title: TASK_TITLES[task.id], score: scored ? task.weight * credit! : 0, maxScore: scored ? task.weight : 0, scored, explanation: task.explanation, details });
  }
  const critical = criticalErrors(m, explanations);
  const maxScore = tasks.reduce((s, x) => s + x.maxScore, 0);
  const raw = tasks.reduce((s, x) => s + x.score, 0);
  const cap = (r.criticalCapPercent / 100) * maxScore;
  const score = critical.length ? Math.min(raw, cap) : raw;
  const differences: Difference[] = [
    ...critical.map((c) => ({ task: (c.kind === 'wrong-side' ? 'block-details' : 'plan-needle') as RehearsalTaskId, critical: true, title: c.message, explanation: c.explanation, atPx: c.atPx })),
    ...diffs,
  ].map((d, i) => ({ number: i + 1, ...d }));
  const needle = m.needle;
  return {
    score: round2(score),
    maxScore: round2(maxScore),
    rawScore: round2(raw),
    percent: maxScore > 0 ? round2((100 * score) / maxScore) : 0,
    passed: critical.length === 0 && maxScore > 0 && score >= (r.passPercent / 100) * maxScore,
    passPercent: r.passPercent,
    capped: critical.length > 0 && raw > cap,
    criticalCapPercent: r.criticalCapPercent,
    targetErrorMm: needle?.targetError?.unit === 'mm' ? round2(needle.targetError.value) : null,
    angleErrorDeg: needle?.angleErrorDeg !== null && needle?.angleErrorDeg !== undefined ? round2(needle.angleErrorDeg) : null,
    tasks: tasks.map((x) => ({ ...x, score: round2(x.score), maxScore: round2(x.maxScore) })),
    criticalErrors: critical,
    differences,
  };
}
