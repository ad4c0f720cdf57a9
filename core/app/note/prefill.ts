/**
 * From a case to a note: prefill and the planned numbers.
 *
 * A note field holds only what the user entered or confirmed. Prefill therefore takes values only from
 * what the user entered elsewhere in the case — the patient details, the block, side, level and
 * approach they chose in the plan, the structures they drew, the key frames they marked, the mode of
 * the needle path they drew — and fills a field only when the stored note leaves it empty. Template
 * guidance (probe, frequency, needle type, gauge and length, needle direction, guidance modality,
 * positions, volumes) is never written into a field: `noteSuggestions` offers it for the editor to show
 * beside the field. Two safety-directed exceptions: `planned` is always recomputed from the current plan
 * (stale planned numbers must not leave BlockPlan), and the interscalene dose ceiling is switched on
 * whenever the block is interscalene.
 */
import { getBlockTemplate, type BlockTemplate, type RangeValue } from '../../blocks/index';
import type { Measurement } from '../../geometry/index';
import type { Case, ClipMeasurements } from '../../plan/index';
import { NoteSchema, type Note, type NoteSide, type PlannedMeasurement } from '../../notes/schema';

/** The note's side for a case side (`midline` → `n/a`; null → not recorded). */
export function noteSideOf(side: Case['block']['side']): NoteSide | undefined {
  if (side === null) return undefined;
  return side === 'midline' ? 'n/a' : side;
}


/** Structure names as written in the annotations (label, else the template structure's name), no skin lines. */
export function structuresIdentified(plan: Case, template?: BlockTemplate): string[] {
  const names: string[] = [];
  for (const a of plan.annotations) {
    if (a.role === 'skin') continue;
    const name = a.label.trim() || (a.structureId ? template?.structures.find((s) => s.id === a.structureId)?.name : undefined);
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
}

/**
 * What the in-image path length leaves out. An in-plane needle is planned from where it enters the
 * image; it travels from the skin puncture to the probe's edge outside the image first.
 */
export const PATH_LENGTH_CAVEAT =
  'Length inside the image only, from where the needle enters the image to the target. The needle also travels from the skin puncture to the edge of the probe, outside the image and not measured here: add that distance before choosing a needle length.';

type MeasuredPath = ClipMeasurements['needlePaths'][number];

/**
 * Planned numbers of one measured needle path, each with the warnings the plan raised about it
 * (crossing, within the margin, overshoot beyond the target, steep angle …). Labels name the path when
 * the case has several. `hidden(annotationId)`: the structure is marked not visible on ultrasound.
 */
export function plannedFromPath(path: MeasuredPath, clipId: string, many: boolean, hidden: (annotationId: string) => boolean = () => false): PlannedMeasurement[] {
  const out: PlannedMeasurement[] = [];
  const suffix = many && path.label ? ` (${path.label})` : '';
  const about = (annotationId?: string) => path.warnings.filter((w) => w.annotationId === annotationId && w.severity !== 'info' && w.code !== 'steep-angle').map((w) => w.message);
  const put = (kind: PlannedMeasurement['kind'], label: string, m: Measurement | null, extra: Partial<PlannedMeasurement> = {}) => {
    if (!m || !Number.isFinite(m.value) || (m.unit !== 'mm' && m.unit !== 'deg' && m.unit !== 'px')) return;
    out.push({
      kind,
      label: `${label}${suffix}`,
      value: m.value,
      unit: m.unit,
      ...(m.unit === 'px' ? { uncalibratedReason: m.reason ?? 'not calibrated' } : {}),
      ...(m.manual ? { manualCalibration: true } : {}),
      clipId,
      ...(path.frameIndex !== null ? { frameIndex: path.frameIndex } : {}),
      needlePathId: path.id,
      warnings: [],
      ...extra,
    });
  };
  // A warning about the depth (the plausibility guard's) goes with the depth.
  put('target-depth', 'Skin-to-target depth', path.targetDepth, { warnings: path.warnings.filter((w) => w.about === 'target-depth').map((w) => w.message) });
  // Path-wide warnings (uncalibrated, unchecked margin, entry outside the probe, an implausible path or
  // calibration, a needle shorter than the path) go with the path length.
  put('path-length', 'Needle path length in the image', path.pathLength, {
    warnings: path.warnings.filter((w) => w.annotationId === undefined && w.about !== 'target-depth' && w.code !== 'steep-angle' && w.code !== 'out-of-plane').map((w) => w.message),
    caveat: PATH_LENGTH_CAVEAT,
  });
  put('angle-to-skin', 'Needle angle to skin', path.angleToSkin, { warnings: path.warnings.filter((w) => w.code === 'steep-angle').map((w) => w.message) });
  put('angle-to-beam', 'Needle angle to ultrasound beam', path.angleToBeam);
  for (const c of path.clearances) {
    const name = c.label?.trim() || 'at-risk structure';
    put('clearance', `Clearance to ${name}`, c.path.distance, {
      structure: name,
      ...(c.structureId ? { structureId: c.structureId } : {}),
      ...(hidden(c.annotationId) ? { notVisibleOnUltrasound: true } : {}),
      warnings: about(c.annotationId),
    });
  }
  return out;
}

/** Every planned number of the case, from `measureClip` results (one per clip). */
export function plannedFromMeasurements(measurements: readonly ClipMeasurements[], plan?: Pick<Case, 'annotations'>): PlannedMeasurement[] {
  const total = measurements.reduce((s, m) => s + m.needlePaths.length, 0);
  const hidden = (id: string) => plan?.annotations.find((a) => a.id === id)?.notVisibleOnUltrasound === true;
  return measurements.flatMap((m) => m.needlePaths.flatMap((p) => plannedFromPath(p, m.clipId, total > 1, hidden)));
}

const MODALITY_WORD: Record<BlockTemplate['guidance']['primary'], string> = {
  ultrasound: 'ultrasound',
  fluoroscopy: 'fluoroscopy',
  ct: 'CT',
  eus: 'endoscopic ultrasound',
  landmark: 'landmark',
  surgical: 'surgical (direct vision)',
};

/** A template range for a hint; `uncertain` when the reference marks it [?]. */
export interface RangeHint {
  min: number | null;
  max: number | null;
  uncertain: boolean;
}

/**
 * Template guidance for the editor, shown beside a field and never written into it (the user types or
 * picks what was actually done).
 */
export interface NoteSuggestions {
  /** Complications to discuss (template), for the consent checklist. */
  risks: string[];
  positions: string[];
  /** Volume range for a single shot, mL, with [?] flag. */
  volumeMl?: RangeHint;
  needleGaugeG?: RangeHint;
  needleLengthMm?: RangeHint;
  frequencyMHz?: RangeHint;
  /** Guidance modality in words, e.g. "ultrasound (alternatives: fluoroscopy, CT)". */
  modality?: string;
  /** Probe type and when an alternative applies, e.g. "linear; curvilinear when deep". */
  probe?: string;
  /** Needle type as the template words it (may list alternatives). */
  needleType?: string;
  /** Needle direction as the template words it (may list alternatives). */
  needleDirection?: string;
  /** In-plane / out-of-plane as the template has it. */
  needleApproach?: string;
  /** Extra items the template says to record. */
  documentation: string[];
  cautions: string[];
}

const rangeHint = (r: RangeValue): RangeHint | undefined => (r.status === 'known' ? { min: r.min, max: r.max, uncertain: r.uncertain } : undefined);

export function noteSuggestions(plan: Case): NoteSuggestions {
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  if (!t) return { risks: [], positions: [], documentation: [], cautions: [] };
  const alternatives = t.guidance.alternatives.map((m) => MODALITY_WORD[m]);
  return {
    risks: t.complications.map((c) => c.name),
    positions: t.positions,
    volumeMl: rangeHint(t.volumeMl),
    needleGaugeG: rangeHint(t.needle.gaugeG),
    needleLengthMm: rangeHint(t.needle.lengthMm),
    frequencyMHz: rangeHint(t.probe.frequencyMHz),
    modality: `${MODALITY_WORD[t.guidance.primary]}${alternatives.length ? ` (alternatives: ${alternatives.join(', ')})` : ''}`,
    probe: t.probe.type === 'none' ? undefined : [t.probe.type, ...t.probe.alternatives.map((a) => `${a.type} ${a.when}`)].join('; '),
    needleType: t.needle.type ?? undefined,
    needleDirection: t.needle.direction ?? undefined,
    needleApproach: t.needle.approach === 'not-applicable' ? undefined : t.needle.approach.replace(/-/g, ' '),
    documentation: t.documentation,
    cautions: t.cautions,
  };
}

const empty = (v: unknown) => v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0);
/** `stored` unless empty, then `derived`. */
function pick<T>(stored: T, derived: T | undefined): T {
  return empty(stored) && derived !== undefined ? derived : stored;
}

