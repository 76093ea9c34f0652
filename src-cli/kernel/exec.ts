// Bounded child processes for the kernel runner: every command gets a deadline
// and is killed (its whole process group) when the deadline passes.
import { spawn, type ChildProcess } from 'node:child_process';

export interface ExecResult {
  exit: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

export const CHILD_ENV: NodeJS.ProcessEnv = {
  PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  LANG: 'C',
  LC_ALL: 'C',
  HOME: '/root',
};

/** Children still running, so that a signal handler can kill them. */
export const liveChildren = new Set<ChildProcess>();

export function killTree(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      /* already gone */
    }
  }
}

/** Runs a program (no shell), collecting its output; kills it after `timeoutMs`. */
export function execBounded(file: string, args: string[], timeoutMs: number): Promise<ExecResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: '/' });
    liveChildren.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    child.stdout!.on('data', (b: Buffer) => out.push(b));
    child.stderr!.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, timeoutMs);
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      liveChildren.delete(child);
      const stderr = Buffer.concat(err).toString('utf8') + (error ? `${error.message}\n` : '');
      resolve({
        exit: code ?? (signal ? 128 + (signalNumber(signal) ?? 9) : 127),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr,
        timedOut,
      });
    };
    child.on('error', (e) => finish(127, null, e));
    child.on('close', (code, signal) => finish(code, signal));
  });
}

function signalNumber(signal: NodeJS.Signals): number | undefined {
  const table: Partial<Record<NodeJS.Signals, number>> = { SIGHUP: 1, SIGINT: 2, SIGKILL: 9, SIGTERM: 15, SIGALRM: 14 };
  return table[signal];
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
