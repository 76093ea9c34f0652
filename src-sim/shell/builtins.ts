// bash's builtins that change or read the shell itself: cd, pwd, export,
// unset, shift, exit, return, local, source/., set, test/[, read, eval,
// break/continue, let, type, history, help, clear, true/false/:, and
// `bash`/`sh` running a script or a -c string. Each prints what bash 5.2 (or
// dash, for sh) prints.
import { ShellSyntaxError } from './script.ts';
import { COMMANDS } from './commands/index.ts';
import { directoryError, pathInfo, readFile, resolvePath } from './shell-files.ts';
import type { Shell } from './shell.ts';
import { ExitSignal, LoopSignal, parseCached, ReturnSignal, shellQuote, write, type Io } from './shell-runtime.ts';
import type { Lab } from '../lab.ts';
import type { Host } from '../host/host.ts';
import { runTest } from './test-expr.ts';
import { JOB_BUILTINS } from './job-builtins.ts';

export type Builtin = (shell: Shell, argv: string[], io: Io) => number;

/** Lab commands that are builtins in bash (their command files print them). */
const BUILTIN_COMMANDS = new Set(['echo', 'printf']);

/** Whether bash runs `name` itself (its errors then start with `bash: name:`). */
export function isShellBuiltin(name: string): boolean {
  return BUILTINS.has(name) || BUILTIN_COMMANDS.has(name);
}

const KEYWORDS = new Set(['if', 'then', 'else', 'elif', 'fi', 'case', 'esac', 'for', 'select', 'while', 'until', 'do', 'done', 'in', 'function', 'time', '{', '}', '!', '[[', ']]', 'coproc']);

/** POSIX special builtins: NAME=value before them stays set, and a function cannot hide them. */
export const SPECIAL_BUILTINS = new Set([':', '.', 'break', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'unset']);

/** Where Debian 12 keeps each lab command (root's PATH), as `type` prints it. */
const SBIN = new Set(['arp', 'ifconfig', 'ip', 'ipvsadm', 'ipvsadm-save', 'ipvsadm-restore', 'keepalived', 'modprobe', 'route', 'sysctl', 'service', 'arping']);
function commandPath(name: string): string {
  return SBIN.has(name) ? `/usr/sbin/${name}` : `/usr/bin/${name}`;
}

function integerArg(text: string): number | null {
  return /^[+-]?\d+$/.test(text) ? Number(text) : null;
}

const cd: Builtin = (shell, argv, io) => {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
  if (args.length > 1) {
    shell.error(io, 'cd: too many arguments');
    return 1;
  }
  let target = args[0] ?? shell.lookup('HOME') ?? '/root';
  if (target === '-') {
    const old = shell.lookup('OLDPWD');
    if (old === undefined) {
      shell.error(io, 'cd: OLDPWD not set');
      return 1;
    }
    target = old;
    write(io, 1, `${old}\n`);
  }
  const path = resolvePath(shell.host, shell.cwd, target);
  const why = directoryError(shell.host, path);
  if (why) {
    shell.error(io, `cd: ${target}: ${why}`);
    return 1;
  }
  shell.setVar('OLDPWD', shell.cwd);
  shell.setVar('PWD', path);
  return 0;
};

const pwd: Builtin = (shell, _argv, io) => {
  write(io, 1, `${shell.cwd}\n`);
  return 0;
};

const exportBuiltin: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  const unexport = args[0] === '-n';
  if (args[0] === '-p' || args[0] === '-n' || args[0] === '-f') args.shift();
  if (args.length === 0) {
    for (const name of [...shell.state.exported].sort()) {
      const value = shell.lookup(name);
      write(io, 1, value === undefined ? `declare -x ${name}\n` : `declare -x ${name}="${value.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  let status = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    const name = eq < 0 ? arg : arg.slice(0, eq);
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      shell.error(io, `export: \`${arg}': not a valid identifier`);
      status = 1;
      continue;
    }
    if (eq >= 0) shell.setVar(name, arg.slice(eq + 1));
    if (unexport) shell.state.exported.delete(name);
    else shell.state.exported.add(name);
  }
  return status;
};

