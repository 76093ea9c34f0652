// The same journey in the desktop app through Playwright's Electron driver.
import { electronTest as test, expect } from './fixtures.ts';
import { ELECTRON_MISSING, electronInstalled } from './environment.ts';
import { smokeJourney } from './journey.ts';

test.skip(!electronInstalled(), ELECTRON_MISSING);

test('the desktop app runs the smoke journey', async ({ workspace }, testInfo) => {
  await smokeJourney(workspace, testInfo);
});

test('the window is sandboxed and exposes only the named API', async ({ electronApp, workspace }) => {
  const exposed = await workspace.page.evaluate(() => ({
    api: Object.keys(window.lvsLab ?? {}).sort(),
    node: typeof (globalThis as { require?: unknown }).require,
  }));
  expect(exposed).toEqual({ api: ['getVersion', 'openScenario'], node: 'undefined' });
  const version = await workspace.page.evaluate(() => window.lvsLab?.getVersion());
  expect(version).toBe(await electronApp.evaluate(({ app }) => app.getVersion()));
});
