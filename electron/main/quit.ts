/**
 * Quitting (or reloading) with unsaved changes asks. The renderer cancels `beforeunload` while
 * its case has unsaved changes (renderer/plan/unsavedGuard.ts); Electron then emits
 * `will-prevent-unload` instead of closing, and this asks the user in a native dialog.
 * `event.preventDefault()` lets the window close after all.
 */
import type { MessageBoxSyncOptions } from 'electron';

export const UNSAVED_DIALOG: MessageBoxSyncOptions = {
  type: 'warning',
  buttons: ['Keep working', 'Quit without saving'],
  defaultId: 0,
  cancelId: 0,
  noLink: true,
  title: 'Unsaved changes',
  message: 'The case has unsaved changes. Quit without saving?',
  detail: 'Choose “Keep working”, then File › Save case to keep them. If you quit, an autosaved copy is offered the next time BlockPlan starts.',
};

/** The `will-prevent-unload` handler: ask; let the unload go ahead only when the user chooses to quit. */
export function confirmUnsavedUnload(ask: (opts: MessageBoxSyncOptions) => number): (event: { preventDefault(): void }) => void {
  return (event) => {
    if (ask(UNSAVED_DIALOG) === 1) event.preventDefault();
  };
}
