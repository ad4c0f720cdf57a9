import type { ReactNode } from 'react';
import { useCase } from '../../state/case';
import { startRehearsal } from '../../state/rehearsal';
import './rehearsal.css';

/**
 * Read-only teaching mode (issue 15): a teaching bundle opened in the app, or a published case
 * (teach.html). The trainee chooses "Rehearse" (the expert answer is removed until submission, as
 * the Teaching tab's rehearse does) or "Review the expert plan" (the plan panels, read-only: the case
 * store refuses edits). In the app an educator may lift read-only to edit; a published case may not.
 * The expert answer is drawn on the clip only while reviewing. `review` is what reviewing shows (the plan panels).
 */
export function TeachingModePanel({ review }: { review: ReactNode }) {
  const published = useCase((s) => s.readOnly?.published ?? false);
  const plan = useCase((s) => s.history.present);
  const reviewing = useCase((s) => s.readOnly?.reviewing ?? false);
  const setReviewing = (on: boolean) => useCase.getState().setReadOnly({ published, reviewing: on });
  const title = plan.teaching?.title || plan.title || 'Teaching case';
  const objectives = plan.teaching?.learningObjectives ?? [];
  const rehearse = (
    <button type="button" className={reviewing ? 'small-button' : 'primary-button'} onClick={() => startRehearsal()}>
      Rehearse
    </button>
  );
  return (
    <>
      <section className="teaching-mode" aria-label="Teaching case">
        <h2>{title}</h2>
        <p className="muted small">Teaching case, read-only{published ? ': nothing you do here is sent anywhere; attempts stay in this browser.' : '.'}</p>
        {!reviewing && objectives.length > 0 && (
          <ul className="objectives" aria-label="Learning objectives">
            {objectives.map((o, i) => (
              <li key={i}>{o}</li>
            ))}
          </ul>
        )}
        <div className="teaching-mode-actions">
          {rehearse}
          {reviewing ? (
            <button type="button" className="small-button" onClick={() => setReviewing(false)}>
              Hide the expert plan
            </button>
          ) : (
            <button type="button" className="small-button" onClick={() => setReviewing(true)}>
              Review the expert plan
            </button>
          )}
          {!published && (
            <button type="button" className="link-button" onClick={() => useCase.getState().setReadOnly(null)}>
              Edit as educator
            </button>
          )}
        </div>
      </section>
      {reviewing && review}
    </>
  );
}
