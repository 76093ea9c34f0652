// Runs one scenario step on the kernel WITHOUT A SHELL. The line is parsed by
// the lab shell's own parser (src-sim/shell/script.ts) and interpreted here:
// lists (; && ||), for loops, variables, $(…) and $((…)), brace expansion and
// redirections. Each simple command, once its words are expanded, is checked
// against the allowlist (safety.ts commandProblem → allowlist.ts) and spawned
// as `ip netns exec NS argv…`, so every tool sees only its host's namespace.
// Redirections go to /dev/null, to the host's scratch directory (the step's
// working directory, a temp dir the runner creates and removes) or to
// /proc/sys/net through the host's writer running inside the namespace (a
// sysctl file belongs to the namespace of the process that opens it;
// proc-writer.ts).
//
// Messages are bash's, as the lab shell prints them, so that the simulator
// and the kernel can be compared line for line.
import { closeSync, constants, fstatSync, openSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Budget, BudgetExceeded } from '../../src-sim/core/budget.ts';
import { arith } from '../../src-sim/shell/arith.ts';
import { parseScript, ShellSyntaxError, type AndOrNode, type CommandNode, type ListNode, type PipelineNode, type SimpleNode, type Word } from '../../src-sim/shell/script.ts';
import { isScratchName, redirectTarget, spawnArgv, type RedirectTarget } from './allowlist.ts';
import { spawnBounded, type OutputSpec } from './exec.ts';
import type { ProcSysWriter } from './proc-writer.ts';
import { JOB_BUILTINS, runJobBuiltin } from './job-builtins.ts';
import type { HostJobs } from './jobs.ts';
import { backgroundCommand, commandProblem, lineProblems } from './safety.ts';
import { wordFields } from './words.ts';

export interface StepHost {
  /** The host's network namespace. */
  ns: string;
  /** The host's scratch directory: the working directory of its tools. */
  scratchDir: string;
  /** Writes /proc/sys/net files inside the namespace. */
  procSys: ProcSysWriter;
  /** The host terminal's jobs: processes earlier steps left running (jobs.ts). */
  jobs: HostJobs;
}

export interface StepOutcome {
  exit: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** What one step may print (stdout and stderr each) before it is stopped. */
export const MAX_STEP_OUTPUT = 4 * 1024 * 1024;

/** Exit status of a command the allowlist refuses (bash's "cannot execute"). */
export const EXIT_REFUSED = 126;

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
  EACCES: 'Permission denied',
  EROFS: 'Read-only file system',
  EISDIR: 'Is a directory',
  ENOTDIR: 'Not a directory',
  ELOOP: 'Too many levels of symbolic links',
  EIO: 'Input/output error',
  ENOSPC: 'No space left on device',
  EBUSY: 'Device or resource busy',
  ERANGE: 'Numerical result out of range',
};

const errnoText = (code: string): string => ERRNO_TEXT[code] ?? code;

/** The step ran out of time or output: stop everything that is left. */
class StepStopped extends Error {}

type Destination = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'file'; fd: number } | { kind: 'proc-sys'; path: string; append: boolean };

/** How a step ended early; shared by every copy of its run (pipeline stages, substitutions). */
interface Stopped {
  timedOut: boolean;
  overflowed: boolean;
}

class Output {
  text = '';
  constructor(private readonly stopped: Stopped) {}
  add(text: string): void {
    if (this.text.length + text.length > MAX_STEP_OUTPUT) {
      this.text += text.slice(0, MAX_STEP_OUTPUT - this.text.length);
      this.stopped.overflowed = true;
      throw new StepStopped();
    }
    this.text += text;
  }
}

interface Run {
  host: StepHost;
  deadline: number;
  budget: Budget;
  depth: number;
  vars: Map<string, string>;
  exit: number;
  out: Output;
  err: Output;
  /** What the running command reads: a pipe's or here-document's bytes; undefined: /dev/null. */
  stdin: Buffer | undefined;
  stopped: Stopped;
}

