// The lab shell: parses a command line, runs each command on the host,
// applies redirections (echo V > /proc/sys/...), and joins ; && ||.
import type { CommandResult } from '../api.ts';
import { BudgetExceeded, Interrupted, type Budget } from '../core/budget.ts';
import type { Host } from '../host/host.ts';
import type { Lab } from '../lab.ts';
import { COMMANDS } from './commands/index.ts';
import type { CommandContext, RunningCommand } from './context.ts';
import { absolutePath } from './cwd.ts';
import { FS_ERRNO_TEXT } from '../host/fs.ts';
import { arith, braceExpand, parseScript, ShellSyntaxError, type CommandNode, type ListNode, type Word } from './script.ts';

/** A simple command after expansion: its words, and where its output goes. */
export interface SimpleCommand {
  words: string[];
  /** `> file` / `>> file` for stdout, and 2> for stderr. */
  redirects: Array<{ fd: 1 | 2; target: string; append: boolean } | { fd: 2; toStdout: true }>;
}

/** Where a terminal shows output as it is produced (the session's stream); null keeps it in the result only. */
export type OutputSink = (stream: 'stdout' | 'stderr', text: string) => void;

interface ShellRun {
  lab: Lab;
  host: Host;
  vars: Map<string, string>;
  /** The command line's one budget: every loop, expansion and substitution charges it. */
  budget: Budget;
  /** The terminal, for output not captured by $(…); null inside a substitution. */
  sink: OutputSink | null;
  stdout: string;
  stderr: string;
  exit: number;
  /** Set when Ctrl-C reached a running command that handles it (ping prints its summary): its status. */
  interruptedExit: number | null;
}

export function runCommandLine(lab: Lab, host: Host, line: string): CommandResult {
  const vars = host.shellVariables;
  const run: ShellRun = { lab, host, vars, budget: lab.budget, sink: lab.output, stdout: '', stderr: '', exit: Number(vars.get('?') ?? 0), interruptedExit: null };
  const parsed = parseScript(line);
  if (!parsed.ok) {
    vars.set('?', '2');
    emit(run, 'stderr', `bash: ${parsed.error}\n`);
    return { exit: 2, stdout: run.stdout, stderr: run.stderr };
  }
  try {
    runList(run, parsed.list);
  } catch (error) {
    if (error instanceof ShellSyntaxError) {
      emit(run, 'stderr', `bash: ${error.message}\n`);
      run.exit = 1;
    } else if (error instanceof BudgetExceeded) {
      emit(run, 'stderr', `bash: ${error.message}\n`);
      run.exit = 1;
    } else if (error instanceof Interrupted) {
      // A command that handled SIGINT already echoed ^C and printed its summary.
      if (run.interruptedExit === null) emit(run, 'stdout', '^C\n');
      run.exit = run.interruptedExit ?? 130;
    } else throw error;
  }
  vars.set('?', String(run.exit));
  return { exit: run.exit, stdout: run.stdout, stderr: run.stderr };
}

/** Output of the line itself (not of one command): to the terminal as it comes, and into the result. */
function emit(run: ShellRun, stream: 'stdout' | 'stderr', text: string): void {
  if (run.sink) run.sink(stream, text);
  if (stream === 'stdout') run.stdout += text;
  else run.stderr += text;
}

function runList(run: ShellRun, list: ListNode): void {
  let ran = false;
  for (const { command, join } of list.items) {
    if (ran && ((join === '&&' && run.exit !== 0) || (join === '||' && run.exit === 0))) continue;
    ran = true;
    runNode(run, command);
    run.vars.set('?', String(run.exit));
  }
}

const TOO_DEEP = 'loops and substitutions nested too deeply (the lab shell\'s limit)';

