/**
 * The rehearsal a teaching case asks for, resolved: the case's `teaching.rehearsal` settings over
 * defaults derived from the expert plan. Any case with a plan resolves to a rehearsal (the sample
 * cases out of the box); settings that name something the case does not have are ignored and listed
 * in `problems` so the Teaching panel can show them.
 */
import { getBlockTemplate, type BlockTemplate } from '../blocks/index';
import type { Annotation, Case } from '../plan/schema';
import { REHEARSAL_TASK_IDS, type BlockDetailItem, type RehearsalSettings, type RehearsalTaskId } from './schema';
import { REHEARSAL_DEFAULTS, type ToleranceKey } from './sources';

/** Every tolerance as a number (units in the names, see ./schema.ts). */
export type ResolvedTolerances = Record<ToleranceKey, number>;

/** A structure the trainee is asked to identify: an expert annotation with its explanation. */
export interface AskedStructure {
  annotationId: string;
  /** Shown to the trainee: the annotation's label, else the template's structure name. */
  name: string;
  role: Annotation['role'];
  structureId: string | null;
  explanation: string;
  explanationSource: 'educator' | 'template' | 'annotation' | 'none';
}

export interface ResolvedTask {
  id: RehearsalTaskId;
  /** Points for the task. */
  weight: number;
  /** The explanation of the step shown in the feedback. */
  explanation: string;
}

export interface ResolvedRehearsal {
  /** True when the case is a teaching case (has a `teaching` section); any case can still be rehearsed. */
  teaching: boolean;
  title: string;
  /** The clip the rehearsal is on: the expert's target key frame's, else the needle path's, else the first. */
  clipId: string | null;
  tasks: ResolvedTask[];
  /** The expert's answer to "find the view": the target key frame. */
  view: { keyFrameId: string; frameIndex: number } | null;
  structures: AskedStructure[];
  /** The expert's needle path on the rehearsal clip. */
  needlePathId: string | null;
  blockDetails: BlockDetailItem[];
  tolerances: ResolvedTolerances;
  /** Per at-risk annotation id, an educator's critical margin, mm. */
  margins: Record<string, number>;
  passPercent: number;
  criticalCapPercent: number;
  hide: { annotations: boolean; needlePaths: boolean; keyFrames: boolean; block: boolean };
  /** Expert annotation ids shown before submitting. */
  hints: string[];
  learningObjectives: string[];
  /** Settings that refer to something the case does not have (ignored). */
  problems: string[];
}

/** Default tolerances as plain numbers. */
export function defaultTolerances(): ResolvedTolerances {
  const out = {} as ResolvedTolerances;
  for (const [k, v] of Object.entries(REHEARSAL_DEFAULTS.tolerances)) out[k as ToleranceKey] = v.value;
  return out;
}

function rehearsalClipId(plan: Case): string | null {
  const target = plan.keyFrames.find((k) => k.tag === 'target');
  if (target) return target.clipId;
  return plan.needlePaths[0]?.clipId ?? plan.clips[0]?.id ?? null;
}

/** The name a trainee sees for an expert annotation. */
export function structureName(a: Pick<Annotation, 'label' | 'structureId' | 'id'>, template: BlockTemplate | undefined): string {
  if (a.label.trim()) return a.label.trim();
  const s = a.structureId ? template?.structures.find((x) => x.id === a.structureId) : undefined;
  return s?.name ?? a.id;
}

/** Targets, at-risk structures and landmarks named in the template, on the rehearsal clip (never the skin line). */
function defaultStructures(candidates: Annotation[], template: BlockTemplate | undefined): Annotation[] {
  return candidates.filter((a) => a.role === 'target' || a.role === 'at-risk' || (a.role === 'landmark' && a.structureId !== null && template?.structures.some((s) => s.id === a.structureId)));
}

function defaultBlockDetails(plan: Case, template: BlockTemplate | undefined): BlockDetailItem[] {
  const out: BlockDetailItem[] = [];
  if (plan.block.side !== null && (template?.sides.length ?? 0) > 1) out.push('side');
  if (plan.block.approach !== null && (template?.approaches.length ?? 0) > 1) out.push('approach');
  const d = plan.rehearsal?.blockDetails;
  if (d?.needleGaugeG !== undefined || d?.needleLengthMm !== undefined) out.push('needle');
  if (d?.volumeMl !== undefined) out.push('volume');
  return out;
}

/** Whether the expert case states the answer to a block-detail item. */
function canAnswerDetail(plan: Case, item: BlockDetailItem): boolean {
  const d = plan.rehearsal?.blockDetails;
  switch (item) {
    case 'side':
      return plan.block.side !== null;
    case 'approach':
      return plan.block.templateId !== null;
    case 'needle':
      return d?.needleGaugeG !== undefined || d?.needleLengthMm !== undefined;
    case 'volume':
      return d?.volumeMl !== undefined;
  }
}

function stepExplanation(id: RehearsalTaskId, plan: Case, template: BlockTemplate | undefined, viewText: string): string {
  switch (id) {
    case 'find-view':
      return viewText || template?.probe.views[0]?.description || '';
    case 'identify-structures':
      return template ? `Target: ${template.targetDescription}` : '';
    case 'plan-needle': {
      if (!template) return '';
      const dir = template.needle.direction ? ` Direction: ${template.needle.direction}.` : '';
      return `${template.targetDescription}${dir}`;
    }
    case 'block-details': {
      const approach = template?.approaches.find((a) => (plan.block.approach ? a.id === plan.block.approach : a.primary));
      return approach ? `${approach.name}: ${approach.summary}` : '';
    }
  }
}

