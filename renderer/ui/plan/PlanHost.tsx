import { useEffect } from 'react';
import { bridge } from '../../bridge';
import { cancelOrDeselect, deleteOrBackspace, finishDrawing } from '../../annotate/actions';
import { useAnnotationKeys } from '../../annotate/keyboard';
import { newCase, openCaseFiles, saveCase } from '../../services/caseFiles';
import { startKeyFrameSync } from '../../services/keyFrameSync';
import { startUnsavedGuard } from '../../services/unsavedGuard';
import { startClipHandleLinks } from '../../services/recentCases';
import { usePlanDialog } from '../../state/planDialogs';
import { TOOL_INFO, useTool } from '../../state/tool';
import { readRecovery, startAutosave } from '../../services/autosave';
import { isCaseDirty, READ_ONLY_REASON, undoState, useCase } from '../../state/case';
import { useCommands, type Command } from '../../state/commands';
import { setOpenHandler } from '../../state/openHandlers';
import { PlanDialogs } from './PlanDialogs';
import './plan.css';

let recoveryChecked = false;

/**
 * The always-mounted part of the plan: its commands (case files, undo/redo, tools, block), the case
 * file hand-off, autosave, the recovery offer on start, the window title, and the plan dialogs.
 */
export function PlanHost() {
  usePlanCommands();
  useUndoCommands();
  useAnnotationKeys();

  useEffect(() => {
    setOpenHandler('case', openCaseFiles);
    return () => setOpenHandler('case', null);
  }, []);

  useEffect(() => startAutosave(bridge()), []);
  useEffect(() => startUnsavedGuard(), []);
  useEffect(() => startKeyFrameSync(), []);
  useEffect(() => startClipHandleLinks(), []);
  // A read-only teaching case opens with the select tool: a drawing tool left on would only be refused.
  const readOnly = useCase((s) => s.readOnly !== null);
  useEffect(() => {
    if (readOnly && useTool.getState().tool !== 'select') useTool.getState().setTool('select');
  }, [readOnly]);

  useEffect(() => {
    if (recoveryChecked) return;
    recoveryChecked = true;
    void readRecovery(bridge()).then((r) => {
      if (!r.ok) usePlanDialog.getState().open({ kind: 'recovery-damaged', error: r.error });
      else if (r.value && !isCaseDirty()) usePlanDialog.getState().open({ kind: 'recovery', recovery: r.value });
    });
  }, []);

  // Window title: the case name, with a dot while there are unsaved changes.
  const name = useCase((s) => s.file.name);
  const dirty = useCase((s) => isCaseDirty(s));
  useEffect(() => {
    document.title = `${dirty ? '• ' : ''}${name ? `${name} — ` : ''}BlockPlan`;
  }, [name, dirty]);

  return <PlanDialogs />;
}

/** Why a published teaching case (teach.html) cannot be saved, or null. */
export const publishedReason = (): string | null => (useCase.getState().readOnly?.published ? 'This published teaching case cannot be saved.' : null);
/** Why a read-only teaching case's plan cannot be changed, or null. */
export const readOnlyReason = (): string | null => (useCase.getState().readOnly ? READ_ONLY_REASON : null);

const noDialog = () => usePlanDialog.getState().dialog === null;

function usePlanCommands(): void {
  const register = useCommands((s) => s.register);
  useEffect(() => {
    const cmds: Command[] = [
      { id: 'file.saveCase', label: 'Save case', group: 'File', shortcut: 'Mod+S', run: () => void saveCase(), enabled: () => !publishedReason(), disabledReason: publishedReason },
      { id: 'file.saveCaseAs', label: 'Save case as…', group: 'File', shortcut: 'Mod+Shift+S', run: () => void saveCase({ saveAs: true, bundle: false }), enabled: () => !publishedReason(), disabledReason: publishedReason },
      { id: 'file.saveCaseBundle', label: 'Save case with its clips (.bpcasez)…', group: 'File', run: () => void saveCase({ saveAs: true, bundle: true }), enabled: () => !publishedReason(), disabledReason: publishedReason },
      { id: 'file.newCase', label: 'New case', group: 'File', run: () => void newCase() },
      { id: 'file.openSample', label: 'Open sample case…', group: 'File', run: () => usePlanDialog.getState().open({ kind: 'samples' }) },
      { id: 'plan.chooseBlock', label: 'Choose block…', group: 'Plan', shortcut: 'Shift+B', run: () => usePlanDialog.getState().open({ kind: 'block-picker' }), enabled: () => !readOnlyReason(), disabledReason: readOnlyReason },
      ...TOOL_INFO.map(
        (t): Command => ({
          id: `tool.${t.id}`,
          label: `${t.label} tool`,
          group: 'Tools',
          shortcut: t.shortcut,
          // Drawing tools add marks: refused, saying why, in a read-only teaching case (selecting stays).
          enabled: () => noDialog() && (t.id === 'select' || !readOnlyReason()),
          disabledReason: () => (t.id === 'select' ? null : readOnlyReason()),
          run: () => useTool.getState().setTool(t.id),
        }),
      ),
      {
        id: 'plan.cancel',
        label: 'Cancel drawing / clear selection',
        group: 'Plan',
        shortcut: 'Escape',
        enabled: () => noDialog() && (!!useTool.getState().draft || !!useCase.getState().selection),
        run: () => void cancelOrDeselect(),
      },
      { id: 'plan.finish', label: 'Finish polyline or contour', group: 'Plan', shortcut: 'Enter', enabled: () => noDialog() && !!useTool.getState().draft, run: () => void finishDrawing() },
      {
        id: 'plan.delete',
        label: 'Delete selected mark (while drawing: remove last vertex)',
        group: 'Plan',
        shortcut: 'Delete or Backspace',
        enabled: () => noDialog() && !readOnlyReason() && (!!useTool.getState().draft || !!useCase.getState().selection),
        // A selected mark of a read-only teaching case: say why it stays (nothing selected: nothing to say).
        disabledReason: () => (useCase.getState().selection ? readOnlyReason() : null),
        run: () => void deleteOrBackspace(),
      },
    ];
    return register(cmds);
  }, [register]);
}

/** Undo/redo, re-registered when their labels change so menus and buttons say what they undo. */
function useUndoCommands(): void {
  const register = useCommands((s) => s.register);
  const undoLabel = useCase((s) => undoState(s.history).undoLabel);
  const redoLabel = useCase((s) => undoState(s.history).redoLabel);
  useEffect(() => {
    const cmds: Command[] = [
      { id: 'edit.undo', label: undoLabel ? `Undo ${undoLabel.toLowerCase()}` : 'Undo', group: 'Edit', shortcut: 'Mod+Z', enabled: () => undoState(useCase.getState().history).canUndo, run: () => useCase.getState().undo() },
      { id: 'edit.redo', label: redoLabel ? `Redo ${redoLabel.toLowerCase()}` : 'Redo', group: 'Edit', shortcut: 'Mod+Shift+Z or Mod+Y', enabled: () => undoState(useCase.getState().history).canRedo, run: () => useCase.getState().redo() },
    ];
    return register(cmds);
  }, [register, undoLabel, redoLabel]);
}
