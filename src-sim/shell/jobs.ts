// A host terminal's jobs (bash's job table) and where what they print goes.
//
// A background command that takes virtual time (`ping VIP &`, `tcpdump -n -i
// eth0 &`, `sleep 5 &`) keeps running while later commands run: its events
// fire whenever anything advances the lab's one clock, on any host. What it
// prints goes to the terminal that started it: into the line running there
// at that moment, or, when none is, it waits and is shown before the next
// line's own output (on a real terminal it would already be on the screen).
// When a job ends, bash tells at the next prompt: "[1]+  Done  ping -c 3 VIP".
import type { Host } from '../host/host.ts';
import { signalDescription } from '../host/signals.ts';
import type { RunningCommand } from './context.ts';
import type { OutputSink } from './shell.ts';

/** How a job is, or how it ended. */
export type JobStatus = { kind: 'running' } | { kind: 'exited'; code: number } | { kind: 'signalled'; signal: number };

export interface Job {
  readonly number: number;
  /** Its process (the job's process group leader). */
  readonly pid: number;
  /** The command as typed, as bash prints it in `jobs` and its notices. */
  readonly text: string;
  status: JobStatus;
  /** The command running in virtual time; null once it ended (or for a job that ran to completion at once). */
  running: RunningCommand | null;
  /** Set when a signal ended it: how, so the command's own exit status does not count. */
  killedBy: number | null;
  /** Started at the terminal (job control on): bash reports its end before a prompt; a script's jobs are not reported. */
  readonly notify: boolean;
}

/**
 * Processes a terminal may have running in the background at once. bash has
 * no such limit (the kernel's RLIMIT_NPROC has); the lab has one so that no
 * loop can fill it with timers, and says what bash says when fork fails.
 */
export const MAX_BACKGROUND_JOBS = 32;

/**
 * A command typed alone at a live terminal that runs until a signal ends it
 * (`ping VIP`, `tcpdump -n -i eth0`): its line has returned, but the
 * terminal is its until Ctrl-C there (Lab.interrupt) or its own end; it
 * prints through the terminal as its events fire on the lab's clock.
 */
export interface LiveForeground {
  /** The line as typed. */
  readonly line: string;
  readonly pid: number;
  readonly running: RunningCommand;
  /** Its exit status once it ended: its own, or 128 + the signal that killed it. */
  status(): number;
  /** Ctrl-C: the terminal echoes ^C and the tool's SIGINT handler (or the default action) ends it; its exit status. */
  interrupt(): number;
}

/** What a terminal keeps of output nobody has seen yet (the oldest goes first). */
const PENDING_LIMIT = 256 * 1024;

/** Status words bash pads to this width in `jobs` and notices (LONGEST_SIGNAL_DESC). */
const STATUS_WIDTH = 24;

export class Terminal {
  readonly #jobs: Job[] = [];
  #pending: Array<[stream: 'stdout' | 'stderr', text: string]> = [];
  #pendingChars = 0;
  /** The line running on this terminal now: background output goes straight into it. */
  attached: OutputSink | null = null;
  /**
   * A window showing this terminal while another terminal's line (or the
   * time controls) runs: background output reaches it live. Without one
   * (headless runs) the output waits for the host's next line.
   */
  watcher: OutputSink | null = null;
  /** The command left running in the foreground by a live line, or null (the prompt is back). */
  foreground: LiveForeground | null = null;

  /** A background job writes to the terminal. */
  write(stream: 'stdout' | 'stderr', text: string): void {
    const sink = this.attached ?? this.watcher;
    if (sink) {
      sink(stream, text);
      return;
    }
    this.#pending.push([stream, text]);
    this.#pendingChars += text.length;
    while (this.#pendingChars > PENDING_LIMIT && this.#pending.length > 1) this.#pendingChars -= this.#pending.shift()![1].length;
  }

  /** What background jobs printed while no line ran here, oldest first; the terminal forgets it. */
  takePending(): Array<[stream: 'stdout' | 'stderr', text: string]> {
    const pending = this.#pending;
    this.#pending = [];
    this.#pendingChars = 0;
    return pending;
  }

  /** Jobs whose command ended since last looked at get their status. */
  #refresh(): void {
    for (const job of this.#jobs) {
      if (job.status.kind !== 'running' || !job.running?.done) continue;
      job.status = job.killedBy !== null ? { kind: 'signalled', signal: job.killedBy } : { kind: 'exited', code: job.running.exitCode };
      job.running = null;
    }
  }

  /** Every job, in job-number order, their statuses up to date. */
  get jobs(): readonly Job[] {
    this.#refresh();
    return this.#jobs;
  }

  /** Background processes still running. */
  get runningCount(): number {
    return this.jobs.filter((j) => j.status.kind === 'running').length;
  }

