// bash's job builtins: jobs, fg, wait and kill, over the terminal's job table
// (jobs.ts) and the host's process table (host/processes.ts). Messages are
// bash 5.2's, word for word.
import { Interrupted } from '../core/budget.ts';
import { IGNORED_BY_DEFAULT, JOB_CONTROL_SIGNALS, parseSignal, signalList, signalName, SIGTERM } from '../host/signals.ts';
import type { Builtin } from './builtins.ts';
import { jobsBuiltin, lookupJob, terminalOf, type Job, type JobStatus } from './jobs.ts';
import type { Shell } from './shell.ts';
import { DISCARD, write, type Io } from './shell-runtime.ts';

const KILL_USAGE = 'kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n';

/** A job's status as $? shows it: its exit code, or 128 + the signal that ended it. */
function statusCode(status: JobStatus): number {
  if (status.kind === 'exited') return status.code;
  if (status.kind === 'signalled') return 128 + status.signal;
  return 0;
}

/** A jobspec looked up, or bash's message for why not (`%3: no such job`). */
function findJob(shell: Shell, spec: string, builtin: string, io: Io): Job | null {
  const found = lookupJob(terminalOf(shell.host), spec, builtin);
  if ('message' in found) {
    shell.error(io, found.message);
    return null;
  }
  return found;
}

/** Lets the lab run until `done` says so; the lab's command time limit ends the wait as Ctrl-C would (the jobs go on running). */
function waitUntil(shell: Shell, done: () => boolean): void {
  if (!shell.lab.runUntilDone(done)) throw new Interrupted();
}

const jobs: Builtin = (shell, argv, io) =>
  jobsBuiltin(terminalOf(shell.host), argv.slice(1), { out: (text) => write(io, 1, text), error: (message) => shell.error(io, message), raw: (text) => write(io, 2, text) });

const fg: Builtin = (shell, argv, io) => {
  if (shell.context.kind !== 'interactive') {
    shell.error(io, 'fg: no job control');
    return 1;
  }
  const spec = argv[1];
  const terminal = terminalOf(shell.host);
  if (spec === undefined && terminal.jobs.length === 0) {
    shell.error(io, 'fg: current: no such job');
    return 1;
  }
  const job = findJob(shell, spec ?? '%+', 'fg', io);
  if (!job) return 1;
  if (job.status.kind !== 'running' || !job.running) {
    shell.error(io, 'fg: job has terminated');
    terminal.remove(job);
    return 1;
  }
  write(io, 1, `${job.text}\n`);
  const running = job.running;
  terminal.remove(job);
  return shell.foreground(running, io.fds.get(1) ?? DISCARD);
};

const wait: Builtin = (shell, argv, io) => {
  const terminal = terminalOf(shell.host);
  const ids = argv.slice(1).filter((a) => a !== '-n' && a !== '-f');
  if (ids.length === 0) {
    waitUntil(shell, () => terminal.runningCount === 0);
    return 0;
  }
  let status = 0;
  for (const id of ids) {
    let job: Job | undefined;
    if (id.startsWith('%')) {
      const found = findJob(shell, id, 'wait', io);
      if (!found) {
        status = 127;
        continue;
      }
      job = found;
    } else if (/^\d+$/.test(id)) {
      job = terminal.jobs.find((j) => j.pid === Number(id));
      if (!job) {
        shell.error(io, `wait: pid ${id} is not a child of this shell`);
        status = 127;
        continue;
      }
    } else {
      shell.error(io, `wait: \`${id}': not a pid or valid job spec`);
      status = 2;
      continue;
    }
    const waited = job;
    waitUntil(shell, () => waited.running === null || waited.running.done);
    // The status is read (and the job reported) through the table.
    status = statusCode(terminal.jobs.find((j) => j === waited)?.status ?? waited.status);
  }
  return status;
};

/** Sends `signal` to a PID on the shell's host; false when there is no such process. */
function signalProcess(shell: Shell, pid: number, signal: number): boolean {
  const processes = shell.host.processes;
  const entry = processes.get(pid);
  if (!entry) return false;
  if (signal === 0 || IGNORED_BY_DEFAULT.has(signal) || JOB_CONTROL_SIGNALS.has(signal)) return true;
  if (entry.signal) {
    entry.signal(signal);
    return true;
  }
  // Kernel threads, init and the interactive shell (which ignores SIGTERM and SIGINT; the lab
  // keeps its terminal) are not ended; any other process without a handler dies of the signal.
  if (entry.argv === null || pid === 1 || pid === processes.shellPid) return true;
  processes.exit(pid);
  return true;
}

const kill: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    write(io, 2, KILL_USAGE);
    return 2;
  }
  if (args[0] === '-l' || args[0] === '-L') {
    if (args.length === 1) {
      write(io, 1, signalList());
      return 0;
    }
    let status = 0;
    for (const arg of args.slice(1)) {
      if (/^\d+$/.test(arg)) {
        // An exit status above 128 names the signal that caused it.
        const n = Number(arg) > 128 ? Number(arg) - 128 : Number(arg);
        const name = signalName(n);
        if (name === null) {
          shell.error(io, `kill: ${arg}: invalid signal specification`);
          status = 1;
        } else write(io, 1, `${name.slice(3)}\n`);
        continue;
      }
      const n = parseSignal(arg);
      if (n === null) {
        shell.error(io, `kill: ${arg}: invalid signal specification`);
        status = 1;
      } else write(io, 1, `${n}\n`);
    }
    return status;
  }
  let signal = SIGTERM;
  let i = 0;
  const first = args[0]!;
  if (first === '-s' || first === '-n') {
    const spec = args[1];
    if (spec === undefined) {
      shell.error(io, `kill: ${first}: option requires an argument`);
      return 1;
    }
    const n = parseSignal(spec);
    if (n === null) {
      shell.error(io, `kill: ${spec}: invalid signal specification`);
      return 1;
    }
    signal = n;
    i = 2;
  } else if (first === '--') i = 1;
  else if (first.startsWith('-') && first.length > 1) {
    const n = parseSignal(first.slice(1));
    if (n === null) {
      shell.error(io, `kill: ${first.slice(1)}: invalid signal specification`);
      return 1;
    }
    signal = n;
    i = 1;
  }
  if (i >= args.length) {
    write(io, 2, KILL_USAGE);
    return 2;
  }
  let status = 0;
  for (const target of args.slice(i)) {
    if (target.startsWith('%')) {
      const job = findJob(shell, target, 'kill', io);
      if (!job) {
        status = 1;
        continue;
      }
      if (job.status.kind !== 'running' || !signalProcess(shell, job.pid, signal)) {
        shell.error(io, `kill: ${target}: no such job`);
        status = 1;
      }
      continue;
    }
    if (!/^\d+$/.test(target)) {
      shell.error(io, `kill: ${target}: arguments must be process or job IDs`);
      status = 1;
      continue;
    }
    if (!signalProcess(shell, Number(target), signal)) {
      shell.error(io, `kill: (${target}) - No such process`);
      status = 1;
    }
  }
  return status;
};

export const JOB_BUILTINS: ReadonlyArray<[string, Builtin]> = [
  ['jobs', jobs],
  ['fg', fg],
  ['wait', wait],
  ['kill', kill],
];
