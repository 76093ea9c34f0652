#!/usr/bin/env node
// `npm run dist`: desktop installers (AppImage and deb, NSIS, dmg) need
// Electron's binary for each platform, downloaded from Electron's releases, and
// a packager. Where the download is impossible this says so in one sentence and
// exits 1; the project has no packager yet (README, "Packaging the desktop
// app"), so where Electron is there it says that and exits 1 too.
import { ensureElectron } from './electron-binary.mjs';

const missing = await ensureElectron();
if (missing !== null) {
  console.error(`npm run dist: no installers were made because Electron's binary cannot be fetched here: ${missing}.`);
} else {
  console.error('npm run dist: no installers were made because the project has no packager yet (see README, "Packaging the desktop app"); `npm start` runs the desktop app.');
}
process.exit(1);
