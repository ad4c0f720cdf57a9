/**
 * The preload: the only code that touches ipcRenderer. It exposes `window.blockplan`, one named
 * function per channel of the IPC contract (never a generic invoke), plus menu subscriptions.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import {
  CHANNELS,
  MENU_CHANNEL,
  MENU_COMMANDS,
  OPEN_RECENT_CHANNEL,
  wireName,
  type BlockPlanApi,
  type MenuCommand,
} from '../ipc-contract';

const api = Object.fromEntries(
  CHANNELS.map((c) => [c, (request: unknown) => ipcRenderer.invoke(wireName(c), request ?? null)]),
) as Omit<BlockPlanApi, 'onMenuCommand' | 'onOpenRecent' | 'pathForFile'>;

const exposed: BlockPlanApi = {
  ...api,
  onMenuCommand(listener) {
    const fn = (_e: unknown, c: unknown) => {
      if (typeof c === 'string' && (MENU_COMMANDS as readonly string[]).includes(c)) listener(c as MenuCommand);
    };
    ipcRenderer.on(MENU_CHANNEL, fn);
    return () => ipcRenderer.removeListener(MENU_CHANNEL, fn);
  },
  onOpenRecent(listener) {
    const fn = (_e: unknown, p: unknown) => {
      if (typeof p === 'string') listener(p);
    };
    ipcRenderer.on(OPEN_RECENT_CHANNEL, fn);
    return () => ipcRenderer.removeListener(OPEN_RECENT_CHANNEL, fn);
  },
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file as File);
    } catch {
      return '';
    }
  },
};

contextBridge.exposeInMainWorld('blockplan', exposed);
