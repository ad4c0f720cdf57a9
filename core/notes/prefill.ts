import { getBlockTemplate, type BlockTemplate, type RangeValue } from '../blocks/index';
import type { Measurement } from '../geometry/index';
import type { Annotation, Case, ClipMeasurements, NeedlePath } from '../plan/index';
import type { Result } from '../result';
import { buildNoteDocument, type NoteDocument, type SourceInstance } from './document';
import { OVERLAY_COLORS, type KeyImage, type OverlayShape, type Px, type Rgba } from './keyimages';
import type { CaseSide, LateralityContext } from './sbyb';
import { NoteSchema, type Note, type NoteSide, type PlannedMeasurement } from './schema';
import { formatNumber } from './doseCalc';

/**
 * From a case to a note: prefill, planned numbers, key-image overlays and the laterality the Stop
 * Before You Block check compares against.
 *
 * Prefill never overwrites what the user typed: a derived value fills a field only when the stored
 * note leaves it empty. Two exceptions, both safety-directed: `planned` is always recomputed from the
 * current plan (stale planned numbers must not leave BlockPlan), and the interscalene dose ceiling is
 * switched on whenever the block is interscalene. Template values the reference marks [?] or gives only
 * as a range are not prefilled; they are offered as `suggestions` for the editor.
 */

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

/** Side named in a label as a whole word ("Right phrenic nerve" → right); undefined when none or both. */
export function sideInLabel(label: string): CaseSide | undefined {
  const l = /\bleft\b/i.test(label);
  const r = /\bright\b/i.test(label);
  return l === r ? undefined : l ? 'left' : 'right';
}

/**
 * What Stop Before You Block compares the confirmed side with: the block side, the sides named in
 * annotation labels, and each clip's DICOM Laterality / Image Laterality when the caller read it
 * (`clipLaterality`: clip id → 'L' | 'R' | 'B' | 'U' or empty, as stored in (0020,0060)/(0020,0062)).
 */
export function lateralityOf(plan: Case, clipLaterality: ReadonlyMap<string, string | undefined> = new Map()): LateralityContext {
  const dicomSide = (v: string | undefined): CaseSide | undefined => (v === 'L' ? 'left' : v === 'R' ? 'right' : v === 'B' ? 'bilateral' : undefined);
  return {
    blockSide: plan.block.side ?? undefined,
    annotations: plan.annotations.map((a) => ({ id: a.id, label: a.label || a.structureId || a.id, side: sideInLabel(`${a.label}`) })),
    clips: plan.clips.map((c) => ({ id: c.id, label: c.displayName, side: dicomSide(clipLaterality.get(c.id)?.trim().toUpperCase()) })),
  };
}

/** One key image to render: which frame, what to draw on it, and its caption. */
export interface KeyImageRequest {
  clipId: string;
  frameIndex: number;
  caption: string;
  shapes: OverlayShape[];
}

const ROLE_COLOR: Record<Annotation['role'], Rgba> = {
  target: OVERLAY_COLORS.target,
  'at-risk': OVERLAY_COLORS['at-risk'],
  landmark: OVERLAY_COLORS.landmark,
  skin: OVERLAY_COLORS.other,
};

/** Overlay shapes for an annotation (image px). */
export function annotationShapes(a: Annotation): OverlayShape[] {
  const color = ROLE_COLOR[a.role];
  const p = a.points;
  const shapes: OverlayShape[] = [];
  switch (a.kind) {
    case 'point':
      shapes.push({ kind: 'point', at: p[0]!, color });
      break;
    case 'line':
      shapes.push({ kind: 'line', a: p[0]!, b: p[1]!, color });
      break;
    case 'arrow':
      shapes.push({ kind: 'arrow', from: p[0]!, to: p[1]!, color });
      break;
    case 'polyline':
      shapes.push({ kind: 'polyline', points: p, closed: a.closed, color, ...(a.closed ? { fill: [color[0], color[1], color[2], 50] as Rgba } : {}) });
      break;
    case 'contour':
      shapes.push({ kind: 'polyline', points: p, closed: true, color, fill: [color[0], color[1], color[2], 50] });
      break;
    case 'ellipse': {
      if (p.length === 2) {
        const [c0, c1] = [p[0]!, p[1]!];
        shapes.push({ kind: 'ellipse', center: { x: (c0.x + c1.x) / 2, y: (c0.y + c1.y) / 2 }, rx: Math.abs(c1.x - c0.x) / 2, ry: Math.abs(c1.y - c0.y) / 2, color });
      } else {
        const [c, a1, a2] = [p[0]!, p[1]!, p[2]!];
        shapes.push({
          kind: 'ellipse',
          center: c,
          rx: Math.hypot(a1.x - c.x, a1.y - c.y),
          ry: Math.hypot(a2.x - c.x, a2.y - c.y),
          rotationDeg: (Math.atan2(a1.y - c.y, a1.x - c.x) * 180) / Math.PI,
          color,
        });
      }
      break;
    }
  }
  const text = a.label.trim();
  if (text) {
    const maxX = Math.max(...p.map((q) => q.x));
    const minY = Math.min(...p.map((q) => q.y));
    shapes.push({ kind: 'label', at: { x: maxX + 4, y: minY }, text, color, anchor: 'bottom-left' });
  }
  return shapes;
}