/**
 * The note for a case: the stored note (or an empty one) with empty fields prefilled from the case,
 * its block template and the plan's measurements.
 */
export function prefillNote(plan: Case, measurements: readonly ClipMeasurements[] = []): Note {
  const n = NoteSchema.parse(plan.note ?? {});
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  // The approach the user chose in the plan (none chosen: nothing, not the template's primary).
  const approach = t && plan.block.approach !== null ? t.approaches.find((a) => a.id === plan.block.approach) : undefined;
  const pt = plan.patient;

  const out: Note = {
    ...n,
    identity: {
      ...n.identity,
      patientName: pick(n.identity.patientName, pt.name),
      patientId: pick(n.identity.patientId, pt.id),
      birthDate: pick(n.identity.birthDate, pt.birthDate),
    },
    procedure: {
      ...n.procedure,
      templateId: pick(n.procedure.templateId, t?.id),
      blockName: pick(n.procedure.blockName, t?.nomenclature.standardName ?? t?.name),
      side: pick(n.procedure.side, noteSideOf(plan.block.side)),
      level: pick(n.procedure.level, plan.block.level ?? undefined),
      approach: pick(n.procedure.approach, approach?.name),
    },
    preChecks: {
      ...n.preChecks,
      weightKg: pick(n.preChecks.weightKg, pt.weightKg),
      heightCm: pick(n.preChecks.heightCm, pt.heightCm),
      sex: pick(n.preChecks.sex, pt.sex),
    },
    guidance: {
      ...n.guidance,
      // The mode of the needle path the user drew (not the template's).
      needleApproach: pick(n.guidance.needleApproach, plan.needlePaths[0]?.mode),
      structuresIdentified: pick(n.guidance.structuresIdentified, structuresIdentified(plan, t)),
      savedImages: pick(
        n.guidance.savedImages,
        plan.keyFrames.map((k) => {
          const clip = plan.clips.find((c) => c.id === k.clipId);
          return `${clip?.displayName ?? k.clipId}, frame ${k.frameIndex + 1} (${k.tag})`;
        }),
      ),
    },
    doseSettings: { ...n.doseSettings, interscalene: n.doseSettings.interscalene || t?.id === 'interscalene' },
    planned: plannedFromMeasurements(measurements, plan),
  };
  return NoteSchema.parse(out);
}