  /** A new job: the number after the highest in use, as bash numbers them. */
  add(pid: number, text: string, running: RunningCommand | null, status: JobStatus, notify: boolean): Job {
    const number = (this.#jobs.at(-1)?.number ?? 0) + 1;
    const job: Job = { number, pid, text, status, running, killedBy: null, notify };
    this.#jobs.push(job);
    return job;
  }

  /** The job is gone from the table (`fg` took it, `wait` or a notice reported it). */
  remove(job: Job): void {
    const index = this.#jobs.indexOf(job);
    if (index >= 0) this.#jobs.splice(index, 1);
  }

  /** bash's `+` (current: the newest) and `-` (the one before). */
  marker(job: Job): '+' | '-' | ' ' {
    const jobs = this.#jobs;
    if (jobs.at(-1) === job) return '+';
    if (jobs.at(-2) === job) return '-';
    return ' ';
  }

  /**
   * A job by bash's jobspec: `%N`, `%%`/`%+`/`%` (current), `%-` (previous),
   * `%NAME` (the one whose command starts so), `%?TEXT` (contains it).
   * 'ambiguous' when a name matches more than one.
   */
  find(spec: string): Job | 'ambiguous' | undefined {
    const jobs = this.jobs;
    const body = spec.startsWith('%') ? spec.slice(1) : spec;
    if (body === '' || body === '%' || body === '+') return jobs.at(-1);
    if (body === '-') return jobs.at(-2) ?? jobs.at(-1);
    if (/^\d+$/.test(body)) return jobs.find((j) => j.number === Number(body));
    const matches = body.startsWith('?') ? jobs.filter((j) => j.text.includes(body.slice(1))) : jobs.filter((j) => j.text.startsWith(body));
    if (matches.length > 1) return 'ambiguous';
    return matches[0];
  }

  /** A job's line as `jobs` (and, for an ended one, bash's notice) prints it. */
  format(job: Job, withPid: boolean): string {
    const status = job.status;
    const word = status.kind === 'running' ? 'Running' : status.kind === 'exited' ? (status.code === 0 ? 'Done' : `Exit ${status.code}`) : signalDescription(status.signal);
    const pid = withPid ? `${String(job.pid).padStart(5)} ` : ' ';
    return `[${job.number}]${this.marker(job)} ${pid}${word.padEnd(STATUS_WIDTH)}${job.text}${status.kind === 'running' ? ' &' : ''}\n`;
  }

  /** What bash prints before the next prompt: a line for each job that ended; those jobs leave the table. */
  notices(): string {
    let text = '';
    for (const job of [...this.jobs]) {
      if (job.status.kind === 'running') continue;
      if (job.notify) text += this.format(job, false);
      this.remove(job);
    }
    return text;
  }
}

/** Where a job builtin writes: stdout, a message bash prefixes with its name (`bash: `), raw stderr. */
export interface JobBuiltinIo {
  out(text: string): void;
  error(message: string): void;
  raw(text: string): void;
}

/** A job by its jobspec, or bash's message for why not (`kill: %3: no such job`). */
export function lookupJob(terminal: Terminal, spec: string, builtin: string): Job | { message: string } {
  const found = terminal.find(spec);
  if (found === 'ambiguous') return { message: `${builtin}: ${spec}: ambiguous job spec` };
  if (!found) return { message: `${builtin}: ${spec}: no such job` };
  return found;
}

/** bash's `jobs [-lprs] [jobspec …]` over a terminal's table (the simulator's shell and the kernel runner both run it); its status. */
export function jobsBuiltin(terminal: Terminal, args: readonly string[], io: JobBuiltinIo): number {
  let long = false;
  let pidsOnly = false;
  const specs: string[] = [];
  for (const arg of args) {
    if (/^-[lprs]+$/.test(arg)) {
      long ||= arg.includes('l');
      pidsOnly ||= arg.includes('p');
    } else if (arg.startsWith('-') && arg !== '-') {
      io.error(`jobs: ${arg.slice(0, 2)}: invalid option`);
      io.raw('jobs: usage: jobs [-lnprs] [jobspec ...] or jobs -x command [args]\n');
      return 2;
    } else specs.push(arg);
  }
  let listed: Job[] = [...terminal.jobs];
  let status = 0;
  if (specs.length > 0) {
    listed = [];
    for (const spec of specs) {
      const job = lookupJob(terminal, spec, 'jobs');
      if ('message' in job) {
        io.error(job.message);
        status = 1;
      } else listed.push(job);
    }
  }
  for (const job of listed) io.out(pidsOnly ? `${job.pid}\n` : terminal.format(job, long));
  // Listing an ended job is bash's notice of it: it leaves the table.
  for (const job of listed) if (job.status.kind !== 'running') terminal.remove(job);
  return status;
}

const TERMINALS = new WeakMap<Host, Terminal>();

/** The host's terminal (the lab has one per host). */
export function terminalOf(host: Host): Terminal {
  let terminal = TERMINALS.get(host);
  if (!terminal) {
    terminal = new Terminal();
    TERMINALS.set(host, terminal);
  }
  return terminal;
}
