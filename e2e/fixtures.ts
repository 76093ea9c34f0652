// Test fixtures: `webTest` opens the browser build, `electronTest` the desktop app.
import { _electron, test as base, type ElectronApplication } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { chromiumInstalled, CHROMIUM_MISSING, IS_CI } from './environment.ts';
import { WorkspacePage } from './pages/workspace-page.ts';

export { expect } from '@playwright/test';

/**
 * Call at the top of a web spec: skips when the system Chromium is missing
 * on a developer machine, but fails under CI=true, where it must be there.
 */
export function requireChromium(test: typeof base): void {
  if (chromiumInstalled()) return;
  if (IS_CI) throw new Error(CHROMIUM_MISSING);
  test.skip(true, CHROMIUM_MISSING);
}

export const webTest = base.extend<{ workspace: WorkspacePage }>({
  workspace: async ({ page }, use) => {
    await page.goto('./');
    const workspace = new WorkspacePage(page);
    await workspace.ready();
    await use(workspace);
  },
});

export const electronTest = base.extend<{ electronApp: ElectronApplication; workspace: WorkspacePage }, { built: void }>({
  // Builds main, preload and renderer once per worker, so the test runs the current source.
  built: [
    // eslint-disable-next-line no-empty-pattern -- Playwright requires the destructuring form.
    async ({}, use) => {
      const require = createRequire(import.meta.url);
      execFileSync(process.execPath, [require.resolve('electron-vite/bin/electron-vite.js'), 'build'], { stdio: 'inherit' });
      await use();
    },
    { scope: 'worker' },
  ],
  electronApp: async ({ built }, use) => {
    void built;
    // Chromium refuses to run as root with its OS sandbox (e.g. in containers).
    const rootArgs = process.getuid?.() === 0 ? ['--no-sandbox'] : [];
    const app = await _electron.launch({ args: ['.', ...rootArgs] });
    await use(app);
    await app.close();
  },
  workspace: async ({ electronApp }, use) => {
    const workspace = new WorkspacePage(await electronApp.firstWindow());
    await workspace.ready();
    await use(workspace);
  },
});
