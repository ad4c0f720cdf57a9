import { StoredAttemptSchema, type StoredAttempt } from '../../core/rehearsal/index';
import { reportError } from './messages';

/**
 * Rehearsal attempts kept on this computer for the learning curve (the browser's or the desktop
 * app's local storage): the trainee's name as typed, the case, the time and the scores. Nothing leaves
 * the machine unless an educator exports the CSV. Damaged entries are dropped with a warning; the
 * rest are kept.
 */
export const ATTEMPTS_KEY = 'blockplan.rehearsal.attempts.v1';
export const TRAINEE_KEY = 'blockplan.rehearsal.trainee';

export interface AttemptsState {
  attempts: StoredAttempt[];
  /** Replace the stored attempts (written to local storage). */
  setAttempts(attempts: StoredAttempt[]): void;
}

const storage = (): Storage | undefined => {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined; // storage disabled by the browser
  }
};

/** The stored attempts; entries that do not validate are dropped (and said so). */
export function loadAttempts(): StoredAttempt[] {
  const raw = storage()?.getItem(ATTEMPTS_KEY);
  if (!raw) return [];
  let list: unknown;
  try {
    list = JSON.parse(raw);
  } catch {
    reportError({ code: 'rehearse/attempts-damaged', title: 'The stored rehearsal attempts are damaged and could not be read.', action: 'New attempts will be stored from now on.' }, 'warning');
    return [];
  }
  if (!Array.isArray(list)) return [];
  const out: StoredAttempt[] = [];
  for (const x of list) {
    const r = StoredAttemptSchema.safeParse(x);
    if (r.success) out.push(r.data);
  }
  if (out.length < list.length) reportError({ code: 'rehearse/attempts-dropped', title: `${list.length - out.length} stored rehearsal attempt(s) could not be read and were left out.` }, 'warning');
  return out;
}

export function saveAttempts(attempts: readonly StoredAttempt[]): void {
  try {
    storage()?.setItem(ATTEMPTS_KEY, JSON.stringify(attempts));
  } catch (e) {
    reportError({ code: 'rehearse/attempts-not-saved', title: 'The attempt could not be stored on this computer.', action: 'Export the attempts as CSV to keep them.', detail: e instanceof Error ? e.message : String(e) }, 'warning');
  }
}

export function loadTraineeName(): string {
  return storage()?.getItem(TRAINEE_KEY) ?? '';
}

export function saveTraineeName(name: string): void {
  try {
    storage()?.setItem(TRAINEE_KEY, name);
  } catch {
    // Not stored: the name is typed again next time.
  }
}
