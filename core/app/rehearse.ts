/**
 * Workflow: score a trainee's attempt against a teaching case's expert plan. The CLI
 * (`blockplan rehearse`) and the app's rehearsal mode both call `rehearse`; each supplies the expert
 * clip's calibration and timing from the DICOM file it opened. Every check — critical errors, the
 * cap, the pass mark — lives here and in core/rehearsal, once.
 */
import type { Case } from '../plan/schema';
import { appError, err, ok, type Result } from '../result';
import { getBlockTemplate } from '../blocks/index';
import {
  measureAttempt,
  REHEARSAL_SOURCES,
  StoredAttemptSchema,
  resolveRehearsal,
  scoreMeasures,
  type AttemptMeasures,
  type ClipContext,
  type RehearsalScore,
  type RehearsalSource,
  type ResolvedRehearsal,
  type StoredAttempt,
} from '../rehearsal/index';

export interface RehearseInput {
  /** The teaching case: its plan is the expert answer. */
  expert: Case;
  /** The trainee's attempt: a case on the same clip with their marks, path and choices. */
  attempt: Case;
  /** Calibration and timing of the expert's clips, by expert clip id (at least the rehearsal clip). */
  clips: ReadonlyMap<string, ClipContext>;
  /** Name of the attempt for messages (a file name or "your attempt"). */
  attemptName?: string;
}

export interface RehearsalResult extends RehearsalScore {
  caseId: string;
  title: string;
  blockId: string | null;
  clipId: string;
  rehearsal: ResolvedRehearsal;
  measures: AttemptMeasures;
  /** The sources behind the scoring, for display beside the feedback. */
  sources: RehearsalSource[];
}

/** Score `attempt` against `expert`. Errors name what is missing: a clip, an answer, a matching clip. */
export function rehearse(input: RehearseInput): Result<RehearsalResult> {
  const { expert, attempt } = input;
  const r = resolveRehearsal(expert);
  const clip = expert.clips.find((c) => c.id === r.clipId);
  if (!clip) return err(appError('rehearse/no-clip', 'The teaching case has no clip to rehearse on.', { action: 'Add a clip to the case and mark the expert plan on it.' }));
  if (r.tasks.length === 0) {
    return err(appError('rehearse/no-answer', 'The teaching case has no expert answer to score against.', { action: 'Mark the target key frame, the structures or a needle path on the clip, then save the case.' }));
  }
  const ctx = input.clips.get(clip.id);
  if (!ctx) return err(appError('rehearse/clip-unavailable', `The clip “${clip.displayName}” could not be opened, so distances cannot be measured in mm.`, { action: 'Locate the clip, then score again.', file: clip.path }));
  const measures = measureAttempt(expert, attempt, r, clip, ctx);
  if (!measures) {
    return err(
      appError('rehearse/other-clip', `${input.attemptName ?? 'The attempt'} is not on the teaching case's clip “${clip.displayName}”.`, {
        action: 'Make the attempt on the same clip (open the teaching case and rehearse it), then score again.',
      }),
    );
  }
  const score = scoreMeasures(measures, r);
  const cited = new Set<string>(['ahmed2017', 'sites2007', 'chuan2015', ...score.criticalErrors.flatMap((c) => c.sources)]);
  if (measures.structures.some((s) => s.dice !== null && s.dice !== undefined)) cited.add('zijdenbos1994');
  return ok({
    ...score,
    caseId: expert.id,
    title: r.title,
    blockId: expert.block.templateId,
    clipId: clip.id,
    rehearsal: r,
    measures,
    sources: Object.values(REHEARSAL_SOURCES).filter((s) => cited.has(s.id)),
  });
}

/**
 * The learning-curve record of a scored attempt: the trainee's name as typed, the case, the time and
 * the scores (no images, no patient data). Fails when the name is empty.
 */
export function attemptRecord(result: RehearsalResult, meta: { id: string; trainee: string; at: string }): Result<StoredAttempt> {
  const parsed = StoredAttemptSchema.safeParse({
    id: meta.id,
    trainee: meta.trainee,
    caseId: result.caseId,
    caseTitle: result.title,
    blockId: result.blockId,
    blockName: result.blockId ? (getBlockTemplate(result.blockId)?.name ?? null) : null,
    at: meta.at,
    score: result.score,
    maxScore: result.maxScore,
    passed: result.passed,
    criticalErrors: result.criticalErrors.map((c) => ({ kind: c.kind, structure: c.structure })),
    tasks: result.tasks.map((t) => ({ id: t.id, score: t.score, maxScore: t.maxScore })),
    targetErrorMm: result.targetErrorMm,
    angleErrorDeg: result.angleErrorDeg,
  });
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return err(appError('rehearse/attempt-invalid', issue.path[0] === 'trainee' ? 'Type your name before submitting, so the attempt joins your learning curve.' : `The attempt could not be recorded: ${issue.message}.`));
  }
  return ok(parsed.data);
}
