/**
 * Export the note, with the side check at export first. The dialog shows the block and the planned
 * side large; the user states the side they checked against the consent and the site mark; core/app
 * `exportNote` checks it against the plan, the note, annotation labels and the clips (the same check
 * `blockplan note` makes); a mismatch stops the export and says exactly what disagrees and how to
 * resolve it. The Stop moment before needle insertion is shown as recorded in the note, never set here:
 * this export check is not that two-person check.
 */
import { useId, useState } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import type { NoteFormat } from '../../../core/notes/export/index';
import { NoteSchema, type Note, type NoteSide } from '../../../core/notes/schema';
import { isSideCheckError as isSideError } from '../../../core/app/index';
import { useCase } from '../../state/case';
import { ALL_FORMATS, SIDE_WORD, useNoteUi } from '../../state/note';
import { Modal } from '../Modal';
import { conflictText, exportNoteFormats, FORMAT_INFO, resolutionSteps, type ExportOutcome } from '../../services/noteExport';
import { StatusIcon } from './icons';

const SIDES: NoteSide[] = ['left', 'right', 'bilateral', 'n/a'];

/** The Stop moment as the note records it (shown, never set here). */
function stopMomentText(pc: Note['preChecks']): string {
  if (pc.stopMomentDone === undefined) return 'not recorded';
  if (pc.stopMomentDone === 'no') return 'recorded as not done';
  return ['recorded as done', pc.stopMomentBy ? `by ${pc.stopMomentBy}` : '', pc.stopMomentAt ? `at ${pc.stopMomentAt.replace('T', ' ')}` : ''].filter(Boolean).join(' ');
}

const planSideWord = (s: string | null): string => (s === null ? 'Not set' : s === 'midline' || s === 'n/a' ? 'n/a (midline)' : SIDE_WORD[s as NoteSide]);

