import { create } from 'zustand';
import { attemptRecord, rehearse, type RehearsalResult } from '../../core/app/rehearse';
import type { FrameTiming } from '../../core/dicom/types';
import { newId, type History } from '../../core/plan/index';
import type { BlockSide, Case, Point } from '../../core/plan/schema';
import { resolveRehearsal, traineeCase, type BlockDetails, type ClipContext, type ResolvedRehearsal } from '../../core/rehearsal/index';
import { appError } from '../../core/result';
import { useCase, type CaseFileInfo } from './case';
import { useFiles } from './files';
import { notify, reportError } from './messages';
import { loadAttempts, loadTraineeName, saveAttempts, saveTraineeName, type AttemptsState } from './rehearsalAttempts';

/**
 * Rehearsal mode (issue 14). Starting it puts the teaching case aside here and opens the case as the
 * trainee sees it (core/rehearsal `traineeCase`: the expert answer removed, not hidden) in the case
 * store, so the annotation tools draw the trainee's marks and no panel can show the answer. The
 * trainee's other answers (the frame for the view, side, approach, needle, volume) are kept here.
 * Submitting scores the attempt with core/app `rehearse` — the CLI's workflow — and records it for the
 * learning curve; only then does the expert answer (`expert`, `result`) reach the feedback view.
 * Leaving restores the teaching case exactly as it was (its undo history and unsaved changes).
 */

export type RehearsalPhase = 'off' | 'rehearsing' | 'feedback';

/** The trainee's answers that are not marks on the clip. */
export interface RehearsalAnswers {
  /** The frame chosen for "find the view", 0-based. */
  viewFrame: number | null;
  side: BlockSide;
  approach: string | null;
  details: BlockDetails;
}

/** What the keyboard marking cursor places with Enter. */
export type CursorAction = { kind: 'structure'; annotationId: string } | { kind: 'entry' } | { kind: 'target' };

export interface RehearsalState extends AttemptsState {
  phase: RehearsalPhase;
  /** True when an educator previews the case as a trainee: the attempt is scored but not recorded. */
  preview: boolean;
  /** The teaching case (expert answer): never shown before submission. */
  expert: Case | null;
  rehearsal: ResolvedRehearsal | null;
  /** The teaching case's history and file, restored on leaving. */
  stash: { history: History; file: CaseFileInfo } | null;
  answers: RehearsalAnswers;
  /** Keyboard marking: the cursor on the image (px) and what Enter places. */
  cursor: Point | null;
  cursorAction: CursorAction | null;
  /** The needle entry placed with the keyboard, waiting for its target (px). */
  pendingEntry: Point | null;
  result: RehearsalResult | null;
  /** The attempt as submitted (a case: the trainee's marks and answers), scored into `result`. */
  attempt: Case | null;
  /** The learning-curve dialog is open. */
  curveOpen: boolean;
  traineeName: string;
  setCurveOpen(open: boolean): void;
  setTraineeName(name: string): void;
  setAnswers(patch: Partial<RehearsalAnswers>): void;
  setCursor(p: Point | null): void;
  setCursorAction(a: CursorAction | null): void;
  setPendingEntry(p: Point | null): void;
}

const NO_ANSWERS: RehearsalAnswers = { viewFrame: null, side: null, approach: null, details: {} };

export const useRehearsal = create<RehearsalState>((set) => ({
  phase: 'off',
  preview: false,
  expert: null,
  rehearsal: null,
  stash: null,
  answers: NO_ANSWERS,
  cursor: null,
  cursorAction: null,
  pendingEntry: null,
  result: null,
  attempt: null,
  curveOpen: false,
  traineeName: loadTraineeName(),
  setCurveOpen: (curveOpen) => set({ curveOpen }),
  attempts: loadAttempts(),
  setTraineeName(traineeName) {
    saveTraineeName(traineeName);
    set({ traineeName });
  },
  setAnswers: (patch) => set((s) => ({ answers: { ...s.answers, ...patch } })),
  setCursor: (cursor) => set({ cursor }),
  setCursorAction: (cursorAction) => set({ cursorAction, pendingEntry: null }),
  setPendingEntry: (pendingEntry) => set({ pendingEntry }),
  setAttempts(attempts) {
    saveAttempts(attempts);
    set({ attempts });
  },
}));

/** Open the trainee's case in the case store (a fresh copy of the teaching case without its answer). */
function openTraineeCase(expert: Case, r: ResolvedRehearsal): void {
  const s = useCase.getState();
  s.load(traineeCase(expert, r), { path: null, name: `Rehearsal — ${r.title}`, bundled: false, origin: 'new' }, s.clips, { saved: true });
}

/**
 * Start rehearsing the open case (or, with `preview`, an educator's preview as a trainee). Refused,
 * with the reason, when the case has no expert answer to score against.
 */
