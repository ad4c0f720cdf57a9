import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, RecentFile } from '../ipc-contract';

export interface MenuHandlers {
  command(c: MenuCommand): void;
  openRecent(path: string): void;
  clearRecent(): void;
}

/**
 * The native menu. Items dispatch named commands to the renderer's command registry, so menu,
 * toolbar and keyboard shortcuts run the same code. Accelerators mirror the renderer's shortcuts.
 */
export function menuTemplate(h: MenuHandlers, recent: readonly RecentFile[], isMac: boolean): MenuItemConstructorOptions[] {
  const cmd = (label: string, c: MenuCommand, accelerator?: string): MenuItemConstructorOptions => ({
    label,
    click: () => h.command(c),
    ...(accelerator ? { accelerator } : {}),
  });
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? [
        ...recent.slice(0, 10).map((r) => ({ label: r.name, toolTip: r.path, click: () => h.openRecent(r.path) })),
        { type: 'separator' as const },
        { label: 'Clear recent files', click: () => h.clearRecent() },
      ]
    : [{ label: 'No recent files', enabled: false }];
  return [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        cmd('Open DICOM…', 'file.openDicom', 'CmdOrCtrl+O'),
        cmd('Open 3D model…', 'file.openModel', 'CmdOrCtrl+Shift+M'),
        cmd('Open case…', 'file.openCase', 'CmdOrCtrl+Shift+O'),
        { label: 'Recent files', submenu: recentItems },
        { type: 'separator' },
        cmd('Save case', 'file.saveCase', 'CmdOrCtrl+S'),
        cmd('Save case as…', 'file.saveCaseAs', 'CmdOrCtrl+Shift+S'),
        { type: 'separator' },
        cmd('Export note…', 'file.exportNote', 'CmdOrCtrl+E'),
        cmd('Publish as teaching page…', 'file.publishTeaching'),
        { type: 'separator' },
        isMac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    {
      label: 'Edit',
      submenu: [
        cmd('Undo', 'edit.undo', 'CmdOrCtrl+Z'),
        cmd('Redo', 'edit.redo', isMac ? 'Cmd+Shift+Z' : 'Ctrl+Y'),
        { type: 'separator' },
        { role: 'cut' },
        { role: 'copy' },
        { role: 'paste' },
        { role: 'selectAll' },
      ],
    },
    {
      label: 'View',
      submenu: [
        cmd('2D clip', 'view.2d', 'CmdOrCtrl+1'),
        cmd('3D anatomy', 'view.3d', 'CmdOrCtrl+2'),
        cmd('Split 2D | 3D', 'view.split', 'CmdOrCtrl+3'),
        { type: 'separator' },
        cmd('Zoom in', 'view.zoomIn', 'CmdOrCtrl+='),
        cmd('Zoom out', 'view.zoomOut', 'CmdOrCtrl+-'),
        cmd('Fit to window', 'view.zoomFit', 'CmdOrCtrl+0'),
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    {
      label: 'Help',
      submenu: [cmd('Keyboard shortcuts', 'help.shortcuts', 'F1'), cmd('About BlockPlan', 'help.about')],
    },
  ];
}