export function ExportDialog({ initialFormats, onClose }: { initialFormats: readonly NoteFormat[]; onClose(): void }) {
  const id = useId();
  const plan = useCase((s) => s.history.present);
  const note = NoteSchema.parse(plan.note ?? {});
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const blockName = note.procedure.blockName ?? t?.nomenclature.standardName ?? t?.name ?? 'No block chosen';
  const approach = t?.approaches.find((a) => a.id === plan.block.approach)?.name;
  const [side, setSide] = useState<NoteSide | undefined>(undefined);
  const [formats, setFormats] = useState<Set<NoteFormat>>(() => new Set(initialFormats));
  const [by, setBy] = useState(note.staff.operator ?? '');
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const progress = useNoteUi((s) => s.progress);
  const busy = progress !== null;
  const chosen = ALL_FORMATS.filter((f) => formats.has(f));
  const typedSide = note.procedure.side;

  const toEditor = () => {
    onClose();
    useNoteUi.getState().openEditor();
  };
  const run = async (opts: { srIdentity?: 'clips'; formats?: NoteFormat[] } = {}) => {
    setOutcome(null);
    setOutcome(await exportNoteFormats(opts.formats ?? chosen, side, by, { srIdentity: opts.srIdentity }));
  };

  if (outcome?.kind === 'done') {
    return (
      <Modal title="Note exported" onClose={onClose}>
        <ul className="export-results">
          {outcome.results.map((r) => (
            <li key={r.format} className={r.path ? 'ok' : r.cancelled ? 'cancelled' : 'failed'}>
              <StatusIcon kind={r.path ? 'ok' : r.cancelled ? 'info' : 'error'} /> <strong>{FORMAT_INFO[r.format].label}</strong>{' '}
              {r.path ? `saved as ${r.path}` : r.cancelled ? 'not saved (cancelled)' : `failed: ${r.error?.title ?? 'unknown error'}`}
            </li>
          ))}
        </ul>
        <p className="dialog-text muted">The side check at export is recorded in the note and in each file, as an export check.</p>
        <div className="dialog-actions">
          <button type="button" className="primary-button" onClick={onClose}>
            Done
          </button>
        </div>
      </Modal>
    );
  }

  const refused = outcome?.kind === 'refused' ? outcome.error : null;
  return (
    <Modal title="Side check before export" onClose={onClose} wide>
      <div className="sbyb">
        <div className="sbyb-block">
          <div className="sbyb-block-name">{blockName}</div>
          <div className="sbyb-block-meta">{[plan.block.level, approach].filter(Boolean).join(' · ') || ' '}</div>
          <div className="sbyb-planned">
            <span className="sbyb-planned-label">Planned side</span>
            <span className={`sbyb-planned-side${plan.block.side === null ? ' unset' : ''}`} data-testid="sbyb-planned-side">
              {planSideWord(plan.block.side)}
            </span>
          </div>
          {typedSide !== undefined && planSideWord(plan.block.side) !== SIDE_WORD[typedSide] && (
            <p className="sbyb-note-side">
              <StatusIcon kind="caution" /> The note’s Procedure says <strong>{SIDE_WORD[typedSide]}</strong>.
            </p>
          )}
        </div>

        <p className="sbyb-stop" data-testid="sbyb-stop-moment">
          <StatusIcon kind={note.preChecks.stopMomentDone === 'yes' ? 'ok' : 'info'} /> Stop moment before needle insertion:{' '}
          <strong>{stopMomentText(note.preChecks)}</strong>
          {note.preChecks.stopMomentDone === undefined && ' — record it under Pre-checks if it was done.'}
        </p>

        <fieldset className="sbyb-sides" disabled={busy}>
          <legend>Check the consent form and the site mark. Which side do you state for this export?</legend>
          <div className="sbyb-side-options">
            {SIDES.map((s) => (
              <label key={s} className={`sbyb-side${side === s ? ' chosen' : ''}`}>
                <input
                  type="radio"
                  name={`${id}-side`}
                  value={s}
                  checked={side === s}
                  onChange={() => {
                    setSide(s);
                    setOutcome(null);
                  }}
                />
                <span>{SIDE_WORD[s]}</span>
              </label>
            ))}
          </div>
        </fieldset>

        {refused && (
          <div className="sbyb-refused" role="alert">
            <p className="sbyb-refused-title">
              <StatusIcon kind="over" size={18} />{' '}
              {isSideError(refused) ? 'Export stopped: the sides disagree.' : 'Export stopped.'}
            </p>
            <p>{refused.title}</p>
            {isSideError(refused) && refused.conflicts.length > 0 && (
              <>
                <p className="sbyb-h">What disagrees</p>
                <ul>
                  {refused.conflicts.map((c, i) => (
                    <li key={i}>
                      {conflictText(c)} You stated <strong>{side ? SIDE_WORD[side] : 'nothing'}</strong>.
                    </li>
                  ))}
                </ul>
                <p className="sbyb-h">How to resolve</p>
                <ol>
                  {resolutionSteps(refused.conflicts).map((s) => (
                    <li key={s}>{s}</li>
                  ))}
                </ol>
              </>
            )}
            {!isSideError(refused) && refused.action && <p>{refused.action}</p>}
            {refused.code === 'note/sr-identity-differs' && (
              <div className="dialog-actions sbyb-choices">
                <button type="button" className="secondary-button" onClick={() => void run({ srIdentity: 'clips' })}>
                  Write the SR with the clips’ patient
                </button>
                {chosen.length > 1 && (
                  <button
                    type="button"
                    className="secondary-button"
                    onClick={() => {
                      const without = chosen.filter((f) => f !== 'sr');
                      setFormats(new Set(without));
                      void run({ formats: without });
                    }}
                  >
                    Export without the SR
                  </button>
                )}
                <button type="button" className="secondary-button" onClick={toEditor}>
                  Correct the note
                </button>
              </div>
            )}
            {refused.code === 'note/invalid' && (
              <button type="button" className="secondary-button" onClick={toEditor}>
                Open the note editor
              </button>
            )}
          </div>
        )}

        <div className="sbyb-options">
          <div className="nf-field">
            <label htmlFor={`${id}-by`}>Side stated by</label>
            <input id={`${id}-by`} type="text" value={by} onChange={(e) => setBy(e.target.value)} disabled={busy} placeholder="name (optional)" />
          </div>
          <fieldset className="sbyb-formats" disabled={busy}>
            <legend>Formats</legend>
            {ALL_FORMATS.map((f) => (
              <label key={f}>
                <input
                  type="checkbox"
                  checked={formats.has(f)}
                  onChange={(e) => {
                    const next = new Set(formats);
                    if (e.target.checked) next.add(f);
                    else next.delete(f);
                    setFormats(next);
                  }}
                />{' '}
                {FORMAT_INFO[f].label}
              </label>
            ))}
          </fieldset>
        </div>

        {progress && (
          <div className="note-progress" role="status">
            <progress max={progress.total} value={progress.done} aria-label="Export progress" /> {progress.label}
          </div>
        )}

        <div className="dialog-actions">
          <button type="button" className="secondary-button" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="button" className="primary-button" disabled={!side || chosen.length === 0 || busy} onClick={() => void run()}>
            {side ? `Check ${SIDE_WORD[side].replace(' (midline)', '')} and export ${chosen.length === 1 ? FORMAT_INFO[chosen[0]!].short : `${chosen.length} files`}` : 'Choose the side to export'}
          </button>
        </div>
      </div>
    </Modal>
  );
}
