import type { BlockPlanApi } from '../../electron/ipc-contract';
import { browserBridge } from './browser';
import { electronBridge } from './electron';
import type { Bridge } from './types';

export type { Bridge } from './types';

declare global {
  interface Window {
    /** Present only in the desktop app (exposed by the preload). */
    blockplan?: BlockPlanApi;
  }
}

let instance: Bridge | null = null;

/** The platform bridge: Electron when the preload exposed its API, the browser implementation otherwise. */
export function bridge(): Bridge {
  instance ??= window.blockplan ? electronBridge(window.blockplan) : browserBridge();
  return instance;
}

/** Tests only: replace the bridge. */
export function setBridgeForTests(b: Bridge | null): void {
  instance = b;
}
