/**
 * From a case to a note: prefill and the planned numbers.
 *
 * Prefill never overwrites what the user typed: a derived value fills a field only when the stored
 * note leaves it empty. Two exceptions, both safety-directed: `planned` is always recomputed from the
 * current plan (stale planned numbers must not leave BlockPlan), and the interscalene dose ceiling is
 * switched on whenever the block is interscalene. Template values the reference marks [?] or gives only
 * as a range are not prefilled; they are offered as `suggestions` for the editor.
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

const known = (r: RangeValue): boolean => r.status === 'known' && !r.uncertain;
const single = (r: RangeValue): number | undefined => (known(r) && r.min !== null && r.min === r.max ? r.min : undefined);

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

/** Planned numbers of one measured needle path. Labels name the path when the case has several. */
export function plannedFromPath(path: ClipMeasurements['needlePaths'][number], clipId: string, many: boolean): PlannedMeasurement[] {
  const out: PlannedMeasurement[] = [];
  const suffix = many && path.label ? ` (${path.label})` : '';
  const put = (kind: PlannedMeasurement['kind'], label: string, m: Measurement | null, structure?: string) => {
    if (!m || !Number.isFinite(m.value) || (m.unit !== 'mm' && m.unit !== 'deg' && m.unit !== 'px')) return;
    out.push({
      kind,
      label: `${label}${suffix}`,
      value: m.value,
      unit: m.unit,
      ...(structure ? { structure } : {}),
      ...(m.unit === 'px' ? { uncalibratedReason: m.reason ?? 'not calibrated' } : {}),
      clipId,
      ...(path.frameIndex !== null ? { frameIndex: path.frameIndex } : {}),
      needlePathId: path.id,
    });
  };
  put('target-depth', 'Skin-to-target depth', path.targetDepth);
  put('path-length', 'Needle path length', path.pathLength);
  put('angle-to-skin', 'Needle angle to skin', path.angleToSkin);
  put('angle-to-beam', 'Needle angle to ultrasound beam', path.angleToBeam);
  for (const c of path.clearances) {
    const name = c.label?.trim() || 'at-risk structure';
    put('clearance', `Clearance to ${name}`, c.path.distance, name);
  }
  return out;
}

/** Every planned number of the case, from `measureClip` results (one per clip). */
export function plannedFromMeasurements(measurements: readonly ClipMeasurements[]): PlannedMeasurement[] {
  const total = measurements.reduce((s, m) => s + m.needlePaths.length, 0);
  return measurements.flatMap((m) => m.needlePaths.flatMap((p) => plannedFromPath(p, m.clipId, total > 1)));
}

const MODALITY: Partial<Record<BlockTemplate['guidance']['primary'], Note['guidance']['modality']>> = {
  ultrasound: 'ultrasound',
  fluoroscopy: 'fluoroscopy',
  ct: 'ct',
  landmark: 'landmark',
};

/** Editor hints from the template that are not prefilled (the user chooses). */
export interface NoteSuggestions {
  /** Complications to discuss (template), for the consent checklist. */
  risks: string[];
  positions: string[];
  /** Volume range for a single shot, mL, with [?] flag. */
  volumeMl?: { min: number | null; max: number | null; uncertain: boolean };
  needleGaugeG?: { min: number | null; max: number | null; uncertain: boolean };
  needleLengthMm?: { min: number | null; max: number | null; uncertain: boolean };
  frequencyMHz?: { min: number | null; max: number | null; uncertain: boolean };
  /** Extra items the template says to record. */
  documentation: string[];
  cautions: string[];
}

const rangeHint = (r: RangeValue) => (r.status === 'known' ? { min: r.min, max: r.max, uncertain: r.uncertain } : undefined);

export function noteSuggestions(plan: Case): NoteSuggestions {
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  if (!t) return { risks: [], positions: [], documentation: [], cautions: [] };
  return {
    risks: t.complications.map((c) => c.name),
    positions: t.positions,
    volumeMl: rangeHint(t.volumeMl),
    needleGaugeG: rangeHint(t.needle.gaugeG),
    needleLengthMm: rangeHint(t.needle.lengthMm),
    frequencyMHz: rangeHint(t.probe.frequencyMHz),
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
  const approach = t ? (t.approaches.find((a) => a.id === plan.block.approach) ?? t.approaches.find((a) => a.primary)) : undefined;
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
      modality: pick(n.guidance.modality, t ? MODALITY[t.guidance.primary] : undefined),
      probe: pick(n.guidance.probe, t && t.probe.type !== 'none' ? t.probe.type : undefined),
      frequencyMinMHz: pick(n.guidance.frequencyMinMHz, t && known(t.probe.frequencyMHz) ? (t.probe.frequencyMHz.min ?? undefined) : undefined),
      frequencyMaxMHz: pick(n.guidance.frequencyMaxMHz, t && known(t.probe.frequencyMHz) ? (t.probe.frequencyMHz.max ?? undefined) : undefined),
      needleApproach: pick(
        n.guidance.needleApproach,
        plan.needlePaths[0]?.mode ?? (t?.needle.approach === 'in-plane' || t?.needle.approach === 'out-of-plane' ? t.needle.approach : undefined),
      ),
      needleDirection: pick(n.guidance.needleDirection, t?.needle.direction ?? undefined),
      structuresIdentified: pick(n.guidance.structuresIdentified, structuresIdentified(plan, t)),
      savedImages: pick(
        n.guidance.savedImages,
        plan.keyFrames.map((k) => {
          const clip = plan.clips.find((c) => c.id === k.clipId);
          return `${clip?.displayName ?? k.clipId}, frame ${k.frameIndex + 1} (${k.tag})`;
        }),
      ),
    },
    needle: {
      ...n.needle,
      type: pick(n.needle.type, t?.needle.type ?? undefined),
      gaugeG: pick(n.needle.gaugeG, t ? single(t.needle.gaugeG) : undefined),
      lengthMm: pick(n.needle.lengthMm, t ? single(t.needle.lengthMm) : undefined),
    },
    doseSettings: { ...n.doseSettings, interscalene: n.doseSettings.interscalene || t?.id === 'interscalene' },
    planned: plannedFromMeasurements(measurements),
  };
  return NoteSchema.parse(out);
}

