// A lab: hosts on segments, one virtual clock, one seeded random source, the
// frames that crossed each segment and the trace of every kernel decision.
import type { CommandResult, LabFrame, TraceEvent } from './api.ts';
import { Budget, BudgetExceeded, DEFAULT_BUDGET, FRAME_WORK, Interrupted, UNLIMITED, type BudgetLimits } from './core/budget.ts';
import { EventQueue, MICROS_PER_SECOND } from './core/event-queue.ts';
import { SeededRandom } from './core/random.ts';
import { formatIp4, parseCidr } from './net/addr.ts';
import type { EthernetFrame } from './net/frame.ts';
import { readVrrp } from './net/vrrp.ts';
import { encodeIpv4 } from './net/wire.ts';
import type { CapturedFrame } from './net/pcapng.ts';
import { Segment } from './net/segment.ts';
import { Host } from './host/host.ts';
import type { TraceKey, TraceParams } from './i18n/trace.ts';
import type { NeighborRow, Scenario } from './scenario/types.ts';
import { routeWords } from './schema/scenario.ts';
import { endForeground, interruptForeground, runArgv, runCommandLine, type OutputSink } from './shell/shell.ts';
import { terminalOf } from './shell/jobs.ts';
import { COMMANDS } from './shell/commands/index.ts';
import { installOs } from './host/os-tree.ts';
import { journalOnDisk } from './host/systemd/journal.ts';
import { DEFAULT_OS } from './host/os.ts';
import { FS_ERRNO_TEXT } from './host/fs.ts';
import { neighbourRows } from './host/neighbour/rows.ts';
import { changePower } from './power.ts';
import { applySteps, type BudgetStop, type PowerAction, type CommandStep, type JournalEntry, type SleepStep, type Step } from './step.ts';

export interface LabOptions {
  seed?: number;
  /** Record trace events (explanations). Off makes big benchmarks cheaper. */
  trace?: boolean;
  /** Keep every frame as sent, with its segment and time, for pcapng export. */
  capture?: boolean;
}

/** The lab as the learner found it: counts of journal entries, frames, trace events and captured frames, and the clock (µs). */
export interface LabStart {
  steps: number;
  us: number;
  frames: number;
  trace: number;
  captured: number;
}

/** A running command that takes virtual time (ping, arping). */
export interface Process {
  done: boolean;
  /** Ctrl-C: the command prints its summary and exits. */
  interrupt(): void;
  /** How long it may run in the foreground (sleep's own length); COMMAND_TIME_LIMIT_US when absent. */
  timeLimitUs?: number;
}


/** Longest a command may run in virtual time before it is interrupted like Ctrl-C. */
export const COMMAND_TIME_LIMIT_US = 60 * MICROS_PER_SECOND;

/**
 * Frames, trace events and captured frames kept: beyond this the oldest half
 * is dropped (and counted), so `ab -n 1000000` cannot hold the tab's memory.
 * Cursors over these logs use the frame and event ids, never positions.
 */
export const LOG_CAPACITY = 200_000;

/**
 * Virtual time before each typed command starts. On a real host commands are
 * never back to back: the shell forks and execs the tool, which sets itself
 * up before its first packet, and meanwhile the kernel handles what is still
 * on the wire (the reply that came in just after `arping -w 1` gave up, a
 * gratuitous ARP). The kernel runner (src-cli/kernel/run.ts, one
 * `ip netns exec … sh -c` per step) shows 9-37 ms, median 13 ms, from one
 * `ping -c 1` step to the next on the 2-core CI machine; 10 ms keeps every
 * in-flight frame on the right side of the next command.
 */
export const COMMAND_GAP_US = 10_000;

