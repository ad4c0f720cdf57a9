/**
 * Measure an attempt against the expert answer: every error as a number with its unit, before any
 * scoring (./score.ts turns these into points). Separating the two keeps the scoring a pure function
 * of the errors, so "the score never rises as an error grows" can be tested directly.
 */
import { foldText, getBlockTemplate, type BlockTemplate, type RangeValue } from '../blocks/index';
import type { Calibration, Point2 } from '../dicom/calibration';
import type { FrameTiming } from '../dicom/types';
import { annotationShape, metricFrame, scaleShape, segmentShapeClosest, shapePoints, type Shape } from '../geometry/index';
import { clipCalibration, type Annotation, type Case, type Clip } from '../plan/index';
import { measureNeedle, type NeedleMeasure } from './measure-needle';
import { diceCoefficient, hausdorffDistance, isFilled, shapeContains } from './overlap';
import type { BlockDetailItem } from './schema';
import type { AskedStructure, ResolvedRehearsal } from './settings';

/** What the scorer needs of a clip's DICOM file: its calibration and, when known, its frame timing. */
export interface ClipContext {
  calibration: Calibration;
  timing?: FrameTiming;
}

export interface ViewMeasure {
  expertFrame: number;
  /** The frame the trainee chose (their target key frame), or null. */
  traineeFrame: number | null;
  errorFrames: number | null;
  /** The time between the two frames, ms; null when the clip's timing is not known (or was assumed). */
  errorMs: number | null;
}

export interface StructureMeasure {
  asked: AskedStructure;
  traineeAnnotationId: string | null;
  /** `point`: the trainee pointed at it; `outline`: drew it; `missing`: did not mark it. */
  method: 'point' | 'outline' | 'missing';
  /** mm when the marks lie in one calibrated region; px otherwise (then it is not scored, see `reason`). */
  unit: 'mm' | 'px';
  reason?: string;
  /** Point: inside the expert's (filled) structure. */
  inside?: boolean;
  /** Point: distance to the expert's structure (0 inside), in `unit`. */
  pointDistance?: number;
  /** Outline: Dice overlap with the expert's outline when both enclose an area; null otherwise. */
  dice?: number | null;
  /** Outline: Hausdorff distance between the outlines, in `unit`. */
  hausdorff?: number;
  /** Where the feedback puts this structure's number on the clip, px. */
  anchorPx: Point2 | null;
}

export interface DetailMeasure {
  item: BlockDetailItem;
  expected: string;
  given: string | null;
  correct: boolean;
  /** Side only: the trainee chose a side the expert did not (left for right, or bilateral for one side). */
  wrongSide: boolean;
  note?: string;
}

export interface AttemptMeasures {
  /** The expert's clip the rehearsal is on. */
  clipId: string;
  view: ViewMeasure | null;
  structures: StructureMeasure[];
  needle: NeedleMeasure | null;
  details: DetailMeasure[];
}

/**
 * The attempt's clip that is the expert's clip: the same bytes (SHA-256). A clip with the same id but
 * other bytes is another recording, on which the expert's geometry means nothing.
 */
export function matchingClip(expertClip: Clip, attempt: Case): Clip | undefined {
  return attempt.clips.find((c) => c.sha256 === expertClip.sha256);
}

function measureView(r: ResolvedRehearsal, attempt: Case, attemptClipId: string, timing: FrameTiming | undefined): ViewMeasure | null {
  if (!r.view) return null;
  const chosen = attempt.keyFrames.find((k) => k.clipId === attemptClipId && k.tag === 'target');
  const expertFrame = r.view.frameIndex;
  if (!chosen) return { expertFrame, traineeFrame: null, errorFrames: null, errorMs: null };
  const lo = Math.min(expertFrame, chosen.frameIndex);
  const hi = Math.max(expertFrame, chosen.frameIndex);
  let errorMs: number | null = null;
  if (timing && !timing.assumed) {
    errorMs = 0;
    for (let i = lo; i < hi; i++) errorMs += timing.frameTimesMs[i] ?? timing.frameTimesMs[timing.frameTimesMs.length - 1] ?? 0;
  }
  return { expertFrame, traineeFrame: chosen.frameIndex, errorFrames: hi - lo, errorMs };
}

