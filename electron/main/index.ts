import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, safeStorage, session, shell } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MENU_CHANNEL, OPEN_RECENT_CHANNEL, type FileKind, type SaveKind } from '../ipc-contract';
import { Grants } from './grants';
import { openChosen } from './open';
import { createHandlers, registerHandlers, type SenderInfo } from './ipc';
import { createPublishHandlers } from './publish';
import { externalUrlToOpen, GestureClock } from './external';
import { menuTemplate } from './menu';
import { createAppProtocolHandler } from './protocol';
import { AppStore } from './store';
import { createPacsHandlers } from './pacs';
import { PacsSettings } from './pacs-settings';
import { APP_SCHEME, APP_URL, isAppUrl } from './origin';
import { confirmUnsavedUnload } from './quit';
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
// PACS requests go out from main only, on a session of their own (the default session refuses every
// remote request: hardenSession). Passwords are encrypted with safeStorage (electron/main/pacs-settings.ts).
let pacs: ReturnType<typeof createPacsHandlers> | null = null;

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
  csv: [{ name: 'CSV (rehearsal attempts)', extensions: ['csv'] }],
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
        // A click in our native menu, on a file opened before: the user's choice, like the open dialog.
        void openChosen(grants, [p], { folder: false }).then(() => send(OPEN_RECENT_CHANNEL, p));
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
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ '': rendererRoot, assets: assetsRoot }, (file) => net.fetch(pathToFileURL(file).toString())));
}

function createWindow(): void {
  const win = createMainWindow(path.join(__dirname, 'preload.cjs'));
  mainWindow = win;
  win.once('ready-to-show', () => win.show());
  win.webContents.on('will-prevent-unload', confirmUnsavedUnload((opts) => dialog.showMessageBoxSync(win, opts)));
  win.on('closed', () => {
    mainWindow = null;
  });
  void win.loadURL(APP_URL);
}

app.on('web-contents-created', (_e, contents) => {
  // No new windows, no navigation away from the app, no webviews.
  // Cited sources (https, from the block templates) open in the user's browser right after a click
  // or key press the main process saw itself; nothing else, and never in-app.
  const gestures = new GestureClock();
  contents.on('before-input-event', (_e, input) => gestures.input(input.type));
  contents.on('before-mouse-event', (_e, mouse) => gestures.input(mouse.type));
  contents.setWindowOpenHandler(({ url }) => {
    const external = externalUrlToOpen(url, gestures);
    if (external) void shell.openExternal(external);
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

app.on('before-quit', () => void pacs?.closeAll());

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
      confirmFolders: async (folders) => {
        const one = folders.length === 1 ? folders[0]! : null;
        const opts: Electron.MessageBoxOptions = {
          type: 'question',
          buttons: ['Open', 'Cancel'],
          defaultId: 0,
          cancelId: 1,
          title: 'Open dropped folder',
          message: one ? `Open the folder “${path.basename(one.path)}”?` : `Open these ${folders.length} folders?`,
          detail: folders.map((f) => `${f.path}\n    ${f.files} file${f.files === 1 ? '' : 's'}, ${f.bytes}`).join('\n') + '\n\nBlockPlan reads the files in it (symbolic links are not followed).',
        };
        const r = mainWindow ? await dialog.showMessageBox(mainWindow, opts) : await dialog.showMessageBox(opts);
        return r.response === 0;
      },
      recentChanged: () => void rebuildMenu(),
      publish: createPublishHandlers({
        rendererRoot,
        chooseFolder: async () => {
          const opts: Electron.OpenDialogOptions = { title: 'Publish as teaching page: choose where its folder goes', buttonLabel: 'Publish here', properties: ['openDirectory', 'createDirectory'] };
          const r = mainWindow ? await dialog.showOpenDialog(mainWindow, opts) : await dialog.showOpenDialog(opts);
          const chosen = r.canceled ? null : (r.filePaths[0] ?? null);
          if (chosen) grants.allowShareOf(chosen); // the user browsed to this share themselves
          return chosen;
        },
        allowedShares: () => grants.allowedShares,
      }),
      pacs: (pacs = createPacsHandlers({ settings: new PacsSettings(app.getPath('userData'), safeStorage), fetch: (url, init) => session.fromPartition('blockplan-pacs').fetch(url, init as RequestInit) })),
    }),
    isTrustedSender,
  );
  await rebuildMenu();
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});
