// The lab shell: parses a command line (script.ts) and runs it on the host as
// bash would: lists, pipelines, compound commands, functions, redirections,
// expansions, and scripts run by `bash x.sh`, `sh x.sh` or by path.
//
// Every loop iteration, command, expansion, substitution, pipeline stage and
// function call is charged to the line's budget, and every nesting (function
// call, subshell, substitution, sourced file, script) goes one level deeper,
// so no line can hang the lab or overflow the stack.
import type { CommandResult } from '../api.ts';
import { BudgetExceeded, Interrupted, type Budget } from '../core/budget.ts';
import type { Host } from '../host/host.ts';
import type { Lab } from '../lab.ts';
import { arith, type ArithVariables } from './arith.ts';
import { BUILTINS, isShellBuiltin, SPECIAL_BUILTINS } from './builtins.ts';
import { COMMANDS } from './commands/index.ts';
import type { CommandContext, CommandOutcome, RunningCommand } from './context.ts';
import { commOf, type ProcessEntry } from '../host/processes.ts';
import { IGNORED_BY_DEFAULT, SIGINT, SIGKILL } from '../host/signals.ts';
import { MAX_BACKGROUND_JOBS, terminalOf, type Job, type LiveForeground, type Terminal } from './jobs.ts';
import { notSimulated } from './not-simulated.ts';
import { escapeGlob, matchPattern, removeAffix, replacePattern } from './pattern.ts';
import {
  arithWord,
  braceExpand,
  parseScript,
  ShellSyntaxError,
  type AndOrNode,
  type CommandNode,
  type CondNode,
  type FunctionNode,
  type ListNode,
  type PipelineNode,
  type Redirect,
  type SimpleNode,
  type Word,
  type WordPart,
} from './script.ts';
import { expandPathname, openForWrite, pathInfo, readFile, resolvePath, type OpenedFile } from './shell-files.ts';
import { runCond, type CondWord } from './test-expr.ts';
import { DISCARD, ExitSignal, parseCached, ExpansionError, LoopSignal, ReturnSignal, shellQuote, write, type Input, type Io, type Writer } from './shell-runtime.ts';

/** Where a terminal shows output as it is produced (the session's stream); null keeps it in the result only. */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

/** One command line: the lab, the host, the budget, and what it printed. */
interface LineRun {
  lab: Lab;
  host: Host;
  budget: Budget;
  sink: OutputSink | null;
  /** What it printed, in pieces joined once at the end: a string grown by += keeps every piece (a flood kept 5 times its size). */
  stdout: string[];
  stderr: string[];
  /** Set when Ctrl-C reached a running command that handles it (ping prints its summary): its status. */
  interruptedExit: number | null;
  /** The terminal's own streams (made once, so a background command can tell them from a redirection). */
  terminal: Io | null;
  /**
   * A live terminal's line that is one simple command: its shell, whose tool,
   * if it runs until a signal ends it, is left running in the foreground
   * (Terminal.foreground) and the line returns at once.
   */
  liveShell: Shell | null;
  /** The line as typed (what the live foreground keeps). */
  line: string;
  /** Its tool was left running in the foreground: no status and no job notices yet. */
  wentLive: boolean;
}

/** A background command being started: its process ID (the subshell's, which execs the tool) and its job. */
interface BackgroundLaunch {
  pid: number;
  job: Job | null;
  /** The tool it started, when that tool keeps running in virtual time. */
  running: RunningCommand | null;
}

/** What a host's terminal keeps between lines besides its variables. */
export interface ShellState {
  functions: Map<string, FunctionNode>;
  exported: Set<string>;
  options: { errexit: boolean; xtrace: boolean; nounset: boolean; pipefail: boolean };
  /** $!: the PID of the last background job (the terminal keeps it from line to line). */
  lastBackground: string | null;
}

const TERMINAL_STATE = new WeakMap<Host, ShellState>();

function terminalState(host: Host): ShellState {
  let state = TERMINAL_STATE.get(host);
  if (!state) {
    state = { functions: new Map(), exported: new Set(['PATH', 'HOME', 'PWD', 'TERM', 'USER', 'SHELL', 'LANG']), options: { errexit: false, xtrace: false, nounset: false, pipefail: false }, lastBackground: null };
    TERMINAL_STATE.set(host, state);
  }
  return state;
}

/** Who is running the commands, which decides how errors are prefixed. */
export type ShellContext = { kind: 'interactive' } | { kind: 'script'; name: string; dash: boolean };

const TOO_DEEP = "loops and substitutions nested too deeply (the lab shell's limit)";
/** Where the lab's programs live (root's PATH; /bin and /sbin are links into /usr on Debian 12 and Rocky 9). */
const PROGRAM_DIRECTORIES = new Set(['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin']);

const arithCache = new Map<string, Word>();

/** `live`: typed at a terminal that shows output as it comes (the app's), where an endless tool typed alone keeps running after the line returns. */
export function runCommandLine(lab: Lab, host: Host, line: string, live = false): CommandResult & { live?: true } {
  const parsed = parseScript(line);
  return runTree(lab, host, parsed.ok ? { list: parsed.list } : { error: parsed.error }, line, live);
}

/**
 * Runs one command from its argument vector, never parsed (each word quoted
 * text): how a scenario's routes and sysctls are applied at boot, as data
 * that cannot become a second command.
 */
export function runArgv(lab: Lab, host: Host, argv: string[]): CommandResult {
  const command: SimpleNode = { type: 'simple', line: 1, assignments: [], words: argv.map((text) => [{ kind: 'text', text, quoted: true }]), redirects: [] };
  return runTree(lab, host, { list: { items: [{ command: { first: { negate: false, stages: [{ command, stderrToo: false }], line: 1 }, rest: [] }, background: false }] } }, argv.join(' '), false);
}

/** The line is one simple command in the foreground: nothing of it is left to run once that command's tool is started. */
function isLoneCommand(list: ListNode): boolean {
  const item = list.items.length === 1 ? list.items[0]! : null;
  const pipeline = item && !item.background && item.command.rest.length === 0 ? item.command.first : null;
  return pipeline !== null && !pipeline.negate && pipeline.stages.length === 1 && pipeline.stages[0]!.command.type === 'simple';
}

