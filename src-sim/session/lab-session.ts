// LabSession: the one door to a running lab. The renderer (through the
// worker protocol, see server.ts and client.ts), the CLI and tests drive a
// lab only through it: run a command line with its output streamed, Ctrl-C,
// let time pass, read what changed since a cursor (frames, trace events,
// capture rows) and snapshots of every host, completions, fork, export.
//
// Everything here is synchronous and pure; where it runs (in-process, or in a
// Web Worker so the window never freezes) is the caller's choice.
import type { CommandResult, LabFrame, TraceEvent } from '../api.ts';
import { bootLab, type Lab } from '../lab.ts';
import { writePcapng } from '../net/pcapng.ts';
import { sessionScenario } from '../scenario/from-journal.ts';
import type { Scenario } from '../scenario/types.ts';
import { applySteps, type PowerAction, type Step } from '../step.ts';
import { COMMANDS } from '../shell/commands/index.ts';
import type { OutputSink } from '../shell/shell.ts';
import { absolutePath } from '../shell/cwd.ts';
import { FS_ERRNO_TEXT, type FsErrno } from '../host/fs.ts';
import { CaptureRows, macOwners, type CaptureRow } from './capture-view.ts';
import { arpSysctlsOf, interfacesOf, ipOwners, ipvsOf, neighboursOf, routesOf, type InterfaceView, type NeighbourView, type ServiceView, type SysctlView } from './host-view.ts';
import { terminalOf } from '../shell/jobs.ts';

export interface SessionSpec {
  scenario: Scenario;
  /** Seed of the lab's random source (default 1). */
  seed?: number;
  /** Run silently after booting, before the learner starts (a lesson's break, a what-if change). */
  setup?: readonly Step[];
  /** What the learner already did, replayed after the setup: a fork, or a worker rebuilt after Ctrl-C. */
  journal?: readonly Step[];
}

/** One host as the live tables show it. */
export interface HostSnapshot {
  interfaces: InterfaceView[];
  routes: string[];
  sysctls: SysctlView[];
  ipvs: ServiceView[];
  neighbours: NeighbourView[];
  /** Background jobs still running in the host's terminal (while any run, the window lets the clock go on). */
  runningJobs: number;
  /** The line whose command holds the terminal until Ctrl-C (`ping VIP` typed at a live terminal), or null: the prompt is back. */
  live: string | null;
}

/** Output of a terminal other than the running line's: a background job printing (tcpdump -n -i eth0 &). */
export type TerminalOutputSink = (host: string, stream: 'stdout' | 'stderr', text: string) => void;

/** Positions in the lab's logs (counted since boot, dropped entries included). */
export interface SessionCursor {
  frames: number;
  trace: number;
  captured: number;
}

/** What changed since a cursor, and the state of every host now. */
export interface LabDelta {
  /** Virtual seconds since the lab booted. */
  now: number;
  frames: LabFrame[];
  trace: TraceEvent[];
  captureRows: CaptureRow[];
  hosts: Record<string, HostSnapshot>;
  /** MAC → "rs1 eth0" (a MAC can change with `ip link set … address`). */
  owners: Array<[mac: string, owner: string]>;
  /** What the bounded logs dropped so far. */
  dropped: { frames: number; trace: number; captured: number };
  /** New entries left out of this delta because there were more than DELTA_LIMIT (the newest are kept). */
  skipped: { frames: number; trace: number; captured: number };
  cursor: SessionCursor;
}

/** A file opened by the editor: `error` is why it could not be read (ENOENT: a new file). */
export interface OpenedFile {
  path: string;
  text: string;
  error: FsErrno | null;
}

/** A file's bytes for a download: `error` is why it could not be read, as strerror says it (its bytes are then empty). */
export interface FileBytes {
  path: string;
  bytes: Uint8Array;
  error: string | null;
}

export interface RunOutcome {
  exit: number;
  /** Virtual seconds since boot when the line started (a challenge's transcript times). */
  startedAt: number;
  /** Ctrl-C ended it after this many units of work (journaled, so a replay stops at the same step). */
  interruptedAfter?: number;
  /** Its command runs on in the foreground (a live line): the prompt comes back with Ctrl-C (`interrupt`) or its end (HostSnapshot.live). */
  live?: true;
}

/** What Tab completes against on a host. */
export interface CompletionSource {
  commands: string[];
  interfaces: string[];
  sysctlKeys: string[];
}

/**
 * At most this many new frames, trace events and capture rows per delta (the
 * newest): what the window receives, decodes and renders at once stays
 * small, even after a loop that sent a hundred thousand frames.
 */
