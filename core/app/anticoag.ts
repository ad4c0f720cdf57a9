/**
 * Workflow: the pre-block anticoagulation check (issue 17). `blockplan anticoag` and the plan panel's
 * "Antithrombotic drug" section both call `checkAnticoagulation`, so they show the same figures from
 * the same sources; `decisionRecord` turns what was shown plus the clinician's decision into the
 * note's record, and `followUpChecksForNote` the suggested checks the user chose into note entries.
 * Guidance, never a gate: nothing here refuses a block, and nothing is written into the note unless
 * the user records it.
 */
import { getBlockTemplate } from '../blocks/index';
import { anticoagAdvice, findDrug, GUIDELINE_IDS, GUIDELINES, placeText, REGIMENS, type Advice, type FollowUpSuggestion, type Regimen } from '../anticoag/index';
import type { AnticoagDecision, FollowUpCheck } from '../notes/anticoagSchema';
import { err, ok, type Result } from '../result';

/** The check as typed: names and ISO text, as the CLI flags and the panel's fields give them. */
export interface AnticoagRequest {
  blockId: string;
  drug: string;
  regimen?: string;
  /** ISO 8601; without an offset it is read as local time. */
  lastDose?: string;
  /** Creatinine clearance, mL/min. */
  crclMlMin?: number;
  plannedAt?: string;
}

export interface AnticoagCheck {
  advice: Advice;
  blockName: string;
  /** ISO 8601 UTC, or null. */
  earliestBlockAt: string | null;
}

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/;

function time(label: string, text: string | undefined): Result<number | undefined> {
  if (text === undefined || text.trim() === '') return ok(undefined);
  const t = text.trim();
  const ms = ISO.test(t) ? Date.parse(t) : Number.NaN;
  if (Number.isNaN(ms)) return err({ code: 'anticoag/bad-time', title: `The ${label} “${t}” is not a date and time.`, action: 'Enter it as YYYY-MM-DDTHH:MM (local time) or with an offset, e.g. 2026-12-01T08:00:00Z.' });
  return ok(ms);
}

/** Checks the request and computes the advice; a bad block, drug, regimen, time or CrCl is an error naming it. */
export function checkAnticoagulation(req: AnticoagRequest): Result<AnticoagCheck> {
  const t = getBlockTemplate(req.blockId);
  if (!t) return err({ code: 'anticoag/unknown-block', title: `No block template “${req.blockId}”.`, action: 'Use a template id, e.g. thoracic-paravertebral (blockplan samples lists the sample cases).' });
  const drug = findDrug(req.drug);
  if (!drug) return err({ code: 'anticoag/unknown-drug', title: `BlockPlan does not know the drug “${req.drug}”.`, action: 'Use a generic name, e.g. apixaban, clopidogrel, enoxaparin, warfarin.' });
  let regimen: Regimen | undefined;
  if (req.regimen !== undefined && req.regimen.trim() !== '') {
    const r = req.regimen.trim().toLowerCase().replace(/^(therapeutic|high)$/, 'treatment').replace(/^(low|prophylaxis)$/, 'prophylactic');
    if (!(REGIMENS as readonly string[]).includes(r) || (r !== 'any' && !drug.regimens.includes(r as Regimen))) {
      return err({ code: 'anticoag/bad-regimen', title: `“${req.regimen}” is not a regimen of ${drug.name}.`, action: `Use ${drug.regimens.join(' or ')}.` });
    }
    regimen = r as Regimen;
  }
  if (req.crclMlMin !== undefined && !(Number.isFinite(req.crclMlMin) && req.crclMlMin >= 0 && req.crclMlMin <= 400)) {
    return err({ code: 'anticoag/bad-crcl', title: `A creatinine clearance of ${req.crclMlMin} mL/min is not plausible.`, action: 'Enter it in mL/min (0–400).' });
  }
  const last = time('last dose', req.lastDose);
  if (!last.ok) return last;
  const planned = time('planned time', req.plannedAt);
  if (!planned.ok) return planned;
  const advice = anticoagAdvice({ templateId: t.id, drug: drug.id, regimen, lastDoseMs: last.value, crclMlMin: req.crclMlMin, plannedMs: planned.value });
  return ok({ advice, blockName: t.name, earliestBlockAt: advice.earliestBlockMs === null ? null : new Date(advice.earliestBlockMs).toISOString() });
}

/**
 * The restart line the plan panel and the CLI show, with its source beside the figure: the longest
 * restart interval in hours; else the governing source's words (e.g. a label's "as soon as hemostasis
 * is achieved"); else that no figure was confirmed.
 */
