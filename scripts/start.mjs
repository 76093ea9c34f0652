#!/usr/bin/env node
// `npm start`: runs the desktop app. npm installs leave out Electron's binary
// download (package.json "allowScripts"), so the first start fetches it; when
// that is impossible (offline, a classroom proxy) it says so in one sentence
// and serves the same UI as a browser build on 127.0.0.1 instead.
//
//   npm start               desktop app, or the browser build when Electron cannot run
//   npm start -- --web      the browser build, without trying Electron
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectron } from './electron-binary.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Like `electron-vite preview`: builds main, preload and renderer, then runs Electron on them. */
async function startElectron() {
  const { preview } = await import('electron-vite');
  await preview({ root }, { skipBuild: false });
}

async function startBrowserBuild() {
  // Always rebuilt (a few seconds), so a stale out/web never hides a change.
  console.log('Building the browser version…');
  const { build } = await import('vite');
  // Warnings are for developers (`npm run build:web` shows them); a learner sees errors only.
  await build({ configFile: join(root, 'vite.web.config.ts'), logLevel: 'error' });
  // A fixed address first: the browser keeps the learner's progress per address (origin).
  const server = spawn(process.execPath, [join(root, 'scripts', 'serve-web.mjs'), '--port', '4173', '--next-free'], {
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
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => server.kill(signal));
}

function openInBrowser(url) {
  // Best effort: a headless machine has no browser, and the URL is printed anyway.
  const opener = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(opener, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
  } catch {
    // Ignored on purpose (see above).
  }
}

/** A Linux machine without X11 or Wayland (a server, an SSH session) cannot show Electron's window. */
function noDisplay() {
  return process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;
}

function fallBack(reason) {
  console.log(`Electron cannot start because ${reason}, so the same lab opens as a browser app instead (\`npm run web\` does this directly).`);
  return startBrowserBuild();
}

if (process.argv.includes('--web')) {
  await startBrowserBuild();
} else {
  const missing = (await ensureElectron()) ?? (noDisplay() ? 'there is no graphical display (neither DISPLAY nor WAYLAND_DISPLAY is set)' : null);
  if (missing !== null) {
    await fallBack(missing);
  } else {
    try {
      await startElectron();
    } catch (error) {
      await fallBack(`it failed (${error instanceof Error ? error.message : String(error)})`);
    }
  }
}