function runTree(lab: Lab, host: Host, tree: { list: ListNode } | { error: string }, line: string, live: boolean): CommandResult & { live?: true } {
  const run: LineRun = { lab, host, budget: lab.budget, sink: lab.output, stdout: [], stderr: [], interruptedExit: null, terminal: null, liveShell: null, line, wentLive: false };
  const shell = new Shell(run, host.shellVariables, terminalState(host), [], 'bash', { kind: 'interactive' });
  shell.exit = Number(host.shellVariables.get('?') ?? 0);
  const io = shell.terminalIo();
  // The line owns its host's terminal (a command running another line on the host does not):
  // background jobs' output shows in it as it comes, and what they printed meanwhile comes first.
  const terminal = terminalOf(host);
  const owns = terminal.attached === null;
  if (owns) {
    for (const [stream, text] of terminal.takePending()) toTerminal(run, stream, text);
    terminal.attached = (stream, text) => io.fds.get(stream === 'stdout' ? 1 : 2)!(text);
    if (live && 'list' in tree && isLoneCommand(tree.list)) run.liveShell = shell;
  }
  try {
    // A line typed while a command still holds the terminal is type-ahead: it runs once that command ends.
    if (owns && terminal.foreground) awaitForeground(lab, host, terminal.foreground);
    if ('error' in tree) {
      host.shellVariables.set('?', '2');
      io.fds.get(2)!(`bash: ${tree.error}\n`);
      return { exit: 2, stdout: run.stdout.join(''), stderr: run.stderr.join('') };
    }
    try {
      shell.runList(tree.list, io);
    } catch (error) {
      if (error instanceof Interrupted) {
        // A command that handled SIGINT already echoed ^C and printed its summary.
        if (run.interruptedExit === null) io.fds.get(1)!('^C\n');
        shell.exit = run.interruptedExit ?? 130;
      } else if (error instanceof BudgetExceeded) {
        // Not through the terminal's writer: when output is what ran out, it would refuse this too.
        toTerminal(run, 'stderr', `bash: ${error.message}\n`);
        shell.exit = 1;
      } else if (!shell.handleAbort(error, io)) throw error;
    }
    if (run.wentLive) return { exit: 0, stdout: run.stdout.join(''), stderr: run.stderr.join(''), live: true };
    // Before the next prompt bash reports the jobs that ended.
    if (owns) {
      const notices = terminal.notices();
      if (notices) toTerminal(run, 'stderr', notices);
    }
    host.shellVariables.set('?', String(shell.exit));
    return { exit: shell.exit, stdout: run.stdout.join(''), stderr: run.stderr.join('') };
  } finally {
    if (owns) terminal.attached = null;
  }
}

/** A signal reaches a command running in virtual time: its handler if it catches it, else it dies where it is (`dying` first: it prints nothing more). */
function deliverSignal(running: RunningCommand, signal: number, dying: () => void): void {
  if (running.done || IGNORED_BY_DEFAULT.has(signal)) return;
  if (signal !== SIGKILL && (running.handles ?? [SIGINT]).includes(signal)) {
    running.interrupt();
    return;
  }
  dying();
  running.interrupt();
}

/** A line waits for the live foreground command as type-ahead would, for the lab's command time limit, then Ctrl-C ends it. */
function awaitForeground(lab: Lab, host: Host, foreground: LiveForeground): void {
  let ended = false;
  try {
    ended = lab.runUntilDone(() => foreground.running.done);
  } finally {
    endForeground(host, ended ? foreground.status() : foreground.interrupt());
  }
}

/** The live foreground command ended with `status`: $? gets it and bash reports the jobs that ended, before its prompt. */
export function endForeground(host: Host, status: number): void {
  const terminal = terminalOf(host);
  const foreground = terminal.foreground;
  if (!foreground) return;
  terminal.foreground = null;
  host.processes.exit(foreground.pid);
  host.shellVariables.set('?', String(status));
  const notices = terminal.notices();
  if (notices) terminal.write('stderr', notices);
}

/**
 * Ctrl-C at a host's terminal (a step of its own: it comes while other
 * terminals work): the live foreground command gets SIGINT and the prompt
 * comes back. What it prints meanwhile goes to `sink` (the step's result).
 */
export function interruptForeground(host: Host, sink: OutputSink | null): CommandResult {
  const terminal = terminalOf(host);
  const out = { stdout: [] as string[], stderr: [] as string[] };
  const previous = terminal.attached;
  terminal.attached = (stream, text) => {
    if (sink) sink(stream, text);
    else out[stream].push(text);
  };
  try {
    const foreground = terminal.foreground;
    if (foreground) endForeground(host, foreground.interrupt());
  } finally {
    terminal.attached = previous;
  }
  return { exit: Number(host.shellVariables.get('?') ?? 0), stdout: out.stdout.join(''), stderr: out.stderr.join('') };
}

/** Output reaching the line's terminal: the session's stream as it comes, or the line's result. */
function toTerminal(run: LineRun, stream: 'stdout' | 'stderr', text: string): void {
  if (run.sink) run.sink(stream, text);
  else run[stream].push(text);
}

/** One shell process: the terminal's, a subshell, or a script's. */
export class Shell {
  exit = 0;
  /** The line of the script being run, for `x.sh: line 3:` messages. */
  line = 1;
  /** Added to line numbers: a substitution's lines count from the line it is on. */
  lineBase = 0;
  loopDepth = 0;
  functionDepth = 0;
  sourceDepth = 0;
  /** Inside an if/while condition, or left of && ||, where set -e does not apply. */
  private conditionDepth = 0;
  /** The status of the last command substitution of a simple command (x=$(false) sets $?). */
  private substStatus: number | null = null;
  pipestatus: number[] = [0];
  /** Set on the subshell of `cmd &`: a tool it runs is started, not waited for. */
  private background: BackgroundLaunch | null = null;
  /** Saved values of `local` variables, one frame per function call. */
  private localFrames: Array<Map<string, string | undefined>> = [];
  private rematch: string[] = [];

  constructor(
    readonly run: LineRun,
    readonly vars: Map<string, string>,
    readonly state: ShellState,
    public positional: string[],
    public arg0: string,
    readonly context: ShellContext,
  ) {}

  get lab(): Lab {
    return this.run.lab;
  }

  get host(): Host {
    return this.run.host;
  }

  get budget(): Budget {
    return this.run.budget;
  }

  get cwd(): string {
    return this.vars.get('PWD') ?? '/root';
  }

  /** The terminal: output to the session's stream as it comes, or into the line's result, charged to the budget. */
  terminalIo(): Io {
    const run = this.run;
    if (run.terminal) return run.terminal;
    const out: Writer = (text) => {
      run.budget.keep(text.length);
      toTerminal(run, 'stdout', text);
    };
    const err: Writer = (text) => {
      run.budget.keep(text.length);
      toTerminal(run, 'stderr', text);
    };
    run.terminal = { stdin: null, fds: new Map([[1, out], [2, err]]) };
    return run.terminal;
  }

  /** The prefix of the shell's own messages: `bash`, `x.sh: line 3` or dash's `x.sh: 3`. */
  where(): string {
    if (this.context.kind === 'interactive') return 'bash';
    const line = this.lineBase + this.line;
    return this.context.dash ? `${this.context.name}: ${line}` : `${this.context.name}: line ${line}`;
  }

  /** Writes one of the shell's own messages (`bash: x: command not found`) to stderr. */
  error(io: Io, message: string): void {
    write(io, 2, `${this.where()}: ${message}\n`);
  }

  /** Ends the line or script on an expansion error or an exit; false for errors that are not the shell's. */
  handleAbort(error: unknown, io: Io): boolean {
    if (error instanceof ExitSignal) {
      this.exit = error.code;
      return true;
    }
    if (error instanceof ShellSyntaxError || error instanceof ExpansionError) {
      this.error(io, error.message);
      this.exit = 1;
      return true;
    }
    if (error instanceof ReturnSignal) {
      this.exit = error.code;
      return true;
    }
    if (error instanceof LoopSignal) return true;
    return false;
  }