export class Lab {
  readonly queue = new EventQueue();
  readonly random: SeededRandom;
  /** The seed the random source started from (hosts derive their process IDs from it). */
  readonly seed: number;
  readonly hosts = new Map<string, Host>();
  readonly segments = new Map<string, Segment>();
  readonly frames: LabFrame[] = [];
  readonly trace: TraceEvent[] = [];
  /** Frames as sent, for pcapng export; filled only with the `capture` option. */
  readonly captured: CapturedFrame[] = [];
  private readonly capturing: boolean;
  private frameSeq = 0;
  private traceSeq = 0;
  private readonly tracing: boolean;
  /**
   * Every top-level run/sleep since boot, with what each command printed;
   * nested calls (a command running another) are not recorded. The simulator
   * is deterministic, so scenario + seed + journal rebuild the same lab (`forkLab`).
   */
  readonly journal: JournalEntry[] = [];
  /** Where the learner started, after the setup (a lesson's break, a challenge's faults); `markStart` sets it. */
  start: LabStart = { steps: 0, us: 0, frames: 0, trace: 0, captured: 0 };
  private depth = 0;
  /** The scenario and options `createLab` built this lab from; `forkLab` needs them. */
  origin: { scenario: Scenario; options: LabOptions } | null = null;
  /** What each top-level command line (and top-level sleep) may spend. */
  budgetLimits: BudgetLimits = DEFAULT_BUDGET;
  /** Ctrl-C: polled at every budget check; the session points it at its interrupt flag. */
  interrupted: () => boolean = () => false;
  /** Frames, trace events and captured frames dropped from the bounded logs. */
  readonly dropped = { frames: 0, trace: 0, captured: 0 };
  /** How many of each the logs keep (LOG_CAPACITY; smaller in tests). */
  logCapacity = LOG_CAPACITY;
  /** A terminal showing top-level output as it is produced; null keeps output in the results only. */
  output: OutputSink | null = null;
  #budget: Budget | null = null;
  /** While `applySteps` runs a batch under a whole-run budget: every top-level line, sleep and gap also charges it. */
  runBudget: Budget | null = null;
  #framesUncharged = 0;
  /** False while createLab boots the hosts: boot takes no time (the contract). */
  booted = true;

  constructor(options: LabOptions = {}) {
    this.seed = options.seed ?? 1;
    this.random = new SeededRandom(this.seed);
    this.tracing = options.trace ?? true;
    this.capturing = options.capture ?? false;
  }

  get now(): number {
    return this.queue.now / MICROS_PER_SECOND;
  }

  get hostNames(): string[] {
    return [...this.hosts.keys()];
  }

  host(name: string): Host {
    const host = this.hosts.get(name);
    if (!host) throw new Error(`unknown host "${name}"`);
    return host;
  }

  segment(name: string): Segment {
    let segment = this.segments.get(name);
    if (!segment) {
      segment = new Segment(name, this.queue, (seg, frame) => this.recordFrame(seg, frame));
      this.segments.set(name, segment);
    }
    return segment;
  }

  addHost(name: string): Host {
    const host = new Host(name, {
      queue: this.queue,
      random: this.random,
      spend: (units) => this.budget.spend(units),
      seed: this.seed,
      nextFrameId: () => ++this.frameSeq,
      tracing: this.tracing,
      trace: (h, key, params, frame) => this.recordTrace(h, key, params, frame),
      power: (h, action) => void changePower(this, h.name, action),
    });
    this.hosts.set(name, host);
    return host;
  }

  /** The running command line's budget (nothing limits work outside one). */
  get budget(): Budget {
    return this.#budget ?? UNLIMITED;
  }

  /** Every frame recorded since boot, the dropped ones included. */
  get framesRecorded(): number {
    return this.frames.length + this.dropped.frames;
  }

