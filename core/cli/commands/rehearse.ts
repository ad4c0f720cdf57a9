/**
 * `blockplan rehearse CASE --attempt ATTEMPT.bpcase [--json]`: score a trainee's attempt (a case file
 * on the same clip with their marks, needle path and choices) against CASE's expert plan — the same
 * workflow as the app's rehearsal mode (core/app/rehearse.ts). The expert clip's calibration and
 * timing come from its DICOM file. Patient details are never printed.
 */
import { resolve } from 'node:path';
import { rehearse, type RehearsalResult } from '../../app/rehearse';
import { openDicom } from '../../dicom/index';
import { dicomErrorToAppError } from '../../dicom/errors';
import { formatMeasurement } from '../../geometry/index';
import { MAX_INPUT_BYTES, readCaseFile, readRegularFile, resolveClipPath } from '../../node/index';
import { sha256Hex, type Case } from '../../plan/index';
import type { ClipContext } from '../../rehearsal/index';
import { appError, err, ok, type AppError, type Result } from '../../result';
import { UsageError, type CliCommand } from '../types';

const usage = `usage: blockplan rehearse CASE --attempt ATTEMPT [--json]

Scores a trainee's attempt against the expert plan of a teaching case (.bpcase): find the view,
identify the structures, plan the needle, choose the block details — as the case asks. Critical
errors (a path crossing an at-risk structure or passing within its margin, the wrong side, a target
outside the target structure) are listed first and cap the score. Distances are in mm from the
clip's calibration.
  --attempt FILE  the attempt: a case file on the same clip (.bpcase)
  --json          print one JSON object: score, maxScore, passed, tasks[], targetErrorMm,
                  angleErrorDeg, criticalErrors[] and the differences, measures and sources
Exit status: 0 the attempt was scored (passed or not: see "passed"), 1 a file could not be read or
the attempt could not be scored, 2 usage error.`;

/**
 * The clip contexts (calibration, timing) of a case read from disk: each file clip read, checked
 * against its SHA-256 and opened as DICOM. A clip that cannot be used is left out with its error.
 */
async function loadClipContexts(casePath: string, plan: Case): Promise<{ clips: Map<string, ClipContext>; problems: AppError[] }> {
  const clips = new Map<string, ClipContext>();
  const problems: AppError[] = [];
  for (const clip of plan.clips) {
    const path = resolveClipPath(casePath, clip);
    const bytes = await readRegularFile(path, { maxBytes: MAX_INPUT_BYTES });
    if (!bytes.ok) {
      problems.push({ ...bytes.error, file: path });
      continue;
    }
    if (sha256Hex(bytes.value) !== clip.sha256) {
      problems.push(appError('clip/changed', 'The clip file has changed since it was added to the case (its SHA-256 differs).', { file: path, action: 'Locate the original clip in the app.' }));
      continue;
    }
    const d = openDicom(bytes.value, { fileName: path });
    if (!d.ok) {
      problems.push({ ...dicomErrorToAppError(d.error), file: path });
      continue;
    }
    clips.set(clip.id, { calibration: d.value.calibration, timing: d.value.timing });
  }
  return { clips, problems };
}

/** Read both case files and score. */
export async function rehearseFiles(casePath: string, attemptPath: string): Promise<Result<RehearsalResult> & { problems?: AppError[] }> {
  const expert = await readCaseFile(casePath);
  if (!expert.ok) return err({ ...expert.error, file: expert.error.file ?? casePath });
  const attempt = await readCaseFile(attemptPath);
  if (!attempt.ok) return err({ ...attempt.error, file: attempt.error.file ?? attemptPath });
  const { clips, problems } = await loadClipContexts(casePath, expert.value.plan);
  const r = rehearse({ expert: expert.value.plan, attempt: attempt.value.plan, clips, attemptName: `The attempt ${attemptPath}` });
  if (!r.ok) return { ...r, problems };
  return { ...ok(r.value), problems };
}

