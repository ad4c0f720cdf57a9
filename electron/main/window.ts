import { BrowserWindow } from 'electron';


/**
 * Create the main window. The security baseline is written out literally here (so reviewers and
 * Electronegativity see it) and asserted by tests: sandboxed, context-isolated renderer without
 * Node, web security on, no webviews, no middle-click windows, devtools only when asked for.
 */
export function createMainWindow(preloadPath: string): BrowserWindow {
  return new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#0f1215',
    title: 'BlockPlan',
    webPreferences: {
      preload: preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      disableBlinkFeatures: 'Auxclick',
      spellcheck: false,
      devTools: process.env.BLOCKPLAN_DEVTOOLS === '1',
    },
  });
}