export const DELTA_LIMIT = 2_000;

export class LabSession {
  readonly spec: SessionSpec;
  readonly hostNames: readonly string[];
  /** What each setup command printed, so a caller can report a broken setup (a what-if change with a typo). */
  readonly setupResults: Array<{ host: string; run: string } & CommandResult> = [];
  readonly #lab: Lab;
  readonly #rows = new CaptureRows();
  /** Captured frames up to here were formatted (or skipped) for a delta. */
  #formattedTo: number;
  /** Where the learner's view starts: frames and events of boot and setup stay hidden. */
  readonly #origin: SessionCursor;

  constructor(spec: SessionSpec, interrupted: () => boolean = () => false) {
    this.spec = spec;
    // capture: every frame as sent, for the capture panel and pcapng export.
    this.#lab = bootLab(spec.scenario, spec.setup ?? [], { seed: spec.seed ?? 1, capture: true });
    for (const { step, result } of this.#lab.journal) if ('run' in step && result) this.setupResults.push({ host: step.host, run: step.run, ...result });
    const start = this.#lab.start;
    this.#origin = { frames: start.frames, trace: start.trace, captured: start.captured };
    this.#formattedTo = this.#origin.captured;
    applySteps(this.#lab, spec.journal ?? []);
    // Ctrl-C reaches the lab only once it is rebuilt: a replay is never interrupted but where it was.
    this.#lab.interrupted = interrupted;
    this.hostNames = [...this.#lab.hostNames];
  }

  get now(): number {
    return this.#lab.now;
  }

  /** The start of the learner's view: pass it to `delta` for everything since. */
  get origin(): SessionCursor {
    return { ...this.#origin };
  }

  /** What the learner did since the setup, as replayable steps (Ctrl-C points included). */
  get journal(): Step[] {
    return this.#lab.learnerSteps.map((step) => ({ ...step }));
  }

  /** The lab itself, for in-process callers that check its state (tests, the CLI, course checks). */
  get lab(): Lab {
    return this.#lab;
  }

  /**
   * Every host's terminal shows its background jobs' output through `others`
   * while a request runs (the line's own host's goes into the line); undone
   * by the returned function. Without `others` it waits for the host's next line.
   */
  #watch(others: TerminalOutputSink | undefined): () => void {
    if (!others) return () => undefined;
    for (const [name, host] of this.#lab.hosts) terminalOf(host).watcher = (stream, text) => others(name, stream, text);
    return () => {
      for (const host of this.#lab.hosts.values()) terminalOf(host).watcher = null;
    };
  }

  /**
   * Runs one command line; `output` receives what the terminal shows as it is produced, `others` what other terminals' jobs print meanwhile.
   * `live`: the terminal shows output as it comes, so a command that runs until Ctrl-C, typed alone, is left running (RunOutcome.live).
   */
  run(host: string, line: string, output?: OutputSink, others?: TerminalOutputSink, live = false): RunOutcome & CommandResult {
    const startedAt = this.#lab.now;
    this.#lab.output = output ?? null;
    const unwatch = this.#watch(others);
    try {
      const result = this.#lab.run(host, line, live ? { live } : undefined);
      const last = this.#lab.journal.at(-1)?.step;
      const interruptedAfter = last && 'interruptedAfter' in last ? last.interruptedAfter : undefined;
      return { ...result, startedAt, ...(interruptedAfter === undefined ? {} : { interruptedAfter }) };
    } finally {
      this.#lab.output = null;
      unwatch();
    }
  }

  /**
   * A file as an editor opens it (`vi FILE`): its absolute path against the
   * shell's current directory, and its text, or the error that keeps it from
   * being read (a new file is ENOENT and opens empty).
   */
  readFile(host: string, path: string): OpenedFile {
    const sim = this.#lab.host(host);
    const absolute = absolutePath(sim, path);
    const read = sim.fs.read(absolute);
    return read.ok ? { path: absolute, text: read.value, error: null } : { path: absolute, text: '', error: read.errno };
  }

  /** A file's bytes (a capture `tcpdump -w` wrote is not text), for the app to save on the learner's machine. */
  fileBytes(host: string, path: string): FileBytes {
    const sim = this.#lab.host(host);
    const absolute = absolutePath(sim, path);
    const read = sim.fs.readBytes(absolute);
    return read.ok ? { path: absolute, bytes: read.value, error: null } : { path: absolute, bytes: new Uint8Array(0), error: FS_ERRNO_TEXT[read.errno] };
  }

  /** Saves a whole file as the editor does: a journaled write step, replayed by forks. */
  writeFile(host: string, path: string, text: string): CommandResult {
    return this.#lab.writeFile(host, path, text);
  }

  /** A host's power button: `cycle` resets it, `off` holds it down, `on` starts it (a journaled power step). */
  power(host: string, action: PowerAction): CommandResult {
    return this.#lab.power(host, action);
  }

  /** Ctrl-C at `host`'s terminal: the command a live line left running there ends; `output` gets what it prints, `others` the other terminals'. */
  interrupt(host: string, output?: OutputSink, others?: TerminalOutputSink): CommandResult {
    this.#lab.output = output ?? null;
    const unwatch = this.#watch(others);
    try {
      return this.#lab.interrupt(host);
    } finally {
      this.#lab.output = null;
      unwatch();
    }
  }

  /** Lets virtual time pass (the time controls, a challenge's clock, running jobs); `others` gets what the terminals' jobs print meanwhile. */
  sleep(seconds: number, others?: TerminalOutputSink): void {
    const unwatch = this.#watch(others);
    try {
      this.#lab.sleep(seconds);
    } finally {
      unwatch();
    }
  }

  /** Everything since `cursor` (default: since the learner started) and every host now. */
  delta(cursor: SessionCursor = this.#origin): LabDelta {
    const lab = this.#lab;
    const skipped = { frames: 0, trace: 0, captured: 0 };
    const since = <T>(log: readonly T[], dropped: number, from: number, kind: keyof typeof skipped): T[] => {
      const all = log.length - Math.max(0, from - dropped);
      skipped[kind] = Math.max(0, all - DELTA_LIMIT);
      return log.slice(log.length - Math.min(all, DELTA_LIMIT));
    };
    const hosts: Record<string, HostSnapshot> = {};
    const owners = macOwners(lab);
    const ips = ipOwners(lab.hosts.values());
    for (const [name, host] of lab.hosts) {
      hosts[name] = { interfaces: interfacesOf(host), routes: routesOf(host), sysctls: arpSysctlsOf(host), ipvs: ipvsOf(host, ips), neighbours: neighboursOf(host, owners), runningJobs: terminalOf(host).runningCount, live: terminalOf(host).foreground?.line ?? null };
    }
    return {
      now: lab.now,
      frames: since(lab.frames, lab.dropped.frames, cursor.frames, 'frames'),
      trace: since(lab.trace, lab.dropped.trace, cursor.trace, 'trace'),
      captureRows: this.#newRows(cursor.captured, skipped),
      hosts,
      owners: [...owners],
      dropped: { ...lab.dropped },
      skipped,
      cursor: this.#position(),
    };
  }

  completionSource(host: string): CompletionSource {
    const sim = this.#lab.host(host);
    return { commands: [...COMMANDS.keys()], interfaces: sim.devices.map((d) => d.name), sysctlKeys: sim.sysctl.listAll().map(([key]) => key) };
  }

  /**
   * "What if": the same lab and setup with `change` made first, then the
   * learner's journal replayed. The simulator is deterministic, so only the
   * change makes a difference.
   */
  fork(change?: { host: string; run: string }): LabSession {
    return new LabSession({ ...this.spec, setup: [...(this.spec.setup ?? []), ...(change ? [change] : [])], journal: this.journal });
  }

  /** Frames sent since the learner started, as a pcapng file. */
  pcapng(): Uint8Array {
    const lab = this.#lab;
    const frames = lab.captured.slice(Math.max(0, this.#origin.captured - lab.dropped.captured));
    return writePcapng(frames, [...lab.segments.keys()]);
  }

  /** The session as a scenario file (File ▸ Save): boot, setup and the learner's steps. */
  savedScenario(): { scenario: Scenario; seed: number } {
    return sessionScenario(this.#lab);
  }

  /**
   * Capture rows for the frames captured since `from`, each frame formatted
   * once and in order (tcpdump's relative TCP numbers need that); beyond
   * DELTA_LIMIT only the newest are formatted.
   */
  #newRows(from: number, skipped: { captured: number }): CaptureRow[] {
    const lab = this.#lab;
    const end = lab.captured.length + lab.dropped.captured;
    const start = Math.max(from, this.#formattedTo, end - DELTA_LIMIT, lab.dropped.captured);
    skipped.captured = Math.max(0, start - from);
    this.#formattedTo = end;
    return this.#rows.format(lab.captured.slice(start - lab.dropped.captured));
  }

  #position(): SessionCursor {
    const lab = this.#lab;
    return { frames: lab.framesRecorded, trace: lab.trace.length + lab.dropped.trace, captured: lab.captured.length + lab.dropped.captured };
  }
}