const unset: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  let functions = false;
  while (args[0] === '-f' || args[0] === '-v') functions = args.shift() === '-f';
  let status = 0;
  for (const name of args) {
    if (functions) {
      shell.state.functions.delete(name);
      continue;
    }
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) {
      shell.error(io, `unset: \`${name}': not a valid identifier`);
      status = 1;
      continue;
    }
    shell.vars.delete(name);
    shell.state.exported.delete(name);
  }
  return status;
};

const shift: Builtin = (shell, argv, io) => {
  const n = argv[1] === undefined ? 1 : integerArg(argv[1]);
  if (n === null) {
    shell.error(io, `shift: ${argv[1]}: numeric argument required`);
    return 1;
  }
  if (n < 0) {
    shell.error(io, `shift: ${argv[1]}: shift count out of range`);
    return 1;
  }
  if (n > shell.positional.length) return 1;
  shell.positional = shell.positional.slice(n);
  return 0;
};

const exit: Builtin = (shell, argv, io) => {
  if (argv[1] === undefined) throw new ExitSignal(shell.exit);
  const n = integerArg(argv[1]);
  if (n === null) {
    shell.error(io, `exit: ${argv[1]}: numeric argument required`);
    throw new ExitSignal(2);
  }
  if (argv.length > 2) {
    shell.error(io, 'exit: too many arguments');
    return 1;
  }
  throw new ExitSignal(((n % 256) + 256) % 256);
};

/**
 * exec COMMAND [ARGS]: the shell is replaced by the command, so nothing after
 * it runs and the shell's status is the command's (`bash -c "exec
 * ipvsadm-restore < FILE"`, as Rocky's ipvsadm.service runs it). Without a
 * command only its redirections would stay for the rest of the shell, which
 * the lab does not keep.
 */
const execBuiltin: Builtin = (shell, argv, io) => {
  if (argv.length < 2) return 0;
  shell.invoke(argv.slice(1), io);
  throw new ExitSignal(shell.exit);
};

const returnBuiltin: Builtin = (shell, argv, io) => {
  if (shell.functionDepth === 0 && shell.sourceDepth === 0) {
    shell.error(io, "return: can only `return' from a function or sourced script");
    return 2;
  }
  const n = argv[1] === undefined ? shell.exit : integerArg(argv[1]);
  if (n === null) {
    shell.error(io, `return: ${argv[1]}: numeric argument required`);
    throw new ReturnSignal(2);
  }
  throw new ReturnSignal(((n % 256) + 256) % 256);
};

const local: Builtin = (shell, argv, io) => {
  if (shell.functionDepth === 0) {
    shell.error(io, 'local: can only be used in a function');
    return 1;
  }
  for (const arg of argv.slice(1)) {
    if (arg.startsWith('-')) continue;
    const eq = arg.indexOf('=');
    shell.makeLocal(eq < 0 ? arg : arg.slice(0, eq), eq < 0 ? undefined : arg.slice(eq + 1));
  }
  return 0;
};

