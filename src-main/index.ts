// Electron main process: one sandboxed window showing the renderer, and a small,
// checked IPC surface (see ipc-map.ts). Each feature registers itself in a setupX().
import { app, BrowserWindow, protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { APP_INDEX_URL, APP_SCHEME, appProtocolResponse, isAppPageUrl } from './app-protocol.ts';
import { currentLanguage, setupLanguage } from './features/language.ts';
import { setupOpenFile } from './features/open-file.ts';
import { setupSaveFile } from './features/save-file.ts';
import { setupStore } from './features/store.ts';
import { setupVersion } from './features/version.ts';
import { setAppUrlCheck } from './ipc.ts';
import { setMenu } from './menu.ts';
import { setupSecurity } from './security.ts';
import { defaultBounds, loadBounds, rememberBounds } from './window-state.ts';

// A different data folder: portable installs (a USB stick in a classroom) and the
// Electron e2e tests, which start each run with an empty one. Must precede `ready`.
const userDataOverride = process.env['LVS_LAB_USER_DATA'];
if (userDataOverride) app.setPath('userData', resolve(userDataOverride));

// Set by `electron-vite dev` to the Vite dev server; absent in a built app.
const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
const here = fileURLToPath(new URL('.', import.meta.url));
const rendererDir = join(here, '../renderer');
const preload = join(here, '../preload/index.cjs');

function isAppUrl(url: string): boolean {
  if (!devServerUrl) return isAppPageUrl(url);
  try {
    return new URL(url).origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

let mainWindow: BrowserWindow | null = null;

function createWindow(): void {
  const win = new BrowserWindow({
    ...(loadBounds() ?? defaultBounds()),
    minWidth: 640,
    minHeight: 480,
    show: false,
    title: 'LVS-DR Lab',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      // A middle click must not even ask for a new window (all are denied anyway, security.ts).
      disableBlinkFeatures: 'Auxclick',
      // Developer tools only under `electron-vite dev` (see menu.ts).
      devTools: devServerUrl !== undefined,
      spellcheck: false,
    },
  });
  rememberBounds(win);
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => (mainWindow = null));
  if (devServerUrl) void win.loadURL(devServerUrl);
  else void win.loadURL(APP_INDEX_URL);
  mainWindow = win;
}

// A second launch focuses the existing window instead of starting a second lab.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  // app:// (app-protocol.ts) must be declared before `ready`. standard: real
  // origins and relative URLs; secure: a secure context (SharedArrayBuffer needs
  // one); supportFetchAPI: the module Worker and fetch() load through it.
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);
  const dev = devServerUrl !== undefined;
  setupSecurity(devServerUrl, isAppUrl);
  setAppUrlCheck(isAppUrl);
  setupVersion();
  setupLanguage((lang) => setMenu(lang, dev));
  setupOpenFile();
  setupSaveFile();
  setupStore();

  app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, (request) => appProtocolResponse(request.url, rendererDir, (path) => readFile(path)));
    setMenu(currentLanguage(), dev);
    createWindow();
  }, (error: unknown) => {
    console.error('lvs-dr-lab: Electron failed to start:', error);
    app.exit(1);
  });
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
}
