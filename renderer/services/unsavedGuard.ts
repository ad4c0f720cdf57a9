import { isCaseDirty } from '../state/case';

/**
 * Leaving with unsaved changes asks first. The page's `beforeunload` is cancelled while the case
 * has unsaved changes: the browser then asks "Leave site?" itself, and on the desktop the main
 * process sees `will-prevent-unload` and asks in a native dialog (electron/main/quit.ts). The
 * autosave still runs on unload, so even "leave anyway" keeps a recovery copy.
 * Returns a function that stops guarding.
 */
export function startUnsavedGuard(target: Pick<Window, 'addEventListener' | 'removeEventListener'> = window, dirty: () => boolean = () => isCaseDirty()): () => void {
  const onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (!dirty()) return;
    e.preventDefault();
    e.returnValue = ''; // older Chromium (and Electron) look at returnValue
  };
  target.addEventListener('beforeunload', onBeforeUnload);
  return () => target.removeEventListener('beforeunload', onBeforeUnload);
}
