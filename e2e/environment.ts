// What the end-to-end tests need from the machine, and how to say it is missing.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** LDL_WEB_PORT lets two checkouts (or two developers on one machine) run the web tests at once. */
export const WEB_PORT = Number(process.env['LDL_WEB_PORT'] ?? 4173);
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const IS_CI = process.env['CI'] === 'true';

export const chromiumInstalled = (): boolean => existsSync(CHROMIUM_PATH);
export const CHROMIUM_MISSING =
  `Chromium not found at ${CHROMIUM_PATH}; install it with \`apt-get install chromium\` to run the web tests`;

/** npm's electron package writes path.txt only after downloading the binary. */
export const electronInstalled = (): boolean => existsSync(join('node_modules', 'electron', 'path.txt'));
export const ELECTRON_MISSING =
  'Electron binary not installed (node node_modules/electron/install.js needs a connection); the same UI is tested in the web project';