export async function runStep(line: string, host: StepHost, timeoutMs: number): Promise<StepOutcome> {
  const stopped: Stopped = { timedOut: false, overflowed: false };
  const run: Run = { host, deadline: Date.now() + timeoutMs, budget: new Budget(), depth: 0, vars: new Map(), exit: 0, out: new Output(stopped), err: new Output(stopped), stdin: undefined, stopped };
  const parsed = parseScript(line);
  if (!parsed.ok) return { exit: 2, stdout: '', stderr: `bash: ${parsed.error}\n`, timedOut: false };
  // The same checks as before the run (safety.ts), so nothing outside them is ever interpreted.
  const problems = lineProblems(line);
  if (problems.length > 0) return { exit: EXIT_REFUSED, stdout: '', stderr: problems.map((p) => `lvs-dr-lab kernel-run: refused: ${p}\n`).join(''), timedOut: false };
  // What the host's jobs print while this step runs is part of its output, what they printed before comes first.
  host.jobs.attach((stream, text) => {
    try {
      (stream === 'stdout' ? run.out : run.err).add(text);
    } catch (error) {
      if (!(error instanceof StepStopped)) throw error;
    }
  });
  try {
    const job = backgroundCommand(parsed.list);
    if (job) await startJob(run, job, line);
    else await runList(run, parsed.list);
  } catch (error) {
    if (error instanceof BudgetExceeded || error instanceof ShellSyntaxError) {
      run.err.text += `bash: ${error.message}\n`;
      run.exit = 1;
    } else if (!(error instanceof StepStopped)) throw error;
  } finally {
    // Before the next prompt bash reports the jobs that ended.
    run.err.text += host.jobs.detach();
  }
  if (stopped.timedOut) return { exit: 124, stdout: run.out.text, stderr: `${run.err.text}lvs-dr-lab: killed after ${timeoutMs / 1000} s\n`, timedOut: true };
  if (stopped.overflowed) return { exit: 1, stdout: run.out.text, stderr: `${run.err.text}lvs-dr-lab: stopped after printing more than ${MAX_STEP_OUTPUT} bytes\n`, timedOut: false };
  return { exit: run.exit, stdout: run.out.text, stderr: run.err.text, timedOut: false };
}

async function runList(run: Run, list: ListNode): Promise<void> {
  for (const { command } of list.items) await runAndOr(run, command);
}

async function runAndOr(run: Run, node: AndOrNode): Promise<void> {
  await runPipeline(run, node.first);
  for (const { op, pipeline } of node.rest) {
    if ((op === '&&' && run.exit !== 0) || (op === '||' && run.exit === 0)) continue;
    await runPipeline(run, pipeline);
  }
  run.vars.set('?', String(run.exit));
}

/**
 * A pipeline, stage after stage: each stage's output (with |&, its errors
 * too) is the next one's input. The tools of a lab pipeline (ip … | grep …)
 * print what they print whether or not the next stage reads yet, so running
 * them in turn gives what the pipe gives.
 */
async function runPipeline(run: Run, pipeline: PipelineNode): Promise<void> {
  let input = run.stdin;
  for (const [i, { command, stderrToo }] of pipeline.stages.entries()) {
    const last = i === pipeline.stages.length - 1;
    const captured = new Output(run.stopped);
    const stage: Run = last ? { ...run, stdin: input } : { ...run, stdin: input, out: captured, err: stderrToo ? captured : run.err };
    await runCommand(stage, command);
    run.exit = stage.exit;
    input = Buffer.from(captured.text, 'utf8');
  }
  if (pipeline.negate) run.exit = run.exit === 0 ? 1 : 0;
}

async function nested(run: Run, body: () => Promise<void>): Promise<void> {
  if (run.depth >= run.budget.limits.depth) throw new BudgetExceeded("loops and substitutions nested too deeply (the lab shell's limit)");
  run.depth++;
  try {
    await body();
  } finally {
    run.depth--;
  }
}