  /** A copy of this shell for ( … ), a pipeline stage, $( … ) or a background job. */
  subshell(): Shell {
    const state: ShellState = { functions: new Map(this.state.functions), exported: new Set(this.state.exported), options: { ...this.state.options }, lastBackground: this.state.lastBackground };
    const child = new Shell(this.run, new Map(this.vars), state, [...this.positional], this.arg0, this.context);
    child.exit = this.exit;
    child.line = this.line;
    child.lineBase = this.lineBase;
    child.pipestatus = this.pipestatus;
    return child;
  }

  /** Runs `body` in a subshell; exit, or an expansion error, inside it ends only the subshell. */
  inSubshell(io: Io, body: (child: Shell) => void, launch: BackgroundLaunch | null = null): number {
    const child = this.subshell();
    // The subshell is a forked process: it takes a PID (a background job's is the one already given it).
    if (launch) child.background = launch;
    else this.host.processes.allocatePid();
    this.budget.nested(TOO_DEEP, () => {
      try {
        body(child);
      } catch (error) {
        if (!child.handleAbort(error, io)) throw error;
      }
    });
    return child.exit;
  }

  runList(list: ListNode, io: Io): void {
    for (const { command, background, text } of list.items) {
      if (background) this.runBackground(command, io, text ?? '');
      else this.runAndOr(command, io);
    }
  }

  /**
   * `cmd &`. A tool that takes virtual time (ping, arping, tcpdump, sleep)
   * keeps running beside what comes next; anything else the lab shell runs
   * (a loop, a subshell, a pipeline, a function, a builtin) still runs to
   * completion here, before the next command: the interpreter runs one
   * command at a time. Either way it is a job with a PID, `$!` and a notice.
   */
  private runBackground(command: AndOrNode, io: Io, text: string): void {
    const terminal = terminalOf(this.host);
    this.forkRoom(terminal, io);
    const launch: BackgroundLaunch = { pid: this.host.processes.allocatePid(), job: null, running: null };
    const interactive = this.context.kind === 'interactive';
    launch.job = terminal.add(launch.pid, text, null, { kind: 'running' }, interactive);
    // Job control is on only at the terminal: there bash prints the job number and process id.
    if (interactive) write(io, 2, `[${launch.job.number}] ${launch.pid}\n`);
    const status = this.inSubshell(io, (child) => (isSoleSimpleCommand(command) ? child.runAndOr(command, io) : child.withoutLaunch(() => child.runAndOr(command, io))), launch);
    if (launch.running) launch.job.running = launch.running;
    else launch.job.status = { kind: 'exited', code: status };
    this.state.lastBackground = String(launch.pid);
    this.exit = 0;
  }

  /** Runs `body` as an ordinary subshell would (a compound background job). */
  private withoutLaunch(body: () => void): void {
    this.background = null;
    body();
  }

  /**
   * bash's make_child when fork fails with EAGAIN: "fork: retry" after 1, 2,
   * 4 and 8 seconds, then it gives up and abandons the line (status 126).
   * Here the limit is the terminal's MAX_BACKGROUND_JOBS.
   */
  private forkRoom(terminal: Terminal, io: Io): void {
    if (terminal.runningCount < MAX_BACKGROUND_JOBS) return;
    for (const seconds of [1, 2, 4, 8]) {
      this.error(io, 'fork: retry: Resource temporarily unavailable');
      this.lab.sleep(seconds);
      if (terminal.runningCount < MAX_BACKGROUND_JOBS) return;
    }
    this.error(io, 'fork: Resource temporarily unavailable');
    throw new ExitSignal(126);
  }

  private runAndOr(node: AndOrNode, io: Io): void {
    const count = node.rest.length;
    let lastRan = false;
    for (let i = 0; i <= count; i++) {
      const link = i === 0 ? null : node.rest[i - 1]!;
      lastRan = false;
      if (link && ((link.op === '&&' && this.exit !== 0) || (link.op === '||' && this.exit === 0))) continue;
      const last = i === count;
      if (!last) this.conditionDepth++;
      try {
        this.runPipeline(link ? link.pipeline : node.first, io);
      } finally {
        if (!last) this.conditionDepth--;
      }
      lastRan = last;
    }
    // set -e: the last pipeline of an and-or list failing ends the shell (not a negated one, not inside a condition).
    const lastPipeline = count === 0 ? node.first : node.rest[count - 1]!.pipeline;
    if (this.state.options.errexit && lastRan && this.exit !== 0 && this.conditionDepth === 0 && !lastPipeline.negate) throw new ExitSignal(this.exit);
  }

  private runPipeline(node: PipelineNode, io: Io): void {
    if (node.stages.length === 1) {
      this.runCommand(node.stages[0]!.command, io);
      this.pipestatus = [this.exit];
    } else {
      const statuses: number[] = [];
      let input: Input | null = io.stdin;
      // What the previous stage wrote into the pipe: kept until this stage has run.
      let buffered = 0;
      for (let i = 0; i < node.stages.length; i++) {
        const stage = node.stages[i]!;
        this.budget.spend();
        const last = i === node.stages.length - 1;
        const piped: string[] = [];
        const pipe: Writer = (text) => {
          this.budget.keep(text.length);
          piped.push(text);
        };
        const fds = new Map(io.fds);
        if (!last) {
          fds.set(1, pipe);
          if (stage.stderrToo) fds.set(2, pipe);
        }
        const stageIo: Io = { stdin: input, fds };
        // Each stage runs in a subshell, one after another in virtual time.
        statuses.push(this.inSubshell(stageIo, (child) => child.runCommand(stage.command, stageIo)));
        this.budget.release(buffered);
        const text = piped.join('');
        buffered = text.length;
        input = { text, pos: 0 };
      }
      this.pipestatus = statuses;
      this.exit = this.state.options.pipefail ? ([...statuses].reverse().find((s) => s !== 0) ?? 0) : statuses.at(-1)!;
    }
    if (node.negate) this.exit = this.exit === 0 ? 1 : 0;
  }

  runCommand(node: CommandNode, io: Io): void {
    this.budget.spend();
    this.line = node.line;
    switch (node.type) {
      case 'simple':
        this.runSimple(node, io);
        return;
      case 'function':
        this.state.functions.set(node.name, node);
        this.exit = 0;
        return;
      default:
        this.withRedirects(node.redirects, io, null, (inner) => this.runCompound(node, inner));
    }
  }

