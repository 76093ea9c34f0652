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
export async function execBounded(file: string, args: string[], timeoutMs: number): Promise<ExecResult> {
  const r = await spawnBounded(file, args, { timeoutMs });
  return { exit: r.exit, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), timedOut: r.timedOut };
}

/** Where a child's stdout or stderr goes: collected, discarded, or an open file descriptor. */
export type OutputSpec = 'pipe' | 'ignore' | number;

export interface SpawnOptions {
  timeoutMs: number;
  cwd?: string;
  stdout?: OutputSpec;
  stderr?: OutputSpec;
  /** Fed on stdin, then closed; undefined: stdin is /dev/null. */
  input?: Buffer;
  /** Collected bytes (stdout and stderr together) beyond which the child is killed. */
  maxBytes?: number;
}

export interface SpawnResult {
  exit: number;
  stdout: Buffer;
  stderr: Buffer;
  timedOut: boolean;
  /** Killed because it printed more than maxBytes. */
  overflowed: boolean;
}

/** Runs a program (no shell) in its own process group, bounded in time and in what it may print. */
export function spawnBounded(file: string, args: string[], options: SpawnOptions): Promise<SpawnResult> {
  return new Promise((resolve) => {
    const child = spawn(file, args, {
      env: CHILD_ENV,
      stdio: [options.input === undefined ? 'ignore' : 'pipe', options.stdout ?? 'pipe', options.stderr ?? 'pipe'],
      detached: true,
      cwd: options.cwd ?? '/',
    });
    liveChildren.add(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let collected = 0;
    let timedOut = false;
    let overflowed = false;
    const collect = (into: Buffer[]) => (b: Buffer): void => {
      collected += b.length;
      if (options.maxBytes !== undefined && collected > options.maxBytes) {
        if (!overflowed) killTree(child);
        overflowed = true;
        return;
      }
      into.push(b);
    };
    child.stdout?.on('data', collect(out));
    child.stderr?.on('data', collect(err));
    if (options.input !== undefined) {
      // A child that exits without reading its input is not an error.
      child.stdin!.on('error', () => {});
      child.stdin!.end(options.input);
    }
    const timer = setTimeout(() => {
      timedOut = true;
      killTree(child);
    }, Math.max(0, options.timeoutMs));
    let settled = false;
    const finish = (code: number | null, signal: NodeJS.Signals | null, error?: Error): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      liveChildren.delete(child);
      resolve({
        exit: code ?? (signal ? 128 + (signalNumber(signal) ?? 9) : 127),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(error ? [...err, Buffer.from(`${error.message}\n`)] : err),
        timedOut,
        overflowed,
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

/** Waits for `p` at most `ms`; true if it settled in time. Leaves no timer behind. */
export async function within(p: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), Math.max(0, ms));
  });
  try {
    return await Promise.race([p.then(() => true), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