async function runCommand(run: Run, node: CommandNode): Promise<void> {
  switch (node.type) {
    case 'simple':
      return runSimple(run, node);
    case 'group':
      return runList(run, node.body);
    case 'for': {
      const items = node.items === null ? [] : await expandWords(run, node.items);
      run.exit = 0;
      return nested(run, async () => {
        for (const item of items) {
          run.budget.spend();
          run.vars.set(node.name, item);
          await runList(run, node.body);
        }
      });
    }
    case 'arith-for':
      run.exit = 0;
      arith(node.init, run.vars);
      return nested(run, async () => {
        while (node.cond === '' || arith(node.cond, run.vars) !== 0) {
          run.budget.spend();
          await runList(run, node.body);
          arith(node.step, run.vars);
        }
      });
    case 'while':
      return nested(run, async () => {
        let status = 0;
        for (;;) {
          run.budget.spend();
          await runList(run, node.cond);
          if ((run.exit === 0) === node.until) break;
          await runList(run, node.body);
          status = run.exit;
        }
        run.exit = status;
      });
    case 'if':
      for (const clause of node.clauses) {
        await runList(run, clause.cond);
        if (run.exit === 0) return runList(run, clause.body);
      }
      if (node.otherwise) return runList(run, node.otherwise);
      run.exit = 0;
      return;
    default:
      // lineProblems refused it before the run.
      throw new Error(`the kernel runner does not interpret ${node.type}`);
  }
}

async function expandWords(run: Run, words: readonly Word[]): Promise<string[]> {
  const out: string[] = [];
  for (const word of words) {
    for (const field of await expandWord(run, word)) {
      run.budget.spend();
      out.push(field);
    }
  }
  return out;
}

/** Substitutions and arithmetic run first (in order), then the word is split as the lab shell splits it. */
async function expandWord(run: Run, word: Word, split = true): Promise<string[]> {
  const values: string[] = [];
  for (const part of word) {
    if (part.kind === 'var') values.push(variable(run, part.name));
    else if (part.kind === 'subst') values.push(await substitute(run, part.script));
    else if (part.kind === 'arith') values.push(String(arith(part.expr, run.vars)));
    else if (part.kind === 'param') throw new Error('lineProblems refuses ${…} with an operator');
  }
  let next = 0;
  return wordFields(word, () => values[next++]!, run.budget, split);
}

function variable(run: Run, name: string): string {
  if (name === '?') return String(run.exit);
  if (name === '#') return '0';
  if (name === '0') return 'bash';
  if (name === '!') return String(run.host.jobs.lastPid ?? '');
  return run.vars.get(name) ?? '';
}

/** $(…) and `…`: a subshell (its assignments stay inside) whose stdout, without trailing newlines, is the value. */
async function substitute(run: Run, script: string): Promise<string> {
  const parsed = parseScript(script);
  if (!parsed.ok) {
    run.err.add(`bash: command substitution: ${parsed.error}\n`);
    run.exit = 2;
    return '';
  }
  const inner: Run = { ...run, vars: new Map(run.vars), out: new Output(run.stopped), stdin: undefined };
  await nested(run, () => runList(inner, parsed.list));
  run.exit = inner.exit;
  return inner.out.text.replace(/\n+$/, '');
}

/**
 * `COMMAND &`: the command left running as a job of the host's terminal;
 * bash's `[1] PID` starts the step's stderr. The job's text is the line as
 * bash shows it in `jobs` and its notices: the words, without the `&`.
 */
async function startJob(run: Run, node: SimpleNode, line: string): Promise<void> {
  run.budget.spend();
  const argv = await expandWords(run, node.words);
  const problem = commandProblem(argv, true);
  if (problem) return refuse(run, argv[0] ?? '&', problem);
  const text = line.trim().replace(/\s*&$/, '').replace(/\s+/g, ' ');
  await run.host.jobs.start(argv, text, (job) => run.err.add(`[${job.number}] ${job.pid}\n`));
  run.exit = 0;
}

function refuse(run: Run, name: string, problem: string): void {
  run.err.add(`lvs-dr-lab kernel-run: ${name}: refused: ${problem}\n`);
  run.exit = EXIT_REFUSED;
}