const source: Builtin = (shell, argv, io) => {
  const file = argv[1];
  if (file === undefined) {
    shell.error(io, `${argv[0]}: filename argument required`);
    write(io, 2, `${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  const read = readFile(shell.host, resolvePath(shell.host, shell.cwd, file));
  if ('error' in read) {
    shell.error(io, `${file}: ${read.error}`);
    return 1;
  }
  // A file that sources itself: bash's words when SOURCENEST is set (unset, bash recurses until it crashes); this source fails, the rest goes on.
  if (!shell.budget.canNest) {
    shell.error(io, `${file}: maximum source nesting level exceeded (${shell.budget.limits.depth})`);
    return 1;
  }
  const savedPositional = shell.positional;
  if (argv.length > 2) shell.positional = argv.slice(2);
  shell.sourceDepth++;
  try {
    shell.budget.nested("loops and substitutions nested too deeply (the lab shell's limit)", () => {
      try {
        shell.runSource(read.text, io);
      } catch (error) {
        if (!(error instanceof ReturnSignal)) throw error;
        shell.exit = error.code;
      }
    });
  } finally {
    shell.sourceDepth--;
    if (argv.length > 2) shell.positional = savedPositional;
  }
  return shell.exit;
};

const OPTION_LETTERS = { e: 'errexit', x: 'xtrace', u: 'nounset' } as const;
const OPTION_NAMES = new Set(['errexit', 'xtrace', 'nounset', 'pipefail']);

const set: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  if (args.length === 0) {
    for (const [name, value] of [...shell.vars].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
      if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) write(io, 1, `${name}=${shellQuote(value)}\n`);
    }
    return 0;
  }
  while (args.length > 0) {
    const arg = args[0]!;
    if (arg === '--') {
      args.shift();
      shell.positional = args.splice(0);
      return 0;
    }
    if ((arg === '-o' || arg === '+o') && args.length > 1) {
      const name = args[1]!;
      if (!OPTION_NAMES.has(name)) {
        shell.error(io, `set: ${name}: invalid option name`);
        return 1;
      }
      shell.state.options[name as keyof typeof shell.state.options] = arg === '-o';
      args.splice(0, 2);
      continue;
    }
    if (/^[-+][A-Za-z]+$/.test(arg)) {
      for (const letter of arg.slice(1)) {
        const name = OPTION_LETTERS[letter as keyof typeof OPTION_LETTERS];
        if (name) shell.state.options[name] = arg[0] === '-';
        else if (!'hBHmbfnvkTECPpt'.includes(letter)) {
          shell.error(io, `set: ${arg[0]}${letter}: invalid option`);
          write(io, 2, 'set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n');
          return 2;
        }
      }
      args.shift();
      continue;
    }
    shell.positional = args.splice(0);
    return 0;
  }
  return 0;
};

const test: Builtin = (shell, argv, io) => {
  let args = argv.slice(1);
  if (argv[0] === '[') {
    if (args.at(-1) !== ']') {
      shell.error(io, "[: missing `]'");
      return 2;
    }
    args = args.slice(0, -1);
  }
  const outcome = runTest(args, { file: (path) => pathInfo(shell.host, resolvePath(shell.host, shell.cwd, path)), isSet: (name) => shell.lookup(name) !== undefined });
  if (outcome.status === 2) shell.error(io, `${argv[0]}: ${outcome.error}`);
  return outcome.status;
};

const read: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  let raw = false;
  while (args[0]?.startsWith('-') && args[0].length > 1) {
    const option = args.shift()!;
    if (option === '-r') raw = true;
    else if (option === '-p') write(io, 2, args.shift() ?? '');
    else if (option === '-s') continue;
    else {
      shell.error(io, `read: ${option}: invalid option`);
      write(io, 2, 'read: usage: read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]\n');
      return 2;
    }
  }
  const names = args.length > 0 ? args : ['REPLY'];
  const input = io.stdin;
  // The terminal has nothing typed ahead: end of file at once.
  if (input === null || input.pos >= input.text.length) {
    for (const name of names) shell.setVar(name, '');
    return 1;
  }
  let line = '';
  let complete = false;
  while (input.pos < input.text.length) {
    const c = input.text[input.pos++]!;
    if (c === '\n') {
      complete = true;
      break;
    }
    if (c === '\\' && !raw) {
      const next = input.text[input.pos++];
      if (next === '\n' || next === undefined) continue;
      line += `\uE000${next}`;
      continue;
    }
    line += c;
  }
  // IFS= read keeps the line whole, leading and trailing blanks included.
  if (shell.lookup('IFS') === '') {
    names.forEach((name, i) => shell.setVar(name, i === 0 ? line.replace(/\uE000/g, '') : ''));
    return complete ? 0 : 1;
  }
  // Split at blanks (IFS), the last name taking the rest; escaped characters (\0 marked) never split.
  const fields: string[] = [];
  let rest = line.replace(/^[ \t]+/, '');
  for (let i = 0; i < names.length - 1 && rest !== ''; i++) {
    const m = /^((?:\uE000[^]|[^ \t])*)[ \t]*/.exec(rest)!;
    fields.push(m[1]!);
    rest = rest.slice(m[0].length);
  }
  fields.push(rest.replace(/(?<!\uE000)[ \t]+$/, ''));
  names.forEach((name, i) => shell.setVar(name, (fields[i] ?? '').replace(/\uE000/g, '')));
  return complete ? 0 : 1;
};

