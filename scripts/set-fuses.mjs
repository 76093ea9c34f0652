#!/usr/bin/env node
// Sets the Electron fuses of a packaged app (issue 16, item 5). The project has
// no packager yet, so this is the packaging step: run it on the packaged
// Electron executable (Linux/Windows: the app's binary; macOS: the .app)
// before signing, e.g. `node scripts/set-fuses.mjs dist/lvs-dr-lab/lvs-dr-lab`.
// Fuses are bits in the binary that no command line or environment can undo.
import { FuseV1Options, FuseVersion, flipFuses } from '@electron/fuses';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The fuses this app sets, and why. Others keep Electron's default. */
export const APP_FUSES = {
  // ELECTRON_RUN_AS_NODE would turn the signed app into a plain Node.js interpreter.
  [FuseV1Options.RunAsNode]: false,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect would let anyone attach a debugger to the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code in app.asar is checked against the hash in the binary.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // Only app.asar is loaded, never a loose app/ folder placed beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies are encrypted at rest with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
};

/** Flips APP_FUSES in the binary at `electronPath`; returns how many fuse wires were set. */
export function setAppFuses(electronPath, flip = flipFuses) {
  return flip(resolve(electronPath), {
    version: FuseVersion.V1,
    // An arm64 macOS build is re-signed ad hoc, or it will not start after the flip.
    resetAdHocDarwinSignature: process.platform === 'darwin',
    ...APP_FUSES,
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/set-fuses.mjs PATH-TO-PACKAGED-ELECTRON-BINARY');
    process.exit(2);
  }
  try {
    const wires = await setAppFuses(target);
    console.log(`set-fuses: ${Object.keys(APP_FUSES).length} fuses set in ${wires} fuse wire(s) of ${target}`);
  } catch (error) {
    console.error(`set-fuses: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