async function runSimple(run: Run, node: SimpleNode): Promise<void> {
  run.budget.spend();
  const assignments: Array<[string, string]> = [];
  for (const a of node.assignments) assignments.push([a.name, (await expandWord(run, a.value, false)).join(' ')]);
  const argv = await expandWords(run, node.words);
  if (argv.length > 0 && assignments.length > 0) return refuse(run, argv[0]!, `"${assignments[0]![0]}=…" would set the tool's environment`);
  const problem = commandProblem(argv);
  if (problem) return refuse(run, argv[0]!, problem);
  // Redirections, left to right as bash applies them: each fd's destination, and stdin.
  const fds: Record<1 | 2, Destination> = { 1: { kind: 'out' }, 2: { kind: 'err' } };
  let stdin = run.stdin;
  const opened: number[] = [];
  const setFd = (fd: number, destination: Destination): void => {
    if (fd === 1 || fd === 2) fds[fd] = destination;
  };
  try {
    for (const r of node.redirects) {
      if (r.op === '<<' || r.op === '<<-') {
        stdin = Buffer.from((await expandWord(run, r.body ?? [], false)).join(''), 'utf8');
        continue;
      }
      const path = (await expandWord(run, r.target, false)).join(' ');
      if (r.op === '<<<') {
        stdin = Buffer.from(`${path}\n`, 'utf8');
        continue;
      }
      if (r.op === '>&' && /^[12]$/.test(path)) {
        setFd(r.fd, fds[Number(path) as 1 | 2]);
        continue;
      }
      if (r.op === '<') {
        const read = readScratch(run, path);
        if (read === null) return;
        stdin = read;
        continue;
      }
      const target = redirectTarget(path);
      if (typeof target === 'string') return refuse(run, argv[0] ?? path, target);
      const destination = openTarget(run, target, r.op === '>>' || r.op === '&>>');
      if (destination === null) return;
      if (destination.kind === 'file') opened.push(destination.fd);
      if (r.op === '&>' || r.op === '&>>' || r.op === '>&') {
        fds[1] = destination;
        fds[2] = destination;
      } else setFd(r.fd, destination);
    }
    if (argv.length === 0) {
      for (const [name, value] of assignments) run.vars.set(name, value);
      run.exit = 0;
      return;
    }
    if (JOB_BUILTINS.includes(argv[0]!)) return await jobBuiltin(run, argv, fds);
    await spawnCommand(run, argv, fds, stdin);
  } finally {
    for (const fd of opened) closeSync(fd);
  }
}

/** kill, wait and jobs: bash's builtins over the host's job table; their output to where fds 1 and 2 point. */
async function jobBuiltin(run: Run, argv: string[], fds: Record<1 | 2, Destination>): Promise<void> {
  const to = (d: Destination) => (text: string): void => {
    if (d.kind === 'out') run.out.add(text);
    else if (d.kind === 'err') run.err.add(text);
    else if (d.kind === 'file') writeSync(d.fd, text);
  };
  const r = await runJobBuiltin(argv, run.host.jobs, { out: to(fds[1]), err: to(fds[2]) }, () => remaining(run));
  run.exit = r.exit;
  if (r.timedOut) {
    run.stopped.timedOut = true;
    throw new StepStopped();
  }
}

