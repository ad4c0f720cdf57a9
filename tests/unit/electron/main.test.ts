/**
 * The Electron main process with Electron mocked (after Electron Fiddle's tests/setup.ts): checks
 * the lifecycle wiring — secure window, permissions denied, navigation and window.open blocked,
 * every IPC channel registered, the app loaded from its own protocol.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS, wireName } from '../../../electron/ipc-contract';

const h = vi.hoisted(() => {
  const listeners: Record<string, ((...a: unknown[]) => void)[]> = {};
  const state = {
    listeners,
    windows: [] as { options: Record<string, unknown>; url: string | null }[],
    handled: [] as string[],
    permissionRequest: null as null | ((wc: unknown, p: string, cb: (ok: boolean) => void) => void),
    permissionCheck: null as null | (() => boolean),
    beforeRequest: null as null | ((d: { url: string }, cb: (r: { cancel: boolean }) => void) => void),
    schemes: [] as unknown[],
    protocolHandled: [] as string[],
    menuBuilt: false,
    webContentsListeners: {} as Record<string, (...a: unknown[]) => void>,
    readyResolve: null as null | (() => void),
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    webContents = { mainFrame: {}, send: vi.fn(), on: (ev: string, fn: (...a: unknown[]) => void) => void (h.webContentsListeners[ev] = fn) };
    private rec: { options: Record<string, unknown>; url: string | null };
    constructor(options: Record<string, unknown>) {
      this.rec = { options, url: null };
      h.windows.push(this.rec);
    }
    once() {}
    on() {}
    show() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      this.rec.url = url;
    }
    static getAllWindows() {
      return h.windows;
    }
  }
  const ready = new Promise<void>((r) => (h.readyResolve = r));
  return {
    app: {
      getAppPath: () => '/opt/blockplan',
      getPath: () => '/tmp/blockplan-test-userdata',
      getVersion: () => '0.1.0',
      requestSingleInstanceLock: () => true,
      quit: vi.fn(),
      whenReady: () => ready,
      on: (ev: string, fn: (...a: unknown[]) => void) => {
        (h.listeners[ev] ??= []).push(fn);
      },
    },
    BrowserWindow,
    ipcMain: { handle: (c: string) => void h.handled.push(c) },
    Menu: { setApplicationMenu: () => void (h.menuBuilt = true), buildFromTemplate: (t: unknown) => t },
    dialog: { showOpenDialog: vi.fn(), showSaveDialog: vi.fn(), showMessageBox: vi.fn(), showMessageBoxSync: vi.fn() },
    net: { fetch: vi.fn() },
    shell: { openExternal: vi.fn() },
    safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() }, // PACS secrets (electron/main/pacs-settings.ts)
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => void h.schemes.push(...s),
      handle: (scheme: string) => void h.protocolHandled.push(scheme),
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: typeof h.permissionRequest) => void (h.permissionRequest = fn),
        setPermissionCheckHandler: (fn: typeof h.permissionCheck) => void (h.permissionCheck = fn),
        setDevicePermissionHandler: vi.fn(),
        webRequest: { onBeforeRequest: (fn: typeof h.beforeRequest) => void (h.beforeRequest = fn) },
      },
      fromPartition: () => ({ fetch: vi.fn() }), // the PACS session (electron/main/pacs.ts)
    },
  };
});

beforeAll(async () => {
  await import('../../../electron/main/index');
  h.readyResolve!();
  await new Promise((r) => setTimeout(r, 50));
});

describe('Electron main process (mocked Electron)', () => {
  it('registers the app:// scheme as standard and secure before ready', () => {
    expect(h.schemes).toEqual([expect.objectContaining({ scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) })]);
    expect(h.protocolHandled).toEqual(['app']);
  });

  it('opens one secure window on the app origin', () => {
    expect(h.windows).toHaveLength(1);
    const w = h.windows[0]!;
    expect(w.url).toBe('app://blockplan/index.html');
    const prefs = w.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(prefs.preload)).toMatch(/preload\.cjs$/);
  });

  it('registers every IPC channel', () => {
    expect([...h.handled].sort()).toEqual(CHANNELS.map(wireName).sort());
  });

  it('denies every permission request and check', () => {
    const cb = vi.fn();
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal']) h.permissionRequest!(null, p, cb);
    expect(cb.mock.calls.every(([ok]) => ok === false)).toBe(true);
    expect(h.permissionCheck!()).toBe(false);
  });

  it('cancels every network request that is not the app itself', () => {
    const verdict = (url: string) => {
      let cancel = false;
      h.beforeRequest!({ url }, (r) => (cancel = r.cancel));
      return cancel;
    };
    expect(verdict('https://example.com/x.js')).toBe(true);
    expect(verdict('http://127.0.0.1:8080/')).toBe(true);
    expect(verdict('file:///etc/passwd')).toBe(true);
    expect(verdict('app://blockplan/static/a.js')).toBe(false);
    expect(verdict('blob:app://blockplan/123')).toBe(false);
  });

  it('blocks window.open, navigation away, redirects and webviews', () => {
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = {
      setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn),
      on: (ev: string, fn: (...a: unknown[]) => void) => void (handlers[ev] = fn),
    };
    for (const fn of h.listeners['web-contents-created'] ?? []) fn({}, contents);
    expect(openHandler!({ url: 'https://evil.example' }).action).toBe('deny');
    expect(openHandler!({ url: 'app://blockplan/index.html' }).action).toBe('deny');
    const nav = (ev: string, url: string) => {
      const e = { preventDefault: vi.fn() };
      handlers[ev]!(e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    expect(nav('will-navigate', 'https://evil.example/')).toBe(true);
    expect(nav('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(nav('will-navigate', 'app://blockplan/index.html')).toBe(false);
    expect(nav('will-redirect', 'https://evil.example/')).toBe(true);
    const wv = { preventDefault: vi.fn() };
    handlers['will-attach-webview']!(wv);
    expect(wv.preventDefault).toHaveBeenCalled();
  });

  it('opens a template source in the browser only after a click the main process saw (item 13)', async () => {
    const { shell } = await import('electron');
    const { SOURCES } = await import('../../../core/blocks/index');
    const source = Object.values(SOURCES).flatMap((s) => s.urls).find((u) => u.startsWith('https://'))!;
    const handlers: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | null = null;
    const contents = { setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn), on: (ev: string, fn: (...a: unknown[]) => void) => void (handlers[ev] = fn) };
    for (const fn of h.listeners['web-contents-created'] ?? []) fn({}, contents);
    const open = vi.mocked(shell.openExternal);
    open.mockClear();
    expect(openHandler!({ url: source }).action).toBe('deny');
    expect(open).not.toHaveBeenCalled();
    handlers['before-mouse-event']!({}, { type: 'mouseUp' });
    expect(openHandler!({ url: 'https://evil.example/' }).action).toBe('deny');
    expect(open).not.toHaveBeenCalled();
    expect(openHandler!({ url: source }).action).toBe('deny');
    expect(open).toHaveBeenCalledWith(new URL(source).href);
  });

  it('closing with unsaved changes asks in a native dialog; only “Quit without saving” lets it close (item 14)', async () => {
    const { dialog } = await import('electron');
    const ask = vi.mocked(dialog.showMessageBoxSync);
    const unload = h.webContentsListeners['will-prevent-unload']!;
    expect(unload).toBeTypeOf('function');
    ask.mockReturnValueOnce(0); // Keep working
    const keep = { preventDefault: vi.fn() };
    unload(keep);
    expect(keep.preventDefault).not.toHaveBeenCalled();
    ask.mockReturnValueOnce(1); // Quit without saving
    const quit = { preventDefault: vi.fn() };
    unload(quit);
    expect(quit.preventDefault).toHaveBeenCalled();
    const opts = ask.mock.calls[0]!.at(-1) as { buttons: string[]; message: string; cancelId: number };
    expect(opts.buttons).toEqual(['Keep working', 'Quit without saving']);
    expect(opts.cancelId).toBe(0);
    expect(opts.message).toMatch(/unsaved changes/);
  });

  it('builds the native menu', () => {
    expect(h.menuBuilt).toBe(true);
  });
});
