import { z } from 'zod';

/**
 * Block templates as data.
 *
 * Every clinical number here is transcribed from ../shared/reference/blocks.md (or another cited
 * source) with the source ids beside it. Values the reference marks "[?]" are either left unknown
 * (`status: 'unknown'`, min/max null) or kept with `uncertain: true`, so the UI can show them as such.
 * Source ids (`S1`…`S19`) are the reference's own numbering; see ./sources.ts.
 */

/** A source id from ./sources.ts, e.g. `S3`. */
export const SourceIdSchema = z.string().regex(/^[A-Z][A-Za-z0-9-]*$/, 'a source id such as S3');

/** One bibliographic source with at least one URL. */
export const SourceSchema = z.object({
  id: SourceIdSchema,
  /** Short human citation, e.g. "NYSORA: thoracic paravertebral block". */
  citation: z.string().min(1),
  urls: z.array(z.url()).min(1),
});
export type Source = z.infer<typeof SourceSchema>;

/** Units a template value may carry. */
export const ValueUnitSchema = z.enum(['mm', 'mL', 'MHz', 'G', '%']);
export type ValueUnit = z.infer<typeof ValueUnitSchema>;

/**
 * A clinical range with an explicit status.
 * - `known`: at least one of min/max/typical is a number (a point value has min === max).
 * - `unknown`: the sources give no figure: min/max/typical are null and the UI shows "unknown".
 * - `not-applicable`: the quantity does not apply (e.g. an injectate volume for a stimulator lead).
 * `uncertain` is true when the reference marks the value "[?]" (not confirmed / sources disagree).
 */
export const RangeValueSchema = z
  .object({
    status: z.enum(['known', 'unknown', 'not-applicable']),
    min: z.number().finite().nullable(),
    max: z.number().finite().nullable(),
    /** A typical / median value when the source gives one (e.g. a series median). */
    typical: z.number().finite().nullable(),
    unit: ValueUnitSchema,
    uncertain: z.boolean(),
    /** Context the clinician needs to read the number correctly. */
    note: z.string().optional(),
    sourceIds: z.array(SourceIdSchema),
  })
  .superRefine((v, ctx) => {
    const nums = [v.min, v.max, v.typical].filter((n) => n !== null);
    if (v.status === 'known' && nums.length === 0) ctx.addIssue({ code: 'custom', message: 'a known value needs min, max or typical' });
    if (v.status !== 'known' && nums.length > 0) ctx.addIssue({ code: 'custom', message: `a value marked ${v.status} must have null min/max/typical` });
    if (v.min !== null && v.max !== null && v.min > v.max) ctx.addIssue({ code: 'custom', message: 'min is greater than max' });
    if (v.status === 'known' && v.sourceIds.length === 0) ctx.addIssue({ code: 'custom', message: 'a known value must cite a source' });
  });
export type RangeValue = z.infer<typeof RangeValueSchema>;

/** Role of a structure in the template's vocabulary; annotations reuse these roles. */
export const StructureRoleSchema = z.enum(['target', 'landmark', 'at-risk']);
export type StructureRole = z.infer<typeof StructureRoleSchema>;

/**
 * One named structure the user can label on the image. `why` says why it matters: for a target what
 * the endpoint is, for a landmark how it helps, for an at-risk structure what harm hitting it causes.
 */
export const StructureSchema = z.object({
  /** kebab-case, unique within the template; stored in annotations as `structureId`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  aliases: z.array(z.string()).default([]),
  role: StructureRoleSchema,
  why: z.string().min(1),
  uncertain: z.boolean().default(false),
});
export type Structure = z.infer<typeof StructureSchema>;
export type StructureInput = z.input<typeof StructureSchema>;

export const ProbeTypeSchema = z.enum(['linear', 'curvilinear', 'none']);
export type ProbeType = z.infer<typeof ProbeTypeSchema>;

export const ProbeViewSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
});

export const ProbeSchema = z.object({
  /** Preferred probe; `none` when the block is not ultrasound-guided (e.g. fluoroscopic SCS trial). */
  type: ProbeTypeSchema,
  /** Other probes the sources mention (e.g. curvilinear if deep). */
  alternatives: z.array(z.object({ type: ProbeTypeSchema, when: z.string() })).default([]),
  frequencyMHz: RangeValueSchema,
  views: z.array(ProbeViewSchema),
});

