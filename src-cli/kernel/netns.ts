// Network-namespace bookkeeping: unique names per run, cleanup on exit or
// signal, and removal of namespaces left behind by crashed runs.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { CHILD_ENV, execBounded, killTree, liveChildren } from './exec.ts';

/** Every namespace this tool creates is named `ldl<pid>x<counter>-<role>`. */
export const NETNS_NAME_RE = /^ldl(\d+)x(\d+)-[a-z0-9-]+$/;

let counter = 0;

export function newRunPrefix(): string {
  counter += 1;
  return `ldl${process.pid}x${counter}-`;
}

/** Namespaces and temp dirs of runs in progress, for the signal handler. */
const activeNamespaces = new Set<string>();
const activeDirs = new Set<string>();

export function trackNamespace(name: string): void {
  activeNamespaces.add(name);
  installHandlers();
}
export function untrackNamespace(name: string): void {
  activeNamespaces.delete(name);
}
export function trackDir(dir: string): void {
  activeDirs.add(dir);
  installHandlers();
}
export function untrackDir(dir: string): void {
  activeDirs.delete(dir);
}

const STEP_TIMEOUT_MS = 10_000;

export async function listNamespaces(): Promise<string[]> {
  const r = await execBounded('ip', ['netns', 'list'], STEP_TIMEOUT_MS);
  if (r.exit !== 0) return [];
  return r.stdout
    .split('\n')
    .map((l) => l.trim().split(/\s+/)[0] ?? '')
    .filter((n) => n.length > 0);
}

/** Kills whatever still runs inside one of our namespaces, then deletes it. */
export async function deleteNamespace(name: string): Promise<void> {
  if (!NETNS_NAME_RE.test(name)) throw new Error(`refusing to delete namespace "${name}": not one of ours`);
  const pids = await execBounded('ip', ['netns', 'pids', name], STEP_TIMEOUT_MS);
  if (pids.exit === 0) {
    for (const p of pids.stdout.split(/\s+/)) {
      const pid = Number(p);
      if (Number.isInteger(pid) && pid > 1 && pid !== process.pid) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* gone */
        }
      }
    }
  }
  await execBounded('ip', ['netns', 'del', name], STEP_TIMEOUT_MS);
  untrackNamespace(name);
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes namespaces named like ours whose creating process is gone (a run
 * that crashed or was killed with SIGKILL). Returns the names removed.
 */
export async function removeStaleNamespaces(): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await listNamespaces()) {
    const m = NETNS_NAME_RE.exec(name);
    if (!m) continue;
    const pid = Number(m[1]);
    if (pid === process.pid || pidAlive(pid)) continue;
    await deleteNamespace(name);
    removed.push(name);
  }
  return removed;
}

/** Synchronous last-resort cleanup (signal or exit): kill children, delete namespaces. */
export function cleanupNowSync(): void {
  for (const child of liveChildren) killTree(child, 'SIGKILL');
  for (const name of [...activeNamespaces]) {
    try {
      const pids = execFileSync('ip', ['netns', 'pids', name], { env: CHILD_ENV, timeout: 5000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
      for (const p of pids.split(/\s+/)) {
        const pid = Number(p);
        if (Number.isInteger(pid) && pid > 1 && pid !== process.pid) {
          try {
            process.kill(pid, 'SIGKILL');
          } catch {
            /* gone */
          }
        }
      }
    } catch {
      /* ignore */
    }
    try {
      execFileSync('ip', ['netns', 'del', name], { env: CHILD_ENV, timeout: 5000, stdio: 'ignore' });
    } catch {
      /* ignore */
    }
    activeNamespaces.delete(name);
  }
  for (const dir of [...activeDirs]) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch {
      /* ignore */
    }
    activeDirs.delete(dir);
  }
}

let handlersInstalled = false;

function installHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  const onSignal = (signal: NodeJS.Signals, code: number): void => {
    process.stderr.write(`lvs-dr-lab: ${signal} received, deleting the network namespaces of this run\n`);
    cleanupNowSync();
    process.exit(code);
  };
  process.once('SIGINT', () => onSignal('SIGINT', 130));
  process.once('SIGTERM', () => onSignal('SIGTERM', 143));
  process.once('SIGHUP', () => onSignal('SIGHUP', 129));
  process.on('exit', () => {
    if (activeNamespaces.size > 0 || activeDirs.size > 0) cleanupNowSync();
  });
}
