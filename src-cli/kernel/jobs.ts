// Processes a step leaves running (`tcpdump -n -i eth0 icmp &`): the host
// terminal's job table, kept by the runner as bash keeps it, with the same
// table the simulator uses (src-sim/shell/jobs.ts Terminal: numbering, `%N`
// lookup, `jobs` lines, `[1]+  Done …` notices). Each job is a child of the
// runner, `ip netns exec NS TOOL …` in its own process group; the runner
// signals only these children, by the PID it spawned.
//
// Where a job's output goes is the simulator's rule (docs/scenario-format.md):
// into the step running on its host at that moment, or, when none is, first
// into the host's next step. Each chunk is routed as it arrives, so the split
// follows the child's own buffering: ping flushes each line; tcpdump writing
// to a pipe would hold its lines until it exits, so the runner starts it with
// `-l`, the line buffering stdio gives it on the learner's terminal (a tty).
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { Terminal, type Job } from '../../src-sim/shell/jobs.ts';
import { CHILD_ENV, killTree, liveChildren, within } from './exec.ts';

/** The tools that take time and may be left running (each a single simple command). */
export const BACKGROUND_TOOLS: readonly string[] = ['tcpdump', 'ping', 'arping', 'sleep'];

/** What one job may print (stdout and stderr together) before it is killed. */
const MAX_JOB_OUTPUT = 4 * 1024 * 1024;

/**
 * How long the step that starts a job waits for the job's first words
 * (tcpdump's `listening on …`, ping's and arping's header): they are on the
 * screen before a learner types the next line, and tcpdump captures nothing
 * before it says it listens.
 */
const FIRST_OUTPUT_WAIT_MS = 3000;

/** How long the runner waits for a killed job to go at the scenario's end. */
const END_WAIT_MS = 2000;

export type Stream = 'stdout' | 'stderr';
export type Sink = (stream: Stream, text: string) => void;

interface Child {
  process: ChildProcess;
  /** Resolves once the process has exited and its pipes are closed (all its output delivered). */
  closed: Promise<void>;
}

function signalNumber(name: NodeJS.Signals): number {
  return (constants.signals as Record<string, number>)[name] ?? 9;
}

/** One host's terminal: its job table, the children behind it and where their output goes. */
export class HostJobs {
  readonly terminal = new Terminal();
  readonly #children = new Map<Job, Child>();
  /** `$!`: the PID of the last job started on this terminal. */
  lastPid: number | null = null;

  constructor(
    readonly ns: string,
    readonly scratchDir: string,
  ) {}

  /** A step on this host begins: what jobs printed while none ran comes first, then their output goes into it. */
  attach(sink: Sink): void {
    for (const [stream, text] of this.terminal.takePending()) sink(stream, text);
    this.terminal.attached = sink;
  }

  /** The step ends: jobs' output waits for the next step again; bash's notices of the jobs that ended. */
  detach(): string {
    this.terminal.attached = null;
    return this.terminal.notices();
  }

  /**
   * Starts `argv` (already allowed) in the host's namespace as job `text`;
   * `announce` gets it before it can print (bash's `[1] PID`); resolves once
   * it has printed its first words, ended, or FIRST_OUTPUT_WAIT_MS passed.
   */
  async start(argv: readonly string[], text: string, announce: (job: Job) => void): Promise<Job> {
    const tool = argv[0]!;
    // -l: tcpdump's output line-buffered, as on a terminal (see the top of this file).
    const spawned = tool === 'tcpdump' ? ['tcpdump', '-l', ...argv.slice(1)] : [...argv];
    const child = spawn('ip', ['netns', 'exec', this.ns, ...spawned], { env: CHILD_ENV, stdio: ['ignore', 'pipe', 'pipe'], detached: true, cwd: this.scratchDir });
    let spoke: () => void = () => {};
    const firstWords = new Promise<void>((resolve) => {
      spoke = resolve;
    });
    liveChildren.add(child);
    const closed = new Promise<void>((resolve) => {
      const gone = (): void => {
        liveChildren.delete(child);
        resolve();
      };
      child.on('close', gone);
      child.on('error', gone);
    });
    const job = this.terminal.add(child.pid ?? 0, text, null, { kind: 'running' }, true);
    this.#children.set(job, { process: child, closed });
    this.lastPid = job.pid;
    announce(job);
    let printed = 0;
    let said = '';
    const route = (stream: Stream) => (chunk: Buffer): void => {
      printed += chunk.length;
      if (printed > MAX_JOB_OUTPUT) {
        killTree(child);
        return;
      }
      const text = chunk.toString('utf8');
      this.terminal.write(stream, text);
      // tcpdump's first words come in two writes ("verbose output suppressed", then "listening on"): it captures after the second.
      if (said.length < 4096) said += text;
      if (tool !== 'tcpdump' || /listening on /.test(said)) spoke();
    };
    child.stdout!.on('data', route('stdout'));
    child.stderr!.on('data', route('stderr'));
    let exitCode: number | null = null;
    let exitSignal: NodeJS.Signals | null = null;
    child.on('exit', (code, signal) => {
      exitCode = code;
      exitSignal = signal;
    });
    void closed.then(() => {
      job.status = exitSignal !== null ? { kind: 'signalled', signal: signalNumber(exitSignal) } : { kind: 'exited', code: exitCode ?? 127 };
      spoke();
    });
    // sleep prints nothing: it is running once spawned.
    if (tool !== 'sleep') await within(firstWords, FIRST_OUTPUT_WAIT_MS);
    return job;
  }

  /** The job of a PID this terminal started (running or not yet reported). */
  byPid(pid: number): Job | undefined {
    return this.terminal.jobs.find((job) => job.pid === pid);
  }

  /** Sends `signal` to the job's process group (bash's kill %N) or to its process (kill PID); false when it has already ended. */
  signal(job: Job, signal: NodeJS.Signals, group: boolean): boolean {
    const child = this.#children.get(job);
    if (!child || job.status.kind !== 'running' || child.process.exitCode !== null || child.process.signalCode !== null) return false;
    try {
      process.kill(group ? -job.pid : job.pid, signal);
      return true;
    } catch {
      return false;
    }
  }

  /** Waits at most `ms` for the job to end (its output delivered); true when it has. */
  async waitFor(job: Job, ms: number): Promise<boolean> {
    const child = this.#children.get(job);
    if (!child) return true;
    return within(child.closed, ms);
  }

  /** The scenario ends: every job still running is killed with its process group, and waited for. */
  async killAll(): Promise<void> {
    const children = [...this.#children.values()];
    for (const child of children) killTree(child.process, 'SIGKILL');
    await Promise.all(children.map((child) => within(child.closed, END_WAIT_MS)));
  }
}