  private runCompound(node: Exclude<CommandNode, SimpleNode | FunctionNode>, io: Io): void {
    switch (node.type) {
      case 'group':
        this.runList(node.body, io);
        return;
      case 'subshell':
        this.exit = this.inSubshell(io, (child) => child.runList(node.body, io));
        return;
      case 'if':
        for (const clause of node.clauses) {
          if (this.condition(clause.cond, io)) {
            this.runList(clause.body, io);
            return;
          }
        }
        if (node.otherwise) this.runList(node.otherwise, io);
        else this.exit = 0;
        return;
      case 'while': {
        let status = 0;
        this.loop(() => {
          if (this.condition(node.cond, io) === node.until) return false;
          this.runList(node.body, io);
          status = this.exit;
          return true;
        });
        this.exit = status;
        return;
      }
      case 'for': {
        const items = node.items === null ? [...this.positional] : this.expandWords(node.items, io);
        this.exit = 0;
        let i = 0;
        this.loop(() => {
          if (i >= items.length) return false;
          this.setVar(node.name, items[i++]!);
          this.runList(node.body, io);
          return true;
        });
        return;
      }
      case 'arith-for': {
        this.exit = 0;
        if (node.init) this.arith(node.init);
        let first = true;
        let status = 0;
        this.loop(() => {
          if (!first && node.step) this.arith(node.step);
          first = false;
          if (node.cond !== '' && this.arith(node.cond) === 0) return false;
          this.runList(node.body, io);
          status = this.exit;
          return true;
        });
        this.exit = status;
        return;
      }
      case 'case': {
        const subject = this.expandString(node.word, io);
        this.exit = 0;
        let falling = false;
        for (const item of node.items) {
          if (falling || item.patterns.some((p) => matchPattern(this.expandPattern(p, io), subject))) {
            this.runList(item.body, io);
            if (!item.fallThrough) return;
            falling = true;
          }
        }
        return;
      }
      case 'arith': {
        this.trace(io, `(( ${node.expr} ))`);
        try {
          this.exit = this.arith(node.expr) !== 0 ? 0 : 1;
        } catch (error) {
          if (!(error instanceof ShellSyntaxError)) throw error;
          this.error(io, error.message);
          this.exit = 1;
        }
        return;
      }
      case 'cond':
        this.runCondNode(node, io);
        return;
    }
  }

  /** Runs a loop's steps (each returns false to stop), charging each iteration and honouring break/continue. */
  private loop(step: () => boolean): void {
    this.loopDepth++;
    try {
      this.budget.nested(TOO_DEEP, () => {
        for (;;) {
          this.budget.spend();
          try {
            if (!step()) return;
          } catch (error) {
            if (!(error instanceof LoopSignal)) throw error;
            if (error.levels > 1) throw new LoopSignal(error.kind, error.levels - 1);
            if (error.kind === 'break') return;
          }
        }
      });
    } finally {
      this.loopDepth--;
    }
  }

  /** An if/while condition: set -e does not apply inside it. */
  private condition(list: ListNode, io: Io): boolean {
    this.conditionDepth++;
    try {
      this.runList(list, io);
    } finally {
      this.conditionDepth--;
    }
    return this.exit === 0;
  }

  private runCondNode(node: CondNode, io: Io): void {
    const words: CondWord[] = node.words.map(({ word, op }) => {
      const literal = word.every((p) => p.kind === 'text' && !p.quoted);
      const field = this.expandOne(word, io);
      return { text: field.text, pattern: field.pattern, regex: field.regex, operator: op || (literal && COND_OPERATORS.has(field.text)) };
    });
    this.trace(io, `[[ ${words.map((w) => w.text).join(' ')} ]]`);
    const outcome = runCond(words, {
      file: (path) => pathInfo(this.host, resolvePath(this.host, this.cwd, path)),
      isSet: (name) => this.lookup(name) !== undefined,
      arith: (text) => this.arith(text),
      setMatch: (groups) => {
        this.rematch = groups ?? [];
      },
    });
    if (outcome.status === 2) this.error(io, outcome.error);
    this.exit = outcome.status === 2 ? 2 : outcome.status;
  }

  private runSimple(node: SimpleNode, io: Io): void {
    this.substStatus = null;
    const words = this.expandWords(node.words, io);
    const assignments = node.assignments.map((a) => ({ name: a.name.replace(/\+$/, ''), append: a.name.endsWith('+'), value: this.expandString(a.value, io) }));
    const substStatus = this.substStatus;
    if (this.state.options.xtrace) {
      for (const a of assignments) this.trace(io, `${a.name}=${shellQuote(a.value)}`);
      if (words.length > 0) this.trace(io, words.map(shellQuote).join(' '));
    }
    if (words.length === 0) {
      for (const a of assignments) this.setVar(a.name, a.append ? (this.lookup(a.name) ?? '') + a.value : a.value);
      this.exit = substStatus ?? 0;
      if (node.redirects.length > 0) this.withRedirects(node.redirects, io, null, () => undefined);
      return;
    }
    this.withRedirects(node.redirects, io, words[0]!, (inner) => {
      // NAME=value before a command is set for that command only (kept for special builtins, as POSIX says).
      const name = words[0]!;
      if (assignments.length === 0 || SPECIAL_BUILTINS.has(name)) {
        for (const a of assignments) this.setVar(a.name, a.value);
        this.invoke(words, inner);
        return;
      }
      const saved = assignments.map((a) => [a.name, this.vars.get(a.name)] as const);
      for (const a of assignments) this.setVar(a.name, a.value);
      try {
        this.invoke(words, inner);
      } finally {
        for (const [name, value] of saved) {
          if (value === undefined) this.vars.delete(name);
          else this.vars.set(name, value);
        }
      }
    });
  }

  /** Runs a command by name: a function, a builtin, a script by path, or a lab command. */
  invoke(words: string[], io: Io): void {
    const name = words[0]!;
    // Only a tool the background subshell runs itself is started and left running.
    const launch = this.background;
    this.background = null;
    const fn = this.state.functions.get(name);
    if (fn && !SPECIAL_BUILTINS.has(name)) {
      this.callFunction(fn, words, io);
      return;
    }
    const builtin = BUILTINS.get(name);
    if (builtin) {
      this.exit = builtin(this, words, io);
      return;
    }
    if (name.includes('/')) {
      this.exit = this.runScriptByPath(name, words.slice(1), io);
      return;
    }
    const command = COMMANDS.get(name);
    if (command) {
      this.exit = this.runLabCommand(command, words, io, launch);
      return;
    }
    const sentence = notSimulated(name);
    if (sentence) {
      write(io, 2, `${sentence}\n`);
      this.exit = 127;
      return;
    }
    if (this.context.kind === 'script' && this.context.dash) this.error(io, `${name}: not found`);
    else this.error(io, `${name}: command not found`);
    this.exit = 127;
  }

  private callFunction(fn: FunctionNode, words: string[], io: Io): void {
    // Endless recursion ends the line in bash's words for FUNCNEST (unset, bash recurses until it crashes).
    this.budget.nested(`${fn.name}: maximum function nesting level exceeded (${this.budget.limits.depth})`, () => {
      const savedPositional = this.positional;
      const savedLine = this.line;
      this.positional = words.slice(1);
      this.localFrames.push(new Map());
      this.functionDepth++;
      try {
        this.runCommand(fn.body, io);
      } catch (error) {
        if (!(error instanceof ReturnSignal)) throw error;
        this.exit = error.code;
      } finally {
        this.functionDepth--;
        for (const [name, value] of this.localFrames.pop()!) {
          if (value === undefined) this.vars.delete(name);
          else this.vars.set(name, value);
        }
        this.positional = savedPositional;
        this.line = savedLine;
      }
    });
  }

  /** `local NAME[=value]`: the old value comes back when the function returns. */
  makeLocal(name: string, value: string | undefined): boolean {
    const frame = this.localFrames.at(-1);
    if (!frame) return false;
    if (!frame.has(name)) frame.set(name, this.vars.get(name));
    if (value !== undefined) this.vars.set(name, value);
    else if (!frame.get(name)) this.vars.set(name, '');
    return true;
  }