  /**
   * Runs one command line on a host to completion, advancing virtual time as
   * it needs. A typed command (not one a command runs, not the boot's) starts
   * COMMAND_GAP_US after whatever came before it.
   */
  run(hostName: string, line: string, replay?: Pick<CommandStep, 'interruptedAfter' | 'stopped' | 'live'>): CommandResult & { live?: true } {
    const host = this.host(hostName);
    const live = replay?.live === true && this.depth === 0;
    const entry: JournalEntry | null = this.depth === 0 ? { step: { host: hostName, run: line, ...(live ? { live } : {}) }, atUs: this.queue.now } : null;
    if (entry) {
      this.journal.push(entry);
      if (this.booted) this.#gap();
    }
    const result = this.#budgeted(entry, replay, () => runCommandLine(this, host, line, live));
    if (entry) {
      // Only a line that left its command running keeps the mark: every other typed line is
      // an ordinary step, so a saved session stays a scenario the kernel runner can run.
      if (live && result.live !== true) entry.step = { host: hostName, run: line };
      entry.result = result;
      this.#settleForegrounds();
    }
    return result;
  }

  /**
   * A line a running command runs as its child (watch's `sh -c`, from a
   * timer of a command left running): never journaled, its output only in
   * the result, and the terminal stays with the command that runs it (a line
   * that owned the terminal would wait for that command as type-ahead).
   */
  runChild(hostName: string, line: string): CommandResult {
    const host = this.host(hostName);
    const terminal = terminalOf(host);
    const attached = terminal.attached;
    const output = this.output;
    terminal.attached ??= () => undefined;
    this.output = null;
    this.depth++;
    try {
      return runCommandLine(this, host, line);
    } finally {
      this.depth--;
      this.output = output;
      terminal.attached = attached;
    }
  }

  /**
   * Ctrl-C at a host's terminal: SIGINT to the command a live line left
   * running there (ping prints its statistics, tcpdump its counts) and the
   * prompt comes back. Journaled: it comes between other terminals' steps.
   */
  interrupt(hostName: string): CommandResult {
    const host = this.host(hostName);
    const entry: JournalEntry = { step: { host: hostName, interrupt: true }, atUs: this.queue.now };
    this.journal.push(entry);
    entry.result = this.#budgeted(entry, undefined, () => interruptForeground(host, this.output));
    this.#settleForegrounds();
    return entry.result;
  }

