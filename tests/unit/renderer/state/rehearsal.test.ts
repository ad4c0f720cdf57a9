import { afterEach, describe, expect, it } from 'vitest';
import { rehearse } from '../../../../core/app/rehearse';
import { canUndo } from '../../../../core/plan/index';
import { useCase } from '../../../../renderer/state/case';
import { useMessages } from '../../../../renderer/state/messages';
import { attemptCase, exitRehearsal, startRehearsal, submitAttempt, useRehearsal } from '../../../../renderer/state/rehearsal';
import { ATTEMPTS_KEY, loadAttempts } from '../../../../renderer/state/rehearsalAttempts';
import { loadSample } from '../../core/rehearsal/fixtures';

/** The paravertebral sample open in the case store, as the app holds it after opening it. */
function openSample() {
  const { plan, ctx, clips } = loadSample('thoracic-paravertebral');
  const clipId = plan.clips[0]!.id;
  const file = { path: null, name: 'thoracic-paravertebral.bpcase', bundled: false, origin: 'sample' as const };
  useCase.getState().load(plan, file, { [clipId]: { location: 'thoracic-paravertebral.dcm', onDisk: false, bytes: null, calibration: ctx.calibration } }, { saved: true });
  return { plan, clips, file };
}

afterEach(() => {
  exitRehearsal();
  localStorage.clear();
  useMessages.setState({ messages: [] } as never);
});

describe('rehearsal store', () => {
  it('starting puts the expert answer out of reach (not on the case, not by undo); leaving restores the teaching case as it was', () => {
    const { plan, file } = openSample();
    const before = useCase.getState().history;
    expect(startRehearsal()).toBe(true);
    const trainee = useCase.getState().history.present;
    expect(trainee.annotations.map((a) => a.id)).toEqual(['skin']); // the skin line stays as a hint
    expect(trainee.needlePaths).toEqual([]);
    expect(trainee.keyFrames).toEqual([]);
    expect(trainee.block.side).toBeNull();
    expect(canUndo(useCase.getState().history)).toBe(false);
    expect(JSON.stringify(trainee)).not.toContain('paravertebral-space');
    exitRehearsal();
    expect(useCase.getState().history).toBe(before);
    expect(useCase.getState().file).toEqual(file);
    expect(useCase.getState().history.present).toEqual(plan);
  });

  it('submitting scores with core/app rehearse (the CLI workflow) and records the attempt; a preview records nothing', () => {
    const { plan, clips } = openSample();
    // No file open in the files store here, so no frame timing: the app scores the view in frames.
    const calibrationOnly = new Map([...clips].map(([id, c]) => [id, { calibration: c.calibration }]));
    startRehearsal();
    useRehearsal.getState().setTraineeName('Ada');
    useRehearsal.getState().setAnswers({ viewFrame: 40, side: 'right', approach: 'transverse-intercostal' });
    expect(submitAttempt(() => new Date('2026-12-07T22:00:00Z'))).toBe(true);
    const s = useRehearsal.getState();
    const direct = rehearse({ expert: plan, attempt: s.attempt!, clips: calibrationOnly, attemptName: 'Your attempt' });
    expect(direct.ok && direct.value).toEqual(s.result);
    expect(s.result!.tasks.find((t) => t.id === 'find-view')!.score).toBe(s.result!.tasks.find((t) => t.id === 'find-view')!.maxScore);
    expect(s.attempts).toHaveLength(1);
    expect(s.attempts[0]).toMatchObject({ trainee: 'Ada', caseId: plan.id, at: '2026-12-07T22:00:00.000Z', score: s.result!.score, passed: false });
    expect(loadAttempts()).toEqual(s.attempts); // and in local storage
    exitRehearsal();

    startRehearsal({ preview: true });
    useRehearsal.getState().setTraineeName('');
    expect(submitAttempt()).toBe(true);
    expect(useRehearsal.getState().attempts).toHaveLength(1);
  });

  it('a trainee must type a name before an attempt is recorded', () => {
    openSample();
    startRehearsal();
    useRehearsal.getState().setTraineeName('  ');
    expect(submitAttempt()).toBe(false);
    expect(useRehearsal.getState().phase).toBe('rehearsing');
    expect(useMessages.getState().messages.at(-1)?.title).toMatch(/Type your name/);
  });

  it('an approach not chosen is sent as no block, so it is not read as the primary approach', () => {
    const { plan } = openSample();
    startRehearsal();
    const r = useRehearsal.getState().rehearsal!;
    const none = attemptCase(useCase.getState().history.present, plan, r, { viewFrame: null, side: 'right', approach: null, details: {} });
    expect(none.block).toMatchObject({ templateId: null, approach: null, side: 'right' });
    const chosen = attemptCase(useCase.getState().history.present, plan, r, { viewFrame: null, side: 'right', approach: 'transverse-intercostal', details: {} });
    expect(chosen.block).toMatchObject({ templateId: 'thoracic-paravertebral', approach: 'transverse-intercostal' });
  });
});

describe('stored attempts', () => {
  const good = { id: 'a1', trainee: 'Ada', caseId: 'c', caseTitle: 'T', blockId: null, blockName: null, at: '2026-12-07T22:00:00Z', score: 50, maxScore: 100, passed: false, criticalErrors: [], tasks: [], targetErrorMm: null, angleErrorDeg: null };

  it('damaged entries are left out with a warning; the rest are kept', () => {
    localStorage.setItem(ATTEMPTS_KEY, JSON.stringify([good, { ...good, id: 'a2', score: 'fifty' }]));
    expect(loadAttempts().map((a) => a.id)).toEqual(['a1']);
    expect(useMessages.getState().messages.at(-1)).toMatchObject({ severity: 'warning', title: '1 stored rehearsal attempt(s) could not be read and were left out.' });
  });

  it('unreadable storage is said, and nothing is lost from the app', () => {
    localStorage.setItem(ATTEMPTS_KEY, '{not json');
    expect(loadAttempts()).toEqual([]);
    expect(useMessages.getState().messages.at(-1)?.title).toMatch(/damaged/);
  });
});