  private runLabCommand(command: (ctx: CommandContext) => number | RunningCommand, words: string[], io: Io, launch: BackgroundLaunch | null = null): number {
    if (launch) return this.startBackground(command, words, io, launch);
    // A command the budget stops is killed: whatever it would print on its way out is dropped.
    let killed = false;
    // Left running in the foreground after its line returned, what it prints for the terminal goes through the terminal.
    let live = false;
    const terminal = terminalOf(this.host);
    const stream = (fd: 1 | 2): Writer => {
      const target = io.fds.get(fd) ?? DISCARD;
      const toTerminal = target === this.run.terminal?.fds.get(fd);
      const name = fd === 1 ? 'stdout' : 'stderr';
      return (text) => {
        if (killed) return;
        if (live && toTerminal) terminal.write(name, text);
        else target(text);
      };
    };
    const out = stream(1);
    const err = stream(2);
    const input = io.stdin;
    const lab = this.lab;
    // The lab's budget is the line's while it runs, and whatever step runs when a live command's events fire.
    const base = Object.defineProperty({ ...commandContext(lab, this.host, words, this.budget, { out, err }) }, 'budget', { get: () => lab.budget });
    // echo and printf are bash builtins: no process of their own.
    const processes = this.host.processes;
    const entry = isShellBuiltin(words[0]!) ? null : processes.spawn({ ppid: processes.shellPid, user: 'root', argv: words, comm: commOf(words[0]!), tty: 'pts/0', stat: 'R+' });
    // Reading ctx.stdin consumes the input, so `while read` after a command that does not read it still has its lines.
    const ctx: CommandContext = Object.defineProperty({ ...base }, 'stdin', {
      get: () => {
        if (input === null) return null;
        const text = input.text.slice(input.pos);
        input.pos = input.text.length;
        return text;
      },
    });
    let running: RunningCommand | null = null;
    try {
      const outcome = command(ctx);
      if (typeof outcome === 'number') return outcome;
      running = outcome;
      if (entry) entry.stat = 'S+';
      if (entry && outcome.endless && this.run.liveShell === this && this.functionDepth === 0 && this.sourceDepth === 0) {
        live = true;
        this.leaveInForeground(outcome, entry, () => (killed = true));
        return 0;
      }
      return this.foreground(outcome, out);
    } catch (error) {
      if (error instanceof BudgetExceeded && running !== null && !running.done) {
        // As SIGKILL would: its timers and sockets go with it, so nothing it started runs on in later lines.
        killed = true;
        running.interrupt();
      }
      if (error instanceof Interrupted || error instanceof BudgetExceeded) throw error;
      // A bug in a command must not take the learner's terminal down.
      ctx.err(`${words[0]}: internal simulator error: ${(error as Error).message}\n`);
      return 70;
    } finally {
      if (entry && !live) processes.exit(entry.pid);
    }
  }

  /**
   * The line's one command runs until a signal ends it: the terminal keeps it
   * in the foreground and the line returns (run.wentLive). Ctrl-C there
   * (interruptForeground) is SIGINT as `foreground` delivers it.
   */
  private leaveInForeground(running: RunningCommand, entry: ProcessEntry, silence: () => void): void {
    const terminal = terminalOf(this.host);
    let killedBy: number | null = null;
    entry.alive = () => !running.done;
    entry.signal = (signal) =>
      deliverSignal(running, signal, () => {
        silence();
        killedBy = signal;
      });
    terminal.foreground = {
      line: this.run.line,
      pid: entry.pid,
      running,
      status: () => (killedBy === null ? running.exitCode : 128 + killedBy),
      interrupt: () => {
        if (running.done) return running.exitCode;
        if (running.handles && !running.handles.includes(SIGINT)) {
          // It dies of SIGINT: the terminal's ^C, then the shell's newline; 128 + 2.
          terminal.write('stdout', '^C\n');
          running.interrupt();
          return 130;
        }
        terminal.write('stdout', '^C');
        running.interrupt();
        return running.done ? running.exitCode : 130;
      },
    };
    this.run.wentLive = true;
  }

  /**
   * Starts a tool as a background job's process: it writes to the terminal
   * (or the files it was redirected to) whenever its events fire, its work
   * is charged to whatever line or sleep is running then, and a signal
   * reaches it as `kill` sends it. Returns at once; a tool that finishes at
   * once ends the job with its status.
   */
  private startBackground(command: (ctx: CommandContext) => number | RunningCommand, words: string[], io: Io, launch: BackgroundLaunch): number {
    const terminal = terminalOf(this.host);
    const lineTerminal = this.run.terminal;
    // Once a signal has killed it, nothing it still "prints" while it winds down reaches anyone.
    let killed = false;
    const stream = (fd: 1 | 2): Writer => {
      const target = io.fds.get(fd) ?? DISCARD;
      const name = fd === 1 ? 'stdout' : 'stderr';
      const writer: Writer = target === lineTerminal?.fds.get(fd) ? (text) => terminal.write(name, text) : target;
      return (text) => {
        if (!killed) writer(text);
      };
    };
    const lab = this.lab;
    const ctx: CommandContext = Object.defineProperty({ ...commandContext(lab, this.host, words, this.budget, { out: stream(1), err: stream(2) }) }, 'budget', { get: () => lab.budget });
    const processes = this.host.processes;
    const entry = processes.spawn({ ppid: processes.shellPid, user: 'root', argv: words, comm: commOf(words[0]!), tty: 'pts/0', stat: 'S' }, launch.pid);
    let outcome: CommandOutcome;
    try {
      outcome = command(ctx);
    } catch (error) {
      processes.exit(entry.pid);
      if (error instanceof Interrupted || error instanceof BudgetExceeded) throw error;
      ctx.err(`${words[0]}: internal simulator error: ${(error as Error).message}\n`);
      return 70;
    }
    if (typeof outcome === 'number') {
      processes.exit(entry.pid);
      return outcome;
    }
    const running = outcome;
    launch.running = running;
    entry.alive = () => !running.done;
    entry.signal = (signal) =>
      deliverSignal(running, signal, () => {
        killed = true;
        if (launch.job) launch.job.killedBy = signal;
      });
    return 0;
  }

  /**
   * Runs a command that takes virtual time. Ctrl-C reaches it as SIGINT would:
   * the terminal echoes ^C, the command prints what it prints when interrupted
   * (ping's summary) and its status is kept; the rest of the line is abandoned.
   */
  foreground(command: RunningCommand, out: Writer): number {
    try {
      this.lab.waitFor(command);
      return command.exitCode;
    } catch (error) {
      if (!(error instanceof Interrupted)) throw error;
      if (command.handles && !command.handles.includes(SIGINT)) {
        // It dies of SIGINT: the shell ends the ^C line and the status is 128 + 2.
        command.interrupt();
        out('^C\n');
        this.run.interruptedExit = 130;
        throw error;
      }
      out('^C');
      command.interrupt();
      if (!command.done) command.exitCode = 130;
      this.run.interruptedExit = command.exitCode;
      throw error;
    }
  }

