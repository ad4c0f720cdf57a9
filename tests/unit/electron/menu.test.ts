import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { MENU_COMMANDS } from '../../../electron/ipc-contract';
import { menuTemplate } from '../../../electron/main/menu';

const labels = (items: MenuItemConstructorOptions[]) => items.map((i) => i.label).filter(Boolean);
const sub = (t: MenuItemConstructorOptions[], label: string) => t.find((i) => i.label === label)!.submenu as MenuItemConstructorOptions[];

describe('native menu', () => {
  const command = vi.fn();
  const t = menuTemplate({ command, openRecent: vi.fn(), clearRecent: vi.fn() }, [{ path: '/c/a.bpcase', name: 'a.bpcase', kind: 'case', openedAt: '2026-01-01T00:00:00Z' }], false);

  it('has File, Edit, View and Help with the items the issue lists', () => {
    expect(labels(t)).toEqual(['File', 'Edit', 'View', 'Help']);
    expect(labels(sub(t, 'File'))).toEqual(expect.arrayContaining(['Open DICOM…', 'Open 3D model…', 'Open case…', 'Save case', 'Save case as…', 'Export note…', 'Recent files']));
    expect(labels(sub(t, 'Edit'))).toEqual(expect.arrayContaining(['Undo', 'Redo']));
    expect(labels(sub(t, 'View'))).toEqual(expect.arrayContaining(['2D clip', '3D anatomy', 'Split 2D | 3D', 'Zoom in', 'Zoom out', 'Fit to window']));
    expect(labels(sub(t, 'Help'))).toEqual(['Keyboard shortcuts', 'About BlockPlan']);
  });

  it('dispatches only known commands', () => {
    const walk = (items: MenuItemConstructorOptions[]) => {
      for (const i of items) {
        if (Array.isArray(i.submenu)) walk(i.submenu);
        else if (i.click && i.label !== 'a.bpcase' && i.label !== 'Clear recent files') (i.click as () => void)();
      }
    };
    walk(t);
    for (const [c] of command.mock.calls) expect(MENU_COMMANDS).toContain(c);
    expect(new Set(command.mock.calls.map(([c]) => c)).size).toBe(MENU_COMMANDS.length);
  });

  it('lists recent files', () => {
    expect(labels(sub(sub(t, 'File'), 'Recent files') as never)).toContain('a.bpcase');
  });
});