export function startRehearsal(opts: { preview?: boolean } = {}): boolean {
  if (useRehearsal.getState().phase !== 'off') return false;
  const st = useCase.getState();
  const expert = st.history.present;
  const r = resolveRehearsal(expert);
  if (!r.clipId || r.tasks.length === 0) {
    reportError(appError('rehearse/no-answer', 'This case has nothing to rehearse yet.', { action: 'Mark the target key frame, the structures or a needle path on the clip (the expert answer), then rehearse.' }), 'info');
    return false;
  }
  if (!st.clips[r.clipId]) {
    reportError(appError('rehearse/clip-unavailable', 'The clip of this case is not open, so the attempt could not be measured.', { action: 'Locate the clip (the files panel lists it), then rehearse.' }));
    return false;
  }
  useRehearsal.setState({ phase: 'rehearsing', preview: !!opts.preview, expert, rehearsal: r, stash: { history: st.history, file: st.file }, answers: NO_ANSWERS, cursor: null, cursorAction: null, pendingEntry: null, result: null });
  openTraineeCase(expert, r);
  return true;
}

/** Frame timing of a case clip from the open file with its SOP Instance UID, when the file gives one. */
function timingOf(clipSopUid: string | null): FrameTiming | undefined {
  if (!clipSopUid) return undefined;
  const d = useFiles.getState().files.find((f) => f.dicom?.clipUid === clipSopUid)?.dicom;
  return d ? { frameTimesMs: d.frameTimesMs, source: d.rateSource, assumed: d.rateAssumed, fps: d.fps } : undefined;
}

/**
 * The attempt as a case: the trainee's marks (case store) with the answers kept here. Marks and paths
 * are listed newest first, so a structure marked again, or a path drawn again, counts as the answer.
 */
export function attemptCase(plan: Case, expert: Case, r: ResolvedRehearsal, a: RehearsalAnswers): Case {
  const clip = expert.clips.find((c) => c.id === r.clipId);
  return {
    ...plan,
    annotations: [...plan.annotations].reverse(),
    needlePaths: [...plan.needlePaths].reverse(),
    // No approach chosen is no answer (in a case file, a null approach is the template's primary one).
    block: { ...plan.block, templateId: a.approach === null ? null : expert.block.templateId, side: a.side, approach: a.approach },
    keyFrames: a.viewFrame !== null && clip ? [{ id: 'view', clipId: clip.id, frameIndex: a.viewFrame, tag: 'target', text: '' }] : [],
    rehearsal: { attempts: [], blockDetails: a.details },
  };
}

/** Score the attempt, record it (unless previewing) and show the feedback. */
export function submitAttempt(now: () => Date = () => new Date()): boolean {
  const s = useRehearsal.getState();
  if (s.phase !== 'rehearsing' || !s.expert || !s.rehearsal) return false;
  const name = s.traineeName.trim();
  if (!s.preview && !name) {
    reportError(appError('rehearse/no-name', 'Type your name before submitting, so the attempt joins your learning curve.', { action: 'Your name stays on this computer.' }), 'info');
    return false;
  }
  const cs = useCase.getState();
  const clips = new Map<string, ClipContext>();
  for (const c of s.expert.clips) {
    const rt = cs.clips[c.id];
    if (rt) clips.set(c.id, { calibration: rt.calibration, timing: timingOf(c.sopInstanceUid) });
  }
  const attempt = attemptCase(cs.history.present, s.expert, s.rehearsal, s.answers);
  const r = rehearse({ expert: s.expert, attempt, clips, attemptName: 'Your attempt' });
  if (!r.ok) {
    reportError(r.error);
    return false;
  }
  if (!s.preview) {
    const rec = attemptRecord(r.value, { id: newId('attempt'), trainee: name, at: now().toISOString() });
    if (rec.ok) s.setAttempts([...useRehearsal.getState().attempts, rec.value]);
    else reportError(rec.error, 'warning');
  }
  useRehearsal.setState({ phase: 'feedback', result: r.value, attempt, cursor: null, cursorAction: null, pendingEntry: null });
  notify(r.value.passed ? `Passed: ${r.value.score} of ${r.value.maxScore}.` : `Not passed: ${r.value.score} of ${r.value.maxScore}${r.value.criticalErrors.length ? `, ${r.value.criticalErrors.length} critical error(s)` : ''}.`, r.value.passed ? 'success' : 'info');
  return true;
}

/** Try again: back to rehearsing, keeping the marks and answers (`keep`) or from a clean clip. */
export function retryRehearsal(keep: boolean): void {
  const s = useRehearsal.getState();
  if (s.phase !== 'feedback' || !s.expert || !s.rehearsal) return;
  useRehearsal.setState({ phase: 'rehearsing', result: null, attempt: null, ...(keep ? {} : { answers: NO_ANSWERS }) });
  if (!keep) openTraineeCase(s.expert, s.rehearsal);
}

/** Leave rehearsal mode: the teaching case comes back as it was. */
export function exitRehearsal(): void {
  const s = useRehearsal.getState();
  if (s.phase === 'off') return;
  if (s.stash) useCase.setState({ history: s.stash.history, file: s.stash.file, selection: null, autosavedRevision: null });
  useRehearsal.setState({ phase: 'off', preview: false, expert: null, rehearsal: null, stash: null, answers: NO_ANSWERS, cursor: null, cursorAction: null, pendingEntry: null, result: null, attempt: null });
}