export const NeedleApproachSchema = z.enum(['in-plane', 'out-of-plane', 'in-plane-or-out-of-plane', 'not-applicable']);
export type NeedleApproach = z.infer<typeof NeedleApproachSchema>;

export const NeedleDefaultsSchema = z.object({
  /** Needle type as the source names it, e.g. "Tuohy or short-bevel". */
  type: z.string().nullable(),
  gaugeG: RangeValueSchema,
  lengthMm: RangeValueSchema,
  approach: NeedleApproachSchema,
  /** Direction of advance, e.g. "lateral to medial"; null when the sources give none. */
  direction: z.string().nullable(),
  note: z.string().optional(),
});
export type NeedleDefaults = z.infer<typeof NeedleDefaultsSchema>;

export const ComplicationSchema = z.object({
  name: z.string().min(1),
  /** Incidence in percent when the source gives one; null otherwise. */
  ratePercent: z.number().min(0).max(100).nullable(),
  /** Population / study the rate comes from, and caveats. */
  note: z.string().optional(),
  uncertain: z.boolean().default(false),
  sourceIds: z.array(SourceIdSchema),
});
export type Complication = z.infer<typeof ComplicationSchema>;

export const GuidanceModalitySchema = z.enum(['ultrasound', 'fluoroscopy', 'ct', 'eus', 'landmark', 'surgical']);
export type GuidanceModality = z.infer<typeof GuidanceModalitySchema>;

export const ApproachSchema = z.object({
  /** kebab-case id stored in a case as `block.approach`. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  name: z.string().min(1),
  summary: z.string().min(1),
  guidance: z.array(GuidanceModalitySchema).min(1),
  /** True for the approach this template's vocabulary, needle and probe data describe. */
  primary: z.boolean(),
});
export type Approach = z.infer<typeof ApproachSchema>;

export const NomenclatureSchema = z.object({
  /** Name per ASRA-ESRA consensus where one exists, else the name in common use. */
  standardName: z.string().min(1),
  /**
   * Which consensus the name comes from: the 2021 trunk (RAPM 46:571) or 2024 limb (RAPM 49:782)
   * ASRA-ESRA documents, or `outside-consensus` for blocks neither list covers.
   */
  consensus: z.enum(['asra-esra-2021-trunk', 'asra-esra-2024-limb', 'outside-consensus']),
  /** True when the exact consensus wording was not retrieved (blocks.md "[?]"). */
  wordingUncertain: z.boolean(),
  note: z.string().optional(),
});

export const SideSchema = z.enum(['left', 'right', 'bilateral', 'midline']);

/** An inline citation in free text: "[S3]" or "[S3, S5]" (ids of the template's sources). */
export const CITATION_MARKER = /\[(S\d+(?:\s*,\s*S\d+)*)\]/g;
/** Keys whose strings are names, identifiers or bibliography, not clinical statements. */
const NAME_KEYS = new Set(['id', 'name', 'aliases', 'standardName', 'consensus', 'sources', 'sourceIds']);

/**
 * Every free-text string of a template that states a number (a digit: a dose, depth, percentage,
 * vertebral level…) must cite a source like a structured value does: either it sits in an object
 * with `sourceIds` (a value's or a complication's note), or it carries an inline marker "[S3]".
 * Returns the offending paths and the marker ids cited (to check them against the sources).
 */