/** Pair each asked structure with the trainee's mark: same id, same structure and label, same structure, same label. */
function matchMarks(asked: AskedStructure[], expertById: Map<string, Annotation>, marks: Annotation[]): Map<string, Annotation> {
  const out = new Map<string, Annotation>();
  const used = new Set<string>();
  const take = (s: AskedStructure, m: Annotation | undefined) => {
    if (!m) return;
    out.set(s.annotationId, m);
    used.add(m.id);
  };
  const label = (a: Pick<Annotation, 'label'>) => foldText(a.label);
  const passes: ((s: AskedStructure, e: Annotation, m: Annotation) => boolean)[] = [
    (s, _e, m) => m.id === s.annotationId,
    (s, e, m) => s.structureId !== null && m.structureId === s.structureId && label(m) === label(e),
    (s, _e, m) => s.structureId !== null && m.structureId === s.structureId && asked.filter((x) => x.structureId === s.structureId).length === 1,
    (_s, e, m) => label(e) !== '' && label(m) === label(e),
  ];
  for (const pass of passes) {
    for (const s of asked) {
      if (out.has(s.annotationId)) continue;
      const e = expertById.get(s.annotationId)!;
      take(s, marks.find((m) => !used.has(m.id) && pass(s, e, m)));
    }
  }
  return out;
}

function anchorOf(s: Shape): Point2 {
  if (s.kind === 'ellipse') return { ...s.ellipse.center };
  const pts = shapePoints(s);
  if (s.kind === 'polygon') return { x: pts.reduce((t, p) => t + p.x, 0) / pts.length, y: pts.reduce((t, p) => t + p.y, 0) / pts.length };
  return { ...pts[Math.floor(pts.length / 2)]! };
}

function measureStructure(asked: AskedStructure, expertAnn: Annotation, mark: Annotation | undefined, cal: Calibration): StructureMeasure {
  const es = annotationShape(expertAnn);
  const anchorPx = es ? anchorOf(es) : null;
  if (!mark || !es) return { asked, traineeAnnotationId: mark?.id ?? null, method: 'missing', unit: 'mm', anchorPx };
  const ms = annotationShape(mark);
  if (!ms) return { asked, traineeAnnotationId: mark.id, method: 'missing', unit: 'mm', anchorPx };
  const f = metricFrame([...shapePoints(es), ...shapePoints(ms)], cal);
  const unit = f.unit;
  const reason = f.unit === 'px' ? f.reason : undefined;
  const e = scaleShape(es, f.sx, f.sy);
  const m = scaleShape(ms, f.sx, f.sy);
  const base = { asked, traineeAnnotationId: mark.id, unit, ...(reason ? { reason } : {}), anchorPx };
  if (m.kind === 'point') {
    const inside = isFilled(e) && shapeContains(e, m.p);
    return { ...base, method: 'point', inside, pointDistance: inside ? 0 : segmentShapeClosest(m.p, m.p, e).distance };
  }
  return { ...base, method: 'outline', dice: isFilled(e) && isFilled(m) ? diceCoefficient(e, m) : null, hausdorff: hausdorffDistance(e, m) };
}

function inRange(v: number, range: RangeValue): boolean | null {
  if (range.status !== 'known' || (range.min === null && range.max === null)) return null;
  return (range.min === null || v >= range.min) && (range.max === null || v <= range.max);
}

function approachName(t: BlockTemplate | undefined, id: string | null): string {
  const a = t?.approaches.find((x) => (id ? x.id === id : x.primary));
  return a?.name ?? id ?? 'primary approach';
}