const mText = (m: Measurement | null, decimals = 1): string | undefined =>
  m && Number.isFinite(m.value) ? `${formatNumber(m.value, decimals)}${m.unit === 'deg' ? '°' : ` ${m.unit}`}` : undefined;

/** Overlay shapes for a measured needle path: the path as an arrow, its numbers, and clearance lines. */
export function needleShapes(path: NeedlePath, measured?: ClipMeasurements['needlePaths'][number]): OverlayShape[] {
  const shapes: OverlayShape[] = [{ kind: 'arrow', from: path.entry, to: path.target, color: OVERLAY_COLORS.needle }];
  if (!measured) return shapes;
  for (const c of measured.clearances) {
    const d = mText(c.path.distance);
    if (!d) continue;
    const a: Px = c.path.nearestOnPathPx;
    const b: Px = c.path.nearestOnStructurePx;
    shapes.push({ kind: 'line', a, b, color: OVERLAY_COLORS.measurement, widthPx: 1 });
    shapes.push({ kind: 'label', at: { x: (a.x + b.x) / 2 + 3, y: (a.y + b.y) / 2 }, text: d, color: OVERLAY_COLORS.measurement });
  }
  const lines = [
    path.label.trim() ? `${path.label.trim()} (planned)` : 'Planned needle path',
    mText(measured.targetDepth) ? `depth ${mText(measured.targetDepth)}` : '',
    mText(measured.pathLength) ? `path ${mText(measured.pathLength)}` : '',
    mText(measured.angleToSkin, 0) ? `angle to skin ${mText(measured.angleToSkin, 0)}` : '',
  ].filter(Boolean);
  shapes.push({ kind: 'label', at: { x: path.target.x + 8, y: path.target.y + 8 }, text: lines.join('\n'), color: OVERLAY_COLORS.needle });
  return shapes;
}

/**
 * The key images of a case: each key frame, or — when there are none — the frame of each needle path
 * (frame 0 for a path on every frame), with the annotations and needle paths on that frame.
 */
export function keyImageRequests(plan: Case, measurements: readonly ClipMeasurements[] = []): KeyImageRequest[] {
  const frames: { clipId: string; frameIndex: number; caption?: string }[] = plan.keyFrames.map((k) => ({ clipId: k.clipId, frameIndex: k.frameIndex, caption: `${k.tag.replace('-', ' ')}${k.text ? `: ${k.text}` : ''}` }));
  if (frames.length === 0) {
    for (const p of plan.needlePaths) {
      const f = p.frameIndex ?? 0;
      if (!frames.some((x) => x.clipId === p.clipId && x.frameIndex === f)) frames.push({ clipId: p.clipId, frameIndex: f });
    }
  }
  return frames.map(({ clipId, frameIndex, caption }) => {
    const clip = plan.clips.find((c) => c.id === clipId);
    const measured = measurements.find((m) => m.clipId === clipId);
    const shapes: OverlayShape[] = [];
    for (const a of plan.annotations) {
      if (a.clipId !== clipId || !a.visible || (a.frameIndex !== null && a.frameIndex !== frameIndex)) continue;
      shapes.push(...annotationShapes(a));
    }
    for (const p of plan.needlePaths) {
      if (p.clipId !== clipId || (p.frameIndex !== null && p.frameIndex !== frameIndex)) continue;
      shapes.push(...needleShapes(p, measured?.needlePaths.find((m) => m.id === p.id)));
    }
    return { clipId, frameIndex, caption: `${clip?.displayName ?? clipId}, frame ${frameIndex + 1}${caption ? ` — ${caption}` : ''}`, shapes };
  });
}

/** Inputs to `caseNoteDocument`: what the caller read or decoded (Node CLI or browser). */
export interface CaseNoteInputs {
  plan: Case;
  /** `measureClip` per clip (needs each clip's file calibration). */
  measurements: readonly ClipMeasurements[];
  /** Key images already rendered (`renderKeyImage` on the decoded frames of `keyImageRequests`). */
  keyImages: KeyImage[];
  /** DICOM identity of the clips, read from their headers. */
  sources: SourceInstance[];
  generatedAt: string;
  app: { name: string; version: string };
}

/** The note document of a case: prefilled note, dose summary, key images, sources and references. */
export function caseNoteDocument(input: CaseNoteInputs): Result<NoteDocument> {
  const t = input.plan.block.templateId ? getBlockTemplate(input.plan.block.templateId) : undefined;
  return buildNoteDocument({
    note: prefillNote(input.plan, input.measurements),
    keyImages: input.keyImages,
    sources: input.sources,
    references: [...(t?.sources ?? []).map((s) => ({ id: s.id, citation: s.citation, urls: s.urls }))],
    caseId: input.plan.id,
    caseTitle: input.plan.title,
    generatedAt: input.generatedAt,
    app: input.app,
  });
}