export function uncitedNumbers(template: unknown): { uncited: string[]; cited: string[] } {
  const uncited: string[] = [];
  const cited: string[] = [];
  const walk = (v: unknown, path: string, hasSources: boolean): void => {
    if (typeof v === 'string') {
      const ids = [...v.matchAll(CITATION_MARKER)].flatMap((m) => m[1]!.split(/\s*,\s*/));
      cited.push(...ids);
      if (/\d/.test(v.replace(CITATION_MARKER, '')) && !hasSources && ids.length === 0) uncited.push(`${path}: "${v}"`);
      return;
    }
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${path}[${i}]`, hasSources));
    if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      const own = Array.isArray(o.sourceIds) && o.sourceIds.length > 0;
      for (const [k, x] of Object.entries(o)) if (!NAME_KEYS.has(k)) walk(x, path ? `${path}.${k}` : k, own);
    }
  };
  walk(template, '', false);
  return { uncited, cited };
}

export const BlockTemplateSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    /** Display name for the picker. */
    name: z.string().min(1),
    nomenclature: NomenclatureSchema,
    aliases: z.array(z.string()),
    /** Group for the picker. */
    category: z.enum(['paraspinal', 'abdominal-wall', 'upper-limb', 'lower-limb', 'sympathetic', 'neuromodulation', 'chronic-pain']),
    indications: z.array(z.string()).min(1),
    positions: z.array(z.string()).min(1),
    /** Sides the block is done on; `midline` for midline blocks such as the ganglion impar. */
    sides: z.array(SideSchema).min(1),
    /** Suggested level(s) to record, free text (e.g. "T1–T12"), or null. */
    levelHint: z.string().nullable(),
    guidance: z.object({
      /** How the block this template describes is guided. The SCS trial is fluoroscopic. */
      primary: GuidanceModalitySchema,
      alternatives: z.array(GuidanceModalitySchema),
      note: z.string().optional(),
    }),
    probe: ProbeSchema,
    approaches: z.array(ApproachSchema).min(1),
    structures: z.array(StructureSchema).min(1),
    /** What the user aims for and the sign the block worked, in words. */
    targetDescription: z.string().min(1),
    endpoint: z.string().nullable(),
    needle: NeedleDefaultsSchema,
    /** Volume per injection site (per side for a bilateral block). */
    volumeMl: RangeValueSchema,
    /**
     * Injection sites per side that `volumeMl` applies to (e.g. 3 for the genicular block's
     * superomedial, superolateral and inferomedial sites). The planned-dose check multiplies by it.
     */
    injectionSites: z.number().int().positive().default(1),
    injectateNote: z.string().optional(),
    depthMm: RangeValueSchema,
    complications: z.array(ComplicationSchema).min(1),
    /** Extra items to record in the note (beyond the complications), e.g. levels covered. */
    documentation: z.array(z.string()).default([]),
    /** Cautions and contraindication flags the card shows prominently. */
    cautions: z.array(z.string()).default([]),
    sources: z.array(SourceSchema).min(1),
  })
  .superRefine((t, ctx) => {
    const ids = new Set<string>();
    for (const s of t.structures) {
      if (ids.has(s.id)) ctx.addIssue({ code: 'custom', message: `duplicate structure id ${s.id}`, path: ['structures'] });
      ids.add(s.id);
    }
    if (!t.structures.some((s) => s.role === 'target')) ctx.addIssue({ code: 'custom', message: 'needs at least one target', path: ['structures'] });
    if (!t.structures.some((s) => s.role === 'at-risk')) ctx.addIssue({ code: 'custom', message: 'needs at least one at-risk structure', path: ['structures'] });
    if (t.approaches.filter((a) => a.primary).length !== 1) ctx.addIssue({ code: 'custom', message: 'exactly one primary approach', path: ['approaches'] });
    // Every source id cited by a value must be listed in the template's sources.
    const listed = new Set(t.sources.map((s) => s.id));
    const cited = [
      ...t.probe.frequencyMHz.sourceIds,
      ...t.needle.gaugeG.sourceIds,
      ...t.needle.lengthMm.sourceIds,
      ...t.volumeMl.sourceIds,
      ...t.depthMm.sourceIds,
      ...t.complications.flatMap((c) => c.sourceIds),
    ];
    for (const id of cited) if (!listed.has(id)) ctx.addIssue({ code: 'custom', message: `cites ${id} which is not in sources`, path: ['sources'] });
    // Numbers in free text cite a source too (issue 11 item 8).
    const text = uncitedNumbers(t);
    for (const u of text.uncited) ctx.addIssue({ code: 'custom', message: `a number in free text cites no source (add "[S…]"): ${u}` });
    for (const id of text.cited) if (!listed.has(id)) ctx.addIssue({ code: 'custom', message: `text cites ${id} which is not in sources`, path: ['sources'] });
  });
/** A block template as parsed (defaults applied). */
export type BlockTemplate = z.infer<typeof BlockTemplateSchema>;
/** A block template as written in the data files (defaults optional). */
export type BlockTemplateInput = z.input<typeof BlockTemplateSchema>;