function measureDetail(item: BlockDetailItem, expert: Case, attempt: Case, t: BlockTemplate | undefined): DetailMeasure {
  const ed = expert.rehearsal?.blockDetails ?? {};
  const ad = attempt.rehearsal?.blockDetails ?? {};
  switch (item) {
    case 'side': {
      const exp = expert.block.side;
      const got = attempt.block.side;
      const lateral = exp === 'left' || exp === 'right';
      const wrongSide = lateral && (got === 'left' || got === 'right' || got === 'bilateral') && got !== exp;
      return { item, expected: exp ?? 'not stated', given: got, correct: got === exp, wrongSide };
    }
    case 'approach': {
      const primary = t?.approaches.find((a) => a.primary)?.id ?? null;
      const exp = expert.block.approach ?? primary;
      const got = attempt.block.templateId === expert.block.templateId ? (attempt.block.approach ?? primary) : null;
      const note = attempt.block.templateId === null ? 'No block or approach was chosen.' : attempt.block.templateId !== expert.block.templateId ? 'A different block was chosen.' : undefined;
      return { item, expected: approachName(t, exp), given: got === null ? null : approachName(t, got), correct: got !== null && got === exp, wrongSide: false, ...(note ? { note } : {}) };
    }
    case 'needle': {
      const parts: boolean[] = [];
      const notes: string[] = [];
      const check = (exp: number | undefined, got: number | undefined, range: RangeValue | undefined, what: string) => {
        if (exp === undefined) return;
        if (got === undefined) return parts.push(false);
        const r = range ? inRange(got, range) : null;
        if (r !== null) notes.push(`${what}: the template's range applies.`);
        parts.push(r ?? got === exp);
      };
      check(ed.needleGaugeG, ad.needleGaugeG, t?.needle.gaugeG, 'gauge');
      check(ed.needleLengthMm, ad.needleLengthMm, t?.needle.lengthMm, 'length');
      const fmt = (g?: number, l?: number) => [g !== undefined ? `${g}G` : '', l !== undefined ? `${l} mm` : ''].filter(Boolean).join(' ');
      const given = fmt(ad.needleGaugeG, ad.needleLengthMm);
      return { item, expected: fmt(ed.needleGaugeG, ed.needleLengthMm), given: given || null, correct: parts.length > 0 && parts.every(Boolean), wrongSide: false, ...(notes.length ? { note: notes.join(' ') } : {}) };
    }
    case 'volume': {
      const exp = ed.volumeMl;
      const got = ad.volumeMl;
      const r = got !== undefined && t ? inRange(got, t.volumeMl) : null;
      const correct = got !== undefined && (r ?? got === exp);
      return { item, expected: exp !== undefined ? `${exp} mL` : 'not stated', given: got !== undefined ? `${got} mL` : null, correct, wrongSide: false, ...(r !== null ? { note: "The template's cited range applies." } : {}) };
    }
  }
}

/**
 * Measure `attempt` against the expert case under the resolved rehearsal `r`. `clip` is the expert's
 * rehearsal clip with its DICOM context. Returns null when the attempt has no clip matching it.
 */
export function measureAttempt(expert: Case, attempt: Case, r: ResolvedRehearsal, clip: Clip, ctx: ClipContext): AttemptMeasures | null {
  const ac = matchingClip(clip, attempt);
  if (!ac) return null;
  const cal = clipCalibration(expert, clip.id, ctx.calibration);
  const template = expert.block.templateId ? getBlockTemplate(expert.block.templateId) : undefined;
  const asked = (id: string) => r.tasks.some((t) => t.id === id);
  const expertById = new Map(expert.annotations.map((a) => [a.id, a]));
  const marks = attempt.annotations.filter((a) => a.clipId === ac.id && a.role !== 'skin');
  const matched = asked('identify-structures') ? matchMarks(r.structures, expertById, marks) : new Map<string, Annotation>();
  return {
    clipId: clip.id,
    view: asked('find-view') ? measureView(r, attempt, ac.id, ctx.timing) : null,
    structures: asked('identify-structures') ? r.structures.map((s) => measureStructure(s, expertById.get(s.annotationId)!, matched.get(s.annotationId), cal)) : [],
    needle: asked('plan-needle') ? measureNeedle(expert, attempt, clip, ac.id, cal, r) : null,
    details: asked('block-details') ? r.blockDetails.map((d) => measureDetail(d, expert, attempt, template)) : [],
  };
}
