// The lab shell: parses a command line, runs each command on the host,
// applies redirections (echo V > /proc/sys/...), and joins ; && ||.
import type { CommandResult } from '../api.ts';
import type { Host } from '../host/host.ts';
import type { Lab } from '../lab.ts';
import { COMMANDS } from './commands/index.ts';
import { IPVSADM_RULES_FILE } from './commands/ipvsadm.ts';
import type { CommandContext } from './context.ts';
import { procSysPathToKey } from './proc.ts';
import { arith, braceExpand, parseScript, ShellSyntaxError, type CommandNode, type ListNode, type Word } from './script.ts';

/** A simple command after expansion: its words, and where its output goes. */
export interface SimpleCommand {
  words: string[];
  /** `> file` / `>> file` for stdout, and 2> for stderr. */
  redirects: Array<{ fd: 1 | 2; target: string; append: boolean } | { fd: 2; toStdout: true }>;
}

const ERRNO_TEXT: Record<string, string> = {
  ENOENT: 'No such file or directory',
  EINVAL: 'Invalid argument',
  EPERM: 'Operation not permitted',
  EROFS: 'Read-only file system',
};

/** Shell variables of each host's terminal (VIP=… typed once stays for later lines). */
const shellVariables = new WeakMap<Host, Map<string, string>>();

/** Loops stop after this many iterations (bash would go on; a lab terminal must come back). */
export const LOOP_LIMIT = 100_000;
const MAX_SUBST_DEPTH = 16;

interface ShellRun {
  lab: Lab;
  host: Host;
  vars: Map<string, string>;
  stdout: string;
  stderr: string;
  exit: number;
  depth: number;
}