  /** `./x.sh`, `/root/x.sh`: needs the execute bit; `#!/bin/sh` runs it as dash would. */
  runScriptByPath(path: string, args: string[], io: Io): number {
    const absolute = resolvePath(this.host, this.cwd, path);
    // /sbin/route, /usr/bin/ip: the lab's programs are files in the PATH directories; run the command itself.
    const base = absolute.slice(absolute.lastIndexOf('/') + 1);
    const directory = absolute.slice(0, absolute.lastIndexOf('/'));
    const command = COMMANDS.get(base);
    if (command && PROGRAM_DIRECTORIES.has(directory)) return this.runLabCommand(command, [base, ...args], io);
    // /bin/sh, /usr/bin/bash (ExecStart=/bin/sh -c '…'): the shells are the lab shell's own; sh is whichever its link names.
    if (PROGRAM_DIRECTORIES.has(directory) && (base === 'sh' || base === 'bash' || base === 'dash') && pathInfo(this.host, absolute) !== null) {
      const link = base === 'sh' ? this.host.fs.readlink(absolute) : null;
      const dash = base === 'dash' || (link?.ok === true && link.value.endsWith('dash'));
      return BUILTINS.get(dash ? 'sh' : 'bash')!(this, [base, ...args], io);
    }
    const info = pathInfo(this.host, absolute);
    if (info === null) {
      this.error(io, `${path}: No such file or directory`);
      return 127;
    }
    if (info.type === 'dir') {
      this.error(io, `${path}: Is a directory`);
      return 126;
    }
    if ((info.mode & 0o111) === 0) {
      this.error(io, `${path}: Permission denied`);
      return 126;
    }
    const read = readFile(this.host, absolute);
    if ('error' in read) {
      this.error(io, `${path}: ${read.error}`);
      return 126;
    }
    const shebang = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(read.text);
    const interpreter = shebang ? (shebang[1]!.endsWith('/env') ? (shebang[2] ?? '') : shebang[1]!) : '/bin/bash';
    const shell = interpreter.slice(interpreter.lastIndexOf('/') + 1);
    if (shell !== 'bash' && shell !== 'sh' && shell !== 'dash') {
      write(io, 2, `${path}: ${interpreter} is not simulated in this lab; only bash and sh scripts run here\n`);
      return 126;
    }
    return this.runScript(path, read.text, args, io, shell !== 'bash');
  }

  /** Runs a script's text in a new shell (a child process): exported variables only, no functions, default options. */
  runScript(name: string, text: string, args: string[], io: Io, dash: boolean, options: { errexit?: boolean; xtrace?: boolean; commandString?: boolean } = {}): number {
    const vars = new Map<string, string>();
    for (const key of this.state.exported) {
      const value = this.lookup(key);
      if (value !== undefined) vars.set(key, value);
    }
    if (!vars.has('PWD')) vars.set('PWD', this.cwd);
    vars.set('HOSTNAME', this.lookup('HOSTNAME') ?? this.host.name);
    const state: ShellState = { functions: new Map(), exported: new Set(this.state.exported), options: { errexit: options.errexit ?? false, xtrace: options.xtrace ?? false, nounset: false, pipefail: false }, lastBackground: null };
    // A -c string's messages say `bash: line 1:` (dash: `sh: 1:`); a file's say `x.sh: line 1:`.
    const where = options.commandString ? (dash ? 'sh' : 'bash') : name;
    const child = new Shell(this.run, vars, state, args, name, { kind: 'script', name: where, dash });
    this.host.processes.allocatePid();
    this.budget.nested(TOO_DEEP, () => child.runSource(text, io));
    return child.exit;
  }

  /**
   * Runs a file's text in this shell (a script, or `source`): the commands
   * before a syntax error run, as bash reads a file one command at a time.
   */
  runSource(text: string, io: Io): void {
    const parsed = parseCached(text);
    const list = parsed.ok ? parsed.list : parsed.partial;
    try {
      this.runList(list, io);
    } catch (error) {
      if (!this.handleAbort(error, io)) throw error;
      return;
    }
    if (!parsed.ok) {
      this.line = parsed.line;
      if (this.context.kind === 'script' && this.context.dash) {
        const what = parsed.token === null ? 'end of file unexpected' : `"${parsed.token}" unexpected`;
        this.error(io, `Syntax error: ${what}`);
      } else {
        this.error(io, parsed.error);
        if (parsed.token !== null) this.error(io, `\`${text.split('\n')[parsed.line - 1] ?? ''}'`);
      }
      this.exit = 2;
    }
  }

  // ---- variables ----------------------------------------------------------

  /** A parameter's value, or undefined when it is unset. */
  lookup(name: string): string | undefined {
    switch (name) {
      case '?':
        return String(this.exit);
      case '$':
        return String(this.host.processes.shellPid);
      case '#':
        return String(this.positional.length);
      case '0':
        return this.arg0;
      case '@':
      case '*':
        return this.positional.join(' ');
      case '!':
        return this.state.lastBackground ?? undefined;
      case '-':
        return `${this.state.options.errexit ? 'e' : ''}hB${this.context.kind === 'interactive' ? 'i' : ''}${this.state.options.nounset ? 'u' : ''}${this.state.options.xtrace ? 'x' : ''}`;
      case 'LINENO':
        return String(this.lineBase + this.line);
      case 'HOSTNAME':
        return this.vars.get(name) ?? this.host.name;
      case 'PWD':
        return this.cwd;
      case 'HOME':
        return this.vars.get(name) ?? '/root';
      case 'PIPESTATUS':
        return String(this.pipestatus[0] ?? 0);
      case 'RANDOM':
        return String(this.lab.random.int(0, 32767));
    }
    if (/^[1-9][0-9]*$/.test(name)) return this.positional[Number(name) - 1];
    const indexed = /^([A-Za-z_][A-Za-z0-9_]*)\[([0-9]+)\]$/.exec(name);
    if (indexed) {
      const index = Number(indexed[2]);
      if (indexed[1] === 'PIPESTATUS') return this.pipestatus[index] === undefined ? undefined : String(this.pipestatus[index]);
      if (indexed[1] === 'BASH_REMATCH') return this.rematch[index];
      return index === 0 ? this.lookup(indexed[1]!) : undefined;
    }
    if (name === 'BASH_REMATCH') return this.rematch[0];
    return this.vars.get(name);
  }

  setVar(name: string, value: string): void {
    this.vars.set(name, value);
  }

  private arithVariables(): ArithVariables {
    return { get: (name) => this.lookup(name), set: (name, value) => this.setVar(name, value) };
  }

  /** An arithmetic expression after $-expansion: (( )), $(( )), for ((;;)), let. */
  arith(expr: string): number {
    let word = arithCache.get(expr);
    if (!word) {
      word = arithWord(expr);
      if (arithCache.size > 2000) arithCache.clear();
      arithCache.set(expr, word);
    }
    const text = this.expandString(word, this.terminalIoless());
    return arith(text, this.arithVariables());
  }

  /** Arithmetic substitutions print their errors through the exception, not a stream. */
  private terminalIoless(): Io {
    return { stdin: null, fds: new Map([[2, DISCARD]]) };
  }

  // ---- expansion ----------------------------------------------------------

