import { useEffect } from 'react';
import { exitRehearsal, retryRehearsal, useRehearsal } from '../../state/rehearsal';
import { disarm } from './marking';
import { saveAttemptFile } from './saveAttempt';

const KIND_LABEL: Record<string, string> = {
  'crosses-at-risk': 'Path crosses an at-risk structure',
  'within-margin': 'Path within the margin of an at-risk structure',
  'wrong-side': 'Wrong side',
  'target-outside-target': 'Target outside the target structure',
};

const pct = (c: number | null) => (c === null ? 'not scored' : `${Math.round(c * 100)}%`);

/**
 * After submission: the score and whether it passed, critical errors first, the score by task, each
 * difference with its number (as marked on the clip) and its explanation, the sources of the scoring,
 * and retry.
 */
export function FeedbackPanel() {
  const result = useRehearsal((s) => s.result);
  const preview = useRehearsal((s) => s.preview);
  // No drawing on the feedback: the marks are the submitted answer.
  useEffect(disarm, []);
  if (!result) return null;
  return (
    <div className="feedback" data-testid="rehearsal-feedback">
      <div className={`plan-section score-box ${result.passed ? 'passed' : 'failed'}`} role="status">
        <div className="score-line">
          <span className="score-number">
            {result.score} / {result.maxScore}
          </span>
          <span className="score-verdict">{result.passed ? 'Passed' : 'Not passed'}</span>
        </div>
        <div className="small muted">
          To pass: {result.passPercent}% and no critical error.{result.capped ? ` Critical errors capped the score at ${result.criticalCapPercent}% (${result.rawScore} before the cap).` : ''}
          {preview ? ' Preview: not recorded.' : ''}
        </div>
      </div>

      {result.criticalErrors.length > 0 && (
        <section className="plan-section critical" aria-labelledby="critical-title">
          <h3 id="critical-title">Critical errors</h3>
          <ol className="critical-list">
            {result.criticalErrors.map((c, i) => (
              <li key={i} data-kind={c.kind}>
                <strong>{KIND_LABEL[c.kind] ?? c.kind}</strong>
                {c.structure ? `: ${c.structure}` : ''}. {c.message}
                {c.explanation && <div className="explain">{c.explanation}</div>}
              </li>
            ))}
          </ol>
        </section>
      )}

      <section className="plan-section" aria-labelledby="bytask-title">
        <h3 id="bytask-title">Score by task</h3>
        <table className="task-table">
          <thead>
            <tr>
              <th scope="col">Task</th>
              <th scope="col">Score</th>
            </tr>
          </thead>
          <tbody>
            {result.tasks.map((t) => (
              <tr key={t.id}>
                <th scope="row">
                  <details>
                    <summary>{t.title}</summary>
                    <ul className="task-details">
                      {t.details.map((d, i) => (
                        <li key={i}>
                          {d.label}: {d.value} <span className="muted">({pct(d.credit)})</span>
                          {d.note && <div className="muted small">{d.note}</div>}
                        </li>
                      ))}
                    </ul>
                  </details>
                </th>
                <td>{t.scored ? `${t.score} / ${t.maxScore}` : 'not scored'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="small muted">
          Target error {result.targetErrorMm === null ? '—' : `${result.targetErrorMm.toFixed(1)} mm`}, angle difference {result.angleErrorDeg === null ? '—' : `${result.angleErrorDeg.toFixed(1)}°`}.
        </p>
      </section>

      <section className="plan-section" aria-labelledby="diff-title">
        <h3 id="diff-title">Differences from the expert</h3>
        {result.differences.length === 0 ? (
          <p className="empty-hint">None: your answer matches the expert’s.</p>
        ) : (
          <ol className="diff-list">
            {result.differences.map((d) => (
              <li key={d.number} className={d.critical ? 'critical' : ''} value={d.number}>
                <span className={`diff-num${d.critical ? ' critical' : ''}`} aria-hidden="true">
                  {d.number}
                </span>
                <div>
                  <div>{d.title}</div>
                  {d.explanation && <div className="explain">{d.explanation}</div>}
                  {!d.atPx && <div className="muted small">Not marked on the clip.</div>}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="plan-section">
        <details>
          <summary>Why it is scored this way</summary>
          <ul className="sources">
            {result.sources.map((s) => (
              <li key={s.id}>
                {s.usedFor} <span className="muted">— {s.citation}</span>
              </li>
            ))}
          </ul>
          <p className="small muted">Tolerances, weights and the pass mark are BlockPlan defaults unless the educator set them for this case.</p>
        </details>
      </section>

      <div className="plan-section feedback-actions">
        <button type="button" className="primary-button" onClick={() => retryRehearsal(true)}>
          Try again
        </button>
        <button type="button" className="secondary-button" onClick={() => retryRehearsal(false)}>
          Start over
        </button>
        <button type="button" className="secondary-button" onClick={() => useRehearsal.getState().setCurveOpen(true)}>
          Learning curve…
        </button>
        <button type="button" className="secondary-button" onClick={() => void saveAttemptFile()}>
          Save attempt as a case file…
        </button>
        <button type="button" className="secondary-button" onClick={exitRehearsal}>
          Leave
        </button>
      </div>
    </div>
  );
}