  /** Commands left running in the foreground that ended by themselves give their terminals back (the status, the job notices). */
  #settleForegrounds(): void {
    for (const host of this.hosts.values()) {
      const foreground = terminalOf(host).foreground;
      if (foreground?.running.done) endForeground(host, foreground.status());
    }
  }

  /** One command from its words, without the shell (boot: routes and sysctls are data), budgeted like a line. */
  runArgv(hostName: string, argv: string[]): CommandResult {
    const host = this.host(hostName);
    const entry: JournalEntry | null = this.depth === 0 ? { step: { host: hostName, run: argv.join(' ') }, atUs: this.queue.now } : null;
    if (entry) this.journal.push(entry);
    const result = this.#budgeted(entry, undefined, () => runArgv(this, host, argv));
    if (entry) entry.result = result;
    return result;
  }

  /**
   * Saves a whole file on a host, as an editor does (a write step). It is
   * journaled and takes a typed command's gap, like a command line.
   */
  writeFile(hostName: string, path: string, text: string): CommandResult {
    const host = this.host(hostName);
    const entry: JournalEntry = { step: { host: hostName, write: { path, text } }, atUs: this.queue.now };
    this.journal.push(entry);
    if (this.booted) this.#gap();
    const written = host.fs.write(path, text);
    entry.result = written.ok ? { exit: 0, stdout: '', stderr: '' } : { exit: 1, stdout: '', stderr: `${path}: ${FS_ERRNO_TEXT[written.errno]}\n` };
    this.#settleForegrounds();
    return entry.result;
  }

  /**
   * The power button of a host (the app's Power cycle, a scenario's power
   * step): journaled like a typed command, so a fork or a replay does it
   * again at the same moment. Prints nothing; exit 1 when there was nothing
   * to do (on for a host that is on, off for one that is off).
   */
  power(hostName: string, action: PowerAction): CommandResult {
    this.host(hostName);
    const entry: JournalEntry = { step: { host: hostName, power: action }, atUs: this.queue.now };
    this.journal.push(entry);
    if (this.booted) this.#gap();
    const changed = this.#budgeted(entry, undefined, () => changePower(this, hostName, action));
    entry.result = { exit: changed ? 0 : 1, stdout: '', stderr: '' };
    return entry.result;
  }

  /**
   * Lets virtual time pass; timers run. At top level it is budgeted like a
   * command line: Ctrl-C or a runaway timer storm stops it between two
   * events, and virtual time stays where it got.
   */
  sleep(seconds: number, replay?: Pick<SleepStep, 'interruptedAfter' | 'stopped'>): void {
    const until = this.queue.now + Math.round(seconds * MICROS_PER_SECOND);
    if (this.depth > 0) {
      this.queue.runUntil(until);
      return;
    }
    const entry: JournalEntry = { step: { sleep: seconds }, atUs: this.queue.now };
    this.journal.push(entry);
    if (!this.queue.hasEventBy(until)) {
      // Nothing is due: no event to charge or to interrupt, so no budget to
      // build (the app's clock and scripted waits are mostly such quiet slices).
      this.queue.runUntil(until);
      const runOut = this.runBudget?.exceeded;
      if (runOut) entry.step = { ...entry.step, stopped: { after: 0, message: runOut } };
      this.#settleForegrounds();
      return;
    }
    try {
      this.#budgeted(entry, replay, () => this.queue.runUntil(until));
    } catch (error) {
      if (!(error instanceof BudgetExceeded || error instanceof Interrupted)) throw error;
    }
    this.#settleForegrounds();
  }

  /**
   * The moment before a typed command (COMMAND_GAP_US). Its events belong to
   * no line, but a background job could fill it with events that never let
   * the clock move (`ping -i 0 … &`): a budget of its own stops that, and
   * the clock stays where it got (the next line meets the same storm and
   * ends with the budget's message; `kill %1` stops it).
   */
  #gap(): void {
    const guard = new Budget(this.budgetLimits, undefined, this.runBudget);
    this.queue.beforeEvent = () => guard.spend();
    try {
      this.queue.runUntil(this.queue.now + COMMAND_GAP_US);
    } catch (error) {
      if (!(error instanceof BudgetExceeded)) throw error;
    } finally {
      this.queue.beforeEvent = null;
    }
  }

  /**
   * A top-level call gets a fresh budget, charged per event and per frame;
   * nested calls share it. Where Ctrl-C lands is written on the journal's
   * step (`interruptedAfter`, in units of work, which are counted
   * deterministically), and a replayed step stops at the same unit.
   */
  #budgeted<T>(entry: JournalEntry | null, replay: { interruptedAfter?: number; stopped?: BudgetStop } | undefined, body: () => T): T {
    if (entry === null) {
      this.depth++;
      try {
        return body();
      } finally {
        this.depth--;
      }
    }
    const stopAt = replay?.interruptedAfter;
    const asked = stopAt === undefined ? this.interrupted : () => budget.workDone >= stopAt;
    const stopped = replay?.stopped;
    const budget = new Budget(this.budgetLimits, () => {
      // A replayed step the run's budget stopped stops at the same unit, with the same sentence.
      if (stopped && budget.workDone >= stopped.after) {
        entry.step = { ...entry.step, stopped };
        throw new BudgetExceeded(stopped.message);
      }
      if (!asked()) return false;
      entry.step = { ...entry.step, interruptedAfter: budget.workDone };
      return true;
    }, this.runBudget);
    this.#budget = budget;
    this.#framesUncharged = 0;
    this.queue.beforeEvent = () => {
      budget.spend(1 + FRAME_WORK * this.#framesUncharged);
      this.#framesUncharged = 0;
    };
    this.depth++;
    try {
      return body();
    } finally {
      this.depth--;
      this.#budget = null;
      this.queue.beforeEvent = null;
      const runOut = this.runBudget?.exceeded;
      if (runOut) entry.step = { ...entry.step, stopped: { after: budget.workDone, message: runOut } };
    }
  }

  /** What has been done since boot, as steps (a saved session's steps). */
  steps(): Step[] {
    return this.journal.map((entry) => entry.step);
  }

  /** The steps that set the lab up, then the learner's: the journal split at `start.steps`. */
  get setupSteps(): Step[] {
    return this.steps().slice(0, this.start.steps);
  }

  get learnerSteps(): Step[] {
    return this.steps().slice(this.start.steps);
  }

  /** Everything done so far was setup; the learner starts now. */
  markStart(): void {
    // Positions in the bounded logs, dropped entries included (see LOG_CAPACITY).
    this.start = { steps: this.journal.length, us: this.queue.now, frames: this.framesRecorded, trace: this.trace.length + this.dropped.trace, captured: this.captured.length + this.dropped.captured };
  }

  /** Runs events until `process` is done, or interrupts it at the time limit. */
  waitFor(process: Process): void {
    if (!this.runUntilDone(() => process.done, process.timeLimitUs)) process.interrupt();
  }

  /** Runs events until `done()`, for at most `limitUs` of virtual time; false when the limit came first. */
  runUntilDone(done: () => boolean, limitUs: number = COMMAND_TIME_LIMIT_US): boolean {
    const deadline = this.queue.now + limitUs;
    while (!done()) {
      const next = this.queue.nextAt();
      if (next === null || next > deadline) {
        this.queue.runUntil(Math.min(deadline, next ?? deadline));
        return false;
      }
      this.queue.step();
    }
    return true;
  }

  neighbors(hostName: string): NeighborRow[] {
    return neighbourRows(this.host(hostName));
  }

  private recordFrame(segment: Segment, frame: EthernetFrame): void {
    const t = this.queue.now / MICROS_PER_SECOND;
    this.#framesUncharged++;
    if (this.frames.length >= this.logCapacity) this.dropped.frames += dropOldestHalf(this.frames);
    if (this.capturing) {
      if (this.captured.length >= this.logCapacity) this.dropped.captured += dropOldestHalf(this.captured);
      this.captured.push({ segment: segment.name, timeUs: this.queue.now, frame });
    }
    // Rows are built field by field (no spread): this runs for every frame of a benchmark.
    if (frame.payload.type === 'arp') {
      const a = frame.payload.arp;
      this.frames.push({ id: frame.id, segment: segment.name, t, ethSrc: frame.src, ethDst: frame.dst, kind: 'arp', op: a.op === 1 ? 'request' : 'reply', senderMac: a.senderMac, senderIp: formatIp4(a.senderIp), targetMac: a.targetMac, targetIp: formatIp4(a.targetIp) });
    } else {
      const ip = frame.payload.ip;
      const row: LabFrame = ip.sport !== undefined
        ? { id: frame.id, segment: segment.name, t, ethSrc: frame.src, ethDst: frame.dst, kind: 'ipv4', proto: ip.proto, src: formatIp4(ip.src), dst: formatIp4(ip.dst), sport: ip.sport, dport: ip.dport! }
        : { id: frame.id, segment: segment.name, t, ethSrc: frame.src, ethDst: frame.dst, kind: 'ipv4', proto: ip.proto, src: formatIp4(ip.src), dst: formatIp4(ip.dst) };
      // VRRP's fields are read back from the bytes, as the kernel runner reads its capture.
      if (ip.proto === 'vrrp') Object.assign(row, readVrrp(encodeIpv4(ip).subarray(20)));
      this.frames.push(row);
    }
  }


  private recordTrace(host: Host, key: TraceKey, params: TraceParams, frame?: EthernetFrame): void {
    if (!this.tracing) return;
    const event: TraceEvent = { id: ++this.traceSeq, t: this.queue.now / MICROS_PER_SECOND, host: host.name, key, params };
    if (frame) event.frameId = frame.id;
    if (this.trace.length >= this.logCapacity) this.dropped.trace += dropOldestHalf(this.trace);
    this.trace.push(event);
  }
}

