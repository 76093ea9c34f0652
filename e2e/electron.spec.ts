// The desktop app through Playwright's Electron driver: every journey the web
// project runs (each `…Journey` function exported by journey.ts, so a new one
// runs here without touching this file), plus what only the desktop app has:
// the preload API, checked IPC, files in the user-data folder, menus, window state.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { electronTest as test, expect, launchElectron } from './fixtures.ts';
import { ELECTRON_MISSING, electronInstalled } from './environment.ts';
import * as journeys from './journey.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

test.skip(!electronInstalled(), ELECTRON_MISSING);

type Journey = (workspace: WorkspacePage, testInfo: import('@playwright/test').TestInfo) => Promise<void>;
const shared = Object.entries(journeys).filter((entry): entry is [string, Journey] => entry[0].endsWith('Journey') && typeof entry[1] === 'function');

test('journey.ts has journeys to share', () => {
  expect(shared.length).toBeGreaterThan(0);
});

for (const [name, journey] of shared) {
  test(`the desktop app runs the ${name}`, async ({ workspace }, testInfo) => {
    await journey(workspace, testInfo);
  });
}

test('the window is sandboxed and exposes only the named API', async ({ electronApp, workspace }) => {
  const exposed = await workspace.page.evaluate(() => ({
    api: Object.keys(window.lvsLab ?? {}).sort(),
    node: typeof (globalThis as { require?: unknown }).require,
    process: typeof (globalThis as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({
    api: ['getVersion', 'onMenu', 'openFile', 'openScenario', 'saveFile', 'setLanguage', 'storeLoad', 'storeSave', 'storeSetAside'],
    node: 'undefined',
    process: 'undefined',
  });
  const version = await workspace.page.evaluate(() => window.lvsLab?.getVersion());
  expect(version).toBe(await electronApp.evaluate(({ app }) => app.getVersion()));
});

test('main refuses bad IPC arguments with a clear message', async ({ workspace }) => {
  const refusals = await workspace.page.evaluate(async () => {
    const api = window.lvsLab!;
    const reason = (p: Promise<unknown>): Promise<string> => p.then(() => 'accepted', (e: Error) => e.message);
    return {
      traversal: await reason(api.storeLoad('../../.bashrc')),
      notText: await reason(api.storeSave('progress', { a: 1 } as unknown as string)),
      folder: await reason(api.saveFile({ suggestedName: '../evil.sh', data: 'x' })),
      purpose: await reason(api.openFile({ purpose: 'exe' as 'pack' })),
    };
  });
  expect(refusals.traversal).toContain('store:load: invalid document key "../../.bashrc"');
  expect(refusals.notText).toContain('store:save: the document must be JSON text');
  expect(refusals.folder).toContain('file:save: suggestedName "../evil.sh" must be a file name');
  expect(refusals.purpose).toContain('file:open: unknown purpose "exe"');
});

test('documents are JSON files in the user-data folder; a corrupt one is kept aside', async ({ workspace, userDataDir }) => {
  const documents = join(userDataDir, 'documents');
  await workspace.page.evaluate(() => window.lvsLab!.storeSave('progress', JSON.stringify({ done: ['lesson-1'] })));
  expect(JSON.parse(readFileSync(join(documents, 'progress.json'), 'utf8'))).toEqual({ done: ['lesson-1'] });

  writeFileSync(join(documents, 'progress.json'), '{"done": [');
  const result = await workspace.page.evaluate(() => window.lvsLab!.storeLoad('progress'));
  expect(result).toMatchObject({ status: 'corrupt', keptAs: 'progress.corrupt-1.json' });
  expect(readdirSync(documents).sort()).toEqual(['progress.corrupt-1.json']);
  expect(readFileSync(join(documents, 'progress.corrupt-1.json'), 'utf8')).toBe('{"done": [');
});

test('menu items reach the page as named actions', async ({ electronApp, workspace }) => {
  await workspace.page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenMenu: string[] }).seenMenu = seen;
    window.lvsLab!.onMenu('export-capture', () => seen.push('export-capture'));
    const off = window.lvsLab!.onMenu('shortcuts', () => seen.push('shortcuts'));
    off();
  });
  await electronApp.evaluate(({ Menu }) => {
    const menu = Menu.getApplicationMenu();
    menu?.getMenuItemById('export-capture')?.click();
    menu?.getMenuItemById('shortcuts')?.click();
  });
  await expect.poll(() => workspace.page.evaluate(() => (window as unknown as { seenMenu: string[] }).seenMenu)).toEqual(['export-capture']);
  const devItems = await electronApp.evaluate(({ Menu }) => {
    const roles = (Menu.getApplicationMenu()?.items ?? []).flatMap((i) => i.submenu?.items ?? []).map((s) => String(s.role).toLowerCase());
    return ['reload', 'forcereload', 'toggledevtools'].filter((role) => roles.includes(role));
  });
  expect(devItems, 'reload/devtools in a built app').toEqual([]);
});

test('File ▸ Save and Help ▸ Keyboard shortcuts act in the window', async ({ electronApp, workspace }, testInfo) => {
  const click = async (id: string): Promise<void> => {
    await electronApp.evaluate(({ Menu }, itemId) => Menu.getApplicationMenu()?.getMenuItemById(itemId)?.click(), id);
  };
  await workspace.run('ip neigh show');
  const file = await workspace.savedFile(() => click('save'), testInfo);
  expect(file.suggestedName).toBe('lvs-lab-session.json');
  expect(JSON.parse(file.bytes.toString('utf8')).steps).toEqual([{ host: await workspace.selectedHost(), run: 'ip neigh show' }]);
  const dialog = workspace.page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await click('shortcuts');
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText('F1');
  await workspace.page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('the page cannot navigate away or open windows', async ({ electronApp, workspace }) => {
  const before = workspace.page.url();
  const opened = await workspace.page.evaluate(() => {
    const popup = window.open('https://example.com/');
    location.href = 'https://example.com/';
    return popup === null;
  });
  expect(opened).toBe(true);
  await workspace.page.waitForTimeout(300); // a navigation would have started by now
  expect(workspace.page.url()).toBe(before);
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
});

test('the window size and position are remembered', async ({ built, userDataDir }) => {
  void built;
  const bounds = { x: 40, y: 30, width: 900, height: 640 };
  const first = await launchElectron(userDataDir);
  await first.firstWindow();
  await first.evaluate(({ BrowserWindow }, b) => BrowserWindow.getAllWindows()[0]?.setBounds(b), bounds);
  await first.close();
  expect(existsSync(join(userDataDir, 'window-state.json'))).toBe(true);
  const again = await launchElectron(userDataDir);
  try {
    await again.firstWindow();
    const restored = await again.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.getBounds());
    // Window managers may move a window; its size is ours to keep.
    expect(restored).toMatchObject({ width: bounds.width, height: bounds.height });
  } finally {
    await again.close();
  }
});
