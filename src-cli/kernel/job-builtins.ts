// bash's job builtins `kill`, `wait` and `jobs` as the kernel runner runs
// them: over the host terminal's job table (jobs.ts), never over the
// machine's processes. `kill` signals only a job the runner started on that
// host (`%N`, or its PID as `$!` gives it); any other PID is refused, since
// the runner is root on a shared machine. Messages are bash 5.2's, as the
// simulator's builtins print them (src-sim/shell/job-builtins.ts).
import { parseSignal, signalList, signalName } from '../../src-sim/host/signals.ts';
import { jobsBuiltin, lookupJob, type Job, type JobStatus } from '../../src-sim/shell/jobs.ts';
import type { HostJobs } from './jobs.ts';

export const JOB_BUILTINS: readonly string[] = ['kill', 'wait', 'jobs'];

/** The signals a step may send to its jobs: what ends a tool (SIGSTOP and the rest would leave a job the runner cannot judge). */
const SENDABLE = new Set(['SIGHUP', 'SIGINT', 'SIGKILL', 'SIGTERM']);

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

export interface BuiltinIo {
  out(text: string): void;
  err(text: string): void;
}

/** What a builtin reports: its exit status, and whether the step's time ran out while it waited. */
export interface BuiltinResult {
  exit: number;
  timedOut: boolean;
}

interface KillArgs {
  signal: NodeJS.Signals;
  targets: string[];
}

/** kill's words parsed: the signal (SIGTERM unless named) and its targets; a string: bash's message and status. */
function parseKill(args: readonly string[]): KillArgs | { message: string; status: number } {
  if (args.length === 0) return { message: KILL_USAGE, status: 2 };
  let spec: string | null = null;
  let i = 0;
  const first = args[0]!;
  if (first === '-s' || first === '-n') {
    if (args[1] === undefined) return { message: `bash: kill: ${first}: option requires an argument\n`, status: 1 };
    spec = args[1];
    i = 2;
  } else if (first === '--') i = 1;
  else if (first.startsWith('-') && first.length > 1) {
    spec = first.slice(1);
    i = 1;
  }
  let signal: NodeJS.Signals = 'SIGTERM';
  if (spec !== null) {
    const n = parseSignal(spec);
    if (n === null) return { message: `bash: kill: ${spec}: invalid signal specification\n`, status: 1 };
    signal = signalName(n) as NodeJS.Signals;
  }
  if (i >= args.length) return { message: KILL_USAGE, status: 2 };
  return { signal, targets: args.slice(i) };
}

/**
 * Why the runner will not run this `kill`/`wait`/`jobs` (checked with the
 * words written in the scenario and again once expanded): a signal other
 * than HUP, INT, KILL, TERM, or a PID written in the scenario (the runner's
 * jobs get PIDs only known as it runs: `%1` or `$!` name them).
 */
export function jobBuiltinProblem(argv: readonly string[], literal: boolean): string | null {
  if (argv[0] !== 'kill' || argv[1] === '-l' || argv[1] === '-L') return null;
  const parsed = parseKill(argv.slice(1));
  if ('message' in parsed) return null;
  if (!SENDABLE.has(parsed.signal)) return `kill may send only HUP, INT, KILL or TERM to a job here, not ${parsed.signal}`;
  const pid = parsed.targets.find((t) => /^\d+$/.test(t));
  if (literal && pid !== undefined) return `kill ${pid}: a PID written in the scenario is never one of the runner's jobs (their PIDs are known only as it runs: use %1 or $!)`;
  return null;
}

/** A job's status as $? shows it: its exit code, or 128 + the signal that ended it. */
function statusCode(status: JobStatus): number {
  if (status.kind === 'exited') return status.code;
  if (status.kind === 'signalled') return 128 + status.signal;
  return 0;
}

function findJob(jobs: HostJobs, spec: string, builtin: string, io: BuiltinIo): Job | null {
  const found = lookupJob(jobs.terminal, spec, builtin);
  if ('message' in found) {
    io.err(`bash: ${found.message}\n`);
    return null;
  }
  return found;
}

function kill(argv: readonly string[], jobs: HostJobs, io: BuiltinIo): number {
  const args = argv.slice(1);
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length > 1) {
      io.err('lvs-dr-lab kernel-run: kill: refused: kill -l takes no signal here\n');
      return 126;
    }
    io.out(signalList());
    return 0;
  }
  const parsed = parseKill(args);
  if ('message' in parsed) {
    io.err(parsed.message);
    return parsed.status;
  }
  const problem = jobBuiltinProblem(argv, false);
  if (problem) {
    io.err(`lvs-dr-lab kernel-run: kill: refused: ${problem}\n`);
    return 126;
  }
  let status = 0;
  for (const target of parsed.targets) {
    let job: Job | null | undefined;
    if (target.startsWith('%')) job = findJob(jobs, target, 'kill', io);
    else if (/^\d+$/.test(target)) {
      job = jobs.byPid(Number(target));
      if (!job) {
        io.err(`lvs-dr-lab kernel-run: kill: refused: PID ${target} is not a job the runner started on this host (it signals only its own children)\n`);
        return 126;
      }
    } else {
      io.err(`bash: kill: ${target}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    if (!job) {
      status = 1;
      continue;
    }
    if (!jobs.signal(job, parsed.signal, target.startsWith('%'))) {
      io.err(`bash: kill: (${job.pid}) - No such process\n`);
      status = 1;
    }
  }
  return status;
}

async function wait(argv: readonly string[], jobs: HostJobs, io: BuiltinIo, remainingMs: () => number): Promise<BuiltinResult> {
  const ids = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (ids.length === 0) {
    for (const job of jobs.terminal.jobs) {
      if (!(await jobs.waitFor(job, remainingMs()))) return { exit: 0, timedOut: true };
    }
    return { exit: 0, timedOut: false };
  }
  let status = 0;
  for (const id of ids) {
    let job: Job | null | undefined;
    if (id.startsWith('%')) {
      job = findJob(jobs, id, 'wait', io);
      if (!job) {
        status = 127;
        continue;
      }
    } else if (/^\d+$/.test(id)) {
      job = jobs.byPid(Number(id));
      if (!job) {
        io.err(`bash: wait: pid ${id} is not a child of this shell\n`);
        status = 127;
        continue;
      }
    } else {
      io.err(`bash: wait: \`${id}': not a pid or valid job spec\n`);
      status = 2;
      continue;
    }
    if (!(await jobs.waitFor(job, remainingMs()))) return { exit: status, timedOut: true };
    status = statusCode(job.status);
  }
  return { exit: status, timedOut: false };
}

/** Runs `kill`, `wait` or `jobs` (argv[0]) on the host's job table. */
export async function runJobBuiltin(argv: readonly string[], jobs: HostJobs, io: BuiltinIo, remainingMs: () => number): Promise<BuiltinResult> {
  if (argv[0] === 'wait') return wait(argv, jobs, io, remainingMs);
  if (argv[0] === 'kill') return { exit: kill(argv, jobs, io), timedOut: false };
  return { exit: jobsBuiltin(jobs.terminal, argv.slice(1), { out: io.out, error: (message) => io.err(`bash: ${message}\n`), raw: io.err }), timedOut: false };
}