/** Drops the older half of a bounded log in place; returns how many went. */
function dropOldestHalf(log: unknown[]): number {
  const count = Math.ceil(log.length / 2);
  log.splice(0, count);
  return count;
}

/** Builds a lab from a validated scenario: interfaces and addresses, then routes, then sysctls. */
export function createLab(scenario: Scenario, options: LabOptions = {}): Lab {
  const lab = new Lab(options);
  lab.booted = false;
  for (const spec of scenario.hosts) {
    const host = lab.addHost(spec.name);
    for (const iface of spec.interfaces) {
      const dev = iface.name === 'lo' ? host.loopback : host.addDevice(iface.name, iface.mac!, lab.segment(iface.segment!));
      if (iface.arp === false) dev.noarp = true;
      for (const text of iface.addresses ?? []) {
        const cidr = parseCidr(text)!;
        const result = host.addAddress(dev, { local: cidr.ip, prefixLen: cidr.len, label: dev.name, scope: cidr.ip >>> 24 === 127 ? 'host' : 'global', broadcast: null });
        if (result) throw new ScenarioBootError(`host ${spec.name}: ip addr add ${text} dev ${dev.name}: ${result === 'EEXIST' ? 'address already assigned' : 'invalid argument'}`);
      }
    }
    host.os = spec.os ?? DEFAULT_OS;
    installOs(host.fs, host.os, spec.name, { interfaces: spec.interfaces.map((i) => ({ name: i.name, addresses: i.addresses ?? [] })), routes: spec.routes ?? [], sysctl: spec.sysctl ?? {} }, [...COMMANDS.keys()]);
    host.journalFlushed = journalOnDisk(host);
    for (const route of spec.routes ?? []) {
      const result = lab.runArgv(spec.name, ['ip', 'route', 'add', ...routeWords(route)]);
      if (result.exit !== 0) throw new ScenarioBootError(`host ${spec.name}: ip route add ${route}: ${result.stderr.trim()}`);
    }
    for (const [key, value] of Object.entries(spec.sysctl ?? {})) {
      const result = lab.runArgv(spec.name, ['sysctl', '-w', `${key}=${value}`]);
      if (result.exit !== 0) throw new ScenarioBootError(`host ${spec.name}: sysctl ${key}: ${result.stderr.trim()}`);
    }
  }
  // Booting puts no frame on any segment and leaves every neighbour table empty.
  lab.frames.length = 0;
  lab.trace.length = 0;
  lab.captured.length = 0;
  lab.journal.length = 0;
  lab.markStart();
  lab.origin = { scenario, options };
  lab.booted = true;
  return lab;
}

