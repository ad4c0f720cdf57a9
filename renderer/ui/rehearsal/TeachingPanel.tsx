import { useMemo } from 'react';
import { REHEARSAL_DEFAULTS, REHEARSAL_TASK_IDS, resolveRehearsal, TASK_TITLES, type RehearsalTaskId } from '../../../core/rehearsal/index';
import { useCase } from '../../state/case';
import { startRehearsal, useRehearsal } from '../../state/rehearsal';
import { CommandButton } from '../CommandButton';
import { editSettings, editTeaching } from './teachingEdits';
import { BlockDetailsAsked } from './BlockDetailsAsked';
import { TeachingSettings } from './TeachingSettings';
import './rehearsal.css';

/**
 * The Teaching tab: an educator turns the open case into a teaching case (its plan is the expert
 * answer), sets what a rehearsal asks and how it is scored, previews it as a trainee, and opens the
 * learning curves. A trainee starts rehearsing from here too.
 */
export function TeachingPanel() {
  const plan = useCase((s) => s.history.present);
  const r = useMemo(() => resolveRehearsal(plan), [plan]);
  const canRehearse = r.tasks.length > 0 && r.clipId !== null;
  const teaching = plan.teaching;

  return (
    <div className="teaching-panel">
      <section className="plan-section" aria-labelledby="teach-title">
        <h3 id="teach-title">Teaching case</h3>
        {!teaching ? (
          <>
            <p className="empty-hint">A teaching case is a case whose plan is the expert answer. Trainees rehearse it on the clip and are scored against that plan.</p>
            <div className="editor-actions">
              <button type="button" className="primary-button" onClick={() => editTeaching((t) => t, 'make')}>
                Make this a teaching case
              </button>
            </div>
          </>
        ) : (
          <>
            <label className="field">
              <span>Title for trainees</span>
              <input type="text" value={teaching.title ?? ''} placeholder={plan.title} maxLength={400} onChange={(e) => editTeaching((t) => ({ ...t, title: e.target.value || undefined }), 'title')} />
            </label>
            <label className="field">
              <span>Learning objectives (one per line)</span>
              <textarea
                rows={4}
                value={teaching.learningObjectives.join('\n')}
                placeholder={r.learningObjectives.join('\n')}
                onChange={(e) => editTeaching((t) => ({ ...t, learningObjectives: e.target.value.split('\n').filter((l, i, all) => l.trim() || i < all.length - 1) }), 'objectives')}
              />
            </label>
            <p className="empty-hint small">Left empty, trainees see the objectives in grey above, made from the tasks.</p>
          </>
        )}
        <div className="editor-actions teach-actions">
          <button type="button" className="secondary-button" disabled={!canRehearse} onClick={() => startRehearsal({ preview: true })}>
            Preview as trainee
          </button>
          <button type="button" className="primary-button" disabled={!canRehearse} onClick={() => startRehearsal()}>
            Rehearse
          </button>
          <button type="button" className="secondary-button" onClick={() => useRehearsal.getState().setCurveOpen(true)}>
            Learning curves…
          </button>
          <CommandButton id="file.publishTeaching" className="secondary-button">
            Publish as teaching page…
          </CommandButton>
        </div>
        {!canRehearse && <p className="px-note">Nothing to rehearse yet: mark the target key frame, the structures or a needle path on the clip (the expert answer).</p>}
      </section>
      {teaching && <Tasks plan={plan} />}
      {teaching && <TeachingSettings plan={plan} r={r} />}
      {r.problems.length > 0 && (
        <section className="plan-section" aria-label="Settings not applied">
          <ul className="warnings">
            {r.problems.map((p, i) => (
              <li key={i} className="warning small">
                {p}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}

function Tasks({ plan }: { plan: Parameters<typeof resolveRehearsal>[0] }) {
  const s = plan.teaching?.rehearsal ?? {};
  const auto = resolveRehearsal({ ...plan, teaching: { ...plan.teaching!, rehearsal: { ...s, tasks: undefined, explanations: { ...s.explanations, steps: {} } } } });
  const answerable = new Set(auto.tasks.map((t) => t.id));
  const asked = new Set<RehearsalTaskId>(s.tasks ?? auto.tasks.map((t) => t.id));
  const toggle = (id: RehearsalTaskId, on: boolean) => editSettings((x) => ({ ...x, tasks: REHEARSAL_TASK_IDS.filter((t) => (t === id ? on : asked.has(t))) }), 'tasks');
  const setStep = (id: RehearsalTaskId, text: string) =>
    editSettings((x) => {
      const steps = { ...x.explanations?.steps };
      if (text) steps[id] = text;
      else delete steps[id];
      return { ...x, explanations: { ...x.explanations, steps } };
    }, `step-${id}`);
  return (
    <section className="plan-section" aria-labelledby="teach-tasks">
      <h3 id="teach-tasks">Tasks asked</h3>
      <ul className="settings-list">
        {REHEARSAL_TASK_IDS.map((id) => {
          const on = asked.has(id) && answerable.has(id);
          return (
            <li key={id}>
              <div className="settings-row">
                <label className="grow">
                  <input type="checkbox" checked={on} disabled={!answerable.has(id)} onChange={(e) => toggle(id, e.target.checked)} /> {TASK_TITLES[id]}
                  {!answerable.has(id) && <span className="muted small"> — the plan has no answer for it</span>}
                </label>
                <label>
                  <span className="visually-hidden">Points for {TASK_TITLES[id]}</span>
                  <input
                    type="number"
                    className="narrow"
                    min={1}
                    max={1000}
                    value={s.weights?.[id] ?? REHEARSAL_DEFAULTS.weights[id].value}
                    onChange={(e) => {
                      const v = Number(e.target.value);
                      if (v > 0 && v <= 1000) editSettings((x) => ({ ...x, weights: { ...x.weights, [id]: v } }), `weight-${id}`);
                    }}
                  />{' '}
                  points
                </label>
              </div>
              {on && (
                <label className="field indent">
                  <span className="small">Explanation of “{TASK_TITLES[id]}” in the feedback</span>
                  <textarea rows={2} value={s.explanations?.steps?.[id] ?? ''} placeholder={auto.tasks.find((t) => t.id === id)?.explanation ?? ''} onChange={(e) => setStep(id, e.target.value)} />
                </label>
              )}
            </li>
          );
        })}
      </ul>
      <p className="empty-hint small">Empty explanations use the block template’s text for the step (shown in grey).</p>
      {asked.has('block-details') && <BlockDetailsAsked plan={plan} />}
    </section>
  );
}