export function runCommandLine(lab: Lab, host: Host, line: string): CommandResult {
  let vars = shellVariables.get(host);
  if (!vars) shellVariables.set(host, (vars = new Map()));
  const run: ShellRun = { lab, host, vars, stdout: '', stderr: '', exit: Number(vars.get('?') ?? 0), depth: 0 };
  const parsed = parseScript(line);
  if (!parsed.ok) {
    vars.set('?', '2');
    return { exit: 2, stdout: '', stderr: `bash: ${parsed.error}\n` };
  }
  try {
    runList(run, parsed.list);
  } catch (error) {
    if (!(error instanceof ShellSyntaxError)) throw error;
    run.stderr += `bash: ${error.message}\n`;
    run.exit = 1;
  }
  vars.set('?', String(run.exit));
  return { exit: run.exit, stdout: run.stdout, stderr: run.stderr };
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

function runNode(run: ShellRun, node: CommandNode): void {
  if (node.type === 'for') {
    const items = node.items === null ? [] : node.items.flatMap((w) => expandWord(run, w));
    run.exit = 0;
    for (const [i, item] of items.entries()) {
      if (i >= LOOP_LIMIT) return loopLimit(run);
      run.vars.set(node.name, item);
      runList(run, node.body);
    }
    return;
  }
  if (node.type === 'arith-for') {
    run.exit = 0;
    arith(node.init, run.vars);
    for (let i = 0; node.cond === '' || arith(node.cond, run.vars) !== 0; i++) {
      if (i >= LOOP_LIMIT) return loopLimit(run);
      runList(run, node.body);
      arith(node.step, run.vars);
    }
    return;
  }
  const values = node.assignments.map((a) => [a.name, expandWord(run, a.value, false).join(' ')] as const);
  const words = node.words.flatMap((w) => expandWord(run, w));
  const redirects: SimpleCommand['redirects'] = node.redirects.map((r) => ('toStdout' in r ? r : { fd: r.fd, append: r.append, target: expandWord(run, r.target, false).join(' ') }));
  if (words.length === 0) {
    for (const [name, value] of values) run.vars.set(name, value);
    run.exit = 0;
    if (redirects.length === 0) return;
  }
  const result = runSimple(run.lab, run.host, { words, redirects });
  run.stdout += result.stdout;
  run.stderr += result.stderr;
  run.exit = result.exit;
}

function loopLimit(run: ShellRun): void {
  run.stderr += `bash: loop stopped after ${LOOP_LIMIT} iterations (the lab shell's limit)\n`;
  run.exit = 1;
}

/** Expands one word: variables, command substitution, then (unquoted) field splitting and brace expansion. */
function expandWord(run: ShellRun, word: Word, split = true): string[] {
  if (split && word.every((p) => p.kind === 'text' && !p.quoted)) {
    const text = word.map((p) => (p as { text: string }).text).join('');
    return braceExpand(text);
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
  if (run.depth >= MAX_SUBST_DEPTH) {
    run.stderr += 'bash: command substitution nested too deeply\n';
    return '';
  }
  const parsed = parseScript(script);
  if (!parsed.ok) {
    run.stderr += `bash: command substitution: ${parsed.error}\n`;
    run.exit = 2;
    return '';
  }
  const inner: ShellRun = { ...run, stdout: '', stderr: '', depth: run.depth + 1 };
  runList(inner, parsed.list);
  run.stderr += inner.stderr;
  run.exit = inner.exit;
  return inner.stdout.replace(/\n+$/, '');
}

function runSimple(lab: Lab, host: Host, command: SimpleCommand): CommandResult {
  let stdout = '';
  let stderr = '';
  let outFile: { target: string; append: boolean } | null = null;
  let errTarget: 'stderr' | 'stdout' | 'null' = 'stderr';
  for (const r of command.redirects) {
    if ('toStdout' in r) errTarget = 'stdout';
    else if (r.fd === 2) errTarget = r.target === '/dev/null' ? 'null' : 'stderr';
    else outFile = r;
  }
  // The shell opens a redirection target before the command runs.
  // /etc/ipvsadm.rules is the lab's one writable file, for ipvsadm -S and -R.
  if (outFile && outFile.target !== '/dev/null' && outFile.target !== IPVSADM_RULES_FILE) {
    const key = procSysPathToKey(outFile.target);
    const exists = key !== null && host.sysctl.read(key) !== 'ENOENT';
    if (!exists) {
      const why = outFile.target.startsWith('/proc/') ? ERRNO_TEXT.ENOENT : ERRNO_TEXT.EROFS;
      return { exit: 1, stdout: '', stderr: `bash: ${outFile.target}: ${why}\n` };
    }
  }
  const [name] = command.words;
  if (name === undefined) return { exit: 0, stdout: '', stderr: '' };
  const ctx: CommandContext = {
    lab,
    host,
    argv: command.words,
    out: (text) => (stdout += text),
    err: (text) => {
      if (errTarget === 'stdout') stdout += text;
      else if (errTarget === 'stderr') stderr += text;
    },
  };
  const impl = COMMANDS.get(name);
  let exit: number;
  if (!impl) {
    ctx.err(`bash: ${name}: command not found\n`);
    exit = 127;
  } else {
    try {
      const outcome = impl(ctx);
      if (typeof outcome === 'number') exit = outcome;
      else {
        lab.waitFor(outcome);
        exit = outcome.exitCode;
      }
    } catch (error) {
      // A bug in a command must not take the learner's terminal down.
      ctx.err(`${name}: internal simulator error: ${(error as Error).message}\n`);
      exit = 70;
    }
  }
  if (outFile) {
    const text = stdout;
    stdout = '';
    if (outFile.target === IPVSADM_RULES_FILE) host.ipvs.rulesFile = (outFile.append ? (host.ipvs.rulesFile ?? '') : '') + text;
    else if (outFile.target !== '/dev/null') {
      const key = procSysPathToKey(outFile.target)!;
      const error = host.sysctl.write(key, text);
      if (error) {
        stderr += `bash: ${name}: write error: ${ERRNO_TEXT[error] ?? error}\n`;
        exit = 1;
      }
    }
  }
  return { exit, stdout, stderr };
}