function runNode(run: ShellRun, node: CommandNode): void {
  if (node.type === 'for') {
    const items = node.items === null ? [] : expandWords(run, node.items);
    run.exit = 0;
    run.budget.nested(TOO_DEEP, () => {
      for (const item of items) {
        run.budget.spend();
        run.vars.set(node.name, item);
        runList(run, node.body);
      }
    });
    return;
  }
  if (node.type === 'arith-for') {
    run.exit = 0;
    arith(node.init, run.vars);
    run.budget.nested(TOO_DEEP, () => {
      while (node.cond === '' || arith(node.cond, run.vars) !== 0) {
        run.budget.spend();
        runList(run, node.body);
        arith(node.step, run.vars);
      }
    });
    return;
  }
  run.budget.spend();
  const values = node.assignments.map((a) => [a.name, expandWord(run, a.value, false).join(' ')] as const);
  const words = expandWords(run, node.words);
  const redirects: SimpleCommand['redirects'] = node.redirects.map((r) => ('toStdout' in r ? r : { fd: r.fd, append: r.append, target: expandWord(run, r.target, false).join(' ') }));
  if (words.length === 0) {
    for (const [name, value] of values) run.vars.set(name, value);
    run.exit = 0;
    if (redirects.length === 0) return;
  }
  const result = runSimple(run, { words, redirects });
  // With a terminal attached the output went there as it came; the result keeps it only without one.
  if (!run.sink) {
    run.stdout += result.stdout;
    run.stderr += result.stderr;
  }
  run.exit = result.exit;
  if (run.interruptedExit !== null) throw new Interrupted();
}

/** The words of a command or a for list, each charged to the budget and the list sized before it is kept. */
function expandWords(run: ShellRun, words: readonly Word[]): string[] {
  const out: string[] = [];
  let bytes = 0;
  for (const word of words) {
    for (const field of expandWord(run, word)) {
      run.budget.spend();
      // A C string and its pointer, as bash's word list holds it.
      bytes += field.length + 1 + 8;
      run.budget.reserve(bytes);
      out.push(field);
    }
  }
  return out;
}

/** Expands one word: variables, command substitution, then (unquoted) field splitting and brace expansion. */
function expandWord(run: ShellRun, word: Word, split = true): string[] {
  if (split && word.every((p) => p.kind === 'text' && !p.quoted)) {
    const text = word.map((p) => (p as { text: string }).text).join('');
    return braceExpand(text, run.budget);
  }
  const fields: string[] = [];
  let current = '';
  let has = false;
  for (const part of word) {
    let value: string;
    if (part.kind === 'text') value = part.text;
    else if (part.kind === 'var') value = variable(run, part.name);
    else value = substitute(run, part.script);
    if (part.kind === 'text' || part.quoted || !split) {
      current += value;
      has = has || part.kind === 'text' || part.quoted || value !== '';
      continue;
    }
    const pieces = value.split(/[ \t\n]+/);
    for (let i = 0; i < pieces.length; i++) {
      if (i > 0) {
        if (has) fields.push(current);
        current = '';
        has = false;
      }
      if (pieces[i] !== '') {
        current += pieces[i];
        has = true;
      }
    }
  }
  if (has) fields.push(current);
  return fields;
}

function variable(run: ShellRun, name: string): string {
  if (name === '?') return String(run.exit);
  if (name === '$') return '4242';
  if (name === '#') return '0';
  if (name === '0') return 'bash';
  if (name === 'HOSTNAME') return run.vars.get(name) ?? run.host.name;
  return run.vars.get(name) ?? '';
}

/** $(…) and `…`: the command's stdout without trailing newlines; $((…)) arithmetic. */
function substitute(run: ShellRun, script: string): string {
  if (script.startsWith('\u0000arith ')) return String(arith(script.slice(7), run.vars));
  const parsed = parseScript(script);
  if (!parsed.ok) {
    emit(run, 'stderr', `bash: command substitution: ${parsed.error}\n`);
    run.exit = 2;
    return '';
  }
  // The substitution's stdout is its value; its stderr still reaches the terminal.
  const inner: ShellRun = { ...run, sink: null, stdout: '', stderr: '' };
  try {
    run.budget.nested(TOO_DEEP, () => runList(inner, parsed.list));
  } finally {
    if (inner.stderr) emit(run, 'stderr', inner.stderr);
    run.interruptedExit = inner.interruptedExit;
  }
  run.exit = inner.exit;
  return inner.stdout.replace(/\n+$/, '');
}

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
    sleep: (seconds) => lab.sleep(seconds),
    out: streams.out,
    err: streams.err,
  };
}

