/** Shared by the main-process handler tests. */
import path from 'node:path';
import { vi } from 'vitest';
import { Grants } from '../../../electron/main/grants';
import type { HandlerContext } from '../../../electron/main/ipc';
import { AppStore } from '../../../electron/main/store';

/** Handler context with Electron's dialogs as test doubles (cancelled unless a test says otherwise). */
export function context(dir: string, over: Partial<HandlerContext> = {}): HandlerContext {
  return {
    appInfo: () => ({ version: '0.1.0', platform: 'linux', electron: '45.0.0', chrome: '1' }),
    grants: new Grants(),
    store: new AppStore(path.join(dir, 'userdata')),
    showOpenDialog: vi.fn(async () => []),
    showSaveDialog: vi.fn(async () => null),
    confirmFolders: vi.fn(async () => false),
    recentChanged: vi.fn(),
    ...over,
  };
}