const evalBuiltin: Builtin = (shell, argv, io) => {
  const text = argv.slice(1).join(' ');
  const parsed = parseCached(text);
  if (!parsed.ok) {
    shell.error(io, `eval: ${parsed.error}`);
    return 2;
  }
  // eval of eval…: bash's words when EVALNEST is set; this eval fails, the rest goes on.
  if (!shell.budget.canNest) {
    shell.error(io, `eval: maximum eval nesting level exceeded (${shell.budget.limits.depth})`);
    return 1;
  }
  shell.budget.nested("loops and substitutions nested too deeply (the lab shell's limit)", () => shell.runList(parsed.list, io));
  return shell.exit;
};

function loopControl(kind: 'break' | 'continue'): Builtin {
  return (shell, argv, io) => {
    const n = argv[1] === undefined ? 1 : integerArg(argv[1]);
    if (n === null || n < 1) {
      shell.error(io, `${kind}: ${argv[1]}: ${n === null ? 'numeric argument required' : 'loop count out of range'}`);
      return 1;
    }
    if (shell.loopDepth === 0) {
      shell.error(io, `${kind}: only meaningful in a \`for', \`while', or \`until' loop`);
      return 0;
    }
    throw new LoopSignal(kind, Math.min(n, shell.loopDepth));
  };
}

const letBuiltin: Builtin = (shell, argv, io) => {
  if (argv.length < 2) {
    shell.error(io, 'let: expression expected');
    return 1;
  }
  let value = 0;
  for (const expr of argv.slice(1)) {
    try {
      value = shell.arith(expr);
    } catch (error) {
      if (!(error instanceof ShellSyntaxError)) throw error;
      shell.error(io, `let: ${error.message}`);
      return 1;
    }
  }
  return value === 0 ? 1 : 0;
};

const type: Builtin = (shell, argv, io) => {
  const args = argv.slice(1);
  const terse = args[0] === '-t';
  if (terse || args[0] === '-a' || args[0] === '-p' || args[0] === '-P') args.shift();
  let status = 0;
  for (const name of args) {
    const fn = shell.state.functions.get(name);
    if (KEYWORDS.has(name)) write(io, 1, terse ? 'keyword\n' : `${name} is a shell keyword\n`);
    else if (fn) write(io, 1, terse ? 'function\n' : `${name} is a function\n${fn.source}\n`);
    else if (BUILTINS.has(name) || BUILTIN_COMMANDS.has(name)) write(io, 1, terse ? 'builtin\n' : `${name} is a shell builtin\n`);
    else if (COMMANDS.has(name)) write(io, 1, terse ? 'file\n' : `${name} is ${commandPath(name)}\n`);
    else {
      if (!terse) shell.error(io, `type: ${name}: not found`);
      status = 1;
    }
  }
  return status;
};


/** The lines typed on a host's terminal since the learner started, as `history` numbers them. */
function typedLines(lab: Lab, host: Host): string[] {
  return lab.learnerSteps.flatMap((step) => ('run' in step && step.host === host.name ? [step.run] : []));
}

const history: Builtin = (shell, argv, io) => {
  const lines = typedLines(shell.lab, shell.host);
  const count = argv[1] === undefined ? lines.length : integerArg(argv[1]);
  if (count === null) {
    shell.error(io, `history: ${argv[1]}: numeric argument required`);
    return 1;
  }
  const first = Math.max(0, lines.length - count);
  for (let i = first; i < lines.length; i++) write(io, 1, `${String(i + 1).padStart(5)}  ${lines[i]}\n`);
  return 0;
};

