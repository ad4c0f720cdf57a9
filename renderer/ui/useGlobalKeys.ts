import { useEffect } from 'react';
import { commandForEvent, eventToShortcut } from '../state/commands';
import { useLayout } from '../state/layout';
import { notify } from '../state/messages';

function typingInField(t: EventTarget | null): boolean {
  const el = t as HTMLElement | null;
  if (!el || !el.tagName) return false;
  const tag = el.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable;
}

/** Ctrl/⌘ shortcuts a text field keeps for itself (undo, redo, select all, clipboard). */
const FIELD_KEEPS = new Set(['Mod+Z', 'Mod+Shift+Z', 'Mod+Y', 'Mod+A', 'Mod+C', 'Mod+V', 'Mod+X']);

/**
 * Whether a key pressed in a field may run a command: only Ctrl/⌘ shortcuts (Save, Open, Export…)
 * that the field has no use for. Plain keys (tool letters, Delete, arrows) stay the field's.
 */
export function fieldMayRun(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): boolean {
  const s = eventToShortcut(e);
  return s.startsWith('Mod+') && !FIELD_KEEPS.has(s);
}

/**
 * Route key presses to the command registry (unless the user is typing, or a dialog is open). In a
 * field, Ctrl/⌘ shortcuts still run (fieldMayRun): the field is blurred first so the value typed in
 * it is committed (fields commit on blur), then focused again if it is still there.
 */
export function useGlobalKeys(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented) return;
      const inField = typingInField(e.target);
      if (inField && !fieldMayRun(e)) return;
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
      const field = inField ? (e.target as HTMLElement) : null;
      field?.blur();
      cmd.run();
      if (field?.isConnected) field.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
