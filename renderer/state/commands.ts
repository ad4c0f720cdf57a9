import { create } from 'zustand';

/**
 * One registry of named commands. The toolbar, keyboard shortcuts and the native menu all dispatch
 * commands by id (after OHIF's CommandsManager), so each action has one implementation, one label
 * and one shortcut shown everywhere.
 */
export interface Command {
  id: string;
  label: string;
  /** Group in the shortcuts dialog. */
  group: 'File' | 'Edit' | 'View' | 'Cine' | 'Tools' | 'Plan' | 'Help';
  /**
   * Shortcut in a normalised form: modifiers `Mod` (Ctrl, or ⌘ on macOS), `Shift`, `Alt`, then the
   * key as in KeyboardEvent.key (`Space` for ' '), e.g. `Mod+Z`, `Shift+?`, `ArrowLeft`, `L`.
   */
  shortcut?: string;
  run(): void;
  enabled?(): boolean;
  /** Why it is disabled now, for the user (a button's tooltip and description; said when its key is pressed). */
  disabledReason?(): string | null;
}

interface CommandsState {
  commands: Record<string, Command>;
  /**
   * Add commands; returns the function that removes them. Each id has one owner: registering an id
   * that is registered already throws (two implementations of one action are a bug, and the later
   * one would silently win). Re-register by removing first (e.g. to change a label).
   */
  register(cmds: Command[]): () => void;
}

export const useCommands = create<CommandsState>((set, get) => ({
  commands: {},
  register(cmds) {
    const taken = cmds.filter((c) => get().commands[c.id]).map((c) => c.id);
    if (taken.length) throw new Error(`Commands registered twice: ${taken.join(', ')}. Each command has one owner (renderer/state/commands.ts).`);
    set((s) => ({ commands: { ...s.commands, ...Object.fromEntries(cmds.map((c) => [c.id, c])) } }));
    return () => {
      const current = { ...get().commands };
      for (const c of cmds) if (current[c.id] === c) delete current[c.id];
      set({ commands: current });
    };
  },
}));

export function dispatch(id: string): boolean {
  const c = useCommands.getState().commands[id];
  if (!c || (c.enabled && !c.enabled())) return false;
  c.run();
  return true;
}

const isMac = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);

/** Normalise a keyboard event to the shortcut form used by commands. */
export function eventToShortcut(e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): string {
  let key = e.key === ' ' ? 'Space' : e.key.length === 1 ? e.key.toUpperCase() : e.key;
  const mods: string[] = [];
  if (isMac ? e.metaKey : e.ctrlKey) mods.push('Mod');
  // Shift is implied by printable symbols like '?' and '+'; only record it for letters and named keys.
  if (e.shiftKey && (/^[A-Z]$/.test(key) || key.length > 1)) mods.push('Shift');
  if (e.altKey) mods.push('Alt');
  if (key === '+') key = '=';
  return [...mods, key].join('+');
}

/** Human-readable shortcut for display (⌘ on macOS, Ctrl elsewhere). */
export function displayShortcut(s: string): string {
  return s
    .split('+')
    .map((p) => (p === 'Mod' ? (isMac ? '⌘' : 'Ctrl') : p === 'ArrowLeft' ? '←' : p === 'ArrowRight' ? '→' : p === 'ArrowUp' ? '↑' : p === 'ArrowDown' ? '↓' : p === '=' ? '+' : p))
    .join(isMac ? '' : '+');
}

/** Find the command bound to a keyboard event, if any. */
export function commandForEvent(e: KeyboardEvent): Command | undefined {
  const s = eventToShortcut(e);
  return Object.values(useCommands.getState().commands).find((c) => c.shortcut === s || c.shortcut?.split(' or ').includes(s));
}