  /** The words of a command or a for list: each charged to the budget and the list sized before it is kept. */
  expandWords(words: readonly Word[], io: Io): string[] {
    const out: string[] = [];
    let bytes = 0;
    for (const word of words) {
      for (const field of this.expandFields(word, io)) {
        for (const text of field.glob ? this.glob(field.pattern, field.text) : [field.text]) {
          this.budget.spend();
          // A C string and its pointer, as bash's word list holds it.
          bytes += text.length + 1 + 8;
          this.budget.reserve(bytes);
          out.push(text);
        }
      }
    }
    return out;
  }

  /** A word expanded to one string: no field splitting, no globbing (assignments, case subjects, redirect targets). */
  expandString(word: Word, io: Io): string {
    return this.expandOne(word, io).text;
  }

  /** A word as a pattern: quoted characters escaped (case, [[ == ]], ${v#…}). */
  expandPattern(word: Word, io: Io): string {
    return this.expandOne(word, io).pattern;
  }

  expandOne(word: Word, io: Io): ExpandedField {
    const field: ExpandedField = { text: '', pattern: '', regex: '', glob: false };
    for (const part of word) {
      if (part.kind === 'text') addTo(field, part.text, part.quoted, this.budget);
      else addTo(field, this.partValue(part, io), part.quoted, this.budget);
    }
    return field;
  }

  /** Expands one word: parameters, substitutions, arithmetic, then (unquoted) field splitting and brace expansion. */
  private expandFields(word: Word, io: Io): ExpandedField[] {
    if (word.every((p) => p.kind === 'text' && !p.quoted)) {
      const joined = word.map((p) => (p as { text: string }).text).join('');
      // The common case, a plain word: nothing to expand.
      if (!/[{~*?[]/.test(joined)) return [{ text: joined, pattern: joined, regex: joined, glob: false }];
      const text = joined.startsWith('~') ? tilde(joined, this.lookup('HOME') ?? '/root') : joined;
      return braceExpand(text, this.budget).map((t) => {
        const f: ExpandedField = { text: '', pattern: '', regex: '', glob: false };
        addTo(f, t, false, this.budget);
        return f;
      });
    }
    const fields: ExpandedField[] = [];
    let current: ExpandedField = { text: '', pattern: '', regex: '', glob: false };
    let has = false;
    const next = (): void => {
      if (has) fields.push(current);
      current = { text: '', pattern: '', regex: '', glob: false };
      has = false;
    };
    word.forEach((part, index) => {
      if (part.kind === 'text') {
        addTo(current, index === 0 && !part.quoted ? tilde(part.text, this.lookup('HOME') ?? '/root') : part.text, part.quoted, this.budget);
        has = true;
        return;
      }
      if (part.quoted && isAllPositional(part)) {
        // "$@": one field per positional parameter; none at all when there are none.
        this.positional.forEach((p, i) => {
          if (i > 0) next();
          addTo(current, p, true, this.budget);
          has = true;
        });
        return;
      }
      const value = this.partValue(part, io);
      if (part.quoted) {
        addTo(current, value, true, this.budget);
        has = true;
        return;
      }
      const pieces = value.split(/[ \t\n]+/);
      for (let i = 0; i < pieces.length; i++) {
        if (i > 0) next();
        if (pieces[i] !== '') {
          addTo(current, pieces[i]!, false, this.budget);
          has = true;
        }
      }
    });
    if (has) fields.push(current);
    return fields;
  }

  /** Pathname expansion: the sorted matches, or the word itself when nothing matches. */
  private glob(pattern: string, text: string): string[] {
    const found = expandPathname(this.host, this.cwd, pattern, (n) => this.budget.spend(n));
    return found.length > 0 ? found : [text];
  }

  /** The value of a $ part (variable, ${…}, $(…), $((…))). */
  private partValue(part: Exclude<WordPart, { kind: 'text' }>, io: Io): string {
    if (part.kind === 'var') {
      const value = this.lookup(part.name);
      if (value === undefined && this.state.options.nounset && part.name !== '@' && part.name !== '*') throw new ExpansionError(`${part.name}: unbound variable`);
      return value ?? '';
    }
    if (part.kind === 'subst') return this.substitute(part.script, io);
    if (part.kind === 'arith') return String(this.arith(part.expr));
    return this.parameter(part, io);
  }

  private parameter(part: WordPart & { kind: 'param' }, io: Io): string {
    const value = this.lookup(part.name);
    const unsetOrNull = value === undefined || value === '';
    switch (part.op) {
      case 'len':
        if (part.name === '@' || part.name === '*') return String(this.positional.length);
        return String([...(value ?? '')].length);
      case ':-':
        return unsetOrNull ? this.expandString(part.arg, io) : value;
      case '-':
        return value === undefined ? this.expandString(part.arg, io) : value;
      case ':=':
      case '=':
        if (part.op === ':=' ? unsetOrNull : value === undefined) {
          const assigned = this.expandString(part.arg, io);
          if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(part.name)) throw new ExpansionError(`$${part.name}: cannot assign in this way`);
          this.setVar(part.name, assigned);
          return assigned;
        }
        return value ?? '';
      case ':+':
        return unsetOrNull ? '' : this.expandString(part.arg, io);
      case '+':
        return value === undefined ? '' : this.expandString(part.arg, io);
      case ':?':
      case '?':
        if (part.op === ':?' ? unsetOrNull : value === undefined) {
          const message = this.expandString(part.arg, io);
          throw new ExpansionError(`${part.name}: ${message || (part.op === ':?' ? 'parameter null or not set' : 'parameter not set')}`);
        }
        return value ?? '';
    }
    if (value === undefined && this.state.options.nounset) throw new ExpansionError(`${part.name}: unbound variable`);
    const text = value ?? '';
    switch (part.op) {
      case '#':
      case '##':
        return removeAffix(text, this.expandPattern(part.arg, io), 'prefix', part.op === '##');
      case '%':
      case '%%':
        return removeAffix(text, this.expandPattern(part.arg, io), 'suffix', part.op === '%%');
      case ':': {
        const chars = [...text];
        let offset = this.arith(this.expandString(part.arg, io) || '0');
        if (offset < 0) offset = Math.max(0, chars.length + offset);
        if (!part.arg2) return chars.slice(offset).join('');
        let length = this.arith(this.expandString(part.arg2, io) || '0');
        if (length < 0) length = Math.max(0, chars.length + length - offset);
        return chars.slice(offset, offset + length).join('');
      }
      default:
        return replacePattern(text, this.expandPattern(part.arg, io), this.expandString(part.arg2 ?? [], io), part.op as '/' | '//' | '/#' | '/%');
    }
  }

  /** $(…) and `…`: the command's stdout without trailing newlines, run in a subshell. */
  private substitute(script: string, io: Io): string {
    const parsed = parseCached(script);
    if (!parsed.ok) {
      this.error(io, `command substitution: ${parsed.error}`);
      this.substStatus = 2;
      return '';
    }
    const out: string[] = [];
    const inner: Io = {
      stdin: io.stdin,
      fds: new Map([
        [
          1,
          (text: string) => {
            this.budget.keep(text.length);
            out.push(text);
          },
        ],
        [2, io.fds.get(2) ?? DISCARD],
      ]),
    };
    const status = this.inSubshell(inner, (child) => {
      child.lineBase = this.lineBase + this.line - 1;
      child.runList(parsed.list, inner);
    });
    this.substStatus = status;
    // Once it is text in a word, what the words hold is the expansion's to size.
    const text = out.join('');
    this.budget.release(text.length);
    return text.replace(/\n+$/, '');
  }

  // ---- redirections -------------------------------------------------------

  /**
   * Applies redirections in order (so `> f 2>&1` and `2>&1 > f` differ as in
   * bash), runs `body`, then writes what went to files. A target that cannot
   * be opened fails the command before it runs: `bash: /x/y: No such file or directory`.
   */
  private withRedirects(redirects: Redirect[], io: Io, command: string | null, body: (io: Io) => void): void {
    if (redirects.length === 0) {
      body(io);
      return;
    }
    const fds = new Map(io.fds);
    let stdin = io.stdin;
    const opened: Array<{ file: OpenedFile; text: string[] }> = [];
    for (const r of redirects) {
      if (r.op === '<<' || r.op === '<<-') {
        stdin = { text: this.expandString(r.body ?? [], io), pos: 0 };
        continue;
      }
      if (r.op === '<<<') {
        stdin = { text: `${this.expandString(r.target, io)}\n`, pos: 0 };
        continue;
      }
      const targets = this.expandWords([r.target], io);
      const raw = r.target.map(rawPart).join('');
      if (targets.length !== 1) {
        this.error(io, `${raw}: ambiguous redirect`);
        this.exit = 1;
        return;
      }
      const target = targets[0]!;
      if ((r.op === '>&' || r.op === '<&') && /^[0-9]+$|^-$/.test(target)) {
        if (target === '-') {
          fds.set(r.fd, DISCARD);
          continue;
        }
        const from = Number(target);
        if (r.op === '<&') {
          if (from !== 0) {
            this.error(io, `${target}: Bad file descriptor`);
            this.exit = 1;
            return;
          }
          continue;
        }
        const writer = fds.get(from);
        if (!writer) {
          this.error(io, `${target}: Bad file descriptor`);
          this.exit = 1;
          return;
        }
        fds.set(r.fd, writer);
        continue;
      }
      const path = resolvePath(this.host, this.cwd, target);
      if (r.op === '<') {
        if (path === '/dev/null') {
          stdin = { text: '', pos: 0 };
          continue;
        }
        const read = readFile(this.host, path);
        if ('error' in read) {
          this.error(io, `${target}: ${read.error}`);
          this.exit = 1;
          return;
        }
        stdin = { text: read.text, pos: 0 };
        continue;
      }
      if (path === '/dev/stdout' || path === '/dev/stderr') {
        fds.set(r.op === '&>' || r.op === '&>>' || r.op === '>&' ? 1 : r.fd, io.fds.get(path === '/dev/stdout' ? 1 : 2) ?? DISCARD);
        continue;
      }
      if (path === '/dev/null') {
        // Discarded as it is written: nothing kept, nothing charged to the output budget.
        if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
          fds.set(1, DISCARD);
          fds.set(2, DISCARD);
        } else fds.set(r.fd, DISCARD);
        continue;
      }
      const file = openForWrite(this.host, path, r.op === '>>' || r.op === '&>>');
      if ('error' in file) {
        if (this.context.kind === 'script' && this.context.dash) this.error(io, `cannot create ${target}: ${file.error === 'No such file or directory' ? 'Directory nonexistent' : file.error}`);
        else this.error(io, `${target}: ${file.error}`);
        this.exit = this.context.kind === 'script' && this.context.dash ? 2 : 1;
        return;
      }
      const entry = { file, text: [] as string[] };
      opened.push(entry);
      // A background tool's redirections write as it writes (nothing waits to flush them), charged to whatever runs then.
      const live = this.background !== null;
      const writer: Writer = (text) => {
        (live ? this.lab.budget : this.budget).keep(text.length);
        if (live) file.flush([text]);
        else entry.text.push(text);
      };
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
        fds.set(1, writer);
        fds.set(2, writer);
      } else fds.set(r.fd, writer);
    }
    try {
      body({ stdin, fds });
    } finally {
      for (const { file, text } of opened) {
        const error = file.flush(text);
        if (error) {
          const name = command ?? 'bash';
          write(io, 2, isShellBuiltin(name) ? `${this.where()}: ${name}: write error: ${error}\n` : `${name}: write error: ${error}\n`);
          this.exit = 1;
        }
      }
    }
  }

  /** set -x: `+ cmd` on stderr. */
  private trace(io: Io, text: string): void {
    if (this.state.options.xtrace) write(io, 2, `+ ${text}\n`);
  }
}

