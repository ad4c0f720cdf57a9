/**
 * The preload: the only code that touches ipcRenderer. It exposes `window.blockplan`, one named
 * function per channel of the IPC contract (never a generic invoke), plus menu subscriptions.
 * A drop is the one request it builds itself: the renderer hands over the dropped `File` objects,
 * and the preload resolves their paths (webUtils.getPathForFile) and proves them (./drop.ts).
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
  type PreloadBuiltChannel,
} from '../ipc-contract';
import { dropClaims } from './drop';

const PRELOAD_BUILT: readonly string[] = ['readDropped'] satisfies PreloadBuiltChannel[];

const api = Object.fromEntries(
  CHANNELS.filter((c) => !PRELOAD_BUILT.includes(c)).map((c) => [c, (request: unknown) => ipcRenderer.invoke(wireName(c), request ?? null)]),
) as Omit<BlockPlanApi, 'onMenuCommand' | 'onOpenRecent' | PreloadBuiltChannel>;

const exposed: BlockPlanApi = {
  ...api,
  async readDropped(files) {
    const items = await dropClaims(Array.isArray(files) ? files : [], (f) => webUtils.getPathForFile(f as File), crypto.subtle);
    if (items.length === 0) return { ok: true, value: [] };
    return ipcRenderer.invoke(wireName('readDropped'), { items });
  },
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
};

contextBridge.exposeInMainWorld('blockplan', exposed);
