/**
 * Helpers over a case: creation, ids, which annotations belong with a needle path, the calibration of
 * a clip, and `measurePlan` — the measurements the plan panel and `blockplan measure` both show.
 */
import type { Calibration } from '../dicom/calibration';
import { getBlockTemplate, type BlockTemplate, type RangeValue, type Structure } from '../blocks/index';
import {
  computeAnnotationMetrics,
  computeNeedleMetrics,
  impliedImageDepthMm,
  plausibilityWarnings,
  type AnnotationMetrics,
  type BeamGeometry,
  type NeedleMetrics,
  type PlausibilityReference,
  type TypicalMaximum,
} from '../geometry/index';
import { CaseSchema, CURRENT_SCHEMA_VERSION, type Annotation, type Case, type Clip, type NeedlePath } from './schema';

/**
 * A new random id (UUID v4 when the platform has crypto.randomUUID, as Node ≥ 19 and browsers do;
 * otherwise a time+random id). Ids only need to be unique within a case.
 */
export function newId(prefix = ''): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  const id = c?.randomUUID ? c.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}${Math.random().toString(36).slice(2, 10)}`;
  return prefix ? `${prefix}-${id}` : id;
}

/** An empty case. `now` is an ISO date-time (passed in so callers and tests control time). */
export function createCase(opts: { id?: string; title?: string; now: string }): Case {
  return CaseSchema.parse({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: opts.id ?? newId('case'),
    title: opts.title ?? 'Untitled case',
    createdAt: opts.now,
    updatedAt: opts.now,
    block: { templateId: null, side: null, level: null, approach: null },
    clips: [],
    keyFrames: [],
    annotations: [],
    needlePaths: [],
    manualCalibrations: {},
    settings: {},
    patient: {},
  });
}

/** The case as it is written on save: `updatedAt` set to `now`. */
export function touchForSave(plan: Case, now: string): Case {
  return { ...plan, updatedAt: now };
}

/** The block template of the case, when one is chosen and known to this build. */
export function templateOf(plan: Case): BlockTemplate | undefined {
  return plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
}

/** The structure an annotation is labelled with, from the case's block template. */
export function structureOf(plan: Case, a: Pick<Annotation, 'structureId'>): Structure | undefined {
  return a.structureId ? templateOf(plan)?.structures.find((s) => s.id === a.structureId) : undefined;
}

/** Annotations shown on a frame: the clip's annotations of that frame or of every frame. */
export function annotationsOnFrame(plan: Case, clipId: string, frameIndex: number): Annotation[] {
  return plan.annotations.filter((a) => a.clipId === clipId && (a.frameIndex === null || a.frameIndex === frameIndex));
}

/**
 * Annotations a needle path is measured against: same clip, and same frame unless either is on every
 * frame (a path on every frame is checked against structures marked on any frame — the conservative
 * choice). Hidden annotations are included: hiding a structure does not remove it from the patient.
 */
export function annotationsForPath(plan: Case, path: Pick<NeedlePath, 'clipId' | 'frameIndex'>): Annotation[] {
  return plan.annotations.filter((a) => a.clipId === path.clipId && (a.frameIndex === null || path.frameIndex === null || a.frameIndex === path.frameIndex));
}

/** The clip's beam geometry in core/geometry terms. */
export function beamOf(clip: Clip): BeamGeometry {
  return clip.beam.kind === 'curvilinear' ? { kind: 'radial', apex: clip.beam.apex } : clip.beam.kind === 'linear' ? { kind: 'linear' } : { kind: 'unknown' };
}

/**
 * The calibration to measure a clip with: the file's (from core/dicom `openDicom(...).calibration`)
 * plus the case's manual calibration for the clip, which applies when the file has no ultrasound
 * regions (the rule in core/dicom/calibration.ts).
 */
export function clipCalibration(plan: Case, clipId: string, fromFile: Calibration): Calibration {
  const manual = plan.manualCalibrations[clipId];
  return manual ? { ...fromFile, manual } : fromFile;
}

export interface MeasuredAnnotation extends AnnotationMetrics {
  label: string;
  role: Annotation['role'];
  frameIndex: number | null;
  structureId: string | null;
}

export interface MeasuredNeedlePath extends NeedleMetrics {
  id: string;
  label: string;
  /** Entry and target, px. */
  entry: NeedlePath['entry'];
  target: NeedlePath['target'];
  mode: NeedlePath['mode'];
  frameIndex: number | null;
}

export interface ClipMeasurements {
  clipId: string;
  annotations: MeasuredAnnotation[];
  needlePaths: MeasuredNeedlePath[];
}

/**
 * Measure every annotation and needle path of one clip, with the case settings (margin, steep
 * angle) and the clip's beam geometry. The plan panel and `blockplan measure` call this.
 *
 * @param fileCalibration the calibration read from the clip's DICOM file.
 */
export function measureClip(plan: Case, clipId: string, fileCalibration: Calibration): ClipMeasurements {
  const clip = plan.clips.find((c) => c.id === clipId);
  if (!clip) throw new RangeError(`measureClip: no clip ${clipId}`);
  const cal = clipCalibration(plan, clipId, fileCalibration);
  const image = { columns: clip.columns, rows: clip.rows };
  const annotations = plan.annotations
    .filter((a) => a.clipId === clipId)
    .map((a) => ({
      ...computeAnnotationMetrics(a, plan.annotations.filter((b) => b.clipId === clipId && (b.frameIndex === null || a.frameIndex === null || b.frameIndex === a.frameIndex)), cal, image),
      label: a.label,
      role: a.role,
      frameIndex: a.frameIndex,
      structureId: a.structureId,
    }));
  const needlePaths = plan.needlePaths
    .filter((n) => n.clipId === clipId)
    .map((n) => ({
      id: n.id,
      label: n.label,
      entry: n.entry,
      target: n.target,
      mode: n.mode,
      frameIndex: n.frameIndex,
      ...measureNeedlePath(plan, n, fileCalibration, image),
    }));
  return { clipId, annotations, needlePaths };
}

/**
 * Metrics of one needle path, in the case or not yet (while it is being drawn): measured against the
 * structures of its clip and frame (`annotationsForPath`), with the case's margin and steep-angle
 * settings and the clip's beam, and checked by the plausibility guard (core/geometry/plausibility)
 * against the block template and the note's needle. A path on a file that is not a clip of the case
 * yet is measured on the file's calibration alone, against no structures, within `image` (px).
 */
export function measureNeedlePath(
  plan: Case,
  path: Pick<NeedlePath, 'clipId' | 'frameIndex' | 'entry' | 'target' | 'mode'>,
  fileCalibration: Calibration,
  image: { columns: number; rows: number },
): NeedleMetrics {
  const clip = plan.clips.find((c) => c.id === path.clipId);
  const cal = clip ? clipCalibration(plan, clip.id, fileCalibration) : fileCalibration;
  const size = clip ? { columns: clip.columns, rows: clip.rows } : image;
  const m = computeNeedleMetrics(path, clip ? annotationsForPath(plan, path) : [], cal, {
    marginMm: plan.settings.marginMm,
    steepAngleDeg: plan.settings.steepAngleDeg,
    image: size,
    beam: clip ? beamOf(clip) : { kind: 'unknown' },
  });
  return { ...m, warnings: [...m.warnings, ...plausibilityWarnings(m, plausibilityReference(plan), impliedImageDepthMm(cal, path.target, size))] };
}

/** A template range as a typical maximum in mm (its max, else its typical value); null when it has neither. */
function typicalMaximum(v: RangeValue): TypicalMaximum | null {
  if (v.status !== 'known' || v.unit !== 'mm') return null;
  const basis = v.max !== null ? 'max' : v.typical !== null ? 'typical' : null;
  if (basis === null) return null;
  return { mm: basis === 'max' ? v.max! : v.typical!, basis, sourceIds: v.sourceIds, uncertain: v.uncertain };
}

/**
 * What the plausibility guard compares a case's needle paths with: the chosen block template's
 * typical depth and needle length (cited data, core/blocks) and the needle length the user recorded
 * in the note.
 */
export function plausibilityReference(plan: Case): PlausibilityReference {
  const t = templateOf(plan);
  return {
    blockName: t?.name ?? null,
    depth: t ? typicalMaximum(t.depthMm) : null,
    needleLength: t ? typicalMaximum(t.needle.lengthMm) : null,
    plannedNeedleLengthMm: plan.note?.needle.lengthMm ?? null,
  };
}

/**
 * Measurements of every clip of the case whose file calibration is known (its file was found and
 * read): what the plan panel lists and the note is prefilled from. Clips without one are left out
 * rather than measured in px. `clips` maps case clip ids to what is known of their files.
 */
export function measureClips(plan: Case, clips: Readonly<Record<string, { calibration: Calibration } | undefined>>): ClipMeasurements[] {
  return plan.clips.filter((c) => clips[c.id]).map((c) => measureClip(plan, c.id, clips[c.id]!.calibration));
}
