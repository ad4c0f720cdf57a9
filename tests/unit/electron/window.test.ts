import { describe, expect, it, vi } from 'vitest';

const created = vi.hoisted(() => [] as Record<string, unknown>[]);
vi.mock('electron', () => ({
  BrowserWindow: class {
    constructor(options: Record<string, unknown>) {
      created.push(options);
    }
  },
}));

const { createMainWindow } = await import('../../../electron/main/window');
const { isAppUrl } = await import('../../../electron/main/origin');

describe('main window security baseline', () => {
  createMainWindow('/app/dist-electron/preload.cjs');
  const prefs = created[0]!.webPreferences as Record<string, unknown>;

  it('is sandboxed, context-isolated, without Node, with web security', () => {
    expect(prefs.sandbox).toBe(true);
    expect(prefs.contextIsolation).toBe(true);
    expect(prefs.nodeIntegration).toBe(false);
    expect(prefs.nodeIntegrationInWorker).toBe(false);
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.webviewTag).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs.navigateOnDragDrop).toBe(false);
    expect(prefs.disableBlinkFeatures).toBe('Auxclick');
    expect(created[0]!.show).toBe(false); // shown on ready-to-show, no white flash
  });

  it('uses the given preload', () => {
    expect(prefs.preload).toBe('/app/dist-electron/preload.cjs');
  });

  it('recognises only the app origin', () => {
    expect(isAppUrl('app://blockplan/index.html')).toBe(true);
    expect(isAppUrl('app://blockplan/static/x.js')).toBe(true);
    expect(isAppUrl('app://evil/index.html')).toBe(false);
    expect(isAppUrl('https://blockplan/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('javascript:alert(1)')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});