function runSimple(run: ShellRun, command: SimpleCommand): CommandResult {
  const { lab, host } = run;
  let stdout = '';
  let stderr = '';
  let outFile: { target: string; append: boolean } | null = null;
  let errTarget: 'stderr' | 'stdout' | 'null' = 'stderr';
  for (const r of command.redirects) {
    if ('toStdout' in r) errTarget = 'stdout';
    else if (r.fd === 2) errTarget = r.target === '/dev/null' ? 'null' : 'stderr';
    else outFile = r;
  }
  const output = outFile ? openRedirect(host, outFile.target, outFile.append) : null;
  if (output && 'error' in output) return { exit: 1, stdout: '', stderr: `bash: ${outFile!.target}: ${output.error}\n` };
  const [name] = command.words;
  if (name === undefined) return { exit: 0, stdout: '', stderr: '' };
  const ctx: CommandContext = commandContext(lab, host, command.words, run.budget, {
    out: (text) => {
      stdout += text;
      if (!outFile) run.sink?.('stdout', text);
    },
    err: (text) => {
      if (errTarget === 'stdout') ctx.out(text);
      else if (errTarget === 'stderr') {
        stderr += text;
        run.sink?.('stderr', text);
      }
    },
  });
  const impl = COMMANDS.get(name);
  let exit: number;
  if (!impl) {
    ctx.err(`bash: ${name}: command not found\n`);
    exit = 127;
  } else {
    try {
      const outcome = impl(ctx);
      if (typeof outcome === 'number') exit = outcome;
      else exit = waitForCommand(run, ctx, outcome);
    } catch (error) {
      if (error instanceof Interrupted || error instanceof BudgetExceeded) throw error;
      // A bug in a command must not take the learner's terminal down.
      ctx.err(`${name}: internal simulator error: ${(error as Error).message}\n`);
      exit = 70;
    }
  }
  if (output) {
    const error = output.write(stdout);
    stdout = '';
    if (error) {
      stderr += `bash: ${name}: write error: ${error}\n`;
      exit = 1;
    }
  }
  return { exit, stdout, stderr };
}

/**
 * Opens `> target` or `>> target` as bash does before the command runs
 * (open(2) with O_CREAT, and O_TRUNC for `>`): an error text, or where the
 * command's output goes (a write to /proc/sys sets the sysctl).
 */
export function openRedirect(host: Host, target: string, append: boolean): { error: string } | { write(text: string): string | null } {
  const path = absolutePath(host, target);
  const opened = host.fs.write(path, '', { append });
  if (!opened.ok) return { error: FS_ERRNO_TEXT[opened.errno] };
  return {
    write: (text) => {
      if (text === '') return null;
      const written = host.fs.write(path, text, { append: true });
      return written.ok ? null : FS_ERRNO_TEXT[written.errno];
    },
  };
}

/**
 * Runs a command that takes virtual time. Ctrl-C reaches it as SIGINT would:
 * the terminal echoes ^C, the command prints what it prints when interrupted
 * (ping's summary) and its status is kept; the rest of the line is abandoned.
 * (bash would go on with a loop whose command exited normally after SIGINT;
 * the lab's Ctrl-C always gives the prompt back.)
 */
function waitForCommand(run: ShellRun, ctx: CommandContext, command: RunningCommand): number {
  try {
    run.lab.waitFor(command);
    return command.exitCode;
  } catch (error) {
    if (!(error instanceof Interrupted)) throw error;
    ctx.out('^C');
    command.interrupt();
    if (!command.done) command.exitCode = 130;
    run.interruptedExit = command.exitCode;
    return command.exitCode;
  }
}