const credit = (c: number | null) => (c === null ? 'not scored' : `${Math.round(c * 100)}%`);

function textReport(r: RehearsalResult, casePath: string, attemptPath: string): string {
  const L: string[] = [];
  L.push(`Rehearsal: ${r.title} — ${casePath}`);
  L.push(`Attempt: ${attemptPath}`);
  L.push(`Score ${r.score} / ${r.maxScore} (${r.percent}%) — ${r.passed ? 'passed' : 'not passed'} (to pass: ${r.passPercent}% and no critical error)`);
  if (r.criticalErrors.length) {
    L.push('');
    L.push(`Critical errors (each fails the attempt; the score is capped at ${r.criticalCapPercent}%):`);
    r.criticalErrors.forEach((c, i) => L.push(`  ${i + 1}. ${c.kind}${c.structure ? ` (${c.structure})` : ''}: ${c.message}${c.explanation ? ` — ${c.explanation}` : ''}`));
  }
  L.push('');
  L.push(`Target error ${r.targetErrorMm === null ? 'n/a' : `${r.targetErrorMm.toFixed(1)} mm`}, angle difference ${r.angleErrorDeg === null ? 'n/a' : `${r.angleErrorDeg.toFixed(1)}°`}`);
  for (const t of r.tasks) {
    L.push(`${t.title}: ${t.scored ? `${t.score} / ${t.maxScore}` : 'not scored'}`);
    for (const d of t.details) L.push(`    ${d.label}: ${d.value} [${credit(d.credit)}]${d.note ? ` (${d.note})` : ''}`);
  }
  if (r.differences.length) {
    L.push('');
    L.push('Differences from the expert plan:');
    for (const d of r.differences) L.push(`  ${d.number}. ${d.critical ? 'CRITICAL ' : ''}${d.title}${d.explanation ? ` — ${d.explanation}` : ''}`);
  }
  const n = r.measures.needle;
  if (n?.clearances.length) {
    L.push('');
    L.push('Clearance of the path from the expert’s at-risk structures:');
    for (const c of n.clearances) L.push(`  ${c.name}: ${formatMeasurement(c.distance)}${c.crosses ? ' CROSSES' : ''} (critical below ${c.marginNote})`);
  }
  L.push('');
  L.push('Scoring rationale:');
  for (const s of r.sources) L.push(`  ${s.citation} ${s.url}`);
  return L.join('\n');
}

export const rehearseCommand: CliCommand = {
  summary: "Score a trainee's attempt against a teaching case's expert plan",
  usage,
  async run(args, io) {
    let json = false;
    let attempt: string | undefined;
    const files: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--json') json = true;
      else if (a === '--attempt') {
        attempt = args[++i];
        if (!attempt) throw new UsageError('--attempt needs a file');
      } else if (a.startsWith('--attempt=')) attempt = a.slice('--attempt='.length);
      else if (a.startsWith('-')) throw new UsageError(`unknown option '${a}'`);
      else files.push(a);
    }
    if (files.length !== 1) throw new UsageError(files.length === 0 ? 'no CASE given' : 'give one CASE');
    if (!attempt) throw new UsageError('no --attempt given');
    const casePath = resolve(io.cwd, files[0]!);
    const attemptPath = resolve(io.cwd, attempt);
    const r = await rehearseFiles(casePath, attemptPath);
    for (const p of r.problems ?? []) io.err(`warning: ${p.file ?? casePath}: ${p.title}`);
    if (!r.ok) {
      io.err(`error: ${r.error.file ?? casePath}: ${r.error.title}${r.error.action ? ` ${r.error.action}` : ''}`);
      return 1;
    }
    if (json) {
      const { rehearsal, ...rest } = r.value;
      io.out(JSON.stringify({ case: casePath, attempt: attemptPath, ...rest, tolerances: rehearsal.tolerances, learningObjectives: rehearsal.learningObjectives }, null, 2));
    } else io.out(textReport(r.value, casePath, attemptPath));
    return 0;
  },
};
