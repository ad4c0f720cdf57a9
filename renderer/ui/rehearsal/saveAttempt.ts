import { serializeCase } from '../../../core/plan/index';
import { appError } from '../../../core/result';
import { bridge } from '../../bridge';
import { notify, reportError } from '../../state/messages';
import { useRehearsal } from '../../state/rehearsal';

/** A file name for the attempt: the case id and the day, no patient detail. */
const attemptName = (caseId: string, d: Date) => `rehearsal-attempt-${caseId.replace(/[^A-Za-z0-9._-]+/g, '-').slice(0, 80)}-${d.toISOString().slice(0, 10)}.bpcase`;

/**
 * Save the submitted attempt as a case file (the trainee's marks, needle path, frame and choices),
 * so an educator can score it again with `blockplan rehearse CASE --attempt FILE` — the same
 * workflow (core/app/rehearse) the app used, giving the same score.
 */
export async function saveAttemptFile(now: () => Date = () => new Date()): Promise<boolean> {
  const { attempt, expert } = useRehearsal.getState();
  if (!attempt || !expert) return false;
  let text: string;
  try {
    text = serializeCase(attempt);
  } catch (e) {
    reportError(appError('rehearse/attempt-not-saved', 'The attempt could not be saved as a case file.', { detail: e instanceof Error ? e.message : String(e) }));
    return false;
  }
  const r = await bridge().saveFile({ kind: 'case', suggestedName: attemptName(expert.id, now()), bytes: new TextEncoder().encode(text), saveAs: true });
  if (!r.ok) {
    reportError(r.error);
    return false;
  }
  if (r.value) notify('Attempt saved as a case file.', 'success');
  return r.value !== null;
}
