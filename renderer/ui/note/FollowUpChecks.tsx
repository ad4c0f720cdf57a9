/**
 * Note editor: "Follow-up checks" (issue 17 item 4). The checks the sources recommend after this block
 * (core/anticoag followUp: delayed pneumothorax signs after a paravertebral block, orthostatic
 * hypotension and diarrhoea after celiac plexus neurolysis, the LAST observation window, catheter
 * review, % relief after a diagnostic block, the drug's restart time…) are suggested with their
 * sources; only the ones the user adds enter the note. Each added check keeps its source and due time,
 * and its outcome is recorded later — the case is saved with them, so reopening it shows what is still
 * to check.
 */
import { useId, useMemo, useState } from 'react';
import { followUpSuggestions } from '../../../core/anticoag/index';
import { checkAnticoagulation, followUpChecksForNote } from '../../../core/app/anticoag';
import { FOLLOW_UP_OUTCOME_TEXT, type FollowUpCheck } from '../../../core/notes/anticoagSchema';
import { setNoteField } from '../../state/note';
import { localText } from '../plan/AnticoagSection';
import { StatusIcon } from './icons';
import type { NoteModel } from './model';
import './followUp.css';

function CheckRow({ c, index, all, now }: { c: FollowUpCheck; index: number; all: FollowUpCheck[]; now: number }) {
  const id = useId();
  const [findings, setFindings] = useState(c.findings ?? '');
  const due = c.dueAt ? Date.parse(c.dueAt) : null;
  const overdue = !c.outcome && due !== null && due <= now;
  const update = (changes: Partial<FollowUpCheck>) => {
    const next = all.map((x, i) => (i === index ? { ...x, ...changes } : x));
    setNoteField(['followUpChecks'], next);
  };
  return (
    <li className={`fu-check${overdue ? ' overdue' : ''}`} data-testid="follow-up-check" data-check-id={c.id}>
      <p className="fu-text">{c.check}</p>
      <p className="muted small">
        {c.when}
        {due !== null ? ` · due ${localText(due)}` : ''}
        {overdue && (
          <span className="fu-overdue">
            {' '}
            <StatusIcon kind="caution" /> due now
          </span>
        )}
      </p>
      <p className="fu-source">Source: {c.source}</p>
      <div className="fu-outcome">
        <label htmlFor={`${id}-outcome`}>Outcome</label>
        <select
          id={`${id}-outcome`}
          value={c.outcome ?? ''}
          onChange={(e) => {
            const v = e.target.value as FollowUpCheck['outcome'] | '';
            update(v ? { outcome: v, recordedAt: new Date().toISOString() } : { outcome: undefined, recordedAt: undefined });
          }}
        >
          <option value="">Not recorded yet</option>
          {(Object.keys(FOLLOW_UP_OUTCOME_TEXT) as NonNullable<FollowUpCheck['outcome']>[]).map((o) => (
            <option key={o} value={o}>
              {FOLLOW_UP_OUTCOME_TEXT[o]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-findings`}>Findings</label>
        <input id={`${id}-findings`} className="field-input" type="text" value={findings} onChange={(e) => setFindings(e.target.value)} onBlur={() => findings !== (c.findings ?? '') && update({ findings: findings.trim() || undefined })} />
        <button type="button" className="nf-small-button" aria-label={`Remove the check: ${c.check.slice(0, 60)}`} onClick={() => setNoteField(['followUpChecks'], all.filter((_, i) => i !== index))}>
          Remove
        </button>
      </div>
      {c.recordedAt && <p className="muted small">Recorded {localText(Date.parse(c.recordedAt))}</p>}
    </li>
  );
}

/** The section body; the Section wrapper and title come from NoteSections. */
export function FollowUpChecks({ model }: { model: NoteModel }) {
  const n = model.note;
  const checks = useMemo(() => n.followUpChecks ?? [], [n.followUpChecks]);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  /** When the editor opened: what is "due now" is judged against it. */
  const [now] = useState(() => Date.now());
  const advice = useMemo(() => {
    const a = n.anticoagulation;
    if (!a || !n.procedure.templateId) return undefined;
    const r = checkAnticoagulation({ blockId: n.procedure.templateId, drug: a.drugId, regimen: a.regimen, lastDose: a.lastDose, crclMlMin: a.crclMlMin });
    return r.ok ? r.value.advice : undefined;
  }, [n.anticoagulation, n.procedure.templateId]);
  const suggestions = useMemo(
    () => followUpSuggestions(n.procedure.templateId, { catheter: n.procedure.technique === 'catheter', advice }).filter((s) => !checks.some((c) => c.id === s.id)),
    [n.procedure.templateId, n.procedure.technique, advice, checks],
  );
  const add = () => {
    const picked = suggestions.filter((s) => chosen.has(s.id));
    setNoteField(['followUpChecks'], [...checks, ...followUpChecksForNote(picked, n.performedAt)]);
    setChosen(new Set());
  };
  const pending = checks.filter((c) => !c.outcome).length;

  return (
    <div className="fu" data-testid="follow-up">
      {checks.length > 0 && (
        <>
          <p className="small" data-testid="follow-up-pending">
            {pending ? `${pending} of ${checks.length} checks still to record.` : `All ${checks.length} checks recorded.`}
          </p>
          <ul className="fu-list">
            {checks.map((c, i) => (
              <CheckRow key={`${c.id}-${i}`} c={c} index={i} all={checks} now={now} />
            ))}
          </ul>
        </>
      )}
      {suggestions.length > 0 && (
        <fieldset className="fu-suggestions">
          <legend>Suggested by the sources{n.performedAt ? '' : ' (enter the date and time of the procedure for due times)'}</legend>
          {suggestions.map((s) => (
            <label key={s.id} className="nf-check fu-suggestion">
              <input
                type="checkbox"
                checked={chosen.has(s.id)}
                onChange={(e) => {
                  const next = new Set(chosen);
                  if (e.target.checked) next.add(s.id);
                  else next.delete(s.id);
                  setChosen(next);
                }}
              />
              <span>
                {s.check} <span className="muted small">({s.when}; {s.source})</span>
              </span>
            </label>
          ))}
          <button type="button" className="nf-small-button" disabled={chosen.size === 0} onClick={add}>
            Add {chosen.size || ''} chosen check{chosen.size === 1 ? '' : 's'} to the note
          </button>
        </fieldset>
      )}
    </div>
  );
}
