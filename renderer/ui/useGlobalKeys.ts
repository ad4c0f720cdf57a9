import { useEffect } from 'react';
import { commandForEvent } from '../state/commands';
import { useLayout } from '../state/layout';

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
      if (!cmd || (cmd.enabled && !cmd.enabled())) return;
      e.preventDefault();
      cmd.run();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