/** `< FILE`: /dev/null or a scratch file of the host, read whole; null (and a message) when it cannot be read. */
function readScratch(run: Run, path: string): Buffer | null {
  if (path === '/dev/null') return Buffer.alloc(0);
  if (!isScratchName(path)) {
    refuse(run, path, `input may come only from /dev/null or a scratch file of the host, not ${JSON.stringify(path)}`);
    return null;
  }
  let fd: number | null = null;
  try {
    fd = openSync(join(run.host.scratchDir, path), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    if (!fstatSync(fd).isFile()) throw Object.assign(new Error('not a file'), { code: 'EINVAL' });
    const buffer = Buffer.alloc(MAX_STEP_OUTPUT);
    const length = readSync(fd, buffer, 0, buffer.length, 0);
    return buffer.subarray(0, length);
  } catch (error) {
    run.err.add(`bash: ${path}: ${errnoText((error as NodeJS.ErrnoException).code ?? 'EIO')}\n`);
    run.exit = 1;
    return null;
  } finally {
    if (fd !== null) closeSync(fd);
  }
}

/** Opens a redirection target as bash does before the command runs; null (and a message) when it cannot. */
function openTarget(run: Run, target: RedirectTarget, append: boolean): Destination | null {
  if (target.kind === 'null') return { kind: 'null' };
  if (target.kind === 'proc-sys') return { kind: 'proc-sys', path: target.path, append };
  try {
    // O_NOFOLLOW: a scratch name is a file of the lab, never a link out of it.
    const flags = constants.O_WRONLY | constants.O_CREAT | constants.O_NOFOLLOW | (append ? constants.O_APPEND : constants.O_TRUNC);
    return { kind: 'file', fd: openSync(join(run.host.scratchDir, target.name), flags, 0o600) };
  } catch (error) {
    run.err.add(`bash: ${target.name}: ${errnoText((error as NodeJS.ErrnoException).code ?? 'EIO')}\n`);
    run.exit = 1;
    return null;
  }
}

const outputSpec = (d: Destination): OutputSpec => (d.kind === 'null' ? 'ignore' : d.kind === 'file' ? d.fd : 'pipe');

/**
 * The host's writer: `data` written to `path` (one write), or with no data
 * just opened (append mode, nothing truncated) to learn whether bash's open
 * would succeed. Null, or the errno code.
 */
function procWrite(run: Run, path: string, append: boolean, data: Buffer): Promise<string | null> {
  return run.host.procSys.write(path, append || data.length === 0, data, remaining(run));
}

const remaining = (run: Run): number => Math.max(0, run.deadline - Date.now());

async function spawnCommand(run: Run, argv: string[], fds: Record<1 | 2, Destination>, stdin: Buffer | undefined): Promise<void> {
  const name = argv[0]!;
  for (const d of [fds[1], fds[2]]) {
    if (d.kind !== 'proc-sys') continue;
    const error = await procWrite(run, d.path, true, Buffer.alloc(0));
    if (error !== null) {
      run.err.add(`bash: ${d.path}: ${errnoText(error)}\n`);
      run.exit = 1;
      return;
    }
  }
  const r = await spawnBounded('ip', ['netns', 'exec', run.host.ns, ...spawnArgv(argv)], {
    timeoutMs: remaining(run),
    cwd: run.host.scratchDir,
    stdout: outputSpec(fds[1]),
    stderr: fds[2] === fds[1] && fds[1].kind === 'file' ? fds[1].fd : outputSpec(fds[2]),
    ...(stdin === undefined ? {} : { input: stdin }),
    maxBytes: 2 * MAX_STEP_OUTPUT,
  });
  run.exit = r.exit;
  // Collected output, to where each fd points (2>&1 onto a collected stdout comes after it).
  const collected: Array<[Destination, Buffer]> = [
    [fds[1], r.stdout],
    [fds[2], r.stderr],
  ];
  const forProc = new Map<string, { append: boolean; chunks: Buffer[] }>();
  for (const [d, bytes] of collected) {
    if (d.kind === 'out') run.out.add(bytes.toString('utf8'));
    else if (d.kind === 'err') run.err.add(bytes.toString('utf8'));
    else if (d.kind === 'proc-sys') forProc.set(d.path, { append: d.append, chunks: [...(forProc.get(d.path)?.chunks ?? []), bytes] });
  }
  for (const [path, { append, chunks }] of forProc) {
    const error = await procWrite(run, path, append, Buffer.concat(chunks));
    if (error !== null) {
      // bash's words: its builtin echo says "bash: echo:", a program its own name.
      run.err.add(`${name === 'echo' ? 'bash: echo' : name}: write error: ${errnoText(error)}\n`);
      run.exit = 1;
    }
  }
  if (r.timedOut) {
    run.stopped.timedOut = true;
    throw new StepStopped();
  }
  if (r.overflowed) {
    run.stopped.overflowed = true;
    throw new StepStopped();
  }
}