const HELP = [
  'LVS-DR Lab shell (bash 5.2 subset). These shell commands are defined internally.',
  "The app's own help (lessons, keys, what each panel shows) is under Help in the menu.",
  '',
  ' Lists:      a ; b    a && b    a || b    a | b    a |& b    ! a    a &',
  ' Grouping:   { a; b; }    ( a; b )    f() { ...; }    function f { ...; }',
  ' Compound:   if ...; then ...; elif ...; else ...; fi    case WORD in a|b) ...;; *) ...;; esac',
  '             for NAME in WORDS; do ...; done    for ((i=0; i<N; i++)); do ...; done',
  '             while ...; do ...; done    until ...; do ...; done    (( expr ))    [[ expr ]]',
  ' Expansion:  $v ${v:-x} ${v:=x} ${#v} ${v#p} ${v%p} ${v/p/r} $(cmd) `cmd` $((1+2)) {1..5} * ? [..]',
  '             $0 $1..$9 ${10} $# $@ $* "$@" $? $$ $! ~',
  " Redirects:  < > >> 2> 2>> &> 2>&1 >&2 N>&M <<EOF <<'EOF' <<-EOF <<< word",
  ' Builtins:   cd pwd echo true false : test [ export unset shift set (-e -x -u -o pipefail)',
  '             read local return exit source . eval let break continue type history help clear',
  ' Jobs:       a &    jobs [-l]    fg [%N]    wait [%N|PID]    kill [-SIG] PID|%N    kill -l',
  ' Scripts:    bash x.sh ARGS    sh x.sh    ./x.sh (after chmod +x)    source x.sh',
  ' Commands:   ',
].join('\n');

const help: Builtin = (_shell, argv, io) => {
  if (argv.length > 1) {
    write(io, 2, `bash: help: no help topics match \`${argv[1]}'.  Try \`help help' or \`man -k ${argv[1]}' or \`info ${argv[1]}'.\n`);
    return 1;
  }
  write(io, 1, `${HELP}${[...COMMANDS.keys()].sort().join(' ')}\n`);
  return 0;
};

const clear: Builtin = (_shell, _argv, io) => {
  write(io, 1, '\u001b[H\u001b[2J\u001b[3J');
  return 0;
};

/** `bash [-c STRING | FILE] ARGS…` and `sh …`: a new shell for a script or a command string. */
function shellCommand(dash: boolean): Builtin {
  return (shell, argv, io) => {
    const args = argv.slice(1);
    const options = { errexit: false, xtrace: false, command: false };
    while (args[0] !== undefined && /^[-+][exc]+$/.test(args[0])) {
      const arg = args.shift()!;
      if (arg.includes('e')) options.errexit = arg[0] === '-';
      if (arg.includes('x')) options.xtrace = arg[0] === '-';
      if (arg.includes('c')) options.command = true;
    }
    const self = dash ? 'sh' : 'bash';
    if (options.command) {
      const text = args.shift();
      if (text === undefined) {
        write(io, 2, dash ? 'sh: 0: -c requires an argument\n' : 'bash: -c: option requires an argument\n');
        return 2;
      }
      return shell.runScript(args[0] ?? self, text, args.slice(1), io, dash, { ...options, commandString: true });
    }
    const file = args.shift();
    if (file === undefined) {
      write(io, 2, `${self}: the lab terminal is already a shell; a nested interactive ${self} is not simulated (run a script: ${self} x.sh)\n`);
      return 1;
    }
    const read = readFile(shell.host, resolvePath(shell.host, shell.cwd, file));
    if ('error' in read) {
      if (dash) write(io, 2, `sh: 0: cannot open ${file}: No such file\n`);
      else write(io, 2, `bash: ${file}: ${read.error}\n`);
      return dash ? 2 : 127;
    }
    return shell.runScript(file, read.text, args, io, dash, { ...options, commandString: false });
  };
}

export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ['cd', cd],
  ['pwd', pwd],
  ['export', exportBuiltin],
  ['unset', unset],
  ['shift', shift],
  ['exit', exit],
  ['exec', execBuiltin],
  ['return', returnBuiltin],
  ['local', local],
  ['source', source],
  ['.', source],
  ['set', set],
  ['test', test],
  ['[', test],
  ['read', read],
  ['eval', evalBuiltin],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  ['let', letBuiltin],
  ['type', type],
  ['history', history],
  ['help', help],
  ['clear', clear],
  ['true', () => 0],
  ['false', () => 1],
  [':', () => 0],
  ...JOB_BUILTINS,
  ['bash', shellCommand(false)],
  ['sh', shellCommand(true)],
  ['dash', shellCommand(true)],
]);
