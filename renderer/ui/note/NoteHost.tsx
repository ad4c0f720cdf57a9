/**
 * The always-mounted part of the note: its commands (`file.exportNote`, Ctrl+E and the native menu;
 * `help.last`, LAST essentials from the toolbar; `note.openEditor`) and its dialogs, which load on
 * first use (the exporters bring pdf-lib and dcmjs) — except LAST essentials, which is always there.
 */
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useCommands, type Command } from '../../state/commands';
import { useNoteUi } from '../../state/note';
import { ErrorBoundary } from '../ErrorBoundary';
// LAST essentials is the emergency card: part of the app from the start, never fetched on demand.
import { LastDialog } from './LastDialog';
import './note.css';

const NoteEditor = lazy(() => import('./NoteEditor').then((m) => ({ default: m.NoteEditor })));
const ExportDialog = lazy(() => import('./ExportDialog').then((m) => ({ default: m.ExportDialog })));

/** Load the editor and export dialog ahead of use (e.g. when the Note tab opens), so they open at once. */
export function prefetchNoteUi(): void {
  // A failed prefetch is ignored here: opening the dialog imports it again and reports a failure there.
  import('./NoteEditor').catch(() => undefined);
  import('./ExportDialog').catch(() => undefined);
}

export function noteCommands(): Command[] {
  const ui = useNoteUi.getState;
  return [
    { id: 'file.exportNote', label: 'Export note… (Stop Before You Block)', group: 'File', shortcut: 'Mod+E', run: () => ui().openExport() },
    { id: 'note.openEditor', label: 'Open the procedure note editor', group: 'Plan', run: () => ui().openEditor() },
    { id: 'help.last', label: 'LAST essentials (local anaesthetic toxicity)', group: 'Help', run: () => ui().setLastOpen(true) },
  ];
}

export function NoteHost() {
  const register = useCommands((s) => s.register);
  useEffect(() => register(noteCommands()), [register]);
  const editorOpen = useNoteUi((s) => s.editorOpen);
  const exportDialog = useNoteUi((s) => s.exportDialog);
  const lastOpen = useNoteUi((s) => s.lastOpen);
  const closeExport = useCallback(() => useNoteUi.getState().closeExport(), []);
  const closeLast = useCallback(() => useNoteUi.getState().setLastOpen(false), []);
  return (
    <>
      {/* One boundary each: a failure in one dialog never closes the note editor under it. */}
      <ErrorBoundary label="note editor">
        <Suspense fallback={null}>{editorOpen && <NoteEditor />}</Suspense>
      </ErrorBoundary>
      <ErrorBoundary label="note export">
        <Suspense fallback={null}>{exportDialog && <ExportDialog initialFormats={exportDialog.formats} onClose={closeExport} />}</Suspense>
      </ErrorBoundary>
      <ErrorBoundary label="LAST essentials">{lastOpen && <LastDialog onClose={closeLast} />}</ErrorBoundary>
    </>
  );
}
