/**
 * The Note tab of the plan panel: where the note stands (block, side, planned numbers, dose, key
 * images) and the short path out — open the editor, export (Stop Before You Block first), LAST.
 */
import { useEffect } from 'react';
import { getBlockTemplate } from '../../../core/blocks/index';
import { noteDose } from '../../../core/notes/doseCalc';
import { plannedValue } from '../../../core/notes/content';
import type { NoteFormat } from '../../../core/notes/export/index';
import { ALL_FORMATS, SIDE_WORD, useNoteUi } from '../../state/note';
import { Icon } from '../Icon';
import { DoseSummaryView } from './DosePanel';
import { FORMAT_INFO } from '../../services/noteExport';
import { AnnotatedClipExport, KeyImageThumbs } from './KeyImages';
import { useNoteModel } from './model';
import { prefetchNoteUi } from './NoteHost';
import './note.css';
import { StatusIcon } from './icons';

export function NotePanel() {
  useEffect(prefetchNoteUi, []);
  const model = useNoteModel();
  const { plan, note } = model;
  const invalid = useNoteUi((s) => Object.keys(s.invalidFields).length);
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const dose = noteDose(note);
  const ui = useNoteUi.getState;
  const exportOne = (f: NoteFormat) => ui().openExport({ formats: [f] });

  return (
    <div className="note-panel">
      <section className="np-card" aria-labelledby="np-block">
        <h3 id="np-block" className="np-block">
          {note.procedure.blockName ?? t?.name ?? 'No block chosen'}
        </h3>
        <p className="np-side">
          Side: <strong>{note.procedure.side ? SIDE_WORD[note.procedure.side] : 'not set'}</strong>
          {note.procedure.level ? ` · ${note.procedure.level}` : ''}
        </p>
        <button type="button" className="primary-button np-wide" onClick={() => ui().openEditor()}>
          <Icon name="note" /> Open note editor
        </button>
        {invalid > 0 && (
          <p className="nf-error">
            <StatusIcon kind="caution" />{' '}
            {invalid} field{invalid === 1 ? '' : 's'} to correct in the editor.
          </p>
        )}
      </section>

      <section className="np-section" aria-labelledby="np-planned">
        <h4 id="np-planned">Planned</h4>
        {note.planned.length === 0 ? (
          <p className="muted small">No planned numbers yet (draw a needle path).</p>
        ) : (
          <dl className="np-planned">
            {note.planned.slice(0, 6).map((m, i) => (
              <div key={i}>
                <dt>{m.label}</dt>
                <dd>{plannedValue(m)}</dd>
              </div>
            ))}
          </dl>
        )}
      </section>

      <section className="np-section" aria-labelledby="np-dose">
        <h4 id="np-dose">Local anaesthetic dose</h4>
        {note.injectate.length === 0 ? <p className="muted small">No injectate recorded yet.</p> : <DoseSummaryView dose={dose} compact />}
      </section>

      <section className="np-section" aria-labelledby="np-images">
        <h4 id="np-images">Key images</h4>
        <KeyImageThumbs model={model} limit={4} />
        <AnnotatedClipExport model={model} />
      </section>

      <section className="np-section" aria-labelledby="np-export">
        <h4 id="np-export">Export</h4>
        <button type="button" className="primary-button np-wide" onClick={() => ui().openExport({ formats: ALL_FORMATS })}>
          Export all formats…
        </button>
        <div className="np-formats" role="group" aria-label="Export one format">
          {ALL_FORMATS.map((f) => (
            <button key={f} type="button" className="nf-small-button" aria-label={`Export ${FORMAT_INFO[f].label}…`} onClick={() => exportOne(f)}>
              {FORMAT_INFO[f].short}
            </button>
          ))}
        </div>
        <p className="muted small">Each export asks you to state the side, checked against the plan, the note and the clips (an export check, not the Stop moment).</p>
      </section>

      <section className="np-section">
        <button type="button" className="secondary-button np-wide" onClick={() => ui().setLastOpen(true)}>
          <Icon name="warn" /> LAST essentials (toxicity)
        </button>
      </section>
    </div>
  );
}