const list = (xs: string[]) => (xs.length <= 1 ? (xs[0] ?? '') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`);

function defaultObjectives(r: Omit<ResolvedRehearsal, 'learningObjectives'>, plan: Case, template: BlockTemplate | undefined): string[] {
  const out: string[] = [];
  const names = (role: Annotation['role']) => r.structures.filter((s) => s.role === role).map((s) => s.name);
  const targets = names('target');
  const atRisk = names('at-risk');
  for (const t of r.tasks) {
    if (t.id === 'find-view') out.push(`Find the frame that shows ${targets.length ? list(targets) : 'the target'} best.`);
    if (t.id === 'identify-structures') out.push(`Identify ${list(r.structures.map((s) => s.name))} on the clip.`);
    if (t.id === 'plan-needle') {
      const path = plan.needlePaths.find((n) => n.id === r.needlePathId);
      out.push(`Plan ${path?.mode === 'out-of-plane' ? 'an out-of-plane' : 'an in-plane'} needle path to ${targets.length ? list(targets) : 'the target'}${atRisk.length ? ` that stays clear of ${list(atRisk)}` : ''}.`);
    }
    if (t.id === 'block-details') out.push(`Choose the ${list(r.blockDetails.map((d) => (d === 'needle' ? 'needle' : d === 'volume' ? 'volume' : d)))}${template ? ` for a ${template.name.toLowerCase()}` : ''}.`);
  }
  return out;
}

/** Resolve the rehearsal of a case: its settings over the defaults derived from its plan. */
export function resolveRehearsal(plan: Case): ResolvedRehearsal {
  const s: RehearsalSettings = plan.teaching?.rehearsal ?? {};
  const template = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const problems: string[] = [];
  const clipId = rehearsalClipId(plan);
  const onClip = plan.annotations.filter((a) => a.clipId === clipId && a.role !== 'skin');

  const key = plan.keyFrames.find((k) => k.tag === 'target' && k.clipId === clipId);
  const view = key ? { keyFrameId: key.id, frameIndex: key.frameIndex } : null;

  let asked: Annotation[];
  if (s.structures) {
    asked = [];
    for (const id of s.structures) {
      const a = onClip.find((x) => x.id === id);
      if (a) asked.push(a);
      else problems.push(`Structure “${id}” is not an annotation on the rehearsal clip; it is not asked.`);
    }
  } else asked = defaultStructures(onClip, template);
  const structures: AskedStructure[] = asked.map((a) => {
    const educator = s.explanations?.structures?.[a.id];
    const fromTemplate = a.structureId ? template?.structures.find((x) => x.id === a.structureId)?.why : undefined;
    const [explanation, explanationSource]: [string, AskedStructure['explanationSource']] = educator
      ? [educator, 'educator']
      : fromTemplate
        ? [fromTemplate, 'template']
        : a.text
          ? [a.text, 'annotation']
          : ['', 'none'];
    return { annotationId: a.id, name: structureName(a, template), role: a.role, structureId: a.structureId, explanation, explanationSource };
  });

  const needle = plan.needlePaths.find((n) => n.clipId === clipId) ?? null;

  let blockDetails: BlockDetailItem[];
  if (s.blockDetails) {
    blockDetails = s.blockDetails.filter((d) => {
      const can = canAnswerDetail(plan, d);
      if (!can) problems.push(`Block detail “${d}” is asked but the expert case does not state it; it is not asked.`);
      return can;
    });
  } else blockDetails = defaultBlockDetails(plan, template);

  const answerable: Record<RehearsalTaskId, boolean> = {
    'find-view': view !== null,
    'identify-structures': structures.length > 0,
    'plan-needle': needle !== null,
    'block-details': blockDetails.length > 0,
  };
  const wanted = s.tasks ?? REHEARSAL_TASK_IDS.filter((t) => answerable[t]);
  const tasks: ResolvedTask[] = [];
  for (const id of wanted) {
    if (!answerable[id]) {
      problems.push(`Task “${id}” is asked but the expert plan has no answer for it; it is not asked.`);
      continue;
    }
    if (tasks.some((t) => t.id === id)) continue;
    tasks.push({ id, weight: s.weights?.[id] ?? REHEARSAL_DEFAULTS.weights[id].value, explanation: s.explanations?.steps?.[id] ?? stepExplanation(id, plan, template, key?.text ?? '') });
  }

  const margins: Record<string, number> = {};
  for (const [id, mm] of Object.entries(s.margins ?? {})) {
    if (onClip.some((a) => a.id === id && a.role === 'at-risk')) margins[id] = mm;
    else problems.push(`A margin is set for “${id}”, which is not an at-risk structure on the rehearsal clip; it is ignored.`);
  }
  const skin = plan.annotations.filter((a) => a.clipId === clipId && a.role === 'skin').map((a) => a.id);
  const base = {
    teaching: plan.teaching !== undefined,
    title: plan.teaching?.title ?? plan.title,
    clipId,
    tasks,
    view,
    structures,
    needlePathId: needle?.id ?? null,
    blockDetails,
    tolerances: { ...defaultTolerances(), ...s.tolerances },
    margins,
    passPercent: s.passPercent ?? REHEARSAL_DEFAULTS.passPercent.value,
    criticalCapPercent: s.criticalCapPercent ?? REHEARSAL_DEFAULTS.criticalCapPercent.value,
    hide: { annotations: true, needlePaths: true, keyFrames: true, block: true, ...s.hide },
    hints: s.hints ?? skin,
    problems,
  };
  const objectives = plan.teaching?.learningObjectives ?? [];
  return { ...base, learningObjectives: objectives.length ? objectives : defaultObjectives(base, plan, template) };
}
