import { useEffect } from 'react';
import { commandForEvent } from '../state/commands';
import { useLayout } from '../state/layout';
import { notify } from '../state/messages';

function typingInField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** Route key presses to the command registry (unless the user is typing, or a dialog is open). */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || typingInField(e.target)) return;
      if (useLayout.getState().dialog) return; // dialogs handle their own keys (Esc closes)
      const cmd = commandForEvent(e);
      if (!cmd) return;
      if (cmd.enabled && !cmd.enabled()) {
        const why = cmd.disabledReason?.();
        if (why) {
          e.preventDefault(); // e.g. Ctrl+S: not the browser's "save page"
          notify(why, 'info');
        }
        return;
      }
      e.preventDefault();
      cmd.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
