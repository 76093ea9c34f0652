#!/usr/bin/env node
// `npm start`: runs the desktop app, or, when the Electron binary cannot be
// obtained (offline installs), the same UI as a browser build on 127.0.0.1.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const pathTxt = join(electronDir, 'path.txt');
const INSTALL_TIMEOUT_MS = 120_000;

/** Runs a package's CLI with this Node; returns the exit status (null on timeout or signal). */
function runNode(script, args, options = {}) {
  return spawnSync(process.execPath, [script, ...args], { cwd: root, stdio: 'inherit', ...options }).status;
}

function tryInstallElectron() {
  if (existsSync(pathTxt) || !existsSync(join(electronDir, 'install.js'))) return;
  // npm installs may have skipped the download on purpose; this is the retry.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  console.log('Downloading the Electron binary (up to 2 minutes)…');
  runNode(join(electronDir, 'install.js'), [], { env, timeout: INSTALL_TIMEOUT_MS, stdio: ['ignore', 'ignore', 'ignore'] });
}

async function startElectron() {
  // Same as `electron-vite preview`: builds, then launches Electron on the built app
  // (and exits with Electron's status).
  const { preview } = await import('electron-vite');
  await preview({ root }, { skipBuild: false });
}

async function startBrowserBuild() {
  console.log(
    'The Electron binary could not be downloaded (no connection to its download server); opening the browser build instead.',
  );
  if (!existsSync(join(root, 'out', 'web', 'index.html'))) {
    // Same as `vite build --config vite.web.config.ts`.
    const { build } = await import('vite');
    await build({ configFile: join(root, 'vite.web.config.ts') });
  }
  const server = spawn(process.execPath, [join(root, 'scripts', 'serve-web.mjs')], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let opened = false;
  server.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    const url = /http:\/\/127\.0\.0\.1:\d+\//.exec(String(chunk))?.[0];
    if (url && !opened) {
      opened = true;
      openInBrowser(url);
    }
  });
  server.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
}

function openInBrowser(url) {
  // Best effort: a headless machine has no browser, and the URL is printed anyway.
  try {
    const opener = process.platform === 'darwin' ? 'open' : 'xdg-open';
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // Ignored on purpose (see above).
  }
}

tryInstallElectron();
await (existsSync(pathTxt) ? startElectron() : startBrowserBuild());
