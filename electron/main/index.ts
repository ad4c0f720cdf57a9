import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MENU_CHANNEL, OPEN_RECENT_CHANNEL, type FileKind, type SaveKind } from '../ipc-contract';
import { Grants } from './files';
import { createHandlers, registerHandlers, type SenderInfo } from './ipc';
import { menuTemplate } from './menu';
import { appResponseHeaders, resolveAppPath } from './protocol';
import { AppStore } from './store';
import { APP_SCHEME, APP_URL, isAppUrl } from './origin';
import { createMainWindow } from './window';

/** Where the built renderer and the bundled assets are (inside app.asar when packaged). */
const appRoot = app.getAppPath();
const rendererRoot = path.join(appRoot, 'dist', 'renderer');
const assetsRoot = path.join(appRoot, 'assets');

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true, codeCache: true } },
]);

if (!app.requestSingleInstanceLock()) app.quit();

let mainWindow: BrowserWindow | null = null;
const grants = new Grants();
const store = new AppStore(app.getPath('userData'));

const FILTERS: Record<FileKind, Electron.FileFilter[]> = {
  dicom: [{ name: 'DICOM', extensions: ['dcm', 'dicom', 'dic', '*'] }],
  model: [{ name: '3D models', extensions: ['glb', 'gltf', 'stl', 'obj', 'ply'] }],
  case: [{ name: 'BlockPlan case', extensions: ['bpcase', 'bpcasez'] }],
};
const SAVE_FILTERS: Record<SaveKind, Electron.FileFilter[]> = {
  case: [{ name: 'BlockPlan case', extensions: ['bpcase'] }],
  'case-bundle': [{ name: 'BlockPlan case with clips', extensions: ['bpcasez'] }],
  'note-pdf': [{ name: 'PDF', extensions: ['pdf'] }],
  'note-md': [{ name: 'Markdown', extensions: ['md'] }],
  'note-html': [{ name: 'HTML', extensions: ['html'] }],
  'note-sr': [{ name: 'DICOM SR', extensions: ['dcm'] }],
  'note-fhir': [{ name: 'FHIR JSON', extensions: ['json'] }],
  image: [{ name: 'PNG image', extensions: ['png'] }],
  video: [{ name: 'WebM video', extensions: ['webm'] }],
  'dicom-clip': [{ name: 'DICOM ultrasound clip', extensions: ['dcm'] }],
};

function isTrustedSender(event: SenderInfo): boolean {
  const frame = event.senderFrame;
  if (!frame || !mainWindow || mainWindow.isDestroyed()) return false;
  return frame === (mainWindow.webContents.mainFrame as unknown) && isAppUrl(frame.url);
}

async function rebuildMenu(): Promise<void> {
  const recent = await store.listRecent();
  const send = (channel: string, payload: string) => mainWindow?.webContents.send(channel, payload);
  const template = menuTemplate(
    {
      command: (c) => send(MENU_CHANNEL, c),
      openRecent: (p) => {
        grants.grantFile(p);
        if (/\.bpcasez?$/i.test(p)) grants.grantDir(path.dirname(p));
        send(OPEN_RECENT_CHANNEL, p);
      },
      clearRecent: () => void store.clearRecent().then(rebuildMenu),
    },
    recent,
    process.platform === 'darwin',
  );
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // Nothing leaves the machine: refuse every request that is not our own app:// origin.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = details.url.startsWith(`${APP_SCHEME}:`) || details.url.startsWith('blob:') || details.url.startsWith('data:') || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
}

function registerAppProtocol(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = resolveAppPath(request.url, { '': rendererRoot, assets: assetsRoot });
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const res = await net.fetch(pathToFileURL(file).toString());
      if (!res.ok) return new Response('Not found', { status: 404 });
      return new Response(res.body, { status: 200, headers: appResponseHeaders(file) });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

function createWindow(): void {
  const win = createMainWindow(path.join(__dirname, 'preload.cjs'));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_URL);
}

app.on('web-contents-created', (_e, contents) => {
  // No new windows, no navigation away from the app, no webviews.
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//.test(url)) void shell.openExternal(url); // cited sources open in the user's browser
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.on('second-instance', () => {
  if (mainWindow) {
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  }
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

void app.whenReady().then(async () => {
  hardenSession();
  registerAppProtocol();
  registerHandlers(
    ipcMain,
    createHandlers({
      appInfo: () => ({ version: app.getVersion(), platform: process.platform, electron: process.versions.electron ?? null, chrome: process.versions.chrome ?? null }),
      grants,
      store,
      showOpenDialog: async (kind, multiple, folder) => {
        const opts: Electron.OpenDialogOptions = {
          title: kind === 'dicom' ? 'Open DICOM' : kind === 'model' ? 'Open 3D model' : 'Open case',
          properties: [folder ? 'openDirectory' : 'openFile', ...(multiple ? (['multiSelections'] as const) : [])],
          filters: folder ? [] : FILTERS[kind],
        };
        const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
        return r.canceled ? [] : r.filePaths;
      },
      showSaveDialog: async (kind, suggestedName) => {
        const opts: Electron.SaveDialogOptions = { defaultPath: suggestedName, filters: SAVE_FILTERS[kind] };
        const r = mainWindow ? await dialog.showSaveDialog(mainWindow, opts) : await dialog.showSaveDialog(opts);
        return r.canceled || !r.filePath ? null : r.filePath;
      },
      recentChanged: () => void rebuildMenu(),
    }),
    isTrustedSender,
  );
  await rebuildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
