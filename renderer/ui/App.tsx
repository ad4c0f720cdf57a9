import { lazy, Suspense, useCallback, useEffect, useState, type DragEvent } from 'react';
import { bridge } from '../bridge';
import { useCommands, dispatch, type Command } from '../state/commands';
import { useLayout } from '../state/layout';
import { reportError } from '../state/messages';
import { AboutDialog } from './AboutDialog';
import { ErrorBoundary } from './ErrorBoundary';
import { Messages } from './Messages';
import { PlanHost } from './plan/PlanHost'; // plan commands, case files, autosave, plan dialogs
import { NoteHost } from './note/NoteHost'; // note commands (export, LAST) and the note editor/dialogs
import { DeidHost } from './deid/DeidHost'; // de-identify command and dialog (teaching cases)
import { RehearsalHost } from './rehearsal/RehearsalHost'; // rehearsal commands and the learning-curve dialog
import { openWithDialog, routeFiles, routePending } from '../services/fileRouting';
import { useScene3dSetup } from './scene3d/setup'; // 3D commands and the model open handler
import { ShortcutsDialog } from './ShortcutsDialog';
import { StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useGlobalKeys } from './useGlobalKeys';
import { LeftPanel } from './LeftPanel';
import { RightPanel } from './RightPanel';
import { EmptyState } from './EmptyState';
import { useFiles } from '../state/files';
import { useViewerSetup, Viewer2DLazy } from '../viewer2d'; // DICOM open handler, viewer commands, the viewer
import { ViewerOverlay } from './ViewerOverlay'; // the plan's marks and tools, in the viewer's overlay slot

// The heavy viewers load on demand, so the shell shows at once.
const Viewer2D = Viewer2DLazy; // lazy, without suspending once preloaded (renderer/viewer2d/setup.ts)
const Scene3DView = lazy(() => import('./scene3d/Workspace').then((m) => ({ default: m.Scene3DWorkspace })));

/** Commands the shell itself implements; later parts of the app register or replace the others. */
function useShellCommands(): void {
  const register = useCommands((s) => s.register);
  useEffect(() => {
    const layout = useLayout.getState;
    const cmds: Command[] = [
      { id: 'file.openDicom', label: 'Open DICOM…', group: 'File', shortcut: 'Mod+O', run: () => void openWithDialog('dicom') },
      { id: 'file.openDicomFolder', label: 'Open DICOM folder…', group: 'File', run: () => void openWithDialog('dicom', { folder: true }) },
      { id: 'file.openModel', label: 'Open 3D model…', group: 'File', shortcut: 'Mod+Shift+M', run: () => void openWithDialog('model') },
      { id: 'file.openCase', label: 'Open case…', group: 'File', shortcut: 'Mod+Shift+O', run: () => void openWithDialog('case') },
      { id: 'view.2d', label: '2D clip view', group: 'View', shortcut: 'Mod+1', run: () => layout().setView('2d') },
      { id: 'view.3d', label: '3D anatomy view', group: 'View', shortcut: 'Mod+2', run: () => layout().setView('3d') },
      { id: 'view.split', label: 'Split 2D and 3D', group: 'View', shortcut: 'Mod+3', run: () => layout().setView('split') },
      { id: 'view.toggleLeft', label: 'Show or hide the files panel', group: 'View', shortcut: 'Mod+B', run: () => layout().toggleLeft() },
      { id: 'view.toggleRight', label: 'Show or hide the plan panel', group: 'View', shortcut: 'Mod+J', run: () => layout().toggleRight() },
      { id: 'help.shortcuts', label: 'Keyboard shortcuts', group: 'Help', shortcut: '? or F1', run: () => layout().openDialog('shortcuts') },
      { id: 'help.about', label: 'About BlockPlan', group: 'Help', run: () => layout().openDialog('about') },
    ];
    return register(cmds);
  }, [register]);
}

export function App() {
  useShellCommands();
  useViewerSetup();
  useScene3dSetup();
  useGlobalKeys();
  const { view, dialog, openDialog, leftOpen, rightOpen } = useLayout();
  const hasFiles = useFiles((s) => s.files.length > 0);
  const [dragging, setDragging] = useState(false);

  // Native menu (desktop) → the same commands.
  useEffect(() => bridge().onMenuCommand((c) => dispatch(c)), []);
  useEffect(
    () =>
      bridge().onOpenRecent(async (p) => {
        const r = await bridge().readFile(p);
        if (r.ok) await routeFiles([r.value]);
        else reportError(r.error);
      }),
    [],
  );

  const onDragOver = useCallback((e: DragEvent) => {
    if (!e.dataTransfer.types.includes('Files')) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'copy';
    setDragging(true);
  }, []);
  const onDrop = useCallback(async (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const b = bridge();
    if (b.pendingFromDrop) {
      // Read one file at a time (a dropped study folder shows its first clip before the rest are read).
      const p = await b.pendingFromDrop(e.dataTransfer);
      if (!p.ok) reportError(p.error);
      else if (p.value.length) await routePending(p.value);
      return;
    }
    const r = await b.filesFromDrop(e.dataTransfer);
    if (!r.ok) reportError(r.error);
    else if (r.value.length) await routeFiles(r.value);
  }, []);

  const closeDialog = useCallback(() => openDialog(null), [openDialog]);
  const show2d = view === '2d' || view === 'split';
  const show3d = view === '3d' || view === 'split';

  return (
    <div
      className={`app${leftOpen ? '' : ' no-left'}${rightOpen ? '' : ' no-right'}`}
      onDragOver={onDragOver}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={(e) => void onDrop(e)}
    >
      <Toolbar />
      {leftOpen && <LeftPanel />}
      <main className={`viewport view-${view}`} aria-label="Viewport">
        {show2d && (
          <section className="viewport-pane" aria-label="2D clip">
            <ErrorBoundary label="2D viewer">
              <Suspense fallback={<div className="pane-loading">Loading viewer…</div>}>{hasFiles ? <Viewer2D overlay={ViewerOverlay} /> : <EmptyState />}</Suspense>
            </ErrorBoundary>
          </section>
        )}
        {show3d && (
          <section className="viewport-pane" aria-label="3D anatomy">
            <ErrorBoundary label="3D view">
              <Suspense fallback={<div className="pane-loading">Loading 3D anatomy…</div>}>
                <Scene3DView />
              </Suspense>
            </ErrorBoundary>
          </section>
        )}
      </main>
      {rightOpen && <RightPanel />}
      <StatusBar />
      <Messages />
      <PlanHost />
      <NoteHost />
      <DeidHost />
      <RehearsalHost />
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          Drop to open
        </div>
      )}
      {dialog === 'shortcuts' && <ShortcutsDialog onClose={closeDialog} />}
      {dialog === 'about' && <AboutDialog onClose={closeDialog} />}
    </div>
  );
}
