/**
 * The note editor: a workspace over the viewer with the form (sections) on the left and the live
 * preview (what the exports will say) on the right. Prefilled from the case; every edit is an
 * undoable plan edit. "Export…" opens Stop Before You Block.
 */
import { useEffect, useId, useRef, type KeyboardEvent } from 'react';
import { noteKindOf } from '../../../core/app/index';
import { getBlockTemplate } from '../../../core/blocks/index';
import { noteDose } from '../../../core/notes/doseCalc';
import { SIDE_WORD, useNoteUi } from '../../state/note';
import { Icon } from '../Icon';
import { DoseLevelBadge } from './DosePanel';
import { NoteForm } from './fields';
import { useKeyImagesFor, useNoteModel } from './model';
import { NotePreview } from './NotePreview';
import { NoteSections, SECTIONS, sectionDomId } from './NoteSections';

/** The preview section (core/notes content ids) showing each form section. */
const PREVIEW_SECTION: Record<string, string> = { assessment: 'outcome' };
import { StatusIcon } from './icons';

export function NoteEditor() {
  const titleId = useId();
  const model = useNoteModel();
  const { plan, note, measurements } = model;
  const ki = useKeyImagesFor(model);
  const invalid = useNoteUi((s) => s.invalidFields);
  const close = useNoteUi((s) => s.closeEditor);
  const ref = useRef<HTMLDivElement>(null);
  const previewRef = useRef<HTMLElement>(null);
  const shownSection = useRef<string | null>(null);
  const dose = noteDose(note);
  const t = plan.block.templateId ? getBlockTemplate(plan.block.templateId) : undefined;
  const nInvalid = Object.keys(invalid).length;

  useEffect(() => {
    const previous = document.activeElement as HTMLElement | null;
    ref.current?.querySelector<HTMLElement>('h2')?.focus();
    return () => previous?.focus?.();
  }, []);

  /** Keep the preview on the section being edited. */
  const followInPreview = (sectionId: string | undefined) => {
    if (!sectionId || shownSection.current === sectionId) return;
    shownSection.current = sectionId;
    const target = previewRef.current?.querySelector(`[data-section="${PREVIEW_SECTION[sectionId] ?? sectionId}"]`);
    target?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  const sectionOf = (el: EventTarget | null) => (el as HTMLElement | null)?.closest?.('.nf-section')?.id.replace(sectionDomId(''), '');

  // Keys typed here are the editor's: the viewer's single-key shortcuts must not fire under it.
  // Ctrl/⌘ shortcuts (save, undo, export) still reach the app.
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && !e.defaultPrevented) {
      e.stopPropagation();
      close();
      return;
    }
    if (!(e.ctrlKey || e.metaKey) && e.key !== 'F1') e.stopPropagation();
  };

  return (
    <div ref={ref} className="note-editor" role="dialog" aria-modal="false" aria-labelledby={titleId} onKeyDown={onKeyDown}>
      <header className="ne-header">
        <div className="ne-title">
          <h2 id={titleId} tabIndex={-1}>
            Procedure note
          </h2>
          <span className="ne-subtitle">
            {note.procedure.blockName ?? t?.name ?? 'No block chosen'} · {note.procedure.side ? SIDE_WORD[note.procedure.side] : 'side not set'}
          </span>
        </div>
        <div className="ne-status" aria-live="polite">
          {nInvalid > 0 && (
            <span className="ne-invalid">
              <StatusIcon kind="caution" />{' '}
              {nInvalid} field{nInvalid === 1 ? '' : 's'} to correct
            </span>
          )}
          {dose.agents.length > 0 && <DoseLevelBadge level={dose.level} />}
        </div>
        <div className="ne-actions">
          <button type="button" className="secondary-button" onClick={() => useNoteUi.getState().setLastOpen(true)}>
            <Icon name="warn" /> LAST essentials
          </button>
          <button type="button" className="primary-button" onClick={() => useNoteUi.getState().openExport()}>
            <Icon name="note" /> Export note…
          </button>
          <button type="button" className="icon-button" aria-label="Close the note editor" title="Close (Esc)" onClick={close}>
            <Icon name="close" />
          </button>
        </div>
      </header>
      <div className="ne-body">
        <nav className="ne-nav" aria-label="Note sections">
          <ul>
            {SECTIONS.filter((s) => s.id !== 'pain' || noteKindOf(t) === 'pain-procedure').map((s) => (
              <li key={s.id}>
                <button
                  type="button"
                  onClick={() => {
                    document.getElementById(sectionDomId(s.id))?.scrollIntoView({ block: 'start', behavior: 'smooth' });
                    followInPreview(s.id);
                  }}
                >
                  {s.title}
                </button>
              </li>
            ))}
          </ul>
        </nav>
        <form className="ne-form" aria-label="Note fields" onSubmit={(e) => e.preventDefault()} onFocus={(e) => followInPreview(sectionOf(e.target))}>
          <NoteForm.Provider value={{ plan, note }}>
            <NoteSections model={model} />
          </NoteForm.Provider>
        </form>
        <aside className="ne-preview" aria-label="Live preview" ref={previewRef}>
          <div className="ne-preview-head">Preview — what the exports will say</div>
          <NotePreview plan={plan} measurements={measurements} keyImages={ki.images} urls={ki.urls} />
        </aside>
      </div>
    </div>
  );
}
