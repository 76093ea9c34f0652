// Electron main process: one sandboxed window showing the renderer, and a small,
// checked IPC surface (see ipc-map.ts). Each feature registers itself in a setupX().
import { app, BrowserWindow } from 'electron';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
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
const indexHtml = join(here, '../renderer/index.html');
const preload = join(here, '../preload/index.cjs');

function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    if (devServerUrl) return parsed.origin === new URL(devServerUrl).origin;
    return parsed.protocol === 'file:' && parsed.pathname === pathToFileURL(indexHtml).pathname;
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
  else void win.loadFile(indexHtml);
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

  const dev = devServerUrl !== undefined;
  setupSecurity(devServerUrl, isAppUrl);
  setAppUrlCheck(isAppUrl);
  setupVersion();
  setupLanguage((lang) => setMenu(lang, dev));
  setupOpenFile();
  setupSaveFile();
  setupStore();

  app.whenReady().then(() => {
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
