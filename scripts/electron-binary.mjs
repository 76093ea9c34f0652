// Electron's binary, which npm installs leave out (package.json "allowScripts"):
// `npm start` and `npm run dist` fetch it on first use with Electron's own
// installer and say in a few words why when they cannot.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
/** npm's electron package writes path.txt only once the binary is downloaded and unpacked. */
const pathTxt = join(electronDir, 'path.txt');
const INSTALL_TIMEOUT_MS = 120_000;

/** True when path.txt names an executable that exists (a download cut short leaves path.txt without one). */
function electronReady() {
  try {
    const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH || join(electronDir, 'dist');
    return existsSync(join(dist, readFileSync(pathTxt, 'utf8').trim()));
  } catch {
    return false;
  }
}

/** Runs Electron's own installer; resolves with why it stopped early, if it did, and what it printed. */
function runInstaller() {
  // npm skipped the download on purpose (allowScripts); this is the deferred download.
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    let stopped = null;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      stopped = 'the download took longer than 2 minutes';
      child.kill();
    }, INSTALL_TIMEOUT_MS);
    // Ctrl+C skips the download, not the lab.
    const skip = () => {
      stopped = 'its download was skipped';
      child.kill();
    };
    process.once('SIGINT', skip);
    child.on('error', (error) => (stderr += String(error)));
    child.on('close', () => {
      clearTimeout(timer);
      process.off('SIGINT', skip);
      resolve({ stopped, stderr });
    });
  });
}

/** Resolves null when the binary is there (or now downloaded), else the reason it is not, in a few words. */
export async function ensureElectron() {
  if (electronReady()) return null;
  if (!existsSync(join(electronDir, 'install.js'))) return 'the electron package is not installed (run `npm install`)';
  console.log('Downloading the Electron binary (once; up to 2 minutes, Ctrl+C to skip)…');
  const { stopped, stderr } = await runInstaller();
  if (electronReady()) return null;
  if (stopped) return stopped;
  // The installer's stack trace is long; its first line names the cause (e.g. getaddrinfo ENOTFOUND github.com).
  const cause = /(?:RequestError|HTTPError|Error): ([^\n]+)/.exec(stderr)?.[1]?.trim();
  return cause ? `its download failed (${cause})` : 'its download failed';
}
