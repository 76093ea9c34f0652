// Two projects run the same journey: `web` against the browser build in the
// system Chromium, `electron` against the desktop app (when its binary exists).
import { defineConfig } from '@playwright/test';
import {
  CHROMIUM_MISSING,
  CHROMIUM_PATH,
  chromiumInstalled,
  ELECTRON_MISSING,
  electronInstalled,
  IS_CI,
  WEB_PORT,
} from './e2e/environment.ts';

// The list reporter does not print skip reasons, so say once (in the runner,
// not in every worker) why a project's tests will be skipped.
if (process.env['TEST_WORKER_INDEX'] === undefined) {
  if (!chromiumInstalled() && !IS_CI) console.warn(`web project skipped: ${CHROMIUM_MISSING}`);
  if (!electronInstalled()) console.warn(`electron project skipped: ${ELECTRON_MISSING}`);
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  fullyParallel: false,
  forbidOnly: IS_CI,
  retries: 0,
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    locale: 'en-US',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'web',
      testMatch: /(workspace|web-build|lessons|challenge)\.spec\.ts$/,
      use: {
        browserName: 'chromium',
        baseURL: `http://127.0.0.1:${WEB_PORT}/`,
        // Playwright's own browsers cannot be downloaded here; Debian's chromium is used.
        launchOptions: {
          executablePath: CHROMIUM_PATH,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
            '--no-first-run',
          ],
        },
      },
    },
    {
      name: 'electron',
      testMatch: /electron\.spec\.ts$/,
    },
  ],
  webServer: {
    command: `npm run build:web && node scripts/serve-web.mjs --port ${WEB_PORT}`,
    url: `http://127.0.0.1:${WEB_PORT}/`,
    reuseExistingServer: !IS_CI,
    timeout: 120_000,
    stdout: 'pipe',
  },
});
