// Test fixtures: `webTest` opens the browser build, `electronTest` the desktop app.
import { _electron, test as base, expect, type ElectronApplication } from '@playwright/test';
import { build } from 'electron-vite';
import { chromiumInstalled, CHROMIUM_MISSING, IS_CI } from './environment.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

export { expect };

/**
 * Call at the top of a web spec: skips when the system Chromium is missing
 * on a developer machine, but fails under CI=true, where it must be there.
 */
export function requireChromium(test: typeof base): void {
  if (chromiumInstalled()) return;
  if (IS_CI) throw new Error(CHROMIUM_MISSING);
  test.skip(true, CHROMIUM_MISSING);
}

/** Console errors other than those the test provoked on purpose (`workspace.expectedConsoleErrors`). */
function unexpected(errors: readonly string[], workspace: WorkspacePage): string[] {
  return errors.filter((error) => !workspace.expectedConsoleErrors.some((pattern) => pattern.test(error)));
}

export const webTest = base.extend<{ workspace: WorkspacePage }>({
  workspace: async ({ page }, use) => {
    // Console errors include CSP violations: a policy that blocks the app's own
    // scripts or styles must fail the test, not just look odd.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto('./');
    const workspace = new WorkspacePage(page);
    await workspace.ready();
    await use(workspace);
    expect(unexpected(errors, workspace), 'errors in the browser console').toEqual([]);
  },
});

/** Starts the built desktop app with its data in `userDataDir` (see LVS_LAB_USER_DATA in src-main/index.ts). */
export async function launchElectron(userDataDir: string): Promise<ElectronApplication> {
  // Chromium refuses to run as root with its OS sandbox (e.g. in containers).
  const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  return _electron.launch({ args: ['.', ...rootArgs], env: { ...process.env, LVS_LAB_USER_DATA: userDataDir } });
}

export const electronTest = base.extend<
  { userDataDir: string; electronApp: ElectronApplication; workspace: WorkspacePage },
  { built: void }
>({
  // Builds main, preload and renderer once per worker, so the test runs the current source.
  built: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      await build({ root: process.cwd() });
      await use();
    },
    { scope: 'worker' },
  ],
  // Every test starts with an empty data folder: no saved window size, progress or results.
  // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
  userDataDir: async ({}, use, testInfo) => {
    await use(testInfo.outputPath('user-data'));
  },
  electronApp: async ({ built, userDataDir }, use) => {
    void built;
    const app = await launchElectron(userDataDir);
    await use(app);
    await app.close();
  },
  workspace: async ({ electronApp }, use) => {
    const page = await electronApp.firstWindow();
    // As in the browser: CSP violations and uncaught errors fail the test.
    const errors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    const workspace = new WorkspacePage(page, electronApp);
    await workspace.ready();
    await use(workspace);
    expect(unexpected(errors, workspace), 'errors in the window console').toEqual([]);
  },
});
