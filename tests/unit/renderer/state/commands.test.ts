import { describe, expect, it, vi } from 'vitest';
import { dispatch, eventToShortcut, useCommands } from '../../../../renderer/state/commands';

describe('command registry', () => {
  it('dispatches by id, respects enabled(), and unregisters', () => {
    const run = vi.fn();
    let enabled = false;
    const off = useCommands.getState().register([{ id: 't.x', label: 'X', group: 'Edit', run, enabled: () => enabled }]);
    expect(dispatch('t.x')).toBe(false);
    enabled = true;
    expect(dispatch('t.x')).toBe(true);
    expect(run).toHaveBeenCalledTimes(1);
    off();
    expect(dispatch('t.x')).toBe(false);
  });

  it('refuses a second registration of a registered id (one owner per command), and allows it once removed', () => {
    const off = useCommands.getState().register([{ id: 't.once', label: 'Once', group: 'File', run: () => undefined }]);
    expect(() => useCommands.getState().register([{ id: 't.once', label: 'Again', group: 'File', run: () => undefined }])).toThrow(/t\.once/);
    expect(useCommands.getState().commands['t.once']?.label).toBe('Once');
    off();
    const again = useCommands.getState().register([{ id: 't.once', label: 'Again', group: 'File', run: () => undefined }]);
    expect(useCommands.getState().commands['t.once']?.label).toBe('Again');
    again();
  });

  it('normalises keyboard events to shortcuts', () => {
    const ev = (key: string, m: Partial<KeyboardEvent> = {}) => ({ key, ctrlKey: false, metaKey: false, shiftKey: false, altKey: false, ...m });
    expect(eventToShortcut(ev(' '))).toBe('Space');
    expect(eventToShortcut(ev('z', { ctrlKey: true }))).toBe('Mod+Z');
    expect(eventToShortcut(ev('Z', { ctrlKey: true, shiftKey: true }))).toBe('Mod+Shift+Z');
    expect(eventToShortcut(ev('?', { shiftKey: true }))).toBe('?');
    expect(eventToShortcut(ev('ArrowLeft'))).toBe('ArrowLeft');
    expect(eventToShortcut(ev('+', { shiftKey: true }))).toBe('=');
  });
});