export interface ForkOptions extends Pick<LabOptions, 'trace' | 'capture'> {
  /** Steps inserted after the lab's setup, before the learner's steps ("what if this had been done first"); they join the copy's setup. */
  before?: readonly Step[];
  /** Steps applied to the copy at the end (a lesson probe's traffic). */
  after?: readonly Step[];
}

/**
 * A copy of `lab`: the same scenario and seed booted again, its journal
 * replayed (with `before` and `after` where they go). What runs on the copy
 * leaves `lab` untouched. Lesson probes, "what if", challenge play,
 * exercises and saved sessions all replay through here.
 */
export function forkLab(lab: Lab, options: ForkOptions = {}): Lab {
  if (!lab.origin) throw new Error('forkLab: this lab was not built by createLab, so it cannot be replayed');
  const { before = [], after = [], ...labOptions } = options;
  const copy = createLab(lab.origin.scenario, { ...lab.origin.options, ...labOptions });
  applySteps(copy, lab.setupSteps);
  applySteps(copy, before);
  copy.markStart();
  applySteps(copy, lab.learnerSteps);
  applySteps(copy, after);
  return copy;
}

/** Boots `scenario` and applies `setup` (silently, as the lab's setup): where a lesson, a challenge or the workspace starts. */
export function bootLab(scenario: Scenario, setup: readonly Step[], options: LabOptions = {}): Lab {
  const lab = createLab(scenario, options);
  applySteps(lab, setup);
  lab.markStart();
  return lab;
}

export class ScenarioBootError extends Error {}