interface ExpandedField {
  text: string;
  /** The same text as a glob pattern: quoted characters escaped. */
  pattern: string;
  /** The same text as a regular expression for =~: quoted characters escaped. */
  regex: string;
  /** Whether an unquoted glob character is in it. */
  glob: boolean;
}

/** Appends to a word being expanded; a word past the memory budget (x=$x$x in a loop) fails as bash's xmalloc does. */
function addTo(field: ExpandedField, text: string, quoted: boolean, budget: Budget): void {
  budget.reserve(field.text.length + text.length + 1);
  field.text += text;
  field.pattern += quoted ? escapeGlob(text) : text;
  field.regex += quoted ? text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&') : text;
  if (!quoted && /[*?[]/.test(text)) field.glob = true;
}

/** `tool args… [redirections]` alone: what a background job can start and leave running. */
function isSoleSimpleCommand(node: AndOrNode): boolean {
  return node.rest.length === 0 && !node.first.negate && node.first.stages.length === 1 && node.first.stages[0]!.command.type === 'simple';
}

function isAllPositional(part: WordPart): boolean {
  return (part.kind === 'var' && part.name === '@') || (part.kind === 'param' && part.name === '@' && part.op === '');
}

/** ~ and ~/x at the start of an unquoted word. */
function tilde(text: string, home: string): string {
  if (text === '~' || text.startsWith('~/')) return home + text.slice(1);
  return text;
}

function rawPart(part: WordPart): string {
  if (part.kind === 'text') return part.text;
  if (part.kind === 'var') return `$${part.name}`;
  if (part.kind === 'param') return `\${${part.name}}`;
  if (part.kind === 'arith') return `$((${part.expr}))`;
  return `$(${part.script})`;
}

const COND_OPERATORS = new Set(['!', '==', '=', '!=', '=~', '<', '>', '-eq', '-ne', '-lt', '-le', '-gt', '-ge', '-nt', '-ot', '-ef', '-z', '-n', '-e', '-a', '-f', '-d', '-x', '-r', '-w', '-s', '-L', '-h', '-b', '-c', '-p', '-S', '-t', '-v', '-o']);

/** What a command run on `host` sees of the lab (context.ts). */
export function commandContext(lab: Lab, host: Host, argv: string[], budget: Budget, streams: Pick<CommandContext, 'out' | 'err'>, stdin: string | null = null): CommandContext {
  return {
    host,
    argv,
    budget,
    stdin,
    clock: lab.queue,
    random: lab.random,
    run: (line) => lab.run(host.name, line),
    runChild: (line) => lab.runChild(host.name, line),
    sleep: (seconds) => lab.sleep(seconds),
    out: streams.out,
    err: streams.err,
  };
}