export function restartSummary(a: Advice): string {
  if (a.restartAfterHours !== null) return `not before ${a.restartAfterHours} h after the block or catheter removal (${a.restartSource})`;
  const g = a.governing;
  if (g && g.restartText && g.restartText !== 'not confirmed') return `“${g.restartText}” (${g.restartSource})`;
  return 'no confirmed figure — check the guideline';
}

/** The JSON `blockplan anticoag --json` prints (and the panel's test compares with). */
export function anticoagJson(c: AnticoagCheck) {
  const a = c.advice;
  return {
    block: { id: a.input.templateId, name: c.blockName },
    drug: { id: a.input.drug, name: a.drugName, regimen: a.regimen },
    riskClass: a.classifications.map((k) => ({ guideline: GUIDELINES[k.guideline].short, class: k.riskClass, basis: k.basis, statement: k.statement })),
    earliestBlockAt: c.earliestBlockAt,
    intervalHours: a.intervalHours,
    intervalSource: a.governing ? a.governing.source : null,
    plannedMeets: a.plannedMeets,
    restartAfterHours: a.restartAfterHours,
    restartSource: a.restartSource,
    sourcesDiffer: a.sourcesDiffer,
    guidelines: a.rows.map((r) => ({
      guideline: GUIDELINES[r.guideline].short,
      kind: r.kind,
      intervalHours: r.intervalHours,
      interval: r.intervalText || null,
      restartAfterHours: r.restartAfterHours,
      restart: r.restartText || null,
      restartSource: r.restartText ? r.restartSource : null,
      lab: r.lab ?? null,
      source: r.source,
      message: r.message,
    })),
    notes: a.notes,
    sources: [...GUIDELINE_IDS, ...a.rows.map((r) => r.guideline).filter((g) => !(GUIDELINE_IDS as readonly string[]).includes(g))].map((g) => ({
      id: g,
      citation: GUIDELINES[g].citation,
      url: GUIDELINES[g].url,
      confirmedFrom: GUIDELINES[g].confirmedFrom,
    })),
  };
}

/** What the note records: a copy of what was shown, and the clinician's decision (never made for them). */
export function decisionRecord(
  c: AnticoagCheck,
  req: AnticoagRequest,
  d: { decision: AnticoagDecision['decision']; reason?: string; alternativeBlock?: string; decidedAt: string; decidedBy?: string },
): AnticoagDecision {
  const a = c.advice;
  const sources = [
    ...new Set(a.rows.filter((r) => r.rule || r.classification.basis !== 'none').flatMap((r) => [placeText(r.rule ?? r.classification), ...(r.rule && r.restartText ? [r.restartSource] : [])])),
  ];
  return {
    drugId: a.input.drug,
    drugName: a.drugName,
    regimen: a.regimen,
    // Stored in UTC with its zone (a datetime typed without an offset was read as local time).
    ...(a.input.lastDoseMs !== undefined ? { lastDose: new Date(a.input.lastDoseMs).toISOString() } : {}),
    ...(a.input.plannedMs !== undefined ? { plannedAt: new Date(a.input.plannedMs).toISOString() } : {}),
    ...(req.crclMlMin !== undefined ? { crclMlMin: req.crclMlMin } : {}),
    shown: {
      riskClass: a.riskClassText,
      ...(c.earliestBlockAt ? { earliestBlockAt: c.earliestBlockAt } : {}),
      ...(a.intervalHours !== null ? { intervalHours: a.intervalHours } : {}),
      ...(a.governing ? { intervalSource: a.governing.source } : {}),
      ...(a.restartAfterHours !== null ? { restartAfterHours: a.restartAfterHours } : {}),
      restart: restartSummary(a),
      ...(a.plannedMeets !== null ? { plannedMeets: a.plannedMeets } : {}),
      lines: [...a.rows.map((r) => r.message), ...a.notes].slice(0, 20),
      sources: sources.length ? sources : ['no guideline classification'],
    },
    decision: d.decision,
    ...(d.reason?.trim() ? { reason: d.reason.trim() } : {}),
    ...(d.alternativeBlock?.trim() ? { alternativeBlock: d.alternativeBlock.trim() } : {}),
    decidedAt: d.decidedAt,
    ...(d.decidedBy?.trim() ? { decidedBy: d.decidedBy.trim() } : {}),
  };
}

/** Note entries for the suggestions the user chose; a due time only where the source gives one and the block time is known. */
export function followUpChecksForNote(chosen: readonly FollowUpSuggestion[], blockAtIso: string | undefined): FollowUpCheck[] {
  const base = blockAtIso ? Date.parse(blockAtIso) : Number.NaN;
  return chosen.map((s) => ({
    id: s.id,
    check: s.check,
    when: s.when,
    ...(s.dueAfterHours !== null && !Number.isNaN(base) ? { dueAt: new Date(base + s.dueAfterHours * 3_600_000).toISOString() } : {}),
    source: s.source,
  }));
}
