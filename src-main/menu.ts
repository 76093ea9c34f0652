// The application menu. Items that act on the lab (open, save, export, language,
// shortcuts) are sent to the renderer as menu actions; About is a native dialog.
// Reload and developer tools exist only under `electron-vite dev`: in the app, a
// reload would throw away the learner's lab. Item ids are the menu actions
// (the Electron e2e clicks them by id).
import { app, BrowserWindow, dialog, Menu, type MenuItemConstructorOptions } from 'electron';
import type { MenuAction, UiLanguage } from './ipc-map.ts';
import { sendMenuAction } from './ipc.ts';
import { menuText } from './menu-text.ts';

function send(action: MenuAction): () => void {
  return () => {
    const win = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0];
    if (win) sendMenuAction(win.webContents, action);
  };
}

export function buildMenuTemplate(lang: UiLanguage, dev: boolean): MenuItemConstructorOptions[] {
  const t = menuText(lang);
  const mac = process.platform === 'darwin';
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: t.file,
      submenu: [
        { label: t.open, accelerator: 'CmdOrCtrl+O', id: 'open', click: send('open') },
        { label: t.save, accelerator: 'CmdOrCtrl+S', id: 'save', click: send('save') },
        { label: t.exportCapture, accelerator: 'CmdOrCtrl+E', id: 'export-capture', click: send('export-capture') },
        { type: 'separator' },
        mac ? { role: 'close' } : { label: t.quit, role: 'quit' },
      ],
    },
    // Copy and paste in the terminals need these roles on macOS.
    { label: t.edit, role: 'editMenu' },
    {
      label: t.view,
      submenu: [
        {
          label: t.language,
          submenu: [
            { label: 'English', type: 'radio', checked: lang === 'en', id: 'language-en', click: send('language-en') },
            { label: '简体中文', type: 'radio', checked: lang === 'zh-CN', id: 'language-zh-CN', click: send('language-zh-CN') },
          ],
        },
        { type: 'separator' },
        // Zoom stays in the app: learners on projectors and with low vision need it.
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(dev
          ? ([{ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: t.help,
      role: 'help',
      submenu: [
        { label: t.shortcuts, accelerator: 'F1', id: 'shortcuts', click: send('shortcuts') },
        { type: 'separator' },
        { label: t.about, id: 'about', click: () => void showAbout(lang) },
      ],
    },
  ];
}

async function showAbout(lang: UiLanguage): Promise<void> {
  const t = menuText(lang);
  const options = { type: 'info' as const, title: 'LVS-DR Lab', message: 'LVS-DR Lab', detail: t.aboutDetail(app.getVersion()), buttons: ['OK'] };
  const win = BrowserWindow.getFocusedWindow();
  await (win ? dialog.showMessageBox(win, options) : dialog.showMessageBox(options));
}

export function setMenu(lang: UiLanguage, dev: boolean): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(buildMenuTemplate(lang, dev)));
}
